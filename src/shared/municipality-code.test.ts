import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeCheckDigit,
  isValidMunicipalityCode,
  parseMunicipalityCode,
  prefectureCodeOf,
  toMunicipalityCode,
} from './municipality-code';

const digit = fc.integer({ min: 0, max: 9 });
const fiveDigits = fc.array(digit, { minLength: 5, maxLength: 5 }).map((ds) => ds.join(''));

/** The weighted sum mod 11, computed independently of the implementation's final mod-10 step. */
function weightedRemainder(digits: string): number {
  const weights = [6, 5, 4, 3, 2];
  return weights.reduce((sum, w, i) => sum + w * Number(digits[i]), 0) % 11;
}

describe('computeCheckDigit / toMunicipalityCode', () => {
  it.each([
    ['07201', '072010'], // 福島市
    ['07402', '074021'], // 北塩原村
    ['07202', '072028'],
    ['07203', '072036'],
    ['07204', '072044'],
    ['13101', '131016'], // 千代田区
    ['01100', '011002'], // 札幌市
  ])('%s → %s', (five, six) => {
    expect(toMunicipalityCode(five)).toBe(six);
    expect(computeCheckDigit(five)).toBe(Number(six[5]));
  });

  it.each(['', '1234', '123456', '0720a', '０７２０１', ' 07201'])('rejects %j', (bad) => {
    expect(() => computeCheckDigit(bad)).toThrow(RangeError);
  });
});

describe('isValidMunicipalityCode', () => {
  it('accepts known codes and rejects wrong check digits', () => {
    expect(isValidMunicipalityCode('072010')).toBe(true);
    expect(isValidMunicipalityCode('074021')).toBe(true);
    expect(isValidMunicipalityCode('072011')).toBe(false);
  });

  it.each(['07201', '0720100', '０７２０１０', ' 072010', '07201a', '７2010'])(
    'rejects malformed %j',
    (bad) => {
      expect(isValidMunicipalityCode(bad)).toBe(false);
    },
  );

  it('accepts the computed code of every five-digit string', () => {
    fc.assert(fc.property(fiveDigits, (five) => isValidMunicipalityCode(toMunicipalityCode(five))));
  });

  /*
   * Changing dᵢ by δ (1 ≤ |δ| ≤ 9) changes the weighted sum by wᵢ·δ with
   * wᵢ ∈ 2..6. Since 11 is prime and neither factor is a multiple of 11, the
   * remainder mod 11 always changes. But the final "mod 10" maps remainders 0
   * and 10 to the same check digit (1), so a change that moves the remainder
   * between 0 and 10 goes undetected. Changing the check digit itself is
   * always detected because it is a function of the other five.
   */
  it('detects a single-digit change exactly when it does not swap the remainder between 0 and 10', () => {
    fc.assert(
      fc.property(
        fiveDigits,
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 1, max: 9 }),
        (five, position, shift) => {
          const code = toMunicipalityCode(five);
          const replacement = String((Number(code[position]) + shift) % 10);
          const mutated = code.slice(0, position) + replacement + code.slice(position + 1);
          let expectedValid = false;
          if (position < 5) {
            const pair = [weightedRemainder(code), weightedRemainder(mutated)].sort((a, b) => a - b);
            expectedValid = pair[0] === 0 && pair[1] === 10;
          }
          expect(isValidMunicipalityCode(mutated)).toBe(expectedValid);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('has undetectable single-digit changes, so the exception above is real', () => {
    // 07402 sums to 55 (≡ 0) and 07407 to 65 (≡ 10): both get check digit 1.
    expect(isValidMunicipalityCode('074021')).toBe(true);
    expect(isValidMunicipalityCode('074071')).toBe(true);
  });
});

describe('prefectureCodeOf', () => {
  it('returns the leading pair of either form', () => {
    expect(prefectureCodeOf('072010')).toBe('07');
    expect(prefectureCodeOf('13101')).toBe('13');
  });

  it('rejects other shapes', () => {
    expect(() => prefectureCodeOf('7')).toThrow(RangeError);
    expect(() => prefectureCodeOf('０７２０１０')).toThrow(RangeError);
  });
});

describe('parseMunicipalityCode', () => {
  it.each([
    ['072010', '072010'],
    ['07201', '072010'],
    ['  074021\n', '074021'],
    ['０７４０２', '074021'],
    ['\u3000０７２０１０\u3000', '072010'],
    ['07２01', '072010'],
  ])('accepts %j as %s', (input, code) => {
    expect(parseMunicipalityCode(input)).toEqual({ ok: true, code });
  });

  it.each(['', '0720', '0720100', '07-201', '07201a', '０７２０'])(
    'reports %j as a format error',
    (input) => {
      expect(parseMunicipalityCode(input)).toEqual({ ok: false, reason: 'format' });
    },
  );

  it('reports a wrong check digit rather than repairing it', () => {
    expect(parseMunicipalityCode('072019')).toEqual({ ok: false, reason: 'checkDigit' });
  });

  it('agrees with isValidMunicipalityCode on six-digit input', () => {
    fc.assert(
      fc.property(fiveDigits, digit, (five, check) => {
        const code = `${five}${check}`;
        const result = parseMunicipalityCode(code);
        expect(result.ok).toBe(isValidMunicipalityCode(code));
      }),
    );
  });
});
