import { and, eq, inArray } from 'drizzle-orm';
import { type ChallengeArea, challengeAreaLabels, challengeAreas } from '../../../shared/challenge-areas';
import { toJstDateTimeString } from '../../../shared/fiscal-year';
import type {
  Answers,
  AnswerValue,
  Crosstab,
  Question,
  Section,
  ShareConfig,
  SharedView,
} from '../../../shared/schemas/surveys';
import {
  areas,
  municipalities,
  organizations,
  regions,
  surveyResponses,
  surveys,
  users,
} from '../../db/schema';
import { groupVoices } from '../../domain/voices';
import { recordAudit } from '../../platform/audit';
import type { Actor, RequestContext } from '../../platform/context';
import { toCsv } from '../../platform/csv';
import type { ServiceDeps } from '../../platform/deps';
import { AppError, assertAllowed } from '../../platform/errors';
import { updateVersioned, withCurrentOnConflict } from '../../platform/locking';
import { enqueueMail } from '../../platform/mail/outbox';
import { type SheetSpec, writeWorkbook } from '../../platform/spreadsheet';
import { allQuestions, visibleQuestionKeys } from './answers';
import { surveysPolicy as policy } from './surveys.policy';
import { HELP_WANTED_KEY, type SurveysService } from './surveys.service';

const kindLabels: Record<string, { ja: string; en: string }> = {
  city: { ja: '市', en: 'City' },
  town: { ja: '町', en: 'Town' },
  village: { ja: '村', en: 'Village' },
  ward: { ja: '区', en: 'Ward' },
};

/** Population bands; population is mostly not registered yet, which is said plainly as "unknown". */
export function populationBand(population: number | null): {
  value: string;
  label: { ja: string; en: string };
} {
  if (population === null)
    return { value: 'unknown', label: { ja: '人口未登録', en: 'Population not registered' } };
  if (population < 10_000) return { value: 'under_10k', label: { ja: '1万人未満', en: 'Under 10,000' } };
  if (population < 50_000) return { value: '10k_50k', label: { ja: '1万〜5万人', en: '10,000–50,000' } };
  if (population < 100_000) return { value: '50k_100k', label: { ja: '5万〜10万人', en: '50,000–100,000' } };
  return { value: '100k_plus', label: { ja: '10万人以上', en: '100,000 and more' } };
}

export const NOT_APPLICABLE = '該当なし';

/** The cell text of one answer in exports: option labels (ja), lists joined by 、. */
export function answerText(q: Question, value: AnswerValue | undefined, row?: string): string {
  if (value === undefined) return '';
  const label = (v: string) => q.options.find((o) => o.value === v)?.label.ja ?? v;
  if (q.type === 'matrix') {
    if (typeof value !== 'object' || Array.isArray(value) || !row) return '';
    return value[row] ? label(value[row]!) : '';
  }
  if (Array.isArray(value)) return value.map(label).join('、');
  if (typeof value !== 'string') return '';
  return q.type === 'single_choice' || q.type === 'scale' ? label(value) : value;
}

function requireActor(ctx: RequestContext): Actor {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED');
  return ctx.actor;
}

