import {
  EnvelopeError,
  envelopeOfRequest,
  readAnswerEnvelope,
  responseOfEnvelope,
  unsentAnswer,
  writeRequestEnvelope,
  type AnswerEnvelope,
  type RequestEnvelope,
} from './envelope.js';
import { TransportError } from './transport-error.js';

/**
 * The few members of Business Central's control add-in API that the bridge uses (no typings exist on npm).
 * `InvokeExtensibilityMethod` raises an add-in event in AL; it is asynchronous, gives nothing back, and says through
 * its callbacks whether Business Central took the call (`successCallback`) or refused it (`errorCallback`).
 */
export interface ControlAddInNav {
  InvokeExtensibilityMethod(
    name: string,
    args: unknown[],
    skipIfBusy?: boolean,
    successCallback?: () => void,
    errorCallback?: (error?: unknown) => void,
  ): void;
  GetEnvironment?(): {
    Busy?: boolean;
    OnBusyChanged?: ((busy: boolean) => void) | null;
    OnClosed?: (() => void) | null;
  };
}

export interface ControlAddInFetchOptions {
  /** The contract's base URL the client is given; request paths are sent to AL relative to it. */
  baseUrl: string;
  /** The add-in's `Microsoft.Dynamics.NAV`. Default: the one of the add-in's iframe. */
  nav?: ControlAddInNav;
  /** The add-in event AL handles: `event MobileFlowRequest(RequestJson: Text)`. */
  requestEvent?: string;
  /** An answer that has not come by then fails the request (the client's own timeout is usually shorter). */
  timeoutMs?: number;
}

/** A request as the add-in hands it to AL: the contract's request envelope (`envelope.schema.json`). */
export type ControlAddInRequest = RequestEnvelope;
/** AL's answer, handed to the add-in procedure `MobileFlowResponse(ResponseJson: Text)`: the answer envelope. */
export type ControlAddInResponse = AnswerEnvelope;

