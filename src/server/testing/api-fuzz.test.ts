import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csrfHeaderName } from '../platform/middleware';
import { createTestContext } from './harness';

/**
 * Whatever a client sends — wrong types, huge or deeply nested values, broken
 * JSON, the wrong content type, nonsense ids or query strings — the API
 * answers with a 4xx carrying `{ error: { code } }` or succeeds, never a 5xx.
 * Run as the prefecture admin (who passes every permission check, so input
 * reaches the deepest code) and as a municipality user.
 */

const ctx = await createTestContext();
const callers = ['admin@pref.example.jp', 'dx@nishiaizu.example.jp'];
const numRuns = 25;

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, SchemaObject> };
}
interface OpenApiOperation {
  parameters?: { name: string; in: string }[];
  requestBody?: { content?: Record<string, { schema?: SchemaObject }> };
}
interface SchemaObject {
  $ref?: string;
  properties?: Record<string, unknown>;
  allOf?: SchemaObject[];
  anyOf?: SchemaObject[];
  oneOf?: SchemaObject[];
}

const openApi = (await (await ctx.request('GET', '/api/openapi.json')).json()) as OpenApiDocument;

function resolve(schema: SchemaObject | undefined): SchemaObject | undefined {
  if (!schema?.$ref) return schema;
  return openApi.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')];
}

/** Property names of a schema, through $ref and allOf/anyOf/oneOf. */
function propertyNames(schema: SchemaObject | undefined): string[] {
  const resolved = resolve(schema);
  if (!resolved) return [];
  const nested = [...(resolved.allOf ?? []), ...(resolved.anyOf ?? []), ...(resolved.oneOf ?? [])];
  return [...new Set([...Object.keys(resolved.properties ?? {}), ...nested.flatMap(propertyNames)])];
}

function operationOf(method: string, honoPath: string): OpenApiOperation | undefined {
  return openApi.paths[honoPath.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
}

interface Route {
  method: string;
  path: string;
  bodyKeys: string[];
  queryKeys: string[];
}

const routes: Route[] = [
  ...new Map(
    ctx.app.routes
      .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/') && !r.path.startsWith('/api/docs'))
      .map((r) => {
        const operation = operationOf(r.method, r.path);
        const content = operation?.requestBody?.content ?? {};
        const route: Route = {
          method: r.method,
          path: r.path,
          bodyKeys: Object.values(content).flatMap((c) => propertyNames(c.schema)),
          queryKeys: (operation?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        };
        return [`${r.method} ${r.path}`, route] as const;
      }),
  ).values(),
];
const routesWithBody = routes.filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method));
const routesWithoutBody = routes.filter((r) => ['GET', 'DELETE'].includes(r.method));

// ---------------------------------------------------------------------------
// Arbitraries

const anyText = fc.string({ unit: 'binary', maxLength: 40 });

/** A path segment: ids that exist nowhere, odd strings, broken percent-encoding. */
const pathSegment = fc.oneof(
  fc.uuid(),
  anyText.map(encodeURIComponent),
  fc.constantFrom(
    '0',
    '-1',
    '1e400',
    'null',
    'undefined',
    '00000000-0000-0000-0000-000000000000',
    '99999999999999999999999',
    '%',
    '%E0%A4%A',
    '%00',
    '%FF%FE',
    '..',
    'x'.repeat(3000),
    "'; drop table users; --",
  ),
);

/** Values of the wrong type (or out of range) for any field. */
const wrongValue = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  anyText,
  fc.array(fc.anything(), { maxLength: 4 }),
  fc.object({ maxDepth: 2 }),
  fc.constantFrom(
    '',
    ' ',
    '2024-02-30',
    '9999-99-99',
    '-0',
    'NaN',
    '1e400',
    2 ** 53,
    -(2 ** 31) - 1,
    1e308,
    '\u0000',
    '𠮷野家',
    // Beyond a PostgreSQL integer column (version and friends), impossible and year-0 dates.
    2 ** 31,
    2 ** 31 + 7,
    '2024-02-30T10:00:00+09:00',
    '0000-01-01T00:00:00Z',
    '0000-01-01',
    'x'.repeat(20_000),
  ),
);

