import { MobileFlowError } from '../../api/index.js';
import { expectEqual, expectError, expectTrue } from '../kit.js';
import type { ConformanceCheck } from './check.js';

/** Promise 8: etags, If-Match, and actions that decide inside their own write. */
export const CONCURRENT_EDIT_CHECKS: ConformanceCheck[] = [
  {
    name: 'a stale etag gets Request_EntityChanged and overwrites nothing',
    promise: 8,
    async run(kit) {
      const { otherUser } = kit;
      const admin = kit.as('administrator');
      const first = await kit.reset(otherUser);
      const saved = await admin.updateUserSetup(first, { passwordMandatory: true });
      expectTrue(saved['@odata.etag'] !== first['@odata.etag'], 'a saved setup has a new etag');
      await expectError(
        admin.updateUserSetup(first, { passwordMandatory: false }),
        'Request_EntityChanged',
        'a save with the etag read before',
      );
      expectEqual(await admin.getUserSetup(otherUser.setupId), saved, 'the setup after the refused save');
      expectEqual(await admin.getUserSetup(otherUser.setupId), saved, 'a second read, with the same etag');
    },
  },
  {
    name: 'a PATCH without If-Match gets BadRequest_InvalidToken and changes nothing',
    promise: 8,
    async run(kit) {
      const { otherUser } = kit;
      const before = await kit.reset(otherUser);
      const answer = await kit.raw('administrator', 'PATCH', `userSetups(${otherUser.setupId})`, {
        body: JSON.stringify({ passwordMandatory: true }),
        headers: { 'Content-Type': 'application/json' },
      });
      expectEqual([answer.status, answer.body?.error?.code], [428, 'BadRequest_InvalidToken'], 'no If-Match');
      expectEqual(await kit.setupOf(otherUser), before, 'the setup after it');
    },
  },
  {
    name: 'two administrators saving from the same etag at once: one wins, the other is told',
    promise: 8,
    async run(kit) {
      const { otherUser } = kit;
      const admin = kit.as('administrator');
      const read = await kit.reset(otherUser);
      const answers = await Promise.all([
        admin.updateUserSetup(read, { passwordMandatory: true }).catch((error) => error),
        admin.updateUserSetup(read, { allowPinCode: false }).catch((error) => error),
      ]);
      const refused = answers.filter((answer) => answer instanceof MobileFlowError);
      expectEqual(
        refused.map((error) => error.code),
        ['Request_EntityChanged'],
        'the answers to two saves from one etag',
      );
      const winner = answers.find((answer) => !(answer instanceof MobileFlowError));
      expectEqual(await kit.setupOf(otherUser), winner, "the setup is the winner's");
    },
  },
  {
    name: 'every new state of a setup carries a new etag, whichever action made it',
    promise: 8,
    async run(kit) {
      const { user } = kit;
      await kit.ownPinCode(user);
      const admin = kit.as('administrator');
      const states = [await kit.setupOf(user)];
      await kit.verify(user, kit.freshPinCode());
      states.push(await kit.setupOf(user));
      states.push((await admin.issueTemporaryPinCode(user.setupId)).userSetup);
      states.push(await admin.updateUserSetup(states.at(-1)!, { passwordMandatory: true }));
      states.push(await admin.updateUserSetup(states.at(-1)!, { passwordMandatory: false }));
      const etags = states.map((state) => state['@odata.etag']);
      expectEqual(new Set(etags).size, etags.length, `the etags of ${etags.length} states (${etags.join(', ')})`);
    },
  },
  {
    name: 'actions at once on one user decide on the state inside their own write: nothing is lost',
    promise: 8,
    async run(kit) {
      const { user } = kit;
      const pinCode = await kit.ownPinCode(user);
      const admin = kit.as('administrator');
      const max = kit.policy.maxFailedAttempts;
      const setup = await kit.setupOf(user);
      // Wrong codes on the device, while an administrator saves the setup: a host that writes back a copy read before
      // the other write loses either the count or the setting.
      const answers = await Promise.all([
        ...Array.from({ length: max - 1 }, () => kit.verify(user, kit.freshPinCode()).catch((error) => error)),
        admin.updateUserSetup({ id: setup.id, '@odata.etag': '*' }, { passwordMandatory: true }),
      ]);
      const remaining = answers
        .slice(0, -1)
        .map((answer) => answer.remainingAttempts)
        .sort((a, b) => b - a);
      expectEqual(
        remaining,
        Array.from({ length: max - 1 }, (_, index) => max - 1 - index),
        'the attempts left told to the wrong codes',
      );
      const after = await kit.setupOf(user);
      expectEqual(after.passwordMandatory, true, 'the saved setting');
      await expectError(kit.verify(user, kit.freshPinCode()), 'PinCode_Locked', 'one more wrong code: the lock');
      await expectError(kit.verify(user, pinCode), 'PinCode_Locked', 'the right code, locked');
      await kit.reset(user);
    },
  },
];
