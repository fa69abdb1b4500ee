import { describe, expect, it } from 'vitest';
import {
  type Counterfactual,
  type Reason,
  type ReasonCode,
  renderCounterfactual,
  renderPriorityFactor,
  renderReason,
} from '../../../shared/allocation-reasons';

const names = {
  menu: (id: string) => ({ ai: 'AIチャットボット導入', cloud: 'クラウド移行' })[id] ?? id,
  application: (id: string) => ({ a2: '会津若松市の申込', a5: '南相馬市の申込' })[id] ?? id,
};

/** One example of every code, with the exact text in both languages. */
const cases: { reason: Reason; ja: string; en: string }[] = [
  {
    reason: { code: 'selected_first_choice' },
    ja: '第1希望のメニューで支援が決まりました。',
    en: 'Selected for the first-choice menu.',
  },
  {
    reason: {
      code: 'selected_lower_choice',
      rank: 3,
      fullerChoices: [
        { menuId: 'ai', cause: 'capacity' },
        { menuId: 'cloud', cause: 'budget' },
      ],
    },
    ja: '第3希望のメニューで支援が決まりました。上位の希望のうち、「AIチャットボット導入」は定員に達していた、「クラウド移行」は予算が足りなかったため。',
    en: 'Selected for the 3rd-choice menu. Higher choices: “AIチャットボット導入” was full; “クラウド移行” did not fit the budget.',
  },
  {
    reason: { code: 'selected_lower_choice', rank: 2, fullerChoices: [] },
    ja: '第2希望のメニューで支援が決まりました。',
    en: 'Selected for the 2nd-choice menu.',
  },
  {
    reason: { code: 'locked_in' },
    ja: '県の判断により支援対象に指定されました。',
    en: 'Included by the prefecture’s decision.',
  },
  {
    reason: { code: 'excluded_by_admin' },
    ja: '県の判断により支援対象から除外されました。',
    en: 'Excluded by the prefecture’s decision.',
  },
  {
    reason: { code: 'capacity_full', menuId: 'ai', capacity: 2, takenByHigherPriority: 1 },
    ja: '「AIチャットボット導入」は定員2件に達しました（うち優先度の高い市町村へ1件）。',
    en: '“AIチャットボット導入” is full: 2 places, 1 of them taken by higher-priority municipalities.',
  },
  {
    reason: { code: 'budget_exhausted', shortfallThousandYen: 1200 },
    ja: '予算の残りが足りません（不足額 1,200千円）。',
    en: 'The remaining budget is short by ¥1,200 thousand.',
  },
  {
    reason: { code: 'municipality_limit', limit: 1 },
    ja: 'この市町村は1市町村あたりの上限（1件）まで支援が決まっています。',
    en: 'This municipality already has the maximum of 1 project.',
  },
  {
    reason: { code: 'lower_priority' },
    ja: '優先度の高い申込に枠を譲りました。',
    en: 'The places went to applications with a higher priority.',
  },
  {
    reason: { code: 'no_feasible_allocation' },
    ja: '県の指定（対象に含める・除外する）が予算・定員・上限と両立しないため、支援先を決められませんでした。',
    en: 'No allocation was possible: the prefecture’s include/exclude settings conflict with the budget, capacities or limits.',
  },
];

describe('renderReason', () => {
  it.each(cases)('renders $reason.code in Japanese and English', ({ reason, ja, en }) => {
    expect(renderReason(reason, 'ja', names)).toBe(ja);
    expect(renderReason(reason, 'en', names)).toBe(en);
  });

  it('has an example for every reason code', () => {
    const all: Record<ReasonCode, true> = {
      selected_first_choice: true,
      selected_lower_choice: true,
      locked_in: true,
      excluded_by_admin: true,
      capacity_full: true,
      budget_exhausted: true,
      municipality_limit: true,
      lower_priority: true,
      no_feasible_allocation: true,
    };
    expect(new Set(cases.map((c) => c.reason.code))).toEqual(new Set(Object.keys(all)));
  });

  it('uses English plurals and ordinals', () => {
    expect(renderReason({ code: 'municipality_limit', limit: 2 }, 'en', names)).toBe(
      'This municipality already has the maximum of 2 projects.',
    );
    expect(renderReason({ code: 'selected_lower_choice', rank: 12, fullerChoices: [] }, 'en', names)).toBe(
      'Selected for the 12th-choice menu.',
    );
    expect(
      renderReason(
        { code: 'capacity_full', menuId: 'x', capacity: 1, takenByHigherPriority: 0 },
        'en',
        names,
      ),
    ).toBe('“x” is full: 1 place, 0 of them taken by higher-priority municipalities.');
  });
});

describe('renderCounterfactual', () => {
  const render = (cf: Counterfactual) => [
    renderCounterfactual(cf, 'ja', names),
    renderCounterfactual(cf, 'en', names),
  ];

  it('states the money needed and who would be displaced', () => {
    expect(
      render({
        budgetIncreaseThousandYen: 1200,
        displacedApplicationIds: ['a2', 'a5'],
        forcedMenuId: 'cloud',
      }),
    ).toEqual([
      '予算が1,200千円多ければ、今の支援先をすべて残したまま追加できます。今の予算で支援対象に指定すると「クラウド移行」になり、会津若松市の申込、南相馬市の申込が外れます。',
      'With ¥1,200 thousand more budget it could be added while every current selection stays. Included at the current budget, it would get “クラウド移行”, and 会津若松市の申込, 南相馬市の申込 would lose their places.',
    ]);
  });

  it('says when money alone cannot help, and when nobody would be displaced', () => {
    expect(
      render({ budgetIncreaseThousandYen: null, displacedApplicationIds: [], forcedMenuId: 'ai' }),
    ).toEqual([
      '予算を増やしても、定員または市町村あたりの上限のため、今の支援先をすべて残したまま追加することはできません。今の予算で支援対象に指定すると「AIチャットボット導入」になり、外れる申込はありません。',
      'More budget alone would not help: capacities or the per-municipality limit leave no room while every current selection stays. Included at the current budget, it would get “AIチャットボット導入” and no other application would lose its place.',
    ]);
  });

  it('says when rearranging is enough, and when it cannot be forced in at all', () => {
    expect(
      render({ budgetIncreaseThousandYen: 0, displacedApplicationIds: ['a2'], forcedMenuId: null }),
    ).toEqual([
      '予算を増やさなくても、他の申込のメニューを組み替えれば、今の支援先をすべて残したまま追加できます。今の予算では、支援対象に指定しても支援先を決められません。',
      'It could be added without more budget, keeping every current selection, by moving others to other choices. At the current budget it cannot be included even by the prefecture’s decision.',
    ]);
    expect(
      renderCounterfactual(
        { budgetIncreaseThousandYen: 500, displacedApplicationIds: ['a2'], forcedMenuId: 'ai' },
        'en',
        names,
      ),
    ).toBe(
      'With ¥500 thousand more budget it could be added while every current selection stays. Included at the current budget, it would get “AIチャットボット導入”, and 会津若松市の申込 would lose its place.',
    );
  });
});

describe('renderPriorityFactor', () => {
  it('names each factor in both languages', () => {
    expect(renderPriorityFactor('not_recently_supported', 'ja')).toBe('過去2年間に支援を受けていない');
    expect(renderPriorityFactor('evacuation_area', 'en')).toBe('evacuation-area municipality');
    expect(renderPriorityFactor('small_municipality', 'ja')).toBe('小規模市町村');
  });
});
