// A simulated Business Central for the control add-in bridge: the web client that hosts the add-ins, and the AL behind
// it. It lives with the tests, which are most of its users (the bridge's tests, the built add-ins loaded as Business
// Central loads them, the contract suite through the bridge); the demo's Business Central page imports it from here to
// show the same simulation. Nothing under src/ imports it: neither the elements nor anything that ships carries it.
import type { ControlAddInNav, ControlAddInRequest, ControlAddInResponse } from '../../src/api/control-add-in-fetch.js';
import { envelopeOfResponse, readRequestEnvelope, requestOfEnvelope } from '../../src/api/envelope.js';

/** The files of one built add-in (dist/bc/NAME), as text. */
export interface AddInFiles {
  script: string;
  startup: string;
  styleSheet: string;
}

/** One call across the bridge, as it crossed: PIN codes and all, so whoever keeps it masks them first. */
export interface BridgeCall<Name extends string = string> {
  addIn: Name;
  /**
   * `event`: the add-in raised an AL event; `procedure`: AL called one of the add-in's procedures; `idle`: the web
   * client stopped being busy while the add-in waited for it (`OnBusyChanged(false)`); `refused`: the web client refused
   * the add-in's call (`errorCallback`), and AL never heard of it.
   */
  kind: 'event' | 'procedure' | 'idle' | 'refused';
  name: string;
  /** The bridge's request, on MobileFlowRequest and on its MobileFlowResponse. */
  request?: ControlAddInRequest;
  /** The text that crossed: an event's argument, a request's or an answer's body, a procedure's argument. */
  text?: string | null;
  /** The status AL answered with. */
  status?: number;
  /** How long AL took to answer. */
  ms?: number;
  /** The add-in raised the event while the web client was busy, and it waited. */
  waited?: boolean;
}

export interface SimulatedAlOptions<Name extends string = string> {
  /** Serves one request as AL would (through the codeunit behind the API pages): the contract's answer. */
  serve(request: Request): Promise<Response>;
  /** The contract's base URL AL serves. */
  baseUrl: string;
  /**
   * How long a server round trip takes before AL acts on this request (or on an event, without one); random delays
   * answer out of order. Default 0–15 ms.
   */
  delayMs?(request?: ControlAddInRequest): number;
  /** Requests AL never answers. */
  drops?(request: ControlAddInRequest): boolean;
  /**
   * Calls the web client refuses, as Business Central does with an add-in it finds slow or unhealthy: AL never hears
   * of them, and the add-in learns it through `errorCallback`.
   */
  rejects?(request: ControlAddInRequest): boolean;
  /**
   * Requests whose AL fails with an error (a runtime error, a failed `TestField`): the handler traps it
   * (`Codeunit.Run`), rolls the write back and answers 500 Internal_ServerError with the error's text.
   */
  failsInAl?(request: ControlAddInRequest): string | undefined;
  /**
   * AL runs one trigger at a time, as a Business Central session does, and the web client is busy while it runs. By
   * default AL serves requests side by side, so answers come late and out of order: harsher than Business Central.
   */
  oneAtATime?: boolean;
  /** The user signed in to the web client, as `GetEnvironment().UserName` says. */
  userName?: string;
  /**
   * The client the add-ins are shown in, as `GetEnvironment().DeviceCategory` says: 0 the web client (the default), 1
   * the tablet client, 2 the phone client.
   */
  deviceCategory?: 0 | 1 | 2;
  /** The language AL gives each add-in with SetLanguage once it is Ready. Default `en-US`. */
  languageTag?: string;
  /** Hears each call across the bridge as it crosses. */
  observe?(call: BridgeCall<Name>): void;
}

interface Environment {
  Busy: boolean;
  OnBusyChanged: ((busy: boolean) => void) | null;
  OnClosed: (() => void) | null;
  UserName: string;
  CompanyName: string;
  DeviceCategory: number;
  Platform: number;
}

/** The add-in's procedures that AL calls, read at each call. */
export interface AddInProcedures {
  MobileFlowResponse?(responseJson: string): void;
  SetLanguage?(languageTag: string, formatRegion?: string): void;
}

