import type { Answers, AnswerValue, Question, Section } from '../../../shared/schemas/surveys';
import { allQuestions, parseNumber, visibleQuestionKeys } from './answers';

/** Raw answers laid out for exports: pure, so the xlsx and the CSV show the same table. */

export const NOT_APPLICABLE = '該当なし';

/** The cell text of one answer in exports: option labels (ja), lists joined by 、. */
export function answerText(q: Question, value: AnswerValue | undefined, row?: string): string {
  if (value === undefined) return '';
  const label = (v: string) => q.options.find((o) => o.value === v)?.label.ja ?? v;
  if (q.type === 'matrix') {
    if (typeof value !== 'object' || Array.isArray(value) || !row) return '';
    return value[row] ? label(value[row]!) : '';
  }
  if (Array.isArray(value)) return value.map(label).join('、');
  if (typeof value !== 'string') return '';
  return q.type === 'single_choice' || q.type === 'scale' ? label(value) : value;
}

/** One answer as a cell: numbers as numbers (so spreadsheets can sum them), everything else as text. */
export function answerCell(q: Question, value: AnswerValue | undefined, row?: string): string | number {
  if (q.type === 'number' && typeof value === 'string') return parseNumber(value) ?? value;
  return answerText(q, value, row);
}

export type RawCell = string | number | Date | null;

export interface RawAnswerRow {
  code: string;
  name: string;
  submittedAt: Date | null;
  proxiedBy: string | null;
  answers: Answers;
}

/**
 * Raw answers as rows: one column per question (matrix: per row); hidden questions read 該当なし.
 * The submission time stays a Date; each export writes it its own way (xlsx: a date cell).
 */
export function rawAnswerTable(sections: Section[], rows: RawAnswerRow[]) {
  const columns: { header: string; key: string; width?: number }[] = [
    { header: '市町村コード', key: 'code', width: 12 },
    { header: '市町村名', key: 'name', width: 14 },
    { header: '提出日時（日本時間）', key: 'submittedAt', width: 20 },
    { header: '代理入力', key: 'proxied', width: 10 },
  ];
  const cells: { key: string; q: Question; row?: string }[] = [];
  for (const q of allQuestions(sections)) {
    if (q.type === 'matrix') {
      for (const r of q.rows) {
        const key = `${q.key}.${r.value}`;
        columns.push({ header: `${q.label.ja}：${r.label.ja}`, key, width: 18 });
        cells.push({ key, q, row: r.value });
      }
    } else {
      columns.push({ header: q.label.ja, key: q.key, width: q.type === 'long_text' ? 40 : 18 });
      cells.push({ key: q.key, q });
    }
  }
  const data = rows.map((r) => {
    const visible = visibleQuestionKeys(sections, r.answers);
    const out: Record<string, RawCell> = {
      code: r.code,
      name: r.name,
      submittedAt: r.submittedAt,
      proxied: r.proxiedBy ? 'あり' : '',
    };
    for (const c of cells) {
      out[c.key] = visible.has(c.q.key) ? answerCell(c.q, r.answers[c.q.key], c.row) : NOT_APPLICABLE;
    }
    return out;
  });
  return { columns, data };
}
