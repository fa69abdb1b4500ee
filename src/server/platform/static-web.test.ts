import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { afterAll, describe, expect, it } from 'vitest';
import { isHashedAssetName, pickEncoding, serveWebApp } from './static-web';

/** A built web app as Vite leaves it: a hashed chunk with its .br and .gz, an unhashed file, the shell. */
const webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kk-static-'));
const script = Buffer.from(`console.log(${JSON.stringify('かけはし'.repeat(400))});`);
const shellHtml = `<!doctype html><html lang="ja"><title>かけはし</title>${'<!-- padding -->'.repeat(50)}</html>`;
fs.writeFileSync(path.join(webDir, 'index.html'), shellHtml);
fs.mkdirSync(path.join(webDir, 'assets'));
fs.writeFileSync(path.join(webDir, 'assets', 'index-c5--05Xk.js'), script);
fs.writeFileSync(path.join(webDir, 'assets', 'index-c5--05Xk.js.br'), zlib.brotliCompressSync(script));
fs.writeFileSync(path.join(webDir, 'assets', 'index-c5--05Xk.js.gz'), zlib.gzipSync(script));
fs.writeFileSync(path.join(webDir, 'assets', 'robots.txt'), 'User-agent: *');

const app = new Hono();
app.use('*', secureHeaders());
serveWebApp(app, webDir);
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise((resolve) => server.once('listening', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** fetch() would decode the body itself; read the raw bytes as the server sent them. */
async function get(url: string, acceptEncoding: string) {
  const { request } = await import('node:http');
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
  }>((resolve, reject) => {
    const req = request(`${base}${url}`, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('hashed assets', () => {
  it('are sent brotli-compressed from the file the build wrote, when the browser accepts br', async () => {
    const res = await get('/assets/index-c5--05Xk.js', 'gzip, deflate, br');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers.vary).toContain('Accept-Encoding');
    expect(zlib.brotliDecompressSync(res.body).equals(script)).toBe(true);
    expect(res.body.length).toBeLessThan(script.length / 4);
  });

  it('fall back to gzip, then to the plain file', async () => {
    const gz = await get('/assets/index-c5--05Xk.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).equals(script)).toBe(true);
    const plain = await get('/assets/index-c5--05Xk.js', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(script)).toBe(true);
  });

  it('are cached for a year as immutable, and keep the security headers', async () => {
    const res = await get('/assets/index-c5--05Xk.js', 'br');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('an unhashed file is cached for an hour only', async () => {
    const res = await get('/assets/robots.txt', 'br');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
  });
});

describe('the app shell', () => {
  it('is compressed and always revalidated (it names the current hashes)', async () => {
    const res = await get('/calls/123', 'br, gzip');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(zlib.brotliDecompressSync(res.body).toString()).toBe(shellHtml);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('is sent plain to a client that accepts no compression', async () => {
    const res = await get('/', '');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.toString()).toBe(shellHtml);
  });
});

describe('helpers', () => {
  it('recognises Vite’s hashed names only', () => {
    expect(isHashedAssetName('/assets/PageHeader-D-x1K1Qb.js')).toBe(true);
    expect(isHashedAssetName('/assets/vendor-react-BzJS-KMS.js.map')).toBe(true);
    expect(isHashedAssetName('/assets/robots.txt')).toBe(false);
    expect(isHashedAssetName('/assets/app.js')).toBe(false);
  });

  it('picks br over gzip and honours q=0', () => {
    expect(pickEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(pickEncoding('br;q=0, gzip')).toBe('gzip');
    expect(pickEncoding('gzip;q=0.5')).toBe('gzip');
    expect(pickEncoding('br;q=0, gzip;q=0.0')).toBe('identity');
    expect(pickEncoding(undefined)).toBe('identity');
  });
});
