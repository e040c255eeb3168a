import { msg, str } from '@lit/localize';
import { html } from 'lit';
import type { ReactiveControllerHost } from 'lit';
import type { UserSetup } from '../../../domain/index.js';

/** How much of a page is selected: what the page's checkbox shows (checked, indeterminate or neither). */
export type PageSelection = 'none' | 'some' | 'all';

/**
 * @internal The users the administrator selected in the table, keyed by user setup id, for the bulk actions.
 *
 * The selection is kept across paging, sorting, search and filters: an administrator can gather users from several
 * searches ("anna", then "lars") and act on them at once. The bulk toolbar always says how many are selected and the
 * confirmation names them, so nobody acts on users they cannot see without being told. Each selected user's latest
 * copy from the host is kept (`keepFresh`), so that a bulk save sends the newest etag the table has seen.
 */
export class SelectionController {
  readonly #selected = new Map<string, UserSetup>();
  /** A new array on every change, so that a property binding to it updates the element it is bound to. */
  #setups: readonly UserSetup[] = [];

  /** `host` renders again on every change of the selection. */
  constructor(private readonly host: ReactiveControllerHost) {}

  /** The selected users, in the order they were selected. */
  get setups(): readonly UserSetup[] {
    return this.#setups;
  }

  get size(): number {
    return this.#selected.size;
  }

  has(id: string): boolean {
    return this.#selected.has(id);
  }

  /** Selects or deselects one user. */
  toggle(setup: UserSetup, selected: boolean): void {
    this.#change(() => (selected ? this.#selected.set(setup.id, setup) : this.#selected.delete(setup.id)));
  }

  /** Selects or deselects every user on the page. */
  togglePage(rows: readonly UserSetup[], selected: boolean): void {
    this.#change(() => {
      for (const setup of rows) {
        if (selected) this.#selected.set(setup.id, setup);
        else this.#selected.delete(setup.id);
      }
    });
  }

  /** Deselects everyone. */
  clear(): void {
    if (this.#selected.size) this.#change(() => this.#selected.clear());
  }

  /** Keeps the newer copies of selected users (a page loaded again, a row saved); others are ignored. */
  keepFresh(setups: readonly UserSetup[]): void {
    const newer = setups.filter((setup) => this.#selected.has(setup.id) && this.#selected.get(setup.id) !== setup);
    if (newer.length) this.#change(() => newer.forEach((setup) => this.#selected.set(setup.id, setup)));
  }

  /** How much of `rows` is selected. */
  pageSelection(rows: readonly UserSetup[]): PageSelection {
    const selected = rows.filter((setup) => this.#selected.has(setup.id)).length;
    return selected === 0 ? 'none' : selected === rows.length ? 'all' : 'some';
  }

  /** The checkbox that selects one row's user, in a label that makes its target larger. */
  renderRowCheckbox(setup: UserSetup) {
    return html`<label class="hit"
      ><input
        type="checkbox"
        data-select=${setup.id}
        aria-label=${msg(str`Select ${setup.displayName}`)}
        .checked=${this.has(setup.id)}
        @change=${(event: Event) => this.toggle(setup, (event.target as HTMLInputElement).checked)}
    /></label>`;
  }

  /** The checkbox that selects the whole page (indeterminate while only some of its rows are selected), in a label. */
  renderPageCheckbox(rows: readonly UserSetup[]) {
    const selection = this.pageSelection(rows);
    return html`<label class="hit"
      ><input
        type="checkbox"
        data-select="page"
        aria-label=${msg('Select all on this page')}
        ?disabled=${rows.length === 0}
        .checked=${selection === 'all' && rows.length > 0}
        .indeterminate=${selection === 'some'}
        @change=${(event: Event) => this.togglePage(rows, (event.target as HTMLInputElement).checked)}
    /></label>`;
  }

  #change(change: () => void): void {
    change();
    this.#setups = [...this.#selected.values()];
    this.host.requestUpdate();
  }
}
