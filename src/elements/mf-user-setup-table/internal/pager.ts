import { msg, str } from '@lit/localize';
import { html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { localized } from '../../localization.js';
import { formatCount } from '../../words.js';
import { userCountWords } from '../words.js';
import { PageChangeEvent } from '../events.js';
import { define } from '../../define.js';

const PAGE_SIZES = [10, 25, 50, 100];

/**
 * @internal The table's pager: previous and next page, the position, and the page size. It renders into the
 * table's shadow root (no shadow root of its own), so the table's styles and parts reach it, and asks the table for
 * another page with a `PageChangeEvent`.
 */
export class UserSetupPager extends LitElement {
  /** Rows before the page. */
  @property({ type: Number }) skip = 0;
  /** Rows per page. */
  @property({ type: Number }) pageSize = 50;
  /** Rows in all, as the host counted them; undefined while it counts, or when it could not. */
  @property({ type: Number }) total?: number;
  /** Whether the host is counting the rows. */
  @property({ type: Boolean }) counting = false;
  /** Rows on the page shown. */
  @property({ type: Number }) shown = 0;

  /** The pager's button that had focus before an update, if any. */
  #focused?: HTMLButtonElement;

  constructor() {
    super();
    localized(this);
  }

  protected override createRenderRoot() {
    return this;
  }

  protected override willUpdate(): void {
    const active = (this.getRootNode() as Document | ShadowRoot).activeElement;
    this.#focused = active instanceof HTMLButtonElement && this.contains(active) ? active : undefined;
  }

  protected override updated(): void {
    // The button pressed went disabled (Next on the last page): a disabled button drops focus to the page's body.
    if (this.#focused?.disabled) {
      const other = this.querySelector<HTMLButtonElement>('button[data-page]:not(:disabled)');
      (other ?? this.querySelector<HTMLElement>('[data-position]'))?.focus();
    }
  }

  #go(skip: number, pageSize = this.pageSize): void {
    this.dispatchEvent(new PageChangeEvent(skip, pageSize));
  }

  /** The rows in all: as counted, else known from a page that is not full (it is the last). */
  #total(): number | undefined {
    return this.total ?? (this.shown < this.pageSize ? this.skip + this.shown : undefined);
  }

  #position(total = this.#total()): string {
    if (total !== undefined && total <= 1) return userCountWords(total);
    const page = formatCount(Math.floor(this.skip / this.pageSize) + 1);
    const first = formatCount(this.skip + 1);
    if (total === undefined) {
      const rows = msg(str`Rows ${first}–${formatCount(this.skip + this.shown)}, page ${page}.`);
      return this.counting ? `${rows} ${msg('Counting…')}` : rows;
    }
    const pages = Math.max(1, Math.ceil(total / this.pageSize));
    const last = Math.min(this.skip + this.shown, total);
    return msg(str`Rows ${first}–${formatCount(last)} of ${formatCount(total)}, page ${page} of ${formatCount(pages)}`);
  }

  protected override render() {
    return html`<div part="pager">
      <button
        type="button"
        data-page="previous"
        ?disabled=${this.skip === 0}
        @click=${() => this.#go(Math.max(0, this.skip - this.pageSize))}
      >
        ${msg('Previous page')}
      </button>
      <span role="status" data-position tabindex="-1">${this.#position()}</span>
      <button
        type="button"
        data-page="next"
        ?disabled=${this.skip + this.pageSize >= (this.#total() ?? Infinity)}
        @click=${() => this.#go(this.skip + this.pageSize)}
      >
        ${msg('Next page')}
      </button>
      <label class="inline-label">
        ${msg('Rows per page')}
        <select
          id="page-size"
          @change=${(event: Event) => this.#go(0, Number((event.target as HTMLSelectElement).value))}
        >
          ${PAGE_SIZES.map((size) => html`<option value=${size} ?selected=${size === this.pageSize}>${size}</option>`)}
        </select>
      </label>
    </div>`;
  }
}

define('mf-user-setup-pager', UserSetupPager);

declare global {
  interface HTMLElementTagNameMap {
    'mf-user-setup-pager': UserSetupPager;
  }
}
