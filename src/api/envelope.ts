/**
 * The contract in an envelope (README, "In Business Central"): where HTTP itself cannot carry it — inside a Business Central add-in
 * (the bridge) and over Business Central's codeunit web service (`Handle(requestJson): Text`) — a request travels as
 * `{id, method, path, headers, body}` and its answer as `{id, status, headers, body}`, with the contract's statuses,
 * codes and headers inside. `envelope.schema.json` describes both; this module is the one encoder and decoder.
 */

/** A contract request in an envelope. */
export interface RequestEnvelope {
  /** Chosen by the sender; the answer carries it back. */
  id: string;
  method: string;
  /** Relative to the contract's base, with the query string as sent: `userSetups?%24top=50&%24count=true`. */
  path: string;
  /** The contract's request headers the request has (`If-Match`, `Idempotency-Key`). */
  headers: Record<string, string>;
  /** The body as sent (the contract's JSON, as text), or null. */
  body: string | null;
}

/** A contract answer in an envelope. */
export interface AnswerEnvelope {
  /** The id of the request it answers. */
  id: string;
  status: number;
  /** The contract's answer headers, e.g. `Retry-After` with a 429, `ETag`. */
  headers: Record<string, string>;
  /** The contract's JSON answer as text, or null (204). */
  body: string | null;
}

/**
 * The contract's base a client is given when an envelope carries its requests (the add-in bridge, the codeunit web
 * service): a name only, no server serves it; paths in an envelope are relative to it.
 */
export const ENVELOPE_BASE_URL = 'https://envelope.invalid/mobile-flow-pin/contract';

/** The request headers of the contract that travel in an envelope; identity travels outside it (BC's own session). */
export const ENVELOPE_REQUEST_HEADERS = ['If-Match', 'Idempotency-Key'] as const;
/** The answer headers of the contract that travel in an envelope. */
export const ENVELOPE_ANSWER_HEADERS = ['ETag', 'Retry-After'] as const;

/** The largest request envelope, in bytes of its JSON text: the contract's requests are a few hundred bytes. */
export const REQUEST_ENVELOPE_LIMIT = 64 * 1024;
/** The largest answer envelope: a page of 1 000 user setups with its count fits several times over. */
export const ANSWER_ENVELOPE_LIMIT = 8 * 1024 * 1024;

/** An envelope that is not one: not JSON, a field missing or of the wrong kind, over its limit. */
export class EnvelopeError extends Error {
  override name = 'EnvelopeError';
}

const byteLength = (text: string) => new TextEncoder().encode(text).length;

function pickHeaders(headers: Headers, names: readonly string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = headers.get(name);
    if (value !== null) picked[name] = value;
  }
  return picked;
}

/** `request` as an envelope, its path made relative to the contract's `base`. */
export async function envelopeOfRequest(request: Request, base: URL, id: string): Promise<RequestEnvelope> {
  const url = new URL(request.url);
  const basePath = base.pathname.replace(/\/+$/, '');
  if (!url.pathname.startsWith(`${basePath}/`)) {
    throw new EnvelopeError(`${url.pathname} is not under the contract's base ${basePath}.`);
  }
  const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
  return {
    id,
    method: request.method,
    path: url.pathname.slice(basePath.length + 1) + url.search,
    headers: pickHeaders(request.headers, ENVELOPE_REQUEST_HEADERS),
    body: text || null,
  };
}

/** The request an envelope carries, under the contract's `base`, with `headers` added (the caller's identity). */
export function requestOfEnvelope(envelope: RequestEnvelope, base: string, headers: HeadersInit = {}): Request {
  const target = `${base.replace(/\/+$/, '')}/${envelope.path}`;
  const all = new Headers(headers);
  for (const [name, value] of Object.entries(envelope.headers)) all.set(name, value);
  if (envelope.body !== null) all.set('Content-Type', 'application/json');
  return new Request(target, { method: envelope.method, headers: all, body: envelope.body });
}

/** `response` as the answer envelope to request `id`. */
export async function envelopeOfResponse(id: string, response: Response): Promise<AnswerEnvelope> {
  const text = await response.text();
  return {
    id,
    status: response.status,
    headers: pickHeaders(response.headers, ENVELOPE_ANSWER_HEADERS),
    body: text || null,
  };
}

