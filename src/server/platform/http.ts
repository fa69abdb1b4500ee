import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from 'pino';
import { type ErrorBody, errorCatalog } from '../../shared/errors';
import type { SessionUser } from '../../shared/schemas/auth';
import { toFieldErrors } from '../../shared/validation';
import type { Actor } from './context';
import { AppError } from './errors';

/** Per-request values every handler can read. */
export interface AppEnv {
  Variables: {
    requestId: string;
    actor: Actor | null;
    /** A user who gave a correct password but still owes a TOTP code. */
    pendingMfaUserId: string | null;
    sessionTokenHash: string | null;
    /** The signed-in user as GET /auth/me shows it, read with the session (null when not signed in). */
    sessionUser: SessionUser | null;
    locale: 'ja' | 'en';
    logger: Logger;
    /** The client's address: the socket's, or what a trusted proxy forwarded. */
    clientAddress: string | null;
    /** The request reached us over https (directly, or per a trusted proxy). */
    isHttps: boolean;
    /** The server clock read once when the request arrived: the request's one "now". */
    now: Date;
  };
}

/**
 * A feature router. Validation failures from any zod request schema become
 * the same 422 body as a service's VALIDATION_FAILED, with field paths.
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: async (result, c) => {
      if (!result.success) {
        const fields = toFieldErrors(result.error.issues);
        // Prefix the part of the request that failed so `path` is unambiguous.
        const target = result.target === 'json' ? [] : [result.target];
        throw new AppError('VALIDATION_FAILED', {
          fields: fields.map((f) => ({ ...f, path: [...target, ...f.path] })),
        });
      }
      if (result.target === 'json') {
        // The body as sent (Hono keeps its text): a field the schema does not know is refused
        // rather than dropped, so a misspelled field never saves an empty value silently.
        const sent: unknown = await c.req.json();
        const unknown = unknownFieldPaths(sent, result.data);
        if (unknown.length > 0)
          throw new AppError('VALIDATION_FAILED', {
            fields: unknown.map((path) => ({
              path,
              code: 'unrecognized_keys',
              ja: `「${String(path.at(-1))}」という項目はありません。`,
              en: `Unknown field "${String(path.at(-1))}".`,
            })),
          });
      }
    },
  });
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

/**
 * The paths of the fields in a request body that validation dropped: every key of the body
 * absent from the validated value, at any depth (objects by key, arrays by index). Works for
 * every schema without rewriting it: unions, records and defaults keep what they accept.
 */
export function unknownFieldPaths(sent: unknown, validated: unknown, path: (string | number)[] = []) {
  const found: (string | number)[][] = [];
  if (Array.isArray(sent) && Array.isArray(validated)) {
    sent.forEach((item, i) => {
      if (i < validated.length) found.push(...unknownFieldPaths(item, validated[i], [...path, i]));
    });
  } else if (isRecord(sent) && isRecord(validated)) {
    for (const [key, value] of Object.entries(sent)) {
      if (!Object.hasOwn(validated, key)) found.push([...path, key]);
      else found.push(...unknownFieldPaths(value, validated[key], [...path, key]));
    }
  }
  return found;
}

/** A required JSON body: without `required`, a request with no content type would skip validation. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { content: { 'application/json': { schema } }, required: true } as const;
}

export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { content: { 'application/json': { schema } }, description };
}

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.object({ ja: z.string(), en: z.string() }),
      fields: z
        .array(
          z.object({
            path: z.array(z.union([z.string(), z.number()])),
            code: z.string(),
            ja: z.string(),
            en: z.string(),
          }),
        )
        .optional(),
      current: z.unknown().optional(),
      requestId: z.string().optional(),
    }),
  })
  .openapi('Error');

/** The error responses every authenticated route may produce, for the OpenAPI document. */
export const standardErrors = {
  401: jsonContent(errorBodySchema, 'Not signed in'),
  403: jsonContent(errorBodySchema, 'Not allowed'),
  422: jsonContent(errorBodySchema, 'Invalid input, with the failing fields'),
} as const;

/**
 * PostgreSQL refuses some text outright (a NUL character, bytes invalid in
 * UTF-8). That is bad input, not a server fault, wherever it slipped past the
 * schemas, so it is answered as a malformed request rather than a 500.
 */
// 22003 a number beyond its column, 22008/22007 a date PostgreSQL cannot hold (year 0000):
// the schemas bound these, and this keeps anything they miss a client error too.
const unstorableTextCodes = new Set(['22021', '22P05', '22003', '22008', '22007']);
function isUnstorableTextError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && unstorableTextCodes.has(code)) return true;
  }
  return false;
}

/**
 * A full disk (or quota) under the database or the uploads: PostgreSQL and
 * PGlite answer SQLSTATE 53100 disk_full and roll the statement back; Node's
 * file writes fail with ENOSPC or EDQUOT. Nothing is wrong with the request
 * and nothing was half-written, so it is a 503 that a retry after clean-up
 * fixes, and reads keep working meanwhile.
 */
const storageFullCodes = new Set(['53100', 'ENOSPC', 'EDQUOT']);
export function isStorageFullError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && storageFullCodes.has(code)) return true;
  }
  return false;
}

export function toErrorResponse(err: unknown, c: Context<AppEnv>): Response {
  const requestId = c.get('requestId');
  let appError: AppError;
  if (err instanceof AppError) {
    appError = err;
  } else if (err instanceof HTTPException) {
    // Thrown by Hono itself: malformed JSON, oversized bodies.
    appError = new AppError(err.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'MALFORMED_REQUEST', { cause: err });
  } else if (err instanceof SyntaxError || isUnstorableTextError(err)) {
    appError = new AppError('MALFORMED_REQUEST', { cause: err });
  } else if (isStorageFullError(err)) {
    // Logged as an error every time: the operator must free space, and the log is where they look.
    c.get('logger')?.error(
      { err, requestId },
      'storage full: write refused (free disk space under DATA_DIR)',
    );
    appError = new AppError('STORAGE_UNAVAILABLE', { cause: err });
  } else {
    c.get('logger')?.error({ err, requestId }, 'unhandled error');
    appError = new AppError('INTERNAL', { cause: err });
  }
  if (appError.code === 'INTERNAL') {
    c.get('logger')?.error({ err: appError.cause ?? appError, requestId }, 'internal error');
  }
  const entry = errorCatalog[appError.code];
  const body: ErrorBody = {
    error: {
      code: appError.code,
      message: { ja: entry.ja, en: entry.en },
      ...(appError.fields ? { fields: appError.fields } : {}),
      ...(appError.current !== undefined ? { current: appError.current } : {}),
      requestId,
    },
  };
  return c.json(body, entry.status as 400);
}
