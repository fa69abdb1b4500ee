import type { FieldError } from '../../../shared/errors';

/**
 * What the browser shows of a municipality list import: the columns a file
 * may have and the server's report, flattened into one table row per
 * problem so a person can fix the file line by line.
 */

export const importFields = [
  'code',
  'name',
  'nameKana',
  'nameEn',
  'kind',
  'area',
  'region',
  'isEvacuationArea',
] as const;
export type ImportField = (typeof importFields)[number];

/**
 * The header a file uses for each column, in Japanese (what officials type)
 * or English (the shipped reference list). The server accepts a few more
 * synonyms (municipality-list.ts); these are the ones we teach.
 */
export const importHeaderNames: Record<ImportField, { ja: string; en: string }> = {
  code: { ja: '団体コード', en: 'code' },
  name: { ja: '市区町村名', en: 'name' },
  nameKana: { ja: 'よみ', en: 'name_kana' },
  nameEn: { ja: 'ローマ字', en: 'name_en' },
  kind: { ja: '種別', en: 'kind' },
  area: { ja: '地域', en: 'area' },
  region: { ja: '地方', en: 'region' },
  isEvacuationArea: { ja: '避難地域', en: 'evacuation12' },
};

/** The answer of POST /api/municipalities/import (200). */
export interface ImportReport {
  isImported: boolean;
  isDryRun: boolean;
  summary: { created: number; updated: number; unchanged: number };
  errors: { line: number; code: string | null; fields: FieldError[] }[];
  /** Fields (e.g. 'nameKana') whose column the file lacks. */
  missingHeaders: string[];
}

export function isImportField(value: unknown): value is ImportField {
  return typeof value === 'string' && (importFields as readonly string[]).includes(value);
}

/** The column a problem belongs to: a field of the list, the file as a whole, or unknown. */
export function columnOfPath(path: readonly (string | number)[]): ImportField | 'file' | null {
  const [first] = path;
  if (first === 'file') return 'file';
  return isImportField(first) ? first : null;
}

export interface ImportErrorRow {
  /** Stable within one report, for React keys. */
  key: string;
  line: number;
  code: string | null;
  column: ImportField | 'file' | null;
  message: { ja: string; en: string };
}

/** One row per problem, in file order; a line with two problems gives two rows. */
export function importErrorRows(report: Pick<ImportReport, 'errors'>): ImportErrorRow[] {
  return [...report.errors]
    .sort((a, b) => a.line - b.line)
    .flatMap((error) =>
      error.fields.map((field, index) => ({
        key: `${error.line}-${index}-${field.code}`,
        line: error.line,
        code: error.code,
        column: columnOfPath(field.path),
        message: { ja: field.ja, en: field.en },
      })),
    );
}

/** The report found nothing wrong: every row was valid and every column present. */
export function isCleanReport(report: ImportReport): boolean {
  return report.errors.length === 0 && report.missingHeaders.length === 0;
}
