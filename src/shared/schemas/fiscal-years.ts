import { z } from 'zod';
import { adjustToBusinessDay, isPastDeadline, deadlineAt as toDeadlineInstant } from '../deadlines';
import type { FieldError } from '../errors';
import { addDaysToYmd, formatYmd, getJstParts, jstDate, parseYmd, weekdayOf } from '../fiscal-year';
import { FIRST_SUPPORTED_YEAR, holidayName, isBusinessDay, LAST_SUPPORTED_YEAR } from '../holidays';

type Labels = { ja: string; en: string };

// ---------------------------------------------------------------------------
// Enumerations with their labels
// ---------------------------------------------------------------------------

/** 事業の種類. */
export const programKinds = ['advisor_dispatch', 'seminar_series', 'other'] as const;
export type ProgramKind = (typeof programKinds)[number];
export const programKindSchema = z.enum(programKinds);
export const programKindLabels: Record<ProgramKind, Labels> = {
  advisor_dispatch: { ja: 'ICTアドバイザー市町村派遣事業', en: 'ICT advisor dispatch' },
  seminar_series: { ja: '市町村DX推進トップセミナー事業', en: 'DX top seminar series' },
  other: { ja: 'その他の事業', en: 'Other program' },
};

/** The steps of the yearly cycle a program runs through (工程). */
export const phaseKinds = [
  'survey',
  'proposals',
  'review',
  'call',
  'allocation',
  'delivery',
  'evaluation',
  'seminars',
  'other',
] as const;
export type PhaseKind = (typeof phaseKinds)[number];
export const phaseKindSchema = z.enum(phaseKinds);
export const phaseKindLabels: Record<PhaseKind, Labels> = {
  survey: { ja: '課題把握アンケート', en: 'Needs survey' },
  proposals: { ja: '支援メニュー提案', en: 'Menu proposals' },
  review: { ja: '審査・選定', en: 'Review and selection' },
  call: { ja: '募集', en: 'Call for applications' },
  allocation: { ja: '支援先決定', en: 'Allocation' },
  delivery: { ja: '伴走支援', en: 'Support delivery' },
  evaluation: { ja: '事後アンケート・評価', en: 'Evaluation' },
  seminars: { ja: 'DXトップセミナー', en: 'DX top seminars' },
  other: { ja: 'その他', en: 'Other' },
};

/** A prefecture has at most one 'active' year; the next one is prepared as 'planning'. */
export const fiscalYearStatuses = ['planning', 'active', 'closed'] as const;
export type FiscalYearStatus = (typeof fiscalYearStatuses)[number];
export const fiscalYearStatusSchema = z.enum(fiscalYearStatuses);
export const fiscalYearStatusLabels: Record<FiscalYearStatus, Labels> = {
  planning: { ja: '計画中', en: 'Planning' },
  active: { ja: '実施中', en: 'Active' },
  closed: { ja: '終了', en: 'Closed' },
};

/**
 * Where a phase stands at a given moment; computed, never stored. `not_ready` (準備未了): its
 * dates have come, but what it needs is still missing (a proposals phase without a saved rubric,
 * a survey phase without a published needs survey; ADR 017). It is not 実施中 until that exists.
 */
export const phaseStates = ['upcoming', 'open', 'not_ready', 'closed'] as const;
export type PhaseState = (typeof phaseStates)[number];
export const phaseStateSchema = z.enum(phaseStates);
export const phaseStateLabels: Record<PhaseState, Labels> = {
  upcoming: { ja: '開始前', en: 'Upcoming' },
  open: { ja: '実施中', en: 'Open' },
  not_ready: { ja: '準備未了', en: 'Not ready' },
  closed: { ja: '終了', en: 'Closed' },
};

/** A phase whose dates have come: running, or held back as 準備未了 by what it lacks. */
export const isPhaseUnderway = (state: PhaseState): boolean => state === 'open' || state === 'not_ready';

/** How far ahead the prefecture is warned of a phase that will start without what it needs. */
export const PHASE_READINESS_WARNING_DAYS = 14;

/** The fiscal years a prefecture may create; holidays (and so deadline checks) are known up to 2099. */
export const FIRST_FISCAL_YEAR = 2000;
export const LAST_FISCAL_YEAR = 2100;

// ---------------------------------------------------------------------------
// Field schemas
// ---------------------------------------------------------------------------