const hugeString = fc.constantFrom('x'.repeat(200_000), 'あ'.repeat(70_000), '\n'.repeat(100_000));

function deepJson(depth: number, leaf: string): string {
  return `${'{"a":['.repeat(depth)}${leaf}${']}'.repeat(depth)}`;
}

interface Payload {
  contentType: string | undefined;
  body: string | undefined;
  label: string;
}

function payloadsFor(route: Route): fc.Arbitrary<Payload> {
  const keys = route.bodyKeys.length > 0 ? route.bodyKeys : ['id', 'name', 'version'];
  const json = (label: string) => (value: unknown) => ({
    contentType: 'application/json',
    body: JSON.stringify(value),
    label,
  });
  const jsonText = (label: string) => (text: string) => ({
    contentType: 'application/json',
    body: text,
    label,
  });
  return fc.oneof(
    fc.anything().map(json('anything')),
    fc.json().map(jsonText('json')),
    fc
      .record(Object.fromEntries(keys.map((k) => [k, wrongValue])), { requiredKeys: [] })
      .map(json('wrong types')),
    fc
      .tuple(fc.constantFrom(...keys), hugeString)
      .map(([key, text]) => JSON.stringify({ [key]: text }))
      .map(jsonText('huge string')),
    fc
      .tuple(fc.constantFrom(...keys), fc.integer({ min: 50, max: 5_000 }))
      .map(([key, depth]) => `{"${key}":${deepJson(depth, '1')}}`)
      .map(jsonText('deep nesting')),
    fc
      .oneof(
        anyText,
        fc.constantFrom(
          '{',
          '{"a":',
          '[1,]',
          'undefined',
          "{'a':1}",
          '\uFEFF{}',
          '{"a":1}{"b":2}',
          '',
          'null',
        ),
      )
      .map(jsonText('malformed JSON')),
    fc
      .tuple(
        fc.constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data',
          'multipart/form-data; boundary=----kk',
          'application/xml',
          'application/json; charset=shift_jis',
          'application/octet-stream',
        ),
        fc.oneof(
          fc.json(),
          anyText,
          fc.constant('------kk\r\nContent-Disposition: form-data; name="file"\r\n\r\nx'),
        ),
      )
      .map(([contentType, body]) => ({ contentType, body, label: 'wrong content type' })),
    fc.constant({ contentType: undefined, body: undefined, label: 'no body' }),
  );
}

/** Any value as query text; String() would throw on e.g. `{ toString: 1 }`, which fast-check does generate. */
function asQueryValue(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined');
}

function queryFor(route: Route): fc.Arbitrary<string> {
  const keys = [...route.queryKeys, 'version', 'page', 'q'];
  return fc.oneof(
    fc.constant(''),
    fc
      .dictionary(
        fc.oneof(fc.constantFrom(...keys), anyText),
        fc.oneof(anyText, wrongValue.map(asQueryValue)),
        {
          maxKeys: 4,
        },
      )
      .map((params) => `?${new URLSearchParams(params)}`),
    fc.constantFrom(
      '?%',
      '?%ZZ=1',
      '?a[b]=1&a[c]=2',
      '?&&&=',
      '?year=2024&year=2025',
      '?version=-1',
      '?year=1e400',
    ),
  );
}

function concretePath(route: Route): fc.Arbitrary<string> {
  const names = [...route.path.matchAll(/:(\w+)/g)];
  if (names.length === 0) return fc.constant(route.path);
  return fc.array(pathSegment, { minLength: names.length, maxLength: names.length }).map((segments) => {
    let i = 0;
    return route.path.replace(/:(\w+)/g, () => segments[i++]!);
  });
}

// ---------------------------------------------------------------------------

