import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { challengeAreaLabels, challengeAreas } from '../../../shared/challenge-areas';
import { isApiError } from '../../api/client';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { PrintButton } from '../../components/PrintButton';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { Select } from '../../components/Select';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import {
  type CrosstabDimension,
  type QuestionResult,
  type ReminderPreview,
  type SurveyAbilities,
  type SurveyDetail,
  type SurveyResults,
  surveyPath,
  surveysCalls,
  useCrosstab,
  useInvalidateSurveys,
  useSurvey,
  useSurveyResults,
  useVoices,
} from './api';
import { CountChart, levelColour } from './charts';
import { SharingSettings } from './SharingSettings';

const dimensions: { value: CrosstabDimension; key: 'area' | 'region' | 'kind' | 'populationBand' }[] = [
  { value: 'area', key: 'area' },
  { value: 'region', key: 'region' },
  { value: 'kind', key: 'kind' },
  { value: 'population_band', key: 'populationBand' },
];

function ResponseRate({
  surveyId,
  results,
  can,
}: {
  surveyId: string;
  results: SurveyResults;
  /** The survey's abilities; undefined while the survey itself is loading. */
  can: SurveyAbilities | undefined;
}) {
  const { t, locale, pick } = useI18n();
  const invalidate = useInvalidateSurveys();
  const navigate = useNavigate();
  const [proxyFor, setProxyFor] = useState('');
  const remind = useMutation({
    mutationFn: () => surveysCalls.remind(surveyId),
    onSuccess: () => {
      setReminderPreview(null);
      invalidate();
    },
  });
  // Sending asks first: how many mails go, and who cannot be reached by mail at all.
  const [reminderPreview, setReminderPreview] = useState<ReminderPreview | null>(null);
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const sendButton = useRef<HTMLButtonElement>(null);
  // Cancelling hides the question: focus goes back to the button that asked it.
  const isCancelling = useRef(false);
  useEffect(() => {
    if (reminderPreview) confirmHeading.current?.focus();
    else if (isCancelling.current) {
      isCancelling.current = false;
      sendButton.current?.focus();
    }
  }, [reminderPreview]);
  const previewReminders = useMutation({
    mutationFn: () => surveysCalls.reminderPreview(surveyId),
    onSuccess: (preview) => {
      remind.reset();
      setReminderPreview(preview);
    },
  });
  const rate =
    results.eligibleCount > 0 ? Math.round((results.submittedCount / results.eligibleCount) * 1000) / 10 : 0;
  return (
    <Section title={t('surveys.resultsPage.responseRate')}>
      <p className="text-std-20B-150">
        {t('surveys.resultsPage.responseRateValue', {
          submitted: formatNumber(results.submittedCount, locale),
          total: formatNumber(results.eligibleCount, locale),
          rate,
        })}
      </p>
      <Section title={t('surveys.resultsPage.nonResponders')} level={3}>
        {results.nonResponders.length === 0 ? (
          <p>{t('surveys.resultsPage.nonRespondersNone')}</p>
        ) : (
          <>
            <ul className="flex flex-wrap gap-x-4 gap-y-1">
              {results.nonResponders.map((m) => (
                <li key={m.municipalityId}>
                  {m.name}（{t(`surveys.responseStatus.${m.status}`)}）
                </li>
              ))}
            </ul>
            <div hidden={!can?.remind || reminderPreview !== null}>
              <Button
                ref={sendButton}
                variant="secondary"
                onClick={() => previewReminders.mutate()}
                isBusy={previewReminders.isPending}
              >
                {t('surveys.resultsPage.sendReminder')}
              </Button>
            </div>
            {reminderPreview && (
              <section
                aria-labelledby="reminder-confirm-title"
                className="flex flex-col gap-3 rounded-8 border border-solid-gray-420 p-4"
              >
                {/* The button that opened it is hidden now: focus moves to the question. */}
                <h4
                  id="reminder-confirm-title"
                  ref={confirmHeading}
                  tabIndex={-1}
                  className="text-std-17B-170"
                >
                  {t('surveys.resultsPage.reminderConfirmTitle')}
                </h4>
                <p>
                  {reminderPreview.mailCount === 0
                    ? t('surveys.resultsPage.reminderConfirmNothing')
                    : t('surveys.resultsPage.reminderConfirmBody', {
                        nonResponders: formatNumber(reminderPreview.nonResponderCount, locale),
                        mails: formatNumber(reminderPreview.mailCount, locale),
                      })}
                </p>
                {reminderPreview.withoutAccountCount > 0 && (
                  <p>
                    {t('surveys.resultsPage.reminderConfirmWithoutAccount', {
                      count: formatNumber(reminderPreview.withoutAccountCount, locale),
                    })}
                  </p>
                )}
                {reminderPreview.recentlyRemindedCount > 0 && (
                  <p>
                    {t('surveys.resultsPage.reminderConfirmRecent', {
                      count: formatNumber(reminderPreview.recentlyRemindedCount, locale),
                    })}
                  </p>
                )}
                <div className="flex flex-wrap gap-3">
                  {reminderPreview.mailCount > 0 && (
                    <Button onClick={() => remind.mutate()} isBusy={remind.isPending}>
                      {t('surveys.resultsPage.reminderConfirmSend')}
                    </Button>
                  )}
                  <Button
                    variant="tertiary"
                    onClick={() => {
                      isCancelling.current = true;
                      setReminderPreview(null);
                    }}
                  >
                    {t('surveys.resultsPage.reminderConfirmCancel')}
                  </Button>
                </div>
              </section>
            )}
            {previewReminders.error && (
              <Alert tone="error" isLive>
                {isApiError(previewReminders.error)
                  ? pick(previewReminders.error.localized)
                  : t('state.unknownError')}
              </Alert>
            )}
            {remind.data && (
              <Alert tone="success" isLive>
                {t('surveys.resultsPage.reminderSent', { count: remind.data.municipalityCount })}
              </Alert>
            )}
            {remind.error && (
              <Alert tone="error" isLive>
                {isApiError(remind.error) ? pick(remind.error.localized) : t('state.unknownError')}
              </Alert>
            )}
          </>
        )}
      </Section>
      {can?.answerAsProxy && (
        <Section title={t('surveys.proxy.title')} description={t('surveys.proxy.description')} level={3}>
          <form
            className="flex flex-wrap items-end gap-4"
            onSubmit={(e) => {
              e.preventDefault();
              if (proxyFor)
                navigate(`/surveys/${surveyId}/answer?municipality=${encodeURIComponent(proxyFor)}`);
            }}
          >
            <Select
              label={t('surveys.proxy.municipality')}
              value={proxyFor}
              onChange={(e) => setProxyFor(e.target.value)}
              className="min-w-60"
            >
              <option value="">{t('common.choose')}</option>
              {results.nonResponders.map((m) => (
                <option key={m.municipalityId} value={m.municipalityId}>
                  {m.name}
                </option>
              ))}
            </Select>
            <Button type="submit" variant="secondary">
              {t('surveys.proxy.start')}
            </Button>
          </form>
        </Section>
      )}
    </Section>
  );
}

