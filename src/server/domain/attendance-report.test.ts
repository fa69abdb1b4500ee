import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AttendanceReportError,
  matchAttendance,
  parseAttendanceReport,
  parseDuration,
  parseDurationSeconds,
  parseReportTime,
} from './attendance-report';

const fixture = (name: string) =>
  new Uint8Array(fs.readFileSync(path.join(import.meta.dirname, 'fixtures', name)));

describe('parseAttendanceReport', () => {
  it('reads a Zoom participants report in Japanese, Shift_JIS, summing a rejoin', () => {
    const report = parseAttendanceReport(fixture('zoom-participants-ja.sjis.csv'));
    expect(report.format).toBe('zoom');
    expect(report.rows).toEqual([
      {
        name: '西会津町 DX担当 (デモ 花子)',
        email: 'dx@nishiaizu.example.jp',
        minutes: 92,
        seconds: 92 * 60,
        joinedAt: '2024-07-10T04:55:02.000Z',
        leftAt: '2024-07-10T06:30:40.000Z',
      },
      {
        name: '郡山市　山田 太郎',
        email: '',
        minutes: 93,
        seconds: 93 * 60,
        joinedAt: '2024-07-10T04:58:00.000Z',
        leftAt: '2024-07-10T06:31:00.000Z',
      },
      {
        name: 'iPhone',
        email: '',
        minutes: 4,
        seconds: 4 * 60,
        joinedAt: '2024-07-10T05:05:00.000Z',
        leftAt: '2024-07-10T05:09:00.000Z',
      },
    ]);
  });

  it('reads a Zoom participants report in English, UTF-8 with BOM, quoted names', () => {
    const report = parseAttendanceReport(fixture('zoom-participants-en.utf8bom.csv'));
    expect(report.format).toBe('zoom');
    expect(report.rows.map((r) => [r.name, r.email, r.minutes])).toEqual([
      ['Koriyama City - Yamada Taro (山田 太郎)', 'dx@koriyama.example.jp', 93],
      ['Guest 1', '', 20],
    ]);
  });

  it('skips the header block of the Zoom meeting-summary variant (UTF-8 without BOM)', () => {
    const report = parseAttendanceReport(fixture('zoom-meeting-summary-en.utf8.csv'));
    expect(report.format).toBe('zoom_summary');
    expect(report.rows.map((r) => [r.name, r.email, r.minutes])).toEqual([
      ['会津若松市 DX推進課', 'aizu@example.jp', 91],
      ['喜多方市', '', 20],
    ]);
  });

  it('reads a Teams attendance report in English, UTF-16LE with BOM, tab-separated, participants section only', () => {
    const report = parseAttendanceReport(fixture('teams-attendance-en.utf16le.csv'));
    expect(report.format).toBe('teams');
    expect(report.rows.map((r) => [r.name, r.email, r.minutes])).toEqual([
      ['Hanako Demo', 'dx@nishiaizu.example.jp', 94],
      ['Taro Yamada (Koriyama)', '', 40],
      ['Organizer Pref', 'host@pref.example.jp', 105],
    ]);
    // "7/10/24, 1:55:12 PM" in JST.
    expect(report.rows[0]!.joinedAt).toBe('2024-07-10T04:55:12.000Z');
  });

  it('reads a Teams report in Japanese, UTF-16LE without BOM, summing rejoins ("1 時間 2 分" + "15 分 30 秒")', () => {
    const report = parseAttendanceReport(fixture('teams-attendance-ja.utf16le.tsv'));
    expect(report.format).toBe('teams');
    expect(report.rows.map((r) => [r.name, r.email, r.minutes])).toEqual([
      ['西会津町長 デモ 一郎', 'mayor@nishiaizu.example.jp', 77],
      ['ゲスト（三春町）', '', 3],
    ]);
    // "1 時間 2 分 0 秒" + "15 分 30 秒": the seconds are kept, the minutes rounded down.
    expect(report.rows[0]!.seconds).toBe(62 * 60 + 15 * 60 + 30);
  });

  it('reads a Zoom webinar attendee report in English: title block and host section skipped, "No" rows are not attendance', () => {
    const report = parseAttendanceReport(fixture('zoom-webinar-attendee-en.utf8.csv'));
    expect(report.format).toBe('zoom_webinar');
    expect(report.problems).toEqual([]);
    expect(report.rows).toEqual([
      {
        name: '講師 鈴木 一郎',
        email: 'speaker@company-a.example.jp',
        minutes: 99,
        seconds: 99 * 60,
        joinedAt: '2026-12-21T04:52:00.000Z',
        leftAt: '2026-12-21T06:31:00.000Z',
      },
      {
        // A rejoin across noon: 11:50 AM–12:40 PM and 01:10 PM–03:30 PM.
        name: '郡山市 山田 太郎 (Taro)',
        email: 'dx@koriyama.example.jp',
        minutes: 191,
        seconds: 191 * 60,
        joinedAt: '2026-12-21T02:50:03.000Z',
        leftAt: '2026-12-21T06:30:30.000Z',
      },
      {
        name: '三春町 総務課',
        email: '',
        minutes: 45,
        seconds: 45 * 60,
        joinedAt: '2026-12-21T05:00:00.000Z',
        leftAt: '2026-12-21T05:45:00.000Z',
      },
    ]);
  });

  it('reads a Zoom webinar attendee report from the Japanese UI (UTF-8 with BOM), an unreadable duration as a problem', () => {
    const report = parseAttendanceReport(fixture('zoom-webinar-attendee-ja.utf8bom.csv'));
    expect(report.format).toBe('zoom_webinar');
    expect(report.rows).toEqual([
      {
        name: '西会津町 DX担当 (デモ 花子)',
        email: 'dx@nishiaizu.example.jp',
        minutes: 96,
        seconds: 96 * 60,
        joinedAt: '2026-12-21T04:55:02.000Z',
        leftAt: '2026-12-21T06:30:40.000Z',
      },
    ]);
    expect(report.problems).toEqual([
      {
        line: 13,
        name: '喜多方市 佐藤',
        email: 'sato@kitakata.example.jp',
        value: '約30',
        joinedAt: '2026-12-21T05:00:00.000Z',
        leftAt: '2026-12-21T05:30:00.000Z',
      },
    ]);
  });

  it('keeps rows whose duration cannot be read as problems, with their line, in Zoom and Teams reports', () => {
    const zoom = parseAttendanceReport(
      new TextEncoder().encode(
        'Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n' +
          'A,a@example.jp,07/10/2024 01:59:00 PM,07/10/2024 03:30:00 PM,91,No\n' +
          'B,b@example.jp,07/10/2024 01:59:00 PM,07/10/2024 03:30:00 PM,,No\n',
      ),
    );
    expect(zoom.rows.map((r) => r.name)).toEqual(['A']);
    expect(zoom.problems).toEqual([
      {
        line: 3,
        name: 'B',
        email: 'b@example.jp',
        value: '',
        joinedAt: '2024-07-10T04:59:00.000Z',
        leftAt: '2024-07-10T06:30:00.000Z',
      },
    ]);
    const teams = parseAttendanceReport(
      new TextEncoder().encode(
        'Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\n' +
          'C\t7/10/24, 1:55:12 PM\t7/10/24, 3:29:40 PM\t1h 34m 28s\tc@example.jp\n' +
          'D\t7/10/24, 1:55:12 PM\t7/10/24, 3:29:40 PM\tN/A\td@example.jp\n',
      ),
    );
    expect(teams.rows.map((r) => [r.name, r.minutes, r.seconds])).toEqual([['C', 94, 94 * 60 + 28]]);
    expect(teams.problems.map((p) => [p.line, p.name, p.value])).toEqual([[3, 'D', 'N/A']]);
  });

  it('refuses a file that is no attendance report', () => {
    expect(() => parseAttendanceReport(new TextEncoder().encode('a,b,c\n1,2,3\n'))).toThrow(
      AttendanceReportError,
    );
  });

  it('reads durations as the tools write them', () => {
    expect(parseDuration('1h 5m 3s')).toBe(65);
    expect(parseDuration('1 時間 5 分 3 秒')).toBe(65);
    expect(parseDuration('45m 59s')).toBe(45);
    expect(parseDuration('01:05:03')).toBe(65);
    expect(parseDuration('93')).toBe(93);
    expect(parseDuration('')).toBeNull();
    expect(parseDurationSeconds('1h 30m 49s')).toBe(90 * 60 + 49);
    expect(parseDurationSeconds('93')).toBe(93 * 60);
    expect(parseDurationSeconds('--')).toBeNull();
    expect(parseDurationSeconds('約30')).toBeNull();
  });

  it('reads report times as JST instants in the forms the tools write', () => {
    const at = '2026-12-21T04:05:06.000Z'; // 13:05:06 JST
    expect(parseReportTime('2026/12/21 13:05:06')).toBe(at);
    expect(parseReportTime('2026-12-21 13:05:06')).toBe(at);
    expect(parseReportTime('12/21/2026 01:05:06 PM')).toBe(at);
    expect(parseReportTime('12/21/26, 1:05:06 PM')).toBe(at);
    expect(parseReportTime('2026/12/21 午後1:05:06')).toBe(at);
    expect(parseReportTime('2026/12/21 13:05')).toBe('2026-12-21T04:05:00.000Z');
    expect(parseReportTime('12/21/2026 12:05 AM')).toBe('2026-12-20T15:05:00.000Z');
    expect(parseReportTime('12/21/2026 12:05 PM')).toBe('2026-12-21T03:05:00.000Z');
    expect(parseReportTime('2026/02/30 10:00')).toBeUndefined();
    expect(parseReportTime('--')).toBeUndefined();
    expect(parseReportTime('')).toBeUndefined();
  });
});

