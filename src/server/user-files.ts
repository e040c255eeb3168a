import type { ProvisionedUser } from './provisioning.js';

/** Something in a file that is not right, at the line it is on. */
export interface FileProblem {
  line: number;
  /** The words, beginning with where: `line 4: …`, `users[2] (line 14): …`. */
  text: string;
}

/** The users a file holds, where each one is in it, and what could not be read. */
export interface UserFile {
  format: 'JSON' | 'CSV';
  users: ProvisionedUser[];
  /** The line each of `users` begins on. */
  lines: number[];
  /** How a problem names each of `users`: `line 4`, `users[2] (line 14)`. */
  places: string[];
  problems: FileProblem[];
}

/**
 * Reads a file of users: JSON (an array of users, or `{"users": [...]}`) or CSV with a header of
 * `userId,displayName,administrator,resourceNo,resourceName,passwordMandatory,allowPinCode` (in any order; userId and
 * displayName needed). `.json` and `.csv` say which; otherwise the text does (JSON begins with `[` or `{`).
 */
export function readUserFile(name: string, text: string): UserFile {
  text = text.replace(/^\uFEFF/, '');
  const json = /\.json$/i.test(name) || (!/\.csv$/i.test(name) && /^\s*[[{]/.test(text));
  return json ? readJsonUsers(text) : readCsvUsers(text);
}

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const JSON_STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const JSON_SCALAR = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

/**
 * JSON.parse's result, and the line each array element begins on. Its own reader because JSON.parse says where a
 * syntax error is only as a position, and in Node 20 often not at all.
 */
function parseJson(text: string): { value: unknown; elementLines: Map<unknown[], number[]> } {
  const elementLines = new Map<unknown[], number[]>();
  let at = 0;
  let line = 1;
  let counted = 0;
  const lineAt = (position: number) => {
    for (; counted < position; counted += 1) if (text[counted] === '\n') line += 1;
    return line;
  };
  const fail = (expected: string): never => {
    throw new JsonSyntaxError(
      `expected ${expected}, ${at < text.length ? `not ${JSON.stringify(text[at])}` : 'but the text ends'}.`,
      lineAt(at),
    );
  };
  const token = (pattern: RegExp) => {
    pattern.lastIndex = at;
    const match = pattern.exec(text)?.[0];
    if (match !== undefined) at = pattern.lastIndex;
    return match;
  };
  const skipSpace = () => token(/[ \t\r\n]*/y);
  const string = () =>
    JSON.parse(token(JSON_STRING) ?? fail('a string in double quotes, without a line break')) as string;
  const expect = (character: string) => (text[at] === character ? (at += 1) : fail(JSON.stringify(character)));

  function value(): unknown {
    skipSpace();
    if (text[at] === '"') return string();
    if (text[at] === '[') return array();
    if (text[at] === '{') return object();
    return JSON.parse(token(JSON_SCALAR) ?? fail('a value'));
  }
  /** The items between `open` and `close`, separated by commas, each read by `item`. */
  function items(open: string, close: string, item: () => void) {
    expect(open);
    skipSpace();
    if (text[at] === close) return void (at += 1);
    for (;;) {
      skipSpace();
      item();
      skipSpace();
      if (text[at] === close) return void (at += 1);
      if (text[at] !== ',') fail(`"," or "${close}"`);
      at += 1;
    }
  }
  function array(): unknown[] {
    const result: unknown[] = [];
    const lines: number[] = [];
    elementLines.set(result, lines);
    items('[', ']', () => {
      lines.push(lineAt(at));
      result.push(value());
    });
    return result;
  }
  function object(): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    items('{', '}', () => {
      if (text[at] !== '"') fail('a field name in double quotes');
      const key = string();
      skipSpace();
      expect(':');
      // As JSON.parse does: a field named __proto__ is a field, not the object's prototype.
      Object.defineProperty(result, key, { value: value(), enumerable: true, writable: true, configurable: true });
    });
    return result;
  }

  const parsed = value();
  skipSpace();
  if (at < text.length) fail('the end of the JSON');
  return { value: parsed, elementLines };
}

function readJsonUsers(text: string): UserFile {
  const file: UserFile = { format: 'JSON', users: [], lines: [], places: [], problems: [] };
  let parsed;
  try {
    parsed = parseJson(text);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    file.problems.push({ line: error.line, text: `line ${error.line}: not JSON: ${error.message}` });
    return file;
  }
  const { value, elementLines } = parsed;
  const users = Array.isArray(value) ? value : (value as { users?: unknown } | null)?.users;
  if (!Array.isArray(users)) {
    file.problems.push({ line: 1, text: 'line 1: the file must hold an array of users, or {"users": [...]}.' });
    return file;
  }
  const lines = elementLines.get(users)!;
  file.users = users as ProvisionedUser[];
  file.lines = lines;
  file.places = lines.map((line, index) => `users[${index}] (line ${line})`);
  return file;
}

/** One record of a CSV file: its fields, the line it begins on, and what is wrong with its quoting, if anything. */
interface CsvRecord {
  line: number;
  fields: string[];
  problem?: string;
}

/**
 * RFC 4180's records: fields separated by commas; a field in double quotes may hold commas, line breaks and doubled
 * quotes (`""`), and spaces around its quotes are let go. A record whose quoting is wrong is reported, and reading goes
 * on at the next line.
 */
function csvRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let at = 0;
  let line = 1;
  const skipSpaces = () => {
    while (text[at] === ' ' || text[at] === '\t') at += 1;
  };
  const endOfField = () => at >= text.length || text[at] === ',' || text[at] === '\n' || text[at] === '\r';
  /** A quoted field from its opening quote on; `undefined` when its quoting is wrong (said in `record.problem`). */
  function quoted(record: CsvRecord): string | undefined {
    const opened = line;
    let field = '';
    for (at += 1; text[at] !== '"' || text[at + 1] === '"'; at += 1) {
      if (at >= text.length) {
        record.problem = `the quoted field opened on line ${opened} is never closed.`;
        return undefined;
      }
      if (text[at] === '"') at += 1;
      else if (text[at] === '\n') line += 1;
      field += text[at];
    }
    at += 1;
    skipSpaces();
    if (endOfField()) return field;
    record.problem = `text after the closing quote of ${JSON.stringify(field)}: a quote inside a quoted field is doubled ("").`;
    return undefined;
  }
  while (at < text.length) {
    const record: CsvRecord = { line, fields: [] };
    for (;;) {
      const start = at;
      skipSpaces();
      let field: string | undefined;
      if (text[at] === '"') field = quoted(record);
      else {
        at = start;
        while (!endOfField()) at += 1;
        field = text.slice(start, at);
        if (field.includes('"'))
          record.problem = `a quote in a field that does not begin with one (${field}): put the field in quotes and double the quote ("").`;
      }
      if (record.problem) {
        // Read on from the next line: what is left of this one cannot be told apart.
        while (at < text.length && text[at] !== '\n') at += 1;
      } else record.fields.push(field!);
      if (!record.problem && text[at] === ',') at += 1;
      else break;
    }
    if (text[at] === '\r') at += 1;
    if (text[at] === '\n') {
      at += 1;
      line += 1;
    }
    // A blank line is no record.
    if (record.problem || record.fields.length > 1 || record.fields[0].trim() !== '') records.push(record);
  }
  return records;
}

