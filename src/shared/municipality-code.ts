/**
 * 全国地方公共団体コード: five digits (two for the prefecture, three for the
 * municipality) followed by a check digit. Many source spreadsheets carry only
 * the five-digit form, so parsing accepts both and always yields the six-digit
 * code that the rest of the product stores.
 */

const WEIGHTS = [6, 5, 4, 3, 2] as const;

export type MunicipalityCodeParseResult =
  | { ok: true; code: string }
  | { ok: false; reason: 'format' | 'checkDigit' };

/** The check digit defined by 総務省: (11 − Σ wᵢ·dᵢ mod 11) mod 10 with weights 6,5,4,3,2. */
export function computeCheckDigit(fiveDigits: string): number {
  if (!/^[0-9]{5}$/.test(fiveDigits)) {
    throw new RangeError(`Expected five ASCII digits, got ${JSON.stringify(fiveDigits)}`);
  }
  let sum = 0;
  for (let i = 0; i < WEIGHTS.length; i++) {
    sum += WEIGHTS[i]! * Number(fiveDigits[i]);
  }
  return (11 - (sum % 11)) % 10;
}

export function toMunicipalityCode(fiveDigits: string): string {
  return `${fiveDigits}${computeCheckDigit(fiveDigits)}`;
}

export function isValidMunicipalityCode(code: string): boolean {
  return /^[0-9]{6}$/.test(code) && computeCheckDigit(code.slice(0, 5)) === Number(code[5]);
}

/** Works on both the five- and six-digit forms because the prefecture is always the leading pair. */
export function prefectureCodeOf(code: string): string {
  if (!/^[0-9]{5,6}$/.test(code)) {
    throw new RangeError(`Expected a five- or six-digit municipality code, got ${JSON.stringify(code)}`);
  }
  return code.slice(0, 2);
}

/**
 * Lenient on the shapes people actually paste (surrounding spaces, full-width
 * digits from Japanese IMEs, the check digit omitted) but strict on the
 * digits themselves: a six-digit code whose check digit is wrong is reported
 * rather than silently repaired, because it usually means a typo elsewhere.
 */
export function parseMunicipalityCode(input: string): MunicipalityCodeParseResult {
  const normalized = input.trim().replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (/^[0-9]{5}$/.test(normalized)) {
    return { ok: true, code: toMunicipalityCode(normalized) };
  }
  if (!/^[0-9]{6}$/.test(normalized)) {
    return { ok: false, reason: 'format' };
  }
  return isValidMunicipalityCode(normalized)
    ? { ok: true, code: normalized }
    : { ok: false, reason: 'checkDigit' };
}