function CrosstabSection({ surveyId, results }: { surveyId: string; results: SurveyResults }) {
  const { t, pick, locale } = useI18n();
  const choiceQuestions = results.questions.filter((q) => q.counts.length > 0);
  const [questionKey, setQuestionKey] = useState(choiceQuestions[0]?.key ?? '');
  const [dimension, setDimension] = useState<CrosstabDimension>('region');
  const crosstab = useCrosstab(surveyId, questionKey, dimension);
  const dimensionLabel = t(`surveys.resultsPage.by.${dimensions.find((d) => d.value === dimension)!.key}`);
  return (
    <Section title={t('surveys.resultsPage.crosstab')}>
      <div className="flex flex-wrap gap-4">
        <Select
          label={t('surveys.resultsPage.question')}
          value={questionKey}
          onChange={(e) => setQuestionKey(e.target.value)}
          className="max-w-xl"
        >
          {choiceQuestions.map((q) => (
            <option key={q.key} value={q.key}>
              {pick(q.label)}
            </option>
          ))}
        </Select>
        <Select
          label={t('surveys.resultsPage.crosstabBy')}
          value={dimension}
          onChange={(e) => setDimension(e.target.value as CrosstabDimension)}
        >
          {dimensions.map((d) => (
            <option key={d.value} value={d.value}>
              {t(`surveys.resultsPage.by.${d.key}`)}
            </option>
          ))}
        </Select>
      </div>
      {dimension === 'population_band' && (
        <Alert tone="info">{t('surveys.resultsPage.populationUnknown')}</Alert>
      )}
      <QueryState query={crosstab}>
        {(ct) => (
          <Table caption={`${t('surveys.resultsPage.crosstab')}：${dimensionLabel}`} dense>
            <THead>
              <tr>
                <Th>{dimensionLabel}</Th>
                <Th numeric>{t('surveys.responses')}</Th>
                {ct.options.map((o) => (
                  <Th key={o.value} numeric>
                    {pick(o.label)}
                  </Th>
                ))}
              </tr>
            </THead>
            <TBody>
              {ct.groups.map((g) => (
                <Tr key={g.value}>
                  <Th scope="row">{pick(g.label)}</Th>
                  <Td numeric>{formatNumber(g.respondentCount, locale)}</Td>
                  {ct.options.map((o) => (
                    <Td key={o.value} numeric>
                      {formatNumber(ct.cells[g.value]?.[o.value] ?? 0, locale)}
                    </Td>
                  ))}
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </QueryState>
    </Section>
  );
}

/** Matrix counts come as `row:value`; shown as rows × scale points, one row header each. */
function MatrixTable({ question }: { question: QuestionResult }) {
  const { pick, locale, t } = useI18n();
  const rows: { key: string; label: string; cells: Map<string, number> }[] = [];
  const columns: { value: string; label: string }[] = [];
  for (const c of question.counts) {
    const [rowKey = '', value = ''] = c.value.split(':');
    const full = pick(c.label);
    // The server labels a cell 「row：point」 (ja) or "row: point" (en).
    const mark = full.includes('：') ? '：' : ': ';
    const separator = full.lastIndexOf(mark);
    const rowLabel = separator >= 0 ? full.slice(0, separator) : rowKey;
    const columnLabel = separator >= 0 ? full.slice(separator + mark.length) : value;
    let row = rows.find((r) => r.key === rowKey);
    if (!row) {
      row = { key: rowKey, label: rowLabel, cells: new Map() };
      rows.push(row);
    }
    row.cells.set(value, c.count);
    if (!columns.some((col) => col.value === value)) columns.push({ value, label: columnLabel });
  }
  return (
    <Table caption={pick(question.label)} captionHidden dense>
      <THead>
        <tr>
          <Th>{t('surveys.resultsPage.option')}</Th>
          {columns.map((c) => (
            <Th key={c.value} numeric>
              {c.label}
            </Th>
          ))}
        </tr>
      </THead>
      <TBody>
        {rows.map((r) => (
          <Tr key={r.key}>
            <Th scope="row">{r.label}</Th>
            {columns.map((c) => (
              <Td key={c.value} numeric>
                {formatNumber(r.cells.get(c.value) ?? 0, locale)}
              </Td>
            ))}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

function Heatmap({ results }: { results: SurveyResults }) {
  const { t, pick } = useI18n();
  return (
    <Section title={t('surveys.resultsPage.heatmap')} description={t('surveys.resultsPage.heatmapCaption')}>
      <Table caption={t('surveys.resultsPage.heatmap')} captionHidden dense>
        <THead>
          <tr>
            <Th>{t('surveys.resultsPage.municipality')}</Th>
            <Th numeric>{t('surveys.resultsPage.overall')}</Th>
            {challengeAreas.map((a) => (
              <Th key={a}>{pick(challengeAreaLabels[a])}</Th>
            ))}
          </tr>
        </THead>
        <TBody>
          {results.heatmap.map((row) => (
            <Tr key={row.municipalityId}>
              <Th scope="row">{row.municipalityName}</Th>
              <Td numeric>{row.overallLevel ?? '—'}</Td>
              {challengeAreas.map((a) => {
                const level = row.levels[a];
                const wanted = row.helpWanted.includes(a);
                return (
                  <Td key={a} className={`text-center ${levelColour(level)}`}>
                    {level ?? '—'}
                    {wanted && (
                      <>
                        {' '}
                        <span aria-hidden="true">★</span>
                        <span className="sr-only">{t('surveys.resultsPage.helpWanted')}</span>
                      </>
                    )}
                  </Td>
                );
              })}
            </Tr>
          ))}
        </TBody>
      </Table>
      <p className="text-dns-14N-130 text-solid-gray-700">★ = {t('surveys.resultsPage.helpWanted')}</p>
    </Section>
  );
}

function Voices({ surveyId }: { surveyId: string }) {
  const { t } = useI18n();
  const voices = useVoices(surveyId);
  return (
    <Section title={t('surveys.resultsPage.voices')} description={t('surveys.resultsPage.voicesDescription')}>
      <QueryState query={voices}>
        {({ topics, leftOutSentenceCount }) =>
          topics.length === 0 ? (
            <p>{t('surveys.resultsPage.noAnswers')}</p>
          ) : (
            <>
              {leftOutSentenceCount > 0 && (
                <p className="mb-4 text-dns-14N-130 text-solid-gray-700">
                  {t('surveys.resultsPage.voicesLeftOut', { count: leftOutSentenceCount })}
                </p>
              )}
              <ul className="flex flex-col gap-4">
                {topics.map((topic) => (
                  <li key={topic.id} className="rounded-8 border border-solid-gray-420 p-4">
                    <h3 className="text-std-18B-160">
                      {topic.label}{' '}
                      <span className="text-dns-14N-130 text-solid-gray-700">
                        {t('surveys.resultsPage.voiceSentences', {
                          count: topic.sentenceCount ?? topic.sentences?.length ?? topic.itemIds?.length ?? 0,
                        })}
                      </span>
                    </h3>
                    <ul className="mt-2 flex list-disc flex-col gap-1 pl-6">
                      {topic.representativeSentences.map((s) => (
                        <li key={`${s.itemId}-${s.text}`}>
                          「{s.text}」
                          {s.municipalityName && (
                            <span className="text-solid-gray-700">（{s.municipalityName}）</span>
                          )}
                        </li>
                      ))}
                    </ul>
                    <p className="mt-2 text-dns-14N-130 text-solid-gray-700">
                      {t('surveys.resultsPage.voiceMunicipalities', { count: topic.municipalityIds.length })}
                      ：{(topic.municipalityNames ?? topic.municipalityIds).join('、')}
                    </p>
                  </li>
                ))}
              </ul>
            </>
          )
        }
      </QueryState>
    </Section>
  );
}

function Results({
  surveyId,
  results,
  survey,
}: {
  surveyId: string;
  results: SurveyResults;
  survey: SurveyDetail | undefined;
}) {
  const { t, pick } = useI18n();
  return (
    <>
      <Section title={t('surveys.resultsPage.exports')}>
        <ul className="flex flex-wrap gap-6">
          <li>
            <a href={surveyPath(surveyId, '/export.xlsx')} download>
              {t('surveys.resultsPage.exportXlsx')}
            </a>
          </li>
          <li>
            <a href={surveyPath(surveyId, '/export.csv')} download>
              {t('surveys.resultsPage.exportCsv')}
            </a>
          </li>
        </ul>
      </Section>
      <ResponseRate surveyId={surveyId} results={results} can={survey?.can} />
      {results.submittedCount === 0 ? (
        <EmptyState title={t('surveys.resultsPage.noAnswers')}>
          {t('surveys.resultsPage.noAnswers')}
        </EmptyState>
      ) : (
        <>
          <Section title={t('surveys.resultsPage.perQuestion')}>
            {results.questions
              .filter((q) => q.counts.length > 0)
              .map((q) => (
                <Section key={q.key} title={pick(q.label)} level={3}>
                  {q.type === 'matrix' ? (
                    <MatrixTable question={q} />
                  ) : (
                    <CountChart
                      caption={pick(q.label)}
                      total={q.respondentCount}
                      rows={q.counts.map((c) => ({ label: pick(c.label), count: c.count }))}
                    />
                  )}
                </Section>
              ))}
          </Section>
          <CrosstabSection surveyId={surveyId} results={results} />
          <Heatmap results={results} />
          {results.yearOverYear.length > 0 && (
            <Section title={t('surveys.resultsPage.yearOverYear')}>
              {results.yearOverYear.map((y) => (
                <Table key={y.key} caption={pick(y.label)} dense>
                  <THead>
                    <tr>
                      <Th>{t('surveys.resultsPage.option')}</Th>
                      <Th numeric>{t('surveys.resultsPage.previousYear')}</Th>
                      <Th numeric>{t('surveys.resultsPage.currentYear')}</Th>
                      <Th numeric>{t('surveys.resultsPage.difference')}</Th>
                    </tr>
                  </THead>
                  <TBody>
                    {y.current.map((c) => {
                      const prev = y.previous.find((p) => p.value === c.value)?.count ?? 0;
                      const diff = c.count - prev;
                      return (
                        <Tr key={c.value}>
                          <Th scope="row">{pick(c.label)}</Th>
                          <Td numeric>{prev}</Td>
                          <Td numeric>{c.count}</Td>
                          <Td numeric>{diff > 0 ? `+${diff}` : diff}</Td>
                        </Tr>
                      );
                    })}
                  </TBody>
                </Table>
              ))}
            </Section>
          )}
          <Voices surveyId={surveyId} />
        </>
      )}
      {survey?.can.share && <SharingSettings survey={survey} questions={results.questions} />}
    </>
  );
}

export default function SurveyResultsPage() {
  const { id = '' } = useParams();
  const { t, pick } = useI18n();
  const survey = useSurvey(id);
  const results = useSurveyResults(id);
  const name = survey.data ? pick(survey.data.title) : t('surveys.results');
  const title = `${name}：${t('surveys.results')}`;
  return (
    <div className="flex flex-col gap-10">
      <PageHeader
        title={title}
        breadcrumbs={[
          { label: t('nav.home'), to: '/' },
          { label: t('surveys.title'), to: '/surveys' },
          { label: title },
        ]}
        actions={<PrintButton />}
      />
      <QueryState query={results}>
        {(r) => <Results surveyId={id} results={r} survey={survey.data} />}
      </QueryState>
    </div>
  );
}