export function createSurveysExports(deps: ServiceDeps, service: SurveysService) {
  const { db } = deps;

  async function loadForResults(ctx: RequestContext, id: string) {
    const actor = requireActor(ctx);
    const [survey] = await db
      .select()
      .from(surveys)
      .where(and(eq(surveys.prefectureId, actor.prefectureId), eq(surveys.id, id)));
    if (!survey) throw new AppError('NOT_FOUND');
    assertAllowed(policy.canReadResults(actor, survey.prefectureId));
    return { actor, survey, sections: survey.definition as Section[] };
  }

  /** Submitted responses with the municipality's code, name, kind, area, region and population. */
  async function submittedWithPlace(surveyId: string) {
    return db
      .select({
        answers: surveyResponses.answers,
        submittedAt: surveyResponses.submittedAt,
        proxiedBy: surveyResponses.proxiedBy,
        municipalityId: municipalities.id,
        code: municipalities.code,
        name: municipalities.name,
        kind: municipalities.kind,
        population: municipalities.population,
        areaName: areas.name,
        areaNameEn: areas.nameEn,
        regionName: regions.name,
        regionNameEn: regions.nameEn,
      })
      .from(surveyResponses)
      .innerJoin(municipalities, eq(municipalities.id, surveyResponses.municipalityId))
      .innerJoin(areas, eq(areas.id, municipalities.areaId))
      .innerJoin(regions, eq(regions.id, areas.regionId))
      .where(and(eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.status, 'submitted')))
      .orderBy(municipalities.code);
  }

  /** Raw answers as rows: one column per question (matrix: per row); hidden questions read 該当なし. */
  function rawTable(sections: Section[], rows: Awaited<ReturnType<typeof submittedWithPlace>>) {
    const columns: { header: string; key: string; width?: number }[] = [
      { header: '市町村コード', key: 'code', width: 12 },
      { header: '市町村名', key: 'name', width: 14 },
      { header: '提出日時（日本時間）', key: 'submittedAt', width: 20 },
      { header: '代理入力', key: 'proxied', width: 10 },
    ];
    const cells: { key: string; q: Question; row?: string }[] = [];
    for (const q of allQuestions(sections)) {
      if (q.type === 'matrix') {
        for (const r of q.rows) {
          const key = `${q.key}.${r.value}`;
          columns.push({ header: `${q.label.ja}：${r.label.ja}`, key, width: 18 });
          cells.push({ key, q, row: r.value });
        }
      } else {
        columns.push({ header: q.label.ja, key: q.key, width: q.type === 'long_text' ? 40 : 18 });
        cells.push({ key: q.key, q });
      }
    }
    const data = rows.map((r) => {
      const answers = r.answers as Answers;
      const visible = visibleQuestionKeys(sections, answers);
      const out: Record<string, string> = {
        code: r.code,
        name: r.name,
        submittedAt: r.submittedAt ? toJstDateTimeString(r.submittedAt) : '',
        proxied: r.proxiedBy ? 'あり' : '',
      };
      for (const c of cells) {
        out[c.key] = visible.has(c.q.key) ? answerText(c.q, answers[c.q.key], c.row) : NOT_APPLICABLE;
      }
      return out;
    });
    return { columns, data };
  }

  return {
    async crosstab(
      ctx: RequestContext,
      id: string,
      query: { questionKey: string; by: Crosstab['dimension'] },
    ): Promise<Crosstab> {
      const { sections } = await loadForResults(ctx, id);
      const q = allQuestions(sections).find((x) => x.key === query.questionKey);
      if (!q || !['single_choice', 'multiple_choice', 'scale'].includes(q.type)) {
        throw new AppError('VALIDATION_FAILED', {
          fields: [
            {
              path: ['questionKey'],
              code: 'custom',
              ja: 'クロス集計できる選択式の設問を指定してください。',
              en: 'Choose a choice question to cross-tabulate.',
            },
          ],
        });
      }
      const rows = await submittedWithPlace(id);
      const groups = new Map<string, Crosstab['groups'][number]>();
      const cells: Crosstab['cells'] = {};
      for (const r of rows) {
        const group =
          query.by === 'area'
            ? { value: r.areaName, label: { ja: r.areaName, en: r.areaNameEn } }
            : query.by === 'region'
              ? { value: r.regionName, label: { ja: r.regionName, en: r.regionNameEn } }
              : query.by === 'kind'
                ? { value: r.kind, label: kindLabels[r.kind] ?? { ja: r.kind, en: r.kind } }
                : populationBand(r.population);
        const g = groups.get(group.value) ?? { ...group, respondentCount: 0 };
        g.respondentCount += 1;
        groups.set(group.value, g);
        const value = (r.answers as Answers)[q.key];
        const chosen = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
        if (!cells[group.value]) cells[group.value] = Object.fromEntries(q.options.map((o) => [o.value, 0]));
        const cell = cells[group.value]!;
        for (const v of chosen) if (v in cell) cell[v] = (cell[v] ?? 0) + 1;
      }
      return {
        dimension: query.by,
        questionKey: q.key,
        groups: [...groups.values()],
        options: q.options.map((o) => ({ value: o.value, label: o.label })),
        cells,
      };
    },

    async voices(ctx: RequestContext, id: string) {
      const { sections } = await loadForResults(ctx, id);
      const rows = await submittedWithPlace(id);
      const names = new Map(rows.map((r) => [r.municipalityId, r.name]));
      const textKeys = allQuestions(sections)
        .filter((q) => q.type === 'long_text')
        .map((q) => q.key);
      const items = rows.flatMap((r) =>
        textKeys.flatMap((k) => {
          const v = (r.answers as Answers)[k];
          return typeof v === 'string' && v.trim() !== ''
            ? [{ id: `${r.municipalityId}:${k}`, municipalityId: r.municipalityId, text: v }]
            : [];
        }),
      );
      return groupVoices(items).map((t) => ({
        id: t.id,
        label: t.label,
        keywords: t.keywords,
        municipalityIds: t.municipalityIds,
        municipalityNames: t.municipalityIds.map((m) => names.get(m) ?? ''),
        representativeSentences: t.representativeSentences.map((s) => ({
          ...s,
          municipalityName: names.get(s.municipalityId) ?? '',
        })),
        sentenceCount: t.sentences.length,
      }));
    },

    async xlsx(ctx: RequestContext, id: string): Promise<{ fileName: string; bytes: Uint8Array }> {
      const { survey, sections } = await loadForResults(ctx, id);
      const rows = await submittedWithPlace(id);
      const results = await service.results(ctx, id);
      const raw = rawTable(sections, rows);
      const sheets: SheetSpec[] = [
        { name: '回答一覧', columns: raw.columns, rows: raw.data },
        {
          name: '設問別集計',
          columns: [
            { header: '設問キー', key: 'key', width: 20 },
            { header: '設問', key: 'label', width: 40 },
            { header: '選択肢', key: 'option', width: 30 },
            { header: '件数', key: 'count', width: 8 },
            { header: '回答数', key: 'respondents', width: 8 },
          ],
          rows: results.questions.flatMap((q) =>
            q.counts.map((c) => ({
              key: q.key,
              label: q.label.ja,
              option: c.label.ja,
              count: c.count,
              respondents: q.respondentCount,
            })),
          ),
        },
        {
          name: '成熟度',
          columns: [
            { header: '市町村名', key: 'name', width: 14 },
            { header: '総合レベル', key: 'overall', width: 10 },
            ...challengeAreas.map((a) => ({ header: challengeAreaLabels[a].ja, key: a, width: 14 })),
            { header: '支援希望分野', key: 'help', width: 40 },
          ],
          rows: results.heatmap.map((h) => ({
            name: h.municipalityName,
            overall: h.overallLevel ?? '',
            ...Object.fromEntries(challengeAreas.map((a) => [a, h.levels[a] ?? ''])),
            help: h.helpWanted.map((a) => challengeAreaLabels[a].ja).join('、'),
          })),
        },
        {
          name: '未回答',
          columns: [
            { header: '名称', key: 'name', width: 20 },
            { header: '状態', key: 'status', width: 12 },
          ],
          rows: results.nonResponders.map((n) => ({
            name: n.name,
            status: n.status === 'draft' ? '回答中（未提出）' : '未着手',
          })),
        },
        {
          name: '前年比較',
          columns: [
            { header: '設問', key: 'label', width: 40 },
            { header: '選択肢', key: 'option', width: 30 },
            { header: '前年度', key: 'previous', width: 10 },
            { header: '今年度', key: 'current', width: 10 },
          ],
          rows: results.yearOverYear.flatMap((y) =>
            y.current.map((c) => ({
              label: y.label.ja,
              option: c.label.ja,
              previous: y.previous.find((p) => p.value === c.value)?.count ?? 0,
              current: c.count,
            })),
          ),
        },
      ];
      for (const by of ['area', 'region', 'kind', 'population_band'] as const) {
        const helpQuestion = allQuestions(sections).find((q) => q.key === HELP_WANTED_KEY);
        if (!helpQuestion) break;
        const table = await this.crosstab(ctx, id, { questionKey: HELP_WANTED_KEY, by });
        const byLabel = {
          area: '地域別',
          region: '地方別',
          kind: '市町村区分別',
          population_band: '人口規模別',
        }[by];
        sheets.push({
          name: `支援希望_${byLabel}`,
          columns: [
            { header: byLabel.replace('別', ''), key: 'group', width: 16 },
            { header: '回答数', key: 'n', width: 8 },
            ...table.options.map((o) => ({ header: o.label.ja, key: o.value, width: 14 })),
          ],
          rows: table.groups.map((g) => ({
            group: g.label.ja,
            n: g.respondentCount,
            ...table.cells[g.value],
          })),
        });
      }
      return { fileName: `${survey.title}.xlsx`, bytes: await writeWorkbook(sheets) };
    },

    async csv(ctx: RequestContext, id: string): Promise<{ fileName: string; text: string }> {
      const { survey, sections } = await loadForResults(ctx, id);
      const raw = rawTable(sections, await submittedWithPlace(id));
      const lines = [
        raw.columns.map((c) => c.header),
        ...raw.data.map((r) => raw.columns.map((c) => r[c.key] ?? '')),
      ];
      return { fileName: `${survey.title}.csv`, text: `\uFEFF${toCsv(lines)}` };
    },

    /** Queues a reminder to every active user of each municipality (or each seminar participant) that has not submitted. */
    async remind(
      ctx: RequestContext,
      id: string,
    ): Promise<{ queuedCount: number; municipalityCount: number }> {
      const actor = requireActor(ctx);
      const [survey] = await db
        .select()
        .from(surveys)
        .where(and(eq(surveys.prefectureId, actor.prefectureId), eq(surveys.id, id)));
      if (!survey) throw new AppError('NOT_FOUND');
      assertAllowed(policy.canManage(actor, survey.prefectureId));
      if (survey.supersededAt || ctx.now >= survey.closesAt) throw new AppError('SURVEY_CLOSED');
      const results = await service.results(ctx, id);
      const ids = results.nonResponders.map((n) => n.municipalityId);
      const perUser = survey.audience === 'seminar_participants';
      if ((survey.audience !== 'municipalities' && !perUser) || ids.length === 0)
        return { queuedCount: 0, municipalityCount: 0 };
      // Per-user audiences (seminar participants): the non-responders' ids are user ids.
      const recipients = await db
        .select({ email: users.email, municipalityId: organizations.municipalityId })
        .from(users)
        .innerJoin(organizations, eq(organizations.id, users.organizationId))
        .where(
          and(
            perUser ? inArray(users.id, ids) : inArray(organizations.municipalityId, ids),
            eq(users.isActive, true),
            eq(users.prefectureId, survey.prefectureId),
          ),
        );
      const deadline = toJstDateTimeString(survey.closesAt);
      await db.transaction(async (tx) => {
        for (const r of recipients) {
          await enqueueMail(tx, {
            prefectureId: survey.prefectureId,
            to: r.email,
            subject: `【回答のお願い】${survey.title}`,
            bodyText: [
              `「${survey.title}」へのご回答をお願いします。`,
              `締切：${deadline}（日本時間）`,
              `回答ページ：${deps.config.publicUrl}/surveys/${survey.id}`,
              '',
              `Reminder: please answer "${survey.titleEn}" by ${deadline} (JST).`,
            ].join('\n'),
          });
        }
        await recordAudit(tx, ctx, {
          action: 'survey.remind',
          entityType: 'survey',
          entityId: id,
          after: {
            recipients: recipients.length,
            municipalities: new Set(recipients.map((r) => r.municipalityId)).size,
          },
        });
      });
      return {
        queuedCount: recipients.length,
        municipalityCount: new Set(recipients.map((r) => r.municipalityId)).size,
      };
    },

    /** The saved share config with the survey's current version, so the form edits what was saved. */
    async shareConfig(ctx: RequestContext, id: string): Promise<ShareConfig> {
      const actor = requireActor(ctx);
      const [survey] = await db
        .select()
        .from(surveys)
        .where(and(eq(surveys.prefectureId, actor.prefectureId), eq(surveys.id, id)));
      if (!survey) throw new AppError('NOT_FOUND');
      assertAllowed(policy.canManage(actor, survey.prefectureId));
      const share = (survey.share ?? {}) as {
        isPublished?: boolean;
        includeMunicipalityNames?: boolean;
        rawAnswerKeys?: string[];
      };
      return {
        version: survey.version,
        isPublished: share.isPublished === true,
        includeMunicipalityNames: share.includeMunicipalityNames === true,
        rawAnswerKeys: Array.isArray(share.rawAnswerKeys) ? share.rawAnswerKeys : [],
      };
    },

    async share(ctx: RequestContext, id: string, config: ShareConfig): Promise<ShareConfig> {
      const actor = requireActor(ctx);
      const [survey] = await db
        .select()
        .from(surveys)
        .where(and(eq(surveys.prefectureId, actor.prefectureId), eq(surveys.id, id)));
      if (!survey) throw new AppError('NOT_FOUND');
      assertAllowed(policy.canManage(actor, survey.prefectureId));
      const keys = new Set(allQuestions(survey.definition as Section[]).map((q) => q.key));
      const unknown = config.rawAnswerKeys.filter((k) => !keys.has(k));
      if (unknown.length > 0) {
        throw new AppError('VALIDATION_FAILED', {
          fields: [
            {
              path: ['rawAnswerKeys'],
              code: 'custom',
              ja: `この調査にない設問です：${unknown.join('、')}`,
              en: `Not questions of this survey: ${unknown.join(', ')}`,
            },
          ],
        });
      }
      const share = {
        isPublished: config.isPublished,
        includeMunicipalityNames: config.includeMunicipalityNames,
        rawAnswerKeys: config.rawAnswerKeys,
      };
      const updated = await withCurrentOnConflict(
        () =>
          db.transaction(async (tx) => {
            const row = await updateVersioned(tx, surveys, id, config.version, { share }, actor.userId);
            await recordAudit(tx, ctx, {
              action: 'survey.share',
              entityType: 'survey',
              entityId: id,
              before: survey.share,
              after: share,
            });
            return row;
          }),
        async () => {
          const [row] = await db.select().from(surveys).where(eq(surveys.id, id));
          return row ? { version: row.version, ...(row.share as object) } : null;
        },
      );
      return { version: updated.version, ...share };
    },

    /** What council members and companies see; 404 unless published. Never raw answers unless opted in. */
    async shared(ctx: RequestContext, id: string): Promise<SharedView> {
      const actor = requireActor(ctx);
      const [survey] = await db
        .select()
        .from(surveys)
        .where(and(eq(surveys.prefectureId, actor.prefectureId), eq(surveys.id, id)));
      const share = survey?.share as
        | { isPublished?: boolean; includeMunicipalityNames?: boolean; rawAnswerKeys?: string[] }
        | undefined;
      if (!survey || !share?.isPublished) throw new AppError('NOT_FOUND');
      assertAllowed(policy.canReadShared(actor, survey.prefectureId));
      const rows = await submittedWithPlace(id);
      const demand = challengeAreas.map((area: ChallengeArea) => {
        const wanting = rows.filter((r) => {
          const v = (r.answers as Answers)[HELP_WANTED_KEY];
          return Array.isArray(v) && v.includes(area);
        });
        const byRegion: Record<string, number> = {};
        for (const r of wanting) byRegion[r.regionName] = (byRegion[r.regionName] ?? 0) + 1;
        return {
          area,
          count: wanting.length,
          byRegion,
          municipalityNames: share.includeMunicipalityNames ? wanting.map((r) => r.name) : null,
        };
      });
      const questions = allQuestions(survey.definition as Section[]);
      const rawAnswers = (share.rawAnswerKeys ?? []).flatMap((key) => {
        const q = questions.find((x) => x.key === key);
        if (!q) return [];
        const values = rows.map((r) => answerText(q, (r.answers as Answers)[key])).filter((v) => v !== '');
        return [{ questionKey: key, label: q.label, values }];
      });
      return {
        surveyId: id,
        title: { ja: survey.title, en: survey.titleEn },
        submittedCount: rows.length,
        demand,
        rawAnswers,
      };
    },
  };
}

export type SurveysExports = ReturnType<typeof createSurveysExports>;
