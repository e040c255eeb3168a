import { PIN_CODE_STATUSES } from '../domain/index.js';

/** The fields a `$filter` on userSetups may name, by kind. */
export const TEXT_FIELDS = ['userId', 'displayName', 'resourceNo'] as const;
export const CHOICE_FIELDS = { pinCodeStatus: PIN_CODE_STATUSES, pinCodeChangedBy: ['user', 'administrator'] } as const;
export const BOOLEAN_FIELDS = ['passwordMandatory', 'allowPinCode'] as const;
export const DATE_FIELDS = ['lockedUntil', 'pinCodeChangedAt', 'temporaryPinCodeExpiresAt'] as const;
const COMPARISONS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'] as const;

export type TextField = (typeof TEXT_FIELDS)[number];
export type ChoiceField = keyof typeof CHOICE_FIELDS;
export type BooleanField = (typeof BOOLEAN_FIELDS)[number];
export type DateField = (typeof DATE_FIELDS)[number];
export type Comparison = (typeof COMPARISONS)[number];

/**
 * A parsed `$filter`: a tree that each storage turns into its own query (a test per row in memory, a WHERE clause
 * with parameters in SQL). Values are data, never text to splice.
 */
export type FilterNode =
  | { kind: 'contains'; field: TextField; /** folded with `searchFold` */ needle: string }
  | { kind: 'text'; field: TextField | ChoiceField; op: 'eq' | 'ne'; value: string | null }
  | { kind: 'boolean'; field: BooleanField; op: 'eq' | 'ne'; value: boolean }
  /** `value` is an ISO date-time, null, or `now` for the time of the request. */
  | { kind: 'date'; field: DateField; op: Comparison; value: string | null | { now: true } }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'and' | 'or'; operands: FilterNode[] };

/** Letters that do not come apart into a base letter and a mark (NFD), spelled as a search would type them. */
const UNMARKED: Record<string, string> = { ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', đ: 'd', ł: 'l', ı: 'i' };

/**
 * Text as `contains` compares it: lower case, without accents, so that "soren" finds "Søren" and "angstrom" finds
 * "Ångström". A host's storage folds the fields it searches the same way.
 */
export const searchFold = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[øæœßđłı]/g, (letter) => UNMARKED[letter]);

/** A `$filter` the host cannot read; the message says where and why. */
export class FilterError extends Error {}

type Token = { kind: 'word' | 'string' | 'date' | 'punct'; text: string; at: number };

const isOneOf = <T extends string>(names: readonly T[], name: string): name is T =>
  (names as readonly string[]).includes(name);
const ALL_FIELDS = [...TEXT_FIELDS, ...Object.keys(CHOICE_FIELDS), ...BOOLEAN_FIELDS, ...DATE_FIELDS];

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

/**
 * Parses the subset of OData `$filter` that the contract documents for userSetups:
 * `contains(userId,'x') or contains(displayName,'x')`, `eq`/`ne` on text, status and yes/no fields, comparisons on
 * dates (ISO date-time, `null` or `now()`), joined with `and`, `or`, `not` and parentheses. Field names are the
 * contract's own: a name such as `constructor` is an unknown field, not something an object happens to hold.
 */
export function parseUserSetupFilter(source: string): FilterNode {
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
  const unknownField = (token: Token, names: readonly string[]) =>
    new FilterError(`$filter: ${token.text} at position ${token.at + 1} cannot be filtered; use ${names.join(', ')}.`);

  function contains(): FilterNode {
    expect('punct', '(', '( after contains');
    const token = expect('word', undefined, 'a field name');
    if (!isOneOf(TEXT_FIELDS, token.text)) throw unknownField(token, TEXT_FIELDS);
    expect('punct', ',', 'a comma');
    const needle = searchFold(expect('string', undefined, "a quoted text such as 'anna'").text);
    expect('punct', ')', ')');
    return { kind: 'contains', field: token.text, needle };
  }

  function comparison(): FilterNode {
    const token = expect('word', undefined, 'a field name, contains(, not or (');
    const field = token.text;
    if (!isOneOf(ALL_FIELDS, field)) throw unknownField(token, ALL_FIELDS);
    const op = expect('word', undefined, 'eq, ne, gt, ge, lt or le').text;
    if (!isOneOf(COMPARISONS, op))
      throw new FilterError(`$filter: ${op} is not a comparison; use ${COMPARISONS.join(', ')}.`);
    if (isOneOf(DATE_FIELDS, field)) {
      if (take('word', 'null')) return { kind: 'date', field, op, value: null };
      if (take('word', 'now')) {
        expect('punct', '(', '( after now');
        expect('punct', ')', ')');
        return { kind: 'date', field, op, value: { now: true } };
      }
      const date = expect('date', undefined, 'a date-time such as 2026-01-31T12:00:00Z, null or now()');
      const time = new Date(date.text);
      if (Number.isNaN(time.getTime())) throw new FilterError(`$filter: ${date.text} is not a date-time.`);
      return { kind: 'date', field, op, value: time.toISOString() };
    }
    if (op !== 'eq' && op !== 'ne') throw new FilterError(`$filter: ${field} can only be compared with eq or ne.`);
    if (isOneOf(BOOLEAN_FIELDS, field)) {
      const value = take('word', 'true')
        ? true
        : take('word', 'false')
          ? false
          : fail(`true or false after ${field} ${op}`);
      return { kind: 'boolean', field, op, value };
    }
    if (isOneOf(TEXT_FIELDS, field)) {
      const value = take('word', 'null') ? null : expect('string', undefined, 'a quoted text or null').text;
      return { kind: 'text', field, op, value };
    }
    const choiceField = field as ChoiceField;
    const choices: readonly string[] = CHOICE_FIELDS[choiceField];
    const value = take('word', 'null')
      ? null
      : expect('string', undefined, `one of ${choices.join(', ')} in quotes`).text;
    if (value !== null && !choices.includes(value)) {
      throw new FilterError(`$filter: ${field} is one of ${choices.join(', ')}, not "${value}".`);
    }
    return { kind: 'text', field: choiceField, op, value };
  }

  function unary(): FilterNode {
    if (take('word', 'not')) return { kind: 'not', operand: unary() };
    if (take('punct', '(')) {
      const inner = or();
      expect('punct', ')', ')');
      return inner;
    }
    if (take('word', 'contains')) return contains();
    return comparison();
  }

  function and(): FilterNode {
    const operands = [unary()];
    while (take('word', 'and')) operands.push(unary());
    return operands.length === 1 ? operands[0] : { kind: 'and', operands };
  }

  function or(): FilterNode {
    const operands = [and()];
    while (take('word', 'or')) operands.push(and());
    return operands.length === 1 ? operands[0] : { kind: 'or', operands };
  }

  if (tokens.length === 0) throw new FilterError('$filter: empty; leave it out to filter nothing.');
  const tree = or();
  if (position < tokens.length) fail('and, or or the end');
  return tree;
}
