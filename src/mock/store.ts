import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type {
  CredentialRecord,
  DeviceRecord,
  IdempotencyRecord,
  PinCodeEventRecord,
  ResourceRecord,
  UserSetupRecord,
} from '../host/index.js';

export interface MockHostSchema extends DBSchema {
  userSetups: { key: string; value: UserSetupRecord; indexes: { userId: string; resourceId: string } };
  resources: { key: string; value: ResourceRecord; indexes: { number: string } };
  credentials: { key: string; value: CredentialRecord };
  pinCodeEvents: { key: number; value: PinCodeEventRecord; indexes: { userSetup: [string, number] } };
  idempotency: { key: string; value: IdempotencyRecord; indexes: { at: string } };
  devices: { key: string; value: DeviceRecord };
  meta: { key: string; value: unknown };
}

export type MockDatabase = IDBPDatabase<MockHostSchema>;
export type MockStoreName = StoreNames<MockHostSchema>;
export type WriteTransaction = IDBPTransaction<MockHostSchema, MockStoreName[], 'readwrite'>;

/**
 * The schema's upgrade steps, one per version: step i takes a database at version i to version i + 1. Add a step to
 * change the schema; never edit a step that has shipped.
 */
export const SCHEMA_UPGRADES: ReadonlyArray<(db: MockDatabase) => void> = [
  (db) => {
    const userSetups = db.createObjectStore('userSetups', { keyPath: 'id' });
    userSetups.createIndex('userId', 'userId', { unique: true });
    userSetups.createIndex('resourceId', 'resourceId');
    db.createObjectStore('resources', { keyPath: 'id' }).createIndex('number', 'number', { unique: true });
    db.createObjectStore('credentials', { keyPath: 'resourceId' });
    db.createObjectStore('pinCodeEvents', { keyPath: 'id', autoIncrement: true }).createIndex('userSetup', [
      'userSetupId',
      'id',
    ]);
  },
  (db) => {
    db.createObjectStore('idempotency', { keyPath: 'key' }).createIndex('at', 'at');
    db.createObjectStore('meta');
  },
  (db) => {
    // Idempotency records now carry the fingerprint of their body; the earlier ones cannot be bound to theirs.
    db.deleteObjectStore('idempotency');
    db.createObjectStore('idempotency', { keyPath: 'key' }).createIndex('at', 'at');
  },
  (db) => {
    // Each device's throttle (promise 11).
    db.createObjectStore('devices', { keyPath: 'name' });
  },
];

export const SCHEMA_VERSION = SCHEMA_UPGRADES.length;

/** Opens (creating or upgrading) the mock host's database. */
export function openMockDatabase(name: string): Promise<MockDatabase> {
  return openDB<MockHostSchema>(name, SCHEMA_VERSION, {
    upgrade(db, oldVersion, newVersion) {
      for (let version = oldVersion; version < (newVersion ?? SCHEMA_VERSION); version += 1)
        SCHEMA_UPGRADES[version](db);
    },
  });
}
