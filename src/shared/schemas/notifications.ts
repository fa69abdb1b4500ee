import { z } from '@hono/zod-openapi';
import { emailDeliveries, notificationKinds } from '../notification-kinds';

/**
 * The inbox and e-mail preferences (every signed-in person, own data only):
 *   GET  /notifications                   own notifications, newest first; page with `before`
 *   GET  /notifications/unread-count      for the header's badge
 *   POST /notifications/{id}/read         mark one read (another person's id answers 404)
 *   POST /notifications/read-all          mark all read
 *   GET  /notifications/preferences       e-mail delivery per kind (version 0 until first saved)
 *   PUT  /notifications/preferences       save them, with the version read
 */

export const notificationKindSchema = z.enum(notificationKinds);
export const emailDeliverySchema = z.enum(emailDeliveries);

export const notificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  linkPath: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationItem = z.infer<typeof notificationSchema>;

export const notificationListQuerySchema = z.object({
  /** The createdAt (ISO) of the last item already shown: the next page starts after it. */
  before: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  unreadOnly: z.enum(['true', 'false']).optional(),
});
export type NotificationListQuery = z.infer<typeof notificationListQuerySchema>;

export const notificationListSchema = z.object({
  items: z.array(notificationSchema),
  unreadCount: z.number().int(),
  nextBefore: z.string().nullable(),
});

export const unreadCountSchema = z.object({ count: z.number().int() });
export const readAllResultSchema = z.object({ updated: z.number().int() });

export const notificationPreferencesSchema = z.object({
  version: z.number().int().min(0).max(2_147_483_647),
  emailByKind: z.record(notificationKindSchema, emailDeliverySchema),
});
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;

export const notificationPreferencesUpdateSchema = z.object({
  /** 0 for the first save. */
  version: z.number().int().min(0).max(2_147_483_647),
  emailByKind: z.partialRecord(notificationKindSchema, emailDeliverySchema),
});
export type NotificationPreferencesUpdate = z.infer<typeof notificationPreferencesUpdateSchema>;