/** The `Response` an answer envelope carries. */
export function responseOfEnvelope(answer: AnswerEnvelope): Response {
  const nullBody = answer.status === 204 || answer.status === 304;
  return new Response(nullBody ? null : answer.body, {
    status: answer.status,
    headers: { ...answer.headers, ...(answer.body !== null && !nullBody && { 'Content-Type': 'application/json' }) },
  });
}

function parseObject(text: unknown, what: string, limit: number): Record<string, unknown> {
  if (typeof text !== 'string') throw new EnvelopeError(`The ${what} must be JSON text.`);
  const size = byteLength(text);
  if (size > limit) throw new EnvelopeError(`The ${what} is ${size} bytes, over the limit of ${limit} bytes.`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new EnvelopeError(`The ${what} is not JSON.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new EnvelopeError(`The ${what} must be a JSON object.`);
  }
  return value as Record<string, unknown>;
}

function readId(value: Record<string, unknown>, what: string): string {
  const { id } = value;
  if (typeof id !== 'string' || id === '' || id.length > 100) {
    throw new EnvelopeError(`The ${what} has no id: "id" must be a text of 1 to 100 characters.`);
  }
  return id;
}

function readHeaders(value: Record<string, unknown>, what: string): Record<string, string> {
  const { headers = {} } = value;
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    throw new EnvelopeError(`The ${what}'s "headers" must be an object of texts.`);
  }
  for (const [name, text] of Object.entries(headers)) {
    if (typeof text !== 'string') throw new EnvelopeError(`The ${what}'s header ${name} must be a text.`);
  }
  return headers as Record<string, string>;
}

/**
 * The body: a text or null. A request's text goes to the host as sent (a body that is not JSON is the host's to refuse,
 * with the contract's 400); an answer's must be JSON, since the contract answers nothing else.
 */
function readBody(value: Record<string, unknown>, what: string, json: boolean): string | null {
  const { body = null } = value;
  if (body === null) return null;
  if (typeof body !== 'string') throw new EnvelopeError(`The ${what}'s "body" must be a text or null.`);
  if (!json) return body;
  try {
    JSON.parse(body);
  } catch {
    throw new EnvelopeError(`The ${what}'s "body" is not JSON text.`);
  }
  return body;
}

/** Reads a request envelope from its JSON text, or throws an `EnvelopeError` that says what is wrong. */
export function readRequestEnvelope(text: unknown): RequestEnvelope {
  const what = 'request envelope';
  const value = parseObject(text, what, REQUEST_ENVELOPE_LIMIT);
  const id = readId(value, what);
  const { method, path } = value;
  if (typeof method !== 'string' || !/^(GET|POST|PATCH|PUT|DELETE)$/.test(method)) {
    throw new EnvelopeError(`The ${what}'s "method" must be GET, POST, PATCH, PUT or DELETE.`);
  }
  if (typeof path !== 'string' || path === '' || path.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(path)) {
    throw new EnvelopeError(`The ${what}'s "path" must be a path relative to the contract's base, e.g. "session".`);
  }
  return { id, method, path, headers: readHeaders(value, what), body: readBody(value, what, false) };
}

/** Reads an answer envelope from its JSON text, or throws an `EnvelopeError` that says what is wrong. */
export function readAnswerEnvelope(text: unknown): AnswerEnvelope {
  const what = 'answer envelope';
  const value = parseObject(text, what, ANSWER_ENVELOPE_LIMIT);
  const id = readId(value, what);
  const { status } = value;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 599) {
    throw new EnvelopeError(`The ${what}'s "status" must be an HTTP status, a whole number from 200 to 599.`);
  }
  return { id, status, headers: readHeaders(value, what), body: readBody(value, what, true) };
}

/** The JSON text of a request envelope, or an `EnvelopeError` when it is over the limit. */
export function writeRequestEnvelope(envelope: RequestEnvelope): string {
  const text = JSON.stringify(envelope);
  const size = byteLength(text);
  if (size > REQUEST_ENVELOPE_LIMIT) {
    throw new EnvelopeError(`The request is ${size} bytes, over the envelope's limit of ${REQUEST_ENVELOPE_LIMIT}.`);
  }
  return text;
}

/**
 * The contract's answer to a request a transport will not send, too large for its envelope: `400 BadRequest_Malformed`
 * in words that say why.
 */
export const unsentAnswer = (error: EnvelopeError): Response =>
  new Response(
    JSON.stringify({
      error: { code: 'BadRequest_Malformed', message: `${error.message} It was not sent to Business Central.` },
    }),
    { status: 400, headers: { 'Content-Type': 'application/json' } },
  );
