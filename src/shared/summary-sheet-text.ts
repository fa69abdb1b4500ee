/**
 * The wording of the program summary sheet (事業概要), in the shape of the prefecture's own
 * document (令和6年3月, デジタル変革課): 【目的】【事業内容】【実績】【予算】【スケジュール】【効果】.
 * Every figure comes from the sheet's data; this only puts it into sentences, in ja and en, so
 * the printable page and the workbook say exactly the same thing.
 */
import { formatFiscalYearShort } from './fiscal-year';
import type { SummaryResult, SummarySheet } from './schemas/reports';
import { phaseKindLabels } from './schemas/fiscal-years';

type Locale = 'ja' | 'en';

export interface SummarySection {
  key: 'purpose' | 'content' | 'results' | 'budget' | 'schedule' | 'effects';
  heading: string;
  lines: string[];
}

const headings: Record<SummarySection['key'], { ja: string; en: string }> = {
  purpose: { ja: '目的', en: 'Purpose' },
  content: { ja: '事業内容', en: 'Content' },
  results: { ja: '実績', en: 'Results' },
  budget: { ja: '予算', en: 'Budget' },
  schedule: { ja: 'スケジュール', en: 'Schedule' },
  effects: { ja: '効果', en: 'Effects' },
};

const grouped = new Intl.NumberFormat('en-US');
/** 69,545千円 / ¥69,545 thousand. */
export function thousandYen(value: number | null, locale: Locale): string {
  if (value === null) return locale === 'ja' ? '未登録' : 'not recorded';
  return locale === 'ja' ? `${grouped.format(value)}千円` : `¥${grouped.format(value)} thousand`;
}

const fy = formatFiscalYearShort;

function resultLine(sheet: SummarySheet, r: SummaryResult, locale: Locale): string {
  if (sheet.programKind === 'seminar_series') {
    return locale === 'ja'
      ? `${fy(r.fiscalYear, 'ja')}開催実績：首長・副首長等向け ${r.heads ?? 0}市町村、職員向け ${r.staff ?? 0}市町村`
      : `${fy(r.fiscalYear, 'en')} seminars: heads and deputies of ${r.heads ?? 0} municipalities, staff of ${r.staff ?? 0} municipalities`;
  }
  if (r.kind === 'actual') {
    return locale === 'ja'
      ? `${fy(r.fiscalYear, 'ja')}実績：${r.municipalities}市町村`
      : `${fy(r.fiscalYear, 'en')} results: ${r.municipalities} municipalities`;
  }
  return locale === 'ja'
    ? `${fy(r.fiscalYear, 'ja')}：${r.municipalities}市町村で${r.projects}事業を実施予定`
    : `${fy(r.fiscalYear, 'en')}: ${r.projects} projects planned in ${r.municipalities} municipalities`;
}

/** 8月1日～1月31日 / 1 Aug – 31 Jan. */
function dateRange(startsOn: string, endsOn: string, locale: Locale): string {
  const part = (ymd: string) => {
    const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
    if (locale === 'ja') return `${y}年${m}月${d}日`;
    const month = new Date(Date.UTC(y, m - 1, d)).toLocaleString('en-GB', {
      month: 'short',
      timeZone: 'UTC',
    });
    return `${d} ${month} ${y}`;
  };
  return locale === 'ja' ? `${part(startsOn)}～${part(endsOn)}` : `${part(startsOn)} – ${part(endsOn)}`;
}

function purpose(sheet: SummarySheet, locale: Locale): string {
  const n = sheet.municipalityCount;
  switch (sheet.programKind) {
    case 'advisor_dispatch':
      return locale === 'ja'
        ? `県内全${n}市町村を対象に、市町村へICTの専門家を派遣し、市町村のDX推進を支援する。`
        : `To support the digital transformation of all ${n} municipalities of the prefecture by sending them ICT experts.`;
    case 'seminar_series':
      return locale === 'ja'
        ? `首長等から職員まで、県内${n}市町村におけるDXの基礎的な共通理解の形成と実践意識の醸成を図る。`
        : `To build a shared basic understanding of DX, from heads to staff, in the ${n} municipalities of the prefecture.`;
    default:
      return locale === 'ja' ? sheet.programName : sheet.programNameEn;
  }
}