/** One add-in on the web client. */
interface Site<Name extends string> {
  name: Name;
  procedures: AddInProcedures;
  environment: Environment;
  ready: boolean;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The web client and its AL. Each add-in gets what Business Central gives it: a `Microsoft.Dynamics.NAV` whose
 * InvokeExtensibilityMethod is asynchronous and void (a call while the client is busy waits, or is dropped when it
 * asks to be), an environment that says when the client is busy, and, loaded into an iframe, `#controlAddIn` and its
 * classic scripts. AL serves MobileFlowRequest through `serve` and answers with the add-in's MobileFlowResponse, and
 * gives a Ready add-in its language with SetLanguage.
 */
export class SimulatedBusinessCentral<Name extends string = string> {
  /** Every MobileFlowRequest the add-ins raised, in the order they raised it (one raised while busy too). */
  readonly seen: ControlAddInRequest[] = [];
  readonly #options: SimulatedAlOptions<Name>;
  readonly #sites = new Set<Site<Name>>();
  /** AL's triggers, waiting for the web client. */
  readonly #triggers: Array<() => Promise<void>> = [];
  #running = false;
  #heldBusy = false;
  #languageTag: string;
  #formatRegion: string | undefined;

  constructor(options: SimulatedAlOptions<Name>) {
    this.#options = options;
    this.#languageTag = options.languageTag ?? 'en-US';
  }

  /** The web client is busy while AL runs a trigger (one at a time), or while it is held busy. */
  get busy(): boolean {
    return this.#running || this.#heldBusy;
  }

  /** Holds the web client busy, or lets it go: add-ins wait, and their calls queue. */
  holdBusy(on: boolean): void {
    this.#update(() => (this.#heldBusy = on));
    void this.#next();
  }

  /** Adds the add-in `name`, whose procedures AL calls in `procedures`, and gives its `Microsoft.Dynamics.NAV`. */
  addIn(name: Name, procedures: AddInProcedures): ControlAddInNav & { GetEnvironment(): Environment } {
    const site: Site<Name> = {
      name,
      procedures,
      environment: {
        Busy: this.busy,
        OnBusyChanged: null,
        OnClosed: null,
        UserName: this.#options.userName ?? '',
        CompanyName: 'CRONUS Danmark A/S',
        DeviceCategory: this.#options.deviceCategory ?? 0,
        Platform: 0,
      },
      ready: false,
    };
    this.#sites.add(site);
    return {
      InvokeExtensibilityMethod: (event, args, skipIfBusy, successCallback, errorCallback) =>
        this.#invoke(site, event, args ?? [], skipIfBusy ?? false, successCallback, errorCallback),
      GetEnvironment: () => site.environment,
    };
  }

