/**
 * Webinar attendance reports (Zoom participants / meeting-summary CSV, Microsoft Teams attendance
 * report, Zoom webinar attendee report) normalised to one row per person: {name, email, minutes,
 * joinedAt?, leftAt?}, rejoins of the same person summed. Pure: bytes in, rows out. Handles UTF-8 (with or without BOM), UTF-16LE
 * (Teams downloads, usually tab-separated) and Shift_JIS (Excel-saved CSV).
 */

export type AttendanceReportFormat = 'zoom' | 'zoom_summary' | 'zoom_webinar' | 'teams';

export interface AttendanceReportRow {
  name: string;
  email: string;
  minutes: number;
  joinedAt?: string;
  leftAt?: string;
}

export interface AttendanceReport {
  format: AttendanceReportFormat;
  rows: AttendanceReportRow[];
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

/** "1h 5m 3s", "65m", "1 時間 5 分 3 秒", "01:05:03" → whole minutes (seconds rounded down). */
export function parseDuration(text: string): number | null {
  const t = text.normalize('NFKC').trim();
  if (t === '') return null;
  const clock = /^(\d+):(\d{1,2}):(\d{1,2})$/.exec(t);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]);
  if (/^\d+$/.test(t)) return Number(t);
  let seconds = 0;
  let found = false;
  for (const m of t.matchAll(/(\d+)\s*(h|hr|hrs|hour|hours|時間|m|min|mins|分|s|sec|secs|秒)/gi)) {
    found = true;
    const n = Number(m[1]);
    const unit = m[2]!.toLowerCase();
    if (unit.startsWith('h') || unit === '時間') seconds += n * 3600;
    else if (unit.startsWith('m') || unit === '分') seconds += n * 60;
    else seconds += n;
  }
  return found ? Math.floor(seconds / 60) : null;
}

/** Dates as the tools write them (2026/12/21 13:58:02, 12/21/2026 1:58:02 PM, 2026-12-21 13:58) kept as written, trimmed. */
function keepTime(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v ? v : undefined;
}

function personKey(name: string, email: string): string {
  return email ? `e:${email.toLowerCase()}` : `n:${name.normalize('NFKC').replace(/\s+/g, '')}`;
}

function combine(rows: AttendanceReportRow[]): AttendanceReportRow[] {
  const byKey = new Map<string, AttendanceReportRow>();
  for (const r of rows) {
    const key = personKey(r.name, r.email);
    const existing = byKey.get(key);
    if (!existing) {
      byKey.set(key, { ...r });
      continue;
    }
    existing.minutes += r.minutes;
    if (r.joinedAt && (!existing.joinedAt || r.joinedAt < existing.joinedAt)) existing.joinedAt = r.joinedAt;
    if (r.leftAt && (!existing.leftAt || r.leftAt > existing.leftAt)) existing.leftAt = r.leftAt;
  }
  return [...byKey.values()];
}

/** Strips Zoom's " (Original Name)" when the original is given in parentheses: "郡山 太郎 (Taro)" stays whole. */
function zoomName(value: string): string {
  return value.trim();
}

function parseZoom(rows: string[][], headerAt: number, format: AttendanceReportFormat): AttendanceReport {
  const header = rows[headerAt]!;
  const c = {
    name: findColumn(header, ZOOM.name),
    email: findColumn(header, ZOOM.email),
    join: findColumn(header, ZOOM.join),
    leave: findColumn(header, ZOOM.leave),
    minutes: findColumn(header, ZOOM.minutes),
  };
  const out: AttendanceReportRow[] = [];
  for (const row of rows.slice(headerAt + 1)) {
    if (row.length === 0) continue;
    const name = zoomName(row[c.name] ?? '');
    const minutes = parseDuration(row[c.minutes] ?? '');
    if (!name && !row[c.email]) continue;
    if (minutes === null) continue;
    const joinedAt = c.join >= 0 ? keepTime(row[c.join]) : undefined;
    const leftAt = c.leave >= 0 ? keepTime(row[c.leave]) : undefined;
    out.push({
      name,
      email: (c.email >= 0 ? (row[c.email] ?? '') : '').trim().toLowerCase(),
      minutes,
      ...(joinedAt ? { joinedAt } : {}),
      ...(leftAt ? { leftAt } : {}),
    });
  }
  return { format, rows: combine(out) };
}

const cell = (row: string[], at: number) => (at >= 0 ? (row[at] ?? '') : '').trim();

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
  const out: AttendanceReportRow[] = [];
  let section: 'host' | 'panelist' | 'attendee' | undefined;
  let header: string[] | undefined;
  for (const row of rows) {
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
    const minutes = parseDuration(cell(row, c.minutes));
    if ((!name && !email) || minutes === null) continue;
    const joinedAt = keepTime(cell(row, c.join));
    const leftAt = keepTime(cell(row, c.leave));
    out.push({ name, email, minutes, ...(joinedAt ? { joinedAt } : {}), ...(leftAt ? { leftAt } : {}) });
  }
  return { format: 'zoom_webinar', rows: combine(out) };
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
  const out: AttendanceReportRow[] = [];
  for (const row of rows.slice(headerAt + 1)) {
    if (row.length === 0) break; // next section ("3. In-Meeting activities")
    if (/^\d+\.\s/.test(row[0] ?? '') && row.length <= 2) break;
    const name = (row[c.name] ?? '').trim();
    const minutes = parseDuration(row[c.duration] ?? '');
    if (!name || minutes === null) continue;
    const email = ((c.email >= 0 ? row[c.email] : '') || (c.upn >= 0 ? row[c.upn] : '') || '')
      .trim()
      .toLowerCase();
    const joinedAt = c.join >= 0 ? keepTime(row[c.join]) : undefined;
    const leftAt = c.leave >= 0 ? keepTime(row[c.leave]) : undefined;
    out.push({
      name,
      email: email.includes('@') ? email : '',
      minutes,
      ...(joinedAt ? { joinedAt } : {}),
      ...(leftAt ? { leftAt } : {}),
    });
  }
  return { format: 'teams', rows: combine(out) };
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
  rows: AttendanceReportRow[],
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
