import { AppError } from './errors';

/**
 * What an uploaded list may hold. The largest real list, every municipality in Japan, is about
 * 1,900 rows; the caps leave room for that many times over while bounding the memory and time
 * one upload can take.
 */
export const uploadLimits = { maxUnzippedBytes: 20 * 1024 * 1024, maxRows: 20_000, maxCells: 400_000 };

export function tooLarge(): AppError {
  return new AppError('VALIDATION_FAILED', {
    fields: [
      {
        path: ['file'],
        code: 'too_large',
        ja: `ファイルが大きすぎます（${uploadLimits.maxRows.toLocaleString()}行、${uploadLimits.maxCells.toLocaleString()}セル、展開後${uploadLimits.maxUnzippedBytes / 1024 / 1024}MBまで）。`,
        en: `The file is too large (at most ${uploadLimits.maxRows.toLocaleString()} rows, ${uploadLimits.maxCells.toLocaleString()} cells, ${uploadLimits.maxUnzippedBytes / 1024 / 1024} MB unzipped).`,
      },
    ],
  });
}

/**
 * RFC 4180 CSV parsing (quoted fields, doubled quotes, CRLF) with the BOM
 * Excel writes stripped. Returns rows of raw cells; callers map headers.
 * Stops with a field error past the row and cell limits (uploadLimits).
 */
export function parseCsv(text: string): string[][] {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let inQuotes = false;
  let cellCount = 0;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (input[i + 1] === '"') {
          cell += '"';
          i++;
        } else inQuotes = false;
      } else cell += ch;
      continue;
    }
    if (ch === '"') inQuotes = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
      if (++cellCount > uploadLimits.maxCells) throw tooLarge();
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && input[i + 1] === '\n') i++;
      row.push(cell);
      if (++cellCount > uploadLimits.maxCells) throw tooLarge();
      rows.push(row);
      if (rows.length > uploadLimits.maxRows) throw tooLarge();
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
    if (++cellCount > uploadLimits.maxCells || rows.length > uploadLimits.maxRows) throw tooLarge();
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

/** Rows as objects keyed by the (trimmed) header row. */
export function parseCsvRecords(text: string): { headers: string[]; records: Record<string, string>[] } {
  const [headerRow, ...body] = parseCsv(text);
  const headers = (headerRow ?? []).map((h) => h.trim());
  const records = body.map((cells) =>
    Object.fromEntries(headers.map((h, i) => [h, (cells[i] ?? '').trim()])),
  );
  return { headers, records };
}

/**
 * Text a spreadsheet would run as a formula (CSV injection): a leading = + - @, or a tab or
 * carriage return before one. Such cells get a leading apostrophe, which Excel and LibreOffice
 * show as text. Numbers are written as numbers and are never touched.
 */
const formulaStart = /^[=+\-@\t\r]/;

/**
 * CSV text Excel opens correctly: UTF-8 BOM, CRLF, every cell quoted when needed, and text
 * that would start a formula neutralised (answers are typed by anyone with an account).
 */
export function toCsv(rows: (string | number | boolean | null | undefined)[][]): string {
  const escapeCell = (v: string | number | boolean | null | undefined) => {
    let s = v === null || v === undefined ? '' : String(v);
    if (typeof v === 'string' && formulaStart.test(s)) s = `'${s}`;
    return /[",\r\n\t]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `\uFEFF${rows.map((r) => r.map(escapeCell).join(',')).join('\r\n')}\r\n`;
}
