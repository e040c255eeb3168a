// A simulated Business Central web client and AL for the demo's Business Central page. Each add-in gets what BC gives
// it: a fresh iframe with `#controlAddIn`, a `Microsoft.Dynamics.NAV` whose InvokeExtensibilityMethod is asynchronous
// and void, an environment that is busy while the web client waits for the server, and its classic scripts. AL runs
// one trigger at a time, as a BC session does: it serves MobileFlowRequest from the host as the signed-in user and
// answers through the add-in's procedure MobileFlowResponse.
import type { ControlAddInNav, ControlAddInRequest } from '../src/api/control-add-in-fetch.js';
import { maskedDetail, type AddInName, type BridgeLogEntry } from './bridge-log.js';
import type { DemoHost } from './server-host.js';

/** The files of one built add-in (dist/bc/NAME), as text. */
export interface AddInFiles {
  script: string;
  startup: string;
  styleSheet: string;
}

// `?raw`: the built files as text, so the page serves them itself, from the dev server and from the static build alike.
// A glob, so that a demo started before `npm run build` still runs and says what is missing.
const builtFiles = import.meta.glob<string>('../dist/bc/*/{script.js,startup.js,MobileFlowPin.css}', {
  query: '?raw',
  import: 'default',
});

/** The built add-in `name`, or undefined when `npm run build` has not made it. */
export async function addInFiles(name: AddInName): Promise<AddInFiles | undefined> {
  const file = (fileName: string) => builtFiles[`../dist/bc/${name}/${fileName}`]?.();
  const [script, startup, styleSheet] = await Promise.all([
    file('script.js'),
    file('startup.js'),
    file('MobileFlowPin.css'),
  ]);
  return script === undefined || startup === undefined ? undefined : { script, startup, styleSheet: styleSheet ?? '' };
}

/** What AL needs of the host: the contract's base, a fetch, and a bearer token per user. */
export type AlHost = Pick<DemoHost, 'baseUrl' | 'fetch' | 'tokenFor'>;

interface Environment {
  Busy: boolean;
  OnBusyChanged: ((busy: boolean) => void) | null;
  UserName: string;
  CompanyName: string;
  DeviceCategory: number;
  Platform: number;
}

/** One add-in on the page: its iframe's window and its environment. */
interface Site {
  name: AddInName;
  win: Window & { MobileFlowResponse?(json: string): void; SetLanguage?(tag: string): void };
  environment: Environment;
  ready: boolean;
}

/** How long a server round trip takes: long enough to see the web client busy. */
const roundTripMs = () => 40 + Math.random() * 120;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface SimulatedWebClientOptions {
  host: AlHost;
  /** The user signed in to the web client; AL acts as them. */
  userId: string;
  /** The page's language tag, which AL gives the add-ins with SetLanguage. */
  languageTag: string;
  /** Takes each call across the bridge, PIN codes already masked. */
  record(entry: BridgeLogEntry): void;
}

export class SimulatedWebClient {
  readonly #options: SimulatedWebClientOptions;
  readonly #sites = new Set<Site>();
  /** AL's triggers, run one at a time. */
  readonly #triggers: Array<() => Promise<void>> = [];
  #running = false;
  #heldBusy = false;
  #languageTag: string;
  #token?: Promise<string>;

  constructor(options: SimulatedWebClientOptions) {
    this.#options = options;
    this.#languageTag = options.languageTag;
  }

  /** The web client is busy while it waits for the server, or while the page holds it busy. */
  get busy(): boolean {
    return this.#running || this.#heldBusy;
  }

  /** Holds the web client busy, or lets it go: add-ins wait, and their calls queue. */
  holdBusy(on: boolean): void {
    this.#update(() => (this.#heldBusy = on));
    void this.#next();
  }

