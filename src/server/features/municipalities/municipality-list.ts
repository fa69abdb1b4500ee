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
  name: ['name', '市区町村名', '団体名', '名称', '市区町村名（漢字）'],
  nameKana: ['name_kana', 'よみ', 'ふりがな', '読み', 'かな', '市区町村名（カナ）'],
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

/** Something worth a look that does not stop the import. */
export interface ImportWarning {
  line: number;
  ja: string;
  en: string;
}

export interface ParsedMunicipalityList {
  rows: MunicipalityImportRow[];
  errors: RowError[];
  missingHeaders: string[];
  warnings: ImportWarning[];
}

/**
 * Header cells as people and ministries write them: full-width brackets,
 * line breaks inside a cell ("市区町村名\n（漢字）"), any letter case.
 */
function normalizeHeader(header: string): string {
  return header.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/**
 * The 総務省 全国地方公共団体コード list as published (xlsx, or saved as CSV):
 * 団体コード, 都道府県名（漢字）, 市区町村名（漢字）, 都道府県名（カナ）,
 * 市区町村名（カナ）, one row per prefecture and municipality of the whole
 * country, readings in half-width katakana. It has no kind, English name,
 * area, region or evacuation flag: those are derived or left for later.
 */
const officialListMarker = normalizeHeader('都道府県名（漢字）');
const officialListFields: (keyof MunicipalityImportRow)[] = ['code', 'name', 'nameKana'];
/** Area and region of municipalities imported from the official list, until a fuller list says. */
export const unassignedGroup = '未設定';

export function isOfficialCodeList(headers: string[]): boolean {
  return headers.some((h) => normalizeHeader(h) === officialListMarker);
}

export function findMissingHeaders(headers: string[]): string[] {
  const present = new Set(headers.map(normalizeHeader));
  const required = isOfficialCodeList(headers)
    ? officialListFields
    : (Object.keys(headerAliases) as (keyof MunicipalityImportRow)[]);
  return required.filter((field) => !headerAliases[field].some((a) => present.has(normalizeHeader(a))));
}

function pick(record: Record<string, string>, field: keyof MunicipalityImportRow): string | undefined {
  const normalizedKeyed = new Map(Object.entries(record).map(([k, v]) => [normalizeHeader(k), v]));
  for (const alias of headerAliases[field]) {
    const v = normalizedKeyed.get(normalizeHeader(alias));
    if (v !== undefined) return v;
  }
  return undefined;
}

/**
 * Readings are stored in hiragana. NFKC turns half-width katakana (ﾌｸｼﾏｼ, as
 * the official list has them, with separate voicing marks) into full-width,
 * then katakana become hiragana; ー and ・ stay.
 */
export function normalizeReading(raw: string): string {
  return raw
    .normalize('NFKC')
    .trim()
    .replace(/[\u30A1-\u30F6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

const romajiDigraphs: Record<string, string> = {
  きゃ: 'kya',
  きゅ: 'kyu',
  きょ: 'kyo',
  しゃ: 'sha',
  しゅ: 'shu',
  しょ: 'sho',
  ちゃ: 'cha',
  ちゅ: 'chu',
  ちょ: 'cho',
  にゃ: 'nya',
  にゅ: 'nyu',
  にょ: 'nyo',
  ひゃ: 'hya',
  ひゅ: 'hyu',
  ひょ: 'hyo',
  みゃ: 'mya',
  みゅ: 'myu',
  みょ: 'myo',
  りゃ: 'rya',
  りゅ: 'ryu',
  りょ: 'ryo',
  ぎゃ: 'gya',
  ぎゅ: 'gyu',
  ぎょ: 'gyo',
  じゃ: 'ja',
  じゅ: 'ju',
  じょ: 'jo',
  びゃ: 'bya',
  びゅ: 'byu',
  びょ: 'byo',
  ぴゃ: 'pya',
  ぴゅ: 'pyu',
  ぴょ: 'pyo',
};
const romajiMonographs: Record<string, string> = {
  あ: 'a',
  い: 'i',
  う: 'u',
  え: 'e',
  お: 'o',
  か: 'ka',
  き: 'ki',
  く: 'ku',
  け: 'ke',
  こ: 'ko',
  さ: 'sa',
  し: 'shi',
  す: 'su',
  せ: 'se',
  そ: 'so',
  た: 'ta',
  ち: 'chi',
  つ: 'tsu',
  て: 'te',
  と: 'to',
  な: 'na',
  に: 'ni',
  ぬ: 'nu',
  ね: 'ne',
  の: 'no',
  は: 'ha',
  ひ: 'hi',
  ふ: 'fu',
  へ: 'he',
  ほ: 'ho',
  ま: 'ma',
  み: 'mi',
  む: 'mu',
  め: 'me',
  も: 'mo',
  や: 'ya',
  ゆ: 'yu',
  よ: 'yo',
  ら: 'ra',
  り: 'ri',
  る: 'ru',
  れ: 're',
  ろ: 'ro',
  わ: 'wa',
  ゐ: 'i',
  ゑ: 'e',
  を: 'o',
  ん: 'n',
  が: 'ga',
  ぎ: 'gi',
  ぐ: 'gu',
  げ: 'ge',
  ご: 'go',
  ざ: 'za',
  じ: 'ji',
  ず: 'zu',
  ぜ: 'ze',
  ぞ: 'zo',
  だ: 'da',
  ぢ: 'ji',
  づ: 'zu',
  で: 'de',
  ど: 'do',
  ば: 'ba',
  び: 'bi',
  ぶ: 'bu',
  べ: 'be',
  ぼ: 'bo',
  ぱ: 'pa',
  ぴ: 'pi',
  ぷ: 'pu',
  ぺ: 'pe',
  ぽ: 'po',
  ぁ: 'a',
  ぃ: 'i',
  ぅ: 'u',
  ぇ: 'e',
  ぉ: 'o',
  ゔ: 'vu',
};

/** Hepburn without macrons, as the shipped list writes names (こおりやま → koriyama). */
export function romanize(reading: string): string {
  let out = '';
  for (let i = 0; i < reading.length; i++) {
    const pair = reading.slice(i, i + 2);
    const char = reading[i]!;
    if (romajiDigraphs[pair]) {
      out += romajiDigraphs[pair];
      i++;
    } else if (char === 'っ') {
      const next =
        romajiDigraphs[reading.slice(i + 1, i + 3)] ?? romajiMonographs[reading[i + 1] ?? ''] ?? '';
      out += next.startsWith('ch') ? 't' : (next[0] ?? '');
    } else {
      out += romajiMonographs[char] ?? '';
    }
  }
  return out.replace(/ou|oo/g, 'o').replace(/uu/g, 'u');
}

const suffixReadings: Record<string, [string, string][]> = {
  市: [['し', 'shi']],
  町: [
    ['まち', 'machi'],
    ['ちょう', 'cho'],
  ],
  村: [
    ['むら', 'mura'],
    ['そん', 'son'],
  ],
  区: [['く', 'ku']],
};

/** 福島市/ふくしまし → Fukushima-shi: the English name the shipped lists use, for lists that have none. */
export function englishNameFrom(name: string, reading: string): string {
  for (const [kanaSuffix, latinSuffix] of suffixReadings[name.slice(-1)] ?? []) {
    if (reading.endsWith(kanaSuffix) && reading.length > kanaSuffix.length) {
      const stem = romanize(reading.slice(0, -kanaSuffix.length));
      return `${stem.charAt(0).toUpperCase()}${stem.slice(1)}-${latinSuffix}`;
    }
  }
  const whole = romanize(reading);
  return `${whole.charAt(0).toUpperCase()}${whole.slice(1)}`;
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
  if (missingHeaders.length > 0) return { rows: [], errors: [], missingHeaders, warnings: [] };
  const isOfficial = isOfficialCodeList(headers);
  const rows: MunicipalityImportRow[] = [];
  const errors: RowError[] = [];
  const seenCodes = new Map<string, number>();
  const lineOf = new Map<MunicipalityImportRow, number>();
  records.forEach((record, index) => {
    const line = index + 2;
    const name = (pick(record, 'name') ?? '').trim();
    const code = restoreLeadingZero(pick(record, 'code') ?? '', prefectureCode);
    // The official list covers the whole country and has a row for each prefecture
    // itself (no municipality name): only this prefecture's municipalities are read.
    if (isOfficial && (name === '' || !code.startsWith(prefectureCode))) return;
    const nameKana = normalizeReading(pick(record, 'nameKana') ?? '');
    const rawKind = (pick(record, 'kind') ?? (isOfficial ? name : '')).trim();
    const rawFlag = (pick(record, 'isEvacuationArea') ?? '').trim().toLowerCase();
    const candidate = {
      code,
      name,
      nameKana,
      nameEn: pick(record, 'nameEn') ?? (isOfficial ? englishNameFrom(name, nameKana) : ''),
      kind: kindWords[rawKind.toLowerCase()] ?? kindWords[rawKind.slice(-1)] ?? rawKind,
      area: pick(record, 'area') ?? (isOfficial ? unassignedGroup : ''),
      region: pick(record, 'region') ?? (isOfficial ? unassignedGroup : ''),
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
    else {
      rows.push(result.data);
      lineOf.set(result.data, line);
    }
  });
  return { rows, errors, missingHeaders, warnings: duplicateNameWarnings(rows, lineOf) };
}

/**
 * Two rows of one prefecture with the same name (緑区 of 横浜市 and of 相模原市,
 * when wards are listed on their own) are valid, as codes differ, but look
 * alike in every list and picker: worth renaming (相模原市緑区) before import.
 */
function duplicateNameWarnings(
  rows: MunicipalityImportRow[],
  lineOf: Map<MunicipalityImportRow, number>,
): ImportWarning[] {
  const firstLine = new Map<string, number>();
  const warnings: ImportWarning[] = [];
  for (const row of rows) {
    const line = lineOf.get(row) ?? 0;
    const earlier = firstLine.get(row.name);
    if (earlier === undefined) {
      firstLine.set(row.name, line);
      continue;
    }
    warnings.push({
      line,
      ja: `「${row.name}」（${row.code}）は${earlier}行目と同じ名前です。区であれば市名を付けると一覧で見分けられます（例: 相模原市緑区）。`,
      en: `"${row.name}" (${row.code}) has the same name as line ${earlier}; for a ward, prefix the city (e.g. 相模原市緑区) so lists tell them apart.`,
    });
  }
  return warnings;
}
