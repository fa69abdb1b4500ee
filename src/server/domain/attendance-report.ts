/**
 * Webinar attendance reports (Zoom participants / meeting-summary CSV, Microsoft Teams attendance
 * report, Zoom webinar attendee report) normalised to one row per person: {name, email, minutes,
 * seconds, joinedAt?, leftAt?}, rejoins of the same person summed; rows whose duration cannot be read
 * come back as problems. Pure: bytes in, rows out. Handles UTF-8 (with or without BOM), UTF-16LE
 * (Teams downloads, usually tab-separated) and Shift_JIS (Excel-saved CSV).
 */

export type AttendanceReportFormat = 'zoom' | 'zoom_summary' | 'zoom_webinar' | 'teams';

export interface AttendanceReportRow {
  name: string;
  email: string;
  /** Whole minutes: the seconds left over are dropped (the UI says so and shows `seconds`). */
  minutes: number;
  /** The time attended to the second, as the report gives it (Zoom writes whole minutes). */
  seconds: number;
  /** First join, an instant (ISO 8601, UTC) read from the report's JST wall-clock time. */
  joinedAt?: string;
  /** Last leave, same form as joinedAt. */
  leftAt?: string;
}

/** A row of the report whose duration cannot be read: shown for the administrator to fix, never dropped. */
export interface AttendanceReportProblem {
  /** Line in the file (1-based), as a spreadsheet shows it. */
  line: number;
  name: string;
  email: string;
  /** The cell as written. */
  value: string;
  joinedAt?: string;
  leftAt?: string;
}

export interface AttendanceReport {
  format: AttendanceReportFormat;
  rows: AttendanceReportRow[];
  problems: AttendanceReportProblem[];
}
export class AttendanceReportError extends Error {
  constructor(
    readonly ja: string,
    readonly en: string,
  ) {
    super(en);
  }
}

/** Decodes by BOM (UTF-8 / UTF-16LE / UTF-16BE), then by NUL bytes (BOM-less UTF-16LE), then UTF-8, else Shift_JIS. */
export function decodeReport(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes.length >= 2 && bytes[1] === 0 && bytes[0] !== 0) return new TextDecoder('utf-16le').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('shift_jis').decode(bytes);
  }
}

/** Splits delimited text (quotes, doubled quotes, CRLF); empty lines are kept as [] so sections can be found. */
export function splitDelimited(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else inQuotes = false;
      } else cell += ch;
      continue;
    }
    if (ch === '"') inQuotes = true;
    else if (ch === delimiter) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row.every((c) => c.trim() === '') ? [] : row.map((c) => c.trim()));
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row.map((c) => c.trim()));
  }
  return rows;
}

const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();

const ZOOM = {
  name: ['name (original name)', '名前(元の名前)', 'name', '名前'],
  email: ['user email', 'ユーザーメール', 'email', 'メール'],
  join: ['join time', '参加時刻'],
  leave: ['leave time', '退出時刻'],
  minutes: ['duration (minutes)', '期間(分)', '時間(分)'],
};
/** Columns of the Zoom webinar attendee report (its host, panelist and attendee sections share them). */
const WEBINAR = {
  attended: ['attended', '出席'],
  name: ['user name (original name)', 'ユーザー名(元の名前)', 'user name', 'ユーザー名'],
  firstName: ['first name', '名'],
  lastName: ['last name', '姓'],
  email: ['email', 'メール', 'メールアドレス', 'user email', 'ユーザーメール'],
  join: ZOOM.join,
  leave: ZOOM.leave,
  minutes: ['time in session (minutes)', 'セッション時間(分)', 'セッションの時間(分)'],
};
const WEBINAR_SECTIONS: Record<string, 'host' | 'panelist' | 'attendee'> = {
  'host details': 'host',
  ホストの詳細: 'host',
  'panelist details': 'panelist',
  パネリストの詳細: 'panelist',
  'attendee details': 'attendee',
  出席者の詳細: 'attendee',
};
const TEAMS = {
  name: ['name', '名前'],
  email: ['email', 'メール', '電子メール'],
  join: ['first join', '最初の参加', '初回参加'],
  leave: ['last leave', '最後の退出', '最終退出'],
  duration: ['in-meeting duration', '会議の長さ', '会議中の時間', '会議時間'],
  upn: ['participant id (upn)', '参加者 id (upn)', '参加者id(upn)'],
};

function findColumn(header: string[], names: string[]): number {
  const normalised = header.map(norm);
  for (const n of names) {
    const i = normalised.indexOf(norm(n));
    if (i >= 0) return i;
  }
  return -1;
}

