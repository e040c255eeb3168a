import { checkPinCode, type ChangePinCodeRequest, type ChangePinCodeResult } from '../../domain/index.js';
import { HostError } from '../errors.js';
import { inHistory, newSalt, sameHash } from '../pin-hashes.js';
import {
  countFailure,
  earlierOwnHashes,
  expiredDecision,
  isExpiredTemporary,
  nextSetup,
  pinCodeEvent,
  requirePinCodesAllowed,
  requireUnlocked,
} from '../pin-state.js';
import { requireUser } from './administration.js';
import type { ActionUnit } from './unit.js';

/** `POST session/Microsoft.NAV.changePinCode`: the signed-in user replaces their own PIN code (promises 3–6). */
export const changePinCode: ActionUnit = {
  // The request carries no user id: it can only ever act on the caller.
  target: async (request) => requireUser(request).id,

  async decide(state, { body, now }, { policy, hasher }) {
    const { currentPinCode, newPinCode } = body as ChangePinCodeRequest;
    requirePinCodesAllowed(state);
    const { setup, resource, credential } = state;
    requireUnlocked(setup, now);
    if (isExpiredTemporary(credential, now)) return expiredDecision(state, now);
    const shapeViolations = checkPinCode(newPinCode, policy);
    if (shapeViolations.length) {
      throw new HostError('PinCode_PolicyViolation', 'The new PIN code breaks the PIN policy.', {
        details: shapeViolations,
      });
    }

    // One hash each for the current and the new code, in parallel: the current one as its stored hash was made
    // (scheme, cost, salt), the new one in the host's preferred scheme with the user's salt, which every hash of the
    // user shares, so the history is compared as it is (see CredentialRecord); only a history from another scheme or
    // cost costs one hash more. An empty current code is simply wrong: it is counted without hashing.
    const salt = credential?.salt ?? newSalt();
    const [currentHash, newHash] = await Promise.all([
      credential && currentPinCode !== '' ? hasher.hashLike(currentPinCode, credential.pinCodeHash) : undefined,
      hasher.hash(newPinCode, salt),
    ]);
    if (credential && (currentHash === undefined || !sameHash(currentHash, credential.pinCodeHash))) {
      return countFailure(
        state,
        now,
        policy,
        'user',
        (remainingAttempts) =>
          new HostError('PinCode_CurrentInvalid', 'The current PIN code is wrong.', { remainingAttempts }).answer,
      );
    }
    const history = earlierOwnHashes(credential).slice(0, policy.historyDepth);
    const violations = checkPinCode(newPinCode, policy, {
      temporaryPinCode: credential?.temporary ? currentPinCode : undefined,
      recentlyUsed: await inHistory(hasher, newPinCode, newHash, history),
    });
    if (violations.length) {
      throw new HostError('PinCode_PolicyViolation', 'The new PIN code breaks the PIN policy.', {
        details: violations,
      });
    }

    const changedAt = now.toISOString();
    const pinFields = { pinCodeStatus: 'set', pinCodeChangedAt: changedAt, pinCodeChangedBy: 'user' } as const;
    const result: ChangePinCodeResult = { resourceNo: resource.number, changedAt };
    return {
      answer: { status: 200, body: result },
      write: {
        setup: nextSetup(setup, {
          ...pinFields,
          temporaryPinCodeExpiresAt: null,
          failedAttempts: 0,
          expiryRecorded: false,
        }),
        resource: { ...resource, ...pinFields, version: resource.version + 1 },
        credential: {
          resourceId: resource.id,
          salt,
          pinCodeHash: newHash,
          temporary: false,
          expiresAt: null,
          previousHashes: earlierOwnHashes(credential),
        },
        events: [pinCodeEvent(setup, 'changedByUser', 'user', setup.userId, now)],
      },
    };
  },
};
