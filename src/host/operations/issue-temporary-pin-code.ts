import {
  checkPinCode,
  generateTemporaryPinCode,
  type IssueTemporaryPinCodeRequest,
  type TemporaryPinCode,
} from '../../domain/index.js';
import { HostError } from '../errors.js';
import { newSalt } from '../pin-hashes.js';
import { addMinutes, earlierOwnHashes, nextSetup, pinCodeEvent, requirePinCodesAllowed } from '../pin-state.js';
import { publicUserSetup } from '../projections.js';
import { administeredSetupId, requireAdministrator } from './administration.js';
import type { ActionUnit } from './unit.js';

/**
 * `POST userSetups({id})/Microsoft.NAV.issueTemporaryPinCode`: the administrator starts a PIN code that the user must
 * replace (promise 2). The answer carries the code once; a replay carries it again only while this host still holds
 * it in memory.
 */
export const issueTemporaryPinCode: ActionUnit = {
  target: administeredSetupId,

  async decide(state, request, { policy, hasher }) {
    const { body, now } = request;
    requirePinCodesAllowed(state);
    const { setup, resource, credential } = state;
    const chosen = (body as IssueTemporaryPinCodeRequest).pinCode;
    if (chosen !== undefined) {
      const violations = policy.administratorMayChoosePinCode
        ? checkPinCode(chosen, policy)
        : [{ rule: 'administratorMayNotChoose' as const }];
      if (violations.length) {
        throw new HostError('PinCode_PolicyViolation', 'The temporary PIN code breaks the PIN policy.', {
          details: violations,
        });
      }
    }
    const pinCode = chosen ?? generateTemporaryPinCode(policy.temporaryLength);
    const salt = credential?.salt ?? newSalt();
    const hash = await hasher.hash(pinCode, salt);
    const expiresAt = addMinutes(now, policy.temporaryTtlHours * 60);
    const pinFields = {
      pinCodeStatus: 'temporary',
      pinCodeChangedAt: now.toISOString(),
      pinCodeChangedBy: 'administrator',
    } as const;
    const updated = nextSetup(setup, { ...pinFields, temporaryPinCodeExpiresAt: expiresAt, expiryRecorded: false });
    const answer: TemporaryPinCode = { userSetup: publicUserSetup(updated, now), pinCode, expiresAt };
    return {
      answer: { status: 200, body: answer },
      write: {
        setup: updated,
        resource: { ...resource, ...pinFields, version: resource.version + 1 },
        credential: {
          resourceId: resource.id,
          salt,
          pinCodeHash: hash,
          temporary: true,
          expiresAt,
          previousHashes: earlierOwnHashes(credential),
        },
        events: [pinCodeEvent(setup, 'temporaryIssued', 'administrator', requireAdministrator(request).userId, now)],
      },
    };
  },

  async replay(first, _state, { idempotencyKey }, { temporaryCodesForReplay }) {
    if (first.status !== 200) return first;
    const pinCode = idempotencyKey ? temporaryCodesForReplay.get(idempotencyKey) : undefined;
    if (pinCode === undefined) {
      throw new HostError(
        'Request_EntityChanged',
        'This temporary PIN code was issued, but the host no longer holds it to show it again: issue a new one.',
      );
    }
    return { status: 200, body: { ...(first.body as object), pinCode } };
  },
};
