import { checkPinCode, generateTemporaryPinCode, type PinRule } from '../../domain/index.js';
import { expectEqual, expectError, expectTrue, NotRun, type Kit } from '../kit.js';
import type { ConformanceCheck } from './check.js';

/** A code that breaks `rule` of the host's policy (and maybe others), or undefined where the policy allows none. */
function breaking(rule: PinRule, kit: Kit): string | undefined {
  const { minLength: length, maxLength } = kit.policy;
  const random = (digits: number) => generateTemporaryPinCode(digits);
  const candidates: Partial<Record<PinRule, string | false>> = {
    digitsOnly: `${random(length).slice(0, -1)}x`,
    tooShort: length > 1 && random(length - 1),
    tooLong: random(maxLength + 1),
    repeatedDigit: '5'.repeat(length),
    sequence: Array.from({ length }, (_, index) => (3 + index) % 10).join(''),
    repeatedGroup: '37'.repeat(length).slice(0, length),
    common: `2${'0'.repeat(length - 2)}1`,
  };
  const candidate = candidates[rule];
  return candidate && checkPinCode(candidate, kit.policy).some((violation) => violation.rule === rule)
    ? candidate
    : undefined;
}

const SHAPE_RULES: PinRule[] = [
  'digitsOnly',
  'tooShort',
  'tooLong',
  'repeatedDigit',
  'sequence',
  'repeatedGroup',
  'common',
];

/** Promise 6: the policy's rules, straight against the API, with the reasons. */
export const PIN_POLICY_CHECKS: ConformanceCheck[] = [
  {
    name: 'a weak new code is refused with every rule it breaks, and no attempt is counted',
    promise: 6,
    async run(kit) {
      const { user } = kit;
      const temporary = await kit.temporaryPinCode(user);
      const mark = await kit.eventMark(user);
      const client = kit.as('user');
      for (const rule of SHAPE_RULES) {
        const newPinCode = breaking(rule, kit);
        if (newPinCode === undefined) continue;
        const error = await expectError(
          client.changePinCode({ currentPinCode: temporary, newPinCode }),
          'PinCode_PolicyViolation',
          `a new code that breaks ${rule} (${newPinCode})`,
        );
        expectEqual(error.details, checkPinCode(newPinCode, kit.policy), `the reasons for ${newPinCode}`);
      }
      const same = await expectError(
        client.changePinCode({ currentPinCode: temporary, newPinCode: temporary }),
        'PinCode_PolicyViolation',
        'the temporary code as the new one',
      );
      expectEqual(same.details, [{ rule: 'sameAsTemporary' }], 'the reason');
      expectEqual(await kit.eventsSince(user, mark), [], 'events after refused codes (none is a wrong guess)');
      await client.changePinCode({ currentPinCode: temporary, newPinCode: kit.freshPinCode() });
    },
  },
  {
    name: "the user's last historyDepth PIN codes are refused, and the one before them is allowed",
    promise: 6,
    async run(kit) {
      const depth = kit.policy.historyDepth;
      if (depth === 0) throw new NotRun('the policy keeps no history (historyDepth 0)');
      const { user } = kit;
      const client = kit.as('user');
      const codes = [await kit.ownPinCode(user)];
      for (let step = 0; step < depth; step++) {
        const next = kit.freshPinCode();
        await client.changePinCode({ currentPinCode: codes.at(-1)!, newPinCode: next });
        codes.push(next);
      }
      const current = codes.at(-1)!;
      for (const recent of codes.slice(1).reverse()) {
        const error = await expectError(
          client.changePinCode({ currentPinCode: current, newPinCode: recent }),
          'PinCode_PolicyViolation',
          `one of the last ${depth} codes`,
        );
        expectEqual(error.details, [{ rule: 'recentlyUsed', historyDepth: depth }], 'the reason');
      }
      const result = await client.changePinCode({ currentPinCode: current, newPinCode: codes[0] });
      expectTrue(result.changedAt, `the code ${depth + 1} changes back is allowed again`);
    },
  },
];
