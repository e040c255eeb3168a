import { pinCodeRequired, type PinPolicy, type Resource, type Session, type UserSetup } from '../domain/index.js';
import type { ResourceRecord, UserSetupRecord } from './records.js';

export const etag = (version: number) => `W/"${version}"`;
export const isAfter = (iso: string | null, now: Date) => iso !== null && iso > now.toISOString();

/** The contract's view of a stored setup: what a client may read, nothing the host keeps to itself. */
export function publicUserSetup(record: UserSetupRecord, now: Date): UserSetup {
  return {
    id: record.id,
    userId: record.userId,
    displayName: record.displayName,
    resourceNo: record.resourceNo,
    resourceId: record.resourceId,
    passwordMandatory: record.passwordMandatory,
    allowPinCode: record.allowPinCode,
    pinCodeStatus: record.pinCodeStatus,
    pinCodeChangedAt: record.pinCodeChangedAt,
    pinCodeChangedBy: record.pinCodeChangedBy,
    temporaryPinCodeExpiresAt: record.temporaryPinCodeExpiresAt,
    lockedUntil: isAfter(record.lockedUntil, now) ? record.lockedUntil : null,
    '@odata.etag': etag(record.version),
  };
}

/** The Resource card as the contract shows it, with whether a device asks its user for a PIN code: never the code. */
export const publicResource = (record: ResourceRecord, owner: UserSetupRecord): Resource => ({
  id: record.id,
  number: record.number,
  name: record.name,
  pinCodeRequired: pinCodeRequired(owner),
  pinCodeStatus: record.pinCodeStatus,
  pinCodeChangedAt: record.pinCodeChangedAt,
  pinCodeChangedBy: record.pinCodeChangedBy,
  '@odata.etag': etag(record.version),
});

/**
 * What a device reads of a Resource card: only what signing in needs (whose card it is, and whether to ask for a PIN
 * code). Not the code's status or history, which would tell a guesser whose codes are new or temporary.
 */
export const deviceView = ({ id, number, name, pinCodeRequired }: Resource): Resource => ({
  id,
  number,
  name,
  pinCodeRequired,
});

/** The signed-in user as `GET session` tells them. */
export const sessionOf = (user: UserSetupRecord, policy: PinPolicy, now: Date): Session => ({
  userId: user.userId,
  displayName: user.displayName,
  resourceNo: user.resourceNo,
  resourceId: user.resourceId,
  canManageUserSetup: user.administrator,
  passwordMandatory: user.passwordMandatory,
  allowPinCode: user.allowPinCode,
  pinCodeStatus: user.pinCodeStatus,
  pinCodeChangedAt: user.pinCodeChangedAt,
  temporaryPinCodeExpiresAt: user.temporaryPinCodeExpiresAt,
  lockedUntil: publicUserSetup(user, now).lockedUntil,
  pinPolicy: policy,
});
