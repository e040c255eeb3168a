import { PIN_CODE_STATUSES } from '../domain/index.js';
import { SORT_FIELDS, type SortField, type UserSetupRecord } from '../host/index.js';
import { searchFold, type TextField } from '../host/odata-filter.js';
import { containsInRow, type FilterableSetup, type SetupFilter } from './filter-predicate.js';

export { SORT_FIELDS, type SortField };

/** `serial` numbers entries in the order they were added: a filter pass runs in that (memory) order. */
type Entry = FilterableSetup & { id: string; serial: number; /** lower case */ sortName: string };

const statusRank = (status: string) => PIN_CODE_STATUSES.indexOf(status as (typeof PIN_CODE_STATUSES)[number]);
const byUserId = (a: Entry, b: Entry) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);
/** Nulls sort first, as in OData; ties go by userId so every order is total and paging is stable. */
const nullable = (a: string | null, b: string | null) =>
  a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1;
const ORDER: Record<SortField, (a: Entry, b: Entry) => number> = {
  userId: byUserId,
  displayName: (a, b) => nullable(a.sortName, b.sortName) || byUserId(a, b),
  resourceNo: (a, b) => nullable(a.resourceNo, b.resourceNo) || byUserId(a, b),
  // Within one status, by when it was set, so that "temporary" lists the oldest temporary codes first.
  pinCodeStatus: (a, b) =>
    statusRank(a.pinCodeStatus) - statusRank(b.pinCodeStatus) ||
    nullable(a.pinCodeChangedAt, b.pinCodeChangedAt) ||
    byUserId(a, b),
  pinCodeChangedAt: (a, b) => nullable(a.pinCodeChangedAt, b.pinCodeChangedAt) || byUserId(a, b),
};

const entryOf = (record: UserSetupRecord, serial: number): Entry => ({
  id: record.id,
  serial,
  userId: record.userId,
  displayName: record.displayName,
  sortName: record.displayName.toLowerCase(),
  folded: {
    userId: searchFold(record.userId),
    displayName: searchFold(record.displayName),
    resourceNo: searchFold(record.resourceNo ?? ''),
  },
  resourceNo: record.resourceNo,
  pinCodeStatus: record.pinCodeStatus,
  pinCodeChangedBy: record.pinCodeChangedBy,
  passwordMandatory: record.passwordMandatory,
  allowPinCode: record.allowPinCode,
  lockedUntil: record.lockedUntil,
  pinCodeChangedAt: record.pinCodeChangedAt,
  temporaryPinCodeExpiresAt: record.temporaryPinCodeExpiresAt,
});