function effects(sheet: SummarySheet, locale: Locale): string[] {
  const lines: string[] = [];
  const e = sheet.effects;
  if (e.cumulativeMunicipalities !== null && e.firstFiscalYear !== null) {
    lines.push(
      locale === 'ja'
        ? `${fy(e.firstFiscalYear, 'ja')}からの支援市町村数（累計）：${e.cumulativeMunicipalities}市町村（全${sheet.municipalityCount}市町村中）`
        : `Municipalities supported since ${fy(e.firstFiscalYear, 'en')}: ${e.cumulativeMunicipalities} of ${sheet.municipalityCount}`,
    );
  }
  if (e.seminarReach) {
    const r = e.seminarReach;
    lines.push(
      locale === 'ja'
        ? `${fy(r.fiscalYear, 'ja')}の到達：首長・副首長等 ${r.heads}市町村、職員 ${r.staff}市町村（全${sheet.municipalityCount}市町村中）`
        : `Reached in ${fy(r.fiscalYear, 'en')}: heads and deputies of ${r.heads}, staff of ${r.staff} of the ${sheet.municipalityCount} municipalities`,
    );
  }
  const ev = e.evaluations;
  if (ev && ev.evaluations > 0) {
    const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`);
    const satisfaction = ev.avgSatisfaction === null ? '—' : ev.avgSatisfaction.toFixed(1);
    lines.push(
      locale === 'ja'
        ? `${fy(sheet.fiscalYear, 'ja')}の事後アンケート：${ev.projects}事業中${ev.evaluations}事業が回答、課題解決に役立った ${percent(ev.helpedRate)}、満足度 平均${satisfaction}（5段階）、他団体に薦める ${percent(ev.recommendRate)}`
        : `${fy(sheet.fiscalYear, 'en')} post-support survey: ${ev.evaluations} of ${ev.projects} projects answered; helped solve the challenge ${percent(ev.helpedRate)}, satisfaction ${satisfaction} of 5 on average, would recommend ${percent(ev.recommendRate)}`,
    );
  } else if (ev) {
    lines.push(
      locale === 'ja'
        ? '事後アンケート（評価）の結果は、評価の実施後にここへ掲載します。'
        : 'The post-support evaluation results will appear here once evaluations are recorded.',
    );
  }
  return lines;
}

/** The sheet's sections with their sentences, in the order of the source document. */
export function summarySheetSections(sheet: SummarySheet, locale: Locale): SummarySection[] {
  const b = sheet.budget;
  const budgetLine =
    locale === 'ja'
      ? `${fy(sheet.fiscalYear, 'ja')}当初予算額 ${thousandYen(b.currentThousandYen, 'ja')}（${fy(b.previousFiscalYear, 'ja')}当初予算額 ${thousandYen(b.previousThousandYen, 'ja')}）`
      : `${fy(sheet.fiscalYear, 'en')} initial budget ${thousandYen(b.currentThousandYen, 'en')} (${fy(b.previousFiscalYear, 'en')}: ${thousandYen(b.previousThousandYen, 'en')})`;
  const sections: SummarySection[] = [
    { key: 'purpose', heading: headings.purpose[locale], lines: [purpose(sheet, locale)] },
    {
      key: 'content',
      heading: headings.content[locale],
      lines: sheet.description ? [sheet.description] : [],
    },
    {
      key: 'results',
      heading: headings.results[locale],
      lines: sheet.results.map((r) => resultLine(sheet, r, locale)),
    },
    { key: 'budget', heading: headings.budget[locale], lines: [budgetLine] },
    {
      key: 'schedule',
      heading: headings.schedule[locale],
      lines: sheet.schedule.map(
        (p) =>
          `${dateRange(p.startsOn, p.endsOn, locale)} ${phaseKindLabels[p.kind][locale]}${p.note ? (locale === 'ja' ? `（${p.note}）` : ` (${p.note})`) : ''}`,
      ),
    },
    { key: 'effects', heading: headings.effects[locale], lines: effects(sheet, locale) },
  ];
  return sections;
}
