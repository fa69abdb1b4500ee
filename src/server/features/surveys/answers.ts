import type { FieldError } from '../../../shared/errors';
import type { Answers, AnswerValue, Question, Section } from '../../../shared/schemas/surveys';

/** Rules for answers, shared by saving drafts and submitting. Pure. */

export function allQuestions(sections: Section[]): Question[] {
  return sections.flatMap((s) => s.questions);
}

function isAnswered(value: AnswerValue | undefined): boolean {
  if (value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return Object.values(value).some((v) => v !== '');
}

function matches(value: AnswerValue | undefined, anyOf: string[]): boolean {
  if (typeof value === 'string') return anyOf.includes(value);
  if (Array.isArray(value)) return value.some((v) => anyOf.includes(v));
  return false;
}

/** A question is visible when it has no condition, or its condition's question is visible and met. */
export function visibleQuestionKeys(sections: Section[], answers: Answers): Set<string> {
  const visible = new Set<string>();
  for (const q of allQuestions(sections)) {
    const cond = q.showIf;
    if (!cond || (visible.has(cond.questionKey) && matches(answers[cond.questionKey], cond.anyOf))) {
      visible.add(q.key);
    }
  }
  return visible;
}

export function parseNumber(value: string): number | null {
  const n = Number(value.replace(/[,，\s]/g, ''));
  return value.trim() !== '' && Number.isFinite(n) ? n : null;
}

function err(key: string, ja: string, en: string, code = 'custom'): FieldError {
  return { path: ['answers', key], code, ja, en };
}

/**
 * Checks every answer against its question (known key, right shape, a listed option, number in
 * range) and, when `complete`, that every visible required question is answered. Returns the
 * answers that are kept: visible and answered ones (answers to hidden questions are dropped).
 */
export function checkAnswers(
  sections: Section[],
  answers: Answers,
  complete: boolean,
): { kept: Answers; problems: FieldError[] } {
  const questions = new Map(allQuestions(sections).map((q) => [q.key, q]));
  const problems: FieldError[] = [];
  for (const [key, value] of Object.entries(answers)) {
    const q = questions.get(key);
    if (!q) {
      problems.push(
        err(key, `設問「${key}」はこの調査にありません。`, `Question "${key}" is not in this survey.`),
      );
      continue;
    }
    const name = { ja: `「${q.label.ja}」`, en: `"${q.label.en}"` };
    const optionValues = new Set(q.options.map((o) => o.value));
    const wrongShape = () =>
      problems.push(
        err(
          key,
          `${name.ja}の回答の形式が正しくありません。`,
          `The answer to ${name.en} has the wrong form.`,
        ),
      );
    const notAnOption = () =>
      problems.push(
        err(key, `${name.ja}の選択肢にない値です。`, `The answer to ${name.en} is not one of its options.`),
      );
    switch (q.type) {
      case 'single_choice':
        if (typeof value !== 'string') wrongShape();
        else if (value !== '' && !optionValues.has(value)) notAnOption();
        break;
      case 'scale':
        if (typeof value !== 'string') wrongShape();
        else if (value !== '' && !(optionValues.size > 0 ? optionValues.has(value) : /^[1-5]$/.test(value)))
          notAnOption();
        break;
      case 'multiple_choice':
        if (!Array.isArray(value)) wrongShape();
        else if (value.some((v) => !optionValues.has(v)) || new Set(value).size !== value.length)
          notAnOption();
        break;
      case 'matrix': {
        if (typeof value !== 'object' || Array.isArray(value)) {
          wrongShape();
          break;
        }
        const rows = new Set(q.rows.map((r) => r.value));
        if (Object.entries(value).some(([row, v]) => !rows.has(row) || (v !== '' && !optionValues.has(v))))
          notAnOption();
        break;
      }
      case 'number': {
        if (typeof value !== 'string') {
          wrongShape();
          break;
        }
        if (value.trim() === '') break;
        const n = parseNumber(value);
        if (n === null) {
          problems.push(
            err(
              key,
              `${name.ja}は半角数字で入力してください。`,
              `Enter ${name.en} as a number.`,
              'invalid_number',
            ),
          );
        } else if ((q.min != null && n < q.min) || (q.max != null && n > q.max)) {
          problems.push(
            err(
              key,
              `${name.ja}は${q.min ?? ''}〜${q.max ?? ''}の範囲で入力してください。`,
              `Enter ${name.en} between ${q.min ?? ''} and ${q.max ?? ''}.`,
              'out_of_range',
            ),
          );
        }
        break;
      }
      default:
        if (typeof value !== 'string') wrongShape();
    }
  }
  const visible = visibleQuestionKeys(sections, answers);
  const kept: Answers = {};
  for (const [key, value] of Object.entries(answers)) {
    if (visible.has(key) && isAnswered(value)) kept[key] = value;
  }
  if (complete) {
    for (const q of questions.values()) {
      if (!q.required || !visible.has(q.key)) continue;
      const value = kept[q.key];
      const name = { ja: `「${q.label.ja}」`, en: `"${q.label.en}"` };
      if (!isAnswered(value)) {
        problems.push(err(q.key, `${name.ja}は必須です。`, `${name.en} is required.`, 'required'));
      } else if (q.type === 'matrix' && typeof value === 'object' && !Array.isArray(value)) {
        for (const row of q.rows) {
          if (!value[row.value]) {
            problems.push({
              path: ['answers', q.key, row.value],
              code: 'required',
              ja: `${name.ja}の「${row.label.ja}」に回答してください。`,
              en: `Answer "${row.label.en}" in ${name.en}.`,
            });
          }
        }
      }
    }
  }
  return { kept, problems };
}
