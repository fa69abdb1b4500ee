import { seedApplicationsDemo } from './applications-demo';
import { seedCasesDemo } from './cases-demo';
import { seedProjectsDemo } from './projects-demo';
import { demoSeminarPlan, seedSeminarsDemo } from './seminars-demo';
import { eq } from 'drizzle-orm';
import { adjustToBusinessDay } from '../../../shared/deadlines';
import { hashPassword } from '../../platform/auth/password';
import { parseCsvRecords } from '../../platform/csv';
import { applyMunicipalityList } from '../../features/municipalities/municipalities.service';
import { parseMunicipalityList } from '../../features/municipalities/municipality-list';
import type { Database, Executor } from '../client';
import {
  areas,
  fiscalYears,
  municipalities,
  organizations,
  prefectures,
  programPhases,
  programs,
  regions,
  users,
} from '../schema';
import { type DemoOrganizationKey, demoAccounts, demoAdminTotpSecret, demoPassword } from './demo-accounts';
import { seedMenusDemo } from './menus-demo';
import { presentDemoYearOf, seedPresentYearDemo } from './present-demo';
import { readReferenceFile } from './reference-data';
import { seedSurveysDemo } from './surveys-demo';

const regionNamesEn: Record<string, string> = { 中通り: 'Nakadori', 会津: 'Aizu', 浜通り: 'Hamadori' };
const areaNamesEn: Record<string, string> = {
  県北: 'Kenpoku',
  県中: 'Kenchu',
  県南: 'Kennan',
  会津: 'Aizu',
  南会津: 'Minamiaizu',
  相双: 'Soso',
  いわき: 'Iwaki',
};

export async function isDatabaseEmpty(db: Executor): Promise<boolean> {
  const rows = await db.select({ id: prefectures.id }).from(prefectures).limit(1);
  return rows.length === 0;
}

/**
 * Fukushima Prefecture with its 59 municipalities (from data/reference), the
 * prefecture's divisions, the council, two demo companies, one account per
 * role and the fiscal years FY2022–FY2024 with the figures of the source
 * document, then the fiscal year of `now` as the year in progress
 * (present-demo.ts: illustrative, every date counted from `now`). `now` is
 * the seed's only clock: the server passes the time of its first start, the
 * test template a fixed moment. Runs in one transaction: a half-seeded
 * database never exists.
 */
export async function seedDemo(db: Database, { now }: { now: Date }): Promise<void> {
  const passwordHash = await hashPassword(demoPassword);
  await db.transaction(async (tx) => {
    // A second process starting at the same moment waits on this insert, then finds
    // the prefecture already there and leaves the seeding to the first one.
    const [prefecture] = await tx
      .insert(prefectures)
      .values({ code: '07', name: '福島県', nameEn: 'Fukushima Prefecture' })
      .onConflictDoNothing({ target: prefectures.code })
      .returning();
    if (!prefecture) return;

    const { headers, records } = parseCsvRecords(readReferenceFile('fukushima-municipalities.csv'));
    const parsed = parseMunicipalityList(headers, records, prefecture.code);
    if (parsed.errors.length > 0 || parsed.missingHeaders.length > 0) {
      throw new Error(`Reference municipality list is invalid: ${JSON.stringify(parsed.errors.slice(0, 3))}`);
    }
    await applyMunicipalityList(tx, prefecture.id, parsed.rows, null, now);
    for (const [name, nameEn] of Object.entries(regionNamesEn)) {
      await tx.update(regions).set({ nameEn }).where(eq(regions.name, name));
    }
    for (const [name, nameEn] of Object.entries(areaNamesEn)) {
      await tx.update(areas).set({ nameEn }).where(eq(areas.name, name));
    }

    const insertOrg = async (values: Omit<typeof organizations.$inferInsert, 'prefectureId'>) => {
      const [org] = await tx
        .insert(organizations)
        .values({ prefectureId: prefecture.id, ...values })
        .returning();
      return org!.id;
    };
    const municipalOrg = async (code: string) => {
      const [row] = await tx
        .select({ id: organizations.id })
        .from(organizations)
        .innerJoin(municipalities, eq(municipalities.id, organizations.municipalityId))
        .where(eq(municipalities.code, code));
      return row!.id;
    };
    const orgIds: Record<DemoOrganizationKey, string> = {
      dxDivision: await insertOrg({
        kind: 'prefecture',
        name: '福島県 企画調整部 デジタル変革課',
        nameEn: 'Digital Transformation Division',
      }),
      municipalAffairsDivision: await insertOrg({
        kind: 'prefecture',
        name: '福島県 総務部 市町村行政課',
        nameEn: 'Municipal Affairs Division',
      }),
      council: await insertOrg({
        kind: 'council',
        name: 'ICT利活用推進協議会 事務局（デモ）',
        nameEn: 'ICT Council Secretariat (demo)',
      }),
      companyA: await insertOrg({
        kind: 'company',
        name: 'デモ情報システム株式会社',
        nameEn: 'Demo Information Systems Co., Ltd.',
      }),
      companyB: await insertOrg({
        kind: 'company',
        name: 'サンプルDXソリューションズ株式会社',
        nameEn: 'Sample DX Solutions Inc.',
      }),
      nishiaizu: await municipalOrg('074055'),
      koriyama: await municipalOrg('072036'),
    };

    for (const account of demoAccounts) {
      const isAdmin = account.roles.includes('prefecture_admin');
      await tx.insert(users).values({
        prefectureId: prefecture.id,
        organizationId: orgIds[account.organization],
        email: account.email,
        displayName: account.displayName,
        roles: account.roles,
        passwordHash,
        passwordChangedAt: now,
        totpSecret: isAdmin ? demoAdminTotpSecret : null,
        totpEnabled: isAdmin,
      });
    }

    // FY2024 stays the active year only while the clock is still in the document's years.
    await seedDemoFiscalYears(tx, prefecture.id, presentDemoYearOf(now) === null);
    await seedMenusDemo(tx, prefecture.id, passwordHash);
    await seedApplicationsDemo(tx, prefecture.id);
    await seedProjectsDemo(tx, prefecture.id);
    await seedCasesDemo(tx, prefecture.id);
    await seedSurveysDemo(tx, prefecture.id);
    await seedSeminarsDemo(tx, prefecture.id);
    await seedPresentYearDemo(tx, prefecture.id, now);
  });
}

