import { z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { unknownFieldPaths } from './http';

describe('unknown fields in a request body', () => {
  const schema = z.object({
    version: z.number(),
    sections: z.array(z.object({ key: z.string(), answers: z.record(z.string(), z.string()) })),
    target: z.union([z.object({ isSelf: z.literal(true) }), z.object({ name: z.string() })]),
    note: z.string().default(''),
  });
  const check = (body: unknown) => unknownFieldPaths(body, schema.parse(body));

  it('finds them at any depth, by key and array index', () => {
    expect(
      check({
        version: 1,
        verison: 1,
        sections: [
          { key: 'a', answers: {} },
          { key: 'b', answers: {}, titel: 'x' },
        ],
        target: { isSelf: true, name: 'x' },
      }),
    ).toEqual([['verison'], ['sections', 1, 'titel'], ['target', 'name']]);
  });

  it('leaves alone what the schema accepts: record keys, the chosen union branch, omitted defaults', () => {
    expect(
      check({ version: 1, sections: [{ key: 'a', answers: { any_key: 'v' } }], target: { name: 'x' } }),
    ).toEqual([]);
  });
});
