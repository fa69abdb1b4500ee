import { describe, expect, it } from 'vitest';
import type { Question, Section } from '../../shared/schemas/surveys';
import { needsSurveySections } from '../db/seed/surveys-demo';
import { computeNeedsProfile, HELP_WANTED_KEY, helpWantedAreasOf } from './needs-profile';

const of = { municipalityId: 'm-1', fiscalYearId: 'fy-1' };
const label = (ja: string) => ({ ja, en: ja });
function question(key: string, type: Question['type'], extra: Partial<Question> = {}): Question {
  return { key, type, label: label(key), required: false, options: [], rows: [], ...extra };
}

const small: Section[] = [
  {
    key: 's',
    title: label('節'),
    questions: [
      question('plan', 'single_choice', {
        maturityArea: 'dx_strategy',
        options: [
          { value: 'yes', label: label('策定済み'), score: 4 },
          { value: 'no', label: label('未策定'), score: 1 },
        ],
      }),
      question('security_level', 'scale', { maturityArea: 'security' }),
      question(HELP_WANTED_KEY, 'multiple_choice', {
        options: [{ value: 'ai_rpa', label: label('AI・RPA') }],
      }),
      question('first_voice', 'long_text'),
      question('short', 'short_text'),
      question('second_voice', 'long_text'),
    ],
  },
];

describe('needs profile of one response', () => {
  it('gives help wanted in the given order, maturity per area and overall, and the voices', () => {
    const profile = computeNeedsProfile(
      small,
      {
        plan: 'yes',
        security_level: '2',
        [HELP_WANTED_KEY]: ['security', 'ai_rpa'],
        first_voice: '人が足りない',
        short: '短い答え',
        second_voice: '  ',
      },
      of,
    );
    expect(profile).toEqual({
      municipalityId: 'm-1',
      fiscalYearId: 'fy-1',
      helpWantedAreas: ['security', 'ai_rpa'],
      maturityByArea: { dx_strategy: 4, security: 2 },
      overallLevel: 3,
      voices: ['人が足りない'],
    });
  });

  it('ignores help-wanted values that are not challenge areas, and a help answer of the wrong shape', () => {
    expect(helpWantedAreasOf({ [HELP_WANTED_KEY]: ['ai_rpa', 'astrology', 'bpr'] })).toEqual([
      'ai_rpa',
      'bpr',
    ]);
    expect(helpWantedAreasOf({ [HELP_WANTED_KEY]: 'ai_rpa' })).toEqual([]);
    expect(helpWantedAreasOf({})).toEqual([]);
  });

  it('has no overall level for an empty response', () => {
    const profile = computeNeedsProfile(small, {}, of);
    expect(profile.overallLevel).toBeNull();
    expect(profile.maturityByArea).toEqual({});
    expect(profile.helpWantedAreas).toEqual([]);
    expect(profile.voices).toEqual([]);
  });

  it('scores every area of the real needs survey for a fully advanced city', () => {
    const areaStatus = Object.fromEntries(
      [
        'system_standardization',
        'online_procedures',
        'ai_rpa',
        'bpr',
        'paperless',
        'telework',
        'security',
        'it_literacy',
      ].map((a) => [a, '5']),
    );
    const profile = computeNeedsProfile(
      needsSurveySections,
      {
        cdo_appointed: 'appointed',
        dx_plan: 'formulated',
        outside_talent: 'using',
        area_status: areaStatus,
        [HELP_WANTED_KEY]: ['telework'],
      },
      of,
    );
    expect(Object.keys(profile.maturityByArea)).toHaveLength(10);
    expect(profile.overallLevel).toBe(5);
    expect(profile.helpWantedAreas).toEqual(['telework']);
  });
});