interface DemoProgram {
  kind: 'advisor_dispatch' | 'seminar_series';
  name: string;
  nameEn: string;
  description: string;
  budgetThousandYen: number | null;
  phases: { kind: string; startsOn: string; endsOn: string; deadline?: string; note?: string }[];
}

/** Figures from the source document (令和6年3月, デジタル変革課); unknown budgets stay null. */
function demoProgramsOf(year: number): DemoProgram[] {
  const next = year + 1;
  const dispatchNotes: Record<number, string> = {
    2022: '19市町村を支援',
    2023: '20市町村を支援',
    2024: '41市町村・45事業を予定（過去2年間に支援を受けていない市町村を優先）',
  };
  const dispatchBudgets: Record<number, number | null> = { 2022: null, 2023: 30_947, 2024: 69_545 };
  return [
    {
      kind: 'advisor_dispatch',
      name: 'ICTアドバイザー市町村派遣事業',
      nameEn: 'ICT Advisor Dispatch to Municipalities',
      description: `産学官の協議会からICTアドバイザーを派遣し、市町村の課題解決を伴走支援する。${dispatchNotes[year] ?? ''}`,
      budgetThousandYen: dispatchBudgets[year] ?? null,
      phases: [
        {
          kind: 'survey',
          startsOn: `${year}-04-08`,
          endsOn: `${year}-04-26`,
          deadline: `${year}-04-26T17:00`,
        },
        {
          kind: 'proposals',
          startsOn: `${year}-05-07`,
          endsOn: `${year}-05-24`,
          deadline: `${year}-05-24T17:00`,
        },
        { kind: 'review', startsOn: `${year}-05-27`, endsOn: `${year}-06-07` },
        { kind: 'call', startsOn: `${year}-06-10`, endsOn: `${year}-06-21`, deadline: `${year}-06-21T15:00` },
        {
          kind: 'delivery',
          startsOn: `${year}-07-01`,
          endsOn: `${next}-02-28`,
          note: '協議会総会後の7月から支援開始',
        },
        {
          kind: 'evaluation',
          startsOn: `${next}-03-03`,
          endsOn: `${next}-03-21`,
          // Pulled forward to a business day, as the office does (FY2022's 3/19 was a Sunday).
          deadline: `${adjustToBusinessDay(`${next}-03-19`)}T17:00`,
        },
      ],
    },
    {
      kind: 'seminar_series',
      name: '市町村DX推進トップセミナー事業',
      nameEn: 'Municipal DX Top Seminars',
      description:
        '首長・副首長向け1回、職員向け3回（会津・中通り・浜通り）のウェビナー。見逃し配信（限定アーカイブ）あり。',
      // The series' own cost (the table on the seminars page), for every year alike.
      budgetThousandYen: demoSeminarPlan.costPerSessionThousandYen * demoSeminarPlan.sessionCount,
      phases: [{ kind: 'seminars', startsOn: `${year}-08-01`, endsOn: `${next}-01-31` }],
    },
  ];
}

async function seedDemoFiscalYears(
  tx: Executor,
  prefectureId: string,
  isFy2024Active: boolean,
): Promise<void> {
  for (const year of [2022, 2023, 2024]) {
    const [fy] = await tx
      .insert(fiscalYears)
      .values({ prefectureId, year, status: year === 2024 && isFy2024Active ? 'active' : 'closed' })
      .returning();
    for (const program of demoProgramsOf(year)) {
      const [row] = await tx
        .insert(programs)
        .values({
          prefectureId,
          fiscalYearId: fy!.id,
          kind: program.kind,
          name: program.name,
          nameEn: program.nameEn,
          description: program.description,
          budgetThousandYen: program.budgetThousandYen,
        })
        .returning();
      for (const phase of program.phases) {
        await tx.insert(programPhases).values({
          prefectureId,
          programId: row!.id,
          kind: phase.kind,
          startsOn: phase.startsOn,
          endsOn: phase.endsOn,
          // Deadlines are JST wall-clock times.
          deadlineAt: phase.deadline ? new Date(`${phase.deadline}:00+09:00`) : null,
          note: phase.note ?? '',
        });
      }
    }
  }
}
