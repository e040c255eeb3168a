import { consume } from '@lit/context';
import { msg, str } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { MobileFlowError, mobileFlowClientContext, type MobileFlowClient } from '../../api/index.js';
import { checkPinCode, randomId, type PinRule, type Session } from '../../domain/index.js';
import { elementClient } from '../element-client.js';
import { localized } from '../localization.js';
import { errorWords, formatDate, formatDateTime, pinRuleWords } from '../words.js';
import { changePinDialogStyles } from './mf-change-pin-dialog.styles.js';

/** The detail of `mf-pin-code-changed`: where the new code went and when, never the code. */
export interface PinCodeChangedDetail {
  resourceNo: string;
  changedAt: string;
}

type Field = 'current' | 'new' | 'confirm';
type Outcome =
  | { kind: 'idle' }
  // The words are made at each render, so they follow a change of language.
  | { kind: 'error'; field: 'current' | 'new' | 'form'; message: () => string }
  | { kind: 'success'; resourceNo: string; changedAt: string };

/** The checklist lines: the two length rules share one line. */
const CHECKLIST: ReadonlyArray<{ id: string; rules: PinRule[] }> = [
  { id: 'digitsOnly', rules: ['digitsOnly'] },
  { id: 'length', rules: ['tooShort', 'tooLong'] },
  { id: 'repeatedDigit', rules: ['repeatedDigit'] },
  { id: 'sequence', rules: ['sequence'] },
  { id: 'repeatedGroup', rules: ['repeatedGroup'] },
  { id: 'common', rules: ['common'] },
  { id: 'sameAsTemporary', rules: ['sameAsTemporary'] },
];

const isExpired = (iso: string | null) => iso !== null && Date.parse(iso) <= Date.now();

/**
 * The **Change PIN Code** action: the signed-in user changes their own PIN code, which goes to their
 * Resource card and which nobody else ever learns.
 *
 * Shows the user's PIN code status and a button that opens a modal dialog with the current (or temporary) code, the
 * new code with a live checklist of the PIN policy, and its confirmation. The host's answer is the authority: every
 * answer of the contract is shown in words next to the field it concerns. The element never keeps a PIN code: the
 * fields are emptied when the dialog closes.
 *
 * The client comes from `mobileFlowClientContext` when a provider is above the element, else from `base-url`.
 *
 * @summary The user's **Change PIN Code** action: they change their own PIN code, and nobody else ever learns it.
 * @fires mf-pin-code-changed - The PIN code was changed. Bubbles and is composed; `detail` is `{ resourceNo, changedAt }`.
 *
 * @csspart base - The status line and the trigger.
 * @csspart status - The sentence with the user's PIN code status.
 * @csspart trigger - The **Change PIN Code** button (hidden with `no-trigger`).
 * @csspart dialog - The native `<dialog>`.
 * @csspart form - The form inside the dialog.
 * @csspart input - Each of the three PIN code fields.
 * @csspart checklist - The list of PIN policy rules under the new PIN code.
 * @csspart message - The success or error message of the dialog.
 * @csspart submit - The **Change PIN code** submit button.
 * @csspart cancel - The **Cancel** button.
 *
 * @cssprop --mf-accent-color - Buttons and links. Default `#1f5fa8`.
 * @cssprop --mf-text-color - Text. Default `#1b1b1b`.
 * @cssprop --mf-muted-color - Secondary text and rules not met yet. Default `#5a5f66`.
 * @cssprop --mf-surface-color - The dialog's background. Default `#fff`.
 * @cssprop --mf-error-color - Errors. Default `#b3261e`.
 * @cssprop --mf-success-color - Rules met and success. Default `#1e6b34`.
 * @cssprop --mf-focus-color - The focus ring. Default `#f2a900`.
 * @cssprop --mf-radius - Corner radius of buttons, fields and the dialog. Default `0.375rem`.
 */
