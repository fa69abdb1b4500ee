import type { Answers, Crosstab, Question } from '../../shared/schemas/surveys';

/** What a crosstab needs to know of one submitted response and the municipality that gave it. */
export interface CrosstabRespondent {
  answers: Answers;
  kind: string;
  population: number | null;
  areaName: string;
  areaNameEn: string;
  regionName: string;
  regionNameEn: string;
}

interface Group {
  value: string;
  label: { ja: string; en: string };
}

const kindLabels: Record<string, { ja: string; en: string }> = {
  city: { ja: '市', en: 'City' },
  town: { ja: '町', en: 'Town' },
  village: { ja: '村', en: 'Village' },
  ward: { ja: '区', en: 'Ward' },
};

/** Population bands; population is mostly not registered yet, which is said plainly as "unknown". */
export function populationBand(population: number | null): Group {
  if (population === null)
    return { value: 'unknown', label: { ja: '人口未登録', en: 'Population not registered' } };
  if (population < 10_000) return { value: 'under_10k', label: { ja: '1万人未満', en: 'Under 10,000' } };
  if (population < 50_000) return { value: '10k_50k', label: { ja: '1万〜5万人', en: '10,000–50,000' } };
  if (population < 100_000) return { value: '50k_100k', label: { ja: '5万〜10万人', en: '50,000–100,000' } };
  return { value: '100k_plus', label: { ja: '10万人以上', en: '100,000 and more' } };
}

function groupOf(r: CrosstabRespondent, by: Crosstab['dimension']): Group {
  switch (by) {
    case 'area':
      return { value: r.areaName, label: { ja: r.areaName, en: r.areaNameEn } };
    case 'region':
      return { value: r.regionName, label: { ja: r.regionName, en: r.regionNameEn } };
    case 'kind':
      return { value: r.kind, label: kindLabels[r.kind] ?? { ja: r.kind, en: r.kind } };
    default:
      return populationBand(r.population);
  }
}

/** Only choice questions have options to count per group. */
export function isCrosstabQuestion(q: Question): boolean {
  return q.type === 'single_choice' || q.type === 'multiple_choice' || q.type === 'scale';
}

/**
 * Counts of a choice question per group of municipalities (area, region, kind or population
 * band). Groups appear in the order of the respondents; every option of a group starts at 0;
 * a multiple choice counts each chosen option; values that are not options are ignored.
 */
export function crosstab(
  q: Question,
  respondents: CrosstabRespondent[],
  by: Crosstab['dimension'],
): Crosstab {
  const groups = new Map<string, Crosstab['groups'][number]>();
  const cells: Crosstab['cells'] = {};
  for (const r of respondents) {
    const group = groupOf(r, by);
    const g = groups.get(group.value) ?? { ...group, respondentCount: 0 };
    g.respondentCount += 1;
    groups.set(group.value, g);
    const value = r.answers[q.key];
    const chosen = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
    if (!cells[group.value]) cells[group.value] = Object.fromEntries(q.options.map((o) => [o.value, 0]));
    const cell = cells[group.value]!;
    for (const v of chosen) if (Object.hasOwn(cell, v)) cell[v] = (cell[v] ?? 0) + 1;
  }
  return {
    dimension: by,
    questionKey: q.key,
    groups: [...groups.values()],
    options: q.options.map((o) => ({ value: o.value, label: o.label })),
    cells,
  };
}
