import type {
  ApplicationStatus,
  CallState,
  Explanation,
  RunDetail,
  RunStatus,
} from '../../../shared/schemas/applications';
import type { BadgeTone } from '../../components/Badge';

export {
  applicationStatusLabels,
  callStateLabels,
  runStatusLabels,
  supportProjectStatusLabels,
} from '../../../shared/schemas/applications';

export const callStateTones: Record<CallState, BadgeTone> = {
  upcoming: 'neutral',
  open: 'info',
  closed: 'warning',
  approved: 'accent',
  published: 'success',
};

export const applicationStatusTones: Record<ApplicationStatus, BadgeTone> = {
  draft: 'neutral',
  awaiting_head: 'warning',
  submitted: 'info',
  withdrawn: 'neutral',
  selected: 'success',
  not_selected: 'error',
};

export const runStatusTones: Record<RunStatus, BadgeTone> = {
  queued: 'neutral',
  running: 'warning',
  done: 'info',
  failed: 'error',
  approved: 'accent',
  published: 'success',
};

/**
 * A run is still being worked on — solved, or its counterfactuals computed after the result: its
 * page polls until this turns false.
 */
export function isRunPending(status: RunStatus | undefined, counterfactualsPending = false): boolean {
  return status === 'queued' || status === 'running' || counterfactualsPending;
}

/**
 * Moves the choice at `index` one place up (-1) or down (+1). Ranked choices are reordered with
 * buttons (keyboard and screen readers), never by dragging only; a move past either end is a no-op.
 */
export function moveChoice<T>(list: readonly T[], index: number, delta: -1 | 1): T[] {
  const target = index + delta;
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return [...list];
  const next = [...list];
  [next[index], next[target]] = [next[target] as T, next[index] as T];
  return next;
}

/** Adds a menu as the lowest-ranked choice, unless it is already chosen or the limit is reached. */
export function addChoice(list: readonly string[], id: string, max: number): string[] {
  if (id === '' || list.includes(id) || list.length >= max) return [...list];
  return [...list, id];
}

export function removeChoice(list: readonly string[], index: number): string[] {
  return list.filter((_, i) => i !== index);
}

/** One application whose outcome differs between two runs (or that only one run considered). */
export interface OutcomeDifference {
  applicationId: string;
  municipalityName: string;
  a: Pick<Explanation, 'outcome' | 'menuTitle' | 'rank'> | null;
  b: Pick<Explanation, 'outcome' | 'menuTitle' | 'rank'> | null;
}

type RunOutcomes = Pick<RunDetail, 'explanations' | 'applications'>;

/**
 * The applications two runs decide differently: selected in one and not in the other, or selected
 * with another menu. Ordered by municipality name so the table reads like a list of towns.
 */
export function diffRuns(a: RunOutcomes, b: RunOutcomes): OutcomeDifference[] {
  const names = new Map<string, string>();
  for (const app of [...a.applications, ...b.applications])
    names.set(app.applicationId, app.municipalityName);
  const byId = (run: RunOutcomes) => new Map(run.explanations.map((e) => [e.applicationId, e]));
  const inA = byId(a);
  const inB = byId(b);
  const ids = new Set([...inA.keys(), ...inB.keys()]);
  const differences: OutcomeDifference[] = [];
  for (const id of ids) {
    const x = inA.get(id);
    const y = inB.get(id);
    const same = x && y && x.outcome === y.outcome && (x.outcome === 'not_selected' || x.menuId === y.menuId);
    if (same) continue;
    const pick = (e: Explanation | undefined) =>
      e ? { outcome: e.outcome, menuTitle: e.menuTitle, rank: e.rank } : null;
    differences.push({ applicationId: id, municipalityName: names.get(id) ?? id, a: pick(x), b: pick(y) });
  }
  return differences.sort(
    (p, q) =>
      p.municipalityName.localeCompare(q.municipalityName, 'ja') ||
      p.applicationId.localeCompare(q.applicationId),
  );
}

/**
 * Width (0–100 %) of a bar comparing a value with its baseline: the larger of the two fills the
 * track, so both bars of one measure share a scale.
 */
export function barPercent(value: number, other: number): number {
  const max = Math.max(value, other);
  if (max <= 0 || !Number.isFinite(max)) return 0;
  return Math.round((Math.max(0, value) / max) * 1000) / 10;
}

/** "本文（補足）" in Japanese, "text (note)" in English. */
export function withNote(text: string, note: string, locale: 'ja' | 'en'): string {
  return locale === 'ja' ? `${text}（${note}）` : `${text} (${note})`;
}

/** '' or a whole number ≥ 0 written with or without thousands separators; anything else → NaN. */
export function parseWholeNumber(text: string): number | undefined {
  const trimmed = text.trim().replace(/[,，]/g, '');
  if (trimmed === '') return undefined;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}
