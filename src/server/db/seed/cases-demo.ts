import { and, asc, eq } from 'drizzle-orm';
import type { ChallengeArea } from '../../../shared/challenge-areas';
import type { CaseStatus } from '../../../shared/schemas/cases';
import type { Executor } from '../client';
import {
  caseStudies,
  fiscalYears,
  menuProposals,
  municipalities,
  organizations,
  supportProjects,
  users,
} from '../schema';

/**
 * The case library's demo: a dozen PUBLISHED case studies built from the source document's example
 * menus (「支援内容の想定事例」: 自治体DX推進計画策定支援, BPR支援, マイナポータル導入支援, and the FY2024
 * menu list: RPA, AI-OCR, 電子申請, テレワーク, ペーパーレス会議, オープンデータ, セキュリティ …), each
 * linked to the FY2024 support project of that menu when the allocation demo made one (its
 * municipality, company and cost), otherwise to a municipality of its own with the menu only.
 *
 * Every story is ILLUSTRATIVE (例示): the document gives menus and effects in general terms
 * (「全実施団体から『課題解決につながった』との趣旨の回答」), not these towns' results, so the pages
 * mark them as such. Plus two cases still in the workflow: one awaiting 西会津町's approval and one
 * company draft. Deterministic: fixed order, fixed dates in FY2024.
 */

interface Story {
  /** The FY2024 catalog menu the story is built on (menus-demo.ts). */
  menu: string;
  title: string;
  areas: ChallengeArea[];
  challenge: string;
  approach: string;
  tools: string;
  effect: string;
  /** Used when no FY2024 project of the menu exists (code of the municipality). */
  fallbackTown: string;
}

