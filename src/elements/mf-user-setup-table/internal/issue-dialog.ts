import { msg, str } from '@lit/localize';
import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { MobileFlowClient } from '../../../api/client.js';
import { MobileFlowError } from '../../../api/errors.js';
import type { PinRuleViolation, UserSetup } from '../../../domain/index.js';
import { checkPinCode } from '../../../domain/pin-policy.js';
import { randomId } from '../../../domain/random-id.js';
import { clientTask } from '../../controllers/client-task.js';
import { ModalController } from '../../controllers/modal-controller.js';
import { localized } from '../../localization.js';
import { errorWords, formatDateTime, violationWords } from '../../words.js';
import { RowChangedEvent, TemporaryPinCodeIssuedEvent } from '../events.js';
import { define } from '../../define.js';

/** Words are kept as functions that make them at each render, so they follow a change of language. */
type Words = () => string;
type Issue = {
  setup: UserSetup;
  step: 'confirm' | 'working' | 'shown';
  /** Why the last attempt failed. */
  error?: unknown;
  chosenBroken?: PinRuleViolation[];
  /** The Idempotency-Key of an attempt that failed on the network, reused when the administrator tries again. */
  retryKey?: string;
  /** The code, only while the modal that shows it once is open. */
  result?: { pinCode: string; expiresAt: string };
  copied?: Words;
};

/**
 * @internal The table's *Issue temporary PIN code* modal: confirm (or choose a code where the policy lets the
 * administrator), issue, show the code once with a copy button, and forget it when the modal closes. It renders into
 * the table's shadow root (no shadow root of its own), so the table's styles and parts reach it.
 */
export class UserSetupIssueDialog extends LitElement {
  /** The table's client. */
  @property({ attribute: false }) client?: MobileFlowClient;

  /** The issue under way; none while the modal is closed. */
  readonly #issue = new ModalController<Issue>(this);

