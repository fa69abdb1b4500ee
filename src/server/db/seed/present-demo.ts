import { and, asc, eq, inArray, like } from 'drizzle-orm';
import { adjustToBusinessDay } from '../../../shared/deadlines';
import { addDaysToYmd, fiscalYearOf, toJstDateString } from '../../../shared/fiscal-year';
import { defaultPriorityWeights } from '../../../shared/schemas/applications';
import type { Executor } from '../client';
import {
  applicationCalls,
  applications,
  areas,
  fiscalYears,
  menuProposals,
  menuReviews,
  menuSettings,
  municipalities,
  notifications,
  programPhases,
  programs,
  regions,
  seminarEvents,
  seminarRegistrations,
  seminarSeries,
  surveyResponses,
  surveys,
  users,
} from '../schema';
import { demoRubric, selectedMenus } from './menus-demo';
import { demoNeedsAnswers, needsSurveySections } from './surveys-demo';

/**
 * The demo's year in progress: the fiscal year of the moment the demo is first started, so a
 * newcomer finds the cycle running whatever the date. Nothing here is a figure of the source
 * document (FY2022–FY2024 are): every name, count and budget is illustrative (例示), and every
 * date is counted from `now`, the seed's one clock.
 *
 * At `now`: the needs survey is open with 60 % of the municipalities answered (西会津町 not yet);
 * a first round of menu proposals is decided and a second is under review while the proposal
 * phase still takes more; the call for applications is open on the decided menus with some
 * applications in (西会津町 has not applied); four seminars lie ahead, one nearly full; the demo
 * accounts have notices in their inbox.
 */
export const presentYearMarker = '例示';

/** The JST calendar day `days` after `now`'s, kept inside the fiscal year (April–March). */
function dayOf(now: Date, days: number, fiscalYear: number): string {
  const ymd = addDaysToYmd(toJstDateString(now), days);
  const last = `${fiscalYear + 1}-03-31`;
  const first = `${fiscalYear}-04-01`;
  return ymd > last ? last : ymd < first && days > 0 ? first : ymd;
}

const jst = (ymd: string, hm: string) => new Date(`${ymd}T${hm}:00+09:00`);
const hoursBefore = (at: Date, hours: number) => new Date(at.getTime() - hours * 3_600_000);

/** The fiscal year the demo shows as in progress, or null while the clock is still in the document's years. */
export function presentDemoYearOf(now: Date): number | null {
  const year = fiscalYearOf(now);
  return year > 2024 ? year : null;
}

export interface PresentYearSchedule {
  survey: { startsOn: string; endsOn: string; deadline: Date };
  proposals: { startsOn: string; endsOn: string; deadline: Date };
  review: { startsOn: string; endsOn: string };
  call: { startsOn: string; endsOn: string; deadline: Date };
  delivery: { startsOn: string; endsOn: string };
  evaluation: { startsOn: string; endsOn: string; deadline: Date };
  seminars: { startsOn: string; endsOn: string };
}

/**
 * The phases around `now`: the survey and the proposals closing in about a week (moved to a
 * business day, never after), the review and the call running, delivery and evaluation ahead.
 */
export function presentYearSchedule(now: Date, year: number): PresentYearSchedule {
  const day = (n: number) => dayOf(now, n, year);
  const closing = (n: number) => adjustToBusinessDay(day(n));
  // ISO dates compare as strings.
  const laterOf = (a: string, b: string) => (a > b ? a : b);
  const earlierOf = (a: string, b: string) => (a < b ? a : b);
  const surveyEnd = closing(10);
  const proposalsEnd = closing(8);
  const callEnd = closing(18);
  const fyEnd = `${year + 1}-03-31`;
  const deliveryStart = earlierOf(day(30), fyEnd);
  const evaluationStart = laterOf(addDaysToYmd(fyEnd, -27), deliveryStart);
  const evaluationDeadline = adjustToBusinessDay(addDaysToYmd(fyEnd, -10));
  return {
    survey: { startsOn: day(-14), endsOn: surveyEnd, deadline: jst(surveyEnd, '17:00') },
    proposals: { startsOn: day(-25), endsOn: proposalsEnd, deadline: jst(proposalsEnd, '17:00') },
    review: { startsOn: day(-10), endsOn: day(21) },
    call: { startsOn: day(-5), endsOn: callEnd, deadline: jst(callEnd, '15:00') },
    delivery: { startsOn: deliveryStart, endsOn: fyEnd },
    evaluation: {
      startsOn: evaluationStart,
      endsOn: fyEnd,
      deadline: jst(evaluationDeadline < evaluationStart ? fyEnd : evaluationDeadline, '17:00'),
    },
    seminars: { startsOn: day(-30), endsOn: fyEnd },
  };
}

