import { useId } from 'react';
import { Link } from 'react-router';
import type {
  Application,
  Call,
  CallRound,
  Explanation,
  PriorityWeights,
  RunSummary,
} from '../../../shared/schemas/applications';
import { Badge } from '../../components/Badge';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { TextField } from '../../components/TextField';
import { useI18n } from '../../i18n';
import { formatDateTime, formatNumber, formatThousandYen, formatYmdRange } from '../../lib/format';
import {
  applicationStatusLabels,
  applicationStatusTones,
  barPercent,
  callStateLabels,
  callStateTones,
  runStatusLabels,
  runStatusTones,
  withNote,
} from './helpers';

export function CallStateBadge({ call }: { call: Pick<Call, 'state'> }) {
  const { pick } = useI18n();
  return <Badge tone={callStateTones[call.state]}>{pick(callStateLabels[call.state])}</Badge>;
}

export function ApplicationStatusBadge({ status }: { status: Application['status'] }) {
  const { pick } = useI18n();
  return <Badge tone={applicationStatusTones[status]}>{pick(applicationStatusLabels[status])}</Badge>;
}

export function RunStatusBadge({ status }: { status: RunSummary['status'] }) {
  const { pick } = useI18n();
  return <Badge tone={runStatusTones[status]}>{pick(runStatusLabels[status])}</Badge>;
}

/** 第1回：2024年4月8日〜4月26日（締切 2024年4月26日（金）17:00）, with "open" written out. */
export function RoundText({ round }: { round: CallRound }) {
  const { t, locale } = useI18n();
  return (
    <span>
      {t('applications.calls.roundValue', {
        index: round.index,
        range: formatYmdRange(round.startsOn, round.endsOn, locale),
        closesAt: formatDateTime(round.closesAt, locale),
      })}
      {round.open && (
        <>
          {' '}
          <Badge tone="info">{t('applications.calls.roundOpen')}</Badge>
        </>
      )}
    </span>
  );
}

/** The call's program name in the page's language. */
export function useProgramName() {
  const { locale } = useI18n();
  return (call: Pick<Call, 'programName' | 'programNameEn' | 'fiscalYear'>) =>
    locale === 'ja' ? call.programName : call.programNameEn || call.programName;
}

/** The menus of an application in preference order, one per line. */
export function ChoiceList({ choices }: { choices: Application['choices'] }) {
  const { t } = useI18n();
  return (
    <ol className="flex flex-col gap-1">
      {choices.map((c) => (
        <li key={c.menuId}>
          <span className="text-solid-gray-700">{t('applications.common.rankValue', { rank: c.rank })}</span>{' '}
          {c.menuTitle}
        </li>
      ))}
    </ol>
  );
}

