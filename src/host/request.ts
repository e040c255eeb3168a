import { HostError } from './errors.js';
import { contractProblem, type ContractSchemaName } from './contract-validation.js';
import type { Operation } from './routes.js';

const MAX_BODY_LENGTH = 16_384;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,64}$/;
const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The key in the path, decoded. Keys are GUIDs: anything else (a malformed %-escape, a NUL, a megabyte) names nothing,
 * and no storage is asked about it.
 */
export function readKey(raw: string | undefined): string {
  let key: string;
  try {
    key = decodeURIComponent(raw ?? '');
  } catch {
    throw new HostError('BadRequest_NotFound', 'The id in the path is not a valid key.');
  }
  if (!GUID.test(key))
    throw new HostError('BadRequest_NotFound', 'The id in the path is not a GUID: it names nothing.');
  return key;
}

/**
 * Characters no text from a client may hold, whatever the storage behind the host: NUL and the other control
 * characters (tab, line feed and carriage return aside), and half of a surrogate pair. PostgreSQL refuses NUL in
 * text, and an unpaired surrogate is no Unicode at all.
 */
const FORBIDDEN_CHARACTER =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Where `text` holds a character no client text may hold, in words (`U+0000 at 3`); `undefined` when it holds none. */
export function forbiddenCharacter(text: string): string | undefined {
  const match = FORBIDDEN_CHARACTER.exec(text);
  if (!match) return undefined;
  const code = match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  return `U+${code} at ${match.index + 1}`;
}

/**
 * The first text of a parsed body, its field names included, at any depth, that holds a forbidden character, in
 * words. It walks without recursion: a body may nest thousands deep within its 16 KB.
 */
function forbiddenInBody(body: unknown): string | undefined {
  const pending: Array<[unknown, string]> = [[body, 'the body']];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, path] = next;
    if (typeof value === 'string') {
      const where = forbiddenCharacter(value);
      if (where) return `${path} holds ${where}`;
    } else if (value && typeof value === 'object') {
      for (const [name, inner] of Object.entries(value)) {
        const where = forbiddenCharacter(name);
        if (where) return `a field name in ${path} holds ${where}`;
        pending.push([inner, Array.isArray(value) ? path : `${path}.${name.slice(0, 40)}`]);
      }
    }
  }
  return undefined;
}

/** The Idempotency-Key header, checked: only for the operations that take one, and of a sane shape. */
export function readIdempotencyKey(request: Request, operation: Operation): string | null {
  const key = request.headers.get('Idempotency-Key');
  if (key === null) return null;
  if (!operation.acceptsIdempotencyKey) {
    throw new HostError(
      'BadRequest_Malformed',
      `Idempotency-Key is for POST actions only, not ${operation.operationId}.`,
    );
  }
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new HostError('BadRequest_Malformed', 'Idempotency-Key must be 8 to 64 letters, digits or . _ : -');
  }
  return key;
}

/** The request's body, parsed and checked against the operation's schema; `undefined` when it takes none. */
export async function readBody(request: Request, operation: Operation): Promise<unknown> {
  const text = await request.text();
  if (!('requestSchema' in operation)) {
    if (text.trim() && text.trim() !== '{}') {
      throw new HostError('BadRequest_Malformed', `${operation.operationId} takes no request body.`);
    }
    return undefined;
  }
  if (!text.trim()) {
    if (!operation.requestBodyRequired) return {};
    throw new HostError('BadRequest_Malformed', 'The request body is missing: send a JSON object.');
  }
  const mediaType = request.headers.get('Content-Type');
  if (mediaType === null || !JSON_MEDIA_TYPE.test(mediaType)) {
    throw new HostError(
      'BadRequest_UnsupportedMediaType',
      `The request body must be JSON sent as Content-Type: application/json, not ${mediaType ?? 'without a Content-Type'}.`,
    );
  }
  if (text.length > MAX_BODY_LENGTH) {
    throw new HostError('BadRequest_Malformed', `The request body is longer than ${MAX_BODY_LENGTH} characters.`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HostError('BadRequest_Malformed', 'The request body is not valid JSON.');
  }
  // Before the schema: its validator names a field by a URI fragment, which half a surrogate pair cannot be.
  const forbidden = forbiddenInBody(body);
  if (forbidden) {
    throw new HostError(
      'BadRequest_Malformed',
      `${forbidden[0].toUpperCase()}${forbidden.slice(1)}: a control character or half of a surrogate pair, which no field takes.`,
    );
  }
  const schema: ContractSchemaName = operation.requestSchema;
  const problem = contractProblem(schema, body);
  if (problem) throw new HostError('BadRequest_Malformed', `The request body does not fit ${schema}: ${problem}`);
  return body;
}
