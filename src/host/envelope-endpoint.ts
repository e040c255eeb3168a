import {
  EnvelopeError,
  envelopeOfResponse,
  readRequestEnvelope,
  requestOfEnvelope,
  type RequestEnvelope,
} from '../api/envelope.js';
import { answerResponse, HostError } from './errors.js';

/** Where a Business Central codeunit web service takes the envelope: `POST /ODataV4/{Service}_{Procedure}`. */
export const ENVELOPE_ENDPOINT = '/ODataV4/MobileFlowPin_Handle';

/** The caller's headers that go into the contract request: who it is (BC authenticates the web service's caller). */
const IDENTITY_HEADERS = ['Authorization', 'Cookie'];

const refused = (message: string) => answerResponse(new HostError('BadRequest_Malformed', message).answer);

/**
 * The contract over Business Central's codeunit web service, as BC answers an unbound action: `POST
 * /ODataV4/MobileFlowPin_Handle?company=…` with `{"requestJson": "<request envelope>"}` is answered `200
 * {"@odata.context": …, "value": "<answer envelope>"}`, the contract's status, headers and body inside. The request
 * envelope goes to `handle` under `basePath` with the caller's identity; `?company=` names nothing here and is ignored.
 * A call that carries no envelope is answered `400 BadRequest_Malformed` in words, as BC answers a bad call itself.
 */
export async function answerEnvelopeCall(
  request: Request,
  handle: (request: Request) => Promise<Response>,
  basePath: string,
): Promise<Response> {
  if (request.method !== 'POST')
    return refused(`${ENVELOPE_ENDPOINT} takes POST, with {"requestJson": "<request envelope>"}.`);
  let envelope: RequestEnvelope;
  try {
    const call: unknown = await request.json().catch(() => {
      throw new EnvelopeError('The call is not JSON: send {"requestJson": "<request envelope>"}.');
    });
    const requestJson = (call as { requestJson?: unknown } | null)?.requestJson;
    if (typeof requestJson !== 'string') {
      throw new EnvelopeError('The call has no "requestJson" text: send {"requestJson": "<request envelope>"}.');
    }
    envelope = readRequestEnvelope(requestJson);
  } catch (error) {
    if (error instanceof EnvelopeError) return refused(error.message);
    throw error;
  }
  const identity: Record<string, string> = {};
  for (const name of IDENTITY_HEADERS) {
    const value = request.headers.get(name);
    if (value !== null) identity[name] = value;
  }
  const origin = new URL(request.url).origin;
  let inner: Request;
  try {
    inner = requestOfEnvelope(envelope, `${origin}${basePath}`, identity);
  } catch {
    return refused(`The request envelope's path or headers cannot make a request: ${JSON.stringify(envelope.path)}.`);
  }
  const answer = await envelopeOfResponse(envelope.id, await handle(inner));
  return new Response(
    JSON.stringify({ '@odata.context': `${origin}/ODataV4/$metadata#Edm.String`, value: JSON.stringify(answer) }),
    { status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' } },
  );
}
