import { eq } from 'drizzle-orm';
import { type ChallengeArea, challengeAreaLabels, challengeAreas } from '../../../shared/challenge-areas';
import type { Answers, AnswerValue, Section } from '../../../shared/schemas/surveys';
import type { Executor } from '../client';
import { fiscalYears, municipalities, surveyResponses, surveys } from '../schema';

/** The eight areas asked about in the status matrix (the organisation areas have their own questions). */
const statusAreas: ChallengeArea[] = challengeAreas.filter(
  (a) => a !== 'dx_strategy' && a !== 'digital_talent',
);

const scalePoints = [
  { value: '1', label: { ja: '1 未着手', en: '1 Not started' } },
  { value: '2', label: { ja: '2 検討中', en: '2 Considering' } },
  { value: '3', label: { ja: '3 一部で実施', en: '3 Partly in place' } },
  { value: '4', label: { ja: '4 概ね実施', en: '4 Mostly in place' } },
  { value: '5', label: { ja: '5 全庁で定着', en: '5 Established across the office' } },
];

/**
 * The needs survey (ニーズ調査) the prefecture sends every municipality, built from the source
 * document's themes. Keys are stable across years (prefill, year-over-year, needs profiles).
 */
export const needsSurveySections: Section[] = [
  {
    key: 'organisation',
    title: { ja: 'DX推進体制', en: 'DX organisation' },
    description: null,
    questions: [
      {
        key: 'cdo_appointed',
        type: 'single_choice',
        label: {
          ja: 'CDO（最高デジタル責任者）またはCIOを任命していますか',
          en: 'Have you appointed a CDO or CIO?',
        },
        help: null,
        required: true,
        options: [
          { value: 'appointed', label: { ja: '任命している', en: 'Appointed' }, score: 5 },
          { value: 'planned', label: { ja: '任命を予定・検討中', en: 'Planned or considering' }, score: 3 },
          { value: 'not_appointed', label: { ja: '任命していない', en: 'Not appointed' }, score: 1 },
        ],
        rows: [],
        showIf: null,
        maturityArea: 'dx_strategy',
      },
      {
        key: 'dx_plan',
        type: 'single_choice',
        label: { ja: 'DX推進計画・方針を策定していますか', en: 'Have you formulated a DX plan or policy?' },
        help: null,
        required: true,
        options: [
          { value: 'formulated', label: { ja: '策定済み', en: 'Formulated' }, score: 5 },
          { value: 'in_progress', label: { ja: '策定中', en: 'In progress' }, score: 3 },
          { value: 'not_started', label: { ja: '未策定', en: 'Not yet' }, score: 1 },
        ],
        rows: [],
        showIf: null,
        maturityArea: 'dx_strategy',
      },
      {
        key: 'dx_staff_count',
        type: 'number',
        label: {
          ja: 'DX推進を担当する職員数（兼務を含む）',
          en: 'Staff working on DX (including part-time roles)',
        },
        help: { ja: '人数を半角数字で入力してください。', en: 'Enter a number of people.' },
        required: true,
        options: [],
        rows: [],
        showIf: null,
        min: 0,
        max: 1000,
      },
      {
        key: 'outside_talent',
        type: 'single_choice',
        label: { ja: '外部デジタル人材を活用していますか', en: 'Do you use outside digital talent?' },
        help: null,
        required: true,
        options: [
          { value: 'using', label: { ja: '活用している', en: 'Using' }, score: 5 },
          { value: 'considering', label: { ja: '検討中', en: 'Considering' }, score: 3 },
          { value: 'not_using', label: { ja: '活用していない', en: 'Not using' }, score: 1 },
        ],
        rows: [],
        showIf: null,
        maturityArea: 'digital_talent',
      },
      {
        key: 'outside_talent_detail',
        type: 'short_text',
        label: { ja: '活用している外部人材の内容', en: 'What outside talent you use' },
        help: {
          ja: '例：地域活性化起業人、副業人材、CIO補佐官',
          en: 'E.g. regional revitalisation entrepreneurs',
        },
        required: false,
        options: [],
        rows: [],
        showIf: { questionKey: 'outside_talent', anyOf: ['using'] },
      },
    ],
  },
  {
    key: 'status',
    title: { ja: '課題分野ごとの取組状況', en: 'Status per challenge area' },
    description: null,
    questions: [
      {
        key: 'area_status',
        type: 'matrix',
        label: { ja: '各分野の取組状況を5段階でお答えください', en: 'Rate your progress in each area (1–5)' },
        help: null,
        required: true,
        options: scalePoints,
        rows: statusAreas.map((area) => ({
          value: area,
          label: challengeAreaLabels[area],
          maturityArea: area,
        })),
        showIf: null,
      },
    ],
  },
  {
    key: 'help',
    title: { ja: '支援を希望する分野', en: 'Where you want help' },
    description: null,
    questions: [
      {
        key: 'help_wanted_areas',
        type: 'multiple_choice',
        label: {
          ja: '県・協議会の支援を希望する分野（複数選択可）',
          en: 'Areas where you want support (choose any)',
        },
        help: null,
        required: true,
        options: challengeAreas.map((area) => ({ value: area, label: challengeAreaLabels[area] })),
        rows: [],
        showIf: null,
      },
    ],
  },
  {
    key: 'voices',
    title: { ja: 'ご意見・ご要望', en: 'Your voice' },
    description: null,
    questions: [
      {
        key: 'voice_challenges',
        type: 'long_text',
        label: { ja: 'DX推進にあたっての課題', en: 'Challenges in driving DX' },
        help: null,
        required: false,
        options: [],
        rows: [],
        showIf: null,
      },
      {
        key: 'voice_requests',
        type: 'long_text',
        label: { ja: '県・協議会への要望', en: 'Requests to the prefecture and council' },
        help: null,
        required: false,
        options: [],
        rows: [],
        showIf: null,
      },
    ],
  },
];

