/**
 * Why an application was or was not given a support menu in the allocation (支援先決定), as
 * structured data the server computes, and its rendering in Japanese and English for pages and
 * mails. Pure: the web imports these types without pulling in server code.
 */

/** A municipality attribute that raises its priority weight. */
export type PriorityFactor = 'not_recently_supported' | 'evacuation_area' | 'small_municipality';

/** What kept an application from a menu it preferred. */
export type FullerChoiceCause = 'capacity' | 'budget' | 'municipality_limit';

export type Reason =
  | { code: 'selected_first_choice' }
  | {
      code: 'selected_lower_choice';
      rank: number;
      /** The choices ranked above the one given, each with what kept it out. */
      fullerChoices: { menuId: string; cause: FullerChoiceCause }[];
    }
  | { code: 'locked_in' }
  | { code: 'excluded_by_admin' }
  | {
      code: 'capacity_full';
      menuId: string;
      capacity: number;
      /** How many of the menu's places went to applications of municipalities with a higher priority weight. */
      takenByHigherPriority: number;
    }
  | { code: 'budget_exhausted'; shortfallThousandYen: number }
  | { code: 'municipality_limit'; limit: number }
  /** Fallback when no single constraint binds (a result stopped by the time limit). */
  | { code: 'lower_priority' }
  /** The admin's locks contradict each other or the budget, so nothing was allocated. */
  | { code: 'no_feasible_allocation' };

export type ReasonCode = Reason['code'];

export interface Counterfactual {
  /** Extra budget that would let this application in while every selected one stays; null: money alone cannot (capacity/limit). */
  budgetIncreaseThousandYen: number | null;
  /** Applications selected now that would lose their place if this one were forced in at the current budget. */
  displacedApplicationIds: string[];
  /** The menu this application would get if forced in at the current budget; null when it cannot be forced in. */
  forcedMenuId: string | null;
}

export interface Explanation {
  applicationId: string;
  outcome: 'selected' | 'not_selected';
  menuId: string | null;
  rank: number | null;
  reasons: Reason[];
  /** For every not-selected application that the admin did not exclude (unless explain was asked for others only); null otherwise. */
  counterfactual: Counterfactual | null;
}

export type ReasonLanguage = 'ja' | 'en';

export interface MenuNames {
  menu(id: string): string;
}

export interface MenuAndApplicationNames extends MenuNames {
  application(id: string): string;
}

/** 1234567 → "1,234,567" without depending on the runtime's locale data. */
function grouped(n: number): string {
  const sign = n < 0 ? '-' : '';
  const [whole, fraction] = String(Math.abs(n)).split('.');
  const withCommas = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + withCommas + (fraction === undefined ? '' : `.${fraction}`);
}

function thousandYen(n: number, lang: ReasonLanguage): string {
  return lang === 'ja' ? `${grouped(n)}千円` : `¥${grouped(n)} thousand`;
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}

const causeText: Record<FullerChoiceCause, Record<ReasonLanguage, string>> = {
  capacity: { ja: '定員に達していた', en: 'was full' },
  budget: { ja: '予算が足りなかった', en: 'did not fit the budget' },
  municipality_limit: { ja: '市町村あたりの上限に達していた', en: 'hit the per-municipality limit' },
};