/** Where `entry` goes (or is) in `sorted`, by binary search. */
function positionOf(sorted: Entry[], entry: Entry, order: (a: Entry, b: Entry) => number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (order(sorted[middle], entry) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * One text field of every setup in lower case, in serial order, as one string: `contains` is then one native search
 * through contiguous memory instead of a call per setup on strings spread over the heap.
 */
interface FieldText {
  text: string;
  /** Where each setup's text starts in `text`, by serial; a separator follows each. */
  starts: Int32Array;
}
const SEPARATOR = '\u0000';

export interface IndexQuery {
  orderBy: SortField;
  descending: boolean;
  filter?: SetupFilter;
  nowIso: string;
  skip: number;
  top: number;
}

/**
 * The mock host's query index over the user setups: one sorted array per sortable field, kept in order on every
 * write, so a page of 100 000 setups is a slice (or one filtered pass) instead of a sort. IndexedDB stays the store of
 * record; the index holds only what paging, sorting and filtering read.
 */
export class UserSetupIndex {
  private readonly entries = new Map<string, Entry>();
  /** Every entry by serial number. */
  private bySerial: Entry[] = [];
  private readonly sorted = new Map<SortField, Entry[]>();
  /** Made on the first `contains` on a field, dropped when a setup is added or that field changes. */
  private readonly fieldTexts = new Map<TextField, FieldText>();

  /** Replaces the whole index. */
  load(records: UserSetupRecord[]): void {
    this.entries.clear();
    this.fieldTexts.clear();
    this.bySerial = records.map(entryOf);
    for (const entry of this.bySerial) this.entries.set(entry.id, entry);
    for (const field of SORT_FIELDS) this.sorted.set(field, [...this.bySerial].sort(ORDER[field]));
  }

  /** Adds or updates one setup after it was written. */
  put(record: UserSetupRecord): void {
    const old = this.entries.get(record.id);
    const entry = entryOf(record, old?.serial ?? this.bySerial.length);
    this.entries.set(record.id, entry);
    this.bySerial[entry.serial] = entry;
    for (const field of this.fieldTexts.keys()) {
      if (old?.folded[field] !== entry.folded[field]) this.fieldTexts.delete(field);
    }
    for (const field of SORT_FIELDS) {
      const sorted = this.sorted.get(field) ?? [];
      this.sorted.set(field, sorted);
      if (old) sorted.splice(positionOf(sorted, old, ORDER[field]), 1);
      sorted.splice(positionOf(sorted, entry, ORDER[field]), 0, entry);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** The ids of one page, in order, and how many setups match the filter. */
  query({ orderBy, descending, filter, nowIso, skip, top }: IndexQuery): { ids: string[]; count: number } {
    const sorted = this.sorted.get(orderBy) ?? [];
    const at = (i: number) => sorted[descending ? sorted.length - 1 - i : i];
    if (!filter) {
      const ids: string[] = [];
      for (let i = skip; i < Math.min(sorted.length, skip + top); i += 1) ids.push(at(i).id);
      return { ids, count: sorted.length };
    }
    // Filter in serial order, which follows memory, then read the matches in sort order: at 100 000 setups the
    // filter pass in sort order spends most of its time waiting on cache misses.
    let serial = 0;
    const test = filter({
      nowIso,
      contains: (field, needle) => {
        const holding = this.holding(field, needle);
        return () => holding[serial] === 1;
      },
    });
    const matches = new Uint8Array(this.bySerial.length);
    let count = 0;
    for (serial = 0; serial < this.bySerial.length; serial += 1) {
      if (test(this.bySerial[serial])) {
        matches[serial] = 1;
        count += 1;
      }
    }
    const ids: string[] = [];
    let seen = 0;
    for (let i = 0; i < sorted.length && ids.length < top && seen < count; i += 1) {
      const entry = at(i);
      if (!matches[entry.serial]) continue;
      if (seen >= skip) ids.push(entry.id);
      seen += 1;
    }
    return { ids, count };
  }

  /** Which setups, by serial, hold `needle` (lower case) in `field`. */
  private holding(field: TextField, needle: string): Uint8Array {
    const holding = new Uint8Array(this.bySerial.length);
    if (this.bySerial.length === 0) return holding;
    if (needle.includes(SEPARATOR)) {
      const test = containsInRow(field, needle);
      this.bySerial.forEach((entry, serial) => (holding[serial] = test(entry) ? 1 : 0));
      return holding;
    }
    const { text, starts } = this.fieldText(field);
    let serial = 0;
    for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, starts[serial + 1])) {
      while (serial + 1 < starts.length && starts[serial + 1] <= at) serial += 1;
      holding[serial] = 1;
      if (serial + 1 === starts.length) break;
    }
    return holding;
  }

  private fieldText(field: TextField): FieldText {
    let fieldText = this.fieldTexts.get(field);
    if (!fieldText) {
      const starts = new Int32Array(this.bySerial.length);
      let length = 0;
      this.bySerial.forEach((entry, serial) => {
        starts[serial] = length;
        length += entry.folded[field].length + SEPARATOR.length;
      });
      fieldText = { text: this.bySerial.map((entry) => entry.folded[field]).join(SEPARATOR) + SEPARATOR, starts };
      this.fieldTexts.set(field, fieldText);
    }
    return fieldText;
  }
}
