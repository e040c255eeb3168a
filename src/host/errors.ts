import { ERROR_HTTP_STATUS, type ErrorCode, type ErrorResponse } from '../domain/index.js';

/** An answer of the host: an HTTP status and a JSON body. */
export interface Answer {
  status: number;
  body: unknown;
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
    return {
      status: ERROR_HTTP_STATUS[this.code],
      body: { error: { code: this.code, message: this.message, ...this.extra } },
    };
  }
}

/** The answer for anything the core did not expect: nothing was changed, and the client may retry. */
export const INTERNAL_ERROR = new HostError(
  'Internal_ServerError',
  'The host failed to handle the request; nothing was changed.',
);
