import { useParams } from 'react-router';
import { challengeAreaLabels } from '../../../shared/challenge-areas';
import { applicationStatusLabels, supportProjectStatusLabels } from '../../../shared/schemas/applications';
import type { MunicipalityProfile, ProfileYear } from '../../../shared/schemas/reports';
import { useCurrentUser } from '../../api/session';
import { Button } from '../../components/Button';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { useI18n } from '../../i18n';
import { formatDate, formatFiscalYear, formatNumber } from '../../lib/format';
import { exportUrls, useMunicipalityProfile } from './api';
import { ExportLinks } from './parts';

const level = (v: number | null, dash: string) => (v === null ? dash : String(v));

function SurveyPart({ year }: { year: ProfileYear }) {
  const { t, pick, locale } = useI18n();
  const s = year.survey;
  if (!s.asked) return <p>{t('reports.profile.notAsked')}</p>;
  const dash = t('reports.notRecorded');
  return (
    <>
      {!s.submitted && <p>{t('reports.profile.notSubmitted')}</p>}
      <Table caption={t('reports.profile.maturityCaption')} dense>
        <THead>
          <tr>
            <Th>{t('reports.profile.area')}</Th>
            <Th numeric>{t('reports.profile.own')}</Th>
            <Th numeric>{t('reports.profile.average')}</Th>
            <Th>{t('reports.profile.helpWanted')}</Th>
          </tr>
        </THead>
        <TBody>
          <Tr>
            <Th scope="row">{t('reports.profile.overall')}</Th>
            <Td numeric>{level(s.overallLevel, dash)}</Td>
            <Td numeric>
              {s.prefectureOverallAverage === null ? dash : formatNumber(s.prefectureOverallAverage, locale)}
            </Td>
            <Td />
          </Tr>
          {s.areas.map((a) => (
            <Tr key={a.area}>
              <Th scope="row">{pick(challengeAreaLabels[a.area])}</Th>
              <Td numeric>{level(a.level, dash)}</Td>
              <Td numeric>
                {a.prefectureAverage === null ? dash : formatNumber(a.prefectureAverage, locale)}
              </Td>
              <Td>{s.helpWantedAreas.includes(a.area) ? t('reports.profile.yes') : ''}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      <p className="text-dns-14N-130 text-solid-gray-700">
        {t('reports.profile.respondents', { count: formatNumber(s.respondents, locale) })}
      </p>
    </>
  );
}

function SupportPart({ year }: { year: ProfileYear }) {
  const { t, pick, locale } = useI18n();
  return (
    <>
      {year.applications.length === 0 ? (
        <p>{t('reports.profile.noApplications')}</p>
      ) : (
        <Table caption={t('reports.profile.applicationsCaption')} dense>
          <THead>
            <tr>
              <Th>{t('reports.profile.projectTitle')}</Th>
              <Th>{t('reports.profile.status')}</Th>
              <Th>{t('reports.profile.submittedAt')}</Th>
            </tr>
          </THead>
          <TBody>
            {year.applications.map((a) => (
              <Tr key={a.id}>
                <Td>{t('reports.profile.menuCount', { count: a.menuCount })}</Td>
                <Td>
                  {pick(
                    applicationStatusLabels[a.status as keyof typeof applicationStatusLabels] ?? {
                      ja: a.status,
                      en: a.status,
                    },
                  )}
                </Td>
                <Td>{a.submittedAt ? formatDate(a.submittedAt, locale) : t('reports.notRecorded')}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      {year.supportProjects.length === 0 ? (
        <p>{t('reports.profile.noProjects')}</p>
      ) : (
        <Table caption={t('reports.profile.projectsCaption')} dense>
          <THead>
            <tr>
              <Th>{t('reports.profile.projectTitle')}</Th>
              <Th>{t('reports.profile.company')}</Th>
              <Th>{t('reports.profile.status')}</Th>
            </tr>
          </THead>
          <TBody>
            {year.supportProjects.map((p) => (
              <Tr key={p.id}>
                <Td>{p.title}</Td>
                <Td>{p.companyName}</Td>
                <Td>
                  {pick(
                    supportProjectStatusLabels[p.status as keyof typeof supportProjectStatusLabels] ?? {
                      ja: p.status,
                      en: p.status,
                    },
                  )}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </>
  );
}

function SeminarPart({ year }: { year: ProfileYear }) {
  const { t, locale } = useI18n();
  const yn = (b: boolean) => (b ? t('reports.profile.yes') : t('reports.profile.no'));
  return (
    <Table caption={t('reports.profile.seminarsCaption')} dense>
      <THead>
        <tr>
          <Th>{t('reports.profile.audience')}</Th>
          <Th>{t('reports.profile.registered')}</Th>
          <Th>{t('reports.profile.attended')}</Th>
          <Th>{t('reports.profile.watched')}</Th>
          <Th>{t('reports.profile.reached')}</Th>
          <Th numeric>{t('reports.profile.share')}</Th>
        </tr>
      </THead>
      <TBody>
        {year.seminars.map((s) => (
          <Tr key={s.audience}>
            <Th scope="row">
              {t(s.audience === 'heads' ? 'reports.profile.heads' : 'reports.profile.staff')}
            </Th>
            <Td>{yn(s.registered)}</Td>
            <Td>{yn(s.attended)}</Td>
            <Td>{yn(s.watchedArchive)}</Td>
            <Td>{yn(s.reached)}</Td>
            <Td numeric>{`${formatNumber(Math.round(s.prefectureShare * 1000) / 10, locale)}%`}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

function ProfileBody({ profile }: { profile: MunicipalityProfile }) {
  const { t, locale } = useI18n();
  return (
    <div className="flex flex-col gap-10 print:gap-4">
      {profile.years.map((year) => (
        <Section key={year.fiscalYear} title={formatFiscalYear(year.fiscalYear, locale)} boxed>
          <Section title={t('reports.profile.surveyTitle')} level={3}>
            <SurveyPart year={year} />
          </Section>
          <Section title={t('reports.profile.supportTitle')} level={3}>
            <SupportPart year={year} />
          </Section>
          <Section title={t('reports.profile.seminarsTitle')} level={3}>
            <SeminarPart year={year} />
          </Section>
        </Section>
      ))}
    </div>
  );
}

/**
 * One municipality's profile on one printable page: its own figures beside anonymised prefecture
 * averages. The prefecture and the council open any municipality's; a municipality its own.
 */
export default function MunicipalityProfilePage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const user = useCurrentUser();
  const profile = useMunicipalityProfile(id);
  const isOwn = user.organization.municipalityId === id;
  const name = profile.data
    ? locale === 'ja'
      ? profile.data.municipality.name
      : profile.data.municipality.nameEn
    : '';
  const title = isOwn ? t('reports.profile.myTitle') : t('reports.profile.title', { name });
  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        title={title}
        breadcrumbs={
          isOwn
            ? [{ label: t('nav.home'), to: '/' }, { label: title }]
            : [
                { label: t('nav.home'), to: '/' },
                { label: t('reports.title'), to: '/reports' },
                { label: title },
              ]
        }
        description={t('reports.profile.description')}
        meta={
          profile.data && (
            <span className="text-std-16B-170">
              {name}（{profile.data.municipality.code}）{' '}
              {t('reports.profile.region', {
                name:
                  locale === 'ja'
                    ? profile.data.municipality.regionName
                    : profile.data.municipality.regionNameEn,
              })}
            </span>
          )
        }
        actions={
          <>
            <Button variant="primary" className="print:hidden" onClick={() => window.print()}>
              {t('reports.print')}
            </Button>
            <ExportLinks url={(format) => exportUrls.profile(id, format)} />
          </>
        }
      />
      <QueryState query={profile}>{(data) => <ProfileBody profile={data} />}</QueryState>
    </div>
  );
}
