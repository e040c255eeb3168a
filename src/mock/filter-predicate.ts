import type { UserSetup } from '../domain/index.js';
import type { Comparison, FilterNode, TextField } from '../host/odata-filter.js';

export type FilterableSetup = Pick<
  UserSetup,
  | TextField
  | 'pinCodeStatus'
  | 'pinCodeChangedBy'
  | 'passwordMandatory'
  | 'allowPinCode'
  | 'lockedUntil'
  | 'pinCodeChangedAt'
  | 'temporaryPinCodeExpiresAt'
> & {
  /** The text fields folded for search (`searchFold`), made once per setup rather than once per setup per search. */
  folded: Record<TextField, string>;
};
/** What a filter reads besides the setup: the time of the request (for `now()`) and how to answer `contains`. */
export interface FilterScope {
  nowIso: string;
  /** The test for `contains(field, needle)` (needle folded) over the setups this scope filters. */
  contains(field: TextField, needle: string): (setup: FilterableSetup) => boolean;
}
/** A test of one setup. */
export type SetupTest = (setup: FilterableSetup) => boolean;
/** A filter made into a function: given a scope, once per request, the test of each setup. */
export type SetupFilter = (scope: FilterScope) => SetupTest;

/** `contains(field, needle)` read from the setup's own text. */
export const containsInRow =
  (field: TextField, needle: string): SetupTest =>
  (setup) =>
    setup.folded[field].includes(needle);

/** A scope that reads each setup's own text: right for any set of setups, and what the query index must agree with. */
export const rowByRowScope = (nowIso: string): FilterScope => ({ nowIso, contains: containsInRow });

const compare = (op: Comparison, left: string | null, right: string | null): boolean => {
  if (op === 'eq') return left === right;
  if (op === 'ne') return left !== right;
  if (left === null || right === null) return false;
  return op === 'gt' ? left > right : op === 'ge' ? left >= right : op === 'lt' ? left < right : left <= right;
};

/** The in-memory test of a parsed `$filter`. */
export function setupFilterOf(node: FilterNode): SetupFilter {
  switch (node.kind) {
    case 'contains':
      return (scope) => scope.contains(node.field, node.needle);
    case 'text':
      return () => (setup) => compare(node.op, setup[node.field], node.value);
    case 'boolean':
      return () => (setup) => (setup[node.field] === node.value) === (node.op === 'eq');
    case 'date': {
      const { field, op, value } = node;
      return ({ nowIso }) =>
        (setup) =>
          compare(op, setup[field], value !== null && typeof value === 'object' ? nowIso : value);
    }
    case 'not': {
      const operand = setupFilterOf(node.operand);
      return (scope) => {
        const test = operand(scope);
        return (setup) => !test(setup);
      };
    }
    case 'and':
    case 'or': {
      const operands = node.operands.map(setupFilterOf);
      const every = node.kind === 'and';
      return (scope) => {
        const tests = operands.map((operand) => operand(scope));
        return every ? (setup) => tests.every((test) => test(setup)) : (setup) => tests.some((test) => test(setup));
      };
    }
  }
}
