import type { ErrorCode, FieldError } from '../../shared/errors';

/**
 * The one way the browser talks to the API: same-origin cookies, JSON, the
 * CSRF header the server demands on every state-changing call, and one error
 * type that carries the server's bilingual message and failing fields.
 */

export type LocalizedText = { ja: string; en: string };

/** Codes the server sends, plus the two the browser detects on its own. */
export type ApiErrorCode = ErrorCode | 'NETWORK' | 'UNEXPECTED_RESPONSE';

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  /** What a person reads, in both languages (Error#message stays English for logs). */
  readonly localized: LocalizedText;
  readonly fields: FieldError[];
  readonly status: number;
  /** For VERSION_CONFLICT: the record as it is now on the server. */
  readonly current: unknown;
  readonly requestId: string | undefined;

  constructor(init: {
    code: ApiErrorCode;
    localized: LocalizedText;
    status: number;
    fields?: FieldError[];
    current?: unknown;
    requestId?: string | undefined;
  }) {
    super(init.localized.en);
    this.name = 'ApiError';
    this.code = init.code;
    this.localized = init.localized;
    this.status = init.status;
    this.fields = init.fields ?? [];
    this.current = init.current;
    this.requestId = init.requestId;
  }
}

export function isApiError(error: unknown, code?: ApiErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

const networkFailure: LocalizedText = {
  ja: 'サーバーに接続できませんでした。ネットワークの状態を確認して、もう一度お試しください。',
  en: 'Could not reach the server. Check the network connection and try again.',
};

const unexpectedResponse: LocalizedText = {
  ja: 'サーバーから予期しない応答がありました。時間をおいて再度お試しください。',
  en: 'The server sent an unexpected response. Please try again later.',
};

export type QueryValue = string | number | boolean | null | undefined;

/** `/api/x?a=1`: empty, null and undefined values are left out so URLs stay short and shareable. */
export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

interface ErrorBodyShape {
  error?: {
    code?: string;
    message?: Partial<LocalizedText>;
    fields?: FieldError[];
    current?: unknown;
    requestId?: string;
  };
}

/** Turns any non-2xx response into an ApiError, whatever its body. */
export async function toApiError(response: Response): Promise<ApiError> {
  let body: ErrorBodyShape | undefined;
  try {
    body = (await response.json()) as ErrorBodyShape;
  } catch {
    body = undefined;
  }
  const error = body?.error;
  if (!error?.code || !error.message?.ja || !error.message.en) {
    return new ApiError({
      code: 'UNEXPECTED_RESPONSE',
      localized: unexpectedResponse,
      status: response.status,
    });
  }
  return new ApiError({
    code: error.code as ErrorCode,
    localized: { ja: error.message.ja, en: error.message.en },
    status: response.status,
    fields: Array.isArray(error.fields) ? error.fields : [],
    current: error.current,
    requestId: error.requestId,
  });
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export async function request<T>(
  method: Method,
  path: string,
  options: { query?: Record<string, QueryValue>; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // The server refuses state-changing calls without it (CSRF defence).
  if (method !== 'GET') headers['x-kakehashi-request'] = '1';
  // A FormData body goes as it is: the browser writes the multipart content type with its boundary.
  const isForm = options.body instanceof FormData;
  if (options.body !== undefined && !isForm) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body:
        options.body === undefined
          ? undefined
          : isForm
            ? (options.body as FormData)
            : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ code: 'NETWORK', localized: networkFailure, status: 0 });
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError({
      code: 'UNEXPECTED_RESPONSE',
      localized: unexpectedResponse,
      status: response.status,
    });
  }
}

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) =>
    request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  /** multipart/form-data, for file uploads. */
  postForm: <T>(path: string, form: FormData) => request<T>('POST', path, { body: form }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: <T>(path: string, query?: Record<string, QueryValue>) => request<T>('DELETE', path, { query }),
};
