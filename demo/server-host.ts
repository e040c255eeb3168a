// The demo on the server host (`npm run demo:server`): the same page, its client pointed at a real server host with a
// development bearer token per user. Switching roles switches tokens. The fault panel's slow network, offline and
// server error are simulated in this page's fetch, since a real server has no such switches.
import { createMobileFlowClient } from '../src/api/index.js';
import { failedOnPurposeResponse } from '../src/host/index.js';
import type { HostFaults, MockHost, NetworkConditions } from '../src/mock/index.js';

/** What the host page uses of a host: the mock host has it all, and the server host's adapter below. */
export type DemoHost = Pick<
  MockHost,
  | 'baseUrl'
  | 'client'
  | 'deviceClient'
  | 'clientFor'
  | 'fetch'
  | 'tokenFor'
  | 'signIn'
  | 'network'
  | 'faults'
  | 'stop'
  | 'transport'
  | 'fallbackReason'
> & {
  /** The server host's address when the page runs on it (`npm run demo:server`); undefined on the mock host. */
  serverHost?: string;
};

/**
 * The server host at `serverHost`, reached through this page's origin at `baseUrl`, acting through the development
 * tokens of `tokens` (user id, or the device's name `device`, → bearer token).
 */
export function serverDemoHost(baseUrl: string, tokens: Record<string, string>, serverHost: string): DemoHost {
  const network: NetworkConditions = { latencyMs: 0, offline: false };
  const faults: HostFaults = { failNextRequest: false, failNextAction: false, failNextWrite: null };
  let signedIn: string | null = null;
  const fetchAs =
    (userId: () => string | null): typeof fetch =>
    async (input, init) => {
      if (network.latencyMs) await new Promise((resolve) => setTimeout(resolve, network.latencyMs));
      if (network.offline) throw new TypeError('Failed to fetch (the simulated network is offline).');
      const method = (init?.method ?? 'GET').toUpperCase();
      if (faults.failNextRequest || (method !== 'GET' && faults.failNextAction)) {
        faults.failNextRequest = faults.failNextAction = false;
        return failedOnPurposeResponse();
      }
      const headers = new Headers(init?.headers);
      const token = tokens[userId() ?? ''];
      if (token) headers.set('Authorization', `Bearer ${token}`);
      return fetch(input, { ...init, headers });
    };
  return {
    baseUrl,
    client: createMobileFlowClient({ baseUrl, fetch: fetchAs(() => signedIn) }),
    deviceClient: createMobileFlowClient({ baseUrl, fetch: fetchAs(() => 'device') }),
    async clientFor(userId) {
      if (!tokens[userId]) throw new Error(`The server host gave no token for ${userId}.`);
      return createMobileFlowClient({ baseUrl, fetch: fetchAs(() => userId) });
    },
    // The Business Central page's AL sends its requests with the bearer token of the user it acts as.
    fetch: fetchAs(() => null),
    async tokenFor(userId) {
      if (!tokens[userId]) throw new Error(`The server host gave no token for ${userId}.`);
      return tokens[userId];
    },
    async signIn(userId) {
      if (!tokens[userId]) throw new Error(`The server host gave no token for ${userId}.`);
      signedIn = userId;
    },
    network,
    faults,
    // The data is the server's: the page offers no reset on it.
    async stop() {},
    transport: 'msw',
    fallbackReason: undefined,
    serverHost,
  };
}
