import { type ChallengeArea, challengeAreaSchema } from '../../shared/challenge-areas';
import type { Answers, Section } from '../../shared/schemas/surveys';
import { scoreMaturity } from './maturity';

/**
 * What the needs survey says about one municipality in one fiscal year, in the terms other
 * features use: the support-menu recommendations rank menus against it, dashboards map it.
 * Produced by the surveys feature from the submitted needs-survey response; pure data.
 */
export interface MunicipalityNeedsProfile {
  municipalityId: string;
  fiscalYearId: string;
  /** Areas where the municipality answered that it wants help, in the order it gave them. */
  helpWantedAreas: ChallengeArea[];
  /** Maturity per area, 1 (not started) to 5 (advanced); an area missing here was not asked. */
  maturityByArea: Partial<Record<ChallengeArea, number>>;
  /** Overall maturity level 1–5, or null when the response does not allow a score. */
  overallLevel: number | null;
  /** Free-text answers ("voices"), as written. */
  voices: string[];
}

/** The question of the needs survey whose answer lists the challenge areas a town wants help in. */
export const HELP_WANTED_KEY = 'help_wanted_areas';

/** The challenge areas a response asks help for; values that are not areas are ignored. */
export function helpWantedAreasOf(answers: Answers): ChallengeArea[] {
  const help = answers[HELP_WANTED_KEY];
  return (Array.isArray(help) ? help : []).flatMap((v) => {
    const parsed = challengeAreaSchema.safeParse(v);
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * The profile of one submitted needs-survey response: help wanted, maturity per area and overall
 * (docs/maturity-model.md), and the non-empty free-text answers in question order.
 */
export function computeNeedsProfile(
  sections: Section[],
  answers: Answers,
  of: { municipalityId: string; fiscalYearId: string },
): MunicipalityNeedsProfile {
  const maturity = scoreMaturity(sections, answers);
  const voices = sections
    .flatMap((s) => s.questions)
    .filter((q) => q.type === 'long_text')
    .map((q) => answers[q.key])
    .filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  return {
    municipalityId: of.municipalityId,
    fiscalYearId: of.fiscalYearId,
    helpWantedAreas: helpWantedAreasOf(answers),
    maturityByArea: maturity.byArea,
    overallLevel: maturity.overall,
    voices,
  };
}