@customElement('mf-change-pin-dialog')
export class MfChangePinDialog extends LitElement {
  static override styles = changePinDialogStyles;

  constructor() {
    super();
    localized(this);
  }

  /** The host's base URL, used when no `mobileFlowClientContext` provider is above the element. */
  @property({ attribute: 'base-url' }) baseUrl = '';

  /** Hides the built-in **Change PIN Code** button, for a host that opens the dialog with its own action and `show()`. */
  @property({ type: Boolean, attribute: 'no-trigger', reflect: true }) noTrigger = false;

  /** Whether the dialog is open. */
  @property({ type: Boolean, reflect: true }) open = false;

  @consume({ context: mobileFlowClientContext, subscribe: true })
  @state()
  private providedClient?: MobileFlowClient;

  /** The signed-in user's session as last loaded: kept when a reload fails, so nothing typed is lost. */
  @state() private session?: Session;
  @state() private outcome: Outcome = { kind: 'idle' };
  @state() private submitting = false;
  /** The rules the new PIN code breaks now: derived from the field, never the code itself. */
  @state() private brokenRules: PinRule[] = [];
  @state() private newEntered = false;
  @state() private currentEntered = false;
  @state() private confirmation: 'empty' | 'match' | 'mismatch' = 'empty';
  @state() private revealed: Record<Field, boolean> = { current: false, new: false, confirm: false };

  @query('dialog') private dialog!: HTMLDialogElement;
  @query('form') private form?: HTMLFormElement;

  /** The Idempotency-Key of a change that failed on the network, reused when the user sends the same fields again. */
  #retryKey?: string;

