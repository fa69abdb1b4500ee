import { and, eq, inArray } from 'drizzle-orm';
import type { ChallengeArea } from '../../../shared/challenge-areas';
import type { MenuFormat, RubricCriterion } from '../../../shared/schemas/menus';
import type { Executor } from '../client';
import {
  advisorProfiles,
  fiscalYears,
  menuProposals,
  menuReviews,
  menuSettings,
  organizations,
  regions,
  users,
} from '../schema';

/**
 * Support menus of FY2024 (令和6年度): the council's member companies (the two demo companies and
 * ten more), one advisor each with a profile, a second reviewer account, the rubric, exactly 34
 * selected menus (the document's "令和6年度支援メニュー 34項目") and 6 rejected proposals, each
 * scored by two reviewers. Deterministic (seeded PRNG), multi-row inserts.
 */

export const demoRubric: RubricCriterion[] = [
  { key: 'need', label: '市町村ニーズとの合致', labelEn: 'Fit to municipal needs', weight: 30 },
  { key: 'effectiveness', label: '期待される効果', labelEn: 'Expected effect', weight: 30 },
  { key: 'feasibility', label: '実現可能性', labelEn: 'Feasibility', weight: 20 },
  { key: 'cost', label: '費用の妥当性', labelEn: 'Cost', weight: 20 },
];

const newCompanies: { name: string; nameEn: string; domain: string; advisor: string }[] = [
  {
    name: '会津デジタルラボ株式会社',
    nameEn: 'Aizu Digital Lab Co., Ltd.',
    domain: 'aizu-dlab',
    advisor: '会津 太郎',
  },
  {
    name: 'ふくしまクラウドサービス株式会社',
    nameEn: 'Fukushima Cloud Services',
    domain: 'f-cloud',
    advisor: '阿部 花子',
  },
  {
    name: '株式会社いわきITパートナーズ',
    nameEn: 'Iwaki IT Partners',
    domain: 'iwaki-itp',
    advisor: '佐藤 健一',
  },
  {
    name: '東北行政DX研究所株式会社',
    nameEn: 'Tohoku Gov DX Institute',
    domain: 'tohoku-gdx',
    advisor: '鈴木 美穂',
  },
  {
    name: '株式会社ネクストガバメント',
    nameEn: 'Next Government Inc.',
    domain: 'nextgov',
    advisor: '高橋 誠',
  },
  {
    name: 'あさかシステム開発株式会社',
    nameEn: 'Asaka System Development',
    domain: 'asaka-sys',
    advisor: '田中 由紀',
  },
  {
    name: '株式会社セキュアネット東北',
    nameEn: 'SecureNet Tohoku',
    domain: 'securenet-t',
    advisor: '渡辺 翔',
  },
  {
    name: 'みらい業務改革コンサルティング株式会社',
    nameEn: 'Mirai BPR Consulting',
    domain: 'mirai-bpr',
    advisor: '伊藤 真理',
  },
  {
    name: '浜通りスマートシティ株式会社',
    nameEn: 'Hamadori Smart City',
    domain: 'hama-smart',
    advisor: '山本 大輔',
  },
  {
    name: '株式会社デジタル人材アカデミー',
    nameEn: 'Digital Talent Academy',
    domain: 'dt-academy',
    advisor: '中村 彩',
  },
];

type MenuSeed = [title: string, areas: ChallengeArea[], format: MenuFormat, cost: number, region?: string];

