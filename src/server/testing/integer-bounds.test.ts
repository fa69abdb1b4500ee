import { describe, expect, it } from 'vitest';
import { createTestContext } from './harness';

/**
 * Every `version` a client sends names a row version, an integer column: one beyond it (2^31)
 * must be refused as a field error on `version` — never reach the database, where it used to be a
 * 500 and is now at best a bare 400. Checked on every write route the OpenAPI document lists with
 * a `version` in its body or query.
 */
const ctx = await createTestContext();
const admin = await ctx.sessionCookieFor('admin@pref.example.jp');

interface Operation {
  parameters?: { name: string; in: string }[];
  requestBody?: {
    content?: Record<string, { schema?: { $ref?: string; properties?: Record<string, unknown> } }>;
  };
}
const openApi = (await (await ctx.request('GET', '/api/openapi.json')).json()) as {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, { properties?: Record<string, unknown> }> };
};

function bodyProperties(op: Operation): string[] {
  const schema = op.requestBody?.content?.['application/json']?.schema;
  const resolved = schema?.$ref
    ? openApi.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')]
    : schema;
  return Object.keys(resolved?.properties ?? {});
}

const cases = Object.entries(openApi.paths).flatMap(([path, methods]) =>
  Object.entries(methods).flatMap(([method, op]) => {
    const inBody = bodyProperties(op).includes('version');
    const inQuery = (op.parameters ?? []).some((p) => p.in === 'query' && p.name === 'version');
    return inBody || inQuery ? [{ method: method.toUpperCase(), path, inBody }] : [];
  }),
);

/** A syntactically valid id for every path parameter: the body is checked before the row is looked up. */
const concrete = (path: string) => path.replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000');

describe('version beyond its column', () => {
  it('is sent to every versioned write route (there are many)', () => {
    expect(cases.length).toBeGreaterThan(30);
  });

  it.each(cases.map((c) => [`${c.method} ${c.path}`, c] as const))(
    '%s answers 422 on version',
    async (_n, c) => {
      const tooBig = 2 ** 31;
      const url = c.inBody ? concrete(c.path) : `${concrete(c.path)}?version=${tooBig}`;
      const res = await ctx.request(c.method, url, {
        cookie: admin,
        ...(c.inBody ? { body: { version: tooBig } } : {}),
      });
      const text = await res.text();
      expect(res.status, text).toBe(422);
      const fields =
        (JSON.parse(text) as { error: { fields?: { path: (string | number)[] }[] } }).error.fields ?? [];
      // A body field is ['version']; a query parameter is reported as ['query', 'version'].
      expect(
        fields.some((f) => f.path[f.path.length - 1] === 'version'),
        text,
      ).toBe(true);
    },
  );
});