  /** Loads the add-in `name` into `frame` as Business Central does. */
  async load(frame: HTMLIFrameElement, name: AddInName, files: AddInFiles): Promise<void> {
    const win = frame.contentWindow as Site['win'] | null;
    if (!win) return;
    win.document.open();
    win.document.write('<!doctype html><html><head></head><body><div id="controlAddIn"></div></body></html>');
    win.document.close();
    const site: Site = {
      name,
      win,
      environment: {
        Busy: this.busy,
        OnBusyChanged: null,
        UserName: this.#options.userId,
        CompanyName: 'CRONUS Danmark A/S',
        DeviceCategory: 0,
        Platform: 0,
      },
      ready: false,
    };
    this.#sites.add(site);
    const nav: ControlAddInNav & { GetEnvironment(): Environment } = {
      InvokeExtensibilityMethod: (event, args, skipIfBusy, callback) =>
        this.#invoke(site, event, args ?? [], skipIfBusy ?? false, callback),
      GetEnvironment: () => site.environment,
    };
    (win as unknown as { Microsoft: unknown }).Microsoft = { Dynamics: { NAV: nav } };
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

  /** AL gives every add-in that is ready the page's new language. */
  setLanguage(tag: string): void {
    if (tag === this.#languageTag) return;
    this.#languageTag = tag;
    for (const site of this.#sites) if (site.ready) this.#callSetLanguage(site);
  }

  /** Forgets the add-ins: their iframes are gone (another user signed in). */
  close(): void {
    this.#sites.clear();
    this.#triggers.length = 0;
  }

  #invoke(site: Site, event: string, args: unknown[], skipIfBusy: boolean, callback?: () => void): void {
    const waited = this.busy;
    // A busy web client drops a call that asks for it, and queues the others.
    if (waited && skipIfBusy) return;
    this.#triggers.push(async () => {
      await this.#trigger(site, event, args, waited);
      if (callback) setTimeout(callback);
    });
    // Asynchronous: the add-in's call returns before AL hears of it.
    setTimeout(() => void this.#next());
  }

  async #next(): Promise<void> {
    while (!this.busy && this.#triggers.length) {
      const trigger = this.#triggers.shift()!;
      this.#update(() => (this.#running = true));
      try {
        await trigger();
      } finally {
        this.#update(() => (this.#running = false));
      }
    }
  }

  /** Changes the busy state and tells every add-in when it changed; an add-in that waited is logged. */
  #update(change: () => void): void {
    const before = this.busy;
    change();
    const busy = this.busy;
    if (busy === before) return;
    for (const site of this.#sites) {
      site.environment.Busy = busy;
      const waiting = site.environment.OnBusyChanged;
      if (!waiting) continue;
      if (!busy) this.#options.record({ at: new Date(), addIn: site.name, kind: 'idle', name: 'OnBusyChanged' });
      try {
        waiting(busy);
      } catch {
        // An add-in whose iframe is gone.
      }
    }
  }

  /** One AL trigger: the add-in event `event`, raised with `args`. */
  async #trigger(site: Site, event: string, args: unknown[], waited: boolean): Promise<void> {
    const record = this.#options.record;
    const at = new Date();
    if (event !== 'MobileFlowRequest') {
      record({ at, addIn: site.name, kind: 'event', name: event, waited, ...maskedDetail(args[0] as string) });
      await wait(roundTripMs());
      if (event === 'Ready') {
        site.ready = true;
        this.#callSetLanguage(site);
      }
      return;
    }
    const request = JSON.parse(String(args[0])) as ControlAddInRequest;
    const path = `${request.path}${request.query ? `?${decodeURIComponent(request.query)}` : ''}`;
    const call = { addIn: site.name, id: request.id, method: request.method, path };
    record({ at, kind: 'event', name: event, waited, ...call, ...maskedDetail(request.body) });
    const [answer] = await Promise.all([this.#serve(request), wait(roundTripMs())]);
    record({
      at: new Date(),
      kind: 'procedure',
      name: 'MobileFlowResponse',
      ...call,
      status: answer.status,
      ms: Date.now() - at.getTime(),
      ...maskedDetail(answer.body),
    });
    this.#call(site, () => site.win.MobileFlowResponse?.(JSON.stringify({ id: request.id, ...answer })));
  }

  /** What AL's request handler does: the request to the host's contract, as the signed-in user. */
  async #serve(request: ControlAddInRequest): Promise<{ status: number; body: string }> {
    const { host, userId } = this.#options;
    try {
      this.#token ??= host.tokenFor(userId);
      const headers = new Headers(request.headers);
      headers.set('Authorization', `Bearer ${await this.#token}`);
      if (request.body !== null) headers.set('Content-Type', 'application/json');
      const url = `${host.baseUrl}/${request.path}${request.query ? `?${request.query}` : ''}`;
      const response = await host.fetch(url, { method: request.method, headers, body: request.body });
      return { status: response.status, body: await response.text() };
    } catch (error) {
      // AL could not reach the host: its handler answers as a host that failed would.
      const message = `AL could not reach the host: ${error instanceof Error ? error.message : String(error)}`;
      return { status: 500, body: JSON.stringify({ error: { code: 'Internal_ServerError', message } }) };
    }
  }

  #callSetLanguage(site: Site): void {
    const tag = this.#languageTag;
    this.#options.record({
      at: new Date(),
      addIn: site.name,
      kind: 'procedure',
      name: 'SetLanguage',
      detail: JSON.stringify(tag),
    });
    this.#call(site, () => site.win.SetLanguage?.(tag));
  }

  /** AL calls a procedure of the add-in; an add-in whose iframe is gone hears nothing. */
  #call(site: Site, procedure: () => void): void {
    if (!this.#sites.has(site)) return;
    try {
      procedure();
    } catch (error) {
      console.error(`${site.name}:`, error);
    }
  }
}
