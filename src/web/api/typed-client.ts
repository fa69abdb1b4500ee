import type { Client, ClientPathsWithMethod, FetchResponse, MaybeOptionalInit } from 'openapi-fetch';
import { type QueryValue, request } from './client';
import type { paths } from './schema.gen';

/**
 * The API as the browser calls it, typed from the server's own OpenAPI document
 * (schema.gen.ts, `npm run api:types`): a path the server does not serve, a missing path
 * parameter, a wrong body or a misread response field is a compile error.
 *
 * Only the types come from openapi-fetch; every call goes through client.ts's `request`, so the
 * CSRF header, the same-origin cookie and ApiError (code, ja/en message, fields, 409 `current`)
 * stay exactly as they were.
 */

type Paths = paths;
type HttpMethod = 'get' | 'post' | 'patch' | 'put' | 'delete';
type PathOf<M extends HttpMethod> = ClientPathsWithMethod<Client<Paths>, M>;
type InitOf<P extends keyof Paths, M extends HttpMethod> = MaybeOptionalInit<Paths[P], M>;

type RequiredKeysOf<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
/** The options argument may be left out when the operation needs no parameter or body. */
type InitArgument<I> = RequiredKeysOf<I> extends never ? [init?: I] : [init: I];

/** The JSON a successful call answers (undefined for 204). */
export type ResponseOf<P extends keyof Paths, M extends HttpMethod> = NonNullable<
  FetchResponse<Paths[P][M] & Record<string | number, unknown>, object, 'application/json'>['data']
>;

/** The JSON body an operation takes, e.g. `BodyOf<'/api/programs/{id}', 'patch'>`. */
export type BodyOf<P extends keyof Paths, M extends HttpMethod> = Paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

/** The query parameters an operation takes. */
export type QueryOf<P extends keyof Paths, M extends HttpMethod> = Paths[P][M] extends {
  parameters: { query?: infer Q };
}
  ? NonNullable<Q>
  : never;

/**
 * Filters read from the page's URL are plain strings; the server validates them (an unknown
 * value answers 422), so they are passed on as the operation's query without narrowing here.
 */
export function urlQuery<P extends keyof Paths, M extends HttpMethod>(
  values: Partial<Record<string, string>>,
): QueryOf<P, M> {
  return values as QueryOf<P, M>;
}

type Method<M extends HttpMethod> = <P extends PathOf<M>, I extends InitOf<P, M>>(
  path: P,
  ...init: InitArgument<I>
) => Promise<ResponseOf<P, M>>;

interface LooseInit {
  params?: { path?: Record<string, string | number>; query?: Record<string, QueryValue> };
  body?: unknown;
  signal?: AbortSignal;
}

/** `/api/x/{id}` with `{ id: 'a b' }` → `/api/x/a%20b`. */
export function fillPath(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`Missing path parameter ${name} for ${template}`);
    return encodeURIComponent(String(value));
  });
}

function call(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE') {
  return (path: string, init: LooseInit = {}) =>
    request<unknown>(method, fillPath(path, init.params?.path), {
      query: init.params?.query,
      // State-changing calls always carry a JSON body, as they did before ({} when none is given).
      body: method === 'GET' || method === 'DELETE' ? init.body : (init.body ?? {}),
      signal: init.signal,
    });
}

// The casts only widen the typed signatures to the loose runtime above; callers see the typed ones.
export const apiClient = {
  get: call('GET') as unknown as Method<'get'>,
  post: call('POST') as unknown as Method<'post'>,
  patch: call('PATCH') as unknown as Method<'patch'>,
  put: call('PUT') as unknown as Method<'put'>,
  delete: call('DELETE') as unknown as Method<'delete'>,
  /** multipart/form-data uploads: the path and its parameters are typed, the body is the form. */
  postForm: (<P extends PathOf<'post'>>(
    path: P,
    form: FormData,
    params?: { path?: Record<string, string | number> },
  ) => request<unknown>('POST', fillPath(path, params?.path), { body: form })) as <P extends PathOf<'post'>>(
    path: P,
    form: FormData,
    params?: { path?: Record<string, string | number> },
  ) => Promise<ResponseOf<P, 'post'>>,
};
