import { msg, str } from '@lit/localize';
import { html, LitElement, nothing, type ReactiveElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { MobileFlowClient } from '../../../api/client.js';
import { MobileFlowError } from '../../../api/errors.js';
import type { UserSetup } from '../../../domain/index.js';
import { randomId } from '../../../domain/random-id.js';
import { ModalController } from '../../controllers/modal-controller.js';
import { localized } from '../../localization.js';
import { errorWords, formatDateTime, passwordNeedsPinCodeWords } from '../../words.js';
import { allowPinCodeFirstWords, changedMeanwhileWords, selectedCountWords, userCountWords } from '../words.js';
import { RowChangedEvent, TemporaryPinCodeIssuedEvent, UserSetupChangedEvent } from '../events.js';
import { bulkActionsStyles, printOnlyTheSlips } from './bulk-actions.styles.js';
import { define } from '../../define.js';
import { joinStyles } from '../../shared.styles.js';

/** How many users' calls are in flight at once: a few, so a long selection neither waits in line nor floods the host. */
export const BULK_CALLS_AT_ONCE = 4;

type Setting = 'allowPinCode' | 'passwordMandatory';
/** What the administrator asked of the selected users. */
type BulkAction = { kind: 'issue' } | { kind: 'unlock' } | { kind: 'setting'; setting: Setting; on: boolean };

/** One user's outcome. The cause is kept, the words are made at render (they follow the language). */
type Outcome =
  | { kind: 'working' }
  | { kind: 'issued'; expiresAt: string; shown: boolean }
  | { kind: 'unlocked' }
  | { kind: 'saved' }
  | { kind: 'alreadySo' }
  | { kind: 'changedMeanwhile' }
  | { kind: 'notSent' }
  | { kind: 'failed'; error: unknown };

interface UserResult {
  setup: UserSetup;
  outcome: Outcome;
  /** The Idempotency-Key of an issue that failed on the network: a retry of this user, and only this user, reuses it. */
  retryKey?: string;
}

/** The last bulk action and each user's outcome, keyed by user setup id. */
interface Report {
  action: BulkAction;
  results: Map<string, UserResult>;
  done: boolean;
}

/** An issued code, held only while the view that shows it once is open. */
interface IssuedCode {
  setup: UserSetup;
  pinCode: string;
  expiresAt: string;
}

/** The *Issue temporary PIN codes* modal: confirm for the users named, issue, then show the codes once. */
interface IssueView {
  step: 'confirm' | 'working' | 'shown';
  setups: readonly UserSetup[];
  codes: IssuedCode[];
}

const isFailure = (outcome: Outcome) =>
  outcome.kind === 'failed' || outcome.kind === 'changedMeanwhile' || outcome.kind === 'notSent';
const isPasswordNeedsPinCode = (error: unknown) =>
  error instanceof MobileFlowError && error.code === ('UserSetup_PasswordNeedsPinCode' as string);

/** Runs `act` for every item, at most `atOnce` at a time, in order of the items. `act` must not throw. */
async function fewAtATime<T>(items: readonly T[], act: (item: T) => Promise<void>, atOnce = BULK_CALLS_AT_ONCE) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await act(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(atOnce, items.length) }, lane));
}

/**
 * @internal The table's bulk actions for the selected users: *Issue temporary PIN codes* (one confirmation, a code of
 * their own for each user, shown once in a modal that prints one slip per user and forgets every code when it
 * closes), *Unlock*, and *Allow PIN code* / *Password mandatory* on or off. Each user is one call of their own, a few
 * at a time; each user's outcome is reported on its own and announced in a live region. It renders into the table's
 * shadow root (no shadow root of its own), so the table's styles and parts reach it, and adds `bulkActionsStyles` to
 * that shadow root: the table loads it with the first selection, after its own styles were adopted.
 *
 * Fires `RowChangedEvent` (inside the table) for every user the host answered with a newer copy, and the public
 * `mf-user-setup-changed` / `mf-temporary-pin-code-issued` per user, the latter never with the code.
 */
export class UserSetupBulkActions extends LitElement {
  /** The table's client. */
  @property({ attribute: false }) client?: MobileFlowClient;

