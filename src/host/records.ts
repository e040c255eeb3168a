import type { PinCodeEvent, Resource, UserSetup } from '../domain/index.js';

/** A user setup as a host stores it: the contract's fields (but the etag) plus what only the host knows. */
export interface UserSetupRecord extends Omit<UserSetup, '@odata.etag'> {
  /** Whether this user may manage the Mobile Flow user setup. */
  administrator: boolean;
  /** Wrong PIN codes since the last success, unlock or lock. */
  failedAttempts: number;
  /** Whether the `expired` event of the current temporary code has been recorded. */
  expiryRecorded: boolean;
  /** Raised on every write; the `@odata.etag`. */
  version: number;
}

/**
 * The Resource card as a host stores it: the contract's fields but the etag and `pinCodeRequired` (which follows from
 * the user's setup), never a code.
 */
export interface ResourceRecord extends Omit<Resource, '@odata.etag' | 'pinCodeRequired'> {
  /** Raised on every write; the `@odata.etag`. */
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

/**
 * A device's throttle as a host stores it (promise 11): when its recent wrong codes came, whoever they were for (the
 * latest `maxDeviceFailures` at most), and the user setups already told, in their history, that it is held back.
 */
export interface DeviceRecord {
  name: string;
  /** ISO date-times of its latest wrong codes, oldest first. */
  failures: string[];
  /** The user setups whose history has the `deviceThrottled` event of the device's present hold. */
  heldFor: string[];
}

/**
 * The first answer to an action sent with an Idempotency-Key, so a retry gets it again. `key` binds the Idempotency-Key
 * to who sent it, the operation and its target; `fingerprint` to the exact body (a keyed hash: it never holds a code).
 * A temporary PIN code is never stored: the answer is kept without it.
 */
export interface IdempotencyRecord {
  key: string;
  fingerprint: string;
  status: number;
  body: unknown;
  /** When the first answer was given (ISO date-time); records older than a day are forgotten. */
  at: string;
}
