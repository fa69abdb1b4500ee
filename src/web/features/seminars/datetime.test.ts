import { describe, expect, it } from 'vitest';
import { formatJstRange } from './datetime';

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
