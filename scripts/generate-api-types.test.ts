import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateApiTypes, schemaFile } from './generate-api-types';

describe('src/web/api/schema.gen.ts', () => {
  it('matches the OpenAPI document the app serves (run `npm run api:types` after changing a route)', async () => {
    const fresh = await generateApiTypes();
    const committed = fs.readFileSync(schemaFile, 'utf8');
    // Compared as text so the failure says which part drifted.
    expect(committed).toBe(fresh);
  }, 120_000);
});
