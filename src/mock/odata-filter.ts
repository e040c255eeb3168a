import { PIN_CODE_STATUSES, type UserSetup } from '../domain/index.js';

/** The fields a `$filter` on userSetups may name, by kind. */
const TEXT_FIELDS = ['userId', 'displayName', 'resourceNo'] as const;
const CHOICE_FIELDS = { pinCodeStatus: PIN_CODE_STATUSES, pinCodeChangedBy: ['user', 'administrator'] } as const;
const BOOLEAN_FIELDS = ['passwordMandatory', 'allowPinCode'] as const;
const DATE_FIELDS = ['lockedUntil', 'pinCodeChangedAt', 'temporaryPinCodeExpiresAt'] as const;
const COMPARISONS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'] as const;

type Comparison = (typeof COMPARISONS)[number];
export type TextField = (typeof TEXT_FIELDS)[number];
export type FilterableSetup = Pick<
  UserSetup,
  TextField | keyof typeof CHOICE_FIELDS | (typeof BOOLEAN_FIELDS)[number] | (typeof DATE_FIELDS)[number]
> & {
  /** The text fields in lower case, made once per setup rather than once per setup per search. */
  lowercase: Record<TextField, string>;
};
/** What a filter reads besides the setup: the time of the request (for `now()`) and how to answer `contains`. */
export interface FilterScope {
  nowIso: string;
  /** The test for `contains(field, needle)` (needle in lower case) over the setups this scope filters. */
  contains(field: TextField, needle: string): (setup: FilterableSetup) => boolean;
}
/** A test of one setup. */
export type SetupTest = (setup: FilterableSetup) => boolean;
/** A compiled filter: given a scope, once per request, the test of each setup. */
export type SetupFilter = (scope: FilterScope) => SetupTest;

/** `contains(field, needle)` read from the setup's own text. */
export const containsInRow =
  (field: TextField, needle: string): SetupTest =>
  (setup) =>
    setup.lowercase[field].includes(needle);

/** A scope that reads each setup's own text: right for any set of setups, and what the query index must agree with. */
export const rowByRowScope = (nowIso: string): FilterScope => ({ nowIso, contains: containsInRow });

/** A `$filter` the host cannot read; the message says where and why. */
export class FilterError extends Error {}

type Token = { kind: 'word' | 'string' | 'date' | 'punct'; text: string; at: number };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const pattern =
    /\s+|(\d{4}-\d{2}-\d{2}T[0-9:.]+(?:Z|[+-]\d{2}:\d{2}))|([A-Za-z_][A-Za-z0-9_]*)|('(?:[^']|'')*')|([(),])/y;
  while (pattern.lastIndex < source.length) {
    const at = pattern.lastIndex;
    const match = pattern.exec(source);
    if (!match) throw new FilterError(`$filter: unexpected "${source.slice(at, at + 12)}" at position ${at + 1}.`);
    if (match[1]) tokens.push({ kind: 'date', text: match[1], at });
    else if (match[2]) tokens.push({ kind: 'word', text: match[2], at });
    else if (match[3]) tokens.push({ kind: 'string', text: match[3].slice(1, -1).replace(/''/g, "'"), at });
    else if (match[4]) tokens.push({ kind: 'punct', text: match[4], at });
  }
  return tokens;
}

const compare = (op: Comparison, left: string | null, right: string | null): boolean => {
  if (op === 'eq') return left === right;
  if (op === 'ne') return left !== right;
  if (left === null || right === null) return false;
  return op === 'gt' ? left > right : op === 'ge' ? left >= right : op === 'lt' ? left < right : left <= right;
};

/**
 * Compiles the subset of OData `$filter` that the contract documents for userSetups:
 * `contains(userId,'x') or contains(displayName,'x')`, `eq`/`ne` on text, status and yes/no fields, comparisons on
 * dates (ISO date-time, `null` or `now()`), joined with `and`, `or`, `not` and parentheses.
 */
