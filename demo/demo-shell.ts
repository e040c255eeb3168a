// The demo: a host page as an ERP would have it, with the two elements on the embedded mock host. It provides the
// client through mobileFlowClientContext, as an integrator would.
import { ContextProvider } from '@lit/context';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { MobileFlowError, mobileFlowClientContext, type Resource, type Session, type UserSetup } from '../src/index.js';
import '../src/elements/mf-change-pin-dialog/mf-change-pin-dialog.js';
import '../src/elements/mf-user-setup-table/mf-user-setup-table.js';
import { localized } from '../src/elements/localization.js';
import { errorWords, formatDateTime, pinCodeStatusWords } from '../src/elements/words.js';
import type { MockHost } from '../src/mock/index.js';

type Page = 'overview' | 'setup';
const LANGUAGE_KEY = 'mobile-flow-pin-demo:lang';

@customElement('demo-shell')
export class DemoShell extends LitElement {
  static override styles = css`
    :host {
      display: block;
      min-height: 100vh;
      font:
        16px/1.5 system-ui,
        sans-serif;
      color: #1b1b1b;
      background: #f5f6f8;
    }
    header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem 1rem;
      background: #1f3a5f;
      color: #fff;
      padding: 0.5rem 1.5rem;
    }
    header label {
      display: flex;
      align-items: center;
      gap: 0.5rem;
    }
    select,
    input,
    button {
      font: inherit;
      min-height: 2.5rem;
    }
    nav {
      display: flex;
      gap: 0.25rem;
      padding: 0 1.5rem;
      background: #fff;
      border-bottom: 1px solid #d5d8dc;
    }
    nav a {
      padding: 0.75rem 1rem;
      color: #1f3a5f;
      text-decoration: none;
      border-bottom: 3px solid transparent;
    }
    nav a[aria-current='page'] {
      border-bottom-color: #1f5fa8;
      font-weight: 600;
    }
    main {
      padding: 1.5rem;
      display: grid;
      gap: 1.5rem;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 20rem), 1fr));
      align-items: start;
    }
    main.wide {
      display: block;
    }
    section {
      background: #fff;
      border: 1px solid #d5d8dc;
      border-radius: 0.375rem;
      padding: 1rem 1.25rem;
    }
    h2 {
      margin: 0 0 0.75rem;
      font-size: 1.125rem;
    }
    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 0.25rem 1rem;
      margin: 0;
    }
    dt {
      color: #5a5f66;
    }
    dd {
      margin: 0;
    }
    form {
      display: grid;
      gap: 0.5rem;
    }
    form label {
      display: grid;
      gap: 0.25rem;
      font-weight: 600;
    }
    .banner {
      margin: 0;
      padding: 0.5rem 1.5rem;
      background: #fff4ce;
      border-bottom: 1px solid #e0c46c;
    }
    [role='status'] {
      min-height: 1.5rem;
    }
    .faults {
      display: grid;
      gap: 0.5rem;
    }
    .faults label {
      display: flex;
      align-items: center;
      gap: 0.5rem;
    }
  `;

  /** The mock host; main.ts starts it before this element renders. */
  host!: MockHost;

  @state() private session?: Session;
  @state() private users: UserSetup[] = [];
  @state() private page: Page = location.hash === '#setup' ? 'setup' : 'overview';
  @state() private resource?: Resource;
  @state() private deviceAnswer = '';
  @state() private slowNetwork = false;
  @state() private offline = false;
  @state() private notice = '';

  private provider = new ContextProvider(this, { context: mobileFlowClientContext });

