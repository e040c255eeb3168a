import { consume } from '@lit/context';
import { msg, str } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import { html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import {
  MobileFlowError,
  mobileFlowClientContext,
  type MobileFlowClient,
  type UserSetupSortField,
} from '../../api/index.js';
import {
  checkPinCode,
  randomId,
  type PinCodeEvent,
  type PinCodeStatus,
  type PinPolicy,
  type PinRuleViolation,
  type UserSetup,
} from '../../domain/index.js';
import { elementClient } from '../element-client.js';
import { localized } from '../localization.js';
import {
  errorWords,
  formatCount,
  formatDateTime,
  pinCodeEventActorWords,
  pinCodeEventWords,
  pinCodeStatusWords,
  violationWords,
} from '../words.js';
import { userSetupTableStyles } from './mf-user-setup-table.styles.js';

/** The detail of `mf-user-setup-changed`: the settings as saved. */
export interface UserSetupChangedDetail {
  userId: string;
  passwordMandatory: boolean;
  allowPinCode: boolean;
}

/** The detail of `mf-temporary-pin-code-issued`: who got one and until when, never the code. */
export interface TemporaryPinCodeIssuedDetail {
  userId: string;
  expiresAt: string;
}

type Setting = 'passwordMandatory' | 'allowPinCode';
/** Words are kept as functions that make them at each render, so they follow a change of language. */
type Words = () => string;
type RowMessage = { text: Words; tone: 'error' | 'success' };
type IssueState = {
  setup: UserSetup;
  step: 'confirm' | 'working' | 'shown';
  error?: Words;
  chosenBroken?: PinRuleViolation[];
  /** The Idempotency-Key of an attempt that failed on the network, reused when the administrator tries again. */
  retryKey?: string;
  /** The code, only while the modal that shows it once is open. */
  result?: { pinCode: string; expiresAt: string };
  copied?: Words;
};
type HistoryState = { setup: UserSetup; events?: PinCodeEvent[]; error?: Words };

type Column = { label: string; sort?: UserSetupSortField };
const PAGE_SIZES = [10, 25, 50, 100];
const SEARCH_DELAY_MS = 250;

const isLocked = (setup: UserSetup) => setup.lockedUntil !== null && Date.parse(setup.lockedUntil) > Date.now();

/**
 * The Mobile Flow user setup, for administrators: every user's setup, how they sign in, and temporary PIN
 * codes handed out without ever learning the codes users then choose.
 *
 * A real `<table>` loaded page by page from the host, with server-side sorting and search. Each row saves *Password
 * mandatory* and *Allow PIN code* at once (with If-Match: a change made meanwhile by someone else reloads the row and
 * says so), and offers *Issue temporary PIN code* (the code is shown once, in a modal, and is gone when it closes),
 * *Unlock* and *History*. A user without access sees a plain sentence instead of the table.
 *
 * The client comes from `mobileFlowClientContext` when a provider is above the element, else from `base-url`.
 *
 * @summary The administrator's Mobile Flow user setup: every user's setup, sign-in settings and temporary PIN codes.
 * @fires mf-user-setup-changed - A setting was saved. Bubbles and is composed; `detail` is `{ userId, passwordMandatory, allowPinCode }`.
 * @fires mf-temporary-pin-code-issued - A temporary PIN code was issued. Bubbles and is composed; `detail` is `{ userId, expiresAt }`, never the code.
 *
 * @csspart toolbar - The search box and the filters.
 * @csspart search - The search box.
 * @csspart state - The sentence for loading, no results, an error or no access.
 * @csspart scroller - The box the table scrolls sideways in on a narrow screen.
 * @csspart table - The `<table>`.
 * @csspart pager - Previous, next, the position and the page size.
 * @csspart dialog - The modals: issuing a temporary PIN code and the history.
 * @csspart message - A success or error message in a modal.
 *
 * @cssprop --mf-accent-color - Buttons, checkboxes and links. Default `#1f5fa8`.
 * @cssprop --mf-text-color - Text. Default `#1b1b1b`.
 * @cssprop --mf-muted-color - Secondary text. Default `#5a5f66`.
 * @cssprop --mf-surface-color - The table's and the modals' background. Default `#fff`.
 * @cssprop --mf-border-color - Table lines. Default `#d5d8dc`.
 * @cssprop --mf-error-color - Errors. Default `#b3261e`.
 * @cssprop --mf-success-color - Success. Default `#1e6b34`.
 * @cssprop --mf-focus-color - The focus ring. Default `#f2a900`.
 * @cssprop --mf-radius - Corner radius. Default `0.375rem`.
 */
@customElement('mf-user-setup-table')
export class MfUserSetupTable extends LitElement {
  static override styles = userSetupTableStyles;

  constructor() {
    super();
    localized(this);
  }

  /** The host's base URL, used when no `mobileFlowClientContext` provider is above the element. */
  @property({ attribute: 'base-url' }) baseUrl = '';

  /** Rows per page. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 50;

  @consume({ context: mobileFlowClientContext, subscribe: true })
  @state()
  private providedClient?: MobileFlowClient;

  @state() private skip = 0;
  @state() private orderBy: { field: UserSetupSortField; direction: 'asc' | 'desc' } = {
    field: 'userId',
    direction: 'asc',
  };
  /** The search as sent to the host: the box's text once the typing paused. */
  @state() private search = '';
  @state() private statusFilter: PinCodeStatus | '' = '';
  @state() private lockedOnly = false;
  @state() private rows: UserSetup[] = [];
  @state() private total = 0;
  @state() private rowMessages = new Map<string, RowMessage>();
  @state() private busyRows = new Set<string>();
  @state() private issue?: IssueState;
  @state() private history?: HistoryState;

  @query('#issue-dialog') private issueDialog!: HTMLDialogElement;
  @query('#history-dialog') private historyDialog!: HTMLDialogElement;

  #searchTimer?: ReturnType<typeof setTimeout>;
  #typedSearch = '';

  // Every change of the arguments starts a new run and aborts the one before: an older answer never shows.
  readonly #pageTask = new Task(this, {
    task: async ([client, top, skip, field, direction, search, pinCodeStatus, lockedOnly], { signal }) => {
      if (!client) throw new Error('no client');
      return client.listUserSetups(
        { top, skip, orderBy: { field, direction }, search, pinCodeStatus: pinCodeStatus || undefined, lockedOnly },
        { signal },
      );
    },
    args: () =>
      [
        this.#client,
        this.pageSize,
        this.skip,
        this.orderBy.field,
        this.orderBy.direction,
        this.search,
        this.statusFilter,
        this.lockedOnly,
      ] as const,
    onComplete: (page) => {
      this.rows = page.value;
      this.total = page['@odata.count'] ?? page.value.length;
    },
  });

  readonly #policyTask = new Task(this, {
    task: async ([client], { signal }) => (client ? (await client.getSession({ signal })).pinPolicy : undefined),
    args: () => [this.#client] as const,
  });

  /** Loads the current page again. */
  reload(): void {
    this.#pageTask.run();
  }

  get #client(): MobileFlowClient | undefined {
    return elementClient(this.providedClient, this.baseUrl);
  }

  get #policy(): PinPolicy | undefined {
    return this.#policyTask.value;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#searchTimer);
    this.#searchTimer = undefined;
  }

  protected override updated(): void {
    for (const [dialog, wanted] of [
      [this.issueDialog, this.issue],
      [this.historyDialog, this.history],
    ] as const) {
      if (!dialog) continue;
      if (wanted && !dialog.open) {
        dialog.showModal();
        dialog.querySelector<HTMLElement>('[data-first-focus]')?.focus();
      } else if (!wanted && dialog.open) {
        dialog.close();
      }
    }
  }

  /**
   * The first keystroke after a pause searches at once; while the administrator keeps typing, the text is sent at
   * most once per SEARCH_DELAY_MS, and the last text always is.
   */
  #onSearchInput(event: Event): void {
    this.#typedSearch = (event.target as HTMLInputElement).value.trim();
    if (this.#searchTimer === undefined) this.#applySearch();
  }

  #applySearch(): void {
    this.#searchTimer = setTimeout(() => {
      this.#searchTimer = undefined;
      if (this.#typedSearch !== this.search) this.#applySearch();
    }, SEARCH_DELAY_MS);
    if (this.#typedSearch !== this.search) {
      this.search = this.#typedSearch;
      this.skip = 0;
    }
  }

  #sortBy(field: UserSetupSortField): void {
    const direction = this.orderBy.field === field && this.orderBy.direction === 'asc' ? 'desc' : 'asc';
    this.orderBy = { field, direction };
    this.skip = 0;
  }

  #replaceRow(setup: UserSetup): void {
    this.rows = this.rows.map((row) => (row.id === setup.id ? setup : row));
  }

  #say(userId: string, message?: RowMessage): void {
    const messages = new Map(this.rowMessages);
    if (message) messages.set(userId, message);
    else messages.delete(userId);
    this.rowMessages = messages;
  }

  #setBusy(id: string, busy: boolean): void {
    const rows = new Set(this.busyRows);
    if (busy) rows.add(id);
    else rows.delete(id);
    this.busyRows = rows;
  }

  async #saveSetting(setup: UserSetup, setting: Setting, checkbox: HTMLInputElement): Promise<void> {
    const client = this.#client;
    if (!client) return;
    const value = checkbox.checked;
    this.#setBusy(setup.id, true);
    this.#say(setup.userId);
    try {
      const saved = await client.updateUserSetup(setup, { [setting]: value });
      this.#replaceRow(saved);
      const { userId, passwordMandatory, allowPinCode } = saved;
      this.dispatchEvent(
        new CustomEvent<UserSetupChangedDetail>('mf-user-setup-changed', {
          bubbles: true,
          composed: true,
          detail: { userId, passwordMandatory, allowPinCode },
        }),
      );
    } catch (error) {
      if (error instanceof MobileFlowError && error.code === 'Request_EntityChanged') {
        const fresh = await client.getUserSetup(setup.id).catch(() => setup);
        this.#replaceRow(fresh);
        this.#say(setup.userId, {
          tone: 'error',
          text: () =>
            msg(
              'Someone else changed this user setup meanwhile. It has been reloaded and nothing was saved: check it and try again.',
            ),
        });
      } else {
        this.#say(setup.userId, { tone: 'error', text: () => msg(str`Not saved. ${errorWords(error)}`) });
      }
      // The checkbox shows the row as the host has it. Lit would not set it: its binding's value did not change.
      const shown = this.rows.find((row) => row.id === setup.id);
      if (shown) checkbox.checked = shown[setting];
    } finally {
      this.#setBusy(setup.id, false);
    }
  }

  async #unlock(setup: UserSetup, button: HTMLElement): Promise<void> {
    const client = this.#client;
    if (!client) return;
    const row = button.closest('tr');
    this.#setBusy(setup.id, true);
    try {
      this.#replaceRow(await client.unlockPinCode(setup.id));
      this.#say(setup.userId, { tone: 'success', text: () => msg('Unlocked.') });
    } catch (error) {
      this.#say(setup.userId, { tone: 'error', text: () => msg(str`Not unlocked. ${errorWords(error)}`) });
    } finally {
      this.#setBusy(setup.id, false);
    }
    await this.updateComplete;
    // The Unlock button is gone: focus goes to the row's History button.
    row?.querySelector<HTMLElement>('button[data-action="history"]')?.focus();
  }

  #openIssue(setup: UserSetup): void {
    this.issue = { setup, step: 'confirm' };
  }

  #onChosenInput(event: Event): void {
    if (!this.issue || !this.#policy) return;
    const chosen = (event.target as HTMLInputElement).value;
    this.issue = {
      ...this.issue,
      retryKey: undefined,
      chosenBroken: chosen ? checkPinCode(chosen, this.#policy) : undefined,
    };
  }

  async #confirmIssue(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const client = this.#client;
    const issue = this.issue;
    if (!client || !issue || issue.step !== 'confirm' || issue.chosenBroken?.length) return;
    const chosen =
      (event.target as HTMLFormElement).querySelector<HTMLInputElement>('input[name="pinCode"]')?.value || undefined;
    const retryKey = issue.retryKey ?? randomId();
    this.issue = { ...issue, step: 'working', error: undefined, retryKey };
    try {
      const { userSetup, pinCode, expiresAt } = await client.issueTemporaryPinCode(
        issue.setup.id,
        chosen === undefined ? {} : { pinCode: chosen },
        { idempotencyKey: retryKey },
      );
      this.#replaceRow(userSetup);
      if (!this.issue) return;
      this.issue = { setup: userSetup, step: 'shown', result: { pinCode, expiresAt } };
      this.dispatchEvent(
        new CustomEvent<TemporaryPinCodeIssuedDetail>('mf-temporary-pin-code-issued', {
          bubbles: true,
          composed: true,
          detail: { userId: userSetup.userId, expiresAt },
        }),
      );
    } catch (error) {
      if (!this.issue) return;
      const keep = error instanceof MobileFlowError && error.retryable;
      this.issue = {
        ...this.issue,
        step: 'confirm',
        error: () => errorWords(error),
        retryKey: keep ? retryKey : undefined,
      };
    }
    await this.updateComplete;
    this.issueDialog.querySelector<HTMLElement>('[data-first-focus]')?.focus();
  }

  // Escape closes a modal; its close event comes a task later, when it may have been opened again.
  #onIssueDialogClose(): void {
    if (!this.issueDialog.open) this.issue = undefined;
  }

  #onHistoryDialogClose(): void {
    if (!this.historyDialog.open) this.history = undefined;
  }

  async #copyCode(): Promise<void> {
    if (!this.issue?.result) return;
    try {
      await navigator.clipboard.writeText(this.issue.result.pinCode);
      if (this.issue) this.issue = { ...this.issue, copied: () => msg('Copied.') };
    } catch {
      if (this.issue)
        this.issue = { ...this.issue, copied: () => msg('Could not copy here: write it down from the screen.') };
    }
  }

  async #openHistory(setup: UserSetup): Promise<void> {
    const client = this.#client;
    if (!client) return;
    this.history = { setup };
    try {
      const { value } = await client.listPinCodeEvents(setup.id);
      if (this.history?.setup.id === setup.id) this.history = { setup, events: value };
    } catch (error) {
      if (this.history?.setup.id === setup.id) this.history = { setup, error: () => errorWords(error) };
    }
  }

  protected override render() {
    if (!this.#client) return html`<p part="state" role="status">${msg('No host connection is configured.')}</p>`;
    const error = this.#pageTask.error;
    if (error instanceof MobileFlowError && error.code === 'Authorization_Denied') {
      return html`<p part="state" role="status">
        ${msg('You do not have access to the Mobile Flow user setup. You can still change your own PIN code from the overview.')}
      </p>`;
    }
    const pending = this.#pageTask.status === TaskStatus.PENDING;
    return html`
      <div part="toolbar">
        <div>
          <label for="search">${msg('Search by user ID or name')}</label>
          <input part="search" id="search" type="search" autocomplete="off" @input=${this.#onSearchInput} />
        </div>
        <div>
          <label for="status-filter">${msg('PIN code status')}</label>
          <select
            id="status-filter"
            @change=${(event: Event) => {
              this.statusFilter = (event.target as HTMLSelectElement).value as PinCodeStatus | '';
              this.skip = 0;
            }}
          >
            <option value="">${msg('All')}</option>
            <option value="notSet">${msg('Not set')}</option>
            <option value="temporary">${msg('Temporary')}</option>
            <option value="set">${msg('Set')}</option>
          </select>
        </div>
        <label class="inline-label">
          <input
            type="checkbox"
            id="locked-filter"
            .checked=${this.lockedOnly}
            @change=${(event: Event) => {
              this.lockedOnly = (event.target as HTMLInputElement).checked;
              this.skip = 0;
            }}
          />
          ${msg('Locked users only')}
        </label>
      </div>
      ${this.#renderState(pending, error)}
      <div part="scroller" role="region" aria-labelledby="caption" tabindex="0">
        <table part="table" aria-busy=${pending}>
          <caption id="caption">
            ${msg('Mobile Flow user setup')}
          </caption>
          <thead>
            <tr>
              ${(
                [
                  { label: msg('User ID'), sort: 'userId' },
                  { label: msg('Name'), sort: 'displayName' },
                  { label: msg('Resource No.'), sort: 'resourceNo' },
                  { label: msg('Password mandatory') },
                  { label: msg('Allow PIN code') },
                  { label: msg('PIN code status'), sort: 'pinCodeStatus' },
                  { label: msg('Locked until') },
                  { label: msg('Actions') },
                ] satisfies Column[]
              ).map((column: Column) => this.#renderHeader(column))}
            </tr>
          </thead>
          <tbody>
            ${this.rows.map((setup) => this.#renderRow(setup))}
          </tbody>
        </table>
      </div>
      ${this.#renderPager()} ${this.#renderIssueDialog()} ${this.#renderHistoryDialog()}
    `;
  }

  #renderState(pending: boolean, error: unknown) {
    if (error) {
      return html`<p part="state" role="alert">
        ${msg(str`The user setups could not be loaded. ${errorWords(error)}`)}
        <button type="button" @click=${() => this.reload()}>${msg('Try again')}</button>
      </p>`;
    }
    if (pending && this.rows.length === 0)
      return html`<p part="state" role="status">${msg('Loading user setups…')}</p>`;
    if (!pending && this.rows.length === 0) {
      const filtered = this.search || this.statusFilter || this.lockedOnly;
      return html`<p part="state" role="status">
        ${
          filtered
            ? this.search
              ? msg(str`No user setups match “${this.search}” with these filters.`)
              : msg('No user setups match these filters.')
            : msg('There are no user setups yet.')
        }
        <button type="button" @click=${() => this.reload()}>${msg('Load again')}</button>
      </p>`;
    }
    return html`<p part="state" role="status" class="visually-hidden">
      ${pending ? msg('Loading user setups…') : ''}
    </p>`;
  }

  #renderHeader(column: Column) {
    if (!column.sort) return html`<th scope="col">${column.label}</th>`;
    const sorted = this.orderBy.field === column.sort;
    const ariaSort = sorted ? (this.orderBy.direction === 'asc' ? 'ascending' : 'descending') : nothing;
    return html`<th scope="col" aria-sort=${ariaSort} data-sort=${column.sort}>
      <button type="button" @click=${() => this.#sortBy(column.sort!)}>
        ${column.label}<span aria-hidden="true">${sorted ? (this.orderBy.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>`;
  }

  #renderRow(setup: UserSetup) {
    const busy = this.busyRows.has(setup.id);
    const message = this.rowMessages.get(setup.userId);
    const setting = (name: Setting, label: string) =>
      html`<input
        type="checkbox"
        data-setting=${name}
        aria-label=${label}
        .checked=${setup[name]}
        ?disabled=${busy}
        @change=${(event: Event) => this.#saveSetting(setup, name, event.target as HTMLInputElement)}
      />`;
    const canHaveCode = setup.allowPinCode && setup.resourceNo !== null;
    return html`<tr data-user-id=${setup.userId} aria-busy=${busy}>
      <td>${setup.userId}</td>
      <td>${setup.displayName}</td>
      <td>${setup.resourceNo ?? ''}</td>
      <td>${setting('passwordMandatory', msg(str`Password mandatory for ${setup.displayName}`))}</td>
      <td>${setting('allowPinCode', msg(str`Allow PIN code for ${setup.displayName}`))}</td>
      <td data-column="status">${pinCodeStatusWords(setup)}</td>
      <td data-column="locked">${isLocked(setup) ? formatDateTime(setup.lockedUntil!) : ''}</td>
      <td>
        <div class="actions">
          ${
            canHaveCode
              ? html`<button type="button" data-action="issue" ?disabled=${busy} @click=${() => this.#openIssue(setup)}>
                  ${msg('Issue temporary PIN code')}<span class="visually-hidden">
                    ${msg(str`to ${setup.displayName}`)}</span
                  >
                </button>`
              : nothing
          }
          ${
            isLocked(setup)
              ? html`<button
                  type="button"
                  data-action="unlock"
                  ?disabled=${busy}
                  @click=${(event: Event) => this.#unlock(setup, event.currentTarget as HTMLElement)}
                >
                  ${msg('Unlock')}<span class="visually-hidden"> ${setup.displayName}</span>
                </button>`
              : nothing
          }
          <button type="button" data-action="history" @click=${() => this.#openHistory(setup)}>
            ${msg('History')}<span class="visually-hidden"> ${msg(str`of ${setup.displayName}`)}</span>
          </button>
        </div>
        ${message ? html`<span class="row-message ${message.tone}" role=${message.tone === 'error' ? 'alert' : 'status'}>${message.text()}</span>` : nothing}
      </td>
    </tr>`;
  }

  #renderPager() {
    const page = Math.floor(this.skip / this.pageSize) + 1;
    const pages = Math.max(1, Math.ceil(this.total / this.pageSize));
    const first = this.total === 0 ? 0 : this.skip + 1;
    const last = Math.min(this.skip + this.rows.length, this.total);
    return html`<div part="pager">
      <button
        type="button"
        data-page="previous"
        ?disabled=${this.skip === 0}
        @click=${() => (this.skip = Math.max(0, this.skip - this.pageSize))}
      >
        ${msg('Previous page')}
      </button>
      <span role="status" data-position>
        ${msg(str`Rows ${formatCount(first)}–${formatCount(last)} of ${formatCount(this.total)}, page ${formatCount(page)} of ${formatCount(pages)}`)}
      </span>
      <button
        type="button"
        data-page="next"
        ?disabled=${this.skip + this.pageSize >= this.total}
        @click=${() => (this.skip += this.pageSize)}
      >
        ${msg('Next page')}
      </button>
      <label class="inline-label">
        ${msg('Rows per page')}
        <select
          id="page-size"
          @change=${(event: Event) => {
            this.pageSize = Number((event.target as HTMLSelectElement).value);
            this.skip = 0;
          }}
        >
          ${PAGE_SIZES.map((size) => html`<option value=${size} ?selected=${size === this.pageSize}>${size}</option>`)}
        </select>
      </label>
    </div>`;
  }

  #renderIssueDialog() {
    const issue = this.issue;
    let body: unknown = nothing;
    if (issue?.step === 'shown' && issue.result) {
      body = html`
        <h2 id="issue-heading">${msg(str`Temporary PIN code for ${issue.setup.displayName}`)}</h2>
        <p>
          ${msg(str`Hand this code to ${issue.setup.displayName}. It is shown only now, and it is valid until ${formatDateTime(issue.result.expiresAt)}.`)}
        </p>
        <output class="code" aria-label=${msg('Temporary PIN code')}>${issue.result.pinCode}</output>
        <p role="status">${issue.copied?.() ?? ''}</p>
        <div class="actions">
          <button type="button" @click=${this.#copyCode}>${msg('Copy')}</button>
          <button type="button" class="primary" data-first-focus @click=${() => (this.issue = undefined)}>
            ${msg('Done')}
          </button>
        </div>
      `;
    } else if (issue) {
      const policy = this.#policy;
      const hours = policy?.temporaryTtlHours;
      body = html`
        <form @submit=${this.#confirmIssue}>
          <h2 id="issue-heading">${msg('Issue a temporary PIN code')}</h2>
          ${issue.error ? html`<p part="message" role="alert" tabindex="-1" data-first-focus>${issue.error()}</p>` : nothing}
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
                    aria-invalid=${Boolean(issue.chosenBroken?.length)}
                    @input=${this.#onChosenInput}
                  />
                  <p class=${issue.chosenBroken?.length ? 'error' : 'note'} id="chosen-help">
                    ${issue.chosenBroken?.length ? issue.chosenBroken.map(violationWords).join(' ') : msg('Leave it empty to have a random code generated.')}
                  </p>
                </div>`
              : nothing
          }
          <div class="actions">
            <button type="button" @click=${() => (this.issue = undefined)}>${msg('Cancel')}</button>
            <button
              type="submit"
              class="primary"
              ?data-first-focus=${!issue.error}
              ?disabled=${issue.step === 'working' || Boolean(issue.chosenBroken?.length)}
            >
              ${issue.step === 'working' ? msg('Issuing…') : msg('Issue temporary PIN code')}
            </button>
          </div>
        </form>
      `;
    }
    return html`<dialog
      part="dialog"
      id="issue-dialog"
      aria-labelledby="issue-heading"
      @close=${this.#onIssueDialogClose}
    >
      ${body}
    </dialog>`;
  }

  #renderHistoryDialog() {
    const history = this.history;
    let body: unknown = nothing;
    if (history) {
      const events = history.events;
      body = html`
        <h2 id="history-heading">${msg(str`PIN code history of ${history.setup.displayName}`)}</h2>
        ${
          history.error
            ? html`<p part="message" role="alert">${history.error()}</p>`
            : !events
              ? html`<p role="status">${msg('Loading the history…')}</p>`
              : events.length === 0
                ? html`<p role="status">${msg("Nothing has happened to this user's PIN code yet.")}</p>`
                : html`<ol class="history">
                    ${events.map(
                      (event) =>
                        html`<li data-event=${event.type}>
                          <strong>${pinCodeEventWords(event)}</strong><br />
                          <time datetime=${event.at}>${formatDateTime(event.at)}</time> ·
                          ${pinCodeEventActorWords(event)}
                        </li>`,
                    )}
                  </ol>`
        }
        <div class="actions">
          <button type="button" class="primary" data-first-focus @click=${() => (this.history = undefined)}>
            ${msg('Close')}
          </button>
        </div>
      `;
    }
    return html`<dialog
      part="dialog"
      id="history-dialog"
      aria-labelledby="history-heading"
      @close=${this.#onHistoryDialogClose}
    >
      ${body}
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mf-user-setup-table': MfUserSetupTable;
  }
  interface GlobalEventHandlersEventMap {
    'mf-user-setup-changed': CustomEvent<UserSetupChangedDetail>;
    'mf-temporary-pin-code-issued': CustomEvent<TemporaryPinCodeIssuedDetail>;
  }
}