const stories: Story[] = [
  {
    menu: 'DX推進計画策定支援',
    title: '全庁で議論して自治体DX推進計画を策定',
    areas: ['dx_strategy'],
    challenge: 'DXの全体方針がなく、各課の取組がばらばらで、何から始めるべきか分からなかった。',
    approach:
      'アドバイザーが各課の聞き取りと業務棚卸しを支援し、課長級のワークショップを3回開いて重点分野と工程表を決めた。',
    tools: '業務棚卸しシート、オンラインホワイトボード',
    effect: '推進計画を策定し、重点3分野と年度ごとの目標を庁内で共有できた（例示）。',
    fallbackTown: '074233',
  },
  {
    menu: 'BPR（業務改革）伴走支援',
    title: '住民異動届の業務フローを見直し、窓口時間を短縮',
    areas: ['bpr', 'dx_strategy'],
    challenge: '転入・転出の繁忙期に窓口の待ち時間が長く、職員の残業も多かった。',
    approach: '業務フローを可視化してムダな転記や確認を洗い出し、様式の統一と事前記入の案内を導入した。',
    tools: '業務フロー図、BPMNツール',
    effect: '1件あたりの処理時間が約3割短くなり、繁忙期の残業が減った（例示）。',
    fallbackTown: '072044',
  },
  {
    menu: 'マイナポータル活用推進',
    title: 'マイナポータルのぴったりサービスで子育て手続をオンライン化',
    areas: ['online_procedures'],
    challenge: '児童手当などの申請が紙と来庁に限られ、子育て世帯の負担になっていた。',
    approach: 'マイナポータル（ぴったりサービス）の対象手続を洗い出し、申請様式と庁内の受付手順を整えた。',
    tools: 'マイナポータル（ぴったりサービス）',
    effect: '子育て関係の15手続がオンラインで申請できるようになった（例示）。',
    fallbackTown: '073679',
  },
  {
    menu: 'RPA試行導入支援',
    title: 'RPAで税務の入力作業を削減',
    areas: ['ai_rpa'],
    challenge: '申告書の内容をシステムへ手で入力する作業が、毎年繁忙期に集中していた。',
    approach: '対象業務を選び、RPAのシナリオを職員とアドバイザーが一緒に作成し、手順書を残した。',
    tools: 'RPAツール（試用ライセンス）',
    effect: '入力作業が年間約500時間減り、職員がシナリオを自分で直せるようになった（例示）。',
    fallbackTown: '074055',
  },
  {
    menu: 'AI-OCRによる紙書類のデータ化',
    title: 'AI-OCRで手書き申請書をデータ化',
    areas: ['ai_rpa', 'paperless'],
    challenge: '手書きの申請書の転記に時間がかかり、入力ミスも起きていた。',
    approach: 'AI-OCRで読み取る様式を見直し、読み取り結果をRPAでシステムへ取り込む流れを作った。',
    tools: 'AI-OCR、RPA',
    effect: '転記作業が約7割減り、入力ミスがほぼなくなった（例示）。',
    fallbackTown: '074446',
  },
  {
    menu: '電子申請フォーム作成支援',
    title: '電子申請フォームでイベント申込を受付',
    areas: ['online_procedures', 'paperless'],
    challenge: '講座やイベントの申込が電話とはがきで、集計に手間がかかっていた。',
    approach: '県と市町村で共同利用している電子申請システムでフォームを作り、職員向けの作成手順を整えた。',
    tools: '電子申請システム（県・市町村共同利用）',
    effect: '申込の8割がオンラインになり、集計作業がなくなった（例示）。',
    fallbackTown: '075213',
  },
  {
    menu: 'テレワーク環境整備支援',
    title: '災害時にも業務を続けるテレワーク環境を整備',
    areas: ['telework', 'security'],
    challenge: '庁舎に来られないと業務が止まり、感染症や災害への備えが課題だった。',
    approach: 'セキュリティを確保した接続方式を選び、試行部署で運用ルールと手順を作ってから全庁に広げた。',
    tools: 'リモートアクセス、Web会議',
    effect: '試行部署の職員が在宅でも主な業務を続けられるようになった（例示）。',
    fallbackTown: '072028',
  },
  {
    menu: 'ペーパーレス会議導入支援',
    title: 'ペーパーレス会議で資料の印刷をなくす',
    areas: ['paperless'],
    challenge: '庁議や議会の資料を毎回大量に印刷し、差し替えにも手間がかかっていた。',
    approach: 'タブレットで資料を共有する会議システムを試行し、資料の作り方と配布のルールを決めた。',
    tools: 'ペーパーレス会議システム、タブレット',
    effect: '庁議の印刷がなくなり、年間の印刷枚数が約2万枚減った（例示）。',
    fallbackTown: '074217',
  },
  {
    menu: 'データ利活用・オープンデータ推進',
    title: '施設や避難所の情報をオープンデータで公開',
    areas: ['dx_strategy', 'bpr'],
    challenge: '公開できるデータが各課のファイルに散らばり、問い合わせに個別に答えていた。',
    approach: '推奨データセットに沿って公開するデータを選び、更新の担当と手順を決めてサイトで公開した。',
    tools: 'オープンデータカタログ、表計算',
    effect: '避難所や公共施設など12種類のデータを定期的に更新して公開できるようになった（例示）。',
    fallbackTown: '075418',
  },
  {
    menu: '情報セキュリティ対策支援',
    title: '標的型メール訓練で職員のセキュリティ意識を向上',
    areas: ['security', 'it_literacy'],
    challenge: '不審なメールへの対応が職員ごとに違い、報告の手順も知られていなかった。',
    approach: '全職員向けの研修と標的型メール訓練を行い、報告の手順を一枚にまとめて配った。',
    tools: '訓練用メール配信サービス',
    effect: '2回目の訓練で開封率が半分以下になり、報告件数が増えた（例示）。',
    fallbackTown: '074471',
  },
  {
    menu: '書かない窓口の導入支援',
    title: '「書かない窓口」で申請書の記入をなくす',
    areas: ['online_procedures', 'bpr'],
    challenge: '来庁者が同じ内容を何枚もの申請書に書く必要があった。',
    approach: '窓口で職員が聞き取って入力し、必要な申請書を一度に印刷する仕組みを試行した。',
    tools: '窓口支援システム、マイナンバーカード読取',
    effect: '来庁者の記入がほぼなくなり、窓口の滞在時間が短くなった（例示）。',
    fallbackTown: '074080',
  },
  {
    menu: '行政手続きオンライン化検討',
    title: 'オンライン化する手続の優先順位を決定',
    areas: ['online_procedures'],
    challenge: '手続が多く、どこからオンライン化すべきか判断できなかった。',
    approach: '全手続の件数と来庁の負担を調べ、効果の大きい手続から順に進める計画を作った。',
    tools: '手続一覧表、件数調査',
    effect: '年間件数の多い30手続を優先してオンライン化する道筋ができた（例示）。',
    fallbackTown: '075612',
  },
];

const publishedAt = (i: number) => new Date(Date.UTC(2025, 2, 3 + i, 1, 0, 0));

