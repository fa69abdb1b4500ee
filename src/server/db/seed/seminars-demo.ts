import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import {
  areas,
  fiscalYears,
  municipalities,
  programs,
  regions,
  seminarArchiveViews,
  seminarEvents,
  seminarRegistrations,
  seminarSeries,
  surveys,
} from '../schema';

/**
 * Each demo year's seminar series: one session for heads and three for staff at 330千円 each
 * (FY2024's 1,320千円 in the document). The year page's program budget is the same product, so
 * the two never disagree.
 */
export const demoSeminarPlan = { costPerSessionThousandYen: 330, sessionCount: 4 } as const;

/** Deterministic PRNG (mulberry32): the demo is the same on every start. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Municipalities reached per year and audience: FY2024 as in the document (首長等 54, 職員 38). */
export const demoSeminarReach: Record<number, { heads: number; staff: number }> = {
  2022: { heads: 41, staff: 27 },
  2023: { heads: 47, staff: 33 },
  2024: { heads: 54, staff: 38 },
};

const jst = (ymd: string, hm: string) => new Date(`${ymd}T${hm}:00+09:00`);

/**
 * Four webinars a year (首長・副首長向け 1, 職員向け 3: 会津・中通り・浜通り) at 330千円 each, with
 * registrations and attendance minutes so that reach is exactly `demoSeminarReach`. A few
 * municipalities registered but left early (below the threshold): registered, not reached.
 */
export async function seedSeminarsDemo(tx: Executor, prefectureId: string): Promise<void> {
  const munis = await tx
    .select({
      id: municipalities.id,
      code: municipalities.code,
      name: municipalities.name,
      region: regions.name,
      regionId: regions.id,
    })
    .from(municipalities)
    .innerJoin(areas, eq(areas.id, municipalities.areaId))
    .innerJoin(regions, eq(regions.id, areas.regionId))
    .where(eq(municipalities.prefectureId, prefectureId))
    .orderBy(asc(municipalities.code));
  const regionIds = new Map(munis.map((m) => [m.region, m.regionId]));
  const random = prng(20240710);
  const threshold = 30;

  for (const year of [2022, 2023, 2024]) {
    const [fy] = await tx
      .select({ id: fiscalYears.id })
      .from(fiscalYears)
      .where(and(eq(fiscalYears.prefectureId, prefectureId), eq(fiscalYears.year, year)));
    if (!fy) continue;
    const [program] = await tx
      .select({ id: programs.id })
      .from(programs)
      .where(and(eq(programs.fiscalYearId, fy.id), eq(programs.kind, 'seminar_series')));
    const reiwa = year - 2018;
    const [series] = await tx
      .insert(seminarSeries)
      .values({
        prefectureId,
        fiscalYearId: fy.id,
        programId: program?.id ?? null,
        title: `令和${reiwa}年度 市町村DX推進トップセミナー`,
        costPerSessionThousandYen: demoSeminarPlan.costPerSessionThousandYen,
        sessionCount: demoSeminarPlan.sessionCount,
      })
      .returning();
    const plan = [
      {
        key: 'heads',
        title: `令和${reiwa}年度 DXトップセミナー（首長・副首長向け）`,
        audience: 'heads',
        region: null,
        date: `${year}-08-08`,
      },
      {
        key: '会津',
        title: `令和${reiwa}年度 DX基礎セミナー（職員向け・会津）`,
        audience: 'staff',
        region: '会津',
        date: `${year}-10-10`,
      },
      {
        key: '中通り',
        title: `令和${reiwa}年度 DX基礎セミナー（職員向け・中通り）`,
        audience: 'staff',
        region: '中通り',
        date: `${year}-10-24`,
      },
      {
        key: '浜通り',
        title: `令和${reiwa}年度 DX基礎セミナー（職員向け・浜通り）`,
        audience: 'staff',
        region: '浜通り',
        date: `${year}-11-07`,
      },
    ] as const;
    const feedbackSurveyId = year === 2024 ? await seedFeedbackSurvey(tx, prefectureId, fy.id) : null;
    const events = await tx
      .insert(seminarEvents)
      .values(
        plan.map((p) => {
          const closes = new Date(jst(p.date, '17:00').getTime() - 3 * 24 * 3_600_000);
          return {
            prefectureId,
            seriesId: series!.id,
            title: p.title,
            audience: p.audience,
            regionId: p.region ? (regionIds.get(p.region) ?? null) : null,
            startsAt: jst(p.date, '14:00'),
            endsAt: jst(p.date, '15:30'),
            registrationClosesAt: closes,
            capacity: p.audience === 'heads' ? 120 : 100,
            attendanceThresholdMinutes: threshold,
            joinUrl: `https://webinar.example.jp/j/${year}${p.date.slice(5, 7)}${p.date.slice(8, 10)}01`,
            passcode: `dx${year}`,
            programme:
              p.audience === 'heads'
                ? '1. 自治体DXの現在地\n2. 首長のリーダーシップ事例\n3. 意見交換'
                : '1. DXの基礎（Xの部分）\n2. 県内市町村の事例紹介\n3. 市町村間ワークショップ',
            speakers: '講師：デモ 講師（デモ情報システム株式会社）',
            workshopNotes:
              p.audience === 'staff' ? '各グループで「紙の申請を一つ減らす」案を作成し発表した。' : '',
            reminderSentAt: jst(p.date, '09:00'),
            // The document: every seminar is archived for those who could not attend (限定公開).
            archiveKind: 'link' as const,
            archiveUrl: `https://video.example.jp/archive/${year}-${p.key === 'heads' ? 'heads' : 'staff'}-${p.date.slice(5)}`,
            archiveOpensAt: jst(p.date, '18:00'),
            archiveClosesAt: jst(`${year + 1}-03-31`, '23:59'),
            archiveEntitlement: 'registered' as const,
            archiveCountsTowardReach: 1,
            feedbackSurveyId: p.key === 'heads' ? feedbackSurveyId : null,
          };
        }),
      )
      .returning();
    const eventOf = (key: string) => events[plan.findIndex((p) => p.key === key)]!;
    const target = demoSeminarReach[year]!;
    const regs: (typeof seminarRegistrations.$inferInsert)[] = [];
    const views: (typeof seminarArchiveViews.$inferInsert)[] = [];
    const add = (
      event: (typeof events)[number],
      m: (typeof munis)[number],
      group: 'heads' | 'staff',
      minutes: number | null,
      n: number,
    ) => {
      const position =
        group === 'heads'
          ? n === 0
            ? `${m.name.slice(-1)}長`
            : `副${m.name.slice(-1)}長`
          : n === 0
            ? 'DX推進担当'
            : '主任';
      regs.push({
        prefectureId,
        eventId: event.id,
        municipalityId: m.id,
        attendeeName: `${m.name} ${position}`,
        attendeePosition: position,
        attendeeEmail: `${group}${n}-${m.code}-${year}@demo.example.jp`,
        audienceGroup: group,
        status: 'registered',
        queuedAt: new Date(event.registrationClosesAt.getTime() - (30 - (regs.length % 30)) * 3_600_000),
        minutesAttended: minutes,
        reminderSentAt: event.startsAt,
      });
    };
    const minutesAttended = () => threshold + 15 + Math.floor(random() * 46); // 45–90 of 90 minutes
    const leftEarly = () => 5 + Math.floor(random() * 20); // below the threshold

    // Heads: the first `target.heads` attend (one or two a municipality); 3 more register and leave early.
    const headsOrder = shuffled(munis, random);
    headsOrder.forEach((m, i) => {
      if (i < target.heads) {
        add(eventOf('heads'), m, 'heads', minutesAttended(), 0);
        if (random() < 0.3) add(eventOf('heads'), m, 'heads', minutesAttended(), 1);
      } else if (i < target.heads + 3) add(eventOf('heads'), m, 'heads', leftEarly(), 0);
    });
    // A few reached heads also watched the archive (they are reached already: the count stays exact).
    for (const m of headsOrder.slice(0, 4)) {
      views.push({
        prefectureId,
        eventId: eventOf('heads').id,
        municipalityId: m.id,
        audienceGroup: 'heads',
        viewedAt: new Date(eventOf('heads').startsAt.getTime() + 7 * 24 * 3_600_000),
      });
    }
    // Staff: each municipality attends its own region's seminar.
    const staffOrder = shuffled(munis, random);
    staffOrder.forEach((m, i) => {
      const event = eventOf(m.region);
      if (i < target.staff) {
        const count = 1 + Math.floor(random() * 3);
        for (let n = 0; n < count; n++) add(event, m, 'staff', minutesAttended(), n);
      } else if (i < target.staff + 4) add(event, m, 'staff', random() < 0.5 ? null : leftEarly(), 0);
    });
    await tx.insert(seminarRegistrations).values(regs);
    if (views.length > 0) await tx.insert(seminarArchiveViews).values(views);
  }
}

