import { HostError } from './errors.js';
import { contractProblem, type ContractSchemaName } from './contract-validation.js';
import type { Operation } from './routes.js';

const MAX_BODY_LENGTH = 16_384;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,64}$/;
const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** The key in the path, decoded; a malformed %-escape is a key that names nothing. */
export function readKey(raw: string | undefined): string {
  try {
    return decodeURIComponent(raw ?? '');
  } catch {
    throw new HostError('BadRequest_NotFound', 'The id in the path is not a valid key.');
  }
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
  const schema: ContractSchemaName = operation.requestSchema;
  const problem = contractProblem(schema, body);
  if (problem) throw new HostError('BadRequest_Malformed', `The request body does not fit ${schema}: ${problem}`);
  return body;
}
