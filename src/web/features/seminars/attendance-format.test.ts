import { describe, expect, it } from 'vitest';
import { formatAttendedSeconds, formatReportTime } from './attendance-format';

describe('attendance report times and durations', () => {
  it('shows join and leave times in JST to the second, whatever the browser zone', () => {
    expect(formatReportTime('2026-12-21T04:55:02.000Z', 'ja')).toBe('12/21 13:55:02');
    expect(formatReportTime('2026-12-21T04:55:02.000Z', 'en')).toBe('21 Dec 13:55:02 JST');
    // 23:30 UTC is the next day in Japan.
    expect(formatReportTime('2026-12-21T23:30:00.000Z', 'ja')).toBe('12/22 08:30:00');
    expect(formatReportTime(null, 'ja')).toBe('—');
  });

  it('keeps the seconds of a duration on screen', () => {
    expect(formatAttendedSeconds(90 * 60 + 49, 'ja')).toBe('90分49秒');
    expect(formatAttendedSeconds(90 * 60 + 49, 'en')).toBe('90 min 49 s');
    expect(formatAttendedSeconds(93 * 60, 'ja')).toBe('93分');
  });
});
