import { describe, expect, it } from 'vitest';
import type { Question, Section } from '../../../shared/schemas/surveys';
import { NOT_APPLICABLE, rawAnswerTable } from './surveys.raw-answers';

const label = (ja: string) => ({ ja, en: ja });
function question(key: string, type: Question['type'], extra: Partial<Question> = {}): Question {
  return { key, type, label: label(key), required: false, options: [], rows: [], ...extra };
}

const sections: Section[] = [
  {
    key: 's',
    title: label('節'),
    questions: [
      question('uses', 'single_choice', {
        options: [
          { value: 'yes', label: label('はい') },
          { value: 'no', label: label('いいえ') },
        ],
      }),
      question('detail', 'short_text', { showIf: { questionKey: 'uses', anyOf: ['yes'] } }),
      question('staff', 'number'),
      question('grid', 'matrix', {
        options: [{ value: '1', label: label('未着手') }],
        rows: [
          { value: 'a', label: label('行A') },
          { value: 'b', label: label('行B') },
        ],
      }),
    ],
  },
];

describe('raw answer table', () => {
  const submittedAt = new Date('2024-05-01T00:00:00Z');
  const table = rawAnswerTable(sections, [
    {
      code: '074055',
      name: '西会津町',
      submittedAt,
      proxiedBy: 'someone',
      answers: { uses: 'yes', detail: '副業人材', staff: '1,200', grid: { a: '1' } },
    },
    {
      code: '072036',
      name: '郡山市',
      submittedAt: null,
      proxiedBy: null,
      answers: { uses: 'no', staff: '多数' },
    },
  ]);

  it('has one column per question and per matrix row, after the place and time columns', () => {
    expect(table.columns.map((c) => c.header)).toEqual([
      '市町村コード',
      '市町村名',
      '提出日時（日本時間）',
      '代理入力',
      'uses',
      'detail',
      'staff',
      'grid：行A',
      'grid：行B',
    ]);
  });

  it('keeps the submission time a Date, numbers as numbers, option labels, 該当なし for hidden questions', () => {
    expect(table.data[0]).toEqual({
      code: '074055',
      name: '西会津町',
      submittedAt,
      proxied: 'あり',
      uses: 'はい',
      detail: '副業人材',
      staff: 1200,
      'grid.a': '未着手',
      'grid.b': '',
    });
    expect(table.data[1]).toMatchObject({
      submittedAt: null,
      proxied: '',
      detail: NOT_APPLICABLE,
      // Text that is no number stays as written rather than being lost.
      staff: '多数',
    });
  });
});