/**
 * FY2024's feedback survey of the heads' seminar (survey engine, audience seminar_participants).
 * No demo answers: the demo registrations name their attendees but no user account registered them
 * (no user id, no registering user), so nobody is a respondent — nothing is faked.
 */
async function seedFeedbackSurvey(tx: Executor, prefectureId: string, fiscalYearId: string): Promise<string> {
  const [survey] = await tx
    .insert(surveys)
    .values({
      prefectureId,
      fiscalYearId,
      kind: 'seminar_feedback',
      audience: 'seminar_participants',
      title: '令和6年度 DXトップセミナー アンケート',
      titleEn: 'FY2024 DX top seminar feedback',
      opensAt: jst('2024-08-08', '15:30'),
      closesAt: jst('2024-08-22', '17:00'),
      definition: [
        {
          key: 'feedback',
          title: { ja: 'セミナーのご感想', en: 'Your feedback on the seminar' },
          questions: [
            {
              key: 'satisfaction',
              type: 'scale',
              label: { ja: '満足度（1：不満 〜 5：満足）', en: 'Satisfaction (1: poor – 5: excellent)' },
              required: true,
              options: ['1', '2', '3', '4', '5'].map((v) => ({ value: v, label: { ja: v, en: v } })),
              rows: [],
            },
            {
              key: 'useful_topics',
              type: 'multiple_choice',
              label: { ja: '役に立った内容', en: 'What was useful' },
              required: false,
              options: [
                {
                  value: 'current_state',
                  label: { ja: '自治体DXの現在地', en: 'Where municipal DX stands' },
                },
                { value: 'leadership', label: { ja: '首長のリーダーシップ事例', en: 'Leadership cases' } },
                { value: 'discussion', label: { ja: '意見交換', en: 'Discussion' } },
              ],
              rows: [],
            },
            {
              key: 'comments',
              type: 'long_text',
              label: { ja: '自由記述（ご意見・ご要望）', en: 'Comments and requests' },
              required: false,
              options: [],
              rows: [],
            },
          ],
        },
      ],
    })
    .returning({ id: surveys.id });
  return survey!.id;
}
