import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  type MenuSettings,
  menuSettingsPutSchema,
  type RubricCriterion,
} from '../../../shared/schemas/menus';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button, buttonClass } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorSummary } from '../../components/ErrorSummary';
import { PageHeader } from '../../components/PageHeader';
import { PrintButton } from '../../components/PrintButton';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { TextField } from '../../components/TextField';
import { useI18n } from '../../i18n';
import { useVersionedForm } from '../../components/forms/useVersionedForm';
import { exportUrl, menusCalls, useInvalidateMenus, useMenuSettings, useRanking } from './api';
import { FiscalYearField, useFiscalYearParam } from './FiscalYearField';
import { formatScore, proposalStatusLabels, proposalStatusTones } from './labels';
import { BulkAssignReviewers } from './BulkAssignReviewers';
import { DeadlineNote } from './parts';

/** A starting rubric (need, effectiveness, feasibility, cost) when a year has none yet. */
const defaultCriteria: RubricCriterion[] = [
  { key: 'need', label: '必要性', labelEn: 'Need', weight: 30 },
  { key: 'effectiveness', label: '有効性', labelEn: 'Effectiveness', weight: 30 },
  { key: 'feasibility', label: '実現可能性', labelEn: 'Feasibility', weight: 20 },
  { key: 'cost', label: '経済性', labelEn: 'Cost', weight: 20 },
];

type Row = { key: string; label: string; labelEn: string; weight: string };

function RubricForm({ fiscalYearId, settings }: { fiscalYearId: string; settings: MenuSettings }) {
  const { t, pick } = useI18n();
  const invalidate = useInvalidateMenus();
  const errors = useVersionedForm('rubric');
  const isSavedOnce = settings.version !== null;
  const initial = isSavedOnce ? settings.criteria : defaultCriteria;
  const toRows = (list: RubricCriterion[]): Row[] => list.map((c) => ({ ...c, weight: String(c.weight) }));
  const [rows, setRows] = useState<Row[]>(toRows(initial));
  // What the server holds, as rows: the form is "unsaved" whenever it differs from this.
  const [savedRows, setSavedRows] = useState<Row[] | null>(isSavedOnce ? toRows(settings.criteria) : null);
  const [justSaved, setJustSaved] = useState(false);
  const isDirty = savedRows === null || JSON.stringify(rows) !== JSON.stringify(savedRows);
  const save = useMutation({
    mutationFn: (body: Parameters<typeof menusCalls.saveSettings>[1]) =>
      menusCalls.saveSettings(fiscalYearId, body),
    onSuccess: async (stored) => {
      errors.clear();
      // The saved state comes from the server's answer, never from what the form sent.
      const storedRows = toRows(stored.criteria);
      setRows(storedRows);
      setSavedRows(storedRows);
      setJustSaved(true);
      await invalidate();
    },
    onError: errors.showError,
  });
  const totalWeight = rows.reduce((s, r) => s + (Number(r.weight) || 0), 0);
  function update(i: number, patch: Partial<Row>) {
    setJustSaved(false);
    setRows((list) => list.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  }
  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (save.isPending) return;
    const body = {
      ...(settings.version === null ? {} : { version: settings.version }),
      criteria: rows.map((r) => ({ ...r, weight: r.weight.trim() === '' ? Number.NaN : Number(r.weight) })),
    };
    if (!errors.check(menuSettingsPutSchema, body)) return;
    setJustSaved(false);
    save.mutate(body);
  }
  const f = (path: (string | number)[]) => {
    const fe = errors.fieldError(path);
    return fe ? pick(fe) : undefined;
  };
  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-5">
      {justSaved && !isDirty && (
        <Alert tone="success" isLive>
          {t('menus.rubric.saved')}
        </Alert>
      )}
      {savedRows === null ? (
        <Alert tone="warning">{t('menus.rubric.neverSaved')}</Alert>
      ) : isDirty ? (
        <Alert tone="warning">{t('menus.rubric.unsaved')}</Alert>
      ) : (
        !justSaved && (
          <p className="text-std-16N-170">{t('menus.rubric.savedAt', { version: settings.version ?? 0 })}</p>
        )
      )}
      <ErrorSummary errors={errors} />
      {rows.map((row, i) => (
        <fieldset
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and have no ids until saved.
          key={i}
          className="grid gap-4 rounded-8 border border-solid-gray-420 p-4 md:grid-cols-[1fr_1fr_1fr_8rem_auto]"
        >
          <legend className="px-1 text-std-16B-170">{t('menus.rubric.criterionN', { n: i + 1 })}</legend>
          <TextField
            id={errors.id(['criteria', i, 'key'])}
            label={t('menus.rubric.key')}
            value={row.key}
            onChange={(e) => update(i, { key: e.target.value })}
            error={f(['criteria', i, 'key'])}
          />
          <TextField
            id={errors.id(['criteria', i, 'label'])}
            label={t('menus.rubric.label')}
            value={row.label}
            onChange={(e) => update(i, { label: e.target.value })}
            error={f(['criteria', i, 'label'])}
          />
          <TextField
            id={errors.id(['criteria', i, 'labelEn'])}
            label={t('menus.rubric.labelEn')}
            value={row.labelEn}
            onChange={(e) => update(i, { labelEn: e.target.value })}
            error={f(['criteria', i, 'labelEn'])}
          />
          <TextField
            id={errors.id(['criteria', i, 'weight'])}
            label={t('menus.rubric.weight')}
            inputMode="numeric"
            value={row.weight}
            onChange={(e) => update(i, { weight: e.target.value })}
            error={f(['criteria', i, 'weight'])}
          />
          <div className="flex items-end">
            <Button
              variant="tertiary"
              size="sm"
              onClick={() => {
                setJustSaved(false);
                setRows((list) => list.filter((_, j) => j !== i));
              }}
              aria-disabled={rows.length <= 1 || undefined}
            >
              {t('menus.rubric.remove', { n: i + 1 })}
            </Button>
          </div>
        </fieldset>
      ))}
      <p className="text-std-16N-170">{t('menus.rubric.totalWeight', { total: totalWeight })}</p>
      <div>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => {
            setJustSaved(false);
            setRows((list) => [...list, { key: '', label: '', labelEn: '', weight: '10' }]);
          }}
          aria-disabled={rows.length >= 10 || undefined}
        >
          {t('menus.rubric.add')}
        </Button>
      </div>
      <div>
        <Button type="submit" isBusy={save.isPending}>
          {t('menus.rubric.save')}
        </Button>
      </div>
    </form>
  );
}

