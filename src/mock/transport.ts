import { HttpResponse, http } from 'msw';
import { setupWorker, type SetupWorker } from 'msw/browser';

/** Conditions the demo's fault panel and the tests put on the simulated network. */
export interface NetworkConditions {
  /** Added before every answer. */
  latencyMs: number;
  /** Every request fails as a network error. */
  offline: boolean;
  /**
   * Every answer waits until this settles: a test keeps a request in flight for exactly as long as it needs, however
   * fast or busy the machine is.
   */
  hold?: Promise<unknown>;
}

export type Serve = (request: Request) => Promise<Response>;

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Serves a request under the network conditions; `undefined` means the network failed. */
export async function serveUnder(
  network: NetworkConditions,
  serve: Serve,
  request: Request,
): Promise<Response | undefined> {
  if (network.latencyMs > 0) await wait(network.latencyMs);
  if (network.hold) await network.hold;
  if (network.offline) return undefined;
  return serve(request);
}

let worker: SetupWorker | undefined;
let started: Promise<unknown> | undefined;
/** The hosts served through the one service worker of this page, by base path, each under its own network. */
const servedPaths = new Map<string, { serve: Serve; network: NetworkConditions }>();

/**
 * Serves `basePath` on this origin through MSW's service worker (`/mockServiceWorker.js`, scope `/`), so clients make
 * real fetch calls. Rejects when no service worker can run here. Returns the function that stops serving it.
 */
export async function serveThroughServiceWorker(
  basePath: string,
  network: NetworkConditions,
  serve: Serve,
): Promise<() => void> {
  if (!('serviceWorker' in navigator)) throw new Error('This browser has no service workers here.');
  if (servedPaths.has(basePath)) throw new Error(`A mock host already serves ${basePath} on this page: stop it first.`);
  if (!worker) {
    worker = setupWorker(
      // A RegExp with no groups: MSW decodes a string pattern's parameters and would throw on a malformed %-escape.
      http.all(/.*/, async ({ request }) => {
        const url = new URL(request.url);
        if (url.origin !== location.origin) return undefined;
        for (const [path, host] of servedPaths) {
          if (url.pathname.startsWith(`${path}/`))
            return (await serveUnder(host.network, host.serve, request)) ?? HttpResponse.error();
        }
        return undefined;
      }),
    );
    // quiet: MSW would otherwise print every request and answer, PIN codes included, to the console.
    started = worker.start({
      serviceWorker: { url: '/mockServiceWorker.js' },
      onUnhandledRequest: 'bypass',
      quiet: true,
    });
  }
  try {
    await started;
  } catch (error) {
    worker = undefined;
    started = undefined;
    throw error;
  }
  servedPaths.set(basePath, { serve, network });
  return () => servedPaths.delete(basePath);
}

/** A fetch that hands requests straight to the host: the transport for pages where no service worker can run. */
export function directFetch(network: NetworkConditions, serve: Serve): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    const request = new Request(url, input instanceof Request ? input : init);
    const signal = request.signal;
    signal.throwIfAborted();
    return new Promise<Response>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      serveUnder(network, serve, request)
        .then(
          (response) =>
            response ? resolve(response) : reject(new TypeError('Failed to fetch (the mock network is offline).')),
          reject,
        )
        .finally(() => signal.removeEventListener('abort', onAbort));
    });
  };
}
