import {
  ENVELOPE_BASE_URL,
  EnvelopeError,
  envelopeOfRequest,
  readAnswerEnvelope,
  responseOfEnvelope,
  unsentAnswer,
  writeRequestEnvelope,
} from './envelope.js';
import { TransportError } from './transport-error.js';

export interface BusinessCentralFetchOptions {
  /**
   * The codeunit web service's `Handle` action, e.g.
   * `https://api.businesscentral.dynamics.com/v2.0/{tenant}/{environment}/ODataV4/MobileFlowPin_Handle?company={id}`.
   */
  url: string;
  /** Sent with every call: who the caller is for Business Central, e.g. `Authorization: Bearer …` (Entra ID). */
  headers?: HeadersInit;
  /** The base URL the client is given. Default `ENVELOPE_BASE_URL`. */
  baseUrl?: string;
  /** The fetch that reaches Business Central. Default the global one. */
  fetch?: typeof fetch;
}

let nextId = 0;

/**
 * A `fetch` for the typed client that carries the contract through Business Central's codeunit web service: each
 * request becomes `POST url` with `{"requestJson": "<request envelope>"}`, and the answer `{"value": "<answer
 * envelope>"}` becomes a `Response` with the contract's status, headers and body. Business Central's own refusals
 * (401 without a valid token, 404 where the service is not published) come back as they are. Give the client the
 * same base: `createMobileFlowClient({ baseUrl: ENVELOPE_BASE_URL, fetch: createBusinessCentralFetch({ url }) })`.
 */
export function createBusinessCentralFetch({
  url,
  headers = {},
  baseUrl = ENVELOPE_BASE_URL,
  fetch: send = (...args) => globalThis.fetch(...args),
}: BusinessCentralFetchOptions): typeof fetch {
  const base = new URL(baseUrl);
  return async (input, init) => {
    const request = new Request(input instanceof Request ? input : new URL(String(input), base), init);
    const id = `bc-${Date.now().toString(36)}-${(nextId += 1)}`;
    let requestJson: string;
    try {
      requestJson = writeRequestEnvelope(await envelopeOfRequest(request, base, id));
    } catch (error) {
      if (!(error instanceof EnvelopeError)) throw error;
      return unsentAnswer(error);
    }
    const outer = new Headers(headers);
    outer.set('Content-Type', 'application/json');
    outer.set('Accept', 'application/json');
    const answer = await send(url, {
      method: 'POST',
      headers: outer,
      body: JSON.stringify({ requestJson }),
      signal: request.signal,
    });
    if (!answer.ok) return answer;
    let value: unknown;
    try {
      value = ((await answer.json()) as { value?: unknown } | null)?.value;
    } catch {
      throw new TransportError('malformed', `Business Central answered ${answer.status} with a body that is not JSON.`);
    }
    let envelope;
    try {
      envelope = readAnswerEnvelope(value);
    } catch (error) {
      throw new TransportError(
        'malformed',
        `Business Central's answer holds no answer envelope: ${(error as Error).message}`,
      );
    }
    if (envelope.id !== id) {
      throw new TransportError('malformed', `Business Central answered request ${envelope.id}, not ${id}.`);
    }
    return responseOfEnvelope(envelope);
  };
}