const challengeVoices: Record<ChallengeArea, string[]> = {
  dx_strategy: [
    'DX推進計画を策定したいが、何から手を付けるべきか庁内で合意ができていない。',
    '首長の理解はあるものの、全庁的な推進体制が整っておらず担当課任せになっている。',
  ],
  digital_talent: [
    'デジタルに詳しい職員が一人しかおらず、異動すると取組が止まってしまう。',
    '専門人材を採用したいが、給与水準や勤務地の面で応募がない。',
  ],
  system_standardization: [
    '基幹業務システムの標準化への移行期限が迫っており、ベンダーとの調整が追いつかない。',
    'ガバメントクラウドへの移行で運用経費が増えるのではないかと懸念している。',
  ],
  online_procedures: [
    '書かない窓口を導入したいが、窓口レイアウトや職員体制の見直しが必要で進まない。',
    'オンライン申請を始めたが利用件数が伸びず、住民への周知方法に悩んでいる。',
  ],
  ai_rpa: [
    '生成AIを業務で使ってみたいが、情報漏えいのリスクが心配でルールが作れていない。',
    'RPAを導入したが、シナリオを作れる職員が限られ活用が広がらない。',
  ],
  bpr: [
    '業務量調査をしたことがなく、どの業務を見直すべきか分からない。',
    '紙と押印を前提にした業務フローが残っており、見直しに手が回らない。',
  ],
  paperless: [
    '電子決裁を導入したが、紙の回覧も並行して残っている。',
    '会議資料のペーパーレス化を進めたいが、タブレット端末が不足している。',
  ],
  telework: [
    'テレワーク用の端末とネットワーク環境が整っておらず、災害時の業務継続が不安。',
    '窓口業務が中心のため、テレワークの対象業務を切り出せない。',
  ],
  security: [
    '情報セキュリティポリシーを改定したいが、国のガイドラインの更新に追いつけていない。',
    'セキュリティ研修を毎年行っているが、職員の意識にばらつきがある。',
  ],
  it_literacy: [
    '職員のITリテラシーに差があり、新しいツールを入れても使われない。',
    '若手職員向けの研修はあるが、管理職向けの研修機会が少ない。',
  ],
};

const requestVoices = [
  '近隣市町村と共同で研修を開催してほしい。',
  '先進事例を紹介する場を増やしてほしい。',
  'ICTアドバイザーに継続して相談できる仕組みがあるとありがたい。',
  '小規模自治体でも使える共同調達の枠組みを県で用意してほしい。',
  '',
];

const evacuationVoice =
  '避難指示解除後の住民帰還が進まず、職員も不足しており、DXに割ける人員が確保できない。';

const outsideTalentKinds = ['地域活性化起業人', 'デジタル専門人材（副業）', 'CIO補佐官（外部委託）'];

/** Small deterministic PRNG (mulberry32) seeded from a string. */
function prng(seed: string): () => number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const areaBias: Partial<Record<ChallengeArea, number>> = {
  security: 0.8,
  system_standardization: 0.5,
  it_literacy: 0.1,
  paperless: -0.2,
  telework: -0.4,
  bpr: -0.4,
  ai_rpa: -0.6,
};

interface DemoMunicipality {
  id: string;
  code: string;
  kind: string;
  isEvacuationArea: boolean;
}

/**
 * Plausible answers of one municipality: cities further along than towns, towns than villages,
 * the evacuation-area towns struggling; the year before a little behind. Deterministic.
 */
