import { describe, expect, it } from 'vitest';
import {
  choiceOf,
  choiceValue,
  countChoices,
  countRowsToFix,
  initialChoices,
  parseTypedMinutes,
  toConfirmRows,
} from './attendance-choices';
import type { AttendanceImportPreview } from './types';

const preview: AttendanceImportPreview = {
  importId: 'imp-1',
  format: 'zoom',
  rows: [
    {
      index: 0,
      name: '西会津 太郎',
      email: 'a@example.jp',
      minutes: 85,
      seconds: 85 * 60,
      joinedAt: null,
      leftAt: null,
      problem: null,
      match: { registrationId: 'r1', by: 'email' },
    },
    {
      index: 1,
      name: '郡山市 花子',
      email: '',
      minutes: 40,
      seconds: 2400,
      joinedAt: null,
      leftAt: null,
      problem: null,
      match: { registrationId: 'r2', by: 'name' },
    },
    {
      index: 2,
      name: 'iPhone',
      email: '',
      minutes: 12,
      seconds: 720,
      joinedAt: null,
      leftAt: null,
      problem: null,
      match: null,
    },
  ],
};

describe('attendance review choices', () => {
  it('starts with matched rows on their registration and the rest ignored', () => {
    const choices = initialChoices(preview);
    expect(choices.get(0)).toEqual({ kind: 'registration', registrationId: 'r1' });
    expect(choices.get(2)).toEqual({ kind: 'ignore' });
    expect(countChoices(preview, choices)).toEqual({ matched: 2, unmatched: 1, assigned: 2, ignored: 1 });
  });

  it('round-trips choices through the select value', () => {
    for (const choice of [
      { kind: 'registration', registrationId: 'r9' },
      { kind: 'municipality', municipalityId: 'm1' },
      { kind: 'ignore' },
    ] as const) {
      expect(choiceOf(choiceValue(choice))).toEqual(choice);
    }
    expect(choiceOf('registration:')).toEqual({ kind: 'ignore' });
    expect(choiceOf('nonsense')).toEqual({ kind: 'ignore' });
  });

  it('sends every row with its decision, an unmatched row assigned to a municipality included', () => {
    const choices = initialChoices(preview);
    choices.set(2, { kind: 'municipality', municipalityId: 'm7' });
    choices.set(1, { kind: 'ignore' });
    expect(toConfirmRows(preview, choices)).toEqual([
      { index: 0, registrationId: 'r1', isIgnored: false },
      { index: 1, isIgnored: true },
      { index: 2, municipalityId: 'm7', isIgnored: false },
    ]);
  });

  it('sends the minutes typed for a row to fix, and nothing for a row the report made readable', () => {
    const withProblem = {
      ...preview,
      rows: [
        ...preview.rows,
        {
          index: 3,
          name: '喜多方市 佐藤',
          email: 'sato@kitakata.example.jp',
          minutes: null,
          seconds: null,
          joinedAt: null,
          leftAt: null,
          match: null,
          problem: { line: 13, value: '約30', ja: '読み取れません', en: 'cannot be read' },
        },
      ],
    };
    expect(countRowsToFix(withProblem)).toBe(1);
    const choices = initialChoices(withProblem);
    choices.set(3, { kind: 'municipality', municipalityId: 'm8' });
    const typed = new Map([
      [0, '99'],
      [3, '３０'],
    ]);
    expect(toConfirmRows(withProblem, choices, typed).slice(-1)).toEqual([
      { index: 3, municipalityId: 'm8', minutes: 30, isIgnored: false },
    ]);
    expect(toConfirmRows(withProblem, choices, typed)[0]).toEqual({
      index: 0,
      registrationId: 'r1',
      isIgnored: false,
    });
    expect(parseTypedMinutes('30分')).toBeNull();
    expect(parseTypedMinutes('1441')).toBeNull();
    expect(parseTypedMinutes('')).toBeNull();
  });
});
