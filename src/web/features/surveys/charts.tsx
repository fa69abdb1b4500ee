import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';

export interface CountRow {
  label: string;
  count: number;
}

/**
 * A horizontal bar chart in plain SVG (no outside request, nothing to load) with the same numbers
 * in a table beside it: the chart is decoration for sighted readers (aria-hidden), the table is
 * the accessible and exact form.
 */
export function CountChart({
  caption,
  rows,
  total,
}: {
  caption: string;
  rows: CountRow[];
  /** Denominator of the share column: respondents (a multiple choice counts each option). */
  total: number;
}) {
  const { t, locale } = useI18n();
  const max = Math.max(1, ...rows.map((r) => r.count));
  const barHeight = 22;
  const labelWidth = 260;
  const chartWidth = 320;
  const height = rows.length * (barHeight + 8) + 8;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <svg
        aria-hidden="true"
        width={labelWidth + chartWidth + 60}
        height={height}
        viewBox={`0 0 ${labelWidth + chartWidth + 60} ${height}`}
        className="max-w-full"
      >
        {rows.map((r, i) => {
          const y = 8 + i * (barHeight + 8);
          const w = Math.round((r.count / max) * chartWidth);
          return (
            <g key={r.label}>
              <text x={labelWidth - 8} y={y + barHeight - 6} textAnchor="end" fontSize="13" fill="#1a1a1a">
                {r.label.length > 20 ? `${r.label.slice(0, 19)}…` : r.label}
              </text>
              <rect x={labelWidth} y={y} width={w} height={barHeight} fill="#0031d8" />
              <text x={labelWidth + w + 6} y={y + barHeight - 6} fontSize="13" fill="#1a1a1a">
                {r.count}
              </text>
            </g>
          );
        })}
      </svg>
      <Table caption={caption} dense>
        <THead>
          <tr>
            <Th>{t('surveys.resultsPage.option')}</Th>
            <Th numeric>{t('surveys.resultsPage.count')}</Th>
            <Th numeric>{t('surveys.resultsPage.share')}</Th>
          </tr>
        </THead>
        <TBody>
          {rows.map((r) => (
            <Tr key={r.label}>
              <Td>{r.label}</Td>
              <Td numeric>{formatNumber(r.count, locale)}</Td>
              <Td numeric>{total > 0 ? `${Math.round((r.count / total) * 1000) / 10}%` : '—'}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </div>
  );
}

/** Background for a maturity level 1–5; the number is always written in the cell too. */
export function levelColour(level: number | null | undefined): string {
  switch (level) {
    case 1:
      return 'bg-red-100';
    case 2:
      return 'bg-orange-100';
    case 3:
      return 'bg-yellow-100';
    case 4:
      return 'bg-green-100';
    case 5:
      return 'bg-green-300';
    default:
      return 'bg-white';
  }
}
