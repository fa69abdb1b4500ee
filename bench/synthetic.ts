import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../src/server/db/client';
import {
  areas,
  fiscalYears,
  municipalities,
  organizations,
  prefectures,
  projectActivities,
  regions,
  seminarEvents,
  seminarRegistrations,
  supportProjects,
  surveyResponses,
  surveys,
  users,
} from '../src/server/db/schema';
import { demoNeedsAnswers, needsSurveySections } from '../src/server/db/seed/surveys-demo';
import { readReferenceFile } from '../src/server/db/seed/reference-data';
import { parseCsvRecords } from '../src/server/platform/csv';
import { isValidMunicipalityCode, toMunicipalityCode } from '../src/shared/municipality-code';

/**
 * The synthetic data both benches load, built straight into the tables (a bench measures
 * reads, not the import paths, which have their own tests). Deterministic: every run of a
 * bench reads the same rows.
 *
 * - `growDemoPrefecture`: the demo prefecture (Fukushima, 59 municipalities) grown to N
 *   municipalities with valid 団体コード, each answering the demo needs surveys, sending staff
 *   and heads to the demo seminars and receiving support projects at the demo's rates, so
 *   every signed-in page reads N municipalities' worth of rows through the demo's own
 *   surveys, menus, seminars and accounts.
 * - `buildNationalTenant` + `nationalParts`: one prefecture holding every municipality of
 *   Japan, ten fiscal years, 100,000 needs answers, support projects and 50,000 activities.
 */

/** A small deterministic generator (mulberry32), so every run builds the same data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const format = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits });

export async function insertChunked<T>(
  rows: T[],
  insert: (chunk: T[]) => Promise<unknown>,
  chunk = 1000,
): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) await insert(rows.slice(i, i + chunk));
}

/**
 * `count` unused 団体コード of a prefecture: its two digits, three free digits, and the check
 * digit of 総務省's rule. Skips every code already taken (the real ones loaded by the seed).
 */
export function freeMunicipalityCodes(prefectureCode: string, taken: ReadonlySet<string>, count: number) {
  const codes: string[] = [];
  // 100–999: the municipal part of a real code is never below 100 (201 and up for cities).
  for (let n = 100; n <= 999 && codes.length < count; n++) {
    const code = toMunicipalityCode(`${prefectureCode}${String(n).padStart(3, '0')}`);
    if (!taken.has(code)) codes.push(code);
  }
  if (codes.length < count)
    throw new Error(`only ${codes.length} free codes in prefecture ${prefectureCode}`);
  if (!codes.every(isValidMunicipalityCode)) throw new Error('a generated code fails its check digit');
  return codes;
}

const kanaDigits = ['ゼロ', 'イチ', 'ニ', 'サン', 'ヨン', 'ゴ', 'ロク', 'ナナ', 'ハチ', 'キュウ'];

/**
 * Grows the demo prefecture to `total` municipalities. Returns how many were added and what
 * was stored for them. Kinds follow a prefecture's usual mix (a fifth cities, half towns, the
 * rest villages); areas are dealt round-robin; answers come from the demo's own generator
 * (cities further along than villages); reach and support projects at the demo's rates.
 */
