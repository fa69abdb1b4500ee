import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { parseCsvRecords, tooLarge, uploadLimits } from './csv';
import { AppError } from './errors';

export { uploadLimits };

export interface TabularData {
  headers: string[];
  records: Record<string, string>[];
}

/**
 * Reads what officials actually send: CSV saved by Excel (UTF-8 with or
 * without BOM, or Shift_JIS) or an .xlsx workbook (first sheet, first row is
 * the header). Every cell comes back as trimmed text.
 */
export async function readTabularFile(bytes: Uint8Array, fileName: string): Promise<TabularData> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx')) return readXlsx(bytes);
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return parseCsvRecords(decodeText(bytes));
  throw new AppError('VALIDATION_FAILED', {
    fields: [
      {
        path: ['file'],
        code: 'file_type',
        ja: 'CSV（.csv）またはExcel（.xlsx）ファイルを指定してください。',
        en: 'Choose a CSV (.csv) or Excel (.xlsx) file.',
      },
    ],
  });
}

/** UTF-8 when the bytes are valid UTF-8, otherwise Shift_JIS (what Japanese Excel writes by default). */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('shift_jis').decode(bytes);
  }
}

function unreadableXlsx(cause?: unknown): AppError {
  return new AppError('VALIDATION_FAILED', {
    cause,
    fields: [
      {
        path: ['file'],
        code: 'unreadable',
        ja: 'Excelファイルを読み込めませんでした。ファイルが壊れていないか確認してください。',
        en: 'The Excel file could not be read. Check that it is not damaged.',
      },
    ],
  });
}

/**
 * An xlsx is a zip: a few hundred kilobytes can unzip to gigabytes. Before the workbook
 * library sees it, every entry is inflated here with a hard output cap, so a zip bomb costs
 * at most the cap in memory and stops as soon as it is exceeded. The sizes the zip declares
 * are not trusted; the inflated bytes are counted.
 */
function assertUnzipsWithinLimit(bytes: Uint8Array): void {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 65_557); i--) {
    if (data.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw unreadableXlsx();
  const entryCount = data.readUInt16LE(eocd + 10);
  let offset = data.readUInt32LE(eocd + 16);
  if (entryCount > 10_000) throw tooLarge();
  let remaining = uploadLimits.maxUnzippedBytes;
  for (let n = 0; n < entryCount; n++) {
    if (offset + 46 > data.length || data.readUInt32LE(offset) !== 0x02014b50) throw unreadableXlsx();
    const method = data.readUInt16LE(offset + 10);
    const compressedSize = data.readUInt32LE(offset + 20);
    const nameLength = data.readUInt16LE(offset + 28);
    const extraLength = data.readUInt16LE(offset + 30);
    const commentLength = data.readUInt16LE(offset + 32);
    const localOffset = data.readUInt32LE(offset + 42);
    offset += 46 + nameLength + extraLength + commentLength;
    if (localOffset + 30 > data.length || data.readUInt32LE(localOffset) !== 0x04034b50)
      throw unreadableXlsx();
    const start =
      localOffset + 30 + data.readUInt16LE(localOffset + 26) + data.readUInt16LE(localOffset + 28);
    const compressed = data.subarray(start, start + compressedSize);
    if (method === 0) {
      remaining -= compressed.length;
    } else if (method === 8) {
      try {
        remaining -= inflateRawSync(compressed, { maxOutputLength: Math.max(1, remaining) }).length;
      } catch (cause) {
        if ((cause as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
        throw unreadableXlsx(cause);
      }
    } else throw unreadableXlsx();
    if (remaining < 0) throw tooLarge();
  }
}

async function readXlsx(bytes: Uint8Array): Promise<TabularData> {
  assertUnzipsWithinLimit(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
  } catch (cause) {
    throw unreadableXlsx(cause);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { headers: [], records: [] };
  if (sheet.rowCount > uploadLimits.maxRows || sheet.rowCount * sheet.columnCount > uploadLimits.maxCells)
    throw tooLarge();
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let col = 1; col <= sheet.columnCount; col++) cells.push(cellText(row.getCell(col).value));
    rows.push(cells);
  });
  const [headerRow, ...body] = rows;
  const headers = (headerRow ?? []).map((h) => h.trim());
  const records = body
    .filter((cells) => cells.some((c) => c.trim() !== ''))
    .map((cells) => Object.fromEntries(headers.map((h, i) => [h, (cells[i] ?? '').trim()])));
  return { headers, records };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value && value.result !== undefined) return cellText(value.result as ExcelJS.CellValue);
  }
  return String(value);
}

export type SheetCell = string | number | Date | null | undefined;

export interface SheetSpec {
  name: string;
  columns: { header: string; key: string; width?: number }[];
  /** Numbers become number cells; a Date becomes a date cell showing the time in Japan. */
  rows: Record<string, SheetCell>[];
}

/** One column read from a typed row: header, width and value sit together, so no key is spelled twice. */
export interface ColumnOf<T> {
  header: string;
  width?: number;
  value: (row: T) => SheetCell;
}

/** A sheet from typed rows and the columns that read them. */
export function sheetFrom<T>(name: string, rows: readonly T[], columns: readonly ColumnOf<T>[]): SheetSpec {
  return {
    name,
    columns: columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width })),
    rows: rows.map((row) => Object.fromEntries(columns.map((c, i) => [`c${i}`, c.value(row)]))),
  };
}

/**
 * The same table as CSV lines (header first), for `toCsv`. A date is written as its ISO
 * instant: CSV has no date type, and the instant reads the same in every time zone.
 */
export function sheetAsCsvLines(sheet: SheetSpec): (string | number | null)[][] {
  const text = (v: SheetCell) => (v instanceof Date ? v.toISOString() : (v ?? null));
  return [
    sheet.columns.map((c) => c.header),
    ...sheet.rows.map((r) => sheet.columns.map((c) => text(r[c.key]))),
  ];
}

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/**
 * Spreadsheet date cells have no time zone: the cell holds the wall-clock time its reader sees.
 * Our instants are UTC, and every person reading the workbook reads Japan time.
 */
function jstWallClock(at: Date): Date {
  return new Date(at.getTime() + JST_OFFSET_MS);
}

/** Writes an .xlsx workbook: one sheet per spec, the header row bold and frozen. */
export async function writeWorkbook(sheets: SheetSpec[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = spec.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 16 }));
    sheet.getRow(1).font = { bold: true };
    for (const row of spec.rows) {
      const dates = Object.entries(row).filter((e): e is [string, Date] => e[1] instanceof Date);
      if (dates.length === 0) {
        sheet.addRow(row);
        continue;
      }
      const added = sheet.addRow({
        ...row,
        ...Object.fromEntries(dates.map(([k, d]) => [k, jstWallClock(d)])),
      });
      for (const [key] of dates) added.getCell(key).numFmt = 'yyyy/mm/dd hh:mm';
    }
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
