import { describe, expect, it } from 'vitest';
import { parseWholeNumber } from './numbers';

describe('parseWholeNumber', () => {
  it('reads half- and full-width digits with separators', () => {
    expect(parseWholeNumber('330')).toBe(330);
    expect(parseWholeNumber('１，３２０')).toBe(1320);
    expect(parseWholeNumber(' 1,320 ')).toBe(1320);
  });

  it('gives null for an empty field and the text itself for anything else', () => {
    expect(parseWholeNumber('')).toBeNull();
    expect(parseWholeNumber('  ')).toBeNull();
    expect(parseWholeNumber('12.5')).toBe('12.5');
    expect(parseWholeNumber('abc')).toBe('abc');
  });
});