export async function growDemoPrefecture(db: Executor, total: number): Promise<string> {
  const [prefecture] = await db.select().from(prefectures).where(eq(prefectures.code, '07'));
  if (!prefecture) throw new Error('load the demo first');
  const prefectureId = prefecture.id;
  const existing = await db
    .select({ code: municipalities.code })
    .from(municipalities)
    .where(eq(municipalities.prefectureId, prefectureId));
  const toAdd = total - existing.length;
  if (toAdd <= 0) return `already ${existing.length} municipalities`;
  const allCodes = await db.select({ code: municipalities.code }).from(municipalities);
  const codes = freeMunicipalityCodes(prefecture.code, new Set(allCodes.map((m) => m.code)), toAdd);
  const areaRows = await db
    .select({ id: areas.id, regionName: regions.name })
    .from(areas)
    .innerJoin(regions, eq(regions.id, areas.regionId))
    .where(eq(areas.prefectureId, prefectureId))
    .orderBy(asc(areas.sortOrder));
  const random = rng(20260600);
  const rows = codes.map((code, i) => {
    const draw = random();
    const kind = draw < 0.2 ? 'city' : draw < 0.7 ? 'town' : 'village';
    const suffix = kind === 'city' ? '市' : kind === 'town' ? '町' : '村';
    const number = String(i + 1).padStart(3, '0');
    return {
      prefectureId,
      code,
      name: `合成${number}${suffix}`,
      nameKana: `ごうせい${[...number].map((d) => kanaDigits[Number(d)]).join('')}${suffix === '市' ? 'し' : suffix === '町' ? 'まち' : 'むら'}`,
      nameEn: `Synthetic ${number} ${kind === 'city' ? 'City' : kind === 'town' ? 'Town' : 'Village'}`,
      kind,
      areaId: areaRows[i % areaRows.length]!.id,
      isEvacuationArea: false,
      population:
        kind === 'city' ? 30_000 + Math.floor(random() * 200_000) : 1_000 + Math.floor(random() * 20_000),
      populationSource: '合成データ（ベンチマーク用）',
    };
  });
  const added: (typeof municipalities.$inferSelect)[] = [];
  await insertChunked(rows, async (chunk) => {
    added.push(...(await db.insert(municipalities).values(chunk).returning()));
  });
  const regionOfArea = new Map(areaRows.map((a) => [a.id, a.regionName]));

  // Needs answers: every added municipality answers every needs survey of the demo, as the 59 do.
  const needs = await db
    .select({ id: surveys.id, fiscalYearId: surveys.fiscalYearId, opensAt: surveys.opensAt })
    .from(surveys)
    .where(and(eq(surveys.prefectureId, prefectureId), eq(surveys.kind, 'needs')));
  const yearOf = new Map(
    (await db.select().from(fiscalYears).where(eq(fiscalYears.prefectureId, prefectureId))).map((fy) => [
      fy.id,
      Number(fy.year),
    ]),
  );
  let answers = 0;
  for (const survey of needs) {
    const year = yearOf.get(survey.fiscalYearId)!;
    const responses = added.map((m, i) => ({
      prefectureId,
      surveyId: survey.id,
      respondentKey: `municipality:${m.id}`,
      municipalityId: m.id,
      status: 'submitted' as const,
      answers: demoNeedsAnswers(m, year),
      submittedAt: new Date(survey.opensAt.getTime() + 86_400_000 + (i % 17) * 86_400_000 + i * 60_000),
    }));
    await insertChunked(responses, (chunk) => db.insert(surveyResponses).values(chunk), 300);
    answers += responses.length;
  }

  // Seminar reach at the demo's rates (heads of 54 and staff of 38 of 59): each added
  // municipality sends its head with p = 0.9 and staff to its own region's seminar with p = 0.65.
  const events = await db
    .select({
      id: seminarEvents.id,
      audience: seminarEvents.audience,
      regionName: regions.name,
      startsAt: seminarEvents.startsAt,
      registrationClosesAt: seminarEvents.registrationClosesAt,
    })
    .from(seminarEvents)
    .leftJoin(regions, eq(regions.id, seminarEvents.regionId))
    .where(eq(seminarEvents.prefectureId, prefectureId));
  const registrations: (typeof seminarRegistrations.$inferInsert)[] = [];
  for (const event of events) {
    for (const m of added) {
      const isHeads = event.audience === 'heads';
      if (!isHeads && event.regionName !== regionOfArea.get(m.areaId)) continue;
      if (random() > (isHeads ? 0.9 : 0.65)) continue;
      registrations.push({
        prefectureId,
        eventId: event.id,
        municipalityId: m.id,
        attendeeName: `${m.name} ${isHeads ? '首長' : 'DX推進担当'}`,
        attendeePosition: isHeads ? '首長' : 'DX推進担当',
        attendeeEmail: `${isHeads ? 'heads' : 'staff'}-${m.code}-${event.id.slice(0, 8)}@bench.example.jp`,
        audienceGroup: isHeads ? 'heads' : 'staff',
        status: 'registered',
        queuedAt: new Date(event.registrationClosesAt.getTime() - 86_400_000),
        minutesAttended: random() < 0.9 ? 45 + Math.floor(random() * 46) : 10,
        reminderSentAt: event.startsAt,
      });
    }
  }
  await insertChunked(registrations, (chunk) => db.insert(seminarRegistrations).values(chunk), 500);

  // Support projects: about a third of the municipalities each year the demo has projects in.
  const projectYears = await db
    .selectDistinct({ fiscalYearId: supportProjects.fiscalYearId })
    .from(supportProjects)
    .where(eq(supportProjects.prefectureId, prefectureId));
  const projects = projectYears.flatMap(({ fiscalYearId }) =>
    added
      .filter(() => random() < 0.33)
      .map((m) => ({
        prefectureId,
        fiscalYearId,
        municipalityId: m.id,
        title: `${m.name} 伴走支援`,
        companyName: '合成事業者株式会社',
        costThousandYen: 500 + Math.floor(random() * 1500),
        source: 'import' as const,
        status: 'completed' as const,
      })),
  );
  await insertChunked(projects, (chunk) => db.insert(supportProjects).values(chunk));
  return `${format(added.length)} municipalities added (now ${format(total)}): ${format(answers)} needs answers, ${format(registrations.length)} seminar registrations, ${format(projects.length)} support projects`;
}