/** "1h 5m 3s", "65m", "1 時間 5 分 3 秒", "01:05:03", "93" (minutes) → seconds; null when unreadable. */
export function parseDurationSeconds(text: string): number | null {
  const t = text.normalize('NFKC').trim();
  if (t === '') return null;
  const clock = /^(\d+):(\d{1,2}):(\d{1,2})$/.exec(t);
  if (clock) return Number(clock[1]) * 3600 + Number(clock[2]) * 60 + Number(clock[3]);
  if (/^\d+$/.test(t)) return Number(t) * 60;
  const unit =
    /(\d+)\s*(hours|hour|hrs|hr|h|時間|minutes|minute|mins|min|m|分|seconds|second|secs|sec|s|秒)/gi;
  // Every part must be a number with a unit: "90 min approx." or "1h?" is not guessed at.
  if (t.replace(unit, '').trim() !== '') return null;
  let seconds = 0;
  let found = false;
  for (const m of t.matchAll(unit)) {
    found = true;
    const n = Number(m[1]);
    const u = m[2]!.toLowerCase();
    if (u.startsWith('h') || u === '時間') seconds += n * 3600;
    else if (u.startsWith('m') || u === '分') seconds += n * 60;
    else seconds += n;
  }
  return found ? seconds : null;
}

/** Whole minutes of a duration (seconds dropped); null when unreadable. */
export function parseDuration(text: string): number | null {
  const seconds = parseDurationSeconds(text);
  return seconds === null ? null : Math.floor(seconds / 60);
}

const JST_OFFSET_HOURS = 9;

/**
 * A wall-clock time as Zoom and Teams write it, read as JST (the reports carry no zone; the tools
 * write the organiser's local time, and every organiser here is in Japan) → ISO instant, or
 * undefined when it cannot be read. Year first (2024/07/10 13:55:02, 2024-7-10 13:55) or month
 * first as the US-English UI writes it (07/10/2024 01:55:02 PM, 7/10/24, 1:55 PM); AM/PM or
 * 午前/午後 before or after the time, seconds optional.
 */
export function parseReportTime(value: string | undefined): string | undefined {
  const t = value?.normalize('NFKC').replace(/,/g, ' ').replace(/\s+/g, ' ').trim();
  if (!t) return undefined;
  const m =
    /^(\d{1,4})[/\-.](\d{1,2})[/\-.](\d{1,4})(?:\s+|T)(?:(am|pm|午前|午後)\s*)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm|午前|午後)?$/i.exec(
      t,
    );
  if (!m) return undefined;
  let year: number;
  let month: number;
  let day: number;
  if (m[1]!.length === 4) [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else {
    [month, day, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (m[3]!.length <= 2) year += 2000;
  }
  let hour = Number(m[5]);
  const minute = Number(m[6]);
  const second = m[7] ? Number(m[7]) : 0;
  const meridiem = (m[4] ?? m[8])?.toLowerCase();
  if (meridiem) {
    if (hour < 1 || hour > 12) return undefined;
    const pm = meridiem === 'pm' || meridiem === '午後';
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const instant = new Date(Date.UTC(year, month - 1, day, hour - JST_OFFSET_HOURS, minute, second));
  // Date.UTC rolls 2/30 over into March: refuse instead of moving the day.
  const check = new Date(instant.getTime() + JST_OFFSET_HOURS * 3600_000);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day)
    return undefined;
  return instant.toISOString();
}

/** One person within a report, and within an event's walk-ins: the e-mail, else the name without spaces. */
export function personKey(name: string, email: string): string {
  return email ? `e:${email.toLowerCase()}` : `n:${name.normalize('NFKC').replace(/\s+/g, '')}`;
}

const instant = (iso: string) => Date.parse(iso);

function combine(rows: AttendanceReportRow[]): AttendanceReportRow[] {
  const byKey = new Map<string, AttendanceReportRow>();
  for (const r of rows) {
    const key = personKey(r.name, r.email);
    const existing = byKey.get(key);
    if (!existing) {
      byKey.set(key, { ...r });
      continue;
    }
    existing.seconds += r.seconds;
    existing.minutes = Math.floor(existing.seconds / 60);
    // Compared as instants: as text, "01:10 PM" sorts before "11:50 AM".
    if (r.joinedAt && (!existing.joinedAt || instant(r.joinedAt) < instant(existing.joinedAt)))
      existing.joinedAt = r.joinedAt;
    if (r.leftAt && (!existing.leftAt || instant(r.leftAt) > instant(existing.leftAt)))
      existing.leftAt = r.leftAt;
  }
  return [...byKey.values()];
}

/** Collects the rows of one report: readable durations become attendance, the rest problems. */
class RowCollector {
  readonly rows: AttendanceReportRow[] = [];
  readonly problems: AttendanceReportProblem[] = [];

  add(line: number, cells: { name: string; email: string; duration: string; join?: string; leave?: string }) {
    const seconds = parseDurationSeconds(cells.duration);
    const joinedAt = parseReportTime(cells.join);
    const leftAt = parseReportTime(cells.leave);
    const times = { ...(joinedAt ? { joinedAt } : {}), ...(leftAt ? { leftAt } : {}) };
    if (seconds === null) {
      this.problems.push({ line, name: cells.name, email: cells.email, value: cells.duration, ...times });
      return;
    }
    this.rows.push({
      name: cells.name,
      email: cells.email,
      minutes: Math.floor(seconds / 60),
      seconds,
      ...times,
    });
  }

  report(format: AttendanceReportFormat): AttendanceReport {
    return { format, rows: combine(this.rows), problems: this.problems };
  }
}

const cell = (row: string[], at: number) => (at >= 0 ? (row[at] ?? '') : '').trim();

function parseZoom(rows: string[][], headerAt: number, format: AttendanceReportFormat): AttendanceReport {
  const header = rows[headerAt]!;
  const c = {
    name: findColumn(header, ZOOM.name),
    email: findColumn(header, ZOOM.email),
    join: findColumn(header, ZOOM.join),
    leave: findColumn(header, ZOOM.leave),
    minutes: findColumn(header, ZOOM.minutes),
  };
  const out = new RowCollector();
  for (let i = headerAt + 1; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.length === 0) continue;
    const name = cell(row, c.name);
    const email = cell(row, c.email).toLowerCase();
    if (!name && !email) continue;
    out.add(i + 1, {
      name,
      email,
      duration: cell(row, c.minutes),
      join: cell(row, c.join),
      leave: cell(row, c.leave),
    });
  }
  return out.report(format);
}

