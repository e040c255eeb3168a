import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import type { PinRule, PinRuleViolation, Session } from '../../../domain/index.js';
import { violationWords } from '../../words.js';
import { pinRuleWords } from '../words.js';

export { checkPinCode } from '../../../domain/pin-policy.js';
export { formStyles } from './form.styles.js';

/** @internal One of the form's three PIN code fields. */
export type Field = 'current' | 'new' | 'confirm';

/** @internal What the form still needs before it can be sent, at the field it concerns: a rule, never the code. */
export type Missing =
  | { field: 'current'; need: 'entry' }
  | { field: 'new'; need: 'entry' }
  | { field: 'new'; need: 'rule'; violation: PinRuleViolation }
  | { field: 'confirm'; need: 'entry' | 'match' };

/** @internal What the form shows of the dialog's state, and what it calls back: it keeps nothing itself. */
export interface FormView {
  session: Session;
  /** A failure of the whole form, said above the fields. */
  formError: string | undefined;
  sending: boolean;
  /** The user asked to close while a change was out. */
  closeHeld: boolean;
  needsCurrent: boolean;
  temporary: boolean;
  newEntered: boolean;
  violations: PinRuleViolation[];
  confirmation: 'empty' | 'match' | 'mismatch';
  revealed: Record<Field, boolean>;
  missing: Missing | undefined;
  /** What to say under a field, if anything. */
  fieldError: (field: Field) => string | undefined;
  onInput: (event: InputEvent) => void;
  onSubmit: (event: SubmitEvent) => void;
  onCancel: () => void;
  onReveal: (field: Field) => void;
}

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

/** @internal The first thing the form still needs, in the order of its fields; undefined when it can be sent. */
export function missingOf(
  view: Pick<FormView, 'needsCurrent' | 'newEntered' | 'violations' | 'confirmation'> & { currentEntered: boolean },
): Missing | undefined {
  if (view.needsCurrent && !view.currentEntered) return { field: 'current', need: 'entry' };
  if (!view.newEntered) return { field: 'new', need: 'entry' };
  // The order of the checklist, which the user reads from the top.
  const rules = CHECKLIST.flatMap((line) => line.rules);
  const [violation] = [...view.violations].sort((a, b) => rules.indexOf(a.rule) - rules.indexOf(b.rule));
  if (violation) return { field: 'new', need: 'rule', violation };
  if (view.confirmation !== 'match')
    return { field: 'confirm', need: view.confirmation === 'empty' ? 'entry' : 'match' };
  return undefined;
}

/** @internal What is missing, in words, under the field it concerns. */
export function missingWords(missing: Missing, temporary: boolean): string {
  switch (missing.field) {
    case 'current':
      return temporary ? msg('Enter your temporary PIN code.') : msg('Enter your current PIN code.');
    case 'new':
      return missing.need === 'entry'
        ? msg('Enter a new PIN code.')
        : `${msg('The new PIN code does not meet every rule yet.')} ${violationWords(missing.violation)}`;
    case 'confirm':
      return missing.need === 'entry'
        ? msg('Enter the new PIN code again to confirm it.')
        : msg('The two new PIN codes are not the same.');
  }
}

/**
 * @internal The Change PIN Code form: the current (or temporary) code, the new code with a live checklist of the PIN
 * policy, and its confirmation. `<mf-change-pin-dialog>` loads it when it first opens, since a page that only shows the
 * status line never needs it, and renders it with its own state.
 */
export function renderForm(view: FormView) {
  const { session, formError } = view;
  const policy = session.pinPolicy;
  const notReady = view.sending || view.missing !== undefined;
  return html`
    <form part="form" novalidate @input=${view.onInput} @submit=${view.onSubmit} aria-busy=${view.sending}>
      <h2 id="heading">${msg('Change PIN code')}</h2>
      <p class="intro">
        ${msg(str`Your new PIN code goes to your Resource card ${session.resourceNo}. Nobody else will know it.`)}
      </p>
      ${formError ? html`<p part="message" role="alert" tabindex="-1">${formError}</p>` : nothing}
      ${view.needsCurrent ? renderField(view, 'current', view.temporary ? msg('Temporary PIN code') : msg('Current PIN code'), 'current-password') : nothing}
      ${renderField(view, 'new', msg('New PIN code'), 'new-password', 'rules')}
      <ul part="checklist" id="rules" aria-live="polite" aria-label=${msg('The new PIN code needs')}>
        ${CHECKLIST.filter((line) => line.id !== 'sameAsTemporary' || view.temporary).map((line) => {
          const met = view.newEntered && !view.violations.some((violation) => line.rules.includes(violation.rule));
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
      ${renderField(view, 'confirm', msg('Confirm new PIN code'), 'new-password', 'confirm-status')}
      <div class="actions">
        <button part="cancel" type="button" @click=${view.onCancel}>${msg('Cancel')}</button>
        <!-- aria-disabled, not disabled: the button stays in the Tab order and keeps focus while a change is out,
             and pressing it says what is missing. -->
        <button part="submit" class="primary" type="submit" aria-disabled=${notReady}>
          ${view.sending ? msg('Changing PIN code…') : msg('Change PIN code')}
        </button>
      </div>
      <p id="progress" role="status" class=${view.closeHeld ? 'note' : 'visually-hidden'}>
        ${
          view.sending
            ? view.closeHeld
              ? msg('Changing PIN code… It can no longer be stopped: this closes as soon as the answer comes.')
              : msg('Changing PIN code…')
            : ''
        }
      </p>
    </form>
  `;
}

function renderField(view: FormView, field: Field, label: string, autocomplete: string, describedBy?: string) {
  const name = { current: 'currentPinCode', new: 'newPinCode', confirm: 'confirmPinCode' }[field];
  const error = view.fieldError(field);
  const mismatch = field === 'confirm' && view.confirmation === 'mismatch';
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
          type=${view.revealed[field] ? 'text' : 'password'}
          inputmode="numeric"
          autocomplete=${autocomplete}
          spellcheck="false"
          maxlength="64"
          aria-invalid=${Boolean(error) || mismatch}
          aria-describedby=${ids || nothing}
          ?data-first-focus=${field === (view.needsCurrent ? 'current' : 'new')}
          ?readonly=${view.sending}
        />
        <button class="reveal" type="button" aria-controls=${field} @click=${() => view.onReveal(field)}>
          ${view.revealed[field] ? msg('Hide') : msg('Show')}<span class="visually-hidden">
            ${label.toLowerCase()}</span
          >
        </button>
      </div>
      ${error ? html`<p class="error" id="${field}-error">${error}</p>` : nothing}
      ${
        field === 'confirm'
          ? html`<p class="${mismatch ? 'error' : 'note'}" id="confirm-status" aria-live="polite">
              ${
                error
                  ? ''
                  : mismatch
                    ? msg('The two new PIN codes are not the same.')
                    : view.confirmation === 'match'
                      ? msg('The two new PIN codes are the same.')
                      : ''
              }
            </p>`
          : nothing
      }
    </div>
  `;
}