function isCalendarDate(value: string): boolean {
  try {
    parseYmd(value);
    return true;
  } catch {
    return false;
  }
}

/** A calendar date as 'YYYY-MM-DD' that really exists (no 2023-02-29). */
export const ymdSchema = z.string().refine(isCalendarDate, {
  params: {
    ja: '実在する日付をYYYY-MM-DDの形式で入力してください。',
    en: 'Enter a real date as YYYY-MM-DD.',
  },
});

/** A JST wall-clock time as 'HH:mm' (24-hour). */
export const hhmmSchema = z.string().refine((v) => /^([01][0-9]|2[0-3]):[0-5][0-9]$/.test(v), {
  params: { ja: '時刻をHH:mm（24時間表記）で入力してください。', en: 'Enter a time as HH:mm (24-hour).' },
});

/** A deadline as it is announced: a date and a cut-off time, both JST (e.g. 5月24日（金）17時). */
export const deadlineInputSchema = z.object({ date: ymdSchema, time: hhmmSchema });
export type DeadlineInput = z.infer<typeof deadlineInputSchema>;

/** Money in 千円, as the assembly reports show it; null while the budget is not decided. */
export const budgetThousandYenSchema = z.number().int().min(0).max(100_000_000).nullable();

export const localizedTextSchema = z.object({ ja: z.string(), en: z.string() });
export type LocalizedText = z.infer<typeof localizedTextSchema>;

/** Optimistic-locking version: an integer column, so bounded to it (a larger one is a field error, not a 500). */
const versionSchema = z.number().int().positive().max(2_147_483_647);

// ---------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------

export const fiscalYearCreateSchema = z.object({
  year: z.number().int().min(FIRST_FISCAL_YEAR).max(LAST_FISCAL_YEAR),
  status: fiscalYearStatusSchema.optional(),
  /** Start from another year's plan: its programs and phases are copied, shifted by the year difference. */
  copyFrom: z.uuid().optional(),
});
export type FiscalYearCreate = z.infer<typeof fiscalYearCreateSchema>;

export const fiscalYearPatchSchema = z.object({
  version: versionSchema,
  status: fiscalYearStatusSchema.optional(),
});
export type FiscalYearPatch = z.infer<typeof fiscalYearPatchSchema>;

const programFields = {
  kind: programKindSchema,
  name: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().min(1).max(200),
  description: z.string().trim().max(4000),
  budgetThousandYen: budgetThousandYenSchema,
};

export const programCreateSchema = z.object({
  kind: programFields.kind,
  name: programFields.name,
  nameEn: programFields.nameEn,
  description: programFields.description.optional(),
  budgetThousandYen: programFields.budgetThousandYen.optional(),
});
export type ProgramCreate = z.infer<typeof programCreateSchema>;

export const programPatchSchema = z.object({
  version: versionSchema,
  kind: programFields.kind.optional(),
  name: programFields.name.optional(),
  nameEn: programFields.nameEn.optional(),
  description: programFields.description.optional(),
  budgetThousandYen: programFields.budgetThousandYen.optional(),
});
export type ProgramPatch = z.infer<typeof programPatchSchema>;

const isEndNotBeforeStart = (v: { startsOn?: string | undefined; endsOn?: string | undefined }) =>
  v.startsOn === undefined || v.endsOn === undefined || v.endsOn >= v.startsOn;
const endBeforeStartMessage = {
  ja: '終了日は開始日以降の日付にしてください。',
  en: 'The end date must not be before the start date.',
};

export const phaseCreateSchema = z
  .object({
    kind: phaseKindSchema,
    startsOn: ymdSchema,
    endsOn: ymdSchema,
    deadline: deadlineInputSchema.nullable().optional(),
    note: z.string().trim().max(2000).optional(),
  })
  // Repeated by the service (which also sees patches); here so a form can say it before sending.
  .refine(isEndNotBeforeStart, { path: ['endsOn'], params: endBeforeStartMessage });
export type PhaseCreate = z.infer<typeof phaseCreateSchema>;