export async function seedPresentYearDemo(tx: Executor, prefectureId: string, now: Date): Promise<void> {
  const year = presentDemoYearOf(now);
  if (year === null) return;
  const reiwa = year - 2018;
  const schedule = presentYearSchedule(now, year);
  const daysFromNow = (n: number, hm = '10:00') => jst(dayOf(now, n, year), hm);
  const [admin] = await tx.select().from(users).where(eq(users.email, 'admin@pref.example.jp'));

  const [fy] = await tx.insert(fiscalYears).values({ prefectureId, year, status: 'active' }).returning();
  const fiscalYearId = fy!.id;
  const [dispatch] = await tx
    .insert(programs)
    .values({
      prefectureId,
      fiscalYearId,
      kind: 'advisor_dispatch',
      name: 'ICTアドバイザー市町村派遣事業',
      nameEn: 'ICT Advisor Dispatch to Municipalities',
      description: `産学官の協議会からICTアドバイザーを派遣し、市町村の課題解決を伴走支援する。（${presentYearMarker}：進行中の年度のデモ。資料の数値ではありません）`,
      // Not decided in the demo: an invented figure would read as the prefecture's.
      budgetThousandYen: null,
    })
    .returning();
  const seminarCost = { costPerSessionThousandYen: 350, sessionCount: 4 };
  const [seminarProgram] = await tx
    .insert(programs)
    .values({
      prefectureId,
      fiscalYearId,
      kind: 'seminar_series',
      name: '市町村DX推進トップセミナー事業',
      nameEn: 'Municipal DX Top Seminars',
      description: `首長・副首長向け1回、職員向け3回（会津・中通り・浜通り）のウェビナー。（${presentYearMarker}）`,
      budgetThousandYen: seminarCost.costPerSessionThousandYen * seminarCost.sessionCount,
    })
    .returning();
  const phaseRows = [
    { programId: dispatch!.id, kind: 'survey', ...schedule.survey },
    { programId: dispatch!.id, kind: 'proposals', ...schedule.proposals },
    { programId: dispatch!.id, kind: 'review', ...schedule.review, deadline: null },
    { programId: dispatch!.id, kind: 'call', ...schedule.call },
    { programId: dispatch!.id, kind: 'delivery', ...schedule.delivery, deadline: null },
    { programId: dispatch!.id, kind: 'evaluation', ...schedule.evaluation },
    { programId: seminarProgram!.id, kind: 'seminars', ...schedule.seminars, deadline: null },
  ];
  await tx.insert(programPhases).values(
    phaseRows.map((p) => ({
      prefectureId,
      programId: p.programId,
      kind: p.kind,
      startsOn: p.startsOn,
      endsOn: p.endsOn,
      deadlineAt: p.deadline,
      note: '',
    })),
  );

  const towns = await tx
    .select({
      id: municipalities.id,
      code: municipalities.code,
      name: municipalities.name,
      kind: municipalities.kind,
      isEvacuationArea: municipalities.isEvacuationArea,
      region: regions.name,
      regionId: regions.id,
    })
    .from(municipalities)
    .innerJoin(areas, eq(areas.id, municipalities.areaId))
    .innerJoin(regions, eq(regions.id, areas.regionId))
    .where(eq(municipalities.prefectureId, prefectureId))
    .orderBy(asc(municipalities.code));
  // 西会津町 is the demo's town: it still has the survey to answer and the call to apply to.
  const demoTown = '074055';

  // --- The needs survey, open: 3 in 5 municipalities submitted, a few drafts. ---
  const [survey] = await tx
    .insert(surveys)
    .values({
      prefectureId,
      fiscalYearId,
      kind: 'needs',
      audience: 'municipalities',
      title: `令和${reiwa}年度 市町村DX推進ニーズ調査（${presentYearMarker}）`,
      titleEn: `FY${year} municipal DX needs survey (illustrative)`,
      opensAt: jst(schedule.survey.startsOn, '09:00'),
      closesAt: schedule.survey.deadline,
      definition: needsSurveySections,
    })
    .returning({ id: surveys.id });
  const answered = towns.filter((m, i) => i % 5 >= 2 && m.code !== demoTown);
  const drafting = towns.filter((m, i) => i % 5 === 1 && m.code !== demoTown).slice(0, 5);
  const daysOpen = Math.max(
    1,
    Math.round((now.getTime() - jst(schedule.survey.startsOn, '09:00').getTime()) / 86_400_000),
  );
  await tx.insert(surveyResponses).values([
    ...answered.map((m, i) => ({
      prefectureId,
      surveyId: survey!.id,
      respondentKey: `municipality:${m.id}`,
      municipalityId: m.id,
      status: 'submitted' as const,
      answers: demoNeedsAnswers(m, year),
      submittedAt: new Date(
        Math.min(
          now.getTime() - 3_600_000,
          jst(schedule.survey.startsOn, '10:00').getTime() + (i % daysOpen) * 86_400_000 + i * 60_000,
        ),
      ),
    })),
    ...drafting.map((m) => ({
      prefectureId,
      surveyId: survey!.id,
      respondentKey: `municipality:${m.id}`,
      municipalityId: m.id,
      status: 'draft' as const,
      answers: { cdo_appointed: demoNeedsAnswers(m, year).cdo_appointed! },
    })),
  ]);

  // --- Menu proposals: a first round decided, a second under review, more still coming. ---
  await tx.insert(menuSettings).values({
    prefectureId,
    fiscalYearId,
    criteria: demoRubric,
    // One deadline: the proposal phase's.
    proposalDeadlineAt: schedule.proposals.deadline,
  });
  const advisorRows = await tx
    .select({ id: users.id, email: users.email, organizationId: users.organizationId })
    .from(users)
    .where(and(eq(users.prefectureId, prefectureId), like(users.email, 'advisor@%')))
    .orderBy(asc(users.email));
  const advisorByEmail = new Map(advisorRows.map((a) => [a.email, a]));
  const companyA = advisorByEmail.get('advisor@company-a.example.jp')!;
  const others = advisorRows.filter((a) => a.email !== companyA.email);
  const [reviewer1] = await tx.select().from(users).where(eq(users.email, 'reviewer@pref.example.jp'));
  const [reviewer2] = await tx.select().from(users).where(eq(users.email, 'reviewer2@pref.example.jp'));
  const reviewers = [reviewer1!, reviewer2!];
  const firstRound = selectedMenus.slice(0, 12);
  const underReview = selectedMenus.slice(12, 17);
  const proposalBase = (
    [title, challengeAreas, format, cost]: (typeof selectedMenus)[number],
    advisor: { id: string; organizationId: string },
  ) => ({
    prefectureId,
    fiscalYearId,
    organizationId: advisor.organizationId,
    title,
    challengeAreas,
    description: `${title}を、市町村の状況に合わせて伴走型で実施します。（${presentYearMarker}）`,
    deliverables: '現状分析の報告書、実施計画、職員向け資料',
    format,
    capacity: 3,
    unitCostThousandYen: cost,
    plannedHours: 16,
    onsiteDays: format === 'online' ? 0 : 3,
    regionIds: [],
    advisorUserIds: [advisor.id],
  });
  const decided = await tx
    .insert(menuProposals)
    .values(
      firstRound.map((m, i) => ({
        ...proposalBase(m, i === 0 ? companyA : others[i % others.length]!),
        status: 'selected' as const,
        decision: 'selected' as const,
        decisionReason: '',
        submittedAt: daysFromNow(-22 + (i % 5)),
        decidedAt: daysFromNow(-6, '15:00'),
      })),
    )
    .returning({ id: menuProposals.id });
  const pending = await tx
    .insert(menuProposals)
    .values(
      underReview.map((m, i) => ({
        ...proposalBase(m, others[(i + 3) % others.length]!),
        status: 'submitted' as const,
        submittedAt: daysFromNow(-4 + (i % 3)),
      })),
    )
    .returning({ id: menuProposals.id });
  // Company A: one proposal returned for changes, one draft not handed in yet.
  await tx.insert(menuProposals).values([
    {
      ...proposalBase(selectedMenus[17]!, companyA),
      status: 'returned' as const,
      decisionReason: '想定する市町村の規模と費用の内訳を追記してください。',
      submittedAt: daysFromNow(-9),
    },
    { ...proposalBase(selectedMenus[18]!, companyA), status: 'draft' as const },
  ]);
  const scored = (i: number) =>
    Object.fromEntries(demoRubric.map((c, k) => [c.key, 3 + ((i + k) % 3)])) as Record<string, number>;
  await tx.insert(menuReviews).values([
    ...decided.flatMap((p, i) =>
      reviewers.map((r) => ({
        prefectureId,
        proposalId: p.id,
        reviewerUserId: r.id,
        status: 'submitted' as const,
        scores: scored(i),
        comment: '市町村のニーズに合致しており、効果が期待できる。',
        submittedAt: daysFromNow(-8, '14:00'),
      })),
    ),
    // The second round: two fully reviewed (awaiting the decision), two waiting for the first
    // reviewer's scores; the last has no reviewer yet.
    ...pending.slice(0, 4).flatMap((p, i) =>
      reviewers.map((r, k) =>
        i < 2 || k === 1
          ? {
              prefectureId,
              proposalId: p.id,
              reviewerUserId: r.id,
              status: 'submitted' as const,
              scores: scored(i + k),
              comment: '効果が期待できる。',
              submittedAt: daysFromNow(-1, '11:00'),
            }
          : { prefectureId, proposalId: p.id, reviewerUserId: r.id, status: 'assigned' as const, scores: {} },
      ),
    ),
  ]);

  // --- The call for applications, open on the decided menus; some towns applied. ---
  const [call] = await tx
    .insert(applicationCalls)
    .values({
      prefectureId,
      programId: dispatch!.id,
      fiscalYearId,
      maxChoices: 3,
      maxProjectsPerMunicipality: 2,
      headConfirmationRequired: false,
      priorityWeights: defaultPriorityWeights,
      createdBy: admin!.id,
      updatedBy: admin!.id,
    })
    .returning();
  const applicants = towns.filter((m, i) => i % 6 === 3 && m.code !== demoTown).slice(0, 9);
  const menuIds = decided.map((p) => p.id);
  await tx.insert(applications).values(
    applicants.map((town, i) => ({
      prefectureId,
      callId: call!.id,
      municipalityId: town.id,
      status: i === applicants.length - 1 ? ('draft' as const) : ('submitted' as const),
      menuIds: [menuIds[i % menuIds.length]!, menuIds[(i + 5) % menuIds.length]!],
      challenge: `${town.name}では、限られた職員で行政手続のオンライン化と業務の見直しを進める必要がある。（${presentYearMarker}）`,
      desiredStartMonth: schedule.delivery.startsOn.slice(0, 7),
      desiredEndMonth: `${year + 1}-02`,
      contactName: `${town.name} DX担当`,
      contactEmail: `dx-${town.code}@example.jp`,
      submittedAt: i === applicants.length - 1 ? null : daysFromNow(-4 + (i % 4)),
      createdBy: admin!.id,
      updatedBy: admin!.id,
    })),
  );

  // --- Four seminars ahead: free seats everywhere, 中通り nearly full. ---
  const [series] = await tx
    .insert(seminarSeries)
    .values({
      prefectureId,
      fiscalYearId,
      programId: seminarProgram!.id,
      title: `令和${reiwa}年度 市町村DX推進トップセミナー（${presentYearMarker}）`,
      ...seminarCost,
    })
    .returning();
  const regionId = new Map(towns.map((t) => [t.region, t.regionId]));
  const plan = [
    { key: 'heads', audience: 'heads', region: null, inDays: 21, capacity: 120, registered: 35 },
    { key: '会津', audience: 'staff', region: '会津', inDays: 28, capacity: 60, registered: 18 },
    { key: '中通り', audience: 'staff', region: '中通り', inDays: 35, capacity: 40, registered: 38 },
    { key: '浜通り', audience: 'staff', region: '浜通り', inDays: 42, capacity: 60, registered: 9 },
  ] as const;
  const events = await tx
    .insert(seminarEvents)
    .values(
      plan.map((p) => {
        const date = addDaysToYmd(toJstDateString(now), p.inDays);
        return {
          prefectureId,
          seriesId: series!.id,
          title:
            p.audience === 'heads'
              ? `令和${reiwa}年度 DXトップセミナー（首長・副首長向け）`
              : `令和${reiwa}年度 DX基礎セミナー（職員向け・${p.key}）`,
          audience: p.audience,
          regionId: p.region ? (regionId.get(p.region) ?? null) : null,
          startsAt: jst(date, '14:00'),
          endsAt: jst(date, '15:30'),
          registrationClosesAt: jst(addDaysToYmd(date, -3), '17:00'),
          capacity: p.capacity,
          attendanceThresholdMinutes: 30,
          joinUrl: `https://webinar.example.jp/j/${date.replaceAll('-', '')}01`,
          passcode: `dx${year}`,
          programme:
            p.audience === 'heads'
              ? '1. 自治体DXの現在地\n2. 首長のリーダーシップ事例\n3. 意見交換'
              : '1. DXの基礎\n2. 県内市町村の事例紹介\n3. 市町村間ワークショップ',
          speakers: '講師：デモ 講師（デモ情報システム株式会社）',
        };
      }),
    )
    .returning();
  const registrations: (typeof seminarRegistrations.$inferInsert)[] = [];
  plan.forEach((p, k) => {
    const event = events[k]!;
    const pool = towns.filter((t) => (p.region === null || t.region === p.region) && t.code !== demoTown);
    for (let n = 0; n < p.registered; n++) {
      const m = pool[n % pool.length]!;
      const second = n >= pool.length;
      const position = p.audience === 'heads' ? `${m.name.slice(-1)}長` : second ? '主任' : 'DX推進担当';
      registrations.push({
        prefectureId,
        eventId: event.id,
        municipalityId: m.id,
        attendeeName: `${m.name} ${position}`,
        attendeePosition: position,
        attendeeEmail: `${p.audience}${second ? 1 : 0}-${m.code}-${year}@demo.example.jp`,
        audienceGroup: p.audience,
        status: 'registered',
        queuedAt: hoursBefore(now, 2 + n * 5),
      });
    }
  });
  await tx.insert(seminarRegistrations).values(registrations);

  // --- The demo accounts' inbox. ---
  const accounts = new Map(
    (
      await tx
        .select({ id: users.id, email: users.email })
        .from(users)
        .where(
          inArray(users.email, [
            'dx@nishiaizu.example.jp',
            'mayor@nishiaizu.example.jp',
            'reviewer@pref.example.jp',
            'advisor@company-a.example.jp',
          ]),
        )
    ).map((u) => [u.email, u.id]),
  );
  const notice = (
    email: string,
    kind: typeof notifications.$inferInsert.kind,
    title: string,
    linkPath: string,
    at: Date,
  ) => ({
    prefectureId,
    userId: accounts.get(email)!,
    kind,
    title,
    linkPath,
    emailDelivery: 'immediate' as const,
    createdAt: at,
  });
  const surveyTitle = `令和${reiwa}年度 市町村DX推進ニーズ調査（${presentYearMarker}）`;
  await tx
    .insert(notifications)
    .values([
      notice(
        'dx@nishiaizu.example.jp',
        'surveys.opened',
        `【回答依頼】${surveyTitle}`,
        `/surveys/${survey!.id}/answer`,
        jst(schedule.survey.startsOn, '09:15'),
      ),
      notice(
        'mayor@nishiaizu.example.jp',
        'surveys.opened',
        `【回答依頼】${surveyTitle}`,
        `/surveys/${survey!.id}/answer`,
        jst(schedule.survey.startsOn, '09:15'),
      ),
      notice(
        'dx@nishiaizu.example.jp',
        'surveys.reminder',
        `【締切が近づいています】${surveyTitle}`,
        `/surveys/${survey!.id}/answer`,
        hoursBefore(now, 20),
      ),
      notice(
        'reviewer@pref.example.jp',
        'menus.reviewer_assigned',
        '【審査依頼】支援メニューの審査をお願いします（2件）',
        '/menus/reviews',
        daysFromNow(-1, '09:00'),
      ),
      notice(
        'advisor@company-a.example.jp',
        'menus.proposal_decision',
        `【修正依頼】支援メニュー「${selectedMenus[17]![0]}」`,
        '/menus/proposals',
        daysFromNow(-3, '16:00'),
      ),
    ]);
}
