import { describe, expect, it } from 'vitest';
import {
  type AnswerSection,
  daysUntil,
  keptAnswers,
  missingAnswers,
  visibleQuestionKeys,
} from './answer-model';

const text = (ja: string) => ({ ja, en: ja });
const sections: AnswerSection[] = [
  {
    key: 'org',
    title: text('DX推進体制'),
    questions: [
      {
        key: 'cdo_appointed',
        type: 'single_choice',
        label: text('CDOを任命していますか'),
        required: true,
        options: [
          { value: 'yes', label: text('はい') },
          { value: 'no', label: text('いいえ') },
        ],
        rows: [],
      },
      {
        key: 'cdo_title',
        type: 'short_text',
        label: text('CDOの役職'),
        required: true,
        options: [],
        rows: [],
        showIf: { questionKey: 'cdo_appointed', anyOf: ['yes'] },
      },
      {
        key: 'cdo_since',
        type: 'number',
        label: text('任命した年'),
        required: false,
        options: [],
        rows: [],
        min: 2000,
        max: 2030,
        showIf: { questionKey: 'cdo_title', anyOf: ['副町長'] },
      },
      {
        key: 'status',
        type: 'matrix',
        label: text('取組状況'),
        required: true,
        options: [],
        rows: [
          { value: 'ai_rpa', label: text('AI・RPA') },
          { value: 'paperless', label: text('ペーパーレス') },
        ],
      },
      {
        key: 'help',
        type: 'multiple_choice',
        label: text('支援を希望する分野'),
        required: true,
        options: [
          { value: 'ai_rpa', label: text('AI・RPA') },
          { value: 'bpr', label: text('BPR') },
        ],
        rows: [],
      },
    ],
  },
];

describe('answer model', () => {
  it('shows a conditional question only when its condition holds, transitively', () => {
    expect([...visibleQuestionKeys(sections, {})]).toEqual(['cdo_appointed', 'status', 'help']);
    expect(visibleQuestionKeys(sections, { cdo_appointed: 'yes' }).has('cdo_title')).toBe(true);
    // cdo_since depends on cdo_title, which is hidden when cdo_appointed is "no".
    const hidden = visibleQuestionKeys(sections, { cdo_appointed: 'no', cdo_title: '副町長' });
    expect(hidden.has('cdo_title')).toBe(false);
    expect(hidden.has('cdo_since')).toBe(false);
  });

  it('drops answers to hidden questions and empty answers', () => {
    expect(
      keptAnswers(sections, { cdo_appointed: 'no', cdo_title: '副町長', help: [], status: { ai_rpa: '3' } }),
    ).toEqual({ cdo_appointed: 'no', status: { ai_rpa: '3' } });
  });

  it('lists required visible questions without an answer, a matrix by its first missing row', () => {
    const problems = missingAnswers(sections, { cdo_appointed: 'yes', status: { ai_rpa: '2' } });
    expect(problems.map((p) => [p.key, p.row])).toEqual([
      ['cdo_title', undefined],
      ['status', 'paperless'],
      ['help', undefined],
    ]);
    expect(problems[1]!.message.ja).toBe('「取組状況」の「ペーパーレス」を選んでください。');
    expect(
      missingAnswers(sections, {
        cdo_appointed: 'no',
        status: { ai_rpa: '2', paperless: '1' },
        help: ['bpr'],
      }),
    ).toEqual([]);
  });

  it('checks numbers even when optional', () => {
    const base = {
      cdo_appointed: 'yes',
      cdo_title: '副町長',
      status: { ai_rpa: '1', paperless: '1' },
      help: ['bpr'],
    };
    expect(missingAnswers(sections, { ...base, cdo_since: '二千' })[0]!.key).toBe('cdo_since');
    expect(missingAnswers(sections, { ...base, cdo_since: '1999' })[0]!.message.ja).toContain('2000〜2030');
    expect(missingAnswers(sections, { ...base, cdo_since: '2021' })).toEqual([]);
  });

  it('counts days to a deadline in JST calendar days', () => {
    const now = new Date('2026-11-29T14:59:00Z'); // 23:59 JST on 29 Nov
    expect(daysUntil('2026-11-29T15:00:00Z', now)).toBe(1); // 00:00 JST on 30 Nov
    expect(daysUntil('2026-11-29T08:00:00Z', now)).toBe(0);
    expect(daysUntil('2026-12-09T08:00:00Z', now)).toBe(10);
  });
});
