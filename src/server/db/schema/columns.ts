import { type AnyPgColumn, integer, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Primary key: random UUIDs so ids leak no counts and rows can be made on any node. */
export const id = () => uuid('id').primaryKey().defaultRandom();

/**
 * Columns every user-edited table carries: `version` for optimistic locking
 * (an update must name the version it read; a mismatch is a 409), and who/when.
 */
export const editable = () => ({
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  createdBy: uuid('created_by'),
  updatedBy: uuid('updated_by'),
});

type ReferenceActions = Parameters<ReturnType<typeof uuid>['references']>[1];

/**
 * A required foreign key to another table's id: most rows belong to a prefecture, a year, a
 * municipality or a parent record, and spelling each one out took three lines.
 */
export const requiredRef = (name: string, target: () => AnyPgColumn, actions?: ReferenceActions) =>
  uuid(name).notNull().references(target, actions);
