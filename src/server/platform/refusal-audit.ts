import type { MiddlewareHandler } from 'hono';
import type { Database } from '../db/client';
import { recordAudit } from './audit';
import { AppError } from './errors';
import type { AppEnv } from './http';
import { requestContext } from './middleware';

/**
 * Every refused request leaves a row in the audit log: a permission denial (403 FORBIDDEN: who,
 * what method and path) and a CSRF refusal (a state-changing call without the request header or
 * from another origin). Probing shows up there, beside the sign-in failures the auth feature
 * records. Mounted before the CSRF check so that its refusals pass through here; the path is kept
 * without its query string (which may carry search terms).
 */
export function auditRefusals(db: Database): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (c.res.status !== 403) return;
    const code = c.error instanceof AppError ? c.error.code : 'FORBIDDEN';
    try {
      await recordAudit(db, requestContext(c), {
        action: code === 'CSRF_REJECTED' ? 'request.csrf_rejected' : 'request.forbidden',
        entityType: 'request',
        after: { method: c.req.method, path: c.req.path.slice(0, 500), code },
      });
    } catch (err) {
      // The refusal itself stands; a failed audit write must not turn it into a 500.
      c.get('logger')?.warn({ err, requestId: c.get('requestId') }, 'could not audit a refused request');
    }
  };
}
