/**
 * The mock host: the host contract (src/api/openapi.json) implemented for real in the browser, over IndexedDB with
 * argon2id in Web Workers, served through MSW or directly. For the demo, our tests and integrators' own tests.
 */
import { deleteDB } from 'idb';
import { createMobileFlowClient, type MobileFlowClient } from '../api/index.js';
import { randomId, resolvePinPolicy, type PinPolicy, type UserSetup } from '../domain/index.js';
import {
  createHostCore,
  failedOnPurposeResponse,
  IDEMPOTENCY_KEY_HOURS,
  publicUserSetup,
  type Argon2idCost,
  type Identity,
  type PinHashScheme,
} from '../host/index.js';
import { createPinHasher } from './hashing.js';
import { IndexedDbStorage, type WriteFailure } from './indexeddb-storage.js';
import { newUserRecords, seedDatabase, writeUsers, type NewUser } from './seed.js';
import { openMockDatabase, type MockDatabase } from './store.js';
import { directFetch, serveThroughServiceWorker, type NetworkConditions } from './transport.js';
import { UserSetupIndex } from './user-setup-index.js';

export type { NewUser } from './seed.js';
export type { NetworkConditions } from './transport.js';
export type { WriteFailure } from './indexeddb-storage.js';
export { TEST_ARGON2ID, type Argon2idCost, type PinHashScheme } from '../host/index.js';

/** Faults the tests and the demo switch on; each one fires once. */
export interface HostFaults {
  /** The next request is answered 500 Internal_ServerError. */
  failNextRequest: boolean;
  /** The next action (a POST or PATCH: a change) is answered 500; reads go through. */
  failNextAction: boolean;
  /** The next write fails at this point, after which nothing of it is stored. */
  failNextWrite: WriteFailure | null;
}

export interface StartMockHostOptions {
  /** The host's PIN policy; what is left out has the contract's default. Out-of-range values throw a RangeError. */
  policy?: Partial<PinPolicy>;
  /**
   * What a new database is filled with (an existing one keeps its data): `'demo'` (default) the administrator ADMIN
   * and twenty users with resources R0010, R0020, …; `'empty'` nothing; `{ users: n }` ADMIN and n generated users.
   */
  seed?: 'demo' | 'empty' | { users: number };
  /** `'msw'` (default): a service worker serves real fetch calls; `'direct'`: the client calls the host directly. */
  transport?: 'msw' | 'direct';
  /** The IndexedDB database. Default `mobile-flow-pin-mock`. */
  dbName?: string;
  /** The host's clock, so expiry and lockout can be tested without waiting. */
  now?: () => Date;
  /** Where the host answers. Default `/api/mobileflow/v1.0`. */
  baseUrl?: string;
  /**
   * argon2id's cost for new hashes. Default OWASP's minimum (19 MiB, 2 passes); a lighter one makes stolen hashes
   * cheaper to guess, and is for tests that are not about the hash.
   */
  argon2idCost?: Argon2idCost;
  /**
   * The scheme new PIN code hashes are made in (default `argon2id`); codes in the other are checked and hashed again
   * in this one at their next successful check (promise 1).
   */
  hashScheme?: PinHashScheme;
  /**
   * The hmac-sha256 key, base64 of at least 32 random bytes: needed with `hashScheme: 'hmac-sha256'`, and to check the
   * hmac-sha256 hashes a database still holds. Given, never stored: a demo in the page has nowhere to hide it.
   */
  hashKey?: string;
}

export interface MockHost {
  readonly baseUrl: string;
  /** A client bound to this host, acting as the signed-in user (see `signIn`). */
  readonly client: MobileFlowClient;
  /**
   * A client acting as the demo's device, `demo-device`: an identity of its own, not a user. Only a device checks PIN
   * codes (promise 11), and it reads any Resource card, but only what signing in needs.
   */
  readonly deviceClient: MobileFlowClient;
  /** A fetch that reaches this host whatever the transport, for requests the client would never send. */
  readonly fetch: typeof fetch;
  /** The transport in use: `'direct'` also when `'msw'` was asked for and no service worker could run. */
  readonly transport: 'msw' | 'direct';
  /** Why the host fell back to the direct transport, if it did. */
  readonly fallbackReason?: string;
  readonly policy: PinPolicy;
  /** Latency and offline, applied to every request from now on. */
  readonly network: NetworkConditions;
  /** Faults that fire once: the next request, or the next action, is answered 500; the next write fails half-way. */
  readonly faults: HostFaults;
  /** Makes `userId` the session user that every later request acts as. */
  signIn(userId: string): Promise<void>;
  /** Ends the session: requests are answered 401 until the next signIn. */
  signOut(): void;
  /**
   * A bearer token for `userId`: a request with `Authorization: Bearer <token>` acts as that user, whoever is signed
   * in, so that a test can act as several people at once. Memory only, for as long as the host runs.
   */
  tokenFor(userId: string): Promise<string>;
  /**
   * A bearer token for a device named `device`: it checks PIN codes and reads what signing in needs of Resource cards,
   * and has no session.
   */
  deviceTokenFor(device: string): string;
  /** A client that acts as `userId` through a bearer token (see `tokenFor`). */
  clientFor(userId: string): Promise<MobileFlowClient>;
  /** Adds a user (and their Resource card when `resourceNo` is given) with no PIN code yet. */
  addUser(user: NewUser): Promise<UserSetup>;
  /** Stops serving; `deleteData` also deletes the database. */
  stop(options?: { deleteData?: boolean }): Promise<void>;
}