/** The bridge's fetch, and the function AL's answers go to (`window.MobileFlowResponse = addInFetch.receive`). */
export interface ControlAddInFetch {
  (input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** Takes one answer envelope from AL (`ResponseJson`); it must answer the request on its way. */
  receive(responseJson: string): void;
  /** Fails every request on its way and queued: the add-in is closing (`OnClosed`) or being started again. */
  close(reason?: string): void;
}

let nextId = 0;

/** One request on its way to AL or waiting for its turn. */
interface Call {
  id: string;
  text: string;
  answer(envelope: AnswerEnvelope): void;
  fail(error: TransportError): void;
}

/**
 * A `fetch` for the typed client inside a Business Central control add-in: each request goes to AL as an envelope
 * through the add-in event `MobileFlowRequest(RequestJson)`, and AL answers by calling the add-in procedure
 * `MobileFlowResponse` with the answer envelope. The add-in has no session of its own for BC's REST API (that takes
 * Entra ID OAuth), so AL acts as the signed-in user and does the record work.
 *
 * As Microsoft asks of add-ins: one request at a time, the next sent when the previous one is answered or has failed
 * (the others queue in order; an abort takes a queued one out); the client's `OnBusyChanged` says when a busy client
 * is free again (nothing polls); a call Business Central refuses (`errorCallback`) fails at once, and `OnClosed` fails
 * what is pending. A request over the envelope's limit is answered `400 BadRequest_Malformed` here and never sent.
 */
export function createControlAddInFetch({
  baseUrl,
  nav,
  requestEvent = 'MobileFlowRequest',
  timeoutMs = 60_000,
}: ControlAddInFetchOptions): ControlAddInFetch {
  const base = new URL(baseUrl.replace(/\/+$/, ''), location.href);
  const queue: Call[] = [];
  let current: Call | undefined;
  let waitingForIdle = false;
  let closed: string | undefined;
  const navOf = () =>
    nav ?? (globalThis as { Microsoft?: { Dynamics?: { NAV?: ControlAddInNav } } }).Microsoft?.Dynamics?.NAV;

  const environment = navOf()?.GetEnvironment?.();
  if (environment) {
    const earlier = environment.OnClosed;
    environment.OnClosed = () => {
      earlier?.();
      addInFetch.close('The Business Central page closed before it answered.');
    };
  }

  /** Sends the next queued request when none is on its way and the web client is not busy. */
  function sendNext(): void {
    if (current || !queue.length) return;
    const target = navOf()!;
    const environment = target.GetEnvironment?.();
    if (environment?.Busy) {
      if (waitingForIdle) return;
      // Wait for the client to say it is no longer busy; chain any handler that was there before.
      waitingForIdle = true;
      const earlier = environment.OnBusyChanged;
      environment.OnBusyChanged = (busy) => {
        earlier?.(busy);
        if (busy) return;
        environment.OnBusyChanged = earlier ?? null;
        waitingForIdle = false;
        sendNext();
      };
      return;
    }
    const call = queue.shift()!;
    current = call;
    target.InvokeExtensibilityMethod(requestEvent, [call.text], false, undefined, (error) =>
      call.fail(
        new TransportError(
          'refused',
          `Business Central refused the request${error instanceof Error ? ` (${error.message})` : ''}: it may be busy or find the page slow.`,
        ),
      ),
    );
  }

  /** The call is over (answered, failed, aborted): out of the queue, and the next one goes. */
  function finish(call: Call): void {
    const queued = queue.indexOf(call);
    if (queued !== -1) queue.splice(queued, 1);
    if (current === call) {
      current = undefined;
      queueMicrotask(sendNext);
    }
  }

  const addInFetch = (async (input, init) => {
    const request = new Request(input instanceof Request ? input : new URL(String(input), location.href), init);
    const signal = request.signal;
    signal.throwIfAborted();
    if (!navOf()) throw new TypeError('No Microsoft.Dynamics.NAV here: this page is not a control add-in.');
    if (closed) throw new TransportError('closed', closed);
    const id = `${Date.now().toString(36)}-${(nextId += 1)}`;
    let text: string;
    try {
      text = writeRequestEnvelope(await envelopeOfRequest(request, base, id));
    } catch (error) {
      // Too large for Business Central to carry: refused here, as the contract refuses a malformed request, unsent.
      if (error instanceof EnvelopeError) return unsentAnswer(error);
      throw error;
    }

    return new Promise<Response>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      let over = false;
      const end = () => {
        over = true;
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        finish(call);
      };
      const onAbort = () => {
        end();
        reject(signal.reason);
      };
      const call: Call = {
        id,
        text,
        answer(envelope) {
          if (over) return;
          end();
          resolve(responseOfEnvelope(envelope));
        },
        fail(error) {
          if (over) return;
          end();
          reject(error);
        },
      };
      timer = setTimeout(
        () => call.fail(new TransportError('noAnswer', `AL did not answer within ${timeoutMs} ms.`)),
        timeoutMs,
      );
      // Aborted while its envelope was being written: never queued.
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      queue.push(call);
      sendNext();
    });
  }) as ControlAddInFetch;

  addInFetch.receive = (responseJson) => {
    let answer: AnswerEnvelope;
    try {
      answer = readAnswerEnvelope(responseJson);
    } catch (error) {
      // A broken answer fails the request on its way (it can only be its answer); nothing else waits for it.
      const message = error instanceof Error ? error.message : String(error);
      current?.fail(new TransportError('malformed', `AL answered with a broken envelope: ${message}`));
      return;
    }
    // An answer for a request that is not on its way (finished, aborted, unknown) answers nobody.
    if (current?.id === answer.id) current.answer(answer);
  };

  addInFetch.close = (reason = 'The add-in was closed.') => {
    closed = reason;
    for (const call of [...(current ? [current] : []), ...queue]) call.fail(new TransportError('closed', reason));
  };
  return addInFetch;
}
