import type { Executor } from '../../db/client';
import { domainEvents } from '../../db/schema';
import type { RequestContext } from '../context';
import { enqueueJob } from './queue';

/**
 * The catalog of domain events, filled in by the features that publish them through declaration
 * merging, so the platform knows no feature and every publisher and handler is type-checked:
 *
 *   declare module '../../platform/jobs/events' {
 *     interface DomainEventMap { 'seminars.seat_given': { registrationId: string } }
 *   }
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in the features
export interface DomainEventMap {}

export type DomainEventType = keyof DomainEventMap & string;

export interface DomainEvent<T extends DomainEventType = DomainEventType> {
  id: string;
  type: T;
  prefectureId: string | null;
  actorUserId: string | null;
  occurredAt: Date;
  payload: DomainEventMap[T];
}

/** The job kind that hands a stored event to each of its handlers. */
export const dispatchEventJobKind = 'events.dispatch';

/**
 * Records an event in the caller's transaction, with the job that will deliver it once the
 * transaction commits. Publishers never know who listens: the handlers are registered by the
 * features that care (FeatureModule.eventHandlers), and each runs at least once.
 */
export async function publishEvent<T extends DomainEventType>(
  executor: Executor,
  ctx: Pick<RequestContext, 'now'> & { actor: { userId: string; prefectureId: string } | null },
  type: T,
  payload: DomainEventMap[T],
  prefectureId: string | null = ctx.actor?.prefectureId ?? null,
): Promise<string> {
  const [row] = await executor
    .insert(domainEvents)
    .values({
      type,
      payload: payload as Record<string, unknown>,
      prefectureId,
      actorUserId: ctx.actor?.userId ?? null,
      occurredAt: ctx.now,
    })
    .returning({ id: domainEvents.id });
  const eventId = row!.id;
  await enqueueJob(executor, {
    kind: dispatchEventJobKind,
    payload: { eventId },
    dedupeKey: `${dispatchEventJobKind}:${eventId}`,
    runAt: ctx.now,
  });
  return eventId;
}
