import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { parseUserSetupFilter, searchFold } from '../src/host/odata-filter.js';
import { rowByRowScope, setupFilterOf } from '../src/mock/filter-predicate.js';
import type { UserSetupRecord } from '../src/host/index.js';
import { SORT_FIELDS, UserSetupIndex, type SortField } from '../src/mock/user-setup-index.js';

const NOW = '2026-11-26T09:00:00.000Z';
const rank = { notSet: 0, temporary: 1, set: 2 } as const;

const record = fc.record({
  userId: fc.stringMatching(/^[A-D]{1,3}$/),
  displayName: fc.constantFrom('Anna Jensen', 'anna jensen', 'Lars Nielsen', 'Ida Larsen', 'Åse Holm', 'Søren Kjær'),
  resourceNo: fc.option(fc.constantFrom('R0010', 'R0020', 'R0030'), { nil: null }),
  pinCodeStatus: fc.constantFrom('notSet', 'temporary', 'set'),
  pinCodeChangedAt: fc.option(
    fc.constantFrom('2026-11-01T00:00:00.000Z', '2026-11-20T00:00:00.000Z', '2026-12-01T00:00:00.000Z'),
    { nil: null },
  ),
  lockedUntil: fc.option(fc.constantFrom('2026-11-26T08:00:00.000Z', '2026-11-26T10:00:00.000Z'), { nil: null }),
  allowPinCode: fc.boolean(),
});

/** The obvious implementation: filter everything, sort everything, slice. */
function naive(
  records: Map<string, UserSetupRecord>,
  orderBy: SortField,
  descending: boolean,
  filterText: string | undefined,
  skip: number,
  top: number,
) {
  const test = filterText ? setupFilterOf(parseUserSetupFilter(filterText))(rowByRowScope(NOW)) : undefined;
  // Nulls first, ties by userId; a status sort orders each status by when it was set.
  const key = (setup: UserSetupRecord): Array<string | number> => {
    if (orderBy === 'pinCodeStatus') return [rank[setup.pinCodeStatus], setup.pinCodeChangedAt ?? '', setup.userId];
    const value = orderBy === 'displayName' ? setup.displayName.toLowerCase() : setup[orderBy];
    return [value === null ? '' : value, setup.userId];
  };
  const matching = [...records.values()].filter(
    (setup) =>
      !test ||
      test({
        ...setup,
        folded: {
          userId: searchFold(setup.userId),
          displayName: searchFold(setup.displayName),
          resourceNo: searchFold(setup.resourceNo ?? ''),
        },
      }),
  );
  matching.sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    const at = ka.findIndex((value, i) => value !== kb[i]);
    return at === -1 ? 0 : ka[at] < kb[at] ? -1 : 1;
  });
  if (descending) matching.reverse();
  return { ids: matching.slice(skip, skip + top).map((setup) => setup.id), count: matching.length };
}

describe('the query index of the mock host', () => {
  it('gives the same pages as filtering and sorting everything, through any sequence of writes', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(record, { selector: (r) => r.userId, minLength: 1, maxLength: 25 }),
        fc.array(fc.tuple(fc.nat(), record), { maxLength: 15 }),
        fc.constantFrom(...SORT_FIELDS),
        fc.boolean(),
        fc.constantFrom(
          undefined,
          "contains(displayName,'AN')",
          "contains(displayName,'soren kjaer') or contains(displayName,'ase')",
          "contains(displayName,'n j') and contains(resourceNo,'0')",
          "contains(userId,'')",
          // The query index searches a field's text of all setups at once, with a separator that a needle may hold.
          "contains(displayName,'a\u0000')",
          "pinCodeStatus eq 'set'",
          'lockedUntil gt now()',
          "not (allowPinCode eq true) or contains(userId,'b')",
          'pinCodeChangedAt eq null',
        ),
        fc.nat(10),
        fc.integer({ min: 1, max: 10 }),
        (initial, updates, orderBy, descending, filterText, skip, top) => {
          const records = new Map<string, UserSetupRecord>();
          const toRecord = (value: (typeof initial)[number], id: string): UserSetupRecord => ({
            ...value,
            id,
            resourceId: null,
            passwordMandatory: false,
            pinCodeChangedBy: null,
            temporaryPinCodeExpiresAt: null,
            administrator: false,
            failedAttempts: 0,
            expiryRecorded: false,
            version: 1,
          });
          initial.forEach((value, i) => records.set(`id-${i}`, toRecord(value, `id-${i}`)));
          const index = new UserSetupIndex();
          index.load([...records.values()]);
          const filter = filterText ? setupFilterOf(parseUserSetupFilter(filterText)) : undefined;
          const query = () => index.query({ orderBy, descending, filter, nowIso: NOW, skip, top });
          // Before and after the writes: what the index keeps between queries must follow them.
          expect(query()).to.deep.equal(naive(records, orderBy, descending, filterText, skip, top));
          updates.forEach(([which, value], k) => {
            const existing = records.get(`id-${which % (initial.length + 2)}`);
            // An update keeps the user id it had; a new setup gets one of its own, so user ids stay unique.
            const updated = existing
              ? toRecord({ ...value, userId: existing.userId }, existing.id)
              : toRecord({ ...value, userId: `N${k}` }, `new-${k}`);
            records.set(updated.id, updated);
            index.put(updated);
          });
          expect(query()).to.deep.equal(naive(records, orderBy, descending, filterText, skip, top));
        },
      ),
      { numRuns: 300 },
    );
  });
});
