import type { UserSetup } from './contract.generated.js';

type SettingsAndStatus = Pick<
  UserSetup,
  'resourceId' | 'passwordMandatory' | 'allowPinCode' | 'pinCodeStatus' | 'temporaryPinCodeExpiresAt' | 'lockedUntil'
>;

/**
 * Whether a device asks this user for a PIN code (the Resource card's `pinCodeRequired`): when *Password mandatory*
 * is on, or when PIN codes are allowed and the user holds one (docs/promises.md, promise 10).
 */
export const pinCodeRequired = (
  setup: Omit<SettingsAndStatus, 'resourceId' | 'temporaryPinCodeExpiresAt' | 'lockedUntil'>,
) => setup.passwordMandatory || (setup.allowPinCode && setup.pinCodeStatus !== 'notSet');

/** Whether the user can sign in on a device now, and if not, why. */
export type DeviceSignIn =
  /** No Resource card: nothing to sign in as. */
  | { kind: 'noResource' }
  /** The device asks for no PIN code. */
  | { kind: 'withoutPinCode' }
  /** The device asks for the user's own PIN code. */
  | { kind: 'withPinCode' }
  /** The device takes the temporary code, then the user must change it. */
  | { kind: 'temporary'; until: string | null }
  /** Password mandatory, and no PIN code: the user cannot sign in until an administrator issues one. */
  | { kind: 'needsPinCode' }
  | { kind: 'temporaryExpired' }
  | { kind: 'locked'; until: string };

/** What a device does with this user at `now`: the one rule both the host and the administrator's table follow. */
export function deviceSignIn(setup: SettingsAndStatus, now: Date): DeviceSignIn {
  if (!setup.resourceId) return { kind: 'noResource' };
  if (!pinCodeRequired(setup)) return { kind: 'withoutPinCode' };
  if (setup.lockedUntil !== null && Date.parse(setup.lockedUntil) > now.getTime()) {
    return { kind: 'locked', until: setup.lockedUntil };
  }
  if (setup.pinCodeStatus === 'notSet' || !setup.allowPinCode) return { kind: 'needsPinCode' };
  if (setup.pinCodeStatus === 'set') return { kind: 'withPinCode' };
  const until = setup.temporaryPinCodeExpiresAt;
  if (until !== null && Date.parse(until) <= now.getTime()) return { kind: 'temporaryExpired' };
  return { kind: 'temporary', until };
}
