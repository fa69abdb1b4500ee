/**
 * The caps a support project's sessions count against (pure arithmetic, no I/O): the program's
 * per-project caps (onsite days, online hours; the year's settings) and the menu's planned effort
 * (hours, onsite days; from the menu proposal). A session that would bring a cap to 80 % or more
 * is warned about; one that would cross a cap is refused unless the prefecture approved an
 * exceedance for the project.
 */
import {
  type CapKind,
  type CapState,
  type CapWarning,
  capKindLabels,
  capWarnRatio,
} from '../../shared/schemas/projects';

export interface Session {
  date: string;
  mode: 'onsite' | 'online';
  minutes: number;
}

export interface UsageTotals {
  onsiteDays: number;
  onlineMinutes: number;
  totalMinutes: number;
  sessions: number;
}

/** Limits in the units used: days, and minutes for hours; null = no cap. */
export type CapLimits = Record<CapKind, number | null>;

export function usageOf(sessions: readonly Session[]): UsageTotals {
  const onsiteDates = new Set(sessions.filter((s) => s.mode === 'onsite').map((s) => s.date));
  return {
    onsiteDays: onsiteDates.size,
    onlineMinutes: sessions.filter((s) => s.mode === 'online').reduce((n, s) => n + s.minutes, 0),
    totalMinutes: sessions.reduce((n, s) => n + s.minutes, 0),
    sessions: sessions.length,
  };
}

function usedFor(kind: CapKind, usage: UsageTotals): number {
  switch (kind) {
    case 'program_onsite_days':
    case 'menu_onsite_days':
      return usage.onsiteDays;
    case 'program_online_hours':
      return usage.onlineMinutes;
    case 'menu_hours':
      return usage.totalMinutes;
  }
}

const isHours = (kind: CapKind) => kind === 'program_online_hours' || kind === 'menu_hours';
const levelRank = { ok: 0, near: 1, reached: 2, over: 3 } as const;
type Level = keyof typeof levelRank;

function levelOf(used: number, limit: number | null): Level {
  if (limit === null) return 'ok';
  if (used > limit) return 'over';
  if (limit > 0 && used === limit) return 'reached';
  if (limit > 0 && used >= limit * capWarnRatio) return 'near';
  return 'ok';
}

/** Every cap with its use, in API units (hours for hours). */
export function capStates(usage: UsageTotals, limits: CapLimits): CapState[] {
  return (Object.keys(limits) as CapKind[]).map((kind) => {
    const limit = limits[kind];
    const used = usedFor(kind, usage);
    const scale = isHours(kind) ? 60 : 1;
    return {
      kind,
      limit: limit === null ? null : limit / scale,
      used: used / scale,
      level: levelOf(used, limit),
    };
  });
}

function warningText(state: CapState): { ja: string; en: string } {
  const label = capKindLabels[state.kind];
  const unitJa = isHours(state.kind) ? '時間' : '日';
  const unitEn = isHours(state.kind) ? 'hours' : 'days';
  const figures = `${state.used} / ${state.limit}`;
  switch (state.level) {
    case 'over':
      return {
        ja: `${label.ja}を超えています（${figures}${unitJa}、超過承認済み）。`,
        en: `${label.en} exceeded (${figures} ${unitEn}, exceedance approved).`,
      };
    case 'reached':
      return {
        ja: `${label.ja}に達しました（${figures}${unitJa}）。これ以上の記録には県の超過承認が必要です。`,
        en: `${label.en} reached (${figures} ${unitEn}). Further sessions need the prefecture's approval.`,
      };
    default:
      return {
        ja: `${label.ja}の8割を超えました（${figures}${unitJa}）。`,
        en: `Over 80% of the ${label.en.charAt(0).toLowerCase()}${label.en.slice(1)} (${figures} ${unitEn}).`,
      };
  }
}

export interface EntryCheck {
  usage: UsageTotals;
  caps: CapState[];
  /** Caps this entry moved to a higher level (near, reached, over). */
  warnings: CapWarning[];
  /** Caps this entry would cross (refused without an approved exceedance). */
  crossed: CapKind[];
}

/** What adding `entry` to `before` does to the caps. */
export function checkEntry(before: readonly Session[], entry: Session, limits: CapLimits): EntryCheck {
  return compare(before, [...before, entry], limits);
}

/**
 * What replacing one session (`previous`) by its edited version (`entry`) does to the caps, the
 * other sessions (`others`) unchanged: the same rules as a new entry, measured from the ledger as
 * it stood. An edit that lowers a total never counts as crossing, even on a cap already over.
 */
export function checkEdit(
  others: readonly Session[],
  previous: Session,
  entry: Session,
  limits: CapLimits,
): EntryCheck {
  return compare([...others, previous], [...others, entry], limits);
}

function compare(was: readonly Session[], now: readonly Session[], limits: CapLimits): EntryCheck {
  const previousCaps = capStates(usageOf(was), limits);
  const usage = usageOf(now);
  const caps = capStates(usage, limits);
  const warnings: CapWarning[] = [];
  const crossed: CapKind[] = [];
  caps.forEach((state, i) => {
    const previous = previousCaps[i]!;
    if (state.level === 'over' && state.used > previous.used) crossed.push(state.kind);
    if (state.level !== 'ok' && levelRank[state.level] > levelRank[previous.level])
      warnings.push({ kind: state.kind, level: state.level, ...warningText(state) });
  });
  return { usage, caps, warnings, crossed };
}
