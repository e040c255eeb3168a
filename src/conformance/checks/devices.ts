import { expectEqual, expectError, type Kit } from '../kit.js';
import type { ConformanceCheck } from './check.js';

/** The identities that are not devices, each of which must be refused a device check. */
const PEOPLE = ['administrator', 'user', 'otherUser'] as const;

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
];