/** The 34 selected menus, after the document's list. Cost in 千円 per engagement. */
export const selectedMenus: MenuSeed[] = [
  ['自治体DX研修の開催', ['digital_talent', 'it_literacy'], 'onsite', 800],
  ['管理職向けDX研修', ['dx_strategy', 'digital_talent'], 'hybrid', 900],
  ['デジタル人材育成支援', ['digital_talent'], 'hybrid', 1_500],
  ['DX推進リーダー育成プログラム', ['digital_talent', 'dx_strategy'], 'online', 1_200],
  ['情報システムの標準化・共通化推進', ['system_standardization'], 'hybrid', 2_000],
  ['標準準拠システム移行計画の策定支援', ['system_standardization', 'dx_strategy'], 'onsite', 2_400],
  ['ガバメントクラウド移行相談', ['system_standardization'], 'online', 1_000],
  ['行政手続きオンライン化検討', ['online_procedures'], 'hybrid', 1_500],
  ['書かない窓口の導入支援', ['online_procedures', 'bpr'], 'onsite', 2_200],
  ['マイナポータル活用推進', ['online_procedures'], 'online', 900],
  ['電子申請フォーム作成支援', ['online_procedures', 'paperless'], 'online', 700],
  ['業務の見える化、課題分析', ['bpr'], 'onsite', 1_800],
  ['BPR（業務改革）伴走支援', ['bpr', 'dx_strategy'], 'onsite', 2_500],
  ['業務量調査と改善提案', ['bpr'], 'hybrid', 1_600],
  ['業務効率化ツールによるDX推進支援', ['ai_rpa', 'paperless'], 'hybrid', 1_400],
  ['RPA試行導入支援', ['ai_rpa'], 'hybrid', 1_700],
  ['生成AI活用ガイドライン策定支援', ['ai_rpa', 'security'], 'online', 1_100],
  ['AI-OCRによる紙書類のデータ化', ['ai_rpa', 'paperless'], 'onsite', 1_900],
  ['チャットボット導入支援', ['ai_rpa', 'online_procedures'], 'online', 1_300],
  ['職員のITリテラシー見える化･向上支援', ['it_literacy'], 'hybrid', 900],
  ['ITリテラシー向上研修（基礎編）', ['it_literacy'], 'onsite', 600, '会津'],
  ['ITリテラシー向上研修（実践編）', ['it_literacy', 'ai_rpa'], 'onsite', 700, '浜通り'],
  ['情報セキュリティポリシー見直し支援', ['security'], 'hybrid', 1_200],
  ['情報セキュリティ対策支援', ['security'], 'onsite', 1_500],
  ['標的型メール訓練とインシデント対応演習', ['security', 'it_literacy'], 'online', 800],
  ['ICT相談窓口（随時相談）', ['dx_strategy', 'it_literacy'], 'online', 500],
  ['DX推進計画策定支援', ['dx_strategy'], 'hybrid', 2_000],
  ['DX推進体制づくり支援', ['dx_strategy', 'digital_talent'], 'onsite', 1_600, '会津'],
  ['ペーパーレス会議導入支援', ['paperless'], 'hybrid', 1_000],
  ['電子決裁・文書管理の導入支援', ['paperless', 'bpr'], 'onsite', 2_100],
  ['テレワーク環境整備支援', ['telework', 'security'], 'hybrid', 1_400],
  ['オンライン会議活用支援', ['telework', 'it_literacy'], 'online', 500],
  ['キャッシュレス決済導入支援', ['online_procedures'], 'onsite', 1_200, '中通り'],
  ['データ利活用・オープンデータ推進', ['dx_strategy', 'bpr'], 'online', 1_100],
];

const rejectedMenus: MenuSeed[] = [
  ['全庁システム一括刷新コンサルティング', ['system_standardization'], 'onsite', 9_800],
  ['メタバース窓口実証', ['online_procedures'], 'online', 4_500],
  ['ドローン活用講習', ['it_literacy'], 'onsite', 2_800, '浜通り'],
  ['SNS広報代行', ['online_procedures'], 'online', 3_000],
  ['独自アプリ開発支援', ['ai_rpa'], 'hybrid', 7_500],
  ['汎用IT相談（電話のみ）', ['it_literacy'], 'online', 300],
];

