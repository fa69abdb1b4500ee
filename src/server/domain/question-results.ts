import type {
  Answers,
  AnswerValue,
  OptionCount,
  QuestionResult,
  Section,
} from '../../shared/schemas/surveys';

/**
 * Results per question from the submitted answer sets: counts per option for choice and scale
 * questions (a multiple choice counts each chosen option), per row and option for a matrix
 * (`row:option`), and mean/min/max for numbers. Unanswered questions are not counted;
 * `respondentCount` is how many answered the question. Pure: the same figures feed the results
 * page, the xlsx export and the year-over-year comparison.
 */
export function questionResults(sections: Section[], answerSets: Answers[]): QuestionResult[] {
  return sections
    .flatMap((s) => s.questions)
    .map((q) => {
      const values = answerSets.map((a) => a[q.key]).filter((v): v is AnswerValue => v !== undefined);
      let counts: OptionCount[] = [];
      let stats: QuestionResult['stats'] = null;
      if (q.type === 'single_choice' || q.type === 'scale') {
        counts = countOptions(
          q.options,
          values.filter((v): v is string => typeof v === 'string'),
        );
      } else if (q.type === 'multiple_choice') {
        counts = countOptions(
          q.options,
          values.flatMap((v) => (Array.isArray(v) ? v : [])),
        );
      } else if (q.type === 'matrix') {
        counts = q.rows.flatMap((row) =>
          q.options.map((o) => ({
            value: `${row.value}:${o.value}`,
            label: { ja: `${row.label.ja}：${o.label.ja}`, en: `${row.label.en}: ${o.label.en}` },
            count: values.filter(
              (v) => typeof v === 'object' && !Array.isArray(v) && v[row.value] === o.value,
            ).length,
          })),
        );
      } else if (q.type === 'number') {
        stats = numberStats(values);
      }
      return { key: q.key, label: q.label, type: q.type, respondentCount: values.length, counts, stats };
    });
}

export function countOptions(
  options: { value: string; label: { ja: string; en: string } }[],
  values: string[],
): OptionCount[] {
  return options.map((o) => ({
    value: o.value,
    label: o.label,
    count: values.filter((v) => v === o.value).length,
  }));
}

/** Mean (one decimal), min and max of the answers that read as numbers; nulls when none do. */
function numberStats(values: AnswerValue[]): NonNullable<QuestionResult['stats']> {
  const nums = values.map((v) => Number(v)).filter((n) => Number.isFinite(n));
  if (nums.length === 0) return { mean: null, min: null, max: null };
  return {
    mean: Math.round((nums.reduce((a, b) => a + b, 0) / nums.length) * 10) / 10,
    min: Math.min(...nums),
    max: Math.max(...nums),
  };
}
