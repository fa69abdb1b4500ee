import { describe, expect, it } from 'vitest';
import { parseCsvRecords } from '../../platform/csv';
import { readReferenceFile } from '../../db/seed/reference-data';
import { parseMunicipalityList, restoreLeadingZero } from './municipality-list';

const header = 'code,name,name_kana,name_en,kind,area,region,evacuation12';

function parse(lines: string[], prefectureCode = '07') {
  const { headers, records } = parseCsvRecords([header, ...lines].join('\n'));
  return parseMunicipalityList(headers, records, prefectureCode);
}

describe('parseMunicipalityList', () => {
  it('accepts the shipped Fukushima list: 59 rows, 13 cities, 31 towns, 15 villages, 12 evacuation-area municipalities', () => {
    const { headers, records } = parseCsvRecords(readReferenceFile('fukushima-municipalities.csv'));
    const result = parseMunicipalityList(headers, records, '07');
    expect(result.errors).toEqual([]);
    expect(result.rows).toHaveLength(59);
    const count = (kind: string) => result.rows.filter((r) => r.kind === kind).length;
    expect([count('city'), count('town'), count('village')]).toEqual([13, 31, 15]);
    expect(result.rows.filter((r) => r.isEvacuationArea)).toHaveLength(12);
    expect(new Set(result.rows.map((r) => r.region))).toEqual(new Set(['中通り', '会津', '浜通り']));
  });

  it('reports each bad row with its line number and failing fields', () => {
    const result = parse([
      '072010,福島市,ふくしまし,Fukushima-shi,市,県北,中通り,false',
      '072011,福島市,ふくしまし,Fukushima-shi,市,県北,中通り,false', // wrong check digit
      '072028,,あいづわかまつし,Aizuwakamatsu-shi,都,会津,会津,maybe', // no name, bad kind, bad flag
      '131016,千代田区,ちよだく,Chiyoda-ku,区,区部,東京,false', // other prefecture
      '072010,福島市,ふくしまし,Fukushima-shi,市,県北,中通り,false', // duplicate of line 2
    ]);
    expect(result.rows).toHaveLength(1);
    expect(result.errors.map((e) => e.line)).toEqual([3, 4, 5, 6]);
    expect(result.errors[0]!.fields[0]!.ja).toContain('検査数字');
    expect(result.errors[1]!.fields.map((f) => f.path[0]).sort()).toEqual([
      'isEvacuationArea',
      'kind',
      'name',
    ]);
    expect(result.errors[2]!.fields[0]!.code).toBe('wrong_prefecture');
    expect(result.errors[3]!.fields[0]!.en).toContain('line 2');
  });

  it('accepts Japanese headers, 5-digit codes and kana readings', () => {
    const { headers, records } = parseCsvRecords(
      '団体コード,市区町村名,よみ,ローマ字,種別,地域,地方,避難地域\n07402,北塩原村,きたしおばらむら,Kitashiobara-mura,村,会津,会津,\n',
    );
    const result = parseMunicipalityList(headers, records, '07');
    expect(result.errors).toEqual([]);
    expect(result.rows[0]).toMatchObject({ code: '074021', kind: 'village', isEvacuationArea: false });
  });

  it('names the missing columns instead of guessing', () => {
    const { headers, records } = parseCsvRecords('code,name\n072010,福島市\n');
    expect(parseMunicipalityList(headers, records, '07').missingHeaders).toEqual([
      'nameKana',
      'nameEn',
      'kind',
      'area',
      'region',
      'isEvacuationArea',
    ]);
  });
});

describe('restoreLeadingZero', () => {
  it('restores codes Excel turned into numbers', () => {
    expect(restoreLeadingZero('72010', '07')).toBe('072010');
    expect(restoreLeadingZero('7201', '07')).toBe('07201');
    expect(restoreLeadingZero('072010', '07')).toBe('072010');
  });
  it('leaves values that would not become a code of this prefecture alone', () => {
    expect(restoreLeadingZero('131016', '07')).toBe('131016');
    expect(restoreLeadingZero('72011', '07')).toBe('72011');
  });
});
