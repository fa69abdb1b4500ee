import os from 'node:os';
import { parseArgs } from 'node:util';
import {
  type AllocationApplication,
  type AllocationInput,
  type AllocationMenu,
  allocate,
  defaultPriorityWeights,
  explain,
  priorityOf,
} from '../src/server/domain/allocation';
import { mulberry32 } from '../src/server/domain/allocation/lottery';

/**
 * `npx tsx bench/allocation.ts [--national-seconds 120]`: what the allocation engine costs and
 * what it gains over the greedy sheet, from one run. Instances are synthetic and deterministic
 * (fixed generator seeds), so runs on different machines solve the same models. Not a test.
 */

const { values: args } = parseArgs({
  options: {
    'national-seconds': { type: 'string', default: '120' },
    'skip-national': { type: 'boolean', default: false },
  },
});

interface Shape {
  municipalities: number;
  applications: number;
  menus: number;
  /** Share of municipalities supported in the last two years (lower weight). */
  recentlySupported: number;
  evacuationArea: number;
  small: number;
  capacity: [number, number];
  /** Budget as a share of what every application's first choice would cost. */
  budgetShare: number;
  maxProjectsPerMunicipality: number;
  seed: number;
}

function between(random: () => number, [low, high]: [number, number]): number {
  return low + Math.floor(random() * (high - low + 1));
}

/** Menus differ in popularity (a few are wanted by many), as in a real catalog. */
function generate(shape: Shape): AllocationInput {
  const random = mulberry32(shape.seed);
  const menus: AllocationMenu[] = Array.from({ length: shape.menus }, (_, i) => ({
    id: `menu-${i + 1}`,
    capacity: between(random, shape.capacity),
    costThousandYen: between(random, [5, 50]) * 100,
    reviewScore: random() < 0.1 ? 0 : Math.round((2 + random() * 3) * 100) / 100,
  }));
  const popularity = menus.map(() => random() ** 3);
  const totalPopularity = popularity.reduce((a, b) => a + b, 0);
  const pickMenu = () => {
    let r = random() * totalPopularity;
    for (let i = 0; i < popularity.length; i++) {
      r -= popularity[i]!;
      if (r <= 0) return i;
    }
    return popularity.length - 1;
  };
  const municipalities = Array.from({ length: shape.municipalities }, (_, i) => {
    const id = `town-${i + 1}`;
    const { weight } = priorityOf(
      {
        id,
        supportedInLastTwoYears: random() < shape.recentlySupported,
        evacuationArea: random() < shape.evacuationArea,
        small: random() < shape.small,
      },
      defaultPriorityWeights,
    );
    return { id, weight };
  });
  const applications: AllocationApplication[] = [];
  let firstChoiceCost = 0;
  for (let i = 0; i < shape.applications; i++) {
    // Every municipality applies once before any applies twice, like a call most towns answer.
    const municipality =
      i < shape.municipalities
        ? municipalities[i]!
        : municipalities[between(random, [0, shape.municipalities - 1])]!;
    const count = between(random, [1, 3]);
    const chosen: number[] = [];
    while (chosen.length < count) {
      const m = pickMenu();
      if (!chosen.includes(m)) chosen.push(m);
    }
    firstChoiceCost += menus[chosen[0]!]!.costThousandYen;
    applications.push({
      id: `app-${i + 1}`,
      municipalityId: municipality.id,
      choices: chosen.map((m, k) => ({ menuId: menus[m]!.id, rank: k + 1 })),
    });
  }
  return {
    budgetThousandYen: Math.round((firstChoiceCost * shape.budgetShare) / 100) * 100,
    maxProjectsPerMunicipality: shape.maxProjectsPerMunicipality,
    menus,
    applications,
    municipalities,
    seed: shape.seed,
  };
}

const fukushima: Shape = {
  municipalities: 59,
  applications: 80,
  menus: 34,
  recentlySupported: 0.4,
  evacuationArea: 12 / 59,
  small: 0.5,
  capacity: [1, 4],
  budgetShare: 0.5,
  maxProjectsPerMunicipality: 2,
  seed: 2025,
};

const national: Shape = {
  municipalities: 1741,
  applications: 5000,
  menus: 500,
  recentlySupported: 0.4,
  evacuationArea: 0.01,
  small: 0.5,
  capacity: [2, 12],
  // Tight enough that not every municipality can be supported, so coverage is a real choice.
  budgetShare: 0.2,
  maxProjectsPerMunicipality: 2,
  seed: 1741,
};

