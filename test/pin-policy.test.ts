import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  COMMON_FOUR_DIGIT_PIN_CODES,
  DEFAULT_PIN_POLICY,
  PIN_POLICY_LIMITS,
  PIN_RULES,
  checkPinCode,
  generateTemporaryPinCode,
  resolvePinPolicy,
  type PinPolicy,
  type PinRule,
} from '../src/domain/index.js';

const policy: PinPolicy = DEFAULT_PIN_POLICY;
const rulesOf = (pin: string, context = {}, over = policy) =>
  checkPinCode(pin, over, context).map((violation) => violation.rule);
const digit = fc.integer({ min: 0, max: 9 });

describe('the PIN policy', () => {
  describe('names every rule a PIN code breaks, with its stable code', () => {
    const examples: Array<[string, PinRule[], object?]> = [
      ['73a9x1', ['digitsOnly']],
      ['٣٣٤٥٦٧', ['digitsOnly']],
      ['7391', ['tooShort']],
      ['739204518', ['tooLong']],
      ['000000', ['repeatedDigit']],
      ['123456', ['sequence']],
      ['987654', ['sequence']],
      ['890123', ['sequence']],
      ['121212', ['repeatedGroup']],
      ['123123', ['repeatedGroup']],
      ['200000', ['common']],
      ['100004', ['common']],
      ['112233', ['common']],
      ['1212', ['tooShort', 'repeatedGroup', 'common']],
      ['1111', ['tooShort', 'repeatedDigit', 'common']],
      ['739204', ['recentlyUsed'], { recentlyUsed: true }],
      ['739204', ['sameAsTemporary'], { temporaryPinCode: '739204' }],
      ['', ['tooShort']],
      ['739204', []],
      ['73920451', []],
    ];
    for (const [pin, rules, context] of examples) {
      it(`"${pin}"${context ? ` with ${JSON.stringify(context)}` : ''} breaks ${rules.join(', ') || 'nothing'}`, () => {
        expect(rulesOf(pin, context)).to.deep.equal(rules);
      });
    }
  });

  it('refuses every one of the 20 most common four-digit PIN codes', () => {
    const fourDigits = { ...policy, minLength: 4 };
    for (const pin of COMMON_FOUR_DIGIT_PIN_CODES) expect(rulesOf(pin, {}, fourDigits), pin).to.not.be.empty;
    expect(rulesOf('7391', {}, fourDigits)).to.be.empty;
  });

  it('says which length and which history depth a rule refers to', () => {
    expect(checkPinCode('123', policy)[0]).to.deep.equal({ rule: 'tooShort', minLength: 6 });
    expect(checkPinCode('739204518', policy)[0]).to.deep.equal({ rule: 'tooLong', maxLength: 8 });
    expect(checkPinCode('739204', policy, { recentlyUsed: true })[0]).to.deep.equal({
      rule: 'recentlyUsed',
      historyDepth: 3,
    });
  });

  describe('properties', () => {
    it('never throws, and answers only known rules, in order, each once', () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 200 }), fc.boolean(), (pin, recentlyUsed) => {
          const rules = rulesOf(pin, { recentlyUsed });
          const order = rules.map((rule) => PIN_RULES.indexOf(rule));
          expect(order.every((index, i) => index >= 0 && (i === 0 || index > order[i - 1]))).to.equal(true);
        }),
      );
    });

    it('refuses anything that is not only the digits 0 to 9', () => {
      fc.assert(
        fc.property(
          fc.string({ minLength: 1, maxLength: 20 }).filter((pin) => /[^0-9]/.test(pin)),
          (pin) => {
            expect(rulesOf(pin)).to.include('digitsOnly');
          },
        ),
      );
    });

    it('refuses a PIN code outside minLength..maxLength, and only then', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 4, max: 12 }),
          fc.integer({ min: 4, max: 12 }),
          fc.stringMatching(/^[0-9]{0,16}$/),
          (a, b, pin) => {
            const lengths = { ...policy, minLength: Math.min(a, b), maxLength: Math.max(a, b) };
            const rules = rulesOf(pin, {}, lengths);
            expect(rules.includes('tooShort')).to.equal(pin.length < lengths.minLength);
            expect(rules.includes('tooLong')).to.equal(pin.length > lengths.maxLength);
          },
        ),
      );
    });

    it('refuses one digit repeated, at every length', () => {
      fc.assert(
        fc.property(digit, fc.integer({ min: 4, max: 12 }), (d, length) => {
          expect(rulesOf(String(d).repeat(length))).to.include('repeatedDigit');
        }),
      );
    });

    it('refuses every ascending and descending run, at every length and start', () => {
      fc.assert(
        fc.property(digit, fc.integer({ min: 4, max: 12 }), fc.constantFrom(1, 9), (start, length, step) => {
          const pin = Array.from({ length }, (_, i) => (start + i * step) % 10).join('');
          expect(rulesOf(pin)).to.include('sequence');
        }),
      );
    });

    it('refuses a repeated group of two or more digits', () => {
      fc.assert(
        fc.property(
          fc.stringMatching(/^[0-9]{2,4}$/).filter((group) => !/^(\d)\1+$/.test(group)),
          fc.integer({ min: 2, max: 4 }),
          (group, times) => {
            expect(rulesOf(group.repeat(times))).to.include('repeatedGroup');
          },
        ),
      );
    });

    it('gives temporary codes that break no rule of their own length', () => {
      fc.assert(
        fc.property(fc.integer({ min: 6, max: 12 }), (length) => {
          const code = generateTemporaryPinCode(length);
          expect(code).to.match(new RegExp(`^[0-9]{${length}}$`));
          expect(checkPinCode(code, { minLength: length, maxLength: length, historyDepth: 0 })).to.deep.equal([]);
        }),
        { numRuns: 200 },
      );
    });

    it('accepts most random six-digit codes, so a user can find one', () => {
      const accepted = fc.sample(fc.stringMatching(/^[0-9]{6}$/), 1000).filter((pin) => rulesOf(pin).length === 0);
      expect(accepted.length).to.be.greaterThan(950);
    });
  });
});

describe('resolvePinPolicy', () => {
  it('fills in the contract defaults', () => {
    expect(resolvePinPolicy()).to.deep.equal({
      minLength: 6,
      maxLength: 8,
      historyDepth: 3,
      maxFailedAttempts: 5,
      lockoutMinutes: 15,
      temporaryLength: 8,
      temporaryTtlHours: 72,
      maxDeviceFailures: 20,
      deviceFailureWindowMinutes: 10,
      administratorMayChoosePinCode: true,
    });
    expect(resolvePinPolicy({ minLength: 4 }).minLength).to.equal(4);
  });

  it('refuses every field out of its range, naming the field and the range', () => {
    for (const [field, { minimum, maximum }] of Object.entries(PIN_POLICY_LIMITS)) {
      for (const value of [minimum - 1, maximum + 1, 2.5]) {
        const partial = field === 'minLength' ? { minLength: value, maxLength: 12 } : { [field]: value };
        expect(() => resolvePinPolicy(partial), `${field}=${value}`).to.throw(
          RangeError,
          new RegExp(`${field} must be a whole number from ${minimum} to ${maximum}`),
        );
      }
    }
    expect(() => resolvePinPolicy({ minLength: 9, maxLength: 8 })).to.throw(
      RangeError,
      /minLength \(9\) must not be more than maxLength \(8\)/,
    );
    expect(() => resolvePinPolicy({ administratorMayChoosePinCode: 'yes' as unknown as boolean })).to.throw(
      RangeError,
      /true or false/,
    );
  });
});