  readonly #policyTask = clientTask(this, () => this.client, {
    task: async (client, [], { signal }) => (await client.getSession({ signal })).pinPolicy,
  });

  constructor() {
    super();
    localized(this);
  }

  protected override createRenderRoot() {
    return this;
  }

  /**
   * Opens the modal for `setup` once the PIN policy is here (the first time, it is asked for as the modal's code
   * arrives): the modal opens whole, with the code's lifetime and, where allowed, the field to choose the code.
   */
  async show(setup: UserSetup): Promise<void> {
    await this.updateComplete;
    await this.#policyTask.taskComplete.catch(() => undefined);
    this.#issue.value = { setup, step: 'confirm' };
  }

  /** Changes the issue under way, unless the modal was closed meanwhile. */
  #change(changes: Partial<Issue>): void {
    const issue = this.#issue.value;
    if (issue) this.#issue.value = { ...issue, ...changes };
  }

  #onChosenInput(event: Event): void {
    const policy = this.#policyTask.value;
    if (!policy) return;
    const chosen = (event.target as HTMLInputElement).value;
    this.#change({ retryKey: undefined, chosenBroken: chosen ? checkPinCode(chosen, policy) : undefined });
  }

  async #confirm(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const client = this.client;
    const issue = this.#issue.value;
    if (!client || !issue || issue.step !== 'confirm' || issue.chosenBroken?.length) return;
    const chosen =
      (event.target as HTMLFormElement).querySelector<HTMLInputElement>('input[name="pinCode"]')?.value || undefined;
    const retryKey = issue.retryKey ?? randomId();
    this.#issue.value = { ...issue, step: 'working', error: undefined, retryKey };
    try {
      const { userSetup, pinCode, expiresAt } = await client.issueTemporaryPinCode(
        issue.setup.id,
        chosen === undefined ? {} : { pinCode: chosen },
        { idempotencyKey: retryKey },
      );
      this.dispatchEvent(new RowChangedEvent(userSetup));
      if (!this.#issue.value) return;
      this.#issue.value = { setup: userSetup, step: 'shown', result: { pinCode, expiresAt } };
      this.dispatchEvent(new TemporaryPinCodeIssuedEvent(userSetup.userId, expiresAt));
    } catch (error) {
      if (!this.#issue.value) return;
      const keep = error instanceof MobileFlowError && error.retryable;
      this.#change({ step: 'confirm', error, retryKey: keep ? retryKey : undefined });
    }
    await this.updateComplete;
    this.#issue.focusFirst();
  }

  async #copyCode(): Promise<void> {
    const pinCode = this.#issue.value?.result?.pinCode;
    if (pinCode === undefined) return;
    try {
      await navigator.clipboard.writeText(pinCode);
      this.#change({ copied: () => msg('Copied.') });
    } catch {
      this.#change({ copied: () => msg('Could not copy here: write it down from the screen.') });
    }
  }

  protected override render() {
    return this.#issue.render('issue', (issue) =>
      issue.step === 'shown' ? this.#renderCode(issue) : this.#renderForm(issue),
    );
  }

  #renderCode(issue: Issue) {
    const { pinCode, expiresAt } = issue.result!;
    return html`
      <h2 id="issue-heading">${msg(str`Temporary PIN code for ${issue.setup.displayName}`)}</h2>
      <p>
        ${msg(str`Hand this code to ${issue.setup.displayName}. It is shown only now, and it is valid until ${formatDateTime(expiresAt)}.`)}
      </p>
      <output class="code" aria-label=${msg('Temporary PIN code')}>${pinCode}</output>
      <p role="status">${issue.copied?.() ?? ''}</p>
      <div class="actions">
        <button type="button" @click=${this.#copyCode}>${msg('Copy')}</button>
        <button type="button" class="primary" data-first-focus @click=${this.#issue.close}>${msg('Done')}</button>
      </div>
    `;
  }

  #renderForm(issue: Issue) {
    const policy = this.#policyTask.value;
    const hours = policy?.temporaryTtlHours;
    const broken = issue.chosenBroken ?? [];
    return html`
      <form @submit=${this.#confirm}>
        <h2 id="issue-heading">${msg('Issue a temporary PIN code')}</h2>
        ${
          issue.error !== undefined
            ? html`<p part="message" role="alert" tabindex="-1" data-first-focus>${errorWords(issue.error)}</p>`
            : nothing
        }
        <p>
          ${
            hours
              ? msg(
                  str`${issue.setup.displayName} (${issue.setup.userId}) gets a temporary PIN code, valid for ${hours} hours.`,
                )
              : msg(str`${issue.setup.displayName} (${issue.setup.userId}) gets a temporary PIN code.`)
          }
          ${msg('Their current PIN code stops working, and they choose a new one of their own with Change PIN Code.')}
        </p>
        ${
          policy?.administratorMayChoosePinCode
            ? html`<div class="field">
                <label for="chosen">${msg('Temporary PIN code (optional)')}</label>
                <input
                  id="chosen"
                  name="pinCode"
                  type="text"
                  inputmode="numeric"
                  autocomplete="off"
                  maxlength="64"
                  aria-describedby="chosen-help"
                  aria-invalid=${broken.length > 0}
                  @input=${this.#onChosenInput}
                />
                <p class=${broken.length ? 'error' : 'note'} id="chosen-help">
                  ${broken.length ? broken.map(violationWords).join(' ') : msg('Leave it empty to have a random code generated.')}
                </p>
              </div>`
            : nothing
        }
        <div class="actions">
          <button type="button" @click=${this.#issue.close}>${msg('Cancel')}</button>
          <button
            type="submit"
            class="primary"
            ?data-first-focus=${issue.error === undefined}
            ?disabled=${issue.step === 'working' || broken.length > 0}
          >
            ${issue.step === 'working' ? msg('Issuing…') : msg('Issue temporary PIN code')}
          </button>
        </div>
      </form>
    `;
  }
}

define('mf-user-setup-issue-dialog', UserSetupIssueDialog);

declare global {
  interface HTMLElementTagNameMap {
    'mf-user-setup-issue-dialog': UserSetupIssueDialog;
  }
}
