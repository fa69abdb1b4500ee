import { describe, expect, it } from 'vitest';
import type { Question, Section } from '../../shared/schemas/surveys';
import { countOptions, questionResults } from './question-results';

const label = (ja: string, en = ja) => ({ ja, en });
const option = (value: string) => ({ value, label: label(`選択肢${value}`, `Option ${value}`) });
function question(key: string, type: Question['type'], extra: Partial<Question> = {}): Question {
  return { key, type, label: label(key), required: false, options: [], rows: [], ...extra };
}

const sections: Section[] = [
  {
    key: 's',
    title: label('節'),
    questions: [
      question('single', 'single_choice', { options: [option('a'), option('b')] }),
      question('multi', 'multiple_choice', { options: [option('x'), option('y'), option('z')] }),
      question('scale', 'scale', { options: ['1', '2', '3'].map(option) }),
      question('count', 'number'),
      question('grid', 'matrix', { options: [option('1'), option('2')], rows: [option('r1'), option('r2')] }),
      question('note', 'long_text'),
    ],
  },
];

describe('question results', () => {
  const results = questionResults(sections, [
    { single: 'a', multi: ['x', 'y'], scale: '3', count: '10', grid: { r1: '1', r2: '2' }, note: '良い' },
    { single: 'a', multi: ['y'], count: '4', grid: { r1: '2' } },
    { single: 'b', multi: [], scale: '1', count: 'たくさん' },
    {},
  ]);
  const byKey = new Map(results.map((r) => [r.key, r]));

  it('keeps the question order, labels and types', () => {
    expect(results.map((r) => [r.key, r.type])).toEqual([
      ['single', 'single_choice'],
      ['multi', 'multiple_choice'],
      ['scale', 'scale'],
      ['count', 'number'],
      ['grid', 'matrix'],
      ['note', 'long_text'],
    ]);
    expect(byKey.get('single')!.label).toEqual(label('single'));
  });

  it('counts single choices and scales per option, zero for options nobody chose', () => {
    expect(byKey.get('single')!.counts.map((c) => [c.value, c.count])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
    expect(byKey.get('scale')!.counts.map((c) => c.count)).toEqual([1, 0, 1]);
    expect(byKey.get('single')!.respondentCount).toBe(3);
    expect(byKey.get('scale')!.respondentCount).toBe(2);
  });

  it('counts each chosen option of a multiple choice; an empty list still counts as an answer', () => {
    expect(byKey.get('multi')!.counts.map((c) => [c.value, c.count])).toEqual([
      ['x', 1],
      ['y', 2],
      ['z', 0],
    ]);
    expect(byKey.get('multi')!.respondentCount).toBe(3);
  });

  it('counts a matrix per row and option with both labels', () => {
    const grid = byKey.get('grid')!;
    expect(grid.counts.map((c) => [c.value, c.count])).toEqual([
      ['r1:1', 1],
      ['r1:2', 1],
      ['r2:1', 0],
      ['r2:2', 1],
    ]);
    expect(grid.counts[0]!.label).toEqual({ ja: '選択肢r1：選択肢1', en: 'Option r1: Option 1' });
  });

  it('gives mean (one decimal), min and max of the numbers that read as numbers', () => {
    const count = byKey.get('count')!;
    expect(count.stats).toEqual({ mean: 7, min: 4, max: 10 });
    expect(count.counts).toEqual([]);
    expect(count.respondentCount).toBe(3);
    const thirds = questionResults(sections, [{ count: '1' }, { count: '1' }, { count: '2' }]);
    expect(thirds.find((r) => r.key === 'count')!.stats).toEqual({ mean: 1.3, min: 1, max: 2 });
  });

  it('has null statistics when no number was given, and no counts for free text', () => {
    const empty = questionResults(sections, []);
    expect(empty.find((r) => r.key === 'count')!.stats).toEqual({ mean: null, min: null, max: null });
    expect(empty.every((r) => r.respondentCount === 0)).toBe(true);
    const note = byKey.get('note')!;
    expect(note.counts).toEqual([]);
    expect(note.stats).toBeNull();
    expect(note.respondentCount).toBe(1);
  });

  it('countOptions ignores values that are not options', () => {
    expect(countOptions([option('a')], ['a', 'zzz', 'a']).map((c) => c.count)).toEqual([2]);
  });
});
