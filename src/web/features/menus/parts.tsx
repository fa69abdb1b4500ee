import { challengeAreaLabels } from '../../../shared/challenge-areas';
import type { AdvisorProfile, CatalogItem, MenuSettings } from '../../../shared/schemas/menus';
import { Alert } from '../../components/Alert';
import { DescriptionList } from '../../components/DescriptionList';
import { useI18n } from '../../i18n';
import { formatDateTime, formatNumber, formatThousandYen } from '../../lib/format';
import { menuFormatLabels } from './labels';

/** The proposal deadline that applies and where it comes from. */
export function DeadlineNote({ settings }: { settings: MenuSettings }) {
  const { t, locale } = useI18n();
  // One deadline per phase: the proposals phase's, the same on every page.
  if (!settings.effectiveDeadlineAt) return <Alert tone="info">{t('menus.deadline.none')}</Alert>;
  return (
    <Alert tone="info">
      {t('menus.deadline.phase', { at: formatDateTime(settings.effectiveDeadlineAt, locale) })}
    </Alert>
  );
}

type MenuFacts = Pick<
  CatalogItem,
  | 'organizationName'
  | 'challengeAreas'
  | 'format'
  | 'capacity'
  | 'unitCostThousandYen'
  | 'plannedHours'
  | 'onsiteDays'
  | 'regions'
  | 'description'
> & { deliverables?: string };

/** The facts of a proposal or a menu, as a description list. */
export function MenuFacts({ menu }: { menu: MenuFacts }) {
  const { t, pick, locale } = useI18n();
  const sep = locale === 'ja' ? '、' : ', ';
  const items = [
    { term: t('menus.company'), value: menu.organizationName },
    {
      term: t('menus.field.challengeAreas'),
      value: menu.challengeAreas.map((a) => challengeAreaLabels[a][locale]).join(sep),
    },
    { term: t('menus.field.format'), value: pick(menuFormatLabels[menu.format]) },
    { term: t('menus.field.capacity'), value: t('menus.capacityValue', { count: menu.capacity }) },
    { term: t('menus.field.unitCost'), value: formatThousandYen(menu.unitCostThousandYen, locale) },
    {
      term: t('menus.field.plannedHours'),
      value: t('menus.hoursValue', { count: formatNumber(menu.plannedHours, locale) }),
    },
    { term: t('menus.field.onsiteDays'), value: t('menus.daysValue', { count: menu.onsiteDays }) },
    {
      term: t('menus.field.regions'),
      value:
        menu.regions.length === 0
          ? t('menus.regionsNone')
          : menu.regions.map((r) => (locale === 'ja' ? r.name : r.nameEn)).join(sep),
    },
    {
      term: t('menus.field.description'),
      value: <span className="whitespace-pre-wrap">{menu.description}</span>,
    },
  ];
  if (menu.deliverables !== undefined) {
    items.push({
      term: t('menus.field.deliverables'),
      value: <span className="whitespace-pre-wrap">{menu.deliverables}</span>,
    });
  }
  return <DescriptionList items={items} />;
}

/** An advisor's profile: skills, qualifications, past projects. */
export function AdvisorCard({ advisor }: { advisor: AdvisorProfile }) {
  const { t, locale } = useI18n();
  const sep = locale === 'ja' ? '、' : ', ';
  const empty = advisor.version === null;
  return (
    <div className="flex flex-col gap-2 rounded-12 border border-solid-gray-420 bg-white p-4">
      <h3 className="text-std-17B-170">{advisor.displayName}</h3>
      {empty ? (
        <p className="text-std-16N-170 text-solid-gray-700">{t('menus.advisor.noProfile')}</p>
      ) : (
        <dl className="grid gap-1 text-std-16N-170 sm:grid-cols-[10rem_1fr]">
          <dt className="font-bold">{t('menus.advisor.skills')}</dt>
          <dd>{advisor.skills.join(sep) || '—'}</dd>
          <dt className="font-bold">{t('menus.advisor.qualifications')}</dt>
          <dd>{advisor.qualifications.join(sep) || '—'}</dd>
          <dt className="font-bold">{t('menus.advisor.pastProjects')}</dt>
          <dd>
            {advisor.pastProjects.length === 0 ? (
              '—'
            ) : (
              <ul className="list-disc pl-5">
                {advisor.pastProjects.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
      )}
      {advisor.bio && <p className="whitespace-pre-wrap text-std-16N-170">{advisor.bio}</p>}
    </div>
  );
}
