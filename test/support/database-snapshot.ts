import { openDB } from 'idb';

/** Every record of every store of an IndexedDB database, for comparing before and after, or searching. */
export async function snapshotDatabase(name: string): Promise<Record<string, unknown[]>> {
  const db = await openDB(name);
  try {
    const snapshot: Record<string, unknown[]> = {};
    for (const store of db.objectStoreNames) snapshot[store] = await db.getAll(store);
    return snapshot;
  } finally {
    db.close();
  }
}