async function send(
  method: string,
  path: string,
  email: string,
  payload?: Payload,
  extraHeaders: Record<string, string> = {},
): Promise<Response> {
  // A fresh session for every call: a fuzzed POST /api/auth/logout must not sign out the next one.
  const headers: Record<string, string> = {
    [csrfHeaderName]: '1',
    cookie: await ctx.sessionCookieFor(email),
    ...extraHeaders,
  };
  if (payload?.contentType) headers['content-type'] = payload.contentType;
  const started = performance.now();
  const res = await ctx.app.request(path, { method, headers, body: payload?.body });
  durations.set(res, performance.now() - started);
  return res;
}

/** How long each answer took: no input may hold the server for a second or more. */
const durations = new WeakMap<Response, number>();
const maxRequestMs = 1000;

async function expectWellFormedAnswer(res: Response, what: string): Promise<void> {
  expect(res.status, `${what} → ${res.status}`).toBeLessThan(500);
  const ms = durations.get(res);
  if (ms !== undefined) expect(ms, `${what} took ${Math.round(ms)} ms`).toBeLessThan(maxRequestMs);
  if (res.status >= 400) {
    const text = await res.text();
    expect(res.headers.get('content-type'), `${what} → ${res.status} ${text.slice(0, 200)}`).toMatch(
      /^application\/json/,
    );
    const body = JSON.parse(text) as { error?: { code?: unknown } };
    expect(typeof body.error?.code, `${what} → ${res.status} ${text.slice(0, 200)}`).toBe('string');
  }
}

describe('API fuzz: request bodies', () => {
  it('found the routes that take a body', () => {
    expect(routesWithBody.length).toBeGreaterThan(0);
  });

  for (const route of routesWithBody) {
    for (const email of callers) {
      it(`${route.method} ${route.path} as ${email}`, async () => {
        await fc.assert(
          fc.asyncProperty(concretePath(route), payloadsFor(route), async (path, payload) => {
            const res = await send(route.method, path, email, payload);
            await expectWellFormedAnswer(
              res,
              `${route.method} ${path} (${payload.label}: ${payload.contentType} ${String(payload.body).slice(0, 120)})`,
            );
          }),
          { numRuns },
        );
      });
    }
  }

  it('a body over the 10 MB limit is refused with 413 and an error code', async () => {
    const route = routesWithBody[0]!;
    const body = JSON.stringify({ padding: 'x'.repeat(11 * 1024 * 1024) });
    const res = await send(route.method, route.path.replace(/:(\w+)/g, 'x'), callers[0]!, {
      contentType: 'application/json',
      body,
      label: 'oversized',
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('API fuzz: paths and query strings', () => {
  for (const route of routesWithoutBody) {
    for (const email of callers) {
      it(`${route.method} ${route.path} as ${email}`, async () => {
        await fc.assert(
          fc.asyncProperty(concretePath(route), queryFor(route), async (path, query) => {
            const res = await send(route.method, `${path}${query}`, email);
            await expectWellFormedAnswer(res, `${route.method} ${path}${query}`);
          }),
          { numRuns },
        );
      });
    }
  }
});

/** Printable ASCII: what an HTTP header value can carry at all. */
const headerText = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 60,
});

describe('API fuzz: headers', () => {
  it('odd Origin, Host, Cookie, Accept-Language and forwarding headers never cause a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.constantFrom(...callers),
        fc.record(
          {
            origin: fc.oneof(
              headerText,
              fc.constantFrom('null', 'http://', 'http://[::1', 'https://evil.example'),
            ),
            host: fc.oneof(headerText, fc.constant('localhost')),
            cookie: fc.oneof(
              headerText,
              fc.constantFrom('kk_session=%E0%A4%A', 'kk_session=', 'kk_locale=%'),
            ),
            'accept-language': headerText,
            'x-request-id': headerText,
            'x-forwarded-for': headerText,
          },
          { requiredKeys: [] },
        ),
        async (route, email, headers) => {
          const path = route.path.replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000');
          const res = await send(route.method, path, email, undefined, headers);
          await expectWellFormedAnswer(res, `${route.method} ${path} ${JSON.stringify(headers)}`);
        },
      ),
      { numRuns: 200 },
    );
  });
});