/** A call's applications as a table: municipality (linked), status, choices, submission. */
export function ApplicationsTable({ items, caption }: { items: Application[]; caption: string }) {
  const { t, locale } = useI18n();
  return (
    <Table caption={caption} dense>
      <THead>
        <tr>
          <Th>{t('applications.common.municipality')}</Th>
          <Th>{t('applications.common.status')}</Th>
          <Th>{t('applications.call.choices')}</Th>
          <Th>{t('applications.call.submittedAt')}</Th>
        </tr>
      </THead>
      <TBody>
        {items.map((a) => (
          <Tr key={a.id}>
            <Td>
              <Link to={`/applications/${a.id}`} className="text-std-16B-170">
                {a.municipalityName}
              </Link>
              {a.proxiedByName && (
                <span className="block text-dns-14N-130 text-solid-gray-700">
                  {t('applications.call.proxy')}
                  {t('applications.common.colon')}
                  {a.proxiedByName}
                </span>
              )}
            </Td>
            <Td>
              <ApplicationStatusBadge status={a.status} />
            </Td>
            <Td>
              <ChoiceList choices={a.choices} />
            </Td>
            <Td>{a.submittedAt ? formatDateTime(a.submittedAt, locale) : t('applications.common.none')}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

export const weightKeys = ['notRecentlySupported', 'evacuationArea', 'smallMunicipality'] as const;
export const weightLabelKeys = {
  notRecentlySupported: 'applications.call.weightNotRecentlySupported',
  evacuationArea: 'applications.call.weightEvacuationArea',
  smallMunicipality: 'applications.call.weightSmallMunicipality',
} as const;

export type WeightTexts = Record<keyof PriorityWeights, string>;

export function weightTexts(weights: PriorityWeights): WeightTexts {
  return {
    notRecentlySupported: String(weights.notRecentlySupported),
    evacuationArea: String(weights.evacuationArea),
    smallMunicipality: String(weights.smallMunicipality),
  };
}

/** '' → NaN, so the shared schema reports a missing weight instead of sending 0. */
export function weightsFromTexts(texts: WeightTexts): PriorityWeights {
  const read = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.trim()));
  return {
    notRecentlySupported: read(texts.notRecentlySupported),
    evacuationArea: read(texts.evacuationArea),
    smallMunicipality: read(texts.smallMunicipality),
  };
}

/** The three priority weights as number fields in a fieldset; ids follow the form's field paths. */
export function WeightFields({
  values,
  onChange,
  idOf,
  errorOf,
  pathPrefix,
}: {
  values: WeightTexts;
  onChange: (next: WeightTexts) => void;
  idOf: (path: (string | number)[]) => string;
  errorOf: (...path: (string | number)[]) => string | undefined;
  pathPrefix: string;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="mb-2 text-std-16B-170 text-solid-gray-800">{t('applications.call.weights')}</legend>
      <p className="text-std-16N-170 text-solid-gray-700">{t('applications.call.weightsHint')}</p>
      <div className="grid gap-4 md:grid-cols-3">
        {weightKeys.map((key) => (
          <TextField
            key={key}
            id={idOf([pathPrefix, key])}
            label={t(weightLabelKeys[key])}
            inputMode="numeric"
            value={values[key]}
            onChange={(e) => onChange({ ...values, [key]: e.target.value })}
            error={errorOf(pathPrefix, key)}
            inputClassName="max-w-32"
          />
        ))}
      </div>
    </fieldset>
  );
}

/** Weights as one line: "過去2年間に支援を受けていない 3、…". */
export function WeightsText({ weights }: { weights: PriorityWeights }) {
  const { t, locale } = useI18n();
  return (
    <span>
      {weightKeys
        .map((key) => `${t(weightLabelKeys[key])} ${formatNumber(weights[key], locale)}`)
        .join(locale === 'ja' ? '、' : ', ')}
    </span>
  );
}

type Totals = NonNullable<RunSummary['totals']>;
const totalMeasures = ['projects', 'municipalities', 'weightedMunicipalities', 'costThousandYen'] as const;
const measureLabelKeys = {
  projects: 'applications.run.projects',
  municipalities: 'applications.run.municipalities',
  weightedMunicipalities: 'applications.run.weighted',
  costThousandYen: 'applications.run.costTotal',
} as const;

/** A pair of horizontal bars; the numbers are in the table cells, the bars only repeat them. */
function Bars({ a, b, label }: { a: number; b: number; label: string }) {
  return (
    <div role="img" aria-label={label} className="flex w-40 flex-col gap-1">
      <span className="block h-2.5 bg-blue-900" style={{ width: `${barPercent(a, b)}%` }} />
      <span
        className="block h-2.5 border border-solid-gray-600 bg-solid-gray-300"
        style={{ width: `${barPercent(b, a)}%` }}
      />
    </div>
  );
}

/**
 * Two sets of totals side by side (a run against its greedy baseline, or two runs), as numbers
 * with thousands separators and 千円, a difference column and a small bar per measure.
 */
export function TotalsTable({
  caption,
  a,
  b,
  aLabel,
  bLabel,
}: {
  caption: string;
  a: Totals;
  b: Totals | null;
  aLabel: string;
  bLabel: string;
}) {
  const { t, locale } = useI18n();
  const format = (measure: (typeof totalMeasures)[number], value: number) =>
    measure === 'costThousandYen'
      ? formatThousandYen(value, locale)
      : formatNumber(Math.round(value * 100) / 100, locale);
  return (
    <div className="flex flex-col gap-2">
      <Table caption={caption}>
        <THead>
          <tr>
            <Th>{t('applications.run.measure')}</Th>
            <Th numeric>{aLabel}</Th>
            <Th numeric>{bLabel}</Th>
            <Th numeric>{t('applications.run.difference')}</Th>
            <Th>
              <span className="sr-only">{t('applications.run.totalsCaption')}</span>
            </Th>
          </tr>
        </THead>
        <TBody>
          {totalMeasures.map((measure) => {
            const x = a[measure];
            const y = b?.[measure];
            const diff = y === undefined ? null : x - y;
            const label = t(measureLabelKeys[measure]);
            return (
              <Tr key={measure}>
                <Th scope="row">{label}</Th>
                <Td numeric>{format(measure, x)}</Td>
                <Td numeric>{y === undefined ? t('applications.common.none') : format(measure, y)}</Td>
                <Td numeric>
                  {diff === null
                    ? t('applications.common.none')
                    : `${diff > 0 ? '+' : diff < 0 ? '−' : '±'}${format(measure, Math.abs(diff))}`}
                </Td>
                <Td>
                  {y !== undefined && (
                    <Bars
                      a={x}
                      b={y}
                      label={t('applications.run.barLabel', {
                        measure: label,
                        optimal: format(measure, x),
                        greedy: format(measure, y),
                      })}
                    />
                  )}
                </Td>
              </Tr>
            );
          })}
        </TBody>
      </Table>
      {b && (
        <p className="text-dns-14N-130 text-solid-gray-700">
          {t('applications.run.legend', { a: aLabel, b: bLabel })}
        </p>
      )}
    </div>
  );
}

const factorCodes = ['not_recently_supported', 'evacuation_area', 'small_municipality'] as const;
const solverCodes = ['optimal', 'time_limit', 'infeasible'] as const;

/** A town's priority factors in words (an unknown code is shown as it is rather than hidden). */
export function useFactorsText() {
  const { t, locale } = useI18n();
  return (codes: readonly string[]) =>
    codes
      .map((code) =>
        (factorCodes as readonly string[]).includes(code)
          ? t(`applications.factors.${code as (typeof factorCodes)[number]}`)
          : code,
      )
      .join(locale === 'ja' ? '、' : ', ');
}

export function useSolverStatusText() {
  const { t } = useI18n();
  return (status: string | null) =>
    status === null
      ? t('applications.common.none')
      : (solverCodes as readonly string[]).includes(status)
        ? t(`applications.solver.${status as (typeof solverCodes)[number]}`)
        : status;
}

/** The outcome of one application in plain words: menu, reasons and, when unselected, the counterfactual. */
export function ExplanationView({ explanation }: { explanation: Explanation }) {
  const { t, pick, locale } = useI18n();
  const headingId = useId();
  const cf = explanation.counterfactual;
  // A town sees its own result only: the other towns' names may be withheld, then their number is shown.
  const displacedText = (displaced: { municipalityName: string }[]) => {
    if (displaced.length === 0) return t('applications.run.noDisplaced');
    const names = displaced.map((d) => d.municipalityName).filter((name) => name.trim() !== '');
    return names.length === displaced.length
      ? names.join(locale === 'ja' ? '、' : ', ')
      : t('applications.run.displacedCount', { count: displaced.length });
  };
  return (
    <div className="flex flex-col gap-3">
      <dl className="grid gap-x-4 gap-y-1 text-std-16N-170 sm:grid-cols-[minmax(8rem,14rem)_1fr]">
        <dt className="font-bold">{t('applications.detail.outcome')}</dt>
        <dd>
          <ApplicationStatusBadge status={explanation.outcome} />
        </dd>
        {explanation.menuTitle && (
          <>
            <dt className="font-bold">{t('applications.detail.selectedMenu')}</dt>
            <dd>
              {explanation.rank === null
                ? explanation.menuTitle
                : withNote(
                    explanation.menuTitle,
                    t('applications.common.rankValue', { rank: explanation.rank }),
                    locale,
                  )}
            </dd>
          </>
        )}
      </dl>
      {explanation.reasons.length > 0 && (
        <div>
          <p className="text-std-16B-170">{t('applications.detail.reasons')}</p>
          <ul className="list-disc pl-6 text-std-16N-170">
            {explanation.reasons.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: reasons have no id and never reorder.
              <li key={`${r.code}-${i}`}>{pick(r)}</li>
            ))}
          </ul>
        </div>
      )}
      {cf && (
        <section
          aria-labelledby={headingId}
          className="rounded-8 border border-solid-gray-420 bg-solid-gray-50 p-4"
        >
          <h4 id={headingId} className="text-std-16B-170">
            {t('applications.detail.counterfactual')}
          </h4>
          <p className="text-std-16N-170">{pick(cf.text)}</p>
          <dl className="mt-2 grid gap-x-4 gap-y-1 text-std-16N-170 sm:grid-cols-[minmax(8rem,16rem)_1fr]">
            <dt className="font-bold">{t('applications.run.budgetIncrease')}</dt>
            <dd>
              {cf.budgetIncreaseThousandYen === null
                ? t('applications.run.budgetIncreaseNone')
                : `+${formatThousandYen(cf.budgetIncreaseThousandYen, locale)}`}
            </dd>
            <dt className="font-bold">{t('applications.run.displaced')}</dt>
            <dd>{displacedText(cf.displaced)}</dd>
          </dl>
        </section>
      )}
    </div>
  );
}

/** Solve time in seconds with two decimals. */
export function formatSeconds(ms: number | null, locale: 'ja' | 'en'): string | null {
  if (ms === null) return null;
  return new Intl.NumberFormat(locale === 'ja' ? 'ja-JP' : 'en-US', { maximumFractionDigits: 2 }).format(
    ms / 1000,
  );
}
