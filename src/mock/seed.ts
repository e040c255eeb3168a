import { unwrap } from 'idb';
import { seededUsers, type SeededUser, type SeedOptions } from '../host/seed-users.js';
import type { MockDatabase } from './store.js';

export { newUserRecords, type NewUser } from '../host/seed-users.js';

/** Writes users in one transaction; an existing user id or resource No. fails the whole write. */
export async function writeUsers(db: MockDatabase, users: SeededUser[]): Promise<void> {
  // Relaxed: a seed that a crash cuts short is simply seeded again (seededAt is written after it).
  const tx = db.transaction(['userSetups', 'resources', 'credentials', 'pinCodeEvents'], 'readwrite', {
    durability: 'relaxed',
  });
  // The raw stores: queuing 300 000 requests through idb's promise wrappers costs more than writing them.
  const [setups, resources, credentials, events] = (
    ['userSetups', 'resources', 'credentials', 'pinCodeEvents'] as const
  ).map((name) => unwrap(tx.objectStore(name)));
  for (const user of users) {
    setups.add(user.setup);
    if (user.resource) resources.add(user.resource);
    if (user.credential) credentials.put(user.credential);
    for (const event of user.events) events.add(event);
  }
  await tx.done;
}

/** Fills an empty database with the seeded users (see `seededUsers`). */
export async function seedDatabase(db: MockDatabase, options: SeedOptions): Promise<void> {
  await writeUsers(db, await seededUsers(options));
}