// ---------------------------------------------------------------------------
// The national-scale tenant (issue 15): every municipality of Japan in one prefecture.

export interface NationalSize {
  municipalities: number;
  years: number;
  answers: number;
  activities: number;
}

/** What the parts share: the tenant and the rows made so far. */
export interface NationalTenant {
  prefectureId: string;
  municipalities: { id: string; code: string; kind: string; isEvacuationArea: boolean }[];
  years: { id: string; year: number }[];
  adminUserId: string;
  townUserId: string;
  projectIds: string[];
}

export interface NationalPart {
  name: string;
  build(db: Executor, data: NationalTenant, size: NationalSize, random: () => number): Promise<string>;
}

/** The tenant: one prefecture holding the first N municipalities of Japan, 8 regions, 47 areas. */
export async function buildNationalTenant(db: Executor, size: NationalSize): Promise<NationalTenant> {
  const [prefecture] = await db
    .insert(prefectures)
    .values({ code: '99', name: '全国合成県', nameEn: 'Synthetic national prefecture' })
    .returning();
  const prefectureId = prefecture!.id;
  const { records } = parseCsvRecords(readReferenceFile('japan-municipalities.csv'));
  const regionRows = await db
    .insert(regions)
    .values(
      Array.from({ length: 8 }, (_, i) => ({
        prefectureId,
        name: `地方${i + 1}`,
        nameEn: `Region ${i + 1}`,
        sortOrder: i,
      })),
    )
    .returning();
  const prefCodes = [...new Set(records.map((r) => r.prefecture_code!))];
  const areaRows = await db
    .insert(areas)
    .values(
      prefCodes.map((code, i) => ({
        prefectureId,
        regionId: regionRows[i % regionRows.length]!.id,
        name: `地域${code}`,
        nameEn: `Area ${code}`,
        sortOrder: i,
      })),
    )
    .returning();
  const areaOf = new Map(prefCodes.map((code, i) => [code, areaRows[i]!.id]));
  const chosen = records.slice(0, size.municipalities);
  const rows = chosen.map((r) => ({
    prefectureId,
    code: r.code!,
    name: r.name!,
    nameKana: r.name!,
    nameEn: r.code!,
    kind: r.name!.endsWith('村') ? 'village' : r.name!.endsWith('町') ? 'town' : 'city',
    areaId: areaOf.get(r.prefecture_code!)!,
  }));
  const inserted: NationalTenant['municipalities'] = [];
  await insertChunked(rows, async (chunk) => {
    const back = await db.insert(municipalities).values(chunk).returning();
    inserted.push(...back.map((m) => ({ id: m.id, code: m.code, kind: m.kind, isEvacuationArea: false })));
  });
  const firstYear = 2025 - size.years;
  const years = await db
    .insert(fiscalYears)
    .values(
      Array.from({ length: size.years }, (_, i) => ({ prefectureId, year: firstYear + i, status: 'closed' })),
    )
    .returning({ id: fiscalYears.id, year: fiscalYears.year });
  const [prefOrg] = await db
    .insert(organizations)
    .values({ prefectureId, kind: 'prefecture', name: '合成県庁', nameEn: 'Synthetic office' })
    .returning();
  const [townOrg] = await db
    .insert(organizations)
    .values({
      prefectureId,
      kind: 'municipality',
      name: chosen[0]!.name!,
      nameEn: chosen[0]!.code!,
      municipalityId: inserted[0]!.id,
    })
    .returning();
  const [admin] = await db
    .insert(users)
    .values({
      prefectureId,
      organizationId: prefOrg!.id,
      email: 'bench-admin@example.jp',
      displayName: 'bench admin',
      roles: ['prefecture_admin'],
    })
    .returning();
  const [town] = await db
    .insert(users)
    .values({
      prefectureId,
      organizationId: townOrg!.id,
      email: 'bench-town@example.jp',
      displayName: 'bench town',
      roles: ['municipality_staff'],
    })
    .returning();
  return {
    prefectureId,
    municipalities: inserted,
    years: years.map((y) => ({ ...y, year: Number(y.year) })),
    adminUserId: admin!.id,
    townUserId: town!.id,
    projectIds: [],
  };
}