/** Wall time and CPU time of the process: the machine may be shared, so both are printed. */
async function measured<T>(work: () => Promise<T>): Promise<{ value: T; wallMs: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return { value, wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : (a / b).toFixed(3));
const ms = (n: number) => `${n.toFixed(0)} ms`;

async function runFukushima() {
  const input = generate(fukushima);
  const first = await measured(() => allocate(input));
  const result = first.value;
  const explained = await measured(() => explain(input, result));
  const notSelected = explained.value.filter((e) => e.outcome === 'not_selected');
  console.log(
    `Fukushima-sized (${fukushima.municipalities} municipalities, ${input.applications.length} applications, ${input.menus.length} menus, budget ${input.budgetThousandYen}千円)`,
  );
  console.log(
    `  status ${result.status}, gap ${result.mipGap}, selected ${result.selections.length}, not selected ${notSelected.length}`,
  );
  console.log(
    `  first allocate (loads the solver) ${ms(first.wallMs)} wall / ${ms(first.cpuMs)} CPU; explain with every counterfactual ${ms(explained.wallMs)} wall / ${ms(explained.cpuMs)} CPU`,
  );
  // A server has the solver loaded after its first call.
  const again = await measured(() => allocate(input));
  const reasonsOnly = await measured(() => explain(input, again.value, { counterfactualsFor: [] }));
  const one = notSelected.slice(0, 5).map((e) => e.applicationId);
  const perApplication = await measured(() => explain(input, again.value, { counterfactualsFor: one }));
  console.log(
    `  warm: allocate ${ms(again.wallMs)} wall / ${ms(again.cpuMs)} CPU; explain reasons only ${ms(reasonsOnly.wallMs)}; counterfactual per application ${ms(perApplication.wallMs / one.length)} wall / ${ms(perApplication.cpuMs / one.length)} CPU (mean of ${one.length})`,
  );
  console.log(
    `  warm allocate + explain (reasons for all, counterfactuals for all ${notSelected.length}): ~${ms(again.wallMs + reasonsOnly.wallMs + (perApplication.wallMs / one.length) * notSelected.length)} wall`,
  );
  console.log(
    `  weighted coverage optimum/greedy ${ratio(result.totals.weightedMunicipalities, result.greedy.totals.weightedMunicipalities)}`,
  );
}

async function runNational() {
  const input = generate(national);
  const timeLimitSeconds = Number(args['national-seconds']);
  const run = await measured(() => allocate({ ...input, timeLimitSeconds }));
  const result = run.value;
  const share = (covered: number) => covered / national.municipalities;
  const applying = new Set(input.applications.map((a) => a.municipalityId)).size;
  console.log(
    `National (${national.municipalities} municipalities, ${input.applications.length} applications, ${input.menus.length} menus, budget ${input.budgetThousandYen}千円, limit ${timeLimitSeconds} s)`,
  );
  console.log(
    `  status ${result.status}, gap ${result.mipGap}, solve ${ms(result.solveMs)} (${ms(run.wallMs)} wall / ${ms(run.cpuMs)} CPU), applying municipalities ${applying}`,
  );
  for (const s of result.stages)
    console.log(`  stage ${s.name}: ${s.objective}${s.skipped ? ' (skipped)' : ''}`);
  const o = result.totals;
  const g = result.greedy.totals;
  console.log(
    `  optimum: ${o.municipalities} municipalities (share ${share(o.municipalities).toFixed(3)}), weighted ${o.weightedMunicipalities}, ${o.projects} projects, ${o.costThousandYen}千円`,
  );
  console.log(
    `  greedy:  ${g.municipalities} municipalities (share ${share(g.municipalities).toFixed(3)}), weighted ${g.weightedMunicipalities}, ${g.projects} projects, ${g.costThousandYen}千円`,
  );
  console.log(
    `  optimum/greedy: municipalities ${ratio(o.municipalities, g.municipalities)}, weighted ${ratio(o.weightedMunicipalities, g.weightedMunicipalities)}, rank score ${ratio(o.rankScore, g.rankScore)}`,
  );
}

console.log(
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${os.cpus().length} CPUs`,
);
await runFukushima();
if (!args['skip-national']) await runNational();
console.log(
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