const CSV_COLUMNS = [
  'userId',
  'displayName',
  'administrator',
  'resourceNo',
  'resourceName',
  'passwordMandatory',
  'allowPinCode',
] as const;
type CsvColumn = (typeof CSV_COLUMNS)[number];
const BOOLEANS = new Map([
  ['true', true],
  ['yes', true],
  ['1', true],
  ['false', false],
  ['no', false],
  ['0', false],
]);

function readCsvUsers(text: string): UserFile {
  const file: UserFile = { format: 'CSV', users: [], lines: [], places: [], problems: [] };
  const refuse = (line: number, words: string) => file.problems.push({ line, text: `line ${line}: ${words}` });
  const [header, ...rows] = csvRecords(text);
  if (!header) return file;
  if (header.problem) {
    refuse(header.line, `the header: ${header.problem}`);
    return file;
  }
  const columns = header.fields.map((name) =>
    CSV_COLUMNS.find((column) => column.toLowerCase() === name.trim().toLowerCase()),
  );
  const unknown = header.fields.filter((_, i) => !columns[i]);
  const missing: CsvColumn[] = (['userId', 'displayName'] as const).filter((column) => !columns.includes(column));
  if (columns.includes('resourceName') && !columns.includes('resourceNo')) missing.push('resourceNo');
  const twice = columns.filter((column, i) => column && columns.indexOf(column) !== i);
  if (unknown.length || missing.length || twice.length) {
    const why = [
      ...unknown.map((name) => `no column is called ${JSON.stringify(name)}`),
      ...missing.map((column) => `the column ${column} is missing`),
      ...twice.map((column) => `the column ${column} is there twice`),
    ];
    refuse(
      header.line,
      `the header: ${why.join('; ')}. The columns are ${CSV_COLUMNS.join(',')} (userId and displayName needed).`,
    );
    return file;
  }
  for (const row of rows) {
    if (row.problem) {
      refuse(row.line, row.problem);
      continue;
    }
    if (row.fields.length !== columns.length) {
      refuse(row.line, `${row.fields.length} fields, where the header has ${columns.length}.`);
      continue;
    }
    const cell = new Map(columns.map((column, i) => [column as CsvColumn, row.fields[i].trim()]));
    const user: ProvisionedUser = { userId: cell.get('userId')!, displayName: cell.get('displayName')! };
    // An empty cell leaves the setting out: a new user gets the default, a user the host has keeps theirs.
    for (const setting of ['administrator', 'passwordMandatory', 'allowPinCode'] as const) {
      const value = cell.get(setting);
      if (!value) continue;
      const flag = BOOLEANS.get(value.toLowerCase());
      if (flag === undefined)
        refuse(row.line, `${setting} ${JSON.stringify(value)} is not true or false (yes or no, 1 or 0).`);
      else user[setting] = flag;
    }
    // An empty resourceNo is no Resource card; without the column, the cards stay as they are.
    if (cell.has('resourceNo')) {
      const number = cell.get('resourceNo');
      const name = cell.get('resourceName');
      user.resource = number ? { number, ...(name && { name }) } : null;
      if (!number && name) refuse(row.line, `resourceName ${JSON.stringify(name)} without a resourceNo.`);
    }
    file.users.push(user);
    file.lines.push(row.line);
    file.places.push(`line ${row.line}`);
  }
  return file;
}
