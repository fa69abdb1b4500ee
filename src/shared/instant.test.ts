import { describe, expect, it } from 'vitest';
import { isRealInstant } from './instant';

describe('isRealInstant', () => {
  it('accepts instants with an offset or Z, leap days included', () => {
    expect(isRealInstant('2024-07-01T13:30:00+09:00')).toBe(true);
    expect(isRealInstant('2024-07-01T04:30:00.000Z')).toBe(true);
    expect(isRealInstant('2024-02-29T10:00+09:00')).toBe(true);
  });

  it('refuses dates that do not exist instead of rolling them over', () => {
    expect(isRealInstant('2024-02-30T10:00:00+09:00')).toBe(false);
    expect(isRealInstant('2023-02-29T10:00:00+09:00')).toBe(false);
    expect(isRealInstant('2024-04-31T10:00:00Z')).toBe(false);
    expect(isRealInstant('2024-13-01T10:00:00Z')).toBe(false);
    expect(isRealInstant('2024-07-01T24:00:00Z')).toBe(false);
  });

  it('refuses years no program plans for, and text that is not an instant', () => {
    expect(isRealInstant('0000-01-01T00:00:00Z')).toBe(false);
    expect(isRealInstant('2100-01-01T00:00:00Z')).toBe(false);
    expect(isRealInstant('2024-07-01')).toBe(false);
    expect(isRealInstant('2024-07-01T13:30:00')).toBe(false);
    expect(isRealInstant('tomorrow')).toBe(false);
  });
});