  readonly #sessionTask = new Task(this, {
    task: async ([client], { signal }) => {
      if (!client) throw new Error('no client');
      return client.getSession({ signal });
    },
    args: () => [this.#client] as const,
    onComplete: (session) => {
      this.session = session;
    },
  });

  /** Opens the dialog. */
  show(): void {
    this.open = true;
  }

  /** Closes the dialog, emptying every field. */
  close(): void {
    this.open = false;
  }

  get #client(): MobileFlowClient | undefined {
    return elementClient(this.providedClient, this.baseUrl);
  }

  get #mayChange(): boolean {
    return Boolean(this.session?.allowPinCode && this.session.resourceNo);
  }

  get #isTemporary(): boolean {
    return this.session?.pinCodeStatus === 'temporary';
  }

  get #needsCurrent(): boolean {
    return this.session?.pinCodeStatus !== 'notSet';
  }

  get #canSubmit(): boolean {
    return (
      !this.submitting &&
      this.newEntered &&
      this.brokenRules.length === 0 &&
      this.confirmation === 'match' &&
      (!this.#needsCurrent || this.currentEntered)
    );
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Opening reloads the status: an administrator may have issued a code or turned PIN codes off since.
    if (changed.has('open') && this.open && changed.get('open') === false) this.#sessionTask.run();
    if (changed.has('open') && !this.open) this.#forgetEntries();
  }

  protected override updated(): void {
    if (this.open && !this.dialog.open) {
      this.dialog.showModal();
      this.#focusFirst();
    } else if (!this.open && this.dialog.open) {
      this.dialog.close();
    } else if (this.open && !this.shadowRoot?.activeElement) {
      // The content under focus was replaced (the form arrived after "Loading…"): focus stays in the dialog.
      this.#focusFirst();
    }
  }

  #focusFirst(): void {
    this.renderRoot.querySelector<HTMLElement>('[data-first-focus]')?.focus();
  }

  #input(field: Field): HTMLInputElement | null {
    return this.renderRoot.querySelector<HTMLInputElement>(`input[data-field='${field}']`);
  }

  /** Recomputes what the checklist and the submit button show from the fields, without keeping any code. */
  #onInput(event: InputEvent): void {
    const current = this.#input('current')?.value ?? '';
    const newPinCode = this.#input('new')?.value ?? '';
    const confirm = this.#input('confirm')?.value ?? '';
    this.#retryKey = undefined;
    this.currentEntered = current.length > 0;
    this.newEntered = newPinCode.length > 0;
    this.brokenRules =
      this.session && newPinCode
        ? checkPinCode(newPinCode, this.session.pinPolicy, {
            temporaryPinCode: this.#isTemporary ? current : undefined,
          }).map((violation) => violation.rule)
        : [];
    this.confirmation = !confirm ? 'empty' : confirm === newPinCode ? 'match' : 'mismatch';
    const edited = (event.target as HTMLElement).dataset.field;
    if (this.outcome.kind === 'error' && this.outcome.field === edited) this.outcome = { kind: 'idle' };
  }

  async #onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const client = this.#client;
    if (!this.#canSubmit || !client) return;
    const currentPinCode = this.#needsCurrent ? (this.#input('current')?.value ?? '') : '';
    const newPinCode = this.#input('new')?.value ?? '';
    this.#retryKey ??= randomId();
    this.submitting = true;
    this.outcome = { kind: 'idle' };
    try {
      const { resourceNo, changedAt } = await client.changePinCode(
        { currentPinCode, newPinCode },
        { idempotencyKey: this.#retryKey },
      );
      this.#retryKey = undefined;
      this.#emptyFields();
      this.outcome = { kind: 'success', resourceNo, changedAt };
      this.dispatchEvent(
        new CustomEvent<PinCodeChangedDetail>('mf-pin-code-changed', {
          bubbles: true,
          composed: true,
          detail: { resourceNo, changedAt },
        }),
      );
      this.#sessionTask.run();
    } catch (error) {
      if (!(error instanceof MobileFlowError && error.retryable)) this.#retryKey = undefined;
      this.#showError(error);
    } finally {
      this.submitting = false;
    }
    await this.updateComplete;
    // Widened again: TypeScript narrowed this.outcome at the assignment above and cannot see showError's.
    const outcome = this.outcome as Outcome;
    const focusTarget =
      outcome.kind === 'error' && outcome.field !== 'form'
        ? this.#input(outcome.field)
        : this.renderRoot.querySelector<HTMLElement>('[part~="message"]');
    focusTarget?.focus();
  }

  #showError(error: unknown): void {
    const code = error instanceof MobileFlowError ? error.code : undefined;
    const temporary = this.#isTemporary;
    const message = () => errorWords(error, temporary);
    if (code === 'PinCode_CurrentInvalid') {
      const current = this.#input('current');
      if (current) current.value = '';
      this.currentEntered = false;
      this.outcome = { kind: 'error', field: 'current', message };
    } else if (code === 'PinCode_PolicyViolation') {
      this.outcome = { kind: 'error', field: 'new', message };
    } else {
      this.outcome = { kind: 'error', field: 'form', message };
    }
    // The host knows better now: a lock, an expiry or a setting changed the status line too.
    if (code === 'PinCode_Locked' || code === 'PinCode_TemporaryExpired' || code === 'PinCode_NotAllowed')
      this.#sessionTask.run();
  }

  #emptyFields(): void {
    this.form?.reset();
    this.currentEntered = false;
    this.newEntered = false;
    this.brokenRules = [];
    this.confirmation = 'empty';
    this.revealed = { current: false, new: false, confirm: false };
  }

  /** Everything typed or answered goes when the dialog closes (willUpdate, whenever `open` turns false). */
  #forgetEntries(): void {
    this.#emptyFields();
    this.#retryKey = undefined;
    this.outcome = { kind: 'idle' };
  }

  /** Escape, or the dialog closed by any other way than `open`: `open` follows, and willUpdate forgets the entries. */
  #onDialogClose(): void {
    // The close event comes a task later: the dialog may have been opened again since.
    if (!this.dialog.open) this.open = false;
  }

  #toggleReveal(field: Field): void {
    this.revealed = { ...this.revealed, [field]: !this.revealed[field] };
  }

  #statusText(session: Session): string {
    if (!session.allowPinCode || !session.resourceNo) return msg('PIN codes are not used for your account.');
    if (session.lockedUntil)
      return msg(
        str`Your PIN code is locked until ${formatDateTime(session.lockedUntil)} after too many wrong attempts.`,
      );
    switch (session.pinCodeStatus) {
      case 'notSet':
        return msg('You have no PIN code yet.');
      case 'temporary':
        return isExpired(session.temporaryPinCodeExpiresAt)
          ? msg('Your temporary PIN code has expired. Ask your administrator for a new one.')
          : msg(
              str`You have a temporary PIN code, valid until ${formatDateTime(session.temporaryPinCodeExpiresAt!)}. Change it now.`,
            );
      case 'set':
        return session.pinCodeChangedAt
          ? msg(str`PIN code set on ${formatDate(session.pinCodeChangedAt)}.`)
          : msg('PIN code set.');
    }
  }

  protected override render() {
    return html`
      <div part="base">
        ${this.#sessionTask.render({
          initial: () =>
            html`<p part="status" role="status">${this.#client ? '' : msg('No host connection is configured.')}</p>`,
          pending: () =>
            html`<p part="status" role="status">
              ${this.session ? this.#statusText(this.session) : msg('Loading your PIN code status…')}
            </p>`,
          complete: (session) => html`<p part="status" role="status">${this.#statusText(session)}</p>`,
          error: (error) => html`
            <p part="status" role="status">
              ${this.#client ? msg(str`Your PIN code status could not be loaded. ${errorWords(error)}`) : msg('No host connection is configured.')}
            </p>
            ${this.#client ? html`<button type="button" @click=${() => this.#sessionTask.run()}>${msg('Try again')}</button>` : nothing}
          `,
        })}
        ${this.noTrigger || !this.#mayChange ? nothing : html`<button part="trigger" type="button" @click=${this.show}>${msg('Change PIN Code')}</button>`}
      </div>
      <dialog
        part="dialog"
        aria-labelledby="heading"
        aria-busy=${this.#sessionTask.status === TaskStatus.PENDING}
        @close=${this.#onDialogClose}
      >
        ${this.#renderDialogBody()}
      </dialog>
    `;
  }

  #renderDialogBody() {
    const session = this.session;
    if (this.outcome.kind === 'success') {
      return html`
        <h2 id="heading">${msg('Change PIN code')}</h2>
        <p part="message" class="success" role="status" tabindex="-1">
          ${msg(str`Your PIN code was changed, and your Resource card ${this.outcome.resourceNo} has been updated.`)}
        </p>
        <div class="actions">
          <button class="primary" type="button" data-first-focus @click=${this.close}>${msg('Close')}</button>
        </div>
      `;
    }
    if (!session || !this.#mayChange) {
      const reason =
        this.outcome.kind === 'error'
          ? this.outcome.message()
          : session
            ? msg('PIN codes are not used for your account.')
            : undefined;
      return html`
        <h2 id="heading">${msg('Change PIN code')}</h2>
        <p part="message" role="status" tabindex="-1">
          ${reason ?? (this.#sessionTask.error ? errorWords(this.#sessionTask.error) : msg('Loading…'))}
        </p>
        <div class="actions"><button type="button" data-first-focus @click=${this.close}>${msg('Close')}</button></div>
      `;
    }
    const policy = session.pinPolicy;
    const formError =
      this.outcome.kind === 'error' && this.outcome.field === 'form' ? this.outcome.message() : undefined;
    return html`
      <form part="form" novalidate @input=${this.#onInput} @submit=${this.#onSubmit} aria-busy=${this.submitting}>
        <h2 id="heading">${msg('Change PIN code')}</h2>
        <p class="intro">
          ${msg(str`Your new PIN code goes to your Resource card ${session.resourceNo}. Nobody else will know it.`)}
        </p>
        ${formError ? html`<p part="message" role="alert" tabindex="-1">${formError}</p>` : nothing}
        ${this.#needsCurrent ? this.#renderField('current', this.#isTemporary ? msg('Temporary PIN code') : msg('Current PIN code'), 'current-password') : nothing}
        ${this.#renderField('new', msg('New PIN code'), 'new-password', 'rules')}
        <ul part="checklist" id="rules" aria-live="polite" aria-label=${msg('The new PIN code needs')}>
          ${CHECKLIST.filter((line) => line.id !== 'sameAsTemporary' || this.#isTemporary).map((line) => {
            const met = this.newEntered && !line.rules.some((rule) => this.brokenRules.includes(rule));
            return html`<li data-rule=${line.id} data-met=${met}>
              <span aria-hidden="true">${met ? '✓' : '○'}</span>
              <span
                ><span class="visually-hidden">${met ? msg('Met:') : msg('Not met:')}</span>
                ${pinRuleWords(line.rules[0], policy)}</span
              >
            </li>`;
          })}
        </ul>
        ${policy.historyDepth > 0 ? html`<p class="note">${msg(str`${pinRuleWords('recentlyUsed', policy)}: checked when you change it.`)}</p>` : nothing}
        ${this.#renderField('confirm', msg('Confirm new PIN code'), 'new-password', 'confirm-status')}
        <div class="actions">
          <button part="cancel" type="button" @click=${this.close}>${msg('Cancel')}</button>
          <button
            part="submit"
            class="primary"
            type="submit"
            ?disabled=${!this.#canSubmit}
            aria-disabled=${!this.#canSubmit}
          >
            ${this.submitting ? msg('Changing PIN code…') : msg('Change PIN code')}
          </button>
        </div>
      </form>
    `;
  }

  #renderField(field: Field, label: string, autocomplete: string, describedBy?: string) {
    const name = { current: 'currentPinCode', new: 'newPinCode', confirm: 'confirmPinCode' }[field];
    const error = this.outcome.kind === 'error' && this.outcome.field === field ? this.outcome.message() : undefined;
    const mismatch = field === 'confirm' && this.confirmation === 'mismatch';
    const ids = [describedBy, error ? `${field}-error` : undefined].filter(Boolean).join(' ');
    return html`
      <div class="field">
        <label for=${field}>${label}</label>
        <div class="input-row">
          <input
            part="input"
            id=${field}
            name=${name}
            data-field=${field}
            type=${this.revealed[field] ? 'text' : 'password'}
            inputmode="numeric"
            autocomplete=${autocomplete}
            spellcheck="false"
            maxlength="64"
            aria-invalid=${Boolean(error) || mismatch}
            aria-describedby=${ids || nothing}
            ?data-first-focus=${field === (this.#needsCurrent ? 'current' : 'new')}
            ?disabled=${this.submitting}
          />
          <button class="reveal" type="button" aria-controls=${field} @click=${() => this.#toggleReveal(field)}>
            ${this.revealed[field] ? msg('Hide') : msg('Show')}<span class="visually-hidden">
              ${label.toLowerCase()}</span
            >
          </button>
        </div>
        ${error ? html`<p class="error" id="${field}-error">${error}</p>` : nothing}
        ${
          field === 'confirm'
            ? html`<p class="${mismatch ? 'error' : 'note'}" id="confirm-status" aria-live="polite">
                ${mismatch ? msg('The two new PIN codes are not the same.') : this.confirmation === 'match' ? msg('The two new PIN codes are the same.') : ''}
              </p>`
            : nothing
        }
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mf-change-pin-dialog': MfChangePinDialog;
  }
  interface GlobalEventHandlersEventMap {
    'mf-pin-code-changed': CustomEvent<PinCodeChangedDetail>;
  }
}