const supportProjectsPart: NationalPart = {
  name: 'support projects',
  async build(db, data, _size, random) {
    const rows = data.years.flatMap((fy) =>
      data.municipalities.flatMap((m) => {
        if (random() > 0.3) return [];
        const count = random() < 0.15 ? 2 : 1;
        return Array.from({ length: count }, (_, k) => ({
          prefectureId: data.prefectureId,
          fiscalYearId: fy.id,
          municipalityId: m.id,
          title: `伴走支援 ${k + 1}`,
          companyName: '合成事業者',
          costThousandYen: 500 + Math.floor(random() * 1500),
          source: 'import' as const,
          status: 'completed' as const,
        }));
      }),
    );
    await insertChunked(rows, async (chunk) => {
      const back = await db.insert(supportProjects).values(chunk).returning({ id: supportProjects.id });
      data.projectIds.push(...back.map((p) => p.id));
    });
    return `${format(rows.length)} support projects`;
  },
};

/**
 * Needs-survey answers: every municipality × year answers the year's survey, and later versions
 * of the question set (the earlier ones superseded) take the rest, until `answers` are stored.
 */
const needsAnswersPart: NationalPart = {
  name: 'needs-survey answers',
  async build(db, data, size) {
    const perRound = data.municipalities.length * data.years.length;
    const rounds = Math.ceil(size.answers / perRound);
    const surveyOf = new Map<string, string>();
    for (const fy of data.years) {
      for (let version = 0; version < rounds; version++) {
        const [row] = await db
          .insert(surveys)
          .values({
            prefectureId: data.prefectureId,
            fiscalYearId: fy.id,
            kind: 'needs',
            audience: 'municipalities',
            title: `ニーズ調査 ${fy.year} v${version + 1}`,
            titleEn: `Needs survey ${fy.year} v${version + 1}`,
            opensAt: new Date(`${fy.year}-04-08T00:00:00Z`),
            closesAt: new Date(`${fy.year}-04-26T08:00:00Z`),
            definition: needsSurveySections,
            surveyVersion: version + 1,
            supersededAt: version < rounds - 1 ? new Date(`${fy.year}-05-01T00:00:00Z`) : null,
            share: { isPublished: true, includeMunicipalityNames: false, rawAnswerKeys: [] },
          })
          .returning({ id: surveys.id });
        surveyOf.set(`${fy.year}|${version}`, row!.id);
      }
    }
    let stored = 0;
    for (let version = 0; version < rounds && stored < size.answers; version++) {
      for (const fy of data.years) {
        const rows = [];
        for (const [i, m] of data.municipalities.entries()) {
          if (stored >= size.answers) break;
          stored++;
          rows.push({
            prefectureId: data.prefectureId,
            surveyId: surveyOf.get(`${fy.year}|${version}`)!,
            respondentKey: `municipality:${m.id}`,
            municipalityId: m.id,
            status: 'submitted' as const,
            answers: demoNeedsAnswers(m, fy.year),
            submittedAt: new Date(Date.parse(`${fy.year}-04-09T00:00:00Z`) + version * 86_400_000 + i * 1000),
          });
        }
        await insertChunked(rows, (chunk) => db.insert(surveyResponses).values(chunk), 500);
      }
    }
    return `${format(stored)} needs-survey answers in ${format(surveyOf.size)} survey versions`;
  },
};