  /** Loads the add-in `name` into `frame` as Business Central does: a fresh document, then its classic scripts. */
  async load(frame: HTMLIFrameElement, name: Name, files: AddInFiles): Promise<void> {
    const win = frame.contentWindow as (Window & AddInProcedures) | null;
    if (!win) return;
    win.document.open();
    win.document.write('<!doctype html><html><head></head><body><div id="controlAddIn"></div></body></html>');
    win.document.close();
    (win as unknown as { Microsoft: unknown }).Microsoft = { Dynamics: { NAV: this.addIn(name, win) } };
    // Each file at a URL of its own, named for the browser's developer tools as BC's own URL would name it.
    const url = (text: string, fileName: string, type: string) => {
      const sourceUrl = `sourceURL=bc/${name}/${fileName}`;
      const named = type === 'text/css' ? `${text}\n/*# ${sourceUrl} */` : `${text}\n//# ${sourceUrl}`;
      return URL.createObjectURL(new Blob([named], { type }));
    };
    const link = win.document.createElement('link');
    link.rel = 'stylesheet';
    link.href = url(files.styleSheet, 'MobileFlowPin.css', 'text/css');
    win.document.head.append(link);
    // The scripts, then the startup script: classic scripts (no type="module"), each loaded before the next.
    for (const [fileName, text] of [
      ['script.js', files.script],
      ['startup.js', files.startup],
    ]) {
      await new Promise<void>((resolve, reject) => {
        const script = win.document.createElement('script');
        script.src = url(text.replace(/\/\/# sourceMappingURL=.*$/m, ''), fileName, 'text/javascript');
        script.onload = () => resolve();
        script.onerror = () => reject(new Error(`${name}/${fileName} did not load`));
        win.document.head.append(script);
      });
    }
  }

  /**
   * Recreates the add-in in `frame` as the web client does when it recreates an add-in without a `RecreateScript`: its
   * startup script runs again in the same iframe. A Ready add-in raises Ready again.
   */
  async recreate(frame: HTMLIFrameElement, name: Name, files: AddInFiles): Promise<void> {
    const win = frame.contentWindow;
    if (!win) return;
    await new Promise<void>((resolve, reject) => {
      const script = win.document.createElement('script');
      script.src = URL.createObjectURL(
        new Blob([`${files.startup}\n//# sourceURL=bc/${name}/startup.js`], { type: 'text/javascript' }),
      );
      script.onload = () => resolve();
      script.onerror = () => reject(new Error(`${name}/startup.js did not load`));
      win.document.head.append(script);
    });
  }

  /**
   * AL gives every add-in that is ready the new language, and the user's format region where it differs (Business
   * Central's `Language.GetFormatRegionOrDefault`: English words, Danish dates).
   */
  setLanguage(tag: string, formatRegion?: string): void {
    if (tag === this.#languageTag && formatRegion === this.#formatRegion) return;
    this.#languageTag = tag;
    this.#formatRegion = formatRegion;
    for (const site of this.#sites) if (site.ready) this.#callSetLanguage(site);
  }

  /** Forgets the add-ins: their iframes are gone (another user signed in). Each hears `OnClosed` first. */
  close(): void {
    for (const site of this.#sites) this.#call(site, () => site.environment.OnClosed?.());
    this.#sites.clear();
    this.#triggers.length = 0;
  }

  #invoke(
    site: Site<Name>,
    event: string,
    args: unknown[],
    skipIfBusy: boolean,
    successCallback?: () => void,
    errorCallback?: (error?: unknown) => void,
  ): void {
    const waited = this.busy;
    const request = event === 'MobileFlowRequest' ? readRequestEnvelope(args[0]) : undefined;
    if (request) this.seen.push(request);
    const refuse = (why: string) => void setTimeout(() => errorCallback?.(new Error(why)));
    // A busy web client drops a call that asks for it and says so; it queues the others.
    if (waited && skipIfBusy) return refuse('The client is busy.');
    if (request && this.#options.rejects?.(request)) {
      this.#options.observe?.({ addIn: site.name, kind: 'refused', name: event, request, text: request.body });
      return refuse('The control add-in is slow to respond and its calls are refused.');
    }
    this.#triggers.push(async () => {
      await this.#trigger(site, event, args[0], waited, request);
      if (successCallback) setTimeout(successCallback);
    });
    // Asynchronous: the add-in's call returns before AL hears of it.
    setTimeout(() => void this.#next());
  }

  async #next(): Promise<void> {
    while (!this.busy && this.#triggers.length) {
      const trigger = this.#triggers.shift()!;
      if (!this.#options.oneAtATime) {
        void trigger();
        continue;
      }
      this.#update(() => (this.#running = true));
      try {
        await trigger();
      } finally {
        this.#update(() => (this.#running = false));
      }
    }
  }

  /** Changes the busy state and tells every add-in when it changed; an add-in that waited hears it is idle. */
  #update(change: () => void): void {
    const before = this.busy;
    change();
    const busy = this.busy;
    if (busy === before) return;
    for (const site of this.#sites) {
      site.environment.Busy = busy;
      const waiting = site.environment.OnBusyChanged;
      if (!waiting) continue;
      if (!busy) this.#options.observe?.({ addIn: site.name, kind: 'idle', name: 'OnBusyChanged' });
      try {
        waiting(busy);
      } catch {
        // An add-in whose iframe is gone.
      }
    }
  }

  /** One AL trigger: the add-in event `event`, raised with `detail` (the bridge's `request`), after a round trip. */
  async #trigger(
    site: Site<Name>,
    event: string,
    detail: unknown,
    waited: boolean,
    request?: ControlAddInRequest,
  ): Promise<void> {
    const { observe, delayMs = () => Math.random() * 15, drops } = this.#options;
    const addIn = site.name;
    const at = Date.now();
    if (!request) {
      observe?.({ addIn, kind: 'event', name: event, waited, text: detail as string | undefined });
      await wait(delayMs());
      if (event === 'Ready') {
        site.ready = true;
        this.#callSetLanguage(site);
      }
      return;
    }
    observe?.({ addIn, kind: 'event', name: event, waited, request, text: request.body });
    if (drops?.(request)) return;
    await wait(delayMs(request));
    const answer = await this.#serve(request);
    const ms = Date.now() - at;
    observe?.({
      addIn,
      kind: 'procedure',
      name: 'MobileFlowResponse',
      request,
      status: answer.status,
      text: answer.body,
      ms,
    });
    this.#call(site, () => site.procedures.MobileFlowResponse?.(JSON.stringify(answer)));
  }

