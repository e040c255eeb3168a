import type { VerifyPinCodeRequest, VerifyPinCodeResult } from '../../domain/index.js';
import { HostError, type Answer } from '../errors.js';
import {
  countFailure,
  expiredDecision,
  isExpiredTemporary,
  nextSetup,
  requirePinCodesAllowed,
  requireUnlocked,
} from '../pin-state.js';
import type { CredentialRecord } from '../records.js';
import type { UserState } from '../storage.js';
import type { ActionUnit, HostServices } from './unit.js';

const result = (body: VerifyPinCodeResult): Answer => ({ status: 200, body });

/**
 * PIN codes are allowed and the user holds one. Without one there is nothing to guess, so the device is told to ask
 * the administrator for a temporary code, and nothing is counted.
 */
function requirePinCodeSet(state: UserState): asserts state is UserState & { credential: CredentialRecord } {
  requirePinCodesAllowed(state);
  if (!state.credential) {
    throw new HostError(
      'PinCode_NotSet',
      `${state.setup.userId} has no PIN code yet: ask the administrator for a temporary PIN code.`,
    );
  }
}

/** Whether `pinCode` is the user's current code. An empty code is simply wrong (argon2id is not asked). */
async function matches(pinCode: string, { credential }: UserState, { hasher }: HostServices): Promise<boolean> {
  return credential !== undefined && pinCode !== '' && (await hasher.verify(pinCode, credential.pinCodeHash));
}

/**
 * `POST resources({id})/Microsoft.NAV.verifyPinCode`: a device checks a PIN code typed on a handheld. Wrong codes are
 * counted towards the lock (promise 5); a temporary code is valid only with `mustChange`.
 */
export const verifyPinCode: ActionUnit = {
  async target({ key }, { storage }) {
    const setup = key ? await storage.userSetupByResourceId(key) : undefined;
    if (!setup) throw new HostError('BadRequest_NotFound', `There is no resource with id ${key}.`);
    return setup.id;
  },

  async decide(state, { body, now }, services) {
    requirePinCodeSet(state);
    const { setup, credential } = state;
    requireUnlocked(setup, now);
    // An expired temporary code is no usable code: any code is refused, and none is counted as a guess.
    if (isExpiredTemporary(credential, now)) return expiredDecision(state, now);
    const { pinCode } = body as VerifyPinCodeRequest;
    if (!(await matches(pinCode, state, services))) {
      return countFailure(state, now, services.policy, 'device', (remainingAttempts) =>
        result({ valid: false, mustChange: false, remainingAttempts }),
      );
    }
    const answer = result({ valid: true, mustChange: credential.temporary });
    return setup.failedAttempts > 0
      ? { answer, write: { setup: nextSetup(setup, { failedAttempts: 0 }) } }
      : { answer };
  },

  // A wrong code's answer stands (it was counted once). A "valid" answer is never repeated blindly: the code is checked
  // again against the state as it is now (locked, changed, PIN codes off, expired), and nothing is counted.
  async replay(first, state, { body, now }, services) {
    if ((first.body as Partial<VerifyPinCodeResult>)?.valid !== true) return first;
    requirePinCodeSet(state);
    const { setup, credential } = state;
    requireUnlocked(setup, now);
    if (isExpiredTemporary(credential, now)) return expiredDecision(state, now).answer;
    if (!(await matches((body as VerifyPinCodeRequest).pinCode, state, services))) {
      const remainingAttempts = services.policy.maxFailedAttempts - setup.failedAttempts;
      return result({ valid: false, mustChange: false, remainingAttempts });
    }
    return result({ valid: true, mustChange: credential.temporary });
  },
};