  /** The selected users, as the table last saw them. */
  @property({ attribute: false }) selected: readonly UserSetup[] = [];

  @state() private report?: Report;

  /** The *Issue temporary PIN codes* modal. When it closes every code goes with it, and the page prints as it did. */
  readonly #issueView = new ModalController<IssueView>(this, () => printOnlyTheSlips(this, false));

  constructor() {
    super();
    localized(this);
  }

  protected override createRenderRoot() {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    joinStyles(this, bulkActionsStyles);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#issueView.close();
  }

  get #busy(): boolean {
    return this.report !== undefined && !this.report.done;
  }

  #setResult(report: Report, setup: UserSetup, outcome: Outcome, retryKey?: string): void {
    report.results.set(setup.id, { setup, outcome, retryKey });
    // The report is changed in place: a newer action's report replaces it, and then this one renders no more.
    if (this.report === report) this.requestUpdate();
  }

  #start(action: BulkAction, setups: readonly UserSetup[], earlier?: Report): Report {
    const results = new Map<string, UserResult>(earlier?.results);
    for (const setup of setups) results.set(setup.id, { setup, outcome: { kind: 'working' } });
    return (this.report = { action, results, done: false });
  }

  async #finish(report: Report): Promise<void> {
    report.done = true;
    if (this.report === report) this.requestUpdate();
    await this.updateComplete;
  }

  /**
   * The button pressed is gone (Dismiss, or Clear selection with the toolbar): focus goes to the toolbar's first
   * button, else to the table's checkbox for the page, never to the page's body.
   */
  async #keepFocus(): Promise<void> {
    const root = this.getRootNode() as Document | ShadowRoot;
    // The table renders the new selection first, then this element.
    await (root instanceof ShadowRoot ? (root.host as Partial<ReactiveElement>).updateComplete : undefined);
    await this.updateComplete;
    if (root.activeElement && root.activeElement.isConnected) return;
    (
      this.querySelector<HTMLElement>('[part~="bulk-actions"] button') ??
      root.querySelector<HTMLElement>('input[data-select="page"]')
    )?.focus();
  }

  /** The host answered with a newer copy of a user: the table shows it. */
  #rowChanged(setup: UserSetup): void {
    this.dispatchEvent(new RowChangedEvent(setup));
  }

  // Issue temporary PIN codes

  #openIssue(): void {
    if (this.#busy || this.selected.length === 0) return;
    this.#issueView.value = { step: 'confirm', setups: this.selected, codes: [] };
  }

  async #issue(setups: readonly UserSetup[], earlier?: Report): Promise<void> {
    const client = this.client;
    const view = this.#issueView.value;
    if (!client || !view) return;
    const report = this.#start({ kind: 'issue' }, setups, earlier);
    this.#issueView.value = { ...view, step: 'working', setups };
    await fewAtATime(setups, async (setup) => {
      const key = earlier?.results.get(setup.id)?.retryKey ?? randomId();
      // The view was closed while codes were issued: nobody can see a code now, so no more are issued.
      if (!this.#issueView.value) {
        this.#setResult(report, setup, { kind: 'notSent' });
        return;
      }
      try {
        const { userSetup, pinCode, expiresAt } = await client.issueTemporaryPinCode(
          setup.id,
          {},
          { idempotencyKey: key },
        );
        const shown = this.#issueView.value !== undefined;
        if (this.#issueView.value)
          this.#issueView.value = {
            ...this.#issueView.value,
            codes: [...this.#issueView.value.codes, { setup: userSetup, pinCode, expiresAt }],
          };
        this.#setResult(report, userSetup, { kind: 'issued', expiresAt, shown });
        this.#rowChanged(userSetup);
        this.dispatchEvent(new TemporaryPinCodeIssuedEvent(userSetup.userId, expiresAt));
      } catch (error) {
        const keep = error instanceof MobileFlowError && error.retryable;
        this.#setResult(report, setup, { kind: 'failed', error }, keep ? key : undefined);
      }
    });
    if (this.#issueView.value) this.#issueView.value = { ...this.#issueView.value, step: 'shown' };
    if (this.#issueView.value?.codes.length) printOnlyTheSlips(this, true);
    await this.#finish(report);
    this.#issueView.focusFirst();
  }

  /** Issues again for the users of the last issue that got no code, each with their own kept key when it failed on the network. */
  #retryIssue(): void {
    const report = this.report;
    if (!report || this.#busy || report.action.kind !== 'issue') return;
    const failed = [...report.results.values()].filter((result) => isFailure(result.outcome));
    if (failed.length)
      void this.#issue(
        failed.map((result) => result.setup),
        report,
      );
  }

  #print(): void {
    if (this.#issueView.value?.codes.length) window.print();
  }

  // Unlock and the settings: no confirmation, each user's outcome stays in the report

  async #unlock(): Promise<void> {
    const client = this.client;
    const setups = this.selected;
    if (!client || this.#busy || setups.length === 0) return;
    const report = this.#start({ kind: 'unlock' }, setups);
    await fewAtATime(setups, async (setup) => {
      try {
        const unlocked = await client.unlockPinCode(setup.id);
        this.#setResult(report, unlocked, { kind: 'unlocked' });
        this.#rowChanged(unlocked);
      } catch (error) {
        this.#setResult(report, setup, { kind: 'failed', error });
      }
    });
    await this.#finish(report);
  }

  async #setSetting(setting: Setting, on: boolean): Promise<void> {
    const client = this.client;
    const setups = this.selected;
    if (!client || this.#busy || setups.length === 0) return;
    const report = this.#start({ kind: 'setting', setting, on }, setups);
    await fewAtATime(setups, async (setup) => {
      if (setup[setting] === on) {
        this.#setResult(report, setup, { kind: 'alreadySo' });
        return;
      }
      try {
        // If-Match with this user's own etag: a change made meanwhile is refused for this user only.
        const saved = await client.updateUserSetup(setup, { [setting]: on });
        this.#setResult(report, saved, { kind: 'saved' });
        this.#rowChanged(saved);
        this.dispatchEvent(new UserSetupChangedEvent(saved));
      } catch (error) {
        if (error instanceof MobileFlowError && error.code === 'Request_EntityChanged') {
          const reloaded = await client.getUserSetup(setup.id).catch(() => setup);
          this.#setResult(report, reloaded, { kind: 'changedMeanwhile' });
          if (reloaded !== setup) this.#rowChanged(reloaded);
        } else {
          this.#setResult(report, setup, { kind: 'failed', error });
        }
      }
    });
    await this.#finish(report);
  }

  // Rendering

  protected override render() {
    const count = this.selected.length;
    return html`
      ${
        count > 0
          ? html`<div part="bulk-actions" role="group" aria-labelledby="bulk-count">
              <span id="bulk-count" class="bulk-count">${selectedCountWords(count)}</span>
              ${this.#button('issue', msg('Issue temporary PIN codes'), () => this.#openIssue())}
              ${this.#button('unlock', msg('Unlock'), () => this.#unlock())}
              ${this.#renderSetting('allowPinCode', msg('Allow PIN code'))}
              ${this.#renderSetting('passwordMandatory', msg('Password mandatory'))}
              <button
                type="button"
                data-bulk="clear"
                @click=${() => {
                  this.dispatchEvent(new SelectionClearEvent());
                  void this.#keepFocus();
                }}
              >
                ${msg('Clear selection')}
              </button>
            </div>`
          : nothing
      }
      <div class="bulk-report" role="status" data-bulk-summary>
        ${this.report?.done ? this.#summaryWords(this.report) : ''}
      </div>
      ${this.report ? this.#renderReport(this.report) : nothing}
      <dialog
        part="dialog"
        id="bulk-issue-dialog"
        class="bulk-codes"
        aria-labelledby="bulk-issue-heading"
        @cancel=${(event: Event) => this.#issueView.value?.step === 'working' && event.preventDefault()}
        @close=${this.#issueView.onClose}
      >
        ${this.#issueView.value ? this.#renderIssueView(this.#issueView.value) : nothing}
      </dialog>
    `;
  }

  #button(name: string, label: string, act: () => void, fullLabel?: string) {
    // aria-disabled, not disabled: a disabled button drops focus to the page's body while the action runs.
    return html`<button
      type="button"
      data-bulk=${name}
      aria-label=${fullLabel ?? nothing}
      aria-disabled=${this.#busy}
      @click=${act}
    >
      ${label}
    </button>`;
  }

  /** A setting's name with an On and an Off button, each named in full ("Turn on Allow PIN code"). */
  #renderSetting(setting: Setting, name: string) {
    const kebab = setting === 'allowPinCode' ? 'allow-pin-code' : 'password-mandatory';
    return html`<span class="bulk-setting" role="group" aria-labelledby="bulk-${kebab}">
      <span id="bulk-${kebab}">${name}</span>
      ${this.#button(`${kebab}-on`, msg('On'), () => this.#setSetting(setting, true), this.#actionWords({ kind: 'setting', setting, on: true }))}
      ${this.#button(`${kebab}-off`, msg('Off'), () => this.#setSetting(setting, false), this.#actionWords({ kind: 'setting', setting, on: false }))}
    </span>`;
  }

  #actionWords(action: BulkAction): string {
    switch (action.kind) {
      case 'issue':
        return msg('Issue temporary PIN codes');
      case 'unlock':
        return msg('Unlock');
      case 'setting':
        return action.setting === 'allowPinCode'
          ? action.on
            ? msg('Turn on Allow PIN code')
            : msg('Turn off Allow PIN code')
          : action.on
            ? msg('Turn on Password mandatory')
            : msg('Turn off Password mandatory');
    }
  }

  #outcomeWords(action: BulkAction, outcome: Outcome): string {
    switch (outcome.kind) {
      case 'working':
        return msg('Working…');
      case 'issued':
        return outcome.shown
          ? msg(str`Temporary PIN code issued, valid until ${formatDateTime(outcome.expiresAt)}.`)
          : msg('A temporary PIN code was issued after its view was closed, so nobody saw it: issue a new one.');
      case 'unlocked':
        return msg('Unlocked.');
      case 'saved':
        return msg('Saved.');
      case 'alreadySo':
        return msg('Already so: nothing to save.');
      case 'changedMeanwhile':
        return changedMeanwhileWords();
      case 'notSent':
        return msg('Not issued: the view was closed first.');
      case 'failed':
        // The host refuses Password mandatory without Allow PIN code, whichever of the two was changed.
        if (isPasswordNeedsPinCode(outcome.error))
          return action.kind === 'setting' && action.setting === 'passwordMandatory'
            ? allowPinCodeFirstWords()
            : passwordNeedsPinCodeWords();
        return errorWords(outcome.error, { kept: false });
    }
  }

  #summaryWords(report: Report): string {
    const results = [...report.results.values()];
    const failed = results.filter(({ outcome }) => isFailure(outcome));
    const done = results.length - failed.length;
    const action = this.#actionWords(report.action);
    if (failed.length === 0) return msg(str`${action}: done for ${userCountWords(done)}.`);
    if (done === 0) return msg(str`${action}: not done for ${userCountWords(failed.length)}. See why for each below.`);
    return msg(
      str`${action}: done for ${userCountWords(done)}, not done for ${userCountWords(failed.length)}. See why for each below.`,
    );
  }

  #renderReport(report: Report) {
    return html`<section class="bulk-results" aria-labelledby="bulk-results-heading">
      <h2 id="bulk-results-heading">${this.#actionWords(report.action)}</h2>
      <ul>
        ${[...report.results.values()].map(
          ({ setup, outcome }) =>
            html`<li
              data-result-for=${setup.userId}
              data-outcome=${outcome.kind}
              class=${isFailure(outcome) ? 'error' : ''}
            >
              <strong>${setup.displayName}</strong> (${setup.userId}): ${this.#outcomeWords(report.action, outcome)}
            </li>`,
        )}
      </ul>
      ${
        report.done
          ? html`<button
              type="button"
              data-bulk="dismiss"
              @click=${() => {
                this.report = undefined;
                void this.#keepFocus();
              }}
            >
              ${msg('Dismiss')}
            </button>`
          : nothing
      }
    </section>`;
  }

  #renderIssueView(view: IssueView) {
    switch (view.step) {
      case 'confirm':
        return html`<form
          @submit=${(event: SubmitEvent) => {
            event.preventDefault();
            void this.#issue(view.setups);
          }}
        >
          <h2 id="bulk-issue-heading">
            ${msg(str`Issue temporary PIN codes for ${userCountWords(view.setups.length)}`)}
          </h2>
          <ul class="bulk-names">
            ${view.setups.map((setup) => html`<li>${setup.displayName} (${setup.userId})</li>`)}
          </ul>
          <p>
            ${msg('Each of them gets a temporary PIN code of their own. Their current PIN codes stop working, and each chooses a new one with Change PIN Code.')}
            ${msg('The codes are shown only once, in the next view, where you can print one slip per user.')}
          </p>
          <div class="actions">
            <button type="button" @click=${this.#issueView.close}>${msg('Cancel')}</button>
            <button type="submit" class="primary" data-first-focus>${msg('Issue temporary PIN codes')}</button>
          </div>
        </form>`;
      case 'working': {
        const results = this.report?.results;
        const done = view.setups.filter((setup) => results?.get(setup.id)?.outcome.kind !== 'working');
        return html`<h2 id="bulk-issue-heading">${msg('Issuing temporary PIN codes…')}</h2>
          <p role="status" tabindex="-1" data-first-focus>
            ${msg(str`${done.length} of ${view.setups.length} done.`)}
          </p>`;
      }
      case 'shown':
        return this.#renderCodes(view);
    }
  }

  #renderCodes(view: IssueView) {
    const failed = [...(this.report?.results.values() ?? [])].filter(({ outcome }) => isFailure(outcome));
    return html`<h2 id="bulk-issue-heading">${msg('Temporary PIN codes')}</h2>
      <p>
        ${
          view.codes.length
            ? msg(
                'Each code is shown only now. Print the slips or hand each code over before you close this view: closing it forgets every code.',
              )
            : msg('No code was issued.')
        }
      </p>
      ${
        failed.length
          ? html`<div class="bulk-failed" role="alert">
              <h3>${msg(str`Not issued for ${userCountWords(failed.length)}`)}</h3>
              <ul>
                ${failed.map(
                  ({ setup, outcome }) =>
                    html`<li data-result-for=${setup.userId}>
                      <strong>${setup.displayName}</strong> (${setup.userId}):
                      ${this.#outcomeWords({ kind: 'issue' }, outcome)}
                    </li>`,
                )}
              </ul>
              <button type="button" data-bulk="retry-issue" @click=${() => this.#retryIssue()}>
                ${msg('Try again for these users')}
              </button>
            </div>`
          : nothing
      }
      <ol class="slips" aria-label=${msg('Slips to hand out')}>
        ${view.codes.map(
          ({ setup, pinCode, expiresAt }) =>
            html`<li class="slip" part="slip" data-slip-for=${setup.userId}>
              <p class="slip-name">${setup.displayName}</p>
              <dl>
                <dt>${msg('Resource No.')}</dt>
                <dd>${setup.resourceNo ?? ''}</dd>
                <dt>${msg('Temporary PIN code')}</dt>
                <dd class="code" data-code>${pinCode}</dd>
                <dt>${msg('Valid until')}</dt>
                <dd><time datetime=${expiresAt}>${formatDateTime(expiresAt)}</time></dd>
              </dl>
              <p class="slip-instructions">
                ${msg('Sign in on a device or open Change PIN Code with this temporary code, and choose your own PIN code before it expires.')}
              </p>
            </li>`,
        )}
      </ol>
      <div class="actions">
        ${
          view.codes.length
            ? html`<button type="button" data-bulk="print" data-first-focus @click=${() => this.#print()}>
                ${msg('Print slips')}
              </button>`
            : nothing
        }
        <button
          type="button"
          class="primary"
          data-bulk="done"
          ?data-first-focus=${view.codes.length === 0}
          @click=${this.#issueView.close}
        >
          ${msg('Done')}
        </button>
      </div>`;
  }
}

/** Inside the table only: the administrator asked to deselect everyone. */
export class SelectionClearEvent extends Event {
  constructor() {
    super('mf-selection-clear', { bubbles: true });
  }
}

define('mf-user-setup-bulk-actions', UserSetupBulkActions);

declare global {
  interface HTMLElementTagNameMap {
    'mf-user-setup-bulk-actions': UserSetupBulkActions;
  }
}