/** The section a title line of the webinar report opens ("Attendee Details"), or undefined. */
function webinarSection(row: string[]): 'host' | 'panelist' | 'attendee' | undefined {
  const filled = row.filter((c) => c !== '');
  return filled.length === 1 ? WEBINAR_SECTIONS[norm(filled[0]!)] : undefined;
}

/**
 * The Zoom webinar attendee report: a title block (report name, generated time, the webinar's
 * summary line), then "Host Details", "Panelist Details" and "Attendee Details" sections, each
 * with its own header line. Attendees and panelists are read; the hosts are the organisers running
 * the webinar, not its audience. "Attended: No" rows are registrants who did not come.
 */
function parseZoomWebinar(rows: string[][]): AttendanceReport {
  const out = new RowCollector();
  let section: 'host' | 'panelist' | 'attendee' | undefined;
  let header: string[] | undefined;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.length === 0) continue;
    if (row.filter((c) => c !== '').length === 1) {
      // A title line: a known section, or one this parser does not read ("Other Attended").
      section = webinarSection(row);
      header = undefined;
      continue;
    }
    if (!section || section === 'host') continue;
    if (!header) {
      header = row;
      continue;
    }
    const c = {
      attended: findColumn(header, WEBINAR.attended),
      name: findColumn(header, WEBINAR.name),
      first: findColumn(header, WEBINAR.firstName),
      last: findColumn(header, WEBINAR.lastName),
      email: findColumn(header, WEBINAR.email),
      join: findColumn(header, WEBINAR.join),
      leave: findColumn(header, WEBINAR.leave),
      minutes: findColumn(header, WEBINAR.minutes),
    };
    const attended = norm(cell(row, c.attended));
    if (attended === 'no' || attended === 'いいえ') continue;
    const name = cell(row, c.name) || [cell(row, c.last), cell(row, c.first)].filter(Boolean).join(' ');
    const email = cell(row, c.email).toLowerCase();
    if (!name && !email) continue;
    out.add(i + 1, {
      name,
      email,
      duration: cell(row, c.minutes),
      join: cell(row, c.join),
      leave: cell(row, c.leave),
    });
  }
  return out.report('zoom_webinar');
}

