import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jstDate } from '../fiscal-year';
import {
  closedDayReason,
  deadlineInputOf,
  deadlineInstantOf,
  findPhaseDateProblems,
  phaseCreateSchema,
  phaseKindLabels,
  phaseKinds,
  phaseStateAt,
  phaseWindowOf,
  shiftYmdByYears,
  ymdSchema,
} from './fiscal-years';

describe('shiftYmdByYears', () => {
  it('moves a leap day to 28 February in a year without one', () => {
    // 2024-02-29 + 1 year = 2025-02-28: there is no 2025-02-29, and March 1 would leave February.
    expect(shiftYmdByYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(shiftYmdByYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(shiftYmdByYears('2024-02-29', -1)).toBe('2023-02-28');
    expect(shiftYmdByYears('2023-02-28', 1)).toBe('2024-02-28');
    expect(shiftYmdByYears('2024-03-31', 1)).toBe('2025-03-31');
  });

  it('keeps month and day, except a leap day that has nowhere to go', () => {
    const ymd = fc
      .date({
        min: new Date('2001-01-01T00:00:00Z'),
        max: new Date('2090-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(ymd, fc.integer({ min: -5, max: 5 }), (date, years) => {
        const shifted = shiftYmdByYears(date, years);
        expect(Number(shifted.slice(0, 4))).toBe(Number(date.slice(0, 4)) + years);
        expect(shifted.slice(5, 7)).toBe(date.slice(5, 7));
        if (!date.endsWith('-02-29')) expect(shifted.slice(8)).toBe(date.slice(8));
        expect(ymdSchema.safeParse(shifted).success).toBe(true);
      }),
    );
  });
});

describe('phase window', () => {
  it('runs from October of the year before to March of the year after', () => {
    expect(phaseWindowOf(2024)).toEqual({ from: '2023-10-01', to: '2025-03-31' });
  });
});

describe('findPhaseDateProblems', () => {
  const base = { startsOn: '2024-05-01', endsOn: '2024-05-31', deadline: null };

  it('accepts a plain phase and a business-day deadline inside it', () => {
    expect(findPhaseDateProblems(base, 2024)).toEqual([]);
    expect(findPhaseDateProblems({ ...base, deadline: { date: '2024-05-31', time: '17:00' } }, 2024)).toEqual(
      [],
    );
  });

  it('proposes the previous business day for a closed day, across a run of holidays', () => {
    // Golden Week 2024: 5/3 (Fri) 憲法記念日, 5/4–5/5 weekend, 5/6 振替休日 → back to Thursday 5/2.
    const [problem] = findPhaseDateProblems(
      { ...base, deadline: { date: '2024-05-06', time: '17:00' } },
      2024,
    );
    expect(problem).toMatchObject({ path: ['deadline', 'date'], code: 'non_business_day' });
    expect(problem!.ja).toContain('振替休日');
    expect(problem!.en).toContain('2024-05-02');
  });

  it('can leave an existing deadline unjudged while still checking its place in the phase', () => {
    const onSunday = { ...base, deadline: { date: '2024-05-12', time: '17:00' } };
    expect(findPhaseDateProblems(onSunday, 2024, { checkBusinessDay: false })).toEqual([]);
    const outside = { ...base, deadline: { date: '2024-06-03', time: '17:00' } };
    expect(findPhaseDateProblems(outside, 2024, { checkBusinessDay: false })[0]?.code).toBe(
      'deadline_outside_phase',
    );
  });

  it('reports every broken rule at once', () => {
    const problems = findPhaseDateProblems(
      { startsOn: '2025-04-10', endsOn: '2025-04-01', deadline: { date: '2025-04-21', time: '17:00' } },
      2024,
    );
    expect(problems.map((p) => p.code)).toEqual([
      'end_before_start',
      'outside_fiscal_year',
      'outside_fiscal_year',
      'deadline_outside_phase',
    ]);
  });
});

describe('phaseStateAt', () => {
  const phase = { startsOn: '2024-06-10', endsOn: '2024-06-21', deadlineAt: jstDate(2024, 6, 21, 15) };

  it('is upcoming before 00:00 JST of the first day, open until the cut-off, closed after', () => {
    expect(phaseStateAt(phase, new Date('2024-06-09T14:59:59.999Z'))).toBe('upcoming');
    expect(phaseStateAt(phase, new Date('2024-06-09T15:00:00.000Z'))).toBe('open');
    expect(phaseStateAt(phase, jstDate(2024, 6, 21, 15))).toBe('open');
    expect(phaseStateAt(phase, new Date(jstDate(2024, 6, 21, 15).getTime() + 1))).toBe('closed');
  });

  it('without a deadline, closes at the end of the last day', () => {
    const open = { ...phase, deadlineAt: null };
    expect(phaseStateAt(open, jstDate(2024, 6, 21, 23, 59))).toBe('open');
    expect(phaseStateAt(open, jstDate(2024, 6, 22))).toBe('closed');
  });
});

describe('schemas and labels', () => {
  it('accepts only real dates and the end not before the start', () => {
    expect(ymdSchema.safeParse('2024-02-29').success).toBe(true);
    expect(ymdSchema.safeParse('2023-02-29').success).toBe(false);
    expect(ymdSchema.safeParse('2024-2-1').success).toBe(false);
    const reversed = phaseCreateSchema.safeParse({
      kind: 'call',
      startsOn: '2024-06-21',
      endsOn: '2024-06-10',
    });
    expect(reversed.success).toBe(false);
    expect(reversed.error?.issues[0]?.path).toEqual(['endsOn']);
  });

  it('round-trips a JST deadline through its instant', () => {
    const input = { date: '2024-12-27', time: '23:30' };
    expect(deadlineInstantOf(input).toISOString()).toBe('2024-12-27T14:30:00.000Z');
    expect(deadlineInputOf(deadlineInstantOf(input))).toEqual(input);
  });

  it('names every phase kind in both languages and explains closed days', () => {
    for (const kind of phaseKinds) {
      expect(phaseKindLabels[kind].ja).not.toBe('');
      expect(phaseKindLabels[kind].en).not.toBe('');
    }
    expect(phaseKindLabels.survey).toEqual({ ja: '課題把握アンケート', en: 'Needs survey' });
    expect(closedDayReason('2024-05-03')).toEqual({ ja: '憲法記念日', en: 'Constitution Memorial Day' });
    expect(closedDayReason('2025-01-02')).toEqual({ ja: '年末年始の閉庁日', en: 'year-end office closure' });
    expect(closedDayReason('2024-05-02')).toBeNull();
  });
});