export function compileUserSetupFilter(source: string): SetupFilter {
  const tokens = tokenize(source);
  let position = 0;
  const peek = () => tokens[position];
  const describe = (token: Token | undefined) => (token ? `"${token.text}" at position ${token.at + 1}` : 'the end');
  const fail = (expected: string): never => {
    throw new FilterError(`$filter: expected ${expected}, found ${describe(peek())}.`);
  };
  const take = (kind: Token['kind'], text?: string) => {
    const token = peek();
    if (!token || token.kind !== kind || (text !== undefined && token.text !== text)) return undefined;
    position += 1;
    return token;
  };
  const expect = (kind: Token['kind'], text: string | undefined, expected: string) =>
    take(kind, text) ?? fail(expected);

  const field = <T extends string>(names: readonly T[], expected: string): T => {
    const token = expect('word', undefined, expected);
    if (!(names as readonly string[]).includes(token.text)) {
      throw new FilterError(
        `$filter: ${token.text} at position ${token.at + 1} cannot be filtered; use ${names.join(', ')}.`,
      );
    }
    return token.text as T;
  };

  function contains(): SetupFilter {
    expect('punct', '(', '( after contains');
    const name = field(TEXT_FIELDS, 'a field name');
    expect('punct', ',', 'a comma');
    const needle = expect('string', undefined, "a quoted text such as 'anna'").text.toLowerCase();
    expect('punct', ')', ')');
    return (scope) => scope.contains(name, needle);
  }

  function comparison(): SetupFilter {
    const token = expect('word', undefined, 'a field name, contains(, not or (');
    const name = token.text;
    const op = expect('word', undefined, 'eq, ne, gt, ge, lt or le').text as Comparison;
    if (!COMPARISONS.includes(op))
      throw new FilterError(`$filter: ${op} is not a comparison; use ${COMPARISONS.join(', ')}.`);
    if ((DATE_FIELDS as readonly string[]).includes(name)) {
      const key = name as (typeof DATE_FIELDS)[number];
      if (take('word', 'null')) return () => (setup) => compare(op, setup[key], null);
      if (take('word', 'now')) {
        expect('punct', '(', '( after now');
        expect('punct', ')', ')');
        return ({ nowIso }) =>
          (setup) =>
            compare(op, setup[key], nowIso);
      }
      const date = expect('date', undefined, 'a date-time such as 2026-01-31T12:00:00Z, null or now()');
      const time = new Date(date.text);
      if (Number.isNaN(time.getTime())) throw new FilterError(`$filter: ${date.text} is not a date-time.`);
      const iso = time.toISOString();
      return () => (setup) => compare(op, setup[key], iso);
    }
    if (op !== 'eq' && op !== 'ne') throw new FilterError(`$filter: ${name} can only be compared with eq or ne.`);
    if ((BOOLEAN_FIELDS as readonly string[]).includes(name)) {
      const key = name as (typeof BOOLEAN_FIELDS)[number];
      const value = take('word', 'true')
        ? true
        : take('word', 'false')
          ? false
          : fail(`true or false after ${name} ${op}`);
      return () => (setup) => (setup[key] === value) === (op === 'eq');
    }
    if (name in CHOICE_FIELDS) {
      const key = name as keyof typeof CHOICE_FIELDS;
      const choices: readonly string[] = CHOICE_FIELDS[key];
      const value = take('word', 'null')
        ? null
        : expect('string', undefined, `one of ${choices.join(', ')} in quotes`).text;
      if (value !== null && !choices.includes(value))
        throw new FilterError(`$filter: ${name} is one of ${choices.join(', ')}, not "${value}".`);
      return () => (setup) => compare(op, setup[key], value);
    }
    if ((TEXT_FIELDS as readonly string[]).includes(name)) {
      const key = name as (typeof TEXT_FIELDS)[number];
      const value = take('word', 'null') ? null : expect('string', undefined, 'a quoted text or null').text;
      return () => (setup) => compare(op, setup[key], value);
    }
    throw new FilterError(
      `$filter: ${name} at position ${token.at + 1} cannot be filtered; use ${[...TEXT_FIELDS, ...Object.keys(CHOICE_FIELDS), ...BOOLEAN_FIELDS, ...DATE_FIELDS].join(', ')}.`,
    );
  }

  function unary(): SetupFilter {
    if (take('word', 'not')) {
      const inner = unary();
      return (scope) => {
        const test = inner(scope);
        return (setup) => !test(setup);
      };
    }
    if (take('punct', '(')) {
      const inner = or();
      expect('punct', ')', ')');
      return inner;
    }
    if (take('word', 'contains')) return contains();
    return comparison();
  }

  function and(): SetupFilter {
    const parts = [unary()];
    while (take('word', 'and')) parts.push(unary());
    if (parts.length === 1) return parts[0];
    return (scope) => {
      const tests = parts.map((part) => part(scope));
      return (setup) => tests.every((test) => test(setup));
    };
  }

  function or(): SetupFilter {
    const parts = [and()];
    while (take('word', 'or')) parts.push(and());
    if (parts.length === 1) return parts[0];
    return (scope) => {
      const tests = parts.map((part) => part(scope));
      return (setup) => tests.some((test) => test(setup));
    };
  }

  if (tokens.length === 0) throw new FilterError('$filter: empty; leave it out to filter nothing.');
  const predicate = or();
  if (position < tokens.length) fail('and, or or the end');
  return predicate;
}
