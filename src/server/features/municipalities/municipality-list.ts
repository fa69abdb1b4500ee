import type { FieldError } from '../../../shared/errors';
import { isValidMunicipalityCode, prefectureCodeOf } from '../../../shared/municipality-code';
import {
  type MunicipalityImportRow,
  type MunicipalityKind,
  municipalityImportRowSchema,
} from '../../../shared/schemas/municipalities';
import { toFieldErrors } from '../../../shared/validation';

/**
 * Reading a municipality master list (CSV or xlsx) into validated rows.
 * Pure: the service decides what to do with the result, and imports nothing
 * unless every row is valid.
 */

/** Header names accepted for each field: the shipped English ones and the Japanese ones officials type. */
const headerAliases: Record<keyof MunicipalityImportRow, string[]> = {
  code: ['code', '団体コード', '全国地方公共団体コード', 'コード'],
  name: ['name', '市区町村名', '団体名', '名称'],
  nameKana: ['name_kana', 'よみ', 'ふりがな', '読み', 'かな'],
  nameEn: ['name_en', 'ローマ字', '英語名', 'name_romaji'],
  kind: ['kind', '種別', '区分'],
  area: ['area', '地域', '圏域'],
  region: ['region', '地方', '地区'],
  isEvacuationArea: ['evacuation12', 'is_evacuation_area', '避難地域'],
};

const kindWords: Record<string, MunicipalityKind> = {
  市: 'city',
  町: 'town',
  村: 'village',
  区: 'ward',
  city: 'city',
  town: 'town',
  village: 'village',
  ward: 'ward',
};

const trueWords = new Set(['true', '1', 'yes', 'y', '○', '〇', 'はい', '該当']);
const falseWords = new Set(['false', '0', 'no', 'n', '', '×', 'いいえ', '-', '－']);

export interface RowError {
  /** 1-based line number in the file, counting the header as line 1. */
  line: number;
  code: string | null;
  fields: FieldError[];
}

export interface ParsedMunicipalityList {
  rows: MunicipalityImportRow[];
  errors: RowError[];
  missingHeaders: string[];
}

export function findMissingHeaders(headers: string[]): string[] {
  const present = new Set(headers.map((h) => h.trim().toLowerCase()));
  return Object.entries(headerAliases)
    .filter(([, aliases]) => !aliases.some((a) => present.has(a.toLowerCase())))
    .map(([field]) => field);
}

function pick(record: Record<string, string>, field: keyof MunicipalityImportRow): string | undefined {
  const lowerKeyed = new Map(Object.entries(record).map(([k, v]) => [k.trim().toLowerCase(), v]));
  for (const alias of headerAliases[field]) {
    const v = lowerKeyed.get(alias.toLowerCase());
    if (v !== undefined) return v;
  }
  return undefined;
}

/**
 * Excel turns the text "072010" into the number 72010 unless the column was
 * formatted as text. When a 4–5 digit value becomes a code of this
 * prefecture by restoring the zero, do so; anything else is left for the
 * validator to reject.
 */
export function restoreLeadingZero(raw: string, prefectureCode: string): string {
  const value = raw.trim();
  if (!/^\d{4,5}$/.test(value) || value.startsWith(prefectureCode)) return value;
  for (const width of [6, 5]) {
    const padded = value.padStart(width, '0');
    if (padded.startsWith(prefectureCode) && (width === 5 || isValidMunicipalityCode(padded))) return padded;
  }
  return value;
}

export function parseMunicipalityList(
  headers: string[],
  records: Record<string, string>[],
  prefectureCode: string,
): ParsedMunicipalityList {
  const missingHeaders = findMissingHeaders(headers);
  if (missingHeaders.length > 0) return { rows: [], errors: [], missingHeaders };
  const rows: MunicipalityImportRow[] = [];
  const errors: RowError[] = [];
  const seenCodes = new Map<string, number>();
  records.forEach((record, index) => {
    const line = index + 2;
    const rawKind = (pick(record, 'kind') ?? '').trim();
    const rawFlag = (pick(record, 'isEvacuationArea') ?? '').trim().toLowerCase();
    const candidate = {
      code: restoreLeadingZero(pick(record, 'code') ?? '', prefectureCode),
      name: pick(record, 'name') ?? '',
      nameKana: pick(record, 'nameKana') ?? '',
      nameEn: pick(record, 'nameEn') ?? '',
      kind: kindWords[rawKind.toLowerCase()] ?? kindWords[rawKind.slice(-1)] ?? rawKind,
      area: pick(record, 'area') ?? '',
      region: pick(record, 'region') ?? '',
      isEvacuationArea: trueWords.has(rawFlag) ? true : falseWords.has(rawFlag) ? false : rawFlag,
    };
    const result = municipalityImportRowSchema.safeParse(candidate);
    if (!result.success) {
      errors.push({ line, code: candidate.code || null, fields: toFieldErrors(result.error.issues) });
      return;
    }
    const fields: FieldError[] = [];
    if (prefectureCodeOf(result.data.code) !== prefectureCode) {
      fields.push({
        path: ['code'],
        code: 'wrong_prefecture',
        ja: `団体コードが都道府県コード${prefectureCode}で始まっていません。`,
        en: `The code does not belong to prefecture ${prefectureCode}.`,
      });
    }
    const earlierLine = seenCodes.get(result.data.code);
    if (earlierLine !== undefined) {
      fields.push({
        path: ['code'],
        code: 'duplicate',
        ja: `団体コードが${earlierLine}行目と重複しています。`,
        en: `The code duplicates line ${earlierLine}.`,
      });
    }
    seenCodes.set(result.data.code, earlierLine ?? line);
    if (fields.length > 0) errors.push({ line, code: result.data.code, fields });
    else rows.push(result.data);
  });
  return { rows, errors, missingHeaders };
}
