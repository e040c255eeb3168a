// The demo's Business Central page: both control add-ins as Business Central hosts them, on a simulated web client and
// AL that serve them from the demo's host, with the bridge's traffic logged beside them.
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { localized } from '../src/elements/localization.js';
import { servedAs, SimulatedBusinessCentral, type AddInFiles } from '../test/support/simulated-al.js';
import { logEntry, type AddInName, type BridgeLogEntry } from './bridge-log.js';
import { SCREENS, type Screen } from './screens.js';
import type { DemoHost } from './server-host.js';
import { words } from './words.js';

/** The log keeps the newest calls only. */
const LOG_LIMIT = 500;
/** A detail up to this long shows as it is; a longer one is folded. */
const SHORT_DETAIL = 160;

/**
 * The built add-ins by name, as `bc/add-ins.json` beside the page lists them; one that `npm run build` has not made is
 * missing. The dev server makes that file from dist/bc at each request and the static build writes it
 * (`builtAddIns` in vite.config.ts), so a build made while `npm start` runs shows on the next reload.
 */
async function builtAddIns(): Promise<Partial<Record<AddInName, AddInFiles>>> {
  // A static server without the file, or one that answers every path with the page, has no add-ins to give.
  return fetch(`${import.meta.env.BASE_URL}bc/add-ins.json`, { cache: 'no-store' })
    .then((answer) => (answer.ok ? answer.json() : {}))
    .catch(() => ({}));
}