  constructor() {
    super();
    // The Resource card panel uses the elements' words, so it follows the language too.
    localized(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.documentElement.lang = localStorage.getItem(LANGUAGE_KEY) ?? 'en';
    this.provider.setValue(this.host.client);
    addEventListener('hashchange', () => (this.page = location.hash === '#setup' ? 'setup' : 'overview'));
    void this.start(localStorage.getItem('mobile-flow-pin-demo:user') ?? 'ADMIN');
  }

  /**
   * Reads the users for the role switcher once, as the administrator, before any element is on the page: the mock host
   * has one session, and an element loading while it was briefly the administrator's would show their data.
   */
  private async start(userId: string): Promise<void> {
    await this.host.signIn('ADMIN');
    this.users = (await this.host.client.listUserSetups({ top: 1000 })).value;
    await this.signIn(userId);
  }

  private async signIn(userId: string): Promise<void> {
    if (userId === this.session?.userId) return;
    await this.host.signIn(userId);
    localStorage.setItem('mobile-flow-pin-demo:user', userId);
    this.session = await this.host.client.getSession();
    this.deviceAnswer = '';
    await this.loadResource();
  }

  private async loadResource(): Promise<void> {
    this.resource = this.session?.resourceId
      ? await this.host.client.getResource(this.session.resourceId).catch(() => undefined)
      : undefined;
  }

  private async checkOnDevice(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const resourceNo = String(data.get('resourceNo')).trim().toUpperCase();
    const pinCode = String(data.get('pinCode'));
    (form.elements.namedItem('pinCode') as HTMLInputElement).value = '';
    const resourceId = this.users.find((user) => user.resourceNo === resourceNo)?.resourceId;
    if (!resourceId) {
      this.deviceAnswer = `There is no resource ${resourceNo}.`;
      return;
    }
    try {
      const answer = await this.host.client.verifyPinCode(resourceId, { pinCode });
      this.deviceAnswer = !answer.valid
        ? `Wrong PIN code: ${answer.remainingAttempts} attempts left.`
        : answer.mustChange
          ? 'Signed in with a temporary PIN code: the user must change it first.'
          : `Signed in as ${resourceNo}.`;
    } catch (error) {
      this.deviceAnswer =
        error instanceof MobileFlowError && error.code === 'PinCode_Locked' && error.lockedUntil
          ? `Locked until ${formatDateTime(error.lockedUntil)}.`
          : errorWords(error);
    }
  }

  /** As a host would: the page's `lang` says the user's language, and the elements follow it. */
  private setLanguage(tag: string): void {
    document.documentElement.lang = tag;
    localStorage.setItem(LANGUAGE_KEY, tag);
  }

  private setSlow(on: boolean): void {
    this.slowNetwork = on;
    this.host.network.latencyMs = on ? 1500 : 0;
  }

  private setOffline(on: boolean): void {
    this.offline = on;
    this.host.network.offline = on;
  }

  private async resetData(): Promise<void> {
    localStorage.removeItem('mobile-flow-pin-demo:user');
    await this.host.stop({ deleteData: true });
    location.reload();
  }

  protected override render() {
    const session = this.session;
    return html`
      <header>
        <strong>Mobile Flow</strong>
        <label>
          Signed in as
          <select
            aria-label="Sign in as"
            @change=${(event: Event) => this.signIn((event.target as HTMLSelectElement).value)}
          >
            ${this.users.map((user) => html`<option value=${user.userId} ?selected=${user.userId === session?.userId}>${user.displayName} (${user.userId})</option>`)}
          </select>
        </label>
        <label>
          Language
          <select
            data-language
            @change=${(event: Event) => this.setLanguage((event.target as HTMLSelectElement).value)}
          >
            ${[
              ['en', 'English'],
              ['da-DK', 'Dansk'],
            ].map(
              ([tag, name]) =>
                html`<option value=${tag} ?selected=${document.documentElement.lang === tag}>${name}</option>`,
            )}
          </select>
        </label>
        <span data-signed-in=${session?.userId ?? ''}
          >${session ? `${session.displayName}${session.canManageUserSetup ? ' · administrator' : ''}` : ''}</span
        >
      </header>
      ${this.host.transport === 'direct' ? html`<p class="banner" role="status">${this.host.fallbackReason}</p>` : nothing}
      <nav aria-label="Pages">
        <a href="#overview" aria-current=${this.page === 'overview' ? 'page' : 'false'}>Overview</a>
        <a href="#setup" aria-current=${this.page === 'setup' ? 'page' : 'false'}>Mobile Flow User Setup</a>
      </nav>
      ${
        this.page === 'setup'
          ? // keyed: the elements load the session user once, so a new user gets new elements.
            html`<main class="wide">${keyed(session?.userId, html`<mf-user-setup-table></mf-user-setup-table>`)}</main>`
          : this.renderOverview()
      }
    `;
  }

  private renderOverview() {
    const resource = this.resource;
    return html`<main>
      <section>
        <h2>My PIN code</h2>
        ${
          this.session
            ? keyed(
                this.session.userId,
                html`<mf-change-pin-dialog @mf-pin-code-changed=${() => this.loadResource()}></mf-change-pin-dialog>`,
              )
            : nothing
        }
      </section>
      <section aria-labelledby="resource-heading" data-panel="resource">
        <h2 id="resource-heading">Resource card</h2>
        ${
          resource
            ? html`<dl>
                <dt>No.</dt>
                <dd>${resource.number}</dd>
                <dt>Name</dt>
                <dd>${resource.name}</dd>
                <dt>PIN code</dt>
                <dd data-field="pinCodeStatus">
                  ${pinCodeStatusWords({ ...resource, temporaryPinCodeExpiresAt: this.session?.temporaryPinCodeExpiresAt ?? null })}
                </dd>
                <dt>Last change</dt>
                <dd>${resource.pinCodeChangedAt ? formatDateTime(resource.pinCodeChangedAt) : 'Never'}</dd>
              </dl>`
            : html`<p>No Resource card for this user.</p>`
        }
      </section>
      <section aria-labelledby="device-heading" data-panel="device">
        <h2 id="device-heading">Mobile device</h2>
        <form @submit=${this.checkOnDevice}>
          <label
            >Resource No. <input name="resourceNo" autocomplete="off" .value=${this.session?.resourceNo ?? ''}
          /></label>
          <label>PIN code <input name="pinCode" type="password" inputmode="numeric" autocomplete="off" /></label>
          <button type="submit">Sign in on the device</button>
        </form>
        <p role="status" data-device-answer>${this.deviceAnswer}</p>
      </section>
      <section aria-labelledby="faults-heading" class="faults">
        <h2 id="faults-heading">Faults</h2>
        <label
          ><input
            type="checkbox"
            .checked=${this.slowNetwork}
            @change=${(event: Event) => this.setSlow((event.target as HTMLInputElement).checked)}
          />
          Slow network (1.5 s)</label
        >
        <label
          ><input
            type="checkbox"
            .checked=${this.offline}
            @change=${(event: Event) => this.setOffline((event.target as HTMLInputElement).checked)}
          />
          Offline</label
        >
        <button
          type="button"
          @click=${() => {
            this.host.faults.failNextAction = true;
            this.notice = 'The next change fails with a server error.';
          }}
        >
          Fail the next change (server error)
        </button>
        <button type="button" @click=${this.resetData}>Reset demo data</button>
        <p role="status">${this.notice}</p>
      </section>
    </main>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'demo-shell': DemoShell;
  }
}
