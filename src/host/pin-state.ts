import type { PinCodeEvent, PinPolicy } from '../domain/index.js';
import { HostError, type Answer } from './errors.js';
import type { Decision } from './operations/unit.js';
import { isAfter } from './projections.js';
import type { CredentialRecord, PinCodeEventRecord, UserSetupRecord } from './records.js';
import type { UserState } from './storage.js';

/** The most earlier PIN code hashes a credential keeps: historyDepth's maximum (while a temporary code is current). */
const MAX_PREVIOUS_HASHES = 24;

export const addMinutes = (date: Date, minutes: number) => new Date(date.getTime() + minutes * 60_000).toISOString();

/** `setup` with `changes` as its next state: a new version, so a new etag. */
export const nextSetup = (setup: UserSetupRecord, changes: Partial<UserSetupRecord>): UserSetupRecord => ({
  ...setup,
  ...changes,
  version: setup.version + 1,
});

export const pinCodeEvent = (
  setup: UserSetupRecord,
  type: PinCodeEvent['type'],
  actor: PinCodeEvent['actor'],
  actorUserId: string | null,
  at: Date,
): PinCodeEventRecord => ({ userSetupId: setup.id, type, at: at.toISOString(), actor, actorUserId });

export function requireUnlocked(setup: UserSetupRecord, now: Date): void {
  if (isAfter(setup.lockedUntil, now)) {
    throw new HostError('PinCode_Locked', `Too many wrong PIN codes: locked until ${setup.lockedUntil}.`, {
      lockedUntil: setup.lockedUntil!,
    });
  }
}

/** PIN codes are allowed for this user, who has a Resource card to hold one. */
export function requirePinCodesAllowed(state: UserState): asserts state is UserState & {
  resource: NonNullable<UserState['resource']>;
} {
  const { setup, resource } = state;
  if (!setup.allowPinCode || !setup.resourceId) {
    throw new HostError(
      'PinCode_NotAllowed',
      `PIN codes are not allowed for ${setup.userId}${setup.resourceId ? '' : ' (no resource)'}.`,
    );
  }
  if (!resource) throw new HostError('PinCode_NotAllowed', `${setup.userId}'s resource no longer exists.`);
}

/**
 * The hashes of the user's own PIN codes, newest first, as they stand before the one about to be written: the current
 * code (unless it is a temporary one) and the earlier ones.
 */
export const earlierOwnHashes = (credential: CredentialRecord | undefined): string[] =>
  credential
    ? (credential.temporary ? credential.previousHashes : [credential.pinCodeHash, ...credential.previousHashes]).slice(
        0,
        MAX_PREVIOUS_HASHES,
      )
    : [];

/**
 * Counts a wrong PIN code on the state read inside the section: the answer says how many attempts are left, or,
 * from the `maxFailedAttempts`-th on, until when the user is locked.
 */
export function countFailure(
  { setup }: UserState,
  now: Date,
  policy: PinPolicy,
  actor: PinCodeEvent['actor'],
  wrongAnswer: (remainingAttempts: number) => Answer,
): Decision {
  const failedAttempts = setup.failedAttempts + 1;
  const locks = failedAttempts >= policy.maxFailedAttempts;
  const lockedUntil = locks ? addMinutes(now, policy.lockoutMinutes) : setup.lockedUntil;
  const answer = locks
    ? new HostError('PinCode_Locked', `Too many wrong PIN codes: locked until ${lockedUntil}.`, {
        lockedUntil: lockedUntil!,
      }).answer
    : wrongAnswer(policy.maxFailedAttempts - failedAttempts);
  const events = [pinCodeEvent(setup, 'failedAttempt', actor, actor === 'user' ? setup.userId : null, now)];
  if (locks) events.push(pinCodeEvent(setup, 'locked', 'host', null, now));
  return {
    answer,
    write: { setup: nextSetup(setup, { failedAttempts: locks ? 0 : failedAttempts, lockedUntil }), events },
  };
}

/** Answers 410 for an expired temporary code, recording the `expired` event once. */
export function expiredDecision({ setup }: UserState, now: Date): Decision {
  const answer = new HostError(
    'PinCode_TemporaryExpired',
    'The temporary PIN code has expired: ask your administrator for a new one.',
  ).answer;
  if (setup.expiryRecorded) return { answer };
  return {
    answer,
    write: {
      setup: nextSetup(setup, { expiryRecorded: true }),
      events: [pinCodeEvent(setup, 'expired', 'host', null, now)],
    },
  };
}

export const isExpiredTemporary = (credential: CredentialRecord | undefined, now: Date) =>
  credential?.temporary === true && !isAfter(credential.expiresAt, now);
