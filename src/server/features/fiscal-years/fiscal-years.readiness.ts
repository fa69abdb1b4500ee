import { addDaysToYmd, formatYmd, getJstParts, parseYmd } from '../../../shared/fiscal-year';
import {
  type LocalizedText,
  PHASE_READINESS_WARNING_DAYS,
  type PhaseKind,
  phaseKindLabels,
  phaseStateAt,
} from '../../../shared/schemas/fiscal-years';

/**
 * A phase's readiness (ADR 017): whether what it needs exists by the time its dates come. A phase
 * that lacks it is warned of PHASE_READINESS_WARNING_DAYS ahead and shown as 準備未了 (not 実施中)
 * once its dates have come. Pure: the blockers come from the YearSetupParticipants.
 */

export const jstToday = (now: Date) => {
  const { year, month, day } = getJstParts(now);
  return formatYmd(year, month, day);
};

interface DatedPhase {
  startsOn: string;
  endsOn: string;
  deadlineAt: Date | null;
}

/** Whether a phase's prerequisites are asked about at `now`: it is under way, or starts soon. */
export function isReadinessDue(phase: DatedPhase, now: Date): boolean {
  const state = phaseStateAt(phase, now);
  if (state === 'open') return true;
  return state === 'upcoming' && phase.startsOn <= addDaysToYmd(jstToday(now), PHASE_READINESS_WARNING_DAYS);
}

const monthDay = (ymd: string, locale: 'ja' | 'en') => {
  const { month, day } = parseYmd(ymd);
  if (locale === 'ja') return `${month}月${day}日`;
  return `${day} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][month - 1]}`;
};

/** "評価基準が未保存、課題把握アンケートが未公開" / "the review rubric is not saved and …". */
function joinShort(blockers: LocalizedText[]): LocalizedText {
  return { ja: blockers.map((b) => b.ja).join('、'), en: blockers.map((b) => b.en).join(' and ') };
}

/**
 * The sentence that tells the prefecture a phase will start, or has started, without what it
 * needs: 「支援メニュー提案」は12月8日に始まりますが、評価基準が未保存です.
 */
export function readinessSentence(
  phase: { kind: PhaseKind; startsOn: string; isUnderway: boolean },
  programName: LocalizedText,
  blockers: LocalizedText[],
): LocalizedText {
  const kind = phaseKindLabels[phase.kind];
  const missing = joinShort(blockers);
  const ja = monthDay(phase.startsOn, 'ja');
  const en = monthDay(phase.startsOn, 'en');
  return phase.isUnderway
    ? {
        ja: `${programName.ja}：「${kind.ja}」は準備未了です。${ja}に始まる日程ですが、${missing.ja}です`,
        en: `${programName.en}: “${kind.en}” is not ready. It was to start on ${en}, but ${missing.en}`,
      }
    : {
        ja: `${programName.ja}：「${kind.ja}」は${ja}に始まりますが、${missing.ja}です`,
        en: `${programName.en}: “${kind.en}” starts on ${en}, but ${missing.en}`,
      };
}
