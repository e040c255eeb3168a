import { executeServerCommand } from '@web/test-runner-commands';
import { createControlAddInFetch } from '../../src/api/control-add-in-fetch.js';
import { createMobileFlowClient, type MobileFlowClient } from '../../src/api/index.js';
import type { PinPolicy } from '../../src/domain/index.js';
import { startMockHost, TEST_ARGON2ID, type Argon2idCost } from '../../src/mock/index.js';
import { simulatedAl } from './simulated-al.js';

/**
 * Where the contract suite runs: the mock host through MSW or directly, or the server host over real HTTP on PGlite
 * (`server`) or on a PostgreSQL server through two host instances taking turns (`postgres`), or the mock host behind a simulated Business Central add-in bridge
 * (`bridge`: AL answers late and out of order).
 */
export type ContractHostKind = 'msw' | 'direct' | 'server' | 'postgres' | 'bridge';

/** A host in test mode: a clock the test moves, a fault it can switch on, and a way to act as anyone. */
export interface ContractHost {
  readonly kind: ContractHostKind;
  readonly baseUrl: string;
  readonly policy: PinPolicy;
  /** A fetch that reaches the host as `userId`, as the device named `device` or `device-2`, or as nobody. */
  fetchAs(userId: string | null): typeof fetch;
  /** A client acting as `userId`. */
  clientFor(userId: string): Promise<MobileFlowClient>;
  /** Moves the host's clock. */
  advance(ms: number): Promise<void>;
  /** The next request is answered 500, and nothing is changed. */
  failNextRequest(): Promise<void>;
  stop(): Promise<void>;
}

/** This machine cannot run that host (no PostgreSQL server, say): the message says why. */
export class HostUnavailable extends Error {}

/** The time every contract host starts at. */
export const START = Date.parse('2026-11-26T09:00:00.000Z');

const withToken =
  (fetchImpl: typeof fetch, token: () => Promise<string | null>): typeof fetch =>
  async (input, init) => {
    const request = new Request(input, init);
    const bearer = await token();
    if (bearer) request.headers.set('Authorization', `Bearer ${bearer}`);
    return fetchImpl(request);
  };

/** What a host of one kind gives the harness; `clientFor` is made from `fetchAs` for every kind alike. */
type HostParts = Omit<ContractHost, 'kind' | 'clientFor'>;

/**
 * Starts a fresh host of `kind` with `policy`, at START. Its hashes are argon2id at TEST_ARGON2ID's cost: these hosts
 * serve tests of the contract, not of the hash (test/hashing.test.ts and test/leak.test.ts keep OWASP's cost).
 */
export async function startContractHost(
  kind: ContractHostKind,
  { policy = {} }: { policy?: Partial<PinPolicy> } = {},
): Promise<ContractHost> {
  const parts =
    kind === 'server' || kind === 'postgres' ? await serverHost(kind, policy) : await mockHost(kind, policy);
  return {
    kind,
    ...parts,
    clientFor: async (userId) => createMobileFlowClient({ baseUrl: parts.baseUrl, fetch: parts.fetchAs(userId) }),
  };
}

/** The server host in the test runner's process, over real HTTP, on PGlite or on a PostgreSQL server. */
async function serverHost(kind: 'server' | 'postgres', policy: Partial<PinPolicy>): Promise<HostParts> {
  const started = await executeServerCommand<
    { baseUrl: string; tokens: Record<string, string>; policy: PinPolicy; unavailable?: string },
    { policy: Partial<PinPolicy>; now: string; database: string; argon2idCost: Argon2idCost }
  >('server-host:start', {
    policy,
    now: new Date(START).toISOString(),
    database: kind === 'postgres' ? 'postgres' : 'pglite',
    argon2idCost: TEST_ARGON2ID,
  });
  if (started.unavailable) throw new HostUnavailable(started.unavailable);
  return {
    baseUrl: started.baseUrl,
    policy: started.policy,
    fetchAs: (userId) =>
      withToken(
        (input, init) => fetch(input, init),
        async () => (userId ? (started.tokens[userId] ?? 'no-such-user-token-0000000000') : null),
      ),
    advance: async (ms) => void (await executeServerCommand('server-host:advance', { ms })),
    failNextRequest: async () => void (await executeServerCommand('server-host:fail-next-request')),
    stop: async () => undefined,
  };
}

/** The mock host on this page, through MSW, directly, or behind the simulated Business Central bridge. */
async function mockHost(kind: 'msw' | 'direct' | 'bridge', policy: Partial<PinPolicy>): Promise<HostParts> {
  let clock = START;
  const transport = kind === 'bridge' ? 'direct' : kind;
  const host = await startMockHost({
    policy,
    transport,
    dbName: `contract-${crypto.randomUUID()}`,
    now: () => new Date(clock),
    argon2idCost: TEST_ARGON2ID,
  });
  if (host.transport !== transport) throw new Error(`The mock host runs ${host.transport}.`);
  const tokens = new Map<string, Promise<string>>();
  const tokenOf = (userId: string) =>
    tokens.get(userId) ??
    tokens
      .set(userId, /^device(-2)?$/.test(userId) ? Promise.resolve(host.deviceTokenFor(userId)) : host.tokenFor(userId))
      .get(userId)!;
  const directAs = (userId: string | null) => withToken(host.fetch, async () => (userId ? tokenOf(userId) : null));
  // Through the bridge, AL acts as the web client's signed-in user: one add-in (and one AL session) per user.
  const bridges = new Map<string | null, typeof fetch>();
  const bridgeAs = (userId: string | null) => {
    let bridge = bridges.get(userId);
    if (!bridge) {
      const al = simulatedAl({ serve: (request) => directAs(userId)(request), baseUrl: host.baseUrl });
      const addInFetch = createControlAddInFetch({ baseUrl: host.baseUrl, nav: al.nav });
      al.answerTo(addInFetch.receive);
      bridges.set(userId, (bridge = addInFetch));
    }
    return bridge;
  };
  return {
    baseUrl: host.baseUrl,
    policy: host.policy,
    fetchAs: kind === 'bridge' ? bridgeAs : directAs,
    advance: async (ms) => void (clock += ms),
    failNextRequest: async () => void (host.faults.failNextRequest = true),
    stop: () => host.stop({ deleteData: true }),
  };
}
