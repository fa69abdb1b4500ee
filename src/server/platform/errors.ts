import { type ErrorCode, errorCatalog, type FieldError } from '../../shared/errors';

/**
 * The one error type services throw. The HTTP layer maps `code` to a status
 * and a localized message; nothing else decides how an error looks.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldError[] | undefined;
  readonly current: unknown;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    options: {
      fields?: FieldError[];
      current?: unknown;
      details?: Record<string, unknown>;
      cause?: unknown;
    } = {},
  ) {
    super(errorCatalog[code].en, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.fields = options.fields;
    this.current = options.current;
    this.details = options.details;
  }

  get status(): number {
    return errorCatalog[this.code].status;
  }
}

/** A single-field validation failure raised by a service rule (not by zod). */
export function fieldError(path: (string | number)[], ja: string, en: string, code = 'custom'): AppError {
  return new AppError('VALIDATION_FAILED', { fields: [{ path, code, ja, en }] });
}

export function notFound(): AppError {
  return new AppError('NOT_FOUND');
}

export function forbidden(): AppError {
  return new AppError('FORBIDDEN');
}

/** Services call this with a policy decision; keeps the "deny" path one line. */
export function assertAllowed(isAllowed: boolean): asserts isAllowed {
  if (!isAllowed) throw forbidden();
}
