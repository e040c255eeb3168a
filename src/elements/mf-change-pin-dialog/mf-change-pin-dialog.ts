import { msg, str } from '@lit/localize';
import { TaskStatus } from '@lit/task';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { MobileFlowError } from '../../api/errors.js';
import type { PinRuleViolation, Session } from '../../domain/index.js';
import { randomId } from '../../domain/random-id.js';
import { ClientController } from '../controllers/client-controller.js';
import { clientTask } from '../controllers/client-task.js';
import { customElement } from '../define.js';
import { localized } from '../localization.js';
import { joinStyles } from '../shared.styles.js';
import { errorWords, formatDate, formatDateTime } from '../words.js';
import type { Field, FormView, Missing } from './internal/form.js';
import { changePinDialogStyles } from './mf-change-pin-dialog.styles.js';

/** The detail of `mf-pin-code-changed`: where the new code went and when, never the code. */
export interface PinCodeChangedDetail {
  resourceNo: string;
  changedAt: string;
}

/** The user changed their PIN code: `mf-pin-code-changed`, with where the new code went and when, never the code. */
export class PinCodeChangedEvent extends CustomEvent<PinCodeChangedDetail> {
  constructor(detail: PinCodeChangedDetail) {
    super('mf-pin-code-changed', { bubbles: true, composed: true, detail });
  }
}

/** How a change ended: the cause is kept, and the words are made at each render, so they follow a change of language. */
type Answer =
  | { kind: 'success'; resourceNo: string; changedAt: string }
  // `temporary`: the code checked was a temporary one. `kept`: the entries sent are still in the form.
  | { kind: 'error'; error: unknown; temporary: boolean; kept: boolean };

type Outcome =
  | { kind: 'idle' }
  | ({ kind: 'missing' } & Missing)
  | (Extract<Answer, { kind: 'error' }> & { field: 'current' | 'new' | 'form' })
  | Extract<Answer, { kind: 'success' }>;

/** Answers the status sentence says in its own words once the session is reloaded: said once, not twice. */
const SAID_BY_STATUS = new Set(['PinCode_Locked', 'PinCode_TemporaryExpired', 'PinCode_NotAllowed']);

/** The form, loaded when the dialog first opens: a page that only shows the status line never loads it. */
let form: typeof import('./internal/form.js') | undefined;
let formLoading: Promise<unknown> | undefined;
const loadForm = () =>
  (formLoading ??= import('./internal/form.js').then(
    (loaded) => (form = loaded),
    (error: unknown) => {
      formLoading = undefined;
      throw error;
    },
  ));

const isExpired = (iso: string | null) => iso !== null && Date.parse(iso) <= Date.now();
const codeOf = (error: unknown) => (error instanceof MobileFlowError ? error.code : undefined);
/** A failure after which the host may or may not have applied the change: no answer came back. */
const mayHaveApplied = (error: unknown) => error instanceof MobileFlowError && error.retryable;