/** The key of this database's body fingerprints, made once and kept with the data, so replays survive a reload. */
async function fingerprintKeyOf(db: MockDatabase): Promise<string> {
  const stored = await db.get('meta', 'fingerprintKey');
  if (typeof stored === 'string') return stored;
  const key = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
  await db.put('meta', key, 'fingerprintKey');
  return key;
}

/** Starts a mock host on this page. */
export async function startMockHost(options: StartMockHostOptions = {}): Promise<MockHost> {
  const policy = resolvePinPolicy(options.policy);
  const now = options.now ?? (() => new Date());
  const dbName = options.dbName ?? 'mobile-flow-pin-mock';
  const baseUrl = (options.baseUrl ?? '/api/mobileflow/v1.0').replace(/\/+$/, '');
  const basePath = new URL(baseUrl, location.href).pathname.replace(/\/+$/, '');
  const db = await openMockDatabase(dbName);
  let hasher: ReturnType<typeof createPinHasher> | undefined;
  try {
    hasher = createPinHasher(undefined, await fingerprintKeyOf(db), {
      argon2idCost: options.argon2idCost,
      scheme: options.hashScheme,
      hashKey: options.hashKey,
    });
    if ((await db.get('meta', 'seededAt')) === undefined) {
      await seedDatabase(db, {
        seed: options.seed ?? 'demo',
        hasher,
        now: now(),
        temporaryTtlHours: policy.temporaryTtlHours,
        lockoutMinutes: policy.lockoutMinutes,
      });
      await db.put('meta', now().toISOString(), 'seededAt');
    }
    const stale = IDBKeyRange.upperBound(new Date(now().getTime() - IDEMPOTENCY_KEY_HOURS * 3_600_000).toISOString());
    const tx = db.transaction('idempotency', 'readwrite');
    for (let cursor = await tx.store.index('at').openCursor(stale); cursor; cursor = await cursor.continue())
      await cursor.delete();
    await tx.done;
  } catch (error) {
    hasher?.terminate();
    db.close();
    throw error;
  }

  const index = new UserSetupIndex();
  index.load(await db.getAll('userSetups'));
  const faults: HostFaults = { failNextRequest: false, failNextAction: false, failNextWrite: null };
  const storage = new IndexedDbStorage(db, index, `mobile-flow-pin-mock/${dbName}`, faults);
  let sessionUserId: string | null = null;
  const bearerTokens = new Map<string, Identity>();
  const identify = (request: Request): Identity | null => {
    const bearer = /^Bearer (\S+)$/.exec(request.headers.get('Authorization') ?? '')?.[1];
    if (bearer !== undefined) return bearerTokens.get(bearer) ?? null;
    return sessionUserId ? { userId: sessionUserId } : null;
  };
  const core = createHostCore({ storage, hasher, identify, policy, now, basePath });
  const network: NetworkConditions = { latencyMs: 0, offline: false };
  const serve = async (request: Request) => {
    const fault = faults.failNextRequest
      ? 'failNextRequest'
      : request.method !== 'GET' && faults.failNextAction
        ? 'failNextAction'
        : null;
    if (fault) {
      faults[fault] = false;
      return failedOnPurposeResponse();
    }
    return core(request);
  };

  let transport: 'msw' | 'direct' = options.transport ?? 'msw';
  let fallbackReason: string | undefined;
  let stopServing = () => {};
  if (transport === 'msw') {
    try {
      stopServing = await serveThroughServiceWorker(basePath, network, serve);
    } catch (error) {
      transport = 'direct';
      fallbackReason = `No service worker could run here (${error instanceof Error ? error.message : String(error)}), so the client calls the mock host directly.`;
    }
  }
  const hostFetch =
    transport === 'direct'
      ? directFetch(network, serve)
      : (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init);
  const existingUser = async (userId: string) => {
    const setup = await db.getFromIndex('userSetups', 'userId', userId);
    if (!setup) throw new Error(`There is no user ${userId} in the mock host.`);
    return setup;
  };
  const tokenFor = async (userId: string) => {
    await existingUser(userId);
    const token = randomId();
    bearerTokens.set(token, { userId });
    return token;
  };
  const deviceTokenFor = (device: string) => {
    const token = randomId();
    bearerTokens.set(token, { device });
    return token;
  };

  const clientWith = (headers?: Record<string, string>) =>
    createMobileFlowClient({ baseUrl, fetch: transport === 'direct' ? hostFetch : undefined, headers });

  return {
    baseUrl,
    client: clientWith(),
    deviceClient: clientWith({ Authorization: `Bearer ${deviceTokenFor('demo-device')}` }),
    fetch: hostFetch,
    transport,
    fallbackReason,
    policy,
    network,
    faults,
    async signIn(userId) {
      sessionUserId = (await existingUser(userId)).userId;
    },
    signOut() {
      sessionUserId = null;
    },
    tokenFor,
    deviceTokenFor,
    async clientFor(userId) {
      return clientWith({ Authorization: `Bearer ${await tokenFor(userId)}` });
    },
    async addUser(user) {
      if (await db.getFromIndex('userSetups', 'userId', user.userId))
        throw new Error(`The mock host already has a user ${user.userId}.`);
      if (user.resourceNo && (await db.getFromIndex('resources', 'number', user.resourceNo))) {
        throw new Error(`The mock host already has a resource ${user.resourceNo}.`);
      }
      const records = newUserRecords(user);
      await writeUsers(db, [records]);
      index.put(records.setup);
      return publicUserSetup(records.setup, now());
    },
    async stop({ deleteData = false } = {}) {
      stopServing();
      hasher!.terminate();
      db.close();
      if (deleteData) await deleteDB(dbName);
    },
  };
}