export async function seedCasesDemo(tx: Executor, prefectureId: string): Promise<void> {
  const [fy2024] = await tx
    .select()
    .from(fiscalYears)
    .where(and(eq(fiscalYears.prefectureId, prefectureId), eq(fiscalYears.year, 2024)));
  if (!fy2024) return;
  const [admin] = await tx.select().from(users).where(eq(users.email, 'admin@pref.example.jp'));
  const [companyMember] = await tx
    .select()
    .from(users)
    .where(eq(users.email, 'advisor@company-a.example.jp'));
  const menus = await tx
    .select()
    .from(menuProposals)
    .where(and(eq(menuProposals.fiscalYearId, fy2024.id), eq(menuProposals.status, 'selected')));
  const menuByTitle = new Map(menus.map((m) => [m.title, m]));
  const orgs = await tx.select().from(organizations).where(eq(organizations.prefectureId, prefectureId));
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const towns = await tx
    .select({ id: municipalities.id, code: municipalities.code })
    .from(municipalities)
    .where(eq(municipalities.prefectureId, prefectureId));
  const townByCode = new Map(towns.map((t) => [t.code, t.id]));
  const codeOf = new Map(towns.map((t) => [t.id, t.code]));
  const projects = (
    await tx
      .select()
      .from(supportProjects)
      .where(and(eq(supportProjects.prefectureId, prefectureId), eq(supportProjects.fiscalYearId, fy2024.id)))
      .orderBy(asc(supportProjects.createdAt), asc(supportProjects.id))
  ).sort((a, b) => (codeOf.get(a.municipalityId) ?? '').localeCompare(codeOf.get(b.municipalityId) ?? ''));

  const usedTowns = new Set<string>();
  const usedProjects = new Set<string>();
  const rows: (typeof caseStudies.$inferInsert)[] = [];
  stories.forEach((story, i) => {
    const menu = menuByTitle.get(story.menu);
    if (!menu) throw new Error(`Demo menu missing: ${story.menu}`);
    const project = projects.find(
      (p) => p.menuProposalId === menu.id && !usedTowns.has(p.municipalityId) && !usedProjects.has(p.id),
    );
    const fallback = townByCode.get(story.fallbackTown);
    const municipalityId =
      project?.municipalityId ??
      (fallback && !usedTowns.has(fallback)
        ? fallback
        : [...towns].sort((a, b) => a.code.localeCompare(b.code)).find((t) => !usedTowns.has(t.id))?.id);
    if (!municipalityId) throw new Error(`Demo municipality missing: ${story.fallbackTown}`);
    usedTowns.add(municipalityId);
    if (project) usedProjects.add(project.id);
    rows.push({
      prefectureId,
      municipalityId,
      fiscalYearId: fy2024.id,
      menuProposalId: menu.id,
      supportProjectId: project?.id ?? null,
      organizationId: project?.organizationId ?? menu.organizationId,
      status: 'published',
      title: story.title,
      challengeAreas: story.areas,
      challenge: story.challenge,
      approach: story.approach,
      tools: story.tools,
      costThousandYen: project?.costThousandYen ?? menu.unitCostThousandYen,
      effect: story.effect,
      companyName: project?.companyName ?? orgName.get(menu.organizationId) ?? '',
      isIllustrative: true,
      submittedAt: publishedAt(i),
      municipalityApprovedAt: publishedAt(i),
      publishedAt: publishedAt(i),
      publishedBy: admin?.id ?? null,
      createdAt: publishedAt(i),
      updatedAt: publishedAt(i),
      createdBy: admin?.id ?? null,
      updatedBy: admin?.id ?? null,
    });
  });

  // Two cases still in the workflow, so each role's list has something to do.
  const inWorkflow = (
    status: CaseStatus,
    values: Pick<typeof caseStudies.$inferInsert, 'municipalityId' | 'menuProposalId' | 'organizationId'> & {
      title: string;
      createdBy: string | null;
    },
    at: Date,
  ): typeof caseStudies.$inferInsert => ({
    prefectureId,
    fiscalYearId: fy2024.id,
    supportProjectId: null,
    status,
    challengeAreas: ['it_literacy'],
    challenge: '職員のITスキルに差があり、新しいツールを使いこなせる人が限られていた。',
    approach: '全職員のITリテラシーを簡単な診断で見える化し、レベル別の研修を行った。',
    tools: 'オンライン診断、研修資料',
    costThousandYen: 900,
    effect: '研修後の診断で、基礎レベルに届かない職員の割合が下がった（例示）。',
    companyName: values.organizationId ? (orgName.get(values.organizationId) ?? '') : '',
    isIllustrative: true,
    submittedAt: status === 'draft' ? null : at,
    createdAt: at,
    updatedAt: at,
    updatedBy: values.createdBy,
    ...values,
  });
  const literacy = menuByTitle.get('職員のITリテラシー見える化･向上支援');
  const nishiaizu = townByCode.get('074055');
  if (literacy && nishiaizu) {
    rows.push(
      inWorkflow(
        'awaiting_municipality',
        {
          municipalityId: nishiaizu,
          menuProposalId: literacy.id,
          organizationId: literacy.organizationId,
          title: 'ITリテラシーの見える化で研修を効果的に',
          createdBy: admin?.id ?? null,
        },
        new Date(Date.UTC(2025, 2, 20, 1)),
      ),
    );
  }
  const ofCompany = projects.filter((p) => p.organizationId === companyMember?.organizationId);
  const companyProject = ofCompany.find((p) => !usedProjects.has(p.id)) ?? ofCompany[0];
  if (companyProject && companyMember) {
    rows.push({
      ...inWorkflow(
        'draft',
        {
          municipalityId: companyProject.municipalityId,
          menuProposalId: companyProject.menuProposalId,
          organizationId: companyProject.organizationId,
          title: `${companyProject.title}の取組（下書き）`,
          createdBy: companyMember.id,
        },
        new Date(Date.UTC(2025, 2, 24, 1)),
      ),
      supportProjectId: companyProject.id,
      costThousandYen: companyProject.costThousandYen,
      companyName: companyProject.companyName,
      isIllustrative: false,
      effect: '',
    });
  }
  await tx.insert(caseStudies).values(rows);
}
