import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { PinCodeChangedBy, PinCodeEvent, PinCodeStatus } from '../domain/index.js';

/** A user setup as the mock host stores it: the contract's fields plus what only the host knows. */
export interface UserSetupRecord {
  id: string;
  userId: string;
  displayName: string;
  resourceNo: string | null;
  resourceId: string | null;
  passwordMandatory: boolean;
  allowPinCode: boolean;
  pinCodeStatus: PinCodeStatus;
  pinCodeChangedAt: string | null;
  pinCodeChangedBy: PinCodeChangedBy | null;
  temporaryPinCodeExpiresAt: string | null;
  lockedUntil: string | null;
  /** Whether this user may manage the Mobile Flow user setup. */
  administrator: boolean;
  /** Wrong PIN codes since the last success, unlock or lock. */
  failedAttempts: number;
  /** Whether the `expired` event of the current temporary code has been recorded. */
  expiryRecorded: boolean;
  /** Raised on every write; the `@odata.etag`. */
  version: number;
}

/** The Resource card's PIN code fields. */
export interface ResourceRecord {
  id: string;
  number: string;
  name: string;
  pinCodeStatus: PinCodeStatus;
  pinCodeChangedAt: string | null;
  pinCodeChangedBy: PinCodeChangedBy | null;
  version: number;
}

/**
 * The credential on a Resource card: argon2id hashes in encoded form, never a code. The hashes of one user's codes
 * share the user's random `salt`: checking a new code against the history then costs one argon2id run instead of
 * one per earlier code, and a salt per user still rules out precomputed and cross-user attacks.
 */
export interface CredentialRecord {
  resourceId: string;
  /** The user's own random 16-byte salt (unpadded base64) for every code they or an administrator set. */
  salt: string;
  pinCodeHash: string;
  temporary: boolean;
  expiresAt: string | null;
  /** The hashes of the user's earlier own PIN codes, newest first. */
  previousHashes: string[];
}

export interface PinCodeEventRecord extends Omit<PinCodeEvent, 'id'> {
  id?: number;
  userSetupId: string;
}

/** A stored answer to an action, so a retry with the same Idempotency-Key gets it again. */
export interface IdempotencyRecord {
  key: string;
  status: number;
  body: unknown;
  at: string;
}

export interface MockHostSchema extends DBSchema {
  userSetups: { key: string; value: UserSetupRecord; indexes: { userId: string; resourceId: string } };
  resources: { key: string; value: ResourceRecord; indexes: { number: string } };
  credentials: { key: string; value: CredentialRecord };
  pinCodeEvents: { key: number; value: PinCodeEventRecord; indexes: { userSetup: [string, number] } };
  idempotency: { key: string; value: IdempotencyRecord; indexes: { at: string } };
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
