import { describe, expect, it } from 'vitest';
import type { Question } from '../../shared/schemas/surveys';
import { type CrosstabRespondent, crosstab, isCrosstabQuestion, populationBand } from './crosstab';

const label = (ja: string, en = ja) => ({ ja, en });
const help: Question = {
  key: 'help',
  type: 'multiple_choice',
  label: label('支援希望'),
  required: false,
  options: [
    { value: 'ai_rpa', label: label('AI・RPA') },
    { value: 'security', label: label('セキュリティ') },
  ],
  rows: [],
};

function town(
  answers: CrosstabRespondent['answers'],
  place: Partial<CrosstabRespondent> = {},
): CrosstabRespondent {
  return {
    answers,
    kind: 'town',
    population: null,
    areaName: '会津',
    areaNameEn: 'Aizu',
    regionName: '会津地方',
    regionNameEn: 'Aizu region',
    ...place,
  };
}

const respondents = [
  town({ help: ['ai_rpa', 'security'] }, { kind: 'city', population: 320_000 }),
  town({ help: ['security'] }, { areaName: '県中', areaNameEn: 'Kenchu', population: 9_000 }),
  town({ help: ['security', 'unknown_value'] }, { kind: 'village', population: 50_000 }),
  town({}),
];

describe('crosstab', () => {
  it('counts each chosen option per area, every option starting at 0, groups in respondent order', () => {
    const t = crosstab(help, respondents, 'area');
    expect(t.groups).toEqual([
      { value: '会津', label: { ja: '会津', en: 'Aizu' }, respondentCount: 3 },
      { value: '県中', label: { ja: '県中', en: 'Kenchu' }, respondentCount: 1 },
    ]);
    expect(t.cells).toEqual({ 会津: { ai_rpa: 1, security: 2 }, 県中: { ai_rpa: 0, security: 1 } });
    expect(t.options).toEqual(help.options.map((o) => ({ value: o.value, label: o.label })));
    expect(t).toMatchObject({ dimension: 'area', questionKey: 'help' });
  });

  it('groups by municipality kind with labels in both languages', () => {
    const t = crosstab(help, respondents, 'kind');
    expect(t.groups.map((g) => [g.value, g.label.en, g.respondentCount])).toEqual([
      ['city', 'City', 1],
      ['town', 'Town', 2],
      ['village', 'Village', 1],
    ]);
  });

  it('groups by population band, an unregistered population said plainly', () => {
    const t = crosstab(help, respondents, 'population_band');
    expect(t.groups.map((g) => g.value)).toEqual(['100k_plus', 'under_10k', '50k_100k', 'unknown']);
    expect(t.cells.unknown).toEqual({ ai_rpa: 0, security: 0 });
    expect(crosstab(help, respondents, 'region').groups.map((g) => g.label.en)).toEqual(['Aizu region']);
  });

  it('counts a single choice answer as one chosen option', () => {
    const single: Question = { ...help, type: 'single_choice' };
    const t = crosstab(single, [town({ help: 'ai_rpa' }), town({ help: 'ai_rpa' })], 'area');
    expect(t.cells.会津).toEqual({ ai_rpa: 2, security: 0 });
  });

  it('puts band limits on the right side', () => {
    expect(populationBand(9_999).value).toBe('under_10k');
    expect(populationBand(10_000).value).toBe('10k_50k');
    expect(populationBand(99_999).value).toBe('50k_100k');
    expect(populationBand(100_000).value).toBe('100k_plus');
    expect(populationBand(null).label.ja).toBe('人口未登録');
  });

  it('only choice questions can be cross-tabulated', () => {
    expect(isCrosstabQuestion(help)).toBe(true);
    expect(isCrosstabQuestion({ ...help, type: 'scale' })).toBe(true);
    expect(isCrosstabQuestion({ ...help, type: 'matrix' })).toBe(false);
    expect(isCrosstabQuestion({ ...help, type: 'long_text' })).toBe(false);
  });
});
