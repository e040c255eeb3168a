import { ERROR_HTTP_STATUS, type ErrorCode, type ErrorResponse } from '../domain/index.js';

/** An answer of the host: an HTTP status and a JSON body. */
export interface Answer {
  status: number;
  body: unknown;
  /** Headers of the answer beside the JSON ones, e.g. `Retry-After`. */
  headers?: Record<string, string>;
}

/** A contract error, thrown anywhere in the core and answered with its status. */
export class HostError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Omit<ErrorResponse['error'], 'code' | 'message'> = {},
  ) {
    super(message);
  }

  get answer(): Answer {
    const answer: Answer = {
      status: ERROR_HTTP_STATUS[this.code],
      body: { error: { code: this.code, message: this.message, ...this.extra } },
    };
    // A 429 says in a header, too, when to come back.
    if (this.extra.retryAfter !== undefined) answer.headers = { 'Retry-After': String(this.extra.retryAfter) };
    return answer;
  }
}

/** The answer for anything the core did not expect: nothing was changed, and the client may retry. */
export const INTERNAL_ERROR = new HostError(
  'Internal_ServerError',
  'The host failed to handle the request; nothing was changed.',
);

/** An answer as the HTTP response the core sends: its status, and its body as JSON that is never cached. */
export const answerResponse = ({ status, body, headers }: Answer): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });

/**
 * The answer of a host failed on purpose by a fault switched on for a test or a demo (fail the next request): 500
 * Internal_ServerError with the core's headers, as a host that really failed answers, and nothing was changed.
 */
export const failedOnPurposeResponse = (): Response =>
  answerResponse(
    new HostError('Internal_ServerError', 'The host failed on purpose (a fault switched on); nothing was changed.')
      .answer,
  );
