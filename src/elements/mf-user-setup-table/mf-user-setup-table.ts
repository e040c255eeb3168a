import { msg, str } from '@lit/localize';
import { TaskStatus } from '@lit/task';
import { html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { UserSetupSortField } from '../../api/client.js';
import { MobileFlowError } from '../../api/errors.js';
import { deviceSignIn } from '../../domain/device-sign-in.js';
import type { PinCodeStatus, UserSetup } from '../../domain/index.js';
import { ClientController } from '../controllers/client-controller.js';
import { clientTask } from '../controllers/client-task.js';
import { customElement } from '../define.js';
import { localized } from '../localization.js';
import { errorWords, passwordNeedsPinCodeWords } from '../words.js';
import { changedMeanwhileWords, deviceSignInWords, pinCodeStatusWords } from './words.js';
import { UserSetupChangedEvent, type PageChangeEvent, type RowChangedEvent } from './events.js';
import type { UserSetupHistoryDialog } from './internal/history-dialog.js';
import type { UserSetupIssueDialog } from './internal/issue-dialog.js';
import './internal/pager.js';
import { SelectionController } from './internal/selection-controller.js';
import { userSetupTableStyles } from './mf-user-setup-table.styles.js';

export * from './events.js';

type Setting = 'passwordMandatory' | 'allowPinCode';
/** What a row says under its status: the cause is kept, the words are made at render (they follow the language). */
type RowMessage =
  | { kind: 'notSaved'; error: unknown }
  | { kind: 'changedMeanwhile' }
  | { kind: 'passwordNeedsPinCode' }
  | { kind: 'unlocked' }
  | { kind: 'notUnlocked'; error: unknown }
  | { kind: 'notOpened' };
/** What a row is doing while it waits for the host. */
type RowWork = 'saving' | 'unlocking';
type Column = { label: string; sort?: UserSetupSortField; before?: unknown };
const SEARCH_DELAY_MS = 250;

/** `load`, started once; after it fails, the next call starts it again. */
function loadOnce(load: () => Promise<unknown>): () => Promise<unknown> {
  let loading: Promise<unknown> | undefined;
  return () =>
    (loading ??= load().catch((error) => {
      loading = undefined;
      throw error;
    }));
}
/** The bulk actions come with the first selection: a page on which nobody selects a user never loads them. */
const loadBulkActions = loadOnce(() => import('./internal/bulk-actions.js'));
/** The issue and history modals come with the first click that opens one. */
const loadDialogs = loadOnce(() =>
  Promise.all([import('./internal/issue-dialog.js'), import('./internal/history-dialog.js')]),
);

const isLocked = (setup: UserSetup) => setup.lockedUntil !== null && Date.parse(setup.lockedUntil) > Date.now();

/**
 * The Mobile Flow user setup, for administrators: every user's setup, how they sign in, and temporary PIN
 * codes handed out without ever learning the codes users then choose.
 *
 * A real `<table>` loaded page by page from the host, with server-side sorting and search. A page never waits for the
 * count of the users who match: the host is asked for it apart, after the page, once per search and filters (unless
 * the first page holds them all), and the pager shows it when it comes ("Counting…" until then). Each row saves
 * *Password mandatory* and *Allow PIN code* at once (with If-Match: a change made meanwhile by someone else reloads
 * the row and says so), and offers *Issue temporary PIN code* (the code is shown once, in a modal, and is gone when it
 * closes), *Unlock* and *History*. Each row says whether the user can sign in on a device now, and if not, why. A user
 * without access sees a plain sentence instead of the table.
 *
 * A checkbox per row and one for the page select users, across pages and searches, for the bulk actions: *Issue
 * temporary PIN codes* (one confirmation; the codes are shown once, in one modal that prints one slip per user and
 * forgets every code when it closes), *Unlock*, and *Allow PIN code* / *Password mandatory* on or off, each user's
 * outcome reported on its own.
 *
 * Narrower than 64rem (its own width, not the screen's: an add-in may be narrow on a wide screen), each user is a
 * card, with the sortable headers and *Select all* above the cards; by touch (`pointer: coarse`) every target is
 * 44 × 44 px or more, else 24 × 24. The element takes the width its container gives it (it is a size container).
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
 * @csspart scroller - The box around the table, which scrolls sideways should the table be wider (the cards never are).
 * @csspart table - The `<table>`.
 * @csspart pager - Previous, next, the position and the page size.
 * @csspart dialog - The modals: issuing a temporary PIN code, issuing them to the selected users, and the history.
 * @csspart bulk-actions - The bar of actions for the selected users, with how many are selected.
 * @csspart slip - One user's slip in the view of issued codes, as it prints.
 * @csspart message - A success or error message in a modal.
 *
 * @cssprop --mf-accent-color - Buttons, checkboxes and links. Default `#1f5fa8`.
 * @cssprop --mf-text-color - Text. Default `#1b1b1b`.
 * @cssprop --mf-muted-color - Secondary text. Default `#5a5f66`.
 * @cssprop --mf-surface-color - The table's and the modals' background. Default `#fff`.
 * @cssprop --mf-border-color - Table lines. Default `#d5d8dc`.
 * @cssprop --mf-error-color - Errors. Default `#b3261e`.
 * @cssprop --mf-success-color - Success. Default `#1e6b34`.
 * @cssprop --mf-focus-color - The focus ring: 3:1 or more against the surfaces it sits on. Default `#a36a00`.
 * @cssprop --mf-radius - Corner radius. Default `0.375rem`.
 */
@customElement('mf-user-setup-table')
export class MfUserSetupTable extends LitElement {
  static override styles = userSetupTableStyles;

  /** The host's base URL, used when no `mobileFlowClientContext` provider is above the element. */
  @property({ attribute: 'base-url' }) baseUrl = '';

  /** Rows per page. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 50;

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
  /** How many setups match: as the host counted them, or a first page that holds them all; undefined until then. */
  @state() private total?: number;
  /** Per row, keyed by the setup's id. */
  @state() private rowMessages = new Map<string, RowMessage>();
  /** Per row, keyed by the setup's id. */
  @state() private rowWork = new Map<string, RowWork>();

  @query('mf-user-setup-issue-dialog') private issueDialog!: UserSetupIssueDialog;
  @query('mf-user-setup-history-dialog') private historyDialog!: UserSetupHistoryDialog;

  readonly #client = new ClientController(this);
  readonly #selection = new SelectionController(this);
  #searchTimer?: ReturnType<typeof setTimeout>;
  #typedSearch = '';
  /** What had focus in the element before an update, to catch it when the update removes it. */
  #focused: Element | null = null;

  // Every change of the arguments starts a new run and aborts the one before: an older answer never shows.
  readonly #pageTask = clientTask(this, () => this.#client.value, {
    task: (client, [top, skip, field, direction, search, pinCodeStatus, lockedOnly], { signal }) =>
      client.listUserSetups(
        {
          top,
          skip,
          orderBy: { field, direction },
          search,
          pinCodeStatus: pinCodeStatus || undefined,
          lockedOnly,
          count: false,
        },
        { signal },
      ),
    args: () =>
      [
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
      this.#selection.keepFresh(page.value);
      const filters = `${this.search}\n${this.statusFilter}\n${this.lockedOnly}`;
      if (filters === this.#countedFilters) return;
      this.#countedFilters = filters;
      // A first page that is not full holds every match: there is nothing left to count.
      const all = this.skip === 0 && page.value.length < this.pageSize;
      this.total = all ? page.value.length : undefined;
      if (all) this.#countTask.abort();
      else this.#countTask.run();
    },
  });

  // How many match is asked apart, after the page, once per search and filters, not with every page or sort: a host
  // reads every match to count them (60 000 of a million users for "jens"); the page neither waits nor competes.
  #countedFilters?: string;
  readonly #countTask = clientTask(this, () => this.#client.value, {
    autoRun: false,
    task: async (client, [search, pinCodeStatus, lockedOnly], { signal }) =>
      (
        await client.listUserSetups(
          { top: 0, search, pinCodeStatus: pinCodeStatus || undefined, lockedOnly },
          { signal },
        )
      )['@odata.count'],
    args: () => [this.search, this.statusFilter, this.lockedOnly] as const,
    onComplete: (count) => (this.total = count),
  });

  constructor() {
    super();
    localized(this);
  }

  /** Loads the current page again, and after it counts again the users who match. */
  reload(): void {
    this.#countedFilters = undefined;
    this.#pageTask.run();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#searchTimer);
    this.#searchTimer = undefined;
  }

  protected override willUpdate(): void {
    this.#focused = this.shadowRoot?.activeElement ?? null;
  }

  protected override updated(): void {
    if (this.#selection.size > 0) loadBulkActions().catch(() => {});
    // What had focus went away with the update (Try again, replaced by "Loading…"): focus stays in the element, on
    // the sentence that says what happens now, else on the table.
    if (this.#focused && !this.#focused.isConnected) {
      const state = this.renderRoot.querySelector<HTMLElement>('[part~="state"]:not(.visually-hidden)');
      (state ?? this.renderRoot.querySelector<HTMLElement>('[part~="scroller"]'))?.focus();
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

  #onPageChange(event: PageChangeEvent): void {
    this.pageSize = event.pageSize;
    this.skip = event.skip;
  }

  #replaceRow(setup: UserSetup): void {
    this.rows = this.rows.map((row) => (row.id === setup.id ? setup : row));
    this.#selection.keepFresh([setup]);
  }

  #showRowMessage(id: string, message?: RowMessage): void {
    const messages = new Map(this.rowMessages);
    if (message) messages.set(id, message);
    else messages.delete(id);
    this.rowMessages = messages;
  }

  #setRowWork(id: string, work?: RowWork): void {
    const rows = new Map(this.rowWork);
    if (work) rows.set(id, work);
    else rows.delete(id);
    this.rowWork = rows;
  }

  /**
   * A checkbox stays enabled while its row saves (a disabled control drops focus to the page's body); a click then,
   * or one the host would refuse, leaves it as it is.
   */
  #onSettingClick(event: Event, setup: UserSetup, setting: Setting): void {
    if (this.rowWork.has(setup.id)) {
      event.preventDefault();
    } else if (setting === 'allowPinCode' && setup.passwordMandatory && setup.allowPinCode) {
      event.preventDefault();
      this.#showRowMessage(setup.id, { kind: 'passwordNeedsPinCode' });
    }
  }

  async #saveSetting(setup: UserSetup, setting: Setting, checkbox: HTMLInputElement): Promise<void> {
    const client = this.#client.value;
    if (!client) return;
    this.#setRowWork(setup.id, 'saving');
    this.#showRowMessage(setup.id);
    try {
      const saved = await client.updateUserSetup(setup, { [setting]: checkbox.checked });
      this.#replaceRow(saved);
      const changed = new UserSetupChangedEvent(saved);
      this.dispatchEvent(changed);
    } catch (error) {
      if (error instanceof MobileFlowError && error.code === 'Request_EntityChanged') {
        this.#replaceRow(await client.getUserSetup(setup.id).catch(() => setup));
        this.#showRowMessage(setup.id, { kind: 'changedMeanwhile' });
      } else if (error instanceof MobileFlowError && error.code === 'UserSetup_PasswordNeedsPinCode') {
        this.#showRowMessage(setup.id, { kind: 'passwordNeedsPinCode' });
      } else {
        this.#showRowMessage(setup.id, { kind: 'notSaved', error });
      }
      // The checkbox shows the row as the host has it. Lit would not set it: its binding's value did not change.
      const shown = this.rows.find((row) => row.id === setup.id);
      if (shown) checkbox.checked = shown[setting];
    } finally {
      this.#setRowWork(setup.id);
    }
  }

  async #unlock(setup: UserSetup, button: HTMLElement): Promise<void> {
    const client = this.#client.value;
    if (!client || this.rowWork.has(setup.id)) return;
    const row = button.closest('tr');
    this.#setRowWork(setup.id, 'unlocking');
    try {
      this.#replaceRow(await client.unlockPinCode(setup.id));
      this.#showRowMessage(setup.id, { kind: 'unlocked' });
    } catch (error) {
      this.#showRowMessage(setup.id, { kind: 'notUnlocked', error });
    } finally {
      this.#setRowWork(setup.id);
    }
    await this.updateComplete;
    // The Unlock button is gone: focus goes to the row's History button.
    if (!button.isConnected || !row?.contains(button))
      row?.querySelector<HTMLElement>('button[data-action="history"]')?.focus();
  }

  /** Opens a modal once its code is here; a table that left the page meanwhile opens nothing. */
  async #open(setup: UserSetup, dialog: () => { show(setup: UserSetup): unknown }): Promise<void> {
    try {
      await loadDialogs();
    } catch {
      this.#showRowMessage(setup.id, { kind: 'notOpened' });
      return;
    }
    if (this.isConnected) await dialog().show(setup);
  }

  #openIssue(setup: UserSetup): void {
    if (!this.rowWork.has(setup.id)) void this.#open(setup, () => this.issueDialog);
  }

  #openHistory(setup: UserSetup): void {
    void this.#open(setup, () => this.historyDialog);
  }

  protected override render() {
    const client = this.#client.value;
    if (!client) return html`<p part="state" role="status">${msg('No host connection is configured.')}</p>`;
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
      <mf-user-setup-bulk-actions
        .client=${client}
        .selected=${this.#selection.setups}
        @mf-row-changed=${(event: RowChangedEvent) => this.#replaceRow(event.setup)}
        @mf-selection-clear=${() => this.#selection.clear()}
      ></mf-user-setup-bulk-actions>
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
                  { label: msg('User ID'), sort: 'userId', before: this.#selection.renderPageCheckbox(this.rows) },
                  { label: msg('Name'), sort: 'displayName' },
                  { label: msg('Resource No.'), sort: 'resourceNo' },
                  { label: msg('Password mandatory') },
                  { label: msg('Allow PIN code') },
                  { label: msg('PIN code and device sign-in'), sort: 'pinCodeStatus' },
                  { label: msg('Actions') },
                ] satisfies Column[]
              ).map((column: Column) => this.#renderHeader(column))}
            </tr>
          </thead>
          <!-- While a page loads, the rows it replaces stay readable but take no clicks. -->
          <tbody ?inert=${pending}>
            ${this.rows.map((setup) => this.#renderRow(setup))}
          </tbody>
        </table>
      </div>
      <mf-user-setup-pager
        .skip=${this.skip}
        .pageSize=${this.pageSize}
        .total=${this.total}
        .counting=${this.#countTask.status === TaskStatus.PENDING}
        .shown=${this.rows.length}
        @mf-page-change=${this.#onPageChange}
      ></mf-user-setup-pager>
      <mf-user-setup-issue-dialog
        .client=${client}
        @mf-row-changed=${(event: RowChangedEvent) => this.#replaceRow(event.setup)}
      ></mf-user-setup-issue-dialog>
      <mf-user-setup-history-dialog .client=${client}></mf-user-setup-history-dialog>
    `;
  }

  #renderState(pending: boolean, error: unknown) {
    if (error) {
      return html`<p part="state" role="alert" tabindex="-1">
        ${msg(str`The user setups could not be loaded. ${errorWords(error)}`)}
        <button type="button" @click=${() => this.reload()}>${msg('Try again')}</button>
      </p>`;
    }
    if (pending && this.rows.length === 0)
      return html`<p part="state" role="status" tabindex="-1">${msg('Loading user setups…')}</p>`;
    if (!pending && this.rows.length === 0) {
      const filtered = this.search || this.statusFilter || this.lockedOnly;
      return html`<p part="state" role="status" tabindex="-1">
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
    if (!column.sort) return html`<th scope="col">${column.before ?? nothing}${column.label}</th>`;
    const sorted = this.orderBy.field === column.sort;
    const ariaSort = sorted ? (this.orderBy.direction === 'asc' ? 'ascending' : 'descending') : nothing;
    return html`<th scope="col" aria-sort=${ariaSort} data-sort=${column.sort}>
      ${column.before ?? nothing}
      <button type="button" @click=${() => this.#sortBy(column.sort!)}>
        ${column.label}<span aria-hidden="true">${sorted ? (this.orderBy.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>`;
  }

  #rowMessageWords(message: RowMessage): string {
    switch (message.kind) {
      case 'notSaved':
        return msg(str`Not saved. ${errorWords(message.error, { kept: false })}`);
      case 'changedMeanwhile':
        return changedMeanwhileWords();
      case 'passwordNeedsPinCode':
        return passwordNeedsPinCodeWords();
      case 'unlocked':
        return msg('Unlocked.');
      case 'notUnlocked':
        return msg(str`Not unlocked. ${errorWords(message.error, { kept: false })}`);
      case 'notOpened':
        return msg('The window could not be opened. Check your connection and try again.');
    }
  }

  #renderRow(setup: UserSetup) {
    const work = this.rowWork.get(setup.id);
    const message = this.rowMessages.get(setup.id);
    const signIn = deviceSignIn(setup, new Date());
    const locked = isLocked(setup);
    // Allow PIN code cannot go off while Password mandatory is on: its description says what to do instead.
    const allowNeeded = setup.passwordMandatory && setup.allowPinCode;
    // In a label that makes the target larger, with the column's name, which shows when the row is a card.
    const setting = (name: Setting, column: string, label: string, describedBy?: string) =>
      html`<label class="hit"
        ><input
          type="checkbox"
          data-setting=${name}
          aria-label=${label}
          aria-describedby=${describedBy ?? nothing}
          .checked=${setup[name]}
          @click=${(event: Event) => this.#onSettingClick(event, setup, name)}
          @change=${(event: Event) => this.#saveSetting(setup, name, event.target as HTMLInputElement)}
        /><span class="card-only">${column}</span></label
      >`;
    const canHaveCode = setup.allowPinCode && setup.resourceNo !== null;
    const tone = message?.kind === 'unlocked' ? 'success' : 'error';
    return html`<tr data-user-id=${setup.userId} aria-busy=${work !== undefined}>
      <td class="user-id">${this.#selection.renderRowCheckbox(setup)} ${setup.userId}</td>
      <td>${setup.displayName}</td>
      <td data-label=${msg('Resource No.')}>${setup.resourceNo ?? nothing}</td>
      <td class="setting">
        ${setting('passwordMandatory', msg('Password mandatory'), msg(str`Password mandatory for ${setup.displayName}`))}
      </td>
      <td class="setting">
        ${setting('allowPinCode', msg('Allow PIN code'), msg(str`Allow PIN code for ${setup.displayName}`), allowNeeded ? `allow-note-${setup.id}` : undefined)}
        ${allowNeeded ? html`<span class="visually-hidden" id="allow-note-${setup.id}">${passwordNeedsPinCodeWords()}</span>` : nothing}
      </td>
      <td class="pin-code">
        <span class="line" data-column="status">${pinCodeStatusWords(setup)}</span>
        <span
          class="line sign-in ${signIn.kind}"
          data-sign-in=${signIn.kind}
          data-column=${signIn.kind === 'locked' ? 'locked' : 'sign-in'}
          >${deviceSignInWords(signIn)}</span
        >
        ${locked && signIn.kind !== 'locked' ? html`<span class="line sign-in" data-column="locked">${deviceSignInWords({ kind: 'locked', until: setup.lockedUntil! })}</span>` : nothing}
        ${work ? html`<span class="line row-work" role="status">${work === 'saving' ? msg('Saving…') : msg('Unlocking…')}</span>` : nothing}
        ${message ? html`<span class="line row-message ${tone}" role=${tone === 'error' ? 'alert' : 'status'}>${this.#rowMessageWords(message)}</span>` : nothing}
      </td>
      <td>
        <div class="actions">
          ${
            canHaveCode
              ? html`<button
                  type="button"
                  data-action="issue"
                  aria-disabled=${work !== undefined}
                  @click=${() => this.#openIssue(setup)}
                >
                  ${msg('Issue code')}<span class="visually-hidden">
                    ${msg(str`for ${setup.displayName}: a temporary PIN code`)}</span
                  >
                </button>`
              : nothing
          }
          ${
            locked
              ? html`<button
                  type="button"
                  data-action="unlock"
                  aria-disabled=${work !== undefined}
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
      </td>
    </tr>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mf-user-setup-table': MfUserSetupTable;
  }
}
