import { expectEqual, expectError, expectTrue, type Kit } from '../kit.js';
import type { ConformanceCheck } from './check.js';

/** The identities that are not devices, each of which must be refused a device check. */
const PEOPLE = ['administrator', 'user', 'otherUser'] as const;

/** Wrong codes from the device spread over the two users, each kept below its own lock, `count` of them in all. */
async function spreadWrongCodes(kit: Kit, count: number): Promise<void> {
  const users = [kit.user, kit.otherUser];
  for (let sent = 0; sent < count; sent += 1) {
    const who = users[sent % 2];
    const answer = await kit.verify(who, kit.freshPinCode());
    expectEqual(answer.valid, false, `wrong code ${sent + 1} of ${count} from the device`);
    // The user's own count starts again before their lock: only the device's throttle is under test.
    if ((answer.remainingAttempts ?? 0) <= 1) await kit.as('administrator').unlockPinCode(who.setupId);
  }
}

/** Promise 11: only a device checks a PIN code, and a device reads only what signing in needs. */
export const DEVICE_CHECKS: ConformanceCheck[] = [
  {
    name: 'only a device checks a PIN code: the administrator, the user and another user are refused, and nothing is counted',
    promise: 11,
    async run(kit: Kit) {
      const { user } = kit;
      const pinCode = await kit.ownPinCode(user);
      const { maxFailedAttempts } = kit.policy;
      expectEqual(
        await kit.verify(user, kit.freshPinCode()),
        { valid: false, mustChange: false, remainingAttempts: maxFailedAttempts - 1 },
        'a wrong code on the device',
      );
      const before = await kit.setupOf(user);
      for (const role of PEOPLE) {
        const people = kit.as(role);
        // A wrong code, the right one and an empty one: none may be checked, none counted, none found valid.
        for (const [what, code] of [
          ['a wrong code', kit.freshPinCode()],
          ['the right code', pinCode],
          ['an empty code', ''],
        ] as const)
          await expectError(
            people.verifyPinCode(user.resourceId, { pinCode: code }),
            'Authorization_Denied',
            `${what} checked as the ${role}`,
          );
      }
      expectEqual(await kit.setupOf(user), before, 'the setup after the refused checks (nothing counted or written)');
      expectEqual(
        await kit.verify(user, kit.freshPinCode()),
        { valid: false, mustChange: false, remainingAttempts: maxFailedAttempts - 2 },
        'the next wrong code on the device: the refused ones were not counted',
      );
      expectEqual(await kit.verify(user, pinCode), { valid: true, mustChange: false }, 'the right code on the device');
    },
  },
  {
    name: 'a device reads only what signing in needs of a Resource card: its number, its name and whether to ask for a PIN code',
    promise: 11,
    async run(kit: Kit) {
      const { user } = kit;
      await kit.ownPinCode(user);
      const full = await kit.as('administrator').getResource(user.resourceId);
      expectEqual(
        await kit.as('device').getResource(user.resourceId),
        { id: full.id, number: full.number, name: full.name, pinCodeRequired: full.pinCodeRequired },
        "the device's view of the card",
      );
      expectEqual(
        Object.keys(await kit.as('user').getResource(user.resourceId)).sort(),
        Object.keys(full).sort(),
        "the user's own card has every field the administrator sees",
      );
    },
  },
  {
    name: 'a device that sends maxDeviceFailures wrong codes within the window, for any users, is refused with 429 and Retry-After until the window has passed',
    promise: 11,
    async run(kit: Kit) {
      const hooks = kit.hooks("a test clock (the device's window has to pass)");
      const { user, otherUser, policy } = kit;
      const pinCode = await kit.ownPinCode(user);
      await kit.ownPinCode(otherUser);
      await kit.freshDeviceWindow();
      await spreadWrongCodes(kit, policy.maxDeviceFailures);
      const before = await kit.setupOf(user);
      const mark = await kit.eventMark(user);
      const windowSeconds = policy.deviceFailureWindowMinutes * 60;
      // The next check is refused whatever it is: a wrong code, or the right one; nothing is checked or counted.
      for (const [what, code] of [
        ['a wrong code', kit.freshPinCode()],
        ['the right code', pinCode],
      ] as const) {
        const answer = await kit.raw('device', 'POST', `resources(${user.resourceId})/Microsoft.NAV.verifyPinCode`, {
          body: JSON.stringify({ pinCode: code }),
          headers: { 'Content-Type': 'application/json' },
        });
        expectEqual([answer.status, answer.body?.error?.code], [429, 'Request_TooManyRequests'], `${what}, held back`);
        const retryAfter = answer.body.error.retryAfter;
        expectTrue(
          Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= windowSeconds,
          `${what}: retryAfter ${retryAfter} is not a whole number of seconds from 1 to ${windowSeconds}`,
        );
        expectEqual(answer.headers.get('Retry-After'), String(retryAfter), `${what}: the Retry-After header`);
      }
      expectEqual(await kit.setupOf(user), before, 'the setup after the refused checks (nothing counted)');
      expectEqual(await kit.eventsSince(user, mark), ['deviceThrottled'], "the user's history: the hold, once");
      // Per-user lockout is unchanged, and the change dialog is no device: the user still changes their code.
      const changed = kit.freshPinCode();
      await kit.as('user').changePinCode({ currentPinCode: pinCode, newPinCode: changed });
      await hooks.advance(windowSeconds * 1000);
      expectEqual(
        await kit.verify(user, changed),
        { valid: true, mustChange: false },
        'the right code once the window passed',
      );
    },
  },
];
