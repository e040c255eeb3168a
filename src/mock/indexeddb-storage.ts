import type { HostStorage, IdempotencyRecord, UserSection, UserSetupQuery, UserWrite } from '../host/index.js';
import { setupFilterOf } from './filter-predicate.js';
import type { MockDatabase, MockStoreName } from './store.js';
import type { UserSetupIndex } from './user-setup-index.js';

/** Where the atomicity tests make a PIN code write fail. */
export type WriteFailure = 'afterHash' | 'duringWrite';

const WRITTEN_STORES: MockStoreName[] = [
  'userSetups',
  'resources',
  'credentials',
  'pinCodeEvents',
  'idempotency',
  'devices',
];

/**
 * Runs `work` holding the exclusive lock `name`. Web Locks hold across tabs of one origin, so two tabs of the demo on
 * one database still take turns per user; where they are missing (an insecure context), a queue in this page does.
 */
function lockedRunner(): (name: string, work: () => Promise<unknown>) => Promise<unknown> {
  if (typeof navigator !== 'undefined' && navigator.locks) {
    return (name, work) => navigator.locks.request(name, { mode: 'exclusive' }, work);
  }
  const tails = new Map<string, Promise<unknown>>();
  return (name, work) => {
    const run = (tails.get(name) ?? Promise.resolve()).then(work);
    const tail = run.catch(() => undefined);
    tails.set(name, tail);
    void tail.then(() => tails.get(name) === tail && tails.delete(name));
    return run;
  };
}

/**
 * The host core's storage port over the mock's IndexedDB: reads from the stores and the query index; every write in a
 * section that holds the user's lock, read fresh inside it and stored in one transaction over every store.
 */
export class IndexedDbStorage implements HostStorage {
  private readonly runLocked = lockedRunner();

  constructor(
    private readonly db: MockDatabase,
    private readonly index: UserSetupIndex,
    /** Names the locks; one per database, so two mock hosts on different databases never wait for each other. */
    private readonly lockPrefix: string,
    /** `failNextWrite`: the next write fails at this point (once), after which nothing of it is stored. */
    private readonly faults: { failNextWrite: WriteFailure | null },
  ) {}

  userSetup(id: string) {
    return this.db.get('userSetups', id);
  }

  userSetupByUserId(userId: string) {
    return this.db.getFromIndex('userSetups', 'userId', userId);
  }

  userSetupByResourceId(resourceId: string) {
    return this.db.getFromIndex('userSetups', 'resourceId', resourceId);
  }

  resource(id: string) {
    return this.db.get('resources', id);
  }

  async pinCodeEvents(userSetupId: string) {
    const range = IDBKeyRange.bound([userSetupId, -Infinity], [userSetupId, Infinity]);
    return (await this.db.getAllFromIndex('pinCodeEvents', 'userSetup', range)).reverse();
  }

  async listUserSetups({ orderBy, descending, filter, now, skip, top }: UserSetupQuery) {
    const { ids, count } = this.index.query({
      orderBy,
      descending,
      filter: filter && setupFilterOf(filter),
      nowIso: now.toISOString(),
      skip,
      top,
    });
    const store = this.db.transaction('userSetups').store;
    const records = await Promise.all(ids.map((id) => store.get(id)));
    return { records: records.filter((record) => record !== undefined), count };
  }

  async withUserSection<T>(
    id: string,
    work: (section: UserSection) => Promise<T>,
    options: { device?: string } = {},
  ): Promise<T | undefined> {
    const { device: deviceName } = options;
    // The device's lock is taken inside the user's, never the other way round: no two sections wait in a circle.
    const lockedForDevice = (inner: () => Promise<unknown>) =>
      deviceName === undefined ? inner() : this.runLocked(`${this.lockPrefix}/device/${deviceName}`, inner);
    return this.runLocked(`${this.lockPrefix}/userSetup/${id}`, () =>
      lockedForDevice(async () => {
        const tx = this.db.transaction(['userSetups', 'resources', 'credentials', 'devices']);
        const setup = await tx.objectStore('userSetups').get(id);
        if (!setup) return undefined;
        const [resource, credential, device] = await Promise.all([
          setup.resourceId ? tx.objectStore('resources').get(setup.resourceId) : undefined,
          setup.resourceId ? tx.objectStore('credentials').get(setup.resourceId) : undefined,
          deviceName === undefined ? undefined : tx.objectStore('devices').get(deviceName),
        ]);
        let committed = false;
        const section: UserSection = {
          setup,
          resource,
          credential,
          ...(deviceName !== undefined && { device: device ?? { name: deviceName, failures: [], heldFor: [] } }),
          idempotencyRecord: (key) => this.db.get('idempotency', key) as Promise<IdempotencyRecord | undefined>,
          commit: async (write) => {
            if (committed) throw new Error('A section commits once.');
            committed = true;
            await this.commit(write);
          },
        };
        return work(section);
      }),
    ) as Promise<T | undefined>;
  }

  /** Stores a section's write in one transaction: all of it or none. The query index follows on commit. */
  private async commit(write: UserWrite): Promise<void> {
    const failure = this.faults.failNextWrite;
    this.faults.failNextWrite = null;
    if (failure === 'afterHash') throw new Error('Injected failure after hashing, before writing.');
    const tx = this.db.transaction(WRITTEN_STORES, 'readwrite');
    const done = tx.done;
    try {
      if (write.setup) await tx.objectStore('userSetups').put(write.setup);
      if (write.resource) await tx.objectStore('resources').put(write.resource);
      if (write.credential) await tx.objectStore('credentials').put(write.credential);
      for (const event of write.events ?? []) await tx.objectStore('pinCodeEvents').add(event);
      if (failure === 'duringWrite') throw new Error('Injected failure in the middle of the write.');
      if (write.idempotency) await tx.objectStore('idempotency').put(write.idempotency);
      if (write.device) await tx.objectStore('devices').put(write.device);
    } catch (error) {
      tx.abort();
      await done.catch(() => undefined);
      throw error;
    }
    await done;
    if (write.setup) this.index.put(write.setup);
  }
}
