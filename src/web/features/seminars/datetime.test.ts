import { describe, expect, it } from 'vitest';
import { formatJstRange, fromJstInputValue, toJstInputValue } from './datetime';

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

describe('formatJstRange', () => {
  it('writes the day once when both ends fall on the same JST day', () => {
    expect(formatJstRange('2026-12-21T05:00:00Z', '2026-12-21T06:30:00Z', 'ja')).toBe(
      '2026年12月21日（月）14:00〜15:30',
    );
    expect(formatJstRange('2026-12-21T05:00:00Z', '2026-12-21T06:30:00Z', 'en')).toBe(
      'Mon, 21 Dec 2026, 14:00–15:30 JST',
    );
  });

  it('writes both dates across days', () => {
    expect(formatJstRange('2026-12-22T00:00:00Z', '2027-01-31T00:00:00Z', 'ja')).toBe(
      '2026年12月22日（火）09:00〜2027年1月31日（日）09:00',
    );
  });
});