function parseTeams(rows: string[][]): AttendanceReport {
  // The participants section starts after a line "2. Participants" / "2. 参加者"; older reports have no sections.
  let start = rows.findIndex((r) => r.length > 0 && /^2\.\s*(participants|参加者)/i.test(norm(r[0]!)));
  start = start < 0 ? 0 : start + 1;
  let headerAt = -1;
  for (let i = start; i < rows.length; i++) {
    const r = rows[i]!;
    if (findColumn(r, TEAMS.name) >= 0 && findColumn(r, TEAMS.duration) >= 0) {
      headerAt = i;
      break;
    }
  }
  if (headerAt < 0) throw unreadable();
  const header = rows[headerAt]!;
  const c = {
    name: findColumn(header, TEAMS.name),
    email: findColumn(header, TEAMS.email),
    upn: findColumn(header, TEAMS.upn),
    join: findColumn(header, TEAMS.join),
    leave: findColumn(header, TEAMS.leave),
    duration: findColumn(header, TEAMS.duration),
  };
  const out = new RowCollector();
  for (let i = headerAt + 1; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.length === 0) break; // next section ("3. In-Meeting activities")
    if (/^\d+\.\s/.test(row[0] ?? '') && row.length <= 2) break;
    const name = cell(row, c.name);
    if (!name) continue;
    const email = (cell(row, c.email) || cell(row, c.upn)).toLowerCase();
    out.add(i + 1, {
      name,
      email: email.includes('@') ? email : '',
      duration: cell(row, c.duration),
      join: cell(row, c.join),
      leave: cell(row, c.leave),
    });
  }
  return out.report('teams');
}

function unreadable(): AttendanceReportError {
  return new AttendanceReportError(
    'ZoomまたはTeamsの参加者レポートとして読み取れませんでした。',
    'This is not a Zoom or Teams attendance report that can be read.',
  );
}

export function parseAttendanceReport(bytes: Uint8Array): AttendanceReport {
  const text = decodeReport(bytes);
  // Teams downloads are tab-separated (their summary lines have one tab or none); Zoom writes commas.
  const delimiter = text.split(/\r?\n/).some((line) => (line.match(/\t/g)?.length ?? 0) >= 2) ? '\t' : ',';
  const rows = splitDelimited(text, delimiter);
  const zoomHeaderAt = (rs: string[][]) =>
    rs.findIndex((r) => findColumn(r, ZOOM.name) >= 0 && findColumn(r, ZOOM.minutes) >= 0);
  const isTeams = (rs: string[][]) =>
    rs.some((r) => findColumn(r, TEAMS.duration) >= 0) ||
    rs.some((r) => r.length > 0 && /^1\.\s*(summary|概要)/i.test(norm(r[0]!)));
  if (isTeams(rows)) return parseTeams(rows);
  if (rows.some((r) => webinarSection(r) === 'attendee')) return parseZoomWebinar(rows);
  const at = zoomHeaderAt(rows);
  if (at < 0) throw unreadable();
  return parseZoom(rows, at, at === 0 ? 'zoom' : 'zoom_summary');
}

// ---------------------------------------------------------------------------
// Matching to registrations
// ---------------------------------------------------------------------------

export interface MatchCandidate {
  id: string;
  attendeeName: string;
  attendeeEmail: string;
  municipalityName: string;
}

export const normaliseName = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .toLowerCase();

/**
 * E-mail first; then the attendee's name appearing in the display name (normalised: NFKC, spaces
 * removed), or the municipality's name appearing in it when exactly one registration of that
 * municipality is left. Each registration matches at most one row.
 */
export function matchAttendance(
  rows: readonly { name: string; email: string; minutes?: number | null }[],
  candidates: MatchCandidate[],
): ({ registrationId: string; by: 'email' | 'name' } | null)[] {
  const taken = new Set<string>();
  const result: ({ registrationId: string; by: 'email' | 'name' } | null)[] = rows.map(() => null);
  rows.forEach((row, i) => {
    if (!row.email) return;
    const found = candidates.find((c) => !taken.has(c.id) && c.attendeeEmail.toLowerCase() === row.email);
    if (found) {
      taken.add(found.id);
      result[i] = { registrationId: found.id, by: 'email' };
    }
  });
  rows.forEach((row, i) => {
    if (result[i]) return;
    const display = normaliseName(row.name);
    if (!display) return;
    const byName = candidates.filter(
      (c) =>
        !taken.has(c.id) &&
        normaliseName(c.attendeeName) !== '' &&
        display.includes(normaliseName(c.attendeeName)),
    );
    let found = byName.length === 1 ? byName[0] : undefined;
    if (!found) {
      const byMunicipality = candidates.filter(
        (c) => !taken.has(c.id) && display.includes(normaliseName(c.municipalityName)),
      );
      const narrowed = byName.length > 1 ? byName.filter((c) => byMunicipality.includes(c)) : byMunicipality;
      if (narrowed.length === 1) found = narrowed[0];
    }
    if (found) {
      taken.add(found.id);
      result[i] = { registrationId: found.id, by: 'name' };
    }
  });
  return result;
}
