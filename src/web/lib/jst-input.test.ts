import { describe, expect, it } from 'vitest';
import { fromJstInputValue, toJstInputValue } from './jst-input';

describe('JST date-time fields', () => {
  it('shows an instant as JST wall-clock time', () => {
    expect(toJstInputValue('2024-07-10T05:00:00.000Z')).toBe('2024-07-10T14:00');
    // 23:30 UTC is already the next day in Japan.
    expect(toJstInputValue('2024-07-10T23:30:00.000Z')).toBe('2024-07-11T08:30');
    expect(toJstInputValue(null)).toBe('');
    expect(toJstInputValue('not a date')).toBe('');
  });

  it('reads a field value as JST and round-trips', () => {
    expect(fromJstInputValue('2024-07-10T14:00')).toBe('2024-07-10T05:00:00.000Z');
    expect(fromJstInputValue('2024-07-10T14:00:00')).toBe('2024-07-10T05:00:00.000Z');
    expect(toJstInputValue(fromJstInputValue('2025-03-31T23:59'))).toBe('2025-03-31T23:59');
  });

  it('gives null for an empty or impossible value', () => {
    expect(fromJstInputValue('')).toBeNull();
    expect(fromJstInputValue('2024-02-30T10:00')).toBeNull();
    expect(fromJstInputValue('2024-07-10 14:00')).toBeNull();
  });
});
