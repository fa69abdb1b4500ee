import { integer, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { prefectures } from './tenancy';

/**
 * The dashboards' data generation per prefecture (ADR 014): bumped by the dashboards' event
 * handlers when support projects or needs-survey answers change, read with one primary-key
 * lookup per request. A process keeps a computed read model only while the generation it was
 * computed at is still the stored one, so every process sees a change after one runner pass.
 */
export const dashboardGenerations = pgTable('dashboard_generations', {
  prefectureId: uuid('prefecture_id')
    .primaryKey()
    .references(() => prefectures.id),
  /** Wraps back to 1 before int32 ends; only equality with a cached value matters. */
  generation: integer('generation').notNull().default(1),
  changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
});
