import type { VerifyPinCodeRequest, VerifyPinCodeResult } from '../../domain/index.js';
import { deviceAfterFailure, throttleRefusal } from '../device-throttle.js';
import { HostError, type Answer } from '../errors.js';
import { inPreferredScheme, matchesHash } from '../pin-hashes.js';
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
import { requireDevice } from './administration.js';
import type { ActionUnit, Decision, HostServices, OperationRequest } from './unit.js';

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

/** Whether `pinCode` is the user's current code. An empty code is simply wrong (nothing is hashed). */
async function matches(pinCode: string, { credential }: UserState, { hasher }: HostServices): Promise<boolean> {
  return credential !== undefined && pinCode !== '' && (await matchesHash(hasher, pinCode, credential.pinCodeHash));
}

/** The answer to a wrong code, with the attempts left before the lock. */
const wrongCode = (remainingAttempts: number) => result({ valid: false, mustChange: false, remainingAttempts });

/**
 * Checks the code against the user's state as it is now, for a first request and for a replay alike: refused where
 * there is nothing to check it against (PIN codes off, none set, locked, an expired temporary code), else valid or
 * wrong. The two differ only in what a wrong code costs, which `wrong` decides.
 */
async function check(
  state: UserState,
  { body, now }: OperationRequest,
  services: HostServices,
  wrong: () => Decision,
): Promise<Decision> {
  requirePinCodeSet(state);
  const { setup, credential } = state;
  requireUnlocked(setup, now);
  // An expired temporary code is no usable code: any code is refused, and none is counted as a guess.
  if (isExpiredTemporary(credential, now)) return expiredDecision(state, now);
  if (!(await matches((body as VerifyPinCodeRequest).pinCode, state, services))) return wrong();
  const answer = result({ valid: true, mustChange: credential.temporary });
  return setup.failedAttempts > 0 ? { answer, write: { setup: nextSetup(setup, { failedAttempts: 0 }) } } : { answer };
}

/**
 * A valid code whose hash is in a scheme (or cost) the host no longer prefers is hashed again in the preferred one, in
 * the write of the check that found it valid (promise 1). Only a first check writes: a replay, which writes nothing,
 * never pays for the hash.
 */
async function withPreferredHash(
  decision: Decision,
  { credential }: UserState,
  { body }: OperationRequest,
  { hasher }: HostServices,
): Promise<Decision> {
  const valid = (decision.answer.body as Partial<VerifyPinCodeResult>)?.valid === true;
  if (!valid || !credential || inPreferredScheme(hasher, credential.pinCodeHash)) return decision;
  const pinCodeHash = await hasher.hash((body as VerifyPinCodeRequest).pinCode, credential.salt);
  return { ...decision, write: { ...decision.write, credential: { ...credential, pinCodeHash } } };
}

/**
 * `POST resources({id})/Microsoft.NAV.verifyPinCode`: a device, and only a device (promise 11), checks a PIN code typed
 * on a handheld. Wrong codes are counted towards the lock (promise 5); a temporary code is valid only with `mustChange`.
 */
export const verifyPinCode: ActionUnit = {
  async target(request, { storage }) {
    requireDevice(request);
    const { key } = request;
    const setup = key ? await storage.userSetupByResourceId(key) : undefined;
    if (!setup) throw new HostError('BadRequest_NotFound', `There is no resource with id ${key}.`);
    return setup.id;
  },

  // A device held back by its throttle is refused before anything is checked, counted or replayed.
  refuse: (state, { now }, { policy }) => throttleRefusal(state, now, policy),

  // A wrong code counts towards the user's lock and, in the same write, towards the device's throttle.
  async decide(state, request, services) {
    const decision = await check(state, request, services, () => {
      const { now } = request;
      const { policy } = services;
      const counted = countFailure(state, now, policy, 'device', wrongCode);
      if (!state.device) return counted;
      return { ...counted, write: { ...counted.write, device: deviceAfterFailure(state.device, now, policy) } };
    });
    return withPreferredHash(decision, state, request, services);
  },

  // A wrong code's answer stands (it was counted once). A "valid" answer is never repeated blindly: the code is checked
  // again against the state as it is now (locked, changed, PIN codes off, expired), nothing is counted and nothing is
  // written: only the answer is given.
  async replay(first, state, request, services) {
    if ((first.body as Partial<VerifyPinCodeResult>)?.valid !== true) return first;
    const uncounted = () => ({ answer: wrongCode(services.policy.maxFailedAttempts - state.setup.failedAttempts) });
    return (await check(state, request, services, uncounted)).answer;
  },
};
