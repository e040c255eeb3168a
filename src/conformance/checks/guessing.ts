import { MobileFlowError } from '../../api/index.js';
import type { VerifyPinCodeResult } from '../../domain/index.js';
import { expectEqual, expectError, expectTrue, NotRun, type Kit, type KitUser } from '../kit.js';
import type { ConformanceCheck } from './check.js';

const sameNumbers = (a: number[], b: number[]) => a.join() === b.join();
const countOf = (events: string[], type: string) => events.filter((event) => event === type).length;

const isLocked = (answer: unknown): answer is MobileFlowError =>
  answer instanceof MobileFlowError && answer.code === 'PinCode_Locked';

/**
 * A burst's answers to wrong codes, sorted: the attempts left told to the counted ones (most first), the ones answered
 * PinCode_Locked, and any other answer.
 */
function sortBurst(answers: unknown[], wrongAnswer: (answer: unknown) => number | undefined) {
  const remaining = answers
    .map(wrongAnswer)
    .filter((left): left is number => left !== undefined)
    .sort((a, b) => b - a);
  const locked = answers.filter(isLocked);
  const other = answers.filter((answer) => wrongAnswer(answer) === undefined && !isLocked(answer));
  return { remaining, locked, other };
}
const descending = (from: number) => Array.from({ length: Math.max(from, 0) }, (_, index) => from - index);

/** How many wrong guesses a burst sends at once: well past the lock. */
const burstSize = (kit: Kit) => Math.max(3 * kit.policy.maxFailedAttempts, 12);

/**
 * Sends a burst of wrong guesses at once and checks what promise 5 says of it: every guess counted, so exactly
 * maxFailedAttempts − 1 are told how many attempts remain (each number once) and every other one is PinCode_Locked;
 * exactly maxFailedAttempts failed attempts and one lock are recorded; and the right code is then refused too.
 */
async function burst(
  kit: Kit,
  who: KitUser,
  guess: () => Promise<unknown>,
  wrongAnswer: (answer: unknown) => number | undefined,
  rightCode: () => Promise<unknown>,
) {
  const max = kit.policy.maxFailedAttempts;
  const mark = await kit.eventMark(who);
  const answers = await Promise.all(Array.from({ length: burstSize(kit) }, () => guess().catch((error) => error)));
  const { remaining, locked, other } = sortBurst(answers, wrongAnswer);
  expectEqual(
    other.map((answer) => (answer instanceof MobileFlowError ? `${answer.code}: ${answer.message}` : answer)),
    [],
    'answers in the burst that are neither a counted wrong code nor PinCode_Locked',
  );
  expectEqual(
    remaining,
    descending(max - 1),
    `the attempts left told to the ${burstSize(kit)} guesses (each count once, then the lock)`,
  );
  expectEqual(locked.length, burstSize(kit) - (max - 1), 'the guesses answered PinCode_Locked');
  const until = new Set(locked.map((error) => error.lockedUntil));
  expectTrue(until.size === 1 && !until.has(undefined), `one lockedUntil for the whole burst, got ${[...until]}`);
  const events = await kit.eventsSince(who, mark);
  expectEqual(
    [countOf(events, 'failedAttempt'), countOf(events, 'locked')],
    [max, 1],
    'the failed attempts and locks recorded (maxFailedAttempts, then one lock)',
  );
  await expectError(rightCode(), 'PinCode_Locked', 'the right code after the burst');
}

const wrongDeviceAnswer = (answer: unknown) => {
  const result = answer as Partial<VerifyPinCodeResult>;
  return result && result.valid === false && !(answer instanceof Error) ? result.remainingAttempts : undefined;
};
const wrongChangeAnswer = (answer: unknown) =>
  answer instanceof MobileFlowError && answer.code === 'PinCode_CurrentInvalid' ? answer.remainingAttempts : undefined;

