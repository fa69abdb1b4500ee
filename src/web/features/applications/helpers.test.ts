import { describe, expect, it } from 'vitest';
import type { Explanation, RunDetail } from '../../../shared/schemas/applications';
import {
  addChoice,
  barPercent,
  diffRuns,
  isRunPending,
  moveChoice,
  parseWholeNumber,
  removeChoice,
  withNote,
} from './helpers';

describe('ranked choices', () => {
  it('moves a choice up or down by one place', () => {
    expect(moveChoice(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moveChoice(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
  });

  it('leaves the list as it is when a move would leave it', () => {
    expect(moveChoice(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
    expect(moveChoice(['a', 'b'], 1, 1)).toEqual(['a', 'b']);
    expect(moveChoice(['a'], 3, -1)).toEqual(['a']);
  });

  it('does not change the list it was given', () => {
    const list = ['a', 'b'];
    moveChoice(list, 0, 1);
    expect(list).toEqual(['a', 'b']);
  });

  it('adds a menu last, once, and only below the limit', () => {
    expect(addChoice(['a'], 'b', 3)).toEqual(['a', 'b']);
    expect(addChoice(['a', 'b'], 'a', 3)).toEqual(['a', 'b']);
    expect(addChoice(['a', 'b', 'c'], 'd', 3)).toEqual(['a', 'b', 'c']);
    expect(addChoice(['a'], '', 3)).toEqual(['a']);
  });

  it('removes the choice at an index and closes the gap', () => {
    expect(removeChoice(['a', 'b', 'c'], 1)).toEqual(['a', 'c']);
  });
});

function explanation(
  applicationId: string,
  outcome: Explanation['outcome'],
  menuId: string | null,
): Explanation {
  return {
    applicationId,
    outcome,
    menuId,
    menuTitle: menuId ? `menu ${menuId}` : null,
    rank: menuId ? 1 : null,
    reasons: [],
    counterfactual: null,
  };
}

function run(explanations: Explanation[]): Pick<RunDetail, 'explanations' | 'applications'> {
  return {
    explanations,
    applications: explanations.map((e) => ({
      applicationId: e.applicationId,
      municipalityId: `m-${e.applicationId}`,
      municipalityName:
        { x: '会津若松市', y: '喜多方市', z: '相馬市', w: '伊達市' }[e.applicationId] ?? e.applicationId,
      priorityWeight: 1,
      priorityFactors: [],
      lock: null,
    })),
  };
}

describe('diffRuns', () => {
  it('lists only applications whose outcome or menu differs', () => {
    const a = run([
      explanation('x', 'selected', '1'),
      explanation('y', 'selected', '1'),
      explanation('z', 'not_selected', null),
      explanation('w', 'selected', '2'),
    ]);
    const b = run([
      explanation('x', 'selected', '1'),
      explanation('y', 'selected', '2'),
      explanation('z', 'selected', '3'),
      explanation('w', 'selected', '2'),
    ]);
    const diff = diffRuns(a, b);
    expect(diff.map((d) => d.applicationId).sort()).toEqual(['y', 'z']);
    const z = diff.find((d) => d.applicationId === 'z');
    expect(z?.a?.outcome).toBe('not_selected');
    expect(z?.b).toEqual({ outcome: 'selected', menuTitle: 'menu 3', rank: 1 });
  });

  it('reports an application only one run considered, with null on the other side', () => {
    const diff = diffRuns(run([explanation('x', 'selected', '1')]), run([]));
    expect(diff).toHaveLength(1);
    expect(diff[0]?.b).toBeNull();
    expect(diff[0]?.municipalityName).toBe('会津若松市');
  });

  it('is empty for two runs with the same outcomes', () => {
    const same = [explanation('x', 'selected', '1'), explanation('y', 'not_selected', null)];
    expect(diffRuns(run(same), run(same))).toEqual([]);
  });
});

describe('barPercent', () => {
  it('gives the larger value the full track and scales the other', () => {
    expect(barPercent(45, 40)).toBe(100);
    expect(barPercent(40, 80)).toBe(50);
  });

  it('is 0 when both are zero', () => {
    expect(barPercent(0, 0)).toBe(0);
  });
});

describe('parseWholeNumber and isRunPending', () => {
  it('reads whole numbers with separators and refuses anything else', () => {
    expect(parseWholeNumber('69,545')).toBe(69545);
    expect(parseWholeNumber(' ')).toBeUndefined();
    expect(parseWholeNumber('1.5')).toBeNaN();
    expect(parseWholeNumber('-3')).toBeNaN();
  });

  it('polls only while a run is queued or running', () => {
    expect(isRunPending('queued')).toBe(true);
    expect(isRunPending('running')).toBe(true);
    expect(isRunPending('done')).toBe(false);
    expect(isRunPending(undefined)).toBe(false);
    // Solved, its counterfactuals still being computed: the page keeps polling.
    expect(isRunPending('done', true)).toBe(true);
    expect(isRunPending('done', false)).toBe(false);
  });
});

describe('withNote', () => {
  it('uses full-width brackets in Japanese and spaced ones in English', () => {
    expect(withNote('業務改革支援', '第1希望', 'ja')).toBe('業務改革支援（第1希望）');
    expect(withNote('Reform support', 'Choice 1', 'en')).toBe('Reform support (Choice 1)');
  });
});
