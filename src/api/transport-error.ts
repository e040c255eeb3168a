// A transport's own failure, apart from errors.ts so that the elements' bundles, which never create one, do not carry it.

/** Why a transport that carries the contract in envelopes could not deliver a request or its answer. */
export type TransportFailure =
  /** Business Central refused the call (`errorCallback`): it finds the add-in slow or unhealthy, or is busy. */
  | 'refused'
  /** The page or add-in closed, or the add-in was started again, before the answer came. */
  | 'closed'
  /** The answer came back broken: not an envelope. */
  | 'malformed'
  /** No answer came within the transport's own time. */
  | 'noAnswer';

/**
 * A transport's failure to deliver (the add-in bridge, the codeunit web service): the client gives it as
 * `Client_NetworkFailure`, with this error's words as its message and this error as its `cause`.
 */
export class TransportError extends TypeError {
  override name = 'TransportError';
  constructor(
    readonly failure: TransportFailure,
    message: string,
  ) {
    super(message);
  }

  /** Whether sending the same request again may work: not for a closed add-in or a broken answer. */
  get retryable(): boolean {
    return this.failure === 'refused' || this.failure === 'noAnswer';
  }
}
