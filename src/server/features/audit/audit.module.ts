import { defineFeature } from '../feature-module';
import { createAuditRoutes } from './audit.routes';
import type { AuditService } from './audit.service';

/** The audit log and the mail outbox, read by administrators. */
export const auditModule = defineFeature<AuditService>({
  name: 'audit',
  routes: (service) => [createAuditRoutes(service)],
});
