import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Fields of database errors that carry the values of a statement: Drizzle's `params`, and
 * PostgreSQL's `detail` ("Key (email)=(taro@town.example.jp) already exists."). They can hold
 * personal data (names, e-mail addresses, answers), so they never reach a log line; the SQL text
 * (`query`) and the SQLSTATE `code` stay, and are enough to find the statement.
 */
const valueBearingKeys = new Set(['params', 'parameters', 'detail']);

function scrub(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object' || depth > 6) return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = valueBearingKeys.has(key) ? '[redacted]' : scrub(v, depth + 1);
  }
  return out;
}

/** Drizzle writes the values into its message (and so the stack): "Failed query: …\nparams: a,b". */
function withoutParams(text: unknown): unknown {
  return typeof text === 'string'
    ? text.replace(/\nparams: [\s\S]*?(?=\n\s+at |$)/, '\nparams: [redacted]')
    : text;
}

/** pino's error serializer (message, stack, cause chain), without the values of SQL statements. */
export function serializeError(err: unknown): unknown {
  if (!(err instanceof Error)) return scrub(err, 0);
  const serialized = pino.stdSerializers.err(err) as unknown as Record<string, unknown>;
  serialized.message = withoutParams(serialized.message);
  serialized.stack = withoutParams(serialized.stack);
  // The serializer keeps only the cause's message; keep the cause's own fields too, scrubbed.
  const cause = (err as { cause?: unknown }).cause;
  if (cause !== undefined) serialized.cause = serializeError(cause);
  return scrub(serialized, 0);
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: ['req.headers.cookie', 'password', 'newPassword', 'currentPassword', 'code'],
    serializers: { err: serializeError },
  };
  return destination ? pino(options, destination) : pino(options);
}