export const phasePatchSchema = z
  .object({
    version: versionSchema,
    kind: phaseKindSchema.optional(),
    startsOn: ymdSchema.optional(),
    endsOn: ymdSchema.optional(),
    /** null removes the deadline. */
    deadline: deadlineInputSchema.nullable().optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .refine(isEndNotBeforeStart, { path: ['endsOn'], params: endBeforeStartMessage });
export type PhasePatch = z.infer<typeof phasePatchSchema>;

/** DELETE names the version it read, like every other change. */
export const versionQuerySchema = z.object({
  version: z.coerce.number().int().positive().max(2_147_483_647),
});

export const holidaysQuerySchema = z.object({
  year: z.coerce.number().int().min(FIRST_SUPPORTED_YEAR).max(LAST_SUPPORTED_YEAR),
});

// ---------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------

export const phaseSchema = z.object({
  id: z.string(),
  programId: z.string(),
  kind: phaseKindSchema,
  startsOn: z.string(),
  endsOn: z.string(),
  /** The deadline as entered (JST), for edit forms. */
  deadline: deadlineInputSchema.nullable(),
  /** The same deadline as an ISO instant. */
  deadlineAt: z.string().nullable(),
  note: z.string(),
  state: phaseStateSchema,
  /**
   * What the phase still lacks, in a few words (評価基準が未保存, …), for a phase under way or
   * starting within PHASE_READINESS_WARNING_DAYS; empty otherwise, and for whoever does not
   * manage the year.
   */
  blockers: z.array(localizedTextSchema),
  version: z.number().int().min(0).max(2_147_483_647),
});
export type Phase = z.infer<typeof phaseSchema>;

export const programSchema = z.object({
  id: z.string(),
  fiscalYearId: z.string(),
  kind: programKindSchema,
  name: z.string(),
  nameEn: z.string(),
  description: z.string(),
  budgetThousandYen: z.number().int().nullable(),
  version: z.number().int().min(0).max(2_147_483_647),
  /** Sorted by start date. */
  phases: z.array(phaseSchema),
});
export type Program = z.infer<typeof programSchema>;

export const fiscalYearSummarySchema = z.object({
  id: z.string(),
  year: z.number().int(),
  label: localizedTextSchema,
  status: fiscalYearStatusSchema,
  programCount: z.number().int(),
  /** Sum of the decided budgets; null when no program has one yet. */
  totalBudgetThousandYen: z.number().int().nullable(),
  /** Programs whose budget is still undecided (null), so a total is not mistaken for complete. */
  undecidedBudgetCount: z.number().int(),
  version: z.number().int().min(0).max(2_147_483_647),
});
export type FiscalYearSummary = z.infer<typeof fiscalYearSummarySchema>;

export const fiscalYearListSchema = z.object({ items: z.array(fiscalYearSummarySchema) });
export type FiscalYearList = z.infer<typeof fiscalYearListSchema>;

/** The dates a phase of the year may use: April–March, plus the six months before (winter surveys). */
export const phaseWindowSchema = z.object({ from: z.string(), to: z.string() });
export type PhaseWindow = z.infer<typeof phaseWindowSchema>;

export const fiscalYearDetailSchema = fiscalYearSummarySchema.extend({
  phaseWindow: phaseWindowSchema,
  programs: z.array(programSchema),
});
export type FiscalYearDetail = z.infer<typeof fiscalYearDetailSchema>;

/** A deadline moved while copying a plan because the same date next year is a closed day. */
export const adjustedDeadlineSchema = z.object({
  phaseId: z.string(),
  programName: z.string(),
  kind: phaseKindSchema,
  /** The date the copy would have had. */
  from: z.string(),
  /** The business day used instead, or null when no business day fits in the phase (deadline dropped). */
  to: z.string().nullable(),
});
export type AdjustedDeadline = z.infer<typeof adjustedDeadlineSchema>;

export const fiscalYearCreatedSchema = fiscalYearDetailSchema.extend({
  adjustedDeadlines: z.array(adjustedDeadlineSchema),
});
export type FiscalYearCreated = z.infer<typeof fiscalYearCreatedSchema>;

export const closedDayKinds = ['national_holiday', 'year_end_closure'] as const;
export type ClosedDayKind = (typeof closedDayKinds)[number];

export const closedDaySchema = z.object({
  date: z.string(),
  name: z.string(),
  nameEn: z.string(),
  kind: z.enum(closedDayKinds),
});
export type ClosedDay = z.infer<typeof closedDaySchema>;

export const holidaysResponseSchema = z.object({ year: z.number().int(), items: z.array(closedDaySchema) });
export type HolidaysResponse = z.infer<typeof holidaysResponseSchema>;

export const homePhaseSchema = z.object({
  id: z.string(),
  kind: phaseKindSchema,
  startsOn: z.string(),
  endsOn: z.string(),
  deadlineAt: z.string().nullable(),
  state: phaseStateSchema,
});
export type HomePhase = z.infer<typeof homePhaseSchema>;

export const homeProgramSchema = z.object({
  id: z.string(),
  kind: programKindSchema,
  name: z.string(),
  nameEn: z.string(),
  budgetThousandYen: z.number().int().nullable(),
  phases: z.array(homePhaseSchema),
});
export type HomeProgram = z.infer<typeof homeProgramSchema>;

export const homeDeadlineSchema = z.object({
  phaseId: z.string(),
  programName: z.string(),
  programNameEn: z.string(),
  kind: phaseKindSchema,
  deadlineAt: z.string(),
  remaining: localizedTextSchema,
});
export type HomeDeadline = z.infer<typeof homeDeadlineSchema>;

export const homeTaskSchema = z.object({
  /** Stable identifier of the kind of task, e.g. 'open_phase', 'survey_answer'. */
  kind: z.string(),
  title: localizedTextSchema,
  /** Path in the web app where the task is done. */
  href: z.string(),
  dueAt: z.string().nullable(),
});
export type HomeTask = z.infer<typeof homeTaskSchema>;

/**
 * A figure about the user's own organisation shown beside the tasks: for a town, its maturity
 * against the prefecture average, the support it received, the seminars it attended.
 */
export const homeFactSchema = z.object({
  /** Stable identifier of the kind of figure, e.g. 'town_maturity'. */
  kind: z.string(),
  label: localizedTextSchema,
  value: localizedTextSchema,
  /** A sentence that says what the value is compared with or made of; null when the value says it all. */
  detail: localizedTextSchema.nullable(),
  /** Path in the web app with the whole picture, or null. */
  href: z.string().nullable(),
});
export type HomeFact = z.infer<typeof homeFactSchema>;

export const homeFiscalYearSchema = z.object({
  id: z.string(),
  year: z.number().int(),
  label: localizedTextSchema,
});

export const homeSchema = z.object({
  /** The 'active' year, else the latest one; null before any year exists. */
  fiscalYear: homeFiscalYearSchema.nullable(),
  programs: z.array(homeProgramSchema),
  deadlines: z.array(homeDeadlineSchema),
  tasks: z.array(homeTaskSchema),
  facts: z.array(homeFactSchema),
});
export type Home = z.infer<typeof homeSchema>;

// ---------------------------------------------------------------------------
// Date rules, shared so a form can warn before the server refuses
// ---------------------------------------------------------------------------

/** October of the year before to March of the year after: surveys often run in the preceding winter. */
export function phaseWindowOf(fiscalYear: number): PhaseWindow {
  return { from: formatYmd(fiscalYear - 1, 10, 1), to: formatYmd(fiscalYear + 1, 3, 31) };
}

/**
 * Moves a date by whole years. 2024-02-29 + 1 year is 2025-02-28: a leap day
 * lands on the last day of February when the target year has none, so a
 * copied phase never spills into March.
 */
export function shiftYmdByYears(ymd: string, years: number): string {
  const { year, month, day } = parseYmd(ymd);
  const target = year + years;
  // Day 0 of the next month is the last day of this one (years here are ≥ 2000, clear of Date.UTC's 0–99 quirk).
  const lastDayOfMonth = new Date(Date.UTC(target, month, 0)).getUTCDate();
  return formatYmd(target, month, Math.min(day, lastDayOfMonth));
}

/** The instant a deadline given as JST date and time closes. */
export function deadlineInstantOf(deadline: DeadlineInput): Date {
  return toDeadlineInstant(deadline.date, deadline.time);
}

/** The JST date and time of a stored deadline instant, as a form shows it. */
export function deadlineInputOf(instant: Date): DeadlineInput {
  const { year, month, day, hour, minute } = getJstParts(instant);
  return {
    date: formatYmd(year, month, day),
    time: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`,
  };
}

/**
 * A phase is open from 00:00 JST on its first day until the end of its last
 * day, or until its deadline if that comes first: after the cut-off nobody
 * can submit any more, so showing it as open would mislead.
 */
export function phaseStateAt(
  phase: { startsOn: string; endsOn: string; deadlineAt: Date | null },
  now: Date,
): PhaseState {
  const start = parseYmd(phase.startsOn);
  if (now.getTime() < jstDate(start.year, start.month, start.day).getTime()) return 'upcoming';
  const dayAfter = parseYmd(addDaysToYmd(phase.endsOn, 1));
  if (now.getTime() >= jstDate(dayAfter.year, dayAfter.month, dayAfter.day).getTime()) return 'closed';
  // A submission exactly at the cut-off is still on time (see isPastDeadline).
  if (phase.deadlineAt && isPastDeadline(phase.deadlineAt, now)) return 'closed';
  return 'open';
}

const JA_WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'] as const;
const EN_WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

function describeYmd(ymd: string, locale: 'ja' | 'en'): string {
  const { year, month, day } = parseYmd(ymd);
  const weekday = weekdayOf(year, month, day);
  return locale === 'ja'
    ? `${year}年${month}月${day}日（${JA_WEEKDAYS[weekday]}）`
    : `${EN_WEEKDAYS[weekday]} ${ymd}`;
}

/** Why an office is closed on a date, in both languages; null on a business day. */
export function closedDayReason(ymd: string): Labels | null {
  const { year, month, day } = parseYmd(ymd);
  if (isBusinessDay(year, month, day)) return null;
  const holiday = holidayName(year, month, day);
  if (holiday) return { ja: holiday, en: holidayNamesEn[holiday] ?? holiday };
  const weekday = weekdayOf(year, month, day);
  if (weekday === 0) return { ja: '日曜日', en: 'Sunday' };
  if (weekday === 6) return { ja: '土曜日', en: 'Saturday' };
  return { ja: '年末年始の閉庁日', en: 'year-end office closure' };
}

export interface PhaseDates {
  startsOn: string;
  endsOn: string;
  deadline: DeadlineInput | null;
}

/**
 * Every date rule of a phase, as field errors (empty when all hold):
 * the end is not before the start; the phase lies in the year's window; the
 * deadline falls within the phase and on a business day. A deadline on a
 * closed day is refused with the previous business day proposed, because a
 * prefecture pulls such a deadline forward rather than promising a day on
 * which its office cannot receive anything. `checkBusinessDay: false` lets an
 * edit that leaves an existing deadline alone pass.
 */
export function findPhaseDateProblems(
  phase: PhaseDates,
  fiscalYear: number,
  options: { checkBusinessDay: boolean } = { checkBusinessDay: true },
): FieldError[] {
  const problems: FieldError[] = [];
  if (phase.endsOn < phase.startsOn) {
    problems.push({ path: ['endsOn'], code: 'end_before_start', ...endBeforeStartMessage });
  }
  const window = phaseWindowOf(fiscalYear);
  const fyJa = `${fiscalYear}年度`;
  for (const field of ['startsOn', 'endsOn'] as const) {
    const value = phase[field];
    if (value < window.from || value > window.to) {
      problems.push({
        path: [field],
        code: 'outside_fiscal_year',
        ja: `${fyJa}の日程は${describeYmd(window.from, 'ja')}から${describeYmd(window.to, 'ja')}までの日付にしてください（年度の4月〜3月と、その前の6か月）。`,
        en: `Phases of FY${fiscalYear} must lie between ${window.from} and ${window.to} (April–March, plus the six months before).`,
      });
    }
  }
  const deadline = phase.deadline;
  if (!deadline) return problems;
  if (deadline.date < phase.startsOn || deadline.date > phase.endsOn) {
    problems.push({
      path: ['deadline', 'date'],
      code: 'deadline_outside_phase',
      ja: `締切日は期間内（${describeYmd(phase.startsOn, 'ja')}〜${describeYmd(phase.endsOn, 'ja')}）の日付にしてください。`,
      en: `The deadline must fall within the phase (${phase.startsOn} to ${phase.endsOn}).`,
    });
  }
  if (!options.checkBusinessDay) return problems;
  const { year } = parseYmd(deadline.date);
  if (year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) {
    problems.push({
      path: ['deadline', 'date'],
      code: 'calendar_unsupported',
      ja: `${year}年の休日は判定できないため、この締切日は設定できません。`,
      en: `Holidays of ${year} are not known, so this deadline cannot be checked.`,
    });
    return problems;
  }
  const reason = closedDayReason(deadline.date);
  if (reason) {
    const proposed = adjustToBusinessDay(deadline.date, 'earlier');
    problems.push({
      path: ['deadline', 'date'],
      code: 'non_business_day',
      ja: `${describeYmd(deadline.date, 'ja')}は${reason.ja}で閉庁日のため、締切にできません。前の開庁日の${describeYmd(proposed, 'ja')}（${proposed}）にしてください。`,
      en: `${describeYmd(deadline.date, 'en')} is a closed day (${reason.en}), so it cannot be a deadline. Use the previous business day, ${describeYmd(proposed, 'en')}.`,
    });
  }
  return problems;
}

/** English names of Japanese national holidays, for the bilingual calendar. */
export const holidayNamesEn: Record<string, string> = {
  元日: "New Year's Day",
  成人の日: 'Coming of Age Day',
  建国記念の日: 'National Foundation Day',
  天皇誕生日: "The Emperor's Birthday",
  春分の日: 'Vernal Equinox Day',
  昭和の日: 'Showa Day',
  憲法記念日: 'Constitution Memorial Day',
  みどりの日: 'Greenery Day',
  こどもの日: "Children's Day",
  海の日: 'Marine Day',
  山の日: 'Mountain Day',
  敬老の日: 'Respect for the Aged Day',
  秋分の日: 'Autumnal Equinox Day',
  体育の日: 'Health and Sports Day',
  スポーツの日: 'Sports Day',
  文化の日: 'Culture Day',
  勤労感謝の日: 'Labour Thanksgiving Day',
  振替休日: 'Substitute holiday',
  国民の休日: "Citizens' holiday",
  天皇の即位の日: 'Enthronement Day',
  即位礼正殿の儀: 'Enthronement Ceremony',
};

// ---------------------------------------------------------------------------
// Preparing the next year and its set-up checklist
// ---------------------------------------------------------------------------

/** What one kind of thing does when a year is prepared from the previous one. */
export const yearCopyStates = ['will_copy', 'copied', 'nothing'] as const;
export const yearCopyItemSchema = z.object({
  /** programs, phases, rubric, needs_survey, seminar_series */
  key: z.string(),
  label: localizedTextSchema,
  /** How many the previous year has (what is or will be copied). */
  count: z.number().int().min(0),
  /** will_copy: the new year lacks it; copied: it is there already (running again adds nothing). */
  state: z.enum(yearCopyStates),
  detail: localizedTextSchema,
});
export type YearCopyItem = z.infer<typeof yearCopyItemSchema>;

export const nextYearPreviewSchema = z.object({
  /** The year "prepare next year" makes: the year after the latest, or the current one if missing. */
  year: z.number().int(),
  label: localizedTextSchema,
  /** The year's id when it exists already (running again completes it, never duplicates). */
  existingId: z.string().nullable(),
  copyFrom: z.object({ id: z.string(), year: z.number().int(), label: localizedTextSchema }).nullable(),
  items: z.array(yearCopyItemSchema),
});
export type NextYearPreview = z.infer<typeof nextYearPreviewSchema>;

export const prepareNextYearSchema = z.object({
  /** The year the preview showed: a changed proposal (someone else prepared it) is a 409, not a surprise. */
  year: z.number().int().min(FIRST_FISCAL_YEAR).max(LAST_FISCAL_YEAR),
});
export type PrepareNextYear = z.infer<typeof prepareNextYearSchema>;

export const preparedYearSchema = z.object({
  fiscalYearId: z.string(),
  year: z.number().int(),
  items: z.array(yearCopyItemSchema),
});
export type PreparedYear = z.infer<typeof preparedYearSchema>;

/** done; missing (needs the admin); later (cannot be done yet, e.g. reviewers before any proposal). */
export const setupItemStates = ['done', 'missing', 'later'] as const;
export type SetupItemState = (typeof setupItemStates)[number];
export const setupItemSchema = z.object({
  key: z.string(),
  label: localizedTextSchema,
  state: z.enum(setupItemStates),
  detail: localizedTextSchema,
  /** The page that fixes it. */
  href: z.string(),
});
export type SetupItem = z.infer<typeof setupItemSchema>;

export const setupChecklistSchema = z.object({
  fiscalYearId: z.string(),
  year: z.number().int(),
  label: localizedTextSchema,
  items: z.array(setupItemSchema),
  /** No item is missing. */
  isReady: z.boolean(),
});
export type SetupChecklist = z.infer<typeof setupChecklistSchema>;

export const phaseOpenSchema = z.object({ version: versionSchema });
export type PhaseOpen = z.infer<typeof phaseOpenSchema>;
