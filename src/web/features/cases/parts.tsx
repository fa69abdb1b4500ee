import { challengeAreaLabels } from '../../../shared/challenge-areas';
import { type CaseStudy, caseStatusLabels, municipalityKindLabels } from '../../../shared/schemas/cases';
import { Badge, type BadgeTone } from '../../components/Badge';
import { DescriptionList } from '../../components/DescriptionList';
import { type MessageKey, useI18n } from '../../i18n';
import { formatFiscalYear, formatThousandYen } from '../../lib/format';

const bandKeys: Record<string, MessageKey> = {
  under_10k: 'cases.populationBands.under_10k',
  '10k_50k': 'cases.populationBands.10k_50k',
  '50k_100k': 'cases.populationBands.50k_100k',
  '100k_plus': 'cases.populationBands.100k_plus',
  unknown: 'cases.populationBands.unknown',
};

export function useCaseLabels() {
  const { t, locale } = useI18n();
  return {
    kind: (kind: string) =>
      municipalityKindLabels[kind as keyof typeof municipalityKindLabels]?.[locale] ?? kind,
    band: (band: string) => t(bandKeys[band] ?? 'cases.populationBands.unknown'),
    areas: (c: Pick<CaseStudy, 'challengeAreas'>) =>
      c.challengeAreas.map((a) => challengeAreaLabels[a][locale]).join(locale === 'ja' ? '、' : ', '),
    town: (c: Pick<CaseStudy, 'municipality'>) =>
      locale === 'ja' ? c.municipality.name : c.municipality.nameEn,
    region: (c: Pick<CaseStudy, 'municipality'>) =>
      locale === 'ja' ? c.municipality.region.name : c.municipality.region.nameEn,
    cost: (c: Pick<CaseStudy, 'costThousandYen'>) =>
      c.costThousandYen === null ? t('cases.costUnknown') : formatThousandYen(c.costThousandYen, locale),
    year: (c: Pick<CaseStudy, 'fiscalYear'>) => formatFiscalYear(c.fiscalYear.year, locale),
  };
}

const statusTones: Record<CaseStudy['status'], BadgeTone> = {
  draft: 'neutral',
  awaiting_municipality: 'warning',
  awaiting_prefecture: 'warning',
  published: 'success',
  unpublished: 'error',
};

export function CaseStatusBadge({ status }: { status: CaseStudy['status'] }) {
  const { pick } = useI18n();
  return <Badge tone={statusTones[status]}>{pick(caseStatusLabels[status])}</Badge>;
}

/** The 例示 mark: in words (never colour alone). */
export function IllustrativeBadge() {
  const { t } = useI18n();
  return <Badge tone="info">{t('cases.illustrative')}</Badge>;
}

/**
 * One case as a printed page shows it: the facts, then the story (challenge, approach, tools,
 * cost, effect). `headingLevel` 1 on its own page, 2 inside the booklet.
 */
export function CaseArticle({
  c,
  headingLevel,
  headingId,
}: {
  c: CaseStudy;
  headingLevel: 1 | 2;
  headingId?: string;
}) {
  const { t } = useI18n();
  const l = useCaseLabels();
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  const Sub = headingLevel === 1 ? 'h2' : 'h3';
  return (
    <article aria-labelledby={headingId} className="flex flex-col gap-5">
      {headingLevel === 2 && (
        <Heading id={headingId} className="text-std-24B-150 text-solid-gray-900">
          {c.title}
        </Heading>
      )}
      {c.isIllustrative && (
        <p className="flex flex-wrap items-center gap-2 text-std-16N-170 text-solid-gray-800">
          <IllustrativeBadge />
          {t('cases.illustrativeNote')}
        </p>
      )}
      <DescriptionList
        items={[
          {
            term: t('cases.fields.municipality'),
            value: `${l.town(c)}（${l.kind(c.municipality.kind)}・${l.region(c)}・${l.band(c.municipality.populationBand)}）`,
          },
          { term: t('cases.fields.fiscalYear'), value: l.year(c) },
          { term: t('cases.fields.areas'), value: l.areas(c) },
          ...(c.menu ? [{ term: t('cases.fields.menu'), value: c.menu.title }] : []),
          ...(c.companyName ? [{ term: t('cases.fields.company'), value: c.companyName }] : []),
          { term: t('cases.fields.cost'), value: l.cost(c) },
        ]}
      />
      {(
        [
          ['challenge', c.challenge],
          ['approach', c.approach],
          ['tools', c.tools],
          ['effect', c.effect],
        ] as const
      ).map(([field, text]) =>
        text ? (
          <section key={field} className="print-avoid-break flex flex-col gap-2">
            <Sub className="text-std-20B-150 text-solid-gray-900">{t(`cases.fields.${field}`)}</Sub>
            <p className="text-std-16N-170 whitespace-pre-line">{text}</p>
          </section>
        ) : null,
      )}
    </article>
  );
}
