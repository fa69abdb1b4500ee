import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { buttonClass } from '../../components/Button';
import { PageHeader } from '../../components/PageHeader';
import { PrintButton } from '../../components/PrintButton';
import { Section } from '../../components/Section';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { type MessageKey, useI18n } from '../../i18n';
import { cx } from '../../lib/cx';
import { formatFiscalYear, formatNumber } from '../../lib/format';
import { hasAnyRole, useCurrentUser } from '../../api/session';
import { exportUrl } from './api';

const views: { to: string; label: MessageKey; leftBehind?: boolean }[] = [
  { to: '/dashboards', label: 'dashboards.coverage' },
  { to: '/dashboards/left-behind', label: 'dashboards.leftBehind', leftBehind: true },
  { to: '/dashboards/maturity', label: 'dashboards.maturity' },
  { to: '/dashboards/seminars', label: 'dashboards.seminars' },
];

/** The dashboards' header: title, the views (the left-behind list only for prefecture and council). */
export function DashboardHeader({ title, description }: { title: string; description: string }) {
  const { t } = useI18n();
  const user = useCurrentUser();
  const seesLeftBehind = hasAnyRole(user, ['prefecture_admin', 'reviewer', 'council_secretariat']);
  return (
    <>
      <PageHeader
        title={title}
        breadcrumbs={[
          { label: t('nav.home'), to: '/' },
          { label: t('dashboards.title'), to: '/dashboards' },
          { label: title },
        ]}
        description={description}
        actions={<PrintButton />}
      />
      <nav aria-label={t('dashboards.views')} className="print:hidden">
        <ul className="flex flex-wrap gap-2">
          {views
            .filter((v) => !v.leftBehind || seesLeftBehind)
            .map((v) => (
              <li key={v.to}>
                <NavLink
                  to={v.to}
                  end
                  className={({ isActive }) =>
                    cx(buttonClass(isActive ? 'primary' : 'secondary', 'sm'), 'no-underline')
                  }
                >
                  {t(v.label)}
                </NavLink>
              </li>
            ))}
        </ul>
      </nav>
    </>
  );
}

/** The year slider: arrow keys move one fiscal year; the value is read out as 令和N年度（YYYY）. */
export function YearSlider({
  years,
  value,
  onChange,
}: {
  years: number[];
  value: number;
  onChange: (year: number) => void;
}) {
  const { t, locale } = useI18n();
  if (years.length === 0) return null;
  const min = Math.min(...years);
  const max = Math.max(...years, value);
  return (
    <div className="flex max-w-xl flex-col gap-2">
      <label htmlFor="dashboard-year" className="text-std-16B-170">
        {t('dashboards.yearSlider')}
      </label>
      <div className="flex items-center gap-4">
        <input
          id="dashboard-year"
          type="range"
          min={min}
          max={max}
          step={1}
          value={value}
          aria-valuetext={formatFiscalYear(value, locale)}
          onChange={(e) => onChange(Number(e.target.value))}
          className="w-full accent-blue-900"
        />
        <output htmlFor="dashboard-year" className="whitespace-nowrap text-std-18B-160 tabular-nums">
          {formatFiscalYear(value, locale)}
        </output>
      </div>
    </div>
  );
}

/** CSV and Excel links of one table (same rows, same permissions as on the page). */
export function ExportLinks({
  table,
  label,
  fiscalYear,
}: {
  table: string;
  label: string;
  fiscalYear: number | null;
}) {
  const { t } = useI18n();
  return (
    <span className="flex flex-wrap items-center gap-2">
      {(['csv', 'xlsx'] as const).map((format) => (
        <a
          key={format}
          href={exportUrl(table, format, fiscalYear)}
          download
          className={buttonClass('tertiary', 'sm')}
          aria-label={`${t('dashboards.exportOf', { table: label })} (${format === 'csv' ? t('dashboards.exportCsv') : t('dashboards.exportXlsx')})`}
        >
          {format === 'csv' ? t('dashboards.exportCsv') : t('dashboards.exportXlsx')}
        </a>
      ))}
    </span>
  );
}

/** A dashboard section whose table can be downloaded: every dashboard table exports to CSV and Excel. */
export function ExportableSection({
  title,
  table,
  exportLabel = title,
  fiscalYear,
  children,
}: {
  title: string;
  /** The export's table name (`/api/dashboards/export/<table>`). */
  table: string;
  /** What the download links call the table, when it is not the section's title. */
  exportLabel?: string;
  fiscalYear: number | null;
  children: ReactNode;
}) {
  return (
    <Section
      title={title}
      actions={<ExportLinks table={table} label={exportLabel} fiscalYear={fiscalYear} />}
    >
      {children}
    </Section>
  );
}

export interface BarRow {
  label: string;
  value: number;
  /** Shown instead of the number (e.g. a mean with decimals). */
  display?: string;
}

/**
 * A horizontal bar chart in plain SVG, one dark colour (reads in greyscale; the value is written
 * beside each bar), with its data table beside it: the chart is for sighted readers
 * (aria-hidden), the table is the exact and accessible form.
 */
export function BarChart({
  caption,
  rows,
  labelHeader,
  valueHeader,
  max,
}: {
  caption: string;
  rows: BarRow[];
  labelHeader: string;
  valueHeader: string;
  max?: number;
}) {
  const { locale } = useI18n();
  const top = Math.max(1e-9, max ?? Math.max(...rows.map((r) => r.value), 0));
  const barHeight = 20;
  const labelWidth = 170;
  const chartWidth = 260;
  const height = rows.length * (barHeight + 8) + 8;
  const show = (r: BarRow) => r.display ?? formatNumber(r.value, locale);
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <svg
        aria-hidden="true"
        viewBox={`0 0 ${labelWidth + chartWidth + 70} ${height}`}
        className="h-auto w-full max-w-xl"
      >
        {rows.map((r, i) => {
          const y = 8 + i * (barHeight + 8);
          const w = Math.round((r.value / top) * chartWidth);
          return (
            <g key={r.label}>
              <text x={labelWidth - 8} y={y + barHeight - 5} textAnchor="end" fontSize="13" fill="#1a1a1a">
                {r.label.length > 14 ? `${r.label.slice(0, 13)}…` : r.label}
              </text>
              <rect x={labelWidth} y={y} width={w} height={barHeight} fill="#0031d8" />
              <text x={labelWidth + w + 6} y={y + barHeight - 5} fontSize="13" fill="#1a1a1a">
                {show(r)}
              </text>
            </g>
          );
        })}
      </svg>
      <Table caption={caption} dense>
        <THead>
          <tr>
            <Th>{labelHeader}</Th>
            <Th numeric>{valueHeader}</Th>
          </tr>
        </THead>
        <TBody>
          {rows.map((r) => (
            <Tr key={r.label}>
              <Th scope="row" className="font-normal">
                {r.label}
              </Th>
              <Td numeric>{show(r)}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </div>
  );
}

export function StatCard({ label, value }: { label: ReactNode; value: ReactNode }) {
  return (
    <div className="flex flex-col gap-1 rounded-8 border border-solid-gray-420 bg-white px-4 py-3">
      <dt className="text-dns-16N-130 text-solid-gray-800">{label}</dt>
      <dd className="text-std-24B-150 tabular-nums">{value}</dd>
    </div>
  );
}

/** The five-digit code the boundary file uses (N03_007): the six-digit code without its check digit. */
export const code5 = (code: string) => code.slice(0, 5);