const activityTexts = [
  ['現状業務の棚卸しヒアリング', '業務フロー図の作成'],
  ['申請書の電子化方針の検討', '対象手続の優先順位付け'],
  ['職員向けDX研修（生成AIの使い方）', '研修後アンケートの集計'],
  ['RPA導入候補業務の選定', '効果試算の作成'],
  ['情報セキュリティポリシーの見直し', '改訂案の庁内協議'],
] as const;

/** The project ledger (活動記録): `activities` entries spread over the support projects. */
const activitiesPart: NationalPart = {
  name: 'project activities',
  async build(db, data, size, random) {
    if (data.projectIds.length === 0) return 'no projects to attach activities to';
    const yearOfProject = new Map<string, number>();
    for (const chunk of chunksOf(data.projectIds, 5000)) {
      const rows = await db
        .select({ id: supportProjects.id, year: fiscalYears.year })
        .from(supportProjects)
        .innerJoin(fiscalYears, eq(fiscalYears.id, supportProjects.fiscalYearId))
        .where(inArray(supportProjects.id, chunk));
      for (const r of rows) yearOfProject.set(r.id, Number(r.year));
    }
    const rows = Array.from({ length: size.activities }, (_, i) => {
      const projectId = data.projectIds[i % data.projectIds.length]!;
      const year = yearOfProject.get(projectId)!;
      // Fiscal year: April to March; activities between June and February.
      const month = 6 + Math.floor(random() * 9);
      const date = `${month > 12 ? year + 1 : year}-${String(((month - 1) % 12) + 1).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
      const [done, next] = activityTexts[Math.floor(random() * activityTexts.length)]!;
      return {
        prefectureId: data.prefectureId,
        projectId,
        date,
        mode: random() < 0.6 ? ('online' as const) : ('onsite' as const),
        minutes: 30 + Math.floor(random() * 8) * 15,
        headCount: random() < 0.2 ? 1 : 0,
        dxLeadCount: 1,
        staffCount: Math.floor(random() * 6),
        done,
        nextSteps: next,
      };
    });
    await insertChunked(rows, (chunk) => db.insert(projectActivities).values(chunk), 1000);
    return `${format(rows.length)} project activities over ${format(data.projectIds.length)} projects`;
  },
};

function chunksOf<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Every part, in order (activities need the support projects made before them). */
export const nationalParts: NationalPart[] = [supportProjectsPart, needsAnswersPart, activitiesPart];
