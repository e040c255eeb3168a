import {
  ERROR_CODES,
  type ErrorCode,
  type ErrorResponse,
  type PinRuleViolation,
} from '../domain/contract.generated.js';

/** Codes the client gives when no contract answer arrived. */
export type ClientErrorCode =
  /** The request never reached the host, or its answer never came back (offline, DNS, connection reset). */
  | 'Client_NetworkFailure'
  /** No answer within the client's `timeoutMs`. */
  | 'Client_Timeout'
  /** The caller's AbortSignal ended the request. */
  | 'Client_Aborted'
  /** The host answered something that is not the contract's JSON. */
  | 'Client_InvalidResponse'
  /** The host answered an error code that is not in the contract. */
  | 'Client_UnknownError';

export interface MobileFlowErrorInit {
  code: ErrorCode | ClientErrorCode;
  status: number;
  message: string;
  remainingAttempts?: number;
  lockedUntil?: string;
  retryAfter?: number;
  details?: PinRuleViolation[];
  idempotencyKey?: string;
  hostCode?: string;
  cause?: unknown;
}

/**
 * Every failure of a client call: a contract error code with its HTTP status, or a `Client_*` code (status 0 when no
 * answer arrived). An action that failed without an answer carries its `idempotencyKey`: pass it back to retry the
 * same action without it ever counting twice.
 */
export class MobileFlowError extends Error {
  override name = 'MobileFlowError';
  /** The contract's error code, or a `Client_*` code when no contract answer arrived. */
  readonly code!: ErrorCode | ClientErrorCode;
  /** The HTTP status, or 0 when no answer arrived. */
  readonly status!: number;
  /** With `PinCode_CurrentInvalid`: attempts left before the lock. */
  readonly remainingAttempts?: number;
  /** With `PinCode_Locked`: until when (ISO date-time). */
  readonly lockedUntil?: string;
  /** With `Request_TooManyRequests`: the seconds until the device may check again. */
  readonly retryAfter?: number;
  /** With `PinCode_PolicyViolation`: the rules the PIN code breaks. */
  readonly details?: PinRuleViolation[];
  /** The Idempotency-Key of the failed action, to send again on a retry. */
  readonly idempotencyKey?: string;
  /** With `Client_UnknownError`: the code the host sent. */
  readonly hostCode?: string;

  constructor({ message, cause, ...fields }: MobileFlowErrorInit) {
    super(message, cause === undefined ? undefined : { cause });
    // Every other field of the init as it is: code, status and those the failure has (an absent one stays undefined).
    Object.assign(this, fields);
  }

  /** True when the request may not have reached the host, so the same action can be sent again. */
  get retryable(): boolean {
    return this.code === 'Client_NetworkFailure' || this.code === 'Client_Timeout';
  }
}

const isErrorCode = (code: unknown): code is ErrorCode => (ERROR_CODES as readonly unknown[]).includes(code);

/** The MobileFlowError for a host's error answer, whatever shape its body has. */
export function errorFromAnswer(status: number, body: unknown): MobileFlowError {
  const error = (body as Partial<ErrorResponse> | null)?.error;
  if (!error || typeof error !== 'object') {
    return new MobileFlowError({
      code: 'Client_InvalidResponse',
      status,
      message: `The host answered ${status} without a contract error.`,
    });
  }
  const message = typeof error.message === 'string' ? error.message : `The host answered ${status}.`;
  if (!isErrorCode(error.code)) {
    return new MobileFlowError({ code: 'Client_UnknownError', status, message, hostCode: String(error.code) });
  }
  return new MobileFlowError({
    code: error.code,
    status,
    message,
    remainingAttempts: error.remainingAttempts,
    lockedUntil: error.lockedUntil,
    retryAfter: error.retryAfter,
    details: error.details,
  });
}
