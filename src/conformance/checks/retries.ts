import { MobileFlowError } from '../../api/index.js';
import { randomId } from '../../domain/index.js';
import { expectEqual, expectError, expectTrue } from '../kit.js';
import type { ConformanceCheck } from './check.js';

const newKey = () => `kit-${randomId()}`;

/** Promise 9: an Idempotency-Key binds who sent it, the operation, its target and the exact body. */
export const RETRY_CHECKS: ConformanceCheck[] = [
  {
    name: 'a retried wrong code gets the first answer again and is counted once (device and change)',
    promise: 9,
    async run(kit) {
      const { user } = kit;
      await kit.ownPinCode(user);
      const max = kit.policy.maxFailedAttempts;
      const mark = await kit.eventMark(user);
      const key = newKey();
      const wrong = kit.freshPinCode();
      const first = await kit.verify(user, wrong, key);
      expectEqual(first, { valid: false, mustChange: false, remainingAttempts: max - 1 }, 'a wrong code');
      expectEqual(await kit.verify(user, wrong, key), first, 'its retry');
      const change = { currentPinCode: kit.freshPinCode(), newPinCode: kit.freshPinCode() };
      const changeKey = newKey();
      const client = kit.as('user');
      const refused = await expectError(
        client.changePinCode(change, { idempotencyKey: changeKey }),
        'PinCode_CurrentInvalid',
        'a wrong current code',
      );
      expectEqual(refused.remainingAttempts, max - 2, 'the attempts left');
      const again = await expectError(
        client.changePinCode(change, { idempotencyKey: changeKey }),
        'PinCode_CurrentInvalid',
        'its retry',
      );
      expectEqual(again.remainingAttempts, max - 2, 'the attempts left on the retry');
      expectEqual(await kit.eventsSince(user, mark), ['failedAttempt', 'failedAttempt'], 'counted once each');
    },
  },
  {
    name: 'a retried change gets the first answer again and changes once',
    promise: 9,
    async run(kit) {
      const { user } = kit;
      const temporary = await kit.temporaryPinCode(user);
      const mark = await kit.eventMark(user);
      const key = newKey();
      const request = { currentPinCode: temporary, newPinCode: kit.freshPinCode() };
      const client = kit.as('user');
      const first = await client.changePinCode(request, { idempotencyKey: key });
      expectEqual(await client.changePinCode(request, { idempotencyKey: key }), first, 'the retry');
      expectEqual(await kit.eventsSince(user, mark), ['changedByUser'], 'one change recorded');
    },
  },
  {
    name: 'the same key with a different body is refused with Request_IdempotencyKeyReused, and nothing is counted',
    promise: 9,
    async run(kit) {
      const { user } = kit;
      await kit.ownPinCode(user);
      const mark = await kit.eventMark(user);
      const key = newKey();
      await kit.verify(user, kit.freshPinCode(), key);
      await expectError(
        kit.verify(user, kit.freshPinCode(), key),
        'Request_IdempotencyKeyReused',
        'the key again with another code',
      );
      const changeKey = newKey();
      const client = kit.as('user');
      await expectError(
        client.changePinCode(
          { currentPinCode: kit.freshPinCode(), newPinCode: kit.freshPinCode() },
          { idempotencyKey: changeKey },
        ),
        'PinCode_CurrentInvalid',
        'a wrong current code',
      );
      await expectError(
        client.changePinCode(
          { currentPinCode: kit.freshPinCode(), newPinCode: kit.freshPinCode() },
          { idempotencyKey: changeKey },
        ),
        'Request_IdempotencyKeyReused',
        'the key again with another body',
      );
      expectEqual(await kit.eventsSince(user, mark), ['failedAttempt', 'failedAttempt'], 'what was counted');
    },
  },
  {
    name: 'a key is bound to its target: the same key for two users is two requests',
    promise: 9,
    async run(kit) {
      const { user, otherUser } = kit;
      await kit.ownPinCode(user);
      await kit.ownPinCode(otherUser);
      const key = newKey();
      const wrong = kit.freshPinCode();
      const max = kit.policy.maxFailedAttempts;
      const expected = { valid: false, mustChange: false, remainingAttempts: max - 1 };
      expectEqual(await kit.verify(user, wrong, key), expected, 'the key on the user');
      expectEqual(await kit.verify(otherUser, wrong, key), expected, 'the same key on the other user');
      expectEqual(
        (await kit.verify(otherUser, kit.freshPinCode())).remainingAttempts,
        max - 2,
        'the other user was counted',
      );
    },
  },
  {
    name: 'a retried "valid" is never valid when the code is not valid now: after a lock, a change, PIN codes off',
    promise: 9,
    async run(kit) {
      const { user } = kit;
      const admin = kit.as('administrator');
      // After a lock.
      let pinCode = await kit.ownPinCode(user);
      const lockKey = newKey();
      expectEqual((await kit.verify(user, pinCode, lockKey)).valid, true, 'the right code');
      await kit.lockOut(user);
      await expectError(kit.verify(user, pinCode, lockKey), 'PinCode_Locked', 'its retry once locked');
      // After a change.
      pinCode = await kit.ownPinCode(user);
      const changeKey = newKey();
      expectEqual((await kit.verify(user, pinCode, changeKey)).valid, true, 'the right code');
      await kit.as('user').changePinCode({ currentPinCode: pinCode, newPinCode: kit.freshPinCode() });
      const retried = await kit.verify(user, pinCode, changeKey).catch((error) => error);
      expectTrue(
        !(retried && retried.valid === true),
        `its retry once the code was changed must not be valid, got ${JSON.stringify(retried)}`,
      );
      // After PIN codes were turned off.
      pinCode = await kit.ownPinCode(user);
      const offKey = newKey();
      expectEqual((await kit.verify(user, pinCode, offKey)).valid, true, 'the right code');
      await admin.updateUserSetup({ id: user.setupId, '@odata.etag': '*' }, { allowPinCode: false });
      await expectError(kit.verify(user, pinCode, offKey), 'PinCode_NotAllowed', 'its retry once PIN codes are off');
      await kit.reset(user);
    },
  },
  {
    name: 'a retried issue shows the same temporary code and issues it once',
    promise: 9,
    async run(kit) {
      const { user } = kit;
      await kit.reset(user);
      const mark = await kit.eventMark(user);
      const key = newKey();
      const admin = kit.as('administrator');
      const first = await admin.issueTemporaryPinCode(user.setupId, {}, { idempotencyKey: key });
      kit.log.keepSecret(first.pinCode);
      const again = await admin
        .issueTemporaryPinCode(user.setupId, {}, { idempotencyKey: key })
        .catch((error: MobileFlowError) => error);
      // A host of several processes may not hold the code to show it again: it then says so, never a second code.
      if (!(again instanceof MobileFlowError && again.code === 'Request_EntityChanged'))
        expectEqual(again, first, 'the retry');
      expectEqual(await kit.eventsSince(user, mark), ['temporaryIssued'], 'issued once');
      expectEqual(await kit.verify(user, first.pinCode), { valid: true, mustChange: true }, 'the code issued');
    },
  },
  {
    name: 'a key binds for 24 hours',
    promise: 9,
    async run(kit) {
      const hooks = kit.hooks('a test clock (a key is kept 24 hours)');
      const { user } = kit;
      await kit.ownPinCode(user);
      const key = newKey();
      const wrong = kit.freshPinCode();
      const first = await kit.verify(user, wrong, key);
      await kit.as('administrator').unlockPinCode(user.setupId);
      await hooks.advance(23 * 3_600_000);
      expectEqual(await kit.verify(user, wrong, key), first, 'the retry 23 hours later');
      await expectError(
        kit.verify(user, kit.freshPinCode(), key),
        'Request_IdempotencyKeyReused',
        'the key with another code 23 hours later',
      );
    },
  },
];
