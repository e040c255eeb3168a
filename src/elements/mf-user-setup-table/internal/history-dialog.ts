import { msg, str } from '@lit/localize';
import { html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { MobileFlowClient } from '../../../api/index.js';
import type { UserSetup } from '../../../domain/index.js';
import { clientTask } from '../../controllers/client-task.js';
import { ModalController } from '../../controllers/modal-controller.js';
import { localized } from '../../localization.js';
import { errorWords, formatDateTime } from '../../words.js';
import { pinCodeEventActorWords, pinCodeEventWords } from '../words.js';
import { define } from '../../define.js';

/**
 * @internal The table's *History* modal: a user's PIN code events, newest first, with what happened and who did it.
 * It renders into the table's shadow root (no shadow root of its own), so the table's styles and parts reach it.
 */
export class UserSetupHistoryDialog extends LitElement {
  /** The table's client. */
  @property({ attribute: false }) client?: MobileFlowClient;

  /** The user whose history is open; none while the modal is closed. */
  readonly #modal = new ModalController<UserSetup>(this);

  // A new user aborts the load of the one before: an older answer never shows.
  readonly #events = clientTask(this, () => (this.#modal.value ? this.client : undefined), {
    task: async (client, [id], { signal }) => (await client.listPinCodeEvents(id!, { signal })).value,
    args: () => [this.#modal.value?.id] as const,
  });

  constructor() {
    super();
    localized(this);
  }

  protected override createRenderRoot() {
    return this;
  }

  /** Opens the history of `setup`. */
  show(setup: UserSetup): void {
    this.#modal.value = setup;
  }

  protected override render() {
    return this.#modal.render('history', (setup) => this.#renderHistory(setup));
  }

  #renderHistory(setup: UserSetup) {
    return html`
      <h2 id="history-heading">${msg(str`PIN code history of ${setup.displayName}`)}</h2>
      ${this.#events.render({
        initial: () => html`<p role="status">${msg('Loading the history…')}</p>`,
        pending: () => html`<p role="status">${msg('Loading the history…')}</p>`,
        error: (error) => html`<p part="message" role="alert">${errorWords(error, { kept: false })}</p>`,
        complete: (events) =>
          events.length === 0
            ? html`<p role="status">${msg("Nothing has happened to this user's PIN code yet.")}</p>`
            : html`<ol class="history">
                ${events.map(
                  (event) =>
                    html`<li data-event=${event.type}>
                      <strong>${pinCodeEventWords(event)}</strong><br />
                      <time datetime=${event.at}>${formatDateTime(event.at)}</time> · ${pinCodeEventActorWords(event)}
                    </li>`,
                )}
              </ol>`,
      })}
      <div class="actions">
        <button type="button" class="primary" data-first-focus @click=${this.#modal.close}>${msg('Close')}</button>
      </div>
    `;
  }
}

define('mf-user-setup-history-dialog', UserSetupHistoryDialog);

declare global {
  interface HTMLElementTagNameMap {
    'mf-user-setup-history-dialog': UserSetupHistoryDialog;
  }
}
