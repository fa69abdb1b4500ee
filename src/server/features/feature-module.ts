import type { OpenAPIHono } from '@hono/zod-openapi';
import type { SurveyAudience } from '../../shared/schemas/surveys';
import type { AppConfig } from '../platform/deps';
import type { AppEnv } from '../platform/http';
import type { EventHandler, JobDefinition } from '../platform/jobs/runner';
import type { HomeFactProvider, HomeTaskProvider } from './home/home-tasks';
import type { EligibilityProvider } from './surveys/eligibility';

/**
 * The one seam between a feature and the rest of the app. Each feature folder has a
 * `<feature>.module.ts` exporting one of these; `app.ts` builds the services (passing each the
 * read ports of the features it needs) and composes the modules. A feature never imports
 * another feature's internals and never reads its tables: it asks a read port, or reacts to a
 * domain event (platform/jobs/events.ts) written in the same transaction as the change.
 *
 * Survey eligibility needs no service and is a plain field, read before the services are built;
 * the rest is bound to the feature's service.
 */
export interface FeatureModule<Service> {
  name: string;
  /** Who is asked to answer a survey of an audience this feature defines (e.g. seminar participants). */
  surveyEligibility?: Partial<Record<SurveyAudience, EligibilityProvider>>;
  /** Items for the home page's "to do" list, computed with the feature's own service. */
  homeTasks?(service: Service): HomeTaskProvider[];
  /** Figures about the user's own organisation for the home page, computed with the feature's service. */
  homeFacts?(service: Service): HomeFactProvider[];
  /** The feature's API routers, mounted under /api. */
  routes?(service: Service, config: AppConfig): OpenAPIHono<AppEnv>[];
  /** Background and scheduled work (reminders, clean-ups), run by the job runner in every process. */
  jobs?(service: Service, config: AppConfig): JobDefinition[];
  /** Reactions to other features' domain events. */
  eventHandlers?(service: Service): EventHandler[];
}

export function defineFeature<Service>(module: FeatureModule<Service>): FeatureModule<Service> {
  return module;
}

/** A module with its service: what the app mounts and runs. */
export interface BoundFeature {
  name: string;
  routes: OpenAPIHono<AppEnv>[];
  jobs: JobDefinition[];
  eventHandlers: EventHandler[];
}

export function bindFeature<Service>(
  module: FeatureModule<Service>,
  service: Service,
  config: AppConfig,
): BoundFeature {
  return {
    name: module.name,
    routes: module.routes?.(service, config) ?? [],
    jobs: module.jobs?.(service, config) ?? [],
    eventHandlers: module.eventHandlers?.(service) ?? [],
  };
}
