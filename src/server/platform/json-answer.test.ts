import zlib from 'node:zlib';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from './http';
import { createJsonAnswers } from './json-answer';

const big = { rows: Array.from({ length: 400 }, (_, i) => ({ id: i, name: `市町村${i}` })) };
const small = { ok: true };

function appFor(value: object) {
  const jsonAnswer = createJsonAnswers();
  const app = new Hono<AppEnv>();
  app.get('/', (c) => jsonAnswer(c, value));
  return app;
}

describe('kept JSON answers', () => {
  it('compresses a large answer as the browser asks, and the body is the same JSON', async () => {
    const app = appFor(big);
    const br = await app.request('/', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    const body = Buffer.from(await br.arrayBuffer());
    expect(JSON.parse(zlib.brotliDecompressSync(body).toString('utf8'))).toEqual(big);
    expect(body.byteLength).toBeLessThan(JSON.stringify(big).length / 3);
    const gzip = await app.request('/', { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString('utf8'))).toEqual(big);
    const plain = await app.request('/');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.json()).toEqual(big);
  });

  it('sends a small answer as it is, and makes the text of a kept object once', async () => {
    const kept = { ...small };
    const app = appFor(kept);
    const first = await app.request('/', { headers: { 'accept-encoding': 'br' } });
    expect(first.headers.get('content-encoding')).toBeNull();
    expect(first.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await first.json()).toEqual(small);
    // Kept values are never changed by their users; were one changed, its text would not follow.
    (kept as Record<string, unknown>).ok = false;
    expect(await (await app.request('/')).json()).toEqual(small);
  });
});