describe('matchAttendance', () => {
  const candidates = [
    {
      id: 'r1',
      attendeeName: 'デモ 花子',
      attendeeEmail: 'dx@nishiaizu.example.jp',
      municipalityName: '西会津町',
    },
    {
      id: 'r2',
      attendeeName: '山田 太郎',
      attendeeEmail: 'other@koriyama.example.jp',
      municipalityName: '郡山市',
    },
    {
      id: 'r3',
      attendeeName: '佐藤 次郎',
      attendeeEmail: 'sato@miharu.example.jp',
      municipalityName: '三春町',
    },
  ];
  it('matches by e-mail, then by normalised name, then by the municipality in the display name', () => {
    const result = matchAttendance(
      [
        { name: 'whatever', email: 'dx@nishiaizu.example.jp', minutes: 90 },
        { name: '郡山市　山田太郎', email: '', minutes: 93 },
        { name: 'ｹﾞｽﾄ（三春町）', email: '', minutes: 50 },
        { name: 'iPhone', email: '', minutes: 4 },
      ],
      candidates,
    );
    expect(result).toEqual([
      { registrationId: 'r1', by: 'email' },
      { registrationId: 'r2', by: 'name' },
      { registrationId: 'r3', by: 'name' },
      null,
    ]);
  });
  it('never matches one registration twice', () => {
    const result = matchAttendance(
      [
        { name: 'デモ花子', email: '', minutes: 10 },
        { name: 'デモ 花子', email: '', minutes: 10 },
      ],
      candidates,
    );
    expect(result).toEqual([{ registrationId: 'r1', by: 'name' }, null]);
  });
});