function RankingTable({ fiscalYearId }: { fiscalYearId: string }) {
  const { t, pick, locale } = useI18n();
  const ranking = useRanking(fiscalYearId);
  return (
    <QueryState query={ranking}>
      {(data) =>
        data.items.length === 0 ? (
          <EmptyState title={t('menus.ranking.empty')} />
        ) : (
          <Table caption={t('menus.ranking.title')} captionHidden dense>
            <THead>
              <tr>
                <Th numeric>{t('menus.ranking.rank')}</Th>
                <Th>{t('menus.field.title')}</Th>
                <Th>{t('menus.company')}</Th>
                <Th numeric>{t('menus.ranking.weightedTotal')}</Th>
                <Th numeric>{t('menus.ranking.spread')}</Th>
                {data.criteria.map((c) => (
                  <Th key={c.key} numeric>
                    {locale === 'ja' ? c.label : c.labelEn}
                  </Th>
                ))}
                <Th numeric>{t('menus.ranking.reviews')}</Th>
                <Th>{t('menus.status')}</Th>
              </tr>
            </THead>
            <TBody>
              {data.items.map((row) => (
                <Tr key={row.proposal.id}>
                  <Td numeric>{row.rank}</Td>
                  <Td className="min-w-[10em]">
                    <Link to={`/menus/proposals/${row.proposal.id}`}>{row.proposal.title}</Link>
                  </Td>
                  <Td className="min-w-[9em]">{row.proposal.organizationName}</Td>
                  <Td numeric>{formatScore(row.weightedTotal)}</Td>
                  <Td numeric>{formatScore(row.spread)}</Td>
                  {data.criteria.map((c) => (
                    <Td key={c.key} numeric>
                      {formatScore(row.criterionMeans[c.key])}
                    </Td>
                  ))}
                  <Td numeric>
                    {t('menus.ranking.reviewCount', {
                      submitted: row.submittedReviews,
                      assigned: row.assignedReviews,
                    })}
                    {row.conflicts > 0 && ` ${t('menus.ranking.conflicts', { count: row.conflicts })}`}
                  </Td>
                  <Td>
                    <Badge tone={proposalStatusTones[row.proposal.status]}>
                      {pick(proposalStatusLabels[row.proposal.status])}
                    </Badge>
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )
      }
    </QueryState>
  );
}

/** The prefecture's review desk: rubric and deadline, the ranking, exports. */
export default function AdminMenusPage() {
  const { t } = useI18n();
  const [fiscalYearId, setFiscalYearId] = useFiscalYearParam();
  const settings = useMenuSettings(fiscalYearId);
  return (
    <div className="flex flex-col gap-10">
      <PageHeader
        title={t('menus.admin.title')}
        breadcrumbs={[{ label: t('nav.home'), to: '/' }, { label: t('menus.admin.title') }]}
        description={t('menus.admin.description')}
        actions={
          <>
            <PrintButton />
            <Link to={`/menus/proposals?fy=${fiscalYearId}`} className={buttonClass('secondary', 'md')}>
              {t('menus.proposals.title')}
            </Link>
          </>
        }
      />
      <FiscalYearField value={fiscalYearId} onChange={setFiscalYearId} />
      <Section title={t('menus.ranking.title')} description={t('menus.ranking.description')}>
        {fiscalYearId && <RankingTable fiscalYearId={fiscalYearId} />}
      </Section>
      {/* The ranking is what is printed; the rubric form and the downloads stay on screen. */}
      <Section
        title={t('menus.rubric.title')}
        description={t('menus.rubric.description')}
        boxed
        className="print:hidden"
      >
        <QueryState query={settings}>
          {(s) => (
            <>
              <DeadlineNote settings={s} />
              <p>
                <Link to={`/fiscal-years/${fiscalYearId}`} className="text-std-16N-170 underline">
                  {t('menus.deadline.editOnYear')}
                </Link>
              </p>
              <RubricForm key={fiscalYearId} fiscalYearId={fiscalYearId} settings={s} />
            </>
          )}
        </QueryState>
      </Section>
      <Section
        title={t('menus.bulk.title')}
        description={t('menus.bulk.description')}
        boxed
        className="print:hidden"
      >
        {fiscalYearId && <BulkAssignReviewers key={fiscalYearId} fiscalYearId={fiscalYearId} />}
      </Section>
      <Section
        title={t('menus.exports.title')}
        description={t('menus.exports.description')}
        className="print:hidden"
      >
        <ul className="flex flex-wrap gap-4">
          {(['proposals', 'scores', 'catalog'] as const).map((kind) => (
            <li key={kind}>
              <a href={exportUrl(kind, fiscalYearId)} download className={buttonClass('secondary', 'md')}>
                {t(`menus.exports.${kind}`)}
              </a>
            </li>
          ))}
        </ul>
      </Section>
    </div>
  );
}
