/**
 * The answering form's own view of a survey: questions in order with their show-if conditions,
 * and pure helpers to decide what is visible and what is still missing. Mirrors the server's
 * rules so the person sees the same verdict before submitting; the server decides.
 */

export type LocalizedText = { ja: string; en: string };

export type QuestionType =
  | 'single_choice'
  | 'multiple_choice'
  | 'scale'
  | 'number'
  | 'short_text'
  | 'long_text'
  | 'matrix';

export interface AnswerOption {
  value: string;
  label: LocalizedText;
}

export interface ShowIf {
  /** Key of an earlier question. */
  questionKey: string;
  /** Shown when that answer equals (single/scale) or includes (multiple) one of these values. */
  anyOf: string[];
}

export interface AnswerQuestion {
  key: string;
  type: QuestionType;
  label: LocalizedText;
  help?: LocalizedText | null;
  required: boolean;
  options: AnswerOption[];
  rows: AnswerOption[];
  showIf?: ShowIf | null;
  min?: number | null;
  max?: number | null;
}

export interface AnswerSection {
  key: string;
  title: LocalizedText;
  description?: LocalizedText | null;
  questions: AnswerQuestion[];
}

/** One answer: a string (single, scale as '1'..'5', text, number as typed), a list, or matrix row → value. */
export type AnswerValue = string | string[] | Record<string, string>;
export type Answers = Record<string, AnswerValue | undefined>;

export function isAnswered(value: AnswerValue | undefined): boolean {
  if (value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return Object.values(value).some((v) => v !== '');
}

function matches(value: AnswerValue | undefined, anyOf: string[]): boolean {
  if (value === undefined) return false;
  if (typeof value === 'string') return anyOf.includes(value);
  if (Array.isArray(value)) return value.some((v) => anyOf.includes(v));
  return false;
}

/** Keys of the visible questions: a question is hidden when its condition's question is hidden or unmet. */
export function visibleQuestionKeys(sections: AnswerSection[], answers: Answers): Set<string> {
  const visible = new Set<string>();
  for (const section of sections) {
    for (const q of section.questions) {
      const cond = q.showIf;
      if (!cond || (visible.has(cond.questionKey) && matches(answers[cond.questionKey], cond.anyOf))) {
        visible.add(q.key);
      }
    }
  }
  return visible;
}

/** The answers that are kept: those of visible questions (answers to hidden questions are dropped). */
export function keptAnswers(sections: AnswerSection[], answers: Answers): Record<string, AnswerValue> {
  const visible = visibleQuestionKeys(sections, answers);
  const out: Record<string, AnswerValue> = {};
  for (const [key, value] of Object.entries(answers)) {
    if (value !== undefined && visible.has(key) && isAnswered(value)) out[key] = value;
  }
  return out;
}

export interface MissingAnswer {
  key: string;
  /** Matrix row that lacks an answer, if any. */
  row?: string;
  message: LocalizedText;
}

/** Required visible questions without an answer, and invalid numbers, in form order. */
export function missingAnswers(sections: AnswerSection[], answers: Answers): MissingAnswer[] {
  const visible = visibleQuestionKeys(sections, answers);
  const problems: MissingAnswer[] = [];
  for (const section of sections) {
    for (const q of section.questions) {
      if (!visible.has(q.key)) continue;
      const value = answers[q.key];
      const name = q.label;
      if (q.type === 'number' && typeof value === 'string' && value.trim() !== '') {
        const n = Number(value.replace(/[,，\s]/g, ''));
        if (!Number.isFinite(n)) {
          problems.push({
            key: q.key,
            message: {
              ja: `「${name.ja}」は半角数字で入力してください。`,
              en: `Enter "${name.en}" as a number.`,
            },
          });
          continue;
        }
        if ((q.min != null && n < q.min) || (q.max != null && n > q.max)) {
          problems.push({
            key: q.key,
            message: {
              ja: `「${name.ja}」は${q.min ?? ''}〜${q.max ?? ''}の範囲で入力してください。`,
              en: `Enter "${name.en}" between ${q.min ?? ''} and ${q.max ?? ''}.`,
            },
          });
          continue;
        }
      }
      if (!q.required) continue;
      if (q.type === 'matrix') {
        const rowValues = (
          value && typeof value === 'object' && !Array.isArray(value) ? value : {}
        ) as Record<string, string>;
        const missingRow = q.rows.find((r) => !rowValues[r.value]);
        if (missingRow) {
          problems.push({
            key: q.key,
            row: missingRow.value,
            message: {
              ja: `「${name.ja}」の「${missingRow.label.ja}」を選んでください。`,
              en: `Choose an answer for "${missingRow.label.en}" in "${name.en}".`,
            },
          });
        }
        continue;
      }
      if (!isAnswered(value)) {
        problems.push({
          key: q.key,
          message: { ja: `「${name.ja}」に回答してください。`, en: `Answer "${name.en}".` },
        });
      }
    }
  }
  return problems;
}

/** Whole days from now until the deadline, in JST calendar days (0 = today, negative = past). */
export function daysUntil(deadline: Date | string, now: Date = new Date()): number {
  const jstDay = (d: Date) => Math.floor((d.getTime() + 9 * 3600_000) / 86_400_000);
  return jstDay(new Date(deadline)) - jstDay(now);
}