/**
 * The **Change PIN Code** action: the signed-in user changes their own PIN code, which goes to their
 * Resource card and which nobody else ever learns.
 *
 * Shows the user's PIN code status and a button that opens a modal dialog with the current (or temporary) code, the
 * new code with a live checklist of the PIN policy, and its confirmation. The host's answer is the authority: every
 * answer of the contract is shown in words next to the field it concerns. The element never keeps a PIN code: the
 * fields are emptied when the dialog closes. The form's code is loaded when the dialog first opens (a page that only
 * shows the status line never loads it): until it is there the dialog says "Loading…" and is busy.
 *
 * A change once sent is not called back: closing the dialog while it is out waits for the answer (the dialog says
 * so), and a dialog closed anyway tells the answer in the status line.
 *
 * With `inline` the form is part of the page instead of a modal dialog, always there, for a page of its own (the
 * Business Central add-in's, on a phone, where a modal in a small frame would be cut off): Cancel empties it, and
 * after a change a button brings the form back.
 *
 * The client comes from `mobileFlowClientContext` when a provider is above the element, else from `base-url`.
 *
 * @summary The user's **Change PIN Code** action: they change their own PIN code, and nobody else ever learns it.
 * @fires mf-pin-code-changed - The PIN code was changed. Bubbles and is composed; `detail` is `{ resourceNo, changedAt }`.
 *
 * @csspart base - The status line and the trigger.
 * @csspart status - The sentence with the user's PIN code status.
 * @csspart trigger - The **Change PIN Code** button (hidden with `no-trigger`).
 * @csspart dialog - The native `<dialog>`: modal, or in the page with `inline`.
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
 * @cssprop --mf-focus-color - The focus ring: 3:1 or more against the surfaces it sits on. Default `#a36a00`.
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

  /** Shows the form in the page, always open, instead of a modal dialog behind the **Change PIN Code** button. */
  @property({ type: Boolean, reflect: true }) inline = false;

  /** The signed-in user's session as last loaded: kept when a reload fails, so nothing typed is lost. */
  @state() private session?: Session;
  @state() private outcome: Outcome = { kind: 'idle' };
  /** A change is out: sent, and its answer not come yet. */
  @state() private sending = false;
  /** The user asked to close while a change was out: the dialog closes when the answer comes. */
  @state() private closeHeld = false;
  /** The dialog closed while a change was out, taking its entries: the answer goes to the status line. */
  @state() private closedWhileSending = false;
  /** The answer to a change whose dialog had closed: told in the status line until the dialog opens again. */
  @state() private answeredAfterClose?: Answer;
  /** The rules the new PIN code breaks now: derived from the field, never the code itself. */
  @state() private violations: PinRuleViolation[] = [];
  @state() private newEntered = false;
  @state() private currentEntered = false;
  @state() private confirmation: 'empty' | 'match' | 'mismatch' = 'empty';
  @state() private revealed: Record<Field, boolean> = { current: false, new: false, confirm: false };

  @query('dialog') private dialog!: HTMLDialogElement;
  @query('form') private form?: HTMLFormElement;

  /** The Idempotency-Key of a change that failed on the network, reused when the user sends the same fields again. */
  #retryKey?: string;

  readonly #clientController = new ClientController(this);
  /**
   * Stays initial while there is no client: an element without a provider or a `base-url` has nothing to load. An open
   * dialog also loads its form: the dialog is busy until both are there.
   */
  readonly #sessionTask = clientTask(this, () => this.#client, {
    task: async (client, [], { signal }) => {
      // The form shows as soon as it is there, with the session as last loaded while this one loads.
      const loading = this.open && !form ? loadForm().then(() => this.requestUpdate()) : undefined;
      const [session] = await Promise.all([client.getSession({ signal }), loading]);
      return session;
    },
    onComplete: (session) => {
      this.session = session;
    },
  });

  /** What the form calls back: made once, so its listeners stay the same from render to render. */
  readonly #formActions: Pick<FormView, 'fieldError' | 'onInput' | 'onSubmit' | 'onCancel' | 'onReveal'> = {
    fieldError: (field) => this.#fieldError(field),
    onInput: (event) => this.#onInput(event),
    onSubmit: (event) => void this.#onSubmit(event),
    onCancel: () => this.close(),
    onReveal: (field) => this.#toggleReveal(field),
  };

  /** Opens the dialog. */
  show(): void {
    this.open = true;
  }

  /** Closes the dialog, emptying every field. While a change is being sent, the dialog says so and closes with the answer. */
  close(): void {
    // Inline, the form stays: closing empties it, once no change is out.
    if (this.inline) {
      if (!this.sending) this.#forgetEntries();
    } else if (this.sending && !this.closedWhileSending) this.closeHeld = true;
    else this.open = false;
  }

  get #client() {
    return this.#clientController.value;
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

  /** The first thing the form still needs, in the order of its fields; undefined when it can be sent. */
  get #missing(): Missing | undefined {
    return form?.missingOf({
      needsCurrent: this.#needsCurrent,
      currentEntered: this.currentEntered,
      newEntered: this.newEntered,
      violations: this.violations,
      confirmation: this.confirmation,
    });
  }

  /** Complete once an open dialog shows its form, when the form's code was still on its way. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const complete = await super.getUpdateComplete();
    if (!this.open || form || !formLoading) return complete;
    await formLoading.catch(() => undefined);
    return super.getUpdateComplete();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The form renders as soon as its code is there (loaded by this dialog or another): its styles with it.
    if (form) joinStyles(this.renderRoot, form.formStyles);
    if (this.inline) this.open = true;
    if (!changed.has('open')) return;
    if (this.open && changed.get('open') === false) {
      // Opening reloads the status: an administrator may have issued a code, or a device locked the user, since.
      this.answeredAfterClose = undefined;
      this.closeHeld = false;
      this.#sessionTask.run();
    }
    if (!this.open) {
      if (this.sending) this.closedWhileSending = true;
      this.#forgetEntries();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Modal or in the page: the dialog is shown again the other way.
    if (changed.has('inline')) this.dialog.close();
    // Inline, `open` is set rather than show() called: show() would move the page's focus into the form.
    if (this.inline) this.dialog.open = true;
    else if (this.open && !this.dialog.open) {
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
    this.violations =
      this.session && newPinCode && form
        ? form.checkPinCode(newPinCode, this.session.pinPolicy, {
            temporaryPinCode: this.#isTemporary ? current : undefined,
          })
        : [];
    this.confirmation = !confirm ? 'empty' : confirm === newPinCode ? 'match' : 'mismatch';
    const edited = (event.target as HTMLElement).dataset.field;
    if ((this.outcome.kind === 'error' || this.outcome.kind === 'missing') && this.outcome.field === edited)
      this.outcome = { kind: 'idle' };
  }

  async #onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const client = this.#client;
    if (this.sending || !client || !form) return;
    const missing = this.#missing;
    if (missing) {
      // The button is only aria-disabled, so Enter and clicks arrive here: say what is missing, where it is missing.
      this.outcome = { kind: 'missing', ...missing };
      await this.updateComplete;
      this.#input(missing.field)?.focus();
      return;
    }
    const temporary = this.#isTemporary;
    const currentPinCode = this.#needsCurrent ? (this.#input('current')?.value ?? '') : '';
    const newPinCode = this.#input('new')?.value ?? '';
    this.#retryKey ??= randomId();
    this.sending = true;
    this.outcome = { kind: 'idle' };
    let answer: Answer;
    try {
      const { resourceNo, changedAt } = await client.changePinCode(
        { currentPinCode, newPinCode },
        { idempotencyKey: this.#retryKey },
      );
      answer = { kind: 'success', resourceNo, changedAt };
      const changed = new PinCodeChangedEvent({ resourceNo, changedAt });
      this.dispatchEvent(changed);
    } catch (error) {
      answer = { kind: 'error', error, temporary, kept: !this.closedWhileSending };
    }
    await this.#take(answer);
  }

  /** Shows the answer to a change where the user will see it: in the dialog, or in the status line once it closed. */
  async #take(answer: Answer): Promise<void> {
    const entriesKept = !this.closedWhileSending;
    this.sending = false;
    this.closedWhileSending = false;
    const keepKey = answer.kind === 'error' && mayHaveApplied(answer.error) && entriesKept && !this.closeHeld;
    if (!keepKey) this.#retryKey = undefined;
    if (answer.kind === 'error') this.#learnFrom(answer.error);
    // The host knows better now: a change, a lock, an expiry or a setting changed the status line too; and a dialog
    // that closed meanwhile leaves the status line to tell what became of the change.
    const code = answer.kind === 'error' ? codeOf(answer.error) : undefined;
    if (answer.kind === 'success' || (code && SAID_BY_STATUS.has(code)) || !entriesKept || !this.open || this.closeHeld)
      this.#sessionTask.run();

    if (this.closeHeld || !this.open) {
      this.answeredAfterClose = answer;
      this.closeHeld = false;
      this.open = false;
      return;
    }
    if (answer.kind === 'success') {
      this.#emptyFields();
      this.outcome = answer;
    } else {
      this.#showError(answer);
    }
    await this.updateComplete;
    // Widened again: TypeScript narrowed this.outcome at the assignments above.
    const outcome = this.outcome as Outcome;
    const focusTarget =
      outcome.kind === 'error' && outcome.field !== 'form'
        ? this.#input(outcome.field)
        : this.renderRoot.querySelector<HTMLElement>('[part~="message"]');
    focusTarget?.focus();
  }

  /** What an error says about the user's status, taken at once: the status line need not wait for a reload. */
  #learnFrom(error: unknown): void {
    if (codeOf(error) === 'PinCode_Locked' && error instanceof MobileFlowError && error.lockedUntil && this.session)
      this.session = { ...this.session, lockedUntil: error.lockedUntil };
  }

  #showError(answer: Extract<Answer, { kind: 'error' }>): void {
    const code = codeOf(answer.error);
    if (code === 'PinCode_CurrentInvalid') {
      const current = this.#input('current');
      if (current) current.value = '';
      this.currentEntered = false;
      this.outcome = { ...answer, field: 'current' };
    } else if (code === 'PinCode_PolicyViolation') {
      this.outcome = { ...answer, field: 'new' };
    } else {
      this.outcome = { ...answer, field: 'form' };
    }
  }

  #emptyFields(): void {
    this.form?.reset();
    this.currentEntered = false;
    this.newEntered = false;
    this.violations = [];
    this.confirmation = 'empty';
    this.revealed = { current: false, new: false, confirm: false };
  }

  /** Everything typed or answered goes when the dialog closes (willUpdate, whenever `open` turns false). */
  #forgetEntries(): void {
    this.#emptyFields();
    this.#retryKey = undefined;
    this.outcome = { kind: 'idle' };
  }

  /** Escape while a change is out is held like Cancel, where the browser lets it be held. */
  #onDialogCancel(event: Event): void {
    // Chromium does not let a page hold a second Escape without a user action in between: the dialog then closes,
    // and the answer goes to the status line.
    if (this.sending && !this.closedWhileSending) {
      event.preventDefault();
      this.closeHeld = true;
    }
  }

  /** Escape, or the dialog closed by any other way than `open`: `open` follows, and willUpdate forgets the entries. */
  #onDialogClose(): void {
    // The close event comes a task later: the dialog may have been opened again since.
    if (!this.dialog.open) this.open = false;
  }

  #toggleReveal(field: Field): void {
    this.revealed = { ...this.revealed, [field]: !this.revealed[field] };
  }

  #lockedWords(lockedUntil: string): string {
    return msg(str`Your PIN code is locked until ${formatDateTime(lockedUntil)} after too many wrong attempts.`);
  }

  #statusText(session: Session): string {
    if (!session.allowPinCode || !session.resourceNo) return msg('PIN codes are not used for your account.');
    if (session.lockedUntil) return this.#lockedWords(session.lockedUntil);
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

  #successWords(resourceNo: string): string {
    return msg(str`Your PIN code was changed, and your Resource card ${resourceNo} has been updated.`);
  }

  /** A failed change in words; `kept` says whether the form still holds what was sent. */
  #failureWords(answer: Extract<Answer, { kind: 'error' }>): string {
    const words = errorWords(answer.error, { temporary: answer.temporary, kept: answer.kept });
    // With the form gone, nothing can be sent again under the same key to learn what happened: say it is not known.
    return !answer.kept && mayHaveApplied(answer.error)
      ? `${msg('It is not known whether your PIN code was changed.')} ${words}`
      : words;
  }

  /** What the status line says before the status: a change still out, or the answer it got after the dialog closed. */
  #changeWords(): string | undefined {
    if (this.sending && this.closedWhileSending && !this.open) return msg('Changing PIN code…');
    const answer = this.answeredAfterClose;
    if (!answer) return undefined;
    if (answer.kind === 'success') return this.#successWords(answer.resourceNo);
    if (mayHaveApplied(answer.error)) return this.#failureWords({ ...answer, kept: false });
    const code = codeOf(answer.error);
    return code && SAID_BY_STATUS.has(code)
      ? msg('Your PIN code was not changed.')
      : `${msg('Your PIN code was not changed.')} ${this.#failureWords({ ...answer, kept: false })}`;
  }

  #renderStatus(sentence: string) {
    const change = this.#changeWords();
    return html`<p part="status" role="status">${change ? `${change} ${sentence}` : sentence}</p>`;
  }

  protected override render() {
    return html`
      <div part="base">
        ${this.#sessionTask.render({
          initial: () => this.#renderStatus(this.#client ? '' : msg('No host connection is configured.')),
          pending: () =>
            this.#renderStatus(this.session ? this.#statusText(this.session) : msg('Loading your PIN code status…')),
          complete: (session) => this.#renderStatus(this.#statusText(this.session ?? session)),
          error: (error) => html`
            ${this.#renderStatus(
              this.#client
                ? msg(str`Your PIN code status could not be loaded. ${errorWords(error, { kept: false })}`)
                : msg('No host connection is configured.'),
            )}
            ${this.#client ? html`<button type="button" @click=${() => this.#sessionTask.run()}>${msg('Try again')}</button>` : nothing}
          `,
        })}
        ${this.noTrigger || this.inline || !this.#mayChange ? nothing : html`<button part="trigger" type="button" @click=${this.show}>${msg('Change PIN Code')}</button>`}
      </div>
      <dialog
        part="dialog"
        aria-labelledby="heading"
        aria-busy=${this.#sessionTask.status === TaskStatus.PENDING}
        @cancel=${this.#onDialogCancel}
        @close=${this.#onDialogClose}
      >
        ${this.#renderDialogBody()}
      </dialog>
    `;
  }

  /** A dialog with one message and a Close button, for every state in which there is nothing to fill in. */
  #renderMessage(message: string, tone: 'success' | 'info' = 'info') {
    // Inline there is nothing to close: after a change the button brings the form back, else there is none.
    const button = !this.inline ? msg('Close') : tone === 'success' ? msg('Change PIN Code') : undefined;
    return html`
      <h2 id="heading">${msg('Change PIN code')}</h2>
      <p part="message" class=${tone === 'success' ? 'success' : nothing} role="status" tabindex="-1">${message}</p>
      ${
        button
          ? html`<div class="actions">
              <button
                class=${tone === 'success' ? 'primary' : nothing}
                type="button"
                data-first-focus
                @click=${this.close}
              >
                ${button}
              </button>
            </div>`
          : nothing
      }
    `;
  }

  #renderDialogBody() {
    const session = this.session;
    const outcome = this.outcome;
    if (outcome.kind === 'success') return this.#renderMessage(this.#successWords(outcome.resourceNo), 'success');
    // Opened again while a change sent from a closed dialog is still out: its form went with the dialog.
    if (this.sending && this.closedWhileSending) return this.#renderMessage(msg('Changing PIN code…'));
    const error = outcome.kind === 'error' ? this.#failureWords(outcome) : undefined;
    if (!session || !this.#mayChange) {
      const reason = error ?? (session ? msg('PIN codes are not used for your account.') : undefined);
      return this.#renderMessage(
        reason ?? (this.#sessionTask.error ? errorWords(this.#sessionTask.error, { kept: false }) : msg('Loading…')),
      );
    }
    // Locked: every change would be refused until then, even with the right code, so no form is offered.
    if (session.lockedUntil && !this.sending)
      return this.#renderMessage(
        error ??
          `${this.#lockedWords(session.lockedUntil)} ${msg('Try again after that, or ask your administrator to unlock it.')}`,
      );
    // The form's code is still on its way (the dialog is busy), or it could not be loaded.
    if (!form) {
      const failed = this.#sessionTask.error;
      return this.#renderMessage(failed ? errorWords(failed, { kept: false }) : msg('Loading…'));
    }
    return form.renderForm({
      session,
      formError: outcome.kind === 'error' && outcome.field === 'form' ? error : undefined,
      sending: this.sending,
      closeHeld: this.closeHeld,
      needsCurrent: this.#needsCurrent,
      temporary: this.#isTemporary,
      newEntered: this.newEntered,
      violations: this.violations,
      confirmation: this.confirmation,
      revealed: this.revealed,
      missing: this.#missing,
      ...this.#formActions,
    });
  }

  #fieldError(field: Field): string | undefined {
    const outcome = this.outcome;
    if (outcome.kind === 'missing' && outcome.field === field) return form?.missingWords(outcome, this.#isTemporary);
    if (outcome.kind === 'error' && outcome.field === field) return this.#failureWords(outcome);
    return undefined;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mf-change-pin-dialog': MfChangePinDialog;
  }
  interface GlobalEventHandlersEventMap {
    'mf-pin-code-changed': PinCodeChangedEvent;
  }
}