/** mulberry32: a small seeded PRNG so the demo is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const formatHours: Record<MenuFormat, [number, number]> = {
  onsite: [24, 6],
  online: [16, 0],
  hybrid: [20, 3],
};

export async function seedMenusDemo(tx: Executor, prefectureId: string, passwordHash: string): Promise<void> {
  const random = prng(20240401);
  const [fy] = await tx
    .select({ id: fiscalYears.id })
    .from(fiscalYears)
    .where(and(eq(fiscalYears.prefectureId, prefectureId), eq(fiscalYears.year, 2024)));
  if (!fy) return;
  const regionRows = await tx
    .select({ id: regions.id, name: regions.name })
    .from(regions)
    .where(eq(regions.prefectureId, prefectureId));
  const regionId = new Map(regionRows.map((r) => [r.name, r.id]));

  const existing = await tx
    .select({ id: users.id, email: users.email, organizationId: users.organizationId })
    .from(users)
    .where(
      inArray(users.email, [
        'advisor@company-a.example.jp',
        'advisor@company-b.example.jp',
        'reviewer@pref.example.jp',
      ]),
    );
  const byEmail = new Map(existing.map((u) => [u.email, u]));
  const reviewer1 = byEmail.get('reviewer@pref.example.jp')!;

  const orgs = await tx
    .insert(organizations)
    .values(newCompanies.map((c) => ({ prefectureId, kind: 'company', name: c.name, nameEn: c.nameEn })))
    .returning({ id: organizations.id });
  const newUsers = await tx
    .insert(users)
    .values([
      ...newCompanies.map((c, i) => ({
        prefectureId,
        organizationId: orgs[i]!.id,
        email: `advisor@${c.domain}.example.jp`,
        displayName: c.advisor,
        roles: ['company_member'],
        passwordHash,
        passwordChangedAt: new Date('2024-04-01T00:00:00Z'),
      })),
      {
        prefectureId,
        organizationId: reviewer1.organizationId,
        email: 'reviewer2@pref.example.jp',
        displayName: '審査員 二郎（デモ）',
        roles: ['reviewer'],
        passwordHash,
        passwordChangedAt: new Date('2024-04-01T00:00:00Z'),
      },
    ])
    .returning({ id: users.id, organizationId: users.organizationId });
  const reviewer2 = newUsers[newUsers.length - 1]!;
  const advisors = [
    byEmail.get('advisor@company-a.example.jp')!,
    byEmail.get('advisor@company-b.example.jp')!,
    ...newUsers.slice(0, -1),
  ];

  const skillPool = [
    'RPA導入',
    'BPR',
    '情報セキュリティ',
    '研修講師',
    '標準化移行',
    '電子申請',
    'データ分析',
    'PM',
  ];
  const qualificationPool = [
    '情報処理安全確保支援士',
    'ITストラテジスト',
    'プロジェクトマネージャ',
    '中小企業診断士',
    'ITコーディネータ',
  ];
  await tx.insert(advisorProfiles).values(
    advisors.map((a, i) => ({
      prefectureId,
      userId: a.id,
      skills: [skillPool[i % skillPool.length]!, skillPool[(i + 3) % skillPool.length]!],
      qualifications: [qualificationPool[i % qualificationPool.length]!],
      pastProjects: [`県内${2 + (i % 5)}市町村でのDX支援（令和5年度）`],
      bio: '自治体の業務改革とシステム導入の支援に携わってきました。',
    })),
  );

  await tx.insert(menuSettings).values({
    prefectureId,
    fiscalYearId: fy.id,
    criteria: demoRubric,
    // The proposal phase's deadline (demo.ts): 2024-05-24 17:00 JST.
    proposalDeadlineAt: new Date('2024-05-24T08:00:00Z'),
  });

  const seeds = [
    ...selectedMenus.map((m) => ({ m, selected: true })),
    ...rejectedMenus.map((m) => ({ m, selected: false })),
  ];
  const proposals = await tx
    .insert(menuProposals)
    .values(
      seeds.map(({ m: [title, areas, format, cost, region], selected }, i) => {
        const advisor = advisors[i % advisors.length]!;
        const [hours, days] = formatHours[format];
        return {
          prefectureId,
          fiscalYearId: fy.id,
          organizationId: advisor.organizationId,
          title,
          challengeAreas: areas,
          description: `${title}を、市町村の状況に合わせて伴走型で実施します。`,
          deliverables: '現状分析の報告書、実施計画、職員向け資料',
          format,
          capacity: 1 + Math.floor(random() * 4),
          unitCostThousandYen: cost,
          plannedHours: hours,
          onsiteDays: days,
          regionIds: region ? [regionId.get(region)!] : [],
          advisorUserIds: [advisor.id],
          status: selected ? ('selected' as const) : ('not_selected' as const),
          decision: selected ? ('selected' as const) : ('not_selected' as const),
          decisionReason: selected
            ? ''
            : '市町村ニーズとの合致度と費用の妥当性の評価が採択水準に達しませんでした。',
          // Inside the proposal phase (5/7–5/24), decided at the end of the review phase
          // (5/27–6/7), after both reviews and before the call opens on 6/10.
          submittedAt: new Date(Date.UTC(2024, 4, 7 + (i % 10), 3, 0)),
          decidedAt: new Date('2024-06-07T06:00:00Z'),
        };
      }),
    )
    .returning({ id: menuProposals.id });

  const score = (selected: boolean) =>
    selected ? 3 + Math.floor(random() * 3) : 1 + Math.floor(random() * 3);
  await tx.insert(menuReviews).values(
    proposals.flatMap((p, i) =>
      [reviewer1, reviewer2].map((r) => {
        const selected = seeds[i]!.selected;
        return {
          prefectureId,
          proposalId: p.id,
          reviewerUserId: r.id,
          status: 'submitted' as const,
          scores: Object.fromEntries(demoRubric.map((c) => [c.key, score(selected)])),
          comment: selected ? '市町村のニーズに合致しており、効果が期待できる。' : '費用対効果に課題がある。',
          submittedAt: new Date('2024-06-03T06:00:00Z'),
        };
      }),
    ),
  );
}