@customElement('demo-business-central')
export class DemoBusinessCentral extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    .page {
      display: grid;
      gap: 1.5rem;
      grid-template-columns: minmax(0, 1fr) minmax(20rem, 30rem);
      align-items: start;
    }
    /* A phone's or a tablet's client: its add-ins as wide as its screen, the log beside them taking the rest. */
    .page.framed {
      grid-template-columns: minmax(0, calc(var(--add-in-width) + 2.75rem)) minmax(20rem, 1fr);
    }
    @media (max-width: 60rem) {
      .page,
      .page.framed {
        grid-template-columns: minmax(0, 1fr);
      }
    }
    section,
    aside {
      background: #fff;
      border: 1px solid #d5d8dc;
      border-radius: 0.375rem;
      padding: 1rem 1.25rem;
    }
    @media (max-width: 30rem) {
      section,
      aside {
        padding: 0.75rem;
      }
    }
    .add-ins {
      display: grid;
      gap: 1.5rem;
    }
    h2 {
      margin: 0 0 0.75rem;
      font-size: 1.125rem;
    }
    p {
      margin: 0 0 0.75rem;
    }
    iframe {
      display: block;
      box-sizing: border-box;
      width: 100%;
      border: 1px dashed #8a9099;
      background: #fff;
    }
    /* The add-in's own width (its window's) is the screen's: the dashed edge is drawn outside it. */
    .framed iframe {
      width: calc(var(--add-in-width) + 2px);
      max-width: 100%;
    }
    iframe[data-add-in='ChangePinCode'] {
      height: 9rem;
    }
    iframe[data-add-in='UserSetup'] {
      height: 40rem;
    }
    aside {
      position: sticky;
      top: 0;
      max-height: calc(100vh - 3rem);
      display: flex;
      flex-direction: column;
    }
    .log-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: center;
      margin-bottom: 0.5rem;
    }
    .log-actions label {
      display: flex;
      gap: 0.5rem;
      align-items: center;
    }
    button,
    input {
      font: inherit;
    }
    button {
      min-height: 2.5rem;
    }
    .log {
      overflow: auto;
      font-size: 0.8125rem;
      container-type: inline-size;
    }
    /*
     * A log as narrow as a phone's screen: every long word breaks ("MobileFlowResponse", "tilføjelsesprogram"), so that
     * the table fits. A wider log breaks none, and keeps "Status" and a time whole.
     */
    @container (max-width: 24rem) {
      table {
        overflow-wrap: anywhere;
      }
    }
    table {
      border-collapse: collapse;
      width: 100%;
    }
    th,
    td {
      text-align: start;
      vertical-align: top;
      padding: 0.125rem 0.375rem;
    }
    thead th {
      position: sticky;
      top: 0;
      background: #fff;
      border-bottom: 1px solid #d5d8dc;
    }
    tbody tr.call > * {
      border-top: 1px solid #eceef1;
    }
    td.detail {
      padding-top: 0;
      color: #3d4249;
    }
    code {
      font:
        0.75rem/1.4 ui-monospace,
        monospace;
      overflow-wrap: anywhere;
    }
    details summary {
      cursor: pointer;
    }
    .note {
      color: #5a5f66;
      font-style: italic;
    }
  `;

  /** The demo's host, which AL serves the add-ins' requests from. */
  host!: Pick<DemoHost, 'baseUrl' | 'fetch' | 'tokenFor'>;
  /** The user signed in to the web client: AL acts as them, and another user gets fresh add-ins. */
  @property() userId = '';
  /** The screen of the client the add-ins are shown in: a phone's or a tablet's client starts them afresh, that wide. */
  @property() screen: Screen = 'desktop';

  /** Every call across the bridge, oldest first, PIN codes masked. */
  @state() private log: BridgeLogEntry[] = [];
  @state() private keepBusy = false;
  /** The web client refuses the add-ins' calls, as Business Central does with an add-in it finds slow. */
  @state() private refuseCalls = false;
  /** AL fails with an error in each request, which the handler traps into a 500. */
  @state() private failInAl = false;
  /** The built add-ins, once read; undefined for one that is not built. */
  @state() private files?: Partial<Record<AddInName, AddInFiles>>;

  /** The web client and its AL, as the signed-in user. */
  #webClient?: SimulatedBusinessCentral<AddInName>;
  /** The iframe each add-in was loaded into last: a new one (another user) is loaded again. */
  readonly #loaded = new Map<AddInName, HTMLIFrameElement>();

  constructor() {
    super();
    localized(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void builtAddIns().then((files) => (this.files = files));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#webClient?.close();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('userId') || changed.has('screen')) {
      this.#webClient?.close();
      this.#webClient = new SimulatedBusinessCentral<AddInName>({
        baseUrl: this.host.baseUrl,
        serve: servedAs(this.host, this.userId),
        // As Business Central does, and slow enough to see the web client busy.
        oneAtATime: true,
        delayMs: () => 40 + Math.random() * 120,
        userName: this.userId,
        deviceCategory: SCREENS[this.screen].deviceCategory,
        languageTag: document.documentElement.lang,
        rejects: () => this.refuseCalls,
        failsInAl: () => (this.failInAl ? words().alErrorText : undefined),
        observe: (call) => (this.log = [...this.log.slice(1 - LOG_LIMIT), logEntry(call)]),
      });
      this.#webClient.holdBusy(this.keepBusy);
    }
  }

  protected override updated(changed: PropertyValues): void {
    // AL follows the page's language: the web client gives it to the add-ins with SetLanguage.
    this.#webClient?.setLanguage(document.documentElement.lang);
    // After render: an iframe gets its window once it is in the document.
    for (const name of ['ChangePinCode', 'UserSetup'] as const)
      this.#load(name, this.renderRoot.querySelector(`iframe[data-add-in="${name}"]`));
    if (changed.has('log')) {
      const log = this.renderRoot.querySelector('.log');
      log?.scrollTo({ top: log.scrollHeight });
    }
  }

  /** Recreates both add-ins as the web client may: each one's startup script runs again in its iframe. */
  #recreate(): void {
    for (const [name, frame] of this.#loaded) {
      const files = this.files?.[name];
      if (files) this.#webClient?.recreate(frame, name, files).catch((error) => console.error(error));
    }
  }

  /** Loads `name` into `frame`, once per iframe: keyed on the user and the screen, each client gets a new iframe. */
  #load(name: AddInName, frame: Element | null): void {
    const files = this.files?.[name];
    if (!(frame instanceof HTMLIFrameElement) || !files || this.#loaded.get(name) === frame) return;
    this.#loaded.set(name, frame);
    this.#webClient!.load(frame, name, files).catch((error) => console.error(error));
  }

  protected override render() {
    const w = words();
    const width = SCREENS[this.screen].width;
    return html`<div class=${width ? 'page framed' : 'page'} style=${width ? `--add-in-width: ${width}px` : nothing}>
      <div class="add-ins">
        <p>${w.businessCentralIntro}</p>
        ${this.renderAddIn('ChangePinCode', w.changePinCodeAddIn)} ${this.renderAddIn('UserSetup', w.userSetupAddIn)}
      </div>
      <aside aria-labelledby="log-heading">
        <h2 id="log-heading">${w.bridgeTraffic}</h2>
        <p>${w.bridgeTrafficNote}</p>
        <div class="log-actions">
          <label
            ><input
              type="checkbox"
              data-keep-busy
              .checked=${this.keepBusy}
              @change=${(event: Event) => {
                this.keepBusy = (event.target as HTMLInputElement).checked;
                this.#webClient?.holdBusy(this.keepBusy);
              }}
            />
            ${w.keepBusy}</label
          >
          <label
            ><input
              type="checkbox"
              data-refuse-calls
              .checked=${this.refuseCalls}
              @change=${(event: Event) => (this.refuseCalls = (event.target as HTMLInputElement).checked)}
            />
            ${w.refuseCalls}</label
          >
          <label
            ><input
              type="checkbox"
              data-fail-in-al
              .checked=${this.failInAl}
              @change=${(event: Event) => (this.failInAl = (event.target as HTMLInputElement).checked)}
            />
            ${w.failInAl}</label
          >
          <button type="button" data-recreate @click=${() => this.#recreate()}>${w.recreateAddIns}</button>
          <button type="button" @click=${() => (this.log = [])}>${w.clearLog}</button>
        </div>
        <div class="log" data-bridge-log tabindex="0" aria-labelledby="log-heading">
          ${this.log.length ? this.renderLog() : html`<p class="note">${w.noTraffic}</p>`}
        </div>
      </aside>
    </div>`;
  }

  private renderAddIn(name: AddInName, heading: string) {
    const w = words();
    return html`<section aria-labelledby="${name}-heading">
      <h2 id="${name}-heading">${heading}</h2>
      ${
        !this.files
          ? nothing
          : this.files[name]
            ? keyed(`${this.userId} ${this.screen}`, html`<iframe data-add-in=${name} title=${heading}></iframe>`)
            : html`<p role="alert">${w.addInNotBuilt(name)}</p>`
      }
    </section>`;
  }

  private renderLog() {
    const w = words();
    const time = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      fractionalSecondDigits: 3,
      hour12: false,
    });
    return html`<table>
      <thead>
        <tr>
          <th scope="col">${w.logTime}</th>
          <th scope="col">${w.logCall}</th>
          <th scope="col">${w.logStatus}</th>
        </tr>
      </thead>
      <tbody>
        ${this.log.map((entry) => {
          const detail = entry.detail;
          const notes = [
            entry.kind === 'event'
              ? w.toAl
              : entry.kind === 'procedure'
                ? w.fromAl
                : entry.kind === 'refused'
                  ? w.refusedByBc
                  : w.busyEnded,
            ...(entry.waited ? [w.waitedWhileBusy] : []),
          ];
          return html`<tr class="call" data-log-entry data-name=${entry.name} data-id=${entry.id ?? nothing}>
              <td>
                <span data-field="time">${time.format(entry.at)}</span><br /><span data-field="add-in"
                  >${entry.addIn}</span
                >
              </td>
              <td>
                <strong data-field="name">${entry.name}</strong> <span class="note">${notes.join('; ')}</span>
                ${entry.id ? html`<br /><code data-field="id">${entry.id}</code>` : nothing}
                ${
                  entry.method
                    ? html`<br /><code
                          ><span data-field="method">${entry.method}</span>
                          <span data-field="path">${entry.path}</span></code
                        >`
                    : nothing
                }
              </td>
              <td data-field="status">
                ${entry.status ?? ''}${entry.ms === undefined ? '' : html`<br />${entry.ms} ms`}
              </td>
            </tr>
            ${
              detail || entry.detailHidden
                ? html`<tr>
                    <td></td>
                    <td class="detail" colspan="2">
                      ${
                        !detail
                          ? html`<span class="note">${w.notShown}</span>`
                          : detail.length <= SHORT_DETAIL
                            ? html`<code data-field="detail">${detail}</code>`
                            : // A page of users is long: folded, and all there when unfolded.
                              html`<details>
                                <summary>${w.longDetail(detail.length)}</summary>
                                <code data-field="detail">${detail}</code>
                              </details>`
                      }
                    </td>
                  </tr>`
                : nothing
            }`;
        })}
      </tbody>
    </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'demo-business-central': DemoBusinessCentral;
  }
}
