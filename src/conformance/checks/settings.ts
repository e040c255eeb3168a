import { MobileFlowError } from '../../api/index.js';
import { expectEqual, expectError, expectTrue, NotRun } from '../kit.js';
import type { ConformanceCheck } from './check.js';

/** Promise 10: what Allow PIN code and Password mandatory mean. */
export const SETTINGS_CHECKS: ConformanceCheck[] = [
  {
    // First of all checks: it needs a user who has never held a PIN code, as the run found them.
    name: 'a user who holds no PIN code gets PinCode_NotSet on the device, uncounted, and sets their first one',
    promise: 10,
    async run(kit) {
      const who = [kit.user, kit.otherUser].find((candidate) => candidate.statusAtStart === 'notSet');
      if (!who)
        throw new NotRun(
          `it needs a user who has never held a PIN code, and ${kit.user.userId} and ${kit.otherUser.userId} both have one`,
        );
      const setup = await kit.reset(who);
      if (setup.pinCodeStatus !== 'notSet') throw new NotRun(`${who.userId} holds a PIN code by now`);
      const admin = kit.as('administrator');
      const resource = () => admin.getResource(who.resourceId);
      expectEqual((await resource()).pinCodeRequired, false, 'a device asks no PIN code of a user without one');
      const mark = await kit.eventMark(who);
      for (const pinCode of [kit.freshPinCode(), ''])
        await expectError(kit.verify(who, pinCode), 'PinCode_NotSet', 'the device, for a user without a PIN code');
      const mandatory = await admin.updateUserSetup(setup, { passwordMandatory: true });
      expectEqual((await resource()).pinCodeRequired, true, 'with Password mandatory a device asks for a PIN code');
      const notSet = await expectError(kit.verify(who, kit.freshPinCode()), 'PinCode_NotSet', 'Password mandatory');
      expectTrue(notSet.message, 'PinCode_NotSet says what to do');
      expectEqual(await kit.eventsSince(who, mark), [], 'nothing counted');
      const pinCode = kit.freshPinCode();
      await kit.as(who.role).changePinCode({ currentPinCode: '', newPinCode: pinCode });
      expectEqual(
        await kit.verify(who, pinCode),
        { valid: true, mustChange: false },
        'the first PIN code, set by the user',
      );
      await admin.updateUserSetup({ id: mandatory.id, '@odata.etag': '*' }, { passwordMandatory: false });
    },
  },
  {
    name: 'Password mandatory needs Allow PIN code: the contradiction is refused, whichever setting is changed',
    promise: 10,
    async run(kit) {
      const { otherUser } = kit;
      const admin = kit.as('administrator');
      const start = await kit.reset(otherUser);
      await expectError(
        admin.updateUserSetup(start, { passwordMandatory: true, allowPinCode: false }),
        'UserSetup_PasswordNeedsPinCode',
        'both at once',
      );
      const mandatory = await admin.updateUserSetup(start, { passwordMandatory: true });
      await expectError(
        admin.updateUserSetup(mandatory, { allowPinCode: false }),
        'UserSetup_PasswordNeedsPinCode',
        'Allow PIN code off under Password mandatory',
      );
      expectEqual(await kit.setupOf(otherUser), mandatory, 'the setup after the refusals');
      const off = await admin.updateUserSetup(mandatory, { passwordMandatory: false, allowPinCode: false });
      await expectError(
        admin.updateUserSetup(off, { passwordMandatory: true }),
        'UserSetup_PasswordNeedsPinCode',
        'Password mandatory with PIN codes off',
      );
      // Two administrators at once, each turning on "their" half: decided on the setup inside the write.
      const any = { id: off.id, '@odata.etag': '*' };
      const answers = await Promise.all([
        admin.updateUserSetup(any, { passwordMandatory: true }).catch((error) => error),
        admin.updateUserSetup(any, { allowPinCode: true }).catch((error) => error),
      ]);
      const final = await kit.setupOf(otherUser);
      expectTrue(
        !(final.passwordMandatory && !final.allowPinCode),
        'never Password mandatory without Allow PIN code, even from two saves at once',
      );
      expectTrue(
        answers.filter((answer) => answer instanceof MobileFlowError).length <= 1,
        'at most one of the two is refused',
      );
      await kit.reset(otherUser);
    },
  },
  {
    name: 'with PIN codes off nobody changes, issues or checks one: PinCode_NotAllowed',
    promise: 10,
    async run(kit) {
      const { otherUser } = kit;
      const pinCode = await kit.ownPinCode(otherUser);
      const admin = kit.as('administrator');
      const setup = await kit.setupOf(otherUser);
      await admin.updateUserSetup(setup, { allowPinCode: false });
      expectEqual((await admin.getResource(otherUser.resourceId)).pinCodeRequired, false, 'a device asks for none');
      await expectError(
        kit.as('otherUser').changePinCode({ currentPinCode: pinCode, newPinCode: kit.freshPinCode() }),
        'PinCode_NotAllowed',
        'the change',
      );
      await expectError(admin.issueTemporaryPinCode(otherUser.setupId), 'PinCode_NotAllowed', 'an issue');
      await expectError(kit.verify(otherUser, pinCode), 'PinCode_NotAllowed', 'the device');
      expectEqual((await kit.as('otherUser').getSession()).allowPinCode, false, 'the session says so');
      await kit.reset(otherUser);
    },
  },
];
