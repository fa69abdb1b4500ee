import type { AttendanceImportPreview } from './types';

/**
 * What the administrator decided for one row of an attendance report: count
 * it for a registration, for a municipality (someone who attended without
 * registering), or ignore it. Kept pure so the review screen's rules are tested.
 */
export type AttendanceChoice =
  | { kind: 'registration'; registrationId: string }
  | { kind: 'municipality'; municipalityId: string }
  | { kind: 'ignore' };

/** Matched rows go to their registration; the rest wait for a decision (ignored until then). */
export function initialChoices(preview: AttendanceImportPreview): Map<number, AttendanceChoice> {
  const choices = new Map<number, AttendanceChoice>();
  for (const row of preview.rows) {
    choices.set(
      row.index,
      row.match ? { kind: 'registration', registrationId: row.match.registrationId } : { kind: 'ignore' },
    );
  }
  return choices;
}

/** The <select> value of a choice: 'ignore', 'registration:<id>' or 'municipality:<id>'. */
export function choiceValue(choice: AttendanceChoice): string {
  if (choice.kind === 'registration') return `registration:${choice.registrationId}`;
  if (choice.kind === 'municipality') return `municipality:${choice.municipalityId}`;
  return 'ignore';
}

export function choiceOf(value: string): AttendanceChoice {
  const [kind, id] = value.split(':', 2);
  if (kind === 'registration' && id) return { kind: 'registration', registrationId: id };
  if (kind === 'municipality' && id) return { kind: 'municipality', municipalityId: id };
  return { kind: 'ignore' };
}

export function countChoices(
  preview: AttendanceImportPreview,
  choices: Map<number, AttendanceChoice>,
): { matched: number; unmatched: number; assigned: number; ignored: number } {
  let matched = 0;
  let assigned = 0;
  let ignored = 0;
  for (const row of preview.rows) {
    if (row.match) matched++;
    const choice = choices.get(row.index);
    if (!choice || choice.kind === 'ignore') ignored++;
    else assigned++;
  }
  return { matched, unmatched: preview.rows.length - matched, assigned, ignored };
}

/**
 * Minutes typed for a row to fix: a whole number 0–1440 (full-width digits too); null when the
 * text is not one, so the row is sent without minutes and the server names it.
 */
export function parseTypedMinutes(text: string | undefined): number | null {
  const t = (text ?? '').normalize('NFKC').trim();
  if (!/^\d{1,4}$/.test(t)) return null;
  const n = Number(t);
  return n <= 1440 ? n : null;
}

/** How many rows have a duration the report did not make readable. */
export function countRowsToFix(preview: AttendanceImportPreview): number {
  return preview.rows.filter((r) => r.problem).length;
}

/**
 * The rows sent on confirm: every row with its decision, so nothing is dropped silently; a row to
 * fix carries the minutes typed for it.
 */
export function toConfirmRows(
  preview: AttendanceImportPreview,
  choices: Map<number, AttendanceChoice>,
  typedMinutes: Map<number, string> = new Map(),
) {
  return preview.rows.map((row) => {
    const choice = choices.get(row.index) ?? { kind: 'ignore' as const };
    const minutes = row.problem ? parseTypedMinutes(typedMinutes.get(row.index)) : null;
    return {
      index: row.index,
      ...(choice.kind === 'registration' ? { registrationId: choice.registrationId } : {}),
      ...(choice.kind === 'municipality' ? { municipalityId: choice.municipalityId } : {}),
      ...(minutes !== null && choice.kind !== 'ignore' ? { minutes } : {}),
      isIgnored: choice.kind === 'ignore',
    };
  });
}
