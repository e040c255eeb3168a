/**
 * The few members of Business Central's control add-in API that the bridge uses (no typings exist on npm).
 * `InvokeExtensibilityMethod` raises an add-in event in AL; it is asynchronous and gives nothing back.
 */
export interface ControlAddInNav {
  InvokeExtensibilityMethod(name: string, args: unknown[], skipIfBusy?: boolean, callback?: () => void): void;
  GetEnvironment?(): { Busy?: boolean; OnBusyChanged?: ((busy: boolean) => void) | null };
}

export interface ControlAddInFetchOptions {
  /** The contract's base URL the client is given; request paths are sent to AL relative to it. */
  baseUrl: string;
  /** The add-in's `Microsoft.Dynamics.NAV`. Default: the one of the add-in's iframe. */
  nav?: ControlAddInNav;
  /** The add-in event AL handles: `event MobileFlowRequest(RequestJson: Text)`. */
  requestEvent?: string;
  /** How many requests may wait for AL's answer at once; the others queue, so the add-in never floods the client. */
  maxPending?: number;
  /** An answer that has not come by then fails the request (the client's own timeout is usually shorter). */
  timeoutMs?: number;
}

/** A request as the add-in hands it to AL, as JSON text. */
export interface ControlAddInRequest {
  id: string;
  method: string;
  /** Relative to the contract's base, e.g. `session/Microsoft.NAV.changePinCode`. */
  path: string;
  /** The URL's query string without `?`, percent-encoded as sent (`%24top=50&%24count=true`); empty when none. */
  query: string;
  /** `If-Match` and `Idempotency-Key`, when the request has them. */
  headers: Record<string, string>;
  /** The JSON body as text, or null. */
  body: string | null;
}

/** AL's answer, handed to the add-in procedure `MobileFlowResponse(ResponseJson: Text)`. */
export interface ControlAddInResponse {
  id: string;
  status: number;
  /** The contract's headers of the answer, e.g. `Retry-After` with a 429; none when left out. */
  headers?: Record<string, string>;
  /** The contract's JSON answer, as text or as the value itself. */
  body: unknown;
}

/** The bridge's fetch, and the function AL's answers go to (`window.MobileFlowResponse = addInFetch.receive`). */
export interface ControlAddInFetch {
  (input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** Takes one answer from AL (`ResponseJson`); answers match their requests by `id`, in any order. */
  receive(responseJson: string): void;
}

const FORWARDED_HEADERS = ['If-Match', 'Idempotency-Key'];
let nextId = 0;

/**
 * A `fetch` for the typed client inside a Business Central control add-in: each request goes to AL through the add-in
 * event `MobileFlowRequest(RequestJson)`, and AL answers by calling the add-in procedure `MobileFlowResponse`. The
 * add-in has no session of its own for BC's REST API (that takes Entra ID OAuth), so AL acts as the signed-in user and
 * does the record work. Requests queue while `maxPending` are waiting or the client is busy (its `OnBusyChanged`
 * says when that ends: nothing polls); an abort or a missing answer fails the request as a network failure would.
 */
export function createControlAddInFetch({
  baseUrl,
  nav,
  requestEvent = 'MobileFlowRequest',
  maxPending = 4,
  timeoutMs = 60_000,
}: ControlAddInFetchOptions): ControlAddInFetch {
  const base = new URL(baseUrl.replace(/\/+$/, ''), location.href);
  const pending = new Map<string, (answer: ControlAddInResponse) => void>();
  const queue: Array<() => void> = [];
  const navOf = () =>
    nav ?? (globalThis as { Microsoft?: { Dynamics?: { NAV?: ControlAddInNav } } }).Microsoft?.Dynamics?.NAV;

  let waitingForIdle = false;

  function sendQueued(): void {
    const environment = navOf()?.GetEnvironment?.();
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
        sendQueued();
      };
      return;
    }
    while (pending.size < maxPending && queue.length) queue.shift()!();
  }

  const addInFetch = (async (input, init) => {
    const request = new Request(input instanceof Request ? input : new URL(String(input), location.href), init);
    const url = new URL(request.url);
    const signal = request.signal;
    signal.throwIfAborted();
    const target = navOf();
    if (!target) throw new TypeError('No Microsoft.Dynamics.NAV here: this page is not a control add-in.');
    if (!url.pathname.startsWith(`${base.pathname}/`)) {
      throw new TypeError(`${url.pathname} is not under the contract's base ${base.pathname}.`);
    }
    const id = `${Date.now().toString(36)}-${(nextId += 1)}`;
    const headers: Record<string, string> = {};
    for (const name of FORWARDED_HEADERS) {
      const value = request.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    const text = request.method === 'GET' ? '' : await request.text();
    const message: ControlAddInRequest = {
      id,
      method: request.method,
      path: url.pathname.slice(base.pathname.length + 1),
      query: url.search.replace(/^\?/, ''),
      headers,
      body: text || null,
    };

    return new Promise<Response>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const settle = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        const queued = queue.indexOf(send);
        if (queued !== -1) queue.splice(queued, 1);
        if (pending.delete(id)) sendQueued();
      };
      const onAbort = () => {
        settle();
        reject(signal.reason);
      };
      const send = () => {
        pending.set(id, (answer) => {
          settle();
          const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? null);
          resolve(
            new Response(body, {
              status: answer.status,
              headers: { ...answer.headers, 'Content-Type': 'application/json' },
            }),
          );
        });
        timer = setTimeout(() => {
          settle();
          reject(new TypeError(`AL did not answer ${message.method} ${message.path} within ${timeoutMs} ms.`));
        }, timeoutMs);
        target.InvokeExtensibilityMethod(requestEvent, [JSON.stringify(message)], false);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      queue.push(send);
      sendQueued();
    });
  }) as ControlAddInFetch;

  addInFetch.receive = (responseJson) => {
    let answer: ControlAddInResponse;
    try {
      answer = JSON.parse(responseJson) as ControlAddInResponse;
    } catch {
      return; // Not one of ours: nothing waits for it.
    }
    pending.get(String(answer?.id))?.(answer);
  };
  return addInFetch;
}