/** Promise 5: wrong PIN codes counted towards the lock, one by one, in bursts, through both doors. */
export const GUESSING_CHECKS: ConformanceCheck[] = [
  {
    name: 'wrong current codes in the change are counted one by one, then the user is locked, even for the right code',
    promise: 5,
    async run(kit) {
      const { user } = kit;
      const pinCode = await kit.ownPinCode(user);
      const client = kit.as('user');
      const wrong = { currentPinCode: kit.freshPinCode(), newPinCode: kit.freshPinCode() };
      for (const remaining of descending(kit.policy.maxFailedAttempts - 1)) {
        const error = await expectError(client.changePinCode(wrong), 'PinCode_CurrentInvalid', 'a wrong current code');
        expectEqual(error.remainingAttempts, remaining, 'the attempts left');
      }
      const locked = await expectError(client.changePinCode(wrong), 'PinCode_Locked', 'the last wrong code');
      expectTrue(locked.lockedUntil, 'PinCode_Locked says until when');
      const right = await expectError(
        client.changePinCode({ currentPinCode: pinCode, newPinCode: kit.freshPinCode() }),
        'PinCode_Locked',
        'the right code while locked',
      );
      expectEqual(right.lockedUntil, locked.lockedUntil, 'the same lock');
      expectEqual((await client.getSession()).lockedUntil, locked.lockedUntil, 'the session says until when');
      const device = await expectError(kit.verify(user, pinCode), 'PinCode_Locked', 'the device while locked');
      expectEqual(device.lockedUntil, locked.lockedUntil, 'the same lock on the device');
    },
  },
  {
    name: 'wrong codes on the device are counted one by one, the lock holds, and the administrator unlocks',
    promise: 5,
    async run(kit) {
      const { user } = kit;
      const pinCode = await kit.ownPinCode(user);
      for (const remainingAttempts of descending(kit.policy.maxFailedAttempts - 1))
        expectEqual(
          await kit.verify(user, kit.freshPinCode()),
          { valid: false, mustChange: false, remainingAttempts },
          'a wrong code on the device',
        );
      const locked = await expectError(kit.verify(user, kit.freshPinCode()), 'PinCode_Locked', 'the last wrong code');
      await expectError(kit.verify(user, pinCode), 'PinCode_Locked', 'the right code while locked');
      const lockedSetups = await kit.as('administrator').listUserSetups({ lockedOnly: true, search: user.userId });
      expectTrue(
        lockedSetups.value.some((setup) => setup.userId === user.userId && setup.lockedUntil === locked.lockedUntil),
        'the administrator finds the user among the locked, with the same lockedUntil',
      );
      const unlocked = await kit.as('administrator').unlockPinCode(user.setupId);
      expectEqual(unlocked.lockedUntil, null, 'the setup after the unlock');
      expectEqual(await kit.verify(user, pinCode), { valid: true, mustChange: false }, 'the right code, unlocked');
    },
  },
  {
    name: 'the lock ends after lockoutMinutes',
    promise: 5,
    async run(kit) {
      const hooks = kit.hooks('a test clock (the lock ends after lockoutMinutes)');
      const { user } = kit;
      const pinCode = await kit.ownPinCode(user);
      await kit.lockOut(user);
      await expectError(kit.verify(user, pinCode), 'PinCode_Locked', 'the right code while locked');
      await hooks.advance(kit.lockoutMs - 1000);
      await expectError(kit.verify(user, pinCode), 'PinCode_Locked', 'the right code a second before the end');
      await hooks.advance(2000);
      expectEqual((await kit.as('user').getSession()).lockedUntil, null, 'the session after the lock');
      expectEqual(await kit.verify(user, pinCode), { valid: true, mustChange: false }, 'the right code after');
    },
  },
  {
    name: 'an empty code is a wrong code, counted like any other',
    promise: 5,
    async run(kit) {
      const { user } = kit;
      await kit.ownPinCode(user);
      const max = kit.policy.maxFailedAttempts;
      if (max < 3) throw new NotRun(`it needs maxFailedAttempts of 3 or more, and the policy says ${max}`);
      expectEqual(
        await kit.verify(user, ''),
        { valid: false, mustChange: false, remainingAttempts: max - 1 },
        'an empty code on the device',
      );
      const error = await expectError(
        kit.as('user').changePinCode({ currentPinCode: '', newPinCode: kit.freshPinCode() }),
        'PinCode_CurrentInvalid',
        'an empty current code in the change',
      );
      expectEqual(error.remainingAttempts, max - 2, 'the attempts left');
    },
  },
  {
    name: 'a burst of wrong codes at once on the device counts every one: exactly maxFailedAttempts, then the lock',
    promise: 5,
    async run(kit) {
      const { user } = kit;
      const pinCode = await kit.ownPinCode(user);
      await burst(
        kit,
        user,
        () => kit.verify(user, kit.freshPinCode()),
        wrongDeviceAnswer,
        () => kit.verify(user, pinCode),
      );
    },
  },
  {
    name: 'the right code inside a burst of wrong ones: every guess counted, the right one valid only before the lock',
    promise: 5,
    async run(kit) {
      const { user } = kit;
      const pinCode = await kit.ownPinCode(user);
      const max = kit.policy.maxFailedAttempts;
      const mark = await kit.eventMark(user);
      const size = burstSize(kit);
      const place = Math.floor(size / 3);
      const answers = await Promise.all(
        Array.from({ length: size }, (_, index) =>
          kit.verify(user, index === place ? pinCode : kit.freshPinCode()).catch((error) => error),
        ),
      );
      const right = answers[place];
      const wrong = answers.filter((_, index) => index !== place);
      const { remaining, locked } = sortBurst(wrong, wrongDeviceAnswer);
      expectEqual(remaining.length + locked.length, wrong.length, 'every wrong code is counted or answered locked');
      const events = await kit.eventsSince(user, mark);
      const failed = countOf(events, 'failedAttempt');
      expectEqual(countOf(events, 'locked'), 1, 'locks recorded');
      if (right instanceof MobileFlowError) {
        expectEqual(right.code, 'PinCode_Locked', 'the right code, answered after the lock');
        expectEqual(remaining, descending(max - 1), 'the attempts left told to the wrong codes');
        expectEqual(failed, max, 'the failed attempts recorded');
      } else {
        expectEqual(right, { valid: true, mustChange: false }, 'the right code, answered before the lock');
        // A host may keep the count across a right code, or clear it (then the `before` wrong codes ahead of the right
        // one were counted once, and the lock took a full count after it). Either way, every guess is counted once.
        const kept = sameNumbers(remaining, descending(max - 1)) && failed === max;
        if (!kept) {
          const before = remaining.length - (max - 1);
          expectTrue(before >= 0 && before < max, `${before} wrong codes counted before the right one`);
          expectEqual(
            remaining,
            [...descending(max - 1), ...descending(max - 1).slice(0, before)].sort((a, b) => b - a),
            'the attempts left told to the wrong codes (a count before the right code, a full count after it)',
          );
          expectEqual(failed, before + max, 'the failed attempts recorded');
        }
      }
      await expectError(kit.verify(user, pinCode), 'PinCode_Locked', 'the right code after the burst');
    },
  },
  {
    name: 'a burst of wrong current codes at once in the change counts every one, then the lock',
    promise: 5,
    async run(kit) {
      const { user } = kit;
      const pinCode = await kit.ownPinCode(user);
      const client = kit.as('user');
      await burst(
        kit,
        user,
        () => client.changePinCode({ currentPinCode: kit.freshPinCode(), newPinCode: kit.freshPinCode() }),
        wrongChangeAnswer,
        () => client.changePinCode({ currentPinCode: pinCode, newPinCode: kit.freshPinCode() }),
      );
    },
  },
  {
    name: 'wrong codes through both doors at once are counted together',
    promise: 5,
    async run(kit) {
      const { user } = kit;
      const pinCode = await kit.ownPinCode(user);
      const client = kit.as('user');
      let door = 0;
      await burst(
        kit,
        user,
        () =>
          door++ % 2
            ? kit.verify(user, kit.freshPinCode())
            : client.changePinCode({ currentPinCode: kit.freshPinCode(), newPinCode: kit.freshPinCode() }),
        (answer) => wrongDeviceAnswer(answer) ?? wrongChangeAnswer(answer),
        () => kit.verify(user, pinCode),
      );
    },
  },
];