export function demoNeedsAnswers(m: DemoMunicipality, year: number): Answers {
  const rand = prng(`${m.code}:${year}`);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const base =
    (m.kind === 'city' ? 3.2 : m.kind === 'town' ? 2.3 : 1.8) -
    (m.isEvacuationArea ? 0.7 : 0) -
    (year < 2024 ? 0.4 : 0) +
    // A municipality's own stance, the same in every year.
    (prng(m.code)() - 0.5) * 0.8;
  const clamp = (n: number) => Math.max(1, Math.min(5, Math.round(n)));
  const levels = new Map<ChallengeArea, number>();
  for (const area of statusAreas)
    levels.set(area, clamp(base + (areaBias[area] ?? 0) + (rand() - 0.5) * 1.4));
  const choice3 = (score: number, values: [string, string, string]) =>
    score >= 3.4 ? values[0] : score >= 2.2 ? values[1] : values[2];
  const orgScore = base + (rand() - 0.5) * 1.2;
  const talentScore = base - 0.3 + (rand() - 0.5) * 1.4;
  const outside = choice3(talentScore, ['using', 'considering', 'not_using']);
  const staffRange = m.kind === 'city' ? [3, 12] : m.kind === 'town' ? [1, 4] : [0, 2];
  const staff = staffRange[0]! + Math.floor(rand() * (staffRange[1]! - staffRange[0]! + 1));

  const weakest = [...levels.entries()].sort((a, b) => a[1] - b[1] || rand() - 0.5).map(([a]) => a);
  const help: ChallengeArea[] = weakest.slice(0, 2 + Math.floor(rand() * 2));
  if (talentScore < 2.6) help.unshift('digital_talent');
  if (orgScore < 2.2) help.push('dx_strategy');

  const answers: Record<string, AnswerValue> = {
    cdo_appointed: choice3(orgScore + 0.3, ['appointed', 'planned', 'not_appointed']),
    dx_plan: choice3(orgScore, ['formulated', 'in_progress', 'not_started']),
    dx_staff_count: String(staff),
    outside_talent: outside,
    area_status: Object.fromEntries([...levels].map(([a, l]) => [a, String(l)])),
    help_wanted_areas: help,
  };
  if (outside === 'using') answers.outside_talent_detail = pick(outsideTalentKinds);
  const voice = m.isEvacuationArea && rand() < 0.7 ? evacuationVoice : pick(challengeVoices[help[0]!]);
  if (rand() < 0.9) answers.voice_challenges = voice;
  const request = pick(requestVoices);
  if (request) answers.voice_requests = request;
  return answers;
}

/** FY2023 and FY2024 needs surveys, answered and submitted by all 59 municipalities. */
export async function seedSurveysDemo(tx: Executor, prefectureId: string): Promise<void> {
  const towns = await tx
    .select({
      id: municipalities.id,
      code: municipalities.code,
      kind: municipalities.kind,
      isEvacuationArea: municipalities.isEvacuationArea,
    })
    .from(municipalities)
    .where(eq(municipalities.prefectureId, prefectureId))
    .orderBy(municipalities.code);
  const years = await tx
    .select({ id: fiscalYears.id, year: fiscalYears.year })
    .from(fiscalYears)
    .where(eq(fiscalYears.prefectureId, prefectureId));
  for (const year of [2023, 2024]) {
    const fy = years.find((y) => y.year === year);
    if (!fy) continue;
    const reiwa = year - 2018;
    const [survey] = await tx
      .insert(surveys)
      .values({
        prefectureId,
        fiscalYearId: fy.id,
        kind: 'needs',
        audience: 'municipalities',
        title: `令和${reiwa}年度 市町村DX推進ニーズ調査`,
        titleEn: `FY${year} municipal DX needs survey`,
        // The survey phase of the advisor-dispatch program: 4/8 to 4/26 17:00 JST.
        opensAt: new Date(`${year}-04-08T09:00:00+09:00`),
        closesAt: new Date(`${year}-04-26T17:00:00+09:00`),
        definition: needsSurveySections,
        share:
          year === 2024
            ? { isPublished: true, includeMunicipalityNames: false, rawAnswerKeys: [] }
            : { isPublished: false, includeMunicipalityNames: false, rawAnswerKeys: [] },
      })
      .returning({ id: surveys.id });
    const rows = towns.map((m, i) => ({
      prefectureId,
      surveyId: survey!.id,
      respondentKey: `municipality:${m.id}`,
      municipalityId: m.id,
      status: 'submitted' as const,
      answers: demoNeedsAnswers(m, year),
      // Spread over the window, a few each working day.
      submittedAt: new Date(Date.parse(`${year}-04-09T01:00:00Z`) + (i % 17) * 86_400_000 + i * 60_000),
    }));
    await tx.insert(surveyResponses).values(rows);
  }
}
