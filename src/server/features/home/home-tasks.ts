import type { FiscalYearDetail, HomeFact, HomeTask } from '../../../shared/schemas/fiscal-years';
import type { Actor, RequestContext } from '../../platform/context';
import type { ServiceDeps } from '../../platform/deps';

/** What a task provider may look at when it decides what the signed-in user has to do. */
export interface HomeTaskContext {
  actor: Actor;
  /** The moment the home page is computed for; providers compare deadlines against it, never the clock. */
  now: Date;
  request: RequestContext;
  /** The year the home page shows (active, else latest) with its programs and phases; null before any. */
  fiscalYear: FiscalYearDetail | null;
  /** To build the provider's own feature service when it needs one. */
  deps: ServiceDeps;
}

/**
 * One feature's contribution to the "to do" list on the home page. A feature
 * (surveys, applications, …) writes one of these beside its own code and adds
 * it to its module's `homeTasks` (<feature>.module.ts); the home service is not
 * touched. A provider returns [] for roles it has nothing for.
 */
export type HomeTaskProvider = (ctx: HomeTaskContext) => Promise<HomeTask[]>;

/**
 * One feature's figures about the user's own organisation (a town's maturity, support, seminars),
 * contributed like tasks through the module's `homeFacts`. Returns [] for roles it has nothing for.
 */
export type HomeFactProvider = (ctx: HomeTaskContext) => Promise<HomeFact[]>;
