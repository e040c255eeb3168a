import { expectEqual, expectError, expectTrue } from '../kit.js';
import type { ConformanceCheck } from './check.js';

/** Promises 2, 3, 4 and 7: a PIN code from its start by the administrator to its end by the user, and its trace. */
export const PIN_LIFE_CHECKS: ConformanceCheck[] = [
  {
    name: 'an issued PIN code is temporary: the device accepts it only with mustChange',
    promise: 2,
    async run(kit) {
      const { user } = kit;
      await kit.reset(user);
      const issued = await kit.as('administrator').issueTemporaryPinCode(user.setupId);
      kit.log.keepSecret(issued.pinCode);
      expectTrue(
        new RegExp(`^[0-9]{${kit.policy.temporaryLength}}$`).test(issued.pinCode),
        `a generated temporary code has temporaryLength (${kit.policy.temporaryLength}) digits`,
      );
      expectEqual(
        [issued.userSetup.pinCodeStatus, issued.userSetup.pinCodeChangedBy],
        ['temporary', 'administrator'],
        'the issued setup',
      );
      const expires = Date.parse(issued.expiresAt) - Date.parse(issued.userSetup.pinCodeChangedAt!);
      expectEqual(expires, kit.temporaryTtlMs, 'the temporary code lives temporaryTtlHours from its issue');
      const session = await kit.as('user').getSession();
      expectEqual(
        [session.pinCodeStatus, session.temporaryPinCodeExpiresAt],
        ['temporary', issued.expiresAt],
        "the user's own status",
      );
      expectEqual(
        await kit.verify(user, issued.pinCode),
        { valid: true, mustChange: true },
        'the device on the temporary code',
      );
    },
  },
  {
    name: 'the administrator chooses a temporary code only where the policy allows, and it is checked',
    promise: 2,
    async run(kit) {
      const { user } = kit;
      await kit.reset(user);
      const admin = kit.as('administrator');
      const chosen = kit.freshPinCode();
      if (!kit.policy.administratorMayChoosePinCode) {
        const refused = await expectError(
          admin.issueTemporaryPinCode(user.setupId, { pinCode: chosen }),
          'PinCode_PolicyViolation',
          'a chosen code where the policy makes every code generated',
        );
        expectEqual(refused.details, [{ rule: 'administratorMayNotChoose' }], 'the reason');
        return;
      }
      const issued = await admin.issueTemporaryPinCode(user.setupId, { pinCode: chosen });
      expectEqual([issued.pinCode, issued.userSetup.pinCodeStatus], [chosen, 'temporary'], 'a chosen code');
      const weak = '7'.repeat(kit.policy.minLength);
      const refused = await expectError(
        admin.issueTemporaryPinCode(user.setupId, { pinCode: weak }),
        'PinCode_PolicyViolation',
        'a weak chosen code',
      );
      expectTrue(
        refused.details?.some((violation) => violation.rule === 'repeatedDigit'),
        `a chosen ${weak} is refused as one repeated digit, got ${JSON.stringify(refused.details)}`,
      );
    },
  },
  {
    name: 'an expired temporary code is refused for the change and on the device, and its expiry recorded once',
    promise: 2,
    async run(kit) {
      const hooks = kit.hooks('a test clock (the code expires after temporaryTtlHours)');
      const { user } = kit;
      const temporary = await kit.temporaryPinCode(user);
      const mark = await kit.eventMark(user);
      await hooks.advance(kit.temporaryTtlMs + 1000);
      await expectError(
        kit.as('user').changePinCode({ currentPinCode: temporary, newPinCode: kit.freshPinCode() }),
        'PinCode_TemporaryExpired',
        'the change with an expired temporary code',
      );
      for (const pinCode of [temporary, kit.freshPinCode(), ''])
        await expectError(kit.verify(user, pinCode), 'PinCode_TemporaryExpired', 'the device after the expiry');
      expectEqual(await kit.eventsSince(user, mark), ['expired'], 'the events of the expiry');
    },
  },
  {
    name: 'the change acts only on the signed-in user: it takes no user id',
    promise: 3,
    async run(kit) {
      const { user, otherUser } = kit;
      const others = await kit.temporaryPinCode(otherUser);
      const own = await kit.ownPinCode(user);
      const body = { currentPinCode: others, newPinCode: kit.freshPinCode() };
      const json = { 'Content-Type': 'application/json' };
      const named = await kit.raw('user', 'POST', 'session/Microsoft.NAV.changePinCode', {
        body: JSON.stringify({ ...body, userId: otherUser.userId }),
        headers: json,
      });
      expectEqual([named.status, named.body?.error?.code], [400, 'BadRequest_Malformed'], 'a body naming a user');
      const queried = await kit.raw(
        'user',
        'POST',
        `session/Microsoft.NAV.changePinCode?userId=${encodeURIComponent(otherUser.userId)}`,
        { body: JSON.stringify(body), headers: json },
      );
      expectEqual([queried.status, queried.body?.error?.code], [400, 'BadRequest_Malformed'], 'a query naming a user');
      // With the other user's code in it, the user's own request is checked against the user's own code.
      await expectError(kit.as('user').changePinCode(body), 'PinCode_CurrentInvalid', "the other user's code");
      expectEqual(await kit.verify(otherUser, others), { valid: true, mustChange: true }, 'the other user, untouched');
      expectEqual((await kit.verify(user, own)).valid, true, "the user's own code, unchanged");
    },
  },
  {
    name: 'a change updates the Resource card at once: the device accepts the new code and rejects the old ones',
    promise: 4,
    async run(kit) {
      const { user } = kit;
      const earlier = await kit.ownPinCode(user);
      const temporary = await kit.temporaryPinCode(user);
      const client = kit.as('user');
      const before = await client.getResource(user.resourceId);
      const pinCode = kit.freshPinCode();
      const changed = await client.changePinCode({ currentPinCode: temporary, newPinCode: pinCode });
      const session = await client.getSession();
      expectEqual(
        [session.pinCodeStatus, session.temporaryPinCodeExpiresAt, session.pinCodeChangedAt],
        ['set', null, changed.changedAt],
        'the session after the change',
      );
      const resource = await client.getResource(user.resourceId);
      expectEqual(
        [resource.number, resource.pinCodeStatus, resource.pinCodeChangedBy, resource.pinCodeChangedAt],
        [changed.resourceNo, 'set', 'user', changed.changedAt],
        'the Resource card after the change',
      );
      expectTrue(resource['@odata.etag'] !== before['@odata.etag'], 'the Resource card has a new etag');
      expectEqual(resource.pinCodeRequired, true, 'a device asks for the PIN code the user holds');
      expectEqual(await kit.verify(user, pinCode), { valid: true, mustChange: false }, 'the device on the new code');
      for (const old of [temporary, earlier]) {
        const answer = await kit.verify(user, old);
        expectEqual(answer.valid, false, 'the device on an old code');
      }
      const setup = await kit.setupOf(user);
      expectEqual([setup.pinCodeStatus, setup.pinCodeChangedBy], ['set', 'user'], "the administrator's view");
    },
  },
  {
    name: 'a request the host fails changes nothing',
    promise: 4,
    async run(kit) {
      const hooks = kit.hooks('a way to make the host fail a request');
      const { user } = kit;
      const temporary = await kit.temporaryPinCode(user);
      await hooks.failNextRequest();
      await expectError(
        kit.as('user').changePinCode({ currentPinCode: temporary, newPinCode: kit.freshPinCode() }),
        'Internal_ServerError',
        'a change the host fails',
      );
      expectEqual((await kit.as('user').getSession()).pinCodeStatus, 'temporary', 'the status after the failure');
      expectEqual(await kit.verify(user, temporary), { valid: true, mustChange: true }, 'the temporary code still');
    },
  },
  {
    name: 'every change leaves a trace with its time and actor, and the user sees their own status',
    promise: 7,
    async run(kit) {
      const { user } = kit;
      await kit.reset(user);
      const mark = await kit.eventMark(user);
      const temporary = await kit.temporaryPinCode(user);
      const pinCode = kit.freshPinCode();
      const changed = await kit.as('user').changePinCode({ currentPinCode: temporary, newPinCode: pinCode });
      await kit.lockOut(user);
      await kit.as('administrator').unlockPinCode(user.setupId);
      const events = await kit.newEvents(user, mark);
      const administrator = kit.target.identities.administrator.userId;
      expectEqual(
        events.map((event) => [event.type, event.actor, event.actorUserId]),
        [
          ['unlocked', 'administrator', administrator],
          ['locked', 'host', null],
          ...Array(kit.policy.maxFailedAttempts).fill(['failedAttempt', 'device', null]),
          ['changedByUser', 'user', user.userId],
          ['temporaryIssued', 'administrator', administrator],
        ],
        'the events, newest first',
      );
      expectTrue(
        events.every((event) => !Number.isNaN(Date.parse(event.at))),
        'every event has its time',
      );
      expectEqual(events.at(-2)!.at, changed.changedAt, 'the change is recorded at its time');
      const session = await kit.as('user').getSession();
      expectEqual([session.pinCodeStatus, session.pinCodeChangedAt], ['set', changed.changedAt], 'the own status');
    },
  },
];
