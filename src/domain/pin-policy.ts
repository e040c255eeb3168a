import {
  DEFAULT_PIN_POLICY,
  PIN_POLICY_LIMITS,
  PIN_RULES,
  type PinPolicy,
  type PinRule,
  type PinRuleViolation,
} from './contract.generated.js';

/**
 * DataGenetics' 20 most common four-digit PIN codes: together they are 26.8 % of real PIN codes.
 * https://www.datagenetics.com/blog/september32012/
 */
export const COMMON_FOUR_DIGIT_PIN_CODES: readonly string[] = [
  '1234',
  '1111',
  '0000',
  '1212',
  '7777',
  '1004',
  '2000',
  '4444',
  '2222',
  '6969',
  '9999',
  '3333',
  '5555',
  '6666',
  '1122',
  '1313',
  '8888',
  '4321',
  '2001',
  '1010',
];

/** What the rules need beyond the PIN code itself; only the host knows the history. */
export interface PinCheckContext {
  /** The temporary PIN code being replaced, when the current code is a temporary one. */
  temporaryPinCode?: string;
  /** Set by the host when the PIN code matches one of the user's last `historyDepth` PIN codes. */
  recentlyUsed?: boolean;
}

const digits = (pin: string) => Array.from(pin, Number);

const isOneRepeatedDigit = (pin: string) => pin.length > 1 && /^(\d)\1+$/.test(pin);

/** 123456, 987654, and runs that wrap around: 890123. */
function isRun(pin: string): boolean {
  if (pin.length < 3) return false;
  const values = digits(pin);
  const steps = values.slice(1).map((value, i) => (value - values[i] + 10) % 10);
  return steps.every((step) => step === 1) || steps.every((step) => step === 9);
}

/** 121212, 123123, 12121: a group of two or more digits, repeated. */
function isRepeatedGroup(pin: string): boolean {
  if (isOneRepeatedDigit(pin)) return false;
  for (let period = 2; period * 2 <= pin.length; period += 1) {
    let repeats = true;
    for (let i = period; i < pin.length && repeats; i += 1) repeats = pin[i] === pin[i - period];
    if (repeats) return true;
  }
  return false;
}

/**
 * The common four-digit codes and their shapes at 5–12 digits that no other rule covers:
 * 2000/1004/2001 (a digit, zeros, a digit: 200000, 100004) and 1122 (doubled digits counting up: 112233).
 */
function isCommon(pin: string): boolean {
  if (pin.length === 4 && COMMON_FOUR_DIGIT_PIN_CODES.includes(pin)) return true;
  if (/^[1-9]0{2,}\d$/.test(pin)) return true;
  if (pin.length >= 4 && pin.length % 2 === 0 && /^(?:(\d)\1)+$/.test(pin)) {
    const pairs = digits(pin).filter((_, i) => i % 2 === 0);
    return pairs.slice(1).every((value, i) => value === (pairs[i] + 1) % 10);
  }
  return false;
}

/**
 * Every rule of the PIN policy that `pin` breaks, in the order of `PIN_RULES`; an empty array when it breaks none.
 * The same function gives the dialog its live checklist and the host its verdict.
 */
export function checkPinCode(
  pin: string,
  policy: Pick<PinPolicy, 'minLength' | 'maxLength' | 'historyDepth'>,
  context: PinCheckContext = {},
): PinRuleViolation[] {
  const digitsOnly = /^[0-9]*$/.test(pin);
  const shaped = digitsOnly && pin.length > 0;
  const broken: Record<PinRule, boolean> = {
    digitsOnly: !digitsOnly,
    tooShort: pin.length < policy.minLength,
    tooLong: pin.length > policy.maxLength,
    repeatedDigit: shaped && isOneRepeatedDigit(pin),
    sequence: shaped && isRun(pin),
    repeatedGroup: shaped && isRepeatedGroup(pin),
    common: shaped && isCommon(pin),
    recentlyUsed: context.recentlyUsed === true,
    sameAsTemporary: context.temporaryPinCode !== undefined && pin === context.temporaryPinCode,
    administratorMayNotChoose: false,
  };
  const figures: Partial<Record<PinRule, Omit<PinRuleViolation, 'rule'>>> = {
    tooShort: { minLength: policy.minLength },
    tooLong: { maxLength: policy.maxLength },
    recentlyUsed: { historyDepth: policy.historyDepth },
  };
  return PIN_RULES.filter((rule) => broken[rule]).map((rule) => ({ rule, ...figures[rule] }));
}

/**
 * The full PIN policy from a host's partial one: defaults for what is missing, and a RangeError that names the
 * field for what is out of range.
 */
export function resolvePinPolicy(partial: Partial<PinPolicy> = {}): PinPolicy {
  const policy: PinPolicy = { ...DEFAULT_PIN_POLICY, ...partial };
  for (const [field, { minimum, maximum }] of Object.entries(PIN_POLICY_LIMITS)) {
    const value = policy[field as keyof typeof PIN_POLICY_LIMITS];
    if (!Number.isInteger(value) || value < minimum || value > maximum) {
      throw new RangeError(
        `PIN policy: ${field} must be a whole number from ${minimum} to ${maximum}, not ${String(value)}.`,
      );
    }
  }
  if (policy.minLength > policy.maxLength) {
    throw new RangeError(
      `PIN policy: minLength (${policy.minLength}) must not be more than maxLength (${policy.maxLength}).`,
    );
  }
  if (typeof policy.administratorMayChoosePinCode !== 'boolean') {
    throw new RangeError('PIN policy: administratorMayChoosePinCode must be true or false.');
  }
  return policy;
}