  /** What AL's request handler does: the request to the host's contract, and its answer. */
  async #serve(request: ControlAddInRequest): Promise<ControlAddInResponse> {
    const failed = (message: string): ControlAddInResponse => ({
      id: request.id,
      status: 500,
      headers: {},
      body: JSON.stringify({ error: { code: 'Internal_ServerError', message } }),
    });
    // An AL error is trapped by the handler (Codeunit.Run), which rolls the write back and answers with its text.
    const alError = this.#options.failsInAl?.(request);
    if (alError !== undefined) return failed(`The request failed in Business Central: ${alError}`);
    try {
      const base = new URL(this.#options.baseUrl, location.href).href;
      return await envelopeOfResponse(request.id, await this.#options.serve(requestOfEnvelope(request, base)));
    } catch (error) {
      // AL could not reach the host: its handler answers as a host that failed would.
      return failed(`AL could not reach the host: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  #callSetLanguage(site: Site<Name>): void {
    const tag = this.#languageTag;
    const region = this.#formatRegion ?? tag;
    const text = JSON.stringify([tag, region]);
    this.#options.observe?.({ addIn: site.name, kind: 'procedure', name: 'SetLanguage', text });
    this.#call(site, () => site.procedures.SetLanguage?.(tag, region));
  }

  /** AL calls a procedure of the add-in; an add-in whose iframe is gone hears nothing. */
  #call(site: Site<Name>, procedure: () => void): void {
    if (!this.#sites.has(site)) return;
    try {
      procedure();
    } catch (error) {
      console.error(`${site.name}:`, error);
    }
  }
}

/**
 * AL's `serve` for a host that takes a bearer token per user: every request goes to `host.fetch` as `userId`, since AL
 * acts as the web client's signed-in user. The token is asked for once.
 */
export function servedAs(
  host: { fetch: typeof fetch; tokenFor(userId: string): Promise<string> },
  userId: string,
): SimulatedAlOptions['serve'] {
  let token: Promise<string> | undefined;
  return async (request) => {
    const headers = new Headers(request.headers);
    headers.set('Authorization', `Bearer ${await (token ??= host.tokenFor(userId))}`);
    const body = request.method === 'GET' || request.method === 'HEAD' ? null : await request.text();
    return host.fetch(request.url, { method: request.method, headers, body });
  };
}

/**
 * One add-in without an iframe of its own (the test's page is the add-in), on a simulated Business Central: its
 * `Microsoft.Dynamics.NAV`, the requests it sent, where AL's answers go, and the web client's busy switch.
 */
export function simulatedAl(options: SimulatedAlOptions) {
  const businessCentral = new SimulatedBusinessCentral(options);
  let answer: (responseJson: string) => void = () => {
    throw new Error('No MobileFlowResponse procedure to answer to.');
  };
  const nav = businessCentral.addIn('AddIn', { MobileFlowResponse: (responseJson) => answer(responseJson) });
  return {
    nav,
    /** Every request the add-in sent, in order. */
    seen: businessCentral.seen,
    /** Where AL's answers go: the add-in's `MobileFlowResponse`. */
    answerTo(procedure: (responseJson: string) => void) {
      answer = procedure;
    },
    /** The web client turns busy or idle, and tells the add-in. */
    setBusy: (busy: boolean) => businessCentral.holdBusy(busy),
    /** The page closes: the add-in hears `OnClosed`, and AL's answers no longer reach it. */
    close: () => businessCentral.close(),
  };
}