export function renderReason(reason: Reason, lang: ReasonLanguage, names: MenuNames): string {
  const ja = lang === 'ja';
  switch (reason.code) {
    case 'selected_first_choice':
      return ja ? '第1希望のメニューで支援が決まりました。' : 'Selected for the first-choice menu.';
    case 'selected_lower_choice': {
      const why = reason.fullerChoices.map((c) =>
        ja
          ? `「${names.menu(c.menuId)}」は${causeText[c.cause].ja}`
          : `“${names.menu(c.menuId)}” ${causeText[c.cause].en}`,
      );
      if (ja) {
        const head = `第${reason.rank}希望のメニューで支援が決まりました。`;
        return why.length === 0 ? head : `${head}上位の希望のうち、${why.join('、')}ため。`;
      }
      const head = `Selected for the ${ordinal(reason.rank)}-choice menu.`;
      return why.length === 0 ? head : `${head} Higher choices: ${why.join('; ')}.`;
    }
    case 'locked_in':
      return ja ? '県の判断により支援対象に指定されました。' : 'Included by the prefecture’s decision.';
    case 'excluded_by_admin':
      return ja ? '県の判断により支援対象から除外されました。' : 'Excluded by the prefecture’s decision.';
    case 'capacity_full': {
      const menu = names.menu(reason.menuId);
      return ja
        ? `「${menu}」は定員${grouped(reason.capacity)}件に達しました（うち優先度の高い市町村へ${grouped(reason.takenByHigherPriority)}件）。`
        : `“${menu}” is full: ${grouped(reason.capacity)} ${reason.capacity === 1 ? 'place' : 'places'}, ${grouped(reason.takenByHigherPriority)} of them taken by higher-priority municipalities.`;
    }
    case 'budget_exhausted':
      return ja
        ? `予算の残りが足りません（不足額 ${thousandYen(reason.shortfallThousandYen, 'ja')}）。`
        : `The remaining budget is short by ${thousandYen(reason.shortfallThousandYen, 'en')}.`;
    case 'municipality_limit':
      return ja
        ? `この市町村は1市町村あたりの上限（${grouped(reason.limit)}件）まで支援が決まっています。`
        : `This municipality already has the maximum of ${grouped(reason.limit)} ${reason.limit === 1 ? 'project' : 'projects'}.`;
    case 'lower_priority':
      return ja
        ? '優先度の高い申込に枠を譲りました。'
        : 'The places went to applications with a higher priority.';
    case 'no_feasible_allocation':
      return ja
        ? '県の指定（対象に含める・除外する）が予算・定員・上限と両立しないため、支援先を決められませんでした。'
        : 'No allocation was possible: the prefecture’s include/exclude settings conflict with the budget, capacities or limits.';
  }
}

export function renderCounterfactual(
  cf: Counterfactual,
  lang: ReasonLanguage,
  names: MenuAndApplicationNames,
): string {
  const ja = lang === 'ja';
  const parts: string[] = [];
  if (cf.budgetIncreaseThousandYen === null) {
    parts.push(
      ja
        ? '予算を増やしても、定員または市町村あたりの上限のため、今の支援先をすべて残したまま追加することはできません。'
        : 'More budget alone would not help: capacities or the per-municipality limit leave no room while every current selection stays.',
    );
  } else if (cf.budgetIncreaseThousandYen === 0) {
    parts.push(
      ja
        ? '予算を増やさなくても、他の申込のメニューを組み替えれば、今の支援先をすべて残したまま追加できます。'
        : 'It could be added without more budget, keeping every current selection, by moving others to other choices.',
    );
  } else {
    parts.push(
      ja
        ? `予算が${thousandYen(cf.budgetIncreaseThousandYen, 'ja')}多ければ、今の支援先をすべて残したまま追加できます。`
        : `With ${thousandYen(cf.budgetIncreaseThousandYen, 'en')} more budget it could be added while every current selection stays.`,
    );
  }
  if (cf.forcedMenuId === null) {
    parts.push(
      ja
        ? '今の予算では、支援対象に指定しても支援先を決められません。'
        : 'At the current budget it cannot be included even by the prefecture’s decision.',
    );
  } else {
    const menu = names.menu(cf.forcedMenuId);
    const displaced = cf.displacedApplicationIds.map((id) => names.application(id));
    if (displaced.length === 0) {
      parts.push(
        ja
          ? `今の予算で支援対象に指定すると「${menu}」になり、外れる申込はありません。`
          : `Included at the current budget, it would get “${menu}” and no other application would lose its place.`,
      );
    } else {
      parts.push(
        ja
          ? `今の予算で支援対象に指定すると「${menu}」になり、${displaced.join('、')}が外れます。`
          : `Included at the current budget, it would get “${menu}”, and ${displaced.join(', ')} would lose ${displaced.length === 1 ? 'its place' : 'their places'}.`,
      );
    }
  }
  return ja ? parts.join('') : parts.join(' ');
}

export function renderPriorityFactor(factor: PriorityFactor, lang: ReasonLanguage): string {
  const texts: Record<PriorityFactor, Record<ReasonLanguage, string>> = {
    not_recently_supported: {
      ja: '過去2年間に支援を受けていない',
      en: 'not supported in the past two years',
    },
    evacuation_area: { ja: '避難地域12市町村', en: 'evacuation-area municipality' },
    small_municipality: { ja: '小規模市町村', en: 'small municipality' },
  };
  return texts[factor][lang];
}
