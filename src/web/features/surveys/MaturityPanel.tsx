import { challengeAreaLabels } from '../../../shared/challenge-areas';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { useI18n } from '../../i18n';
import { useMaturity } from './api';

/**
 * A town's own DX maturity level from its submitted needs response: overall and one row per
 * challenge area the survey marks (docs/maturity-model.md). Levels are 1–5; an area without
 * answers has none, said in words rather than as "level 1".
 */
export function MaturityPanel({
  surveyId,
  municipalityId,
  submittedAt,
}: {
  surveyId: string;
  municipalityId: string;
  /** Part of the query key, so the levels are read again after (re)submission. */
  submittedAt: string | null;
}) {
  const { t, pick } = useI18n();
  const maturity = useMaturity(surveyId, municipalityId, submittedAt);
  const levelText = (level: number | null) =>
    level === null ? t('surveys.maturity.noLevel') : t('surveys.maturity.level', { level });
  return (
    <Section title={t('surveys.maturity.title')} description={t('surveys.maturity.description')} boxed>
      <QueryState query={maturity}>
        {(m) =>
          m.submittedAt === null ? (
            <p>{t('surveys.maturity.notSubmitted')}</p>
          ) : (
            <div className="flex flex-col gap-4">
              <p className="text-std-18B-160">
                {t('surveys.maturity.overall', { level: levelText(m.overallLevel) })}
              </p>
              <Table caption={t('surveys.maturity.tableCaption', { name: m.municipalityName })} dense>
                <THead>
                  <tr>
                    <Th>{t('surveys.maturity.area')}</Th>
                    <Th numeric>{t('surveys.maturity.levelColumn')}</Th>
                    <Th numeric>{t('surveys.maturity.answerCount')}</Th>
                    <Th>{t('surveys.maturity.helpWanted')}</Th>
                  </tr>
                </THead>
                <TBody>
                  {m.areas.map((a) => (
                    <Tr key={a.area}>
                      <Th scope="row">{pick(challengeAreaLabels[a.area])}</Th>
                      <Td numeric>{levelText(a.level)}</Td>
                      <Td numeric>{a.answerCount}</Td>
                      <Td>{m.helpWantedAreas.includes(a.area) ? t('surveys.maturity.wanted') : ''}</Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            </div>
          )
        }
      </QueryState>
    </Section>
  );
}
