import { describe, expect, it } from 'vitest';
import { needsSurveySections } from '../db/seed/surveys-demo';
import { scoreMaturity } from './maturity';

const allFive = Object.fromEntries(
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

describe('maturity model on the needs survey', () => {
  it('scores a fully advanced city 5 in every area and overall', () => {
    const r = scoreMaturity(needsSurveySections, {
      cdo_appointed: 'appointed',
      dx_plan: 'formulated',
      outside_talent: 'using',
      area_status: allFive,
    });
    expect(Object.keys(r.byArea)).toHaveLength(10);
    expect(Object.values(r.byArea).every((l) => l === 5)).toBe(true);
    expect(r.overall).toBe(5);
  });

  it('averages the questions of one area and rounds half up', () => {
    // dx_strategy: CDO planned (3) and plan formulated (5) → 4; appointed (5) + in progress (3) → 4.
    const r = scoreMaturity(needsSurveySections, {
      cdo_appointed: 'planned',
      dx_plan: 'formulated',
      outside_talent: 'not_using',
      area_status: { ...allFive, ai_rpa: '1', telework: '2' },
    });
    expect(r.byArea.dx_strategy).toBe(4);
    expect(r.byArea.digital_talent).toBe(1);
    expect(r.byArea.ai_rpa).toBe(1);
    expect(r.byArea.telework).toBe(2);
    // Means: 4, 1, 5×6, 1, 2 → 38/10 = 3.8 → 4.
    expect(r.overall).toBe(4);
    expect(r.items.find((i) => i.area === 'ai_rpa')).toEqual({
      area: 'ai_rpa',
      questionKey: 'area_status',
      row: 'ai_rpa',
      score: 1,
    });
  });

  it('a small village just starting out is level 1; x.5 rounds up', () => {
    const ones = Object.fromEntries(Object.keys(allFive).map((a) => [a, '1']));
    const r = scoreMaturity(needsSurveySections, {
      cdo_appointed: 'not_appointed',
      dx_plan: 'not_started',
      outside_talent: 'not_using',
      area_status: ones,
    });
    expect(r.overall).toBe(1);
    const half = scoreMaturity(needsSurveySections, {
      cdo_appointed: 'planned',
      dx_plan: 'formulated',
      outside_talent: 'considering',
      area_status: { ...ones, security: '2' },
    });
    // dx_strategy (3+5)/2 = 4; security 2 → 2 (no half); check a half: CDO appointed 5 + plan in progress 3 = 4.
    expect(half.byArea.dx_strategy).toBe(4);
    const exactHalf = scoreMaturity(
      [
        {
          key: 's',
          title: { ja: '取組', en: 'Work' },
          questions: [
            {
              key: 'a',
              type: 'scale',
              label: { ja: 'AI活用', en: 'AI' },
              required: false,
              options: [],
              rows: [],
              maturityArea: 'ai_rpa',
            },
            {
              key: 'b',
              type: 'scale',
              label: { ja: 'RPA活用', en: 'RPA' },
              required: false,
              options: [],
              rows: [],
              maturityArea: 'ai_rpa',
            },
          ],
        },
      ],
      { a: '2', b: '3' },
    );
    expect(exactHalf.byArea.ai_rpa).toBe(3);
  });

  it('unanswered questions count for nothing, and a mostly empty response has no overall level', () => {
    const r = scoreMaturity(needsSurveySections, {
      cdo_appointed: 'appointed',
      area_status: { security: '3' },
    });
    expect(r.byArea).toEqual({ dx_strategy: 5, security: 3 });
    expect(r.overall).toBeNull();
    expect(r.markedAreas).toHaveLength(10);
    expect(scoreMaturity(needsSurveySections, {}).overall).toBeNull();
  });

  it('ignores values outside 1–5 and unknown options', () => {
    const r = scoreMaturity(needsSurveySections, {
      cdo_appointed: 'unknown',
      area_status: { security: '9', bpr: 'x', paperless: '4' },
    });
    expect(r.byArea).toEqual({ paperless: 4 });
  });
});
