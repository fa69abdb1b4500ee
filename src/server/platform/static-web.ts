import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, Env, Hono } from 'hono';

/**
 * The built browser app (dist/web), served so that town-office PCs on slow lines load it fast:
 *
 * - Files under /assets/ carry a content hash in their name (Vite), so they never change: they are
 *   cached for a year as `immutable`, and served from the .br / .gz files the build wrote beside them
 *   (vite.config.ts) when the browser accepts that encoding. No compression work per request.
 * - The app shell (index.html) names the current hashes, so it must always be revalidated
 *   (`no-cache`); it is compressed once at start-up.
 */
export function serveWebApp<E extends Env>(app: Hono<E>, webDir: string): void {
  const root = path.relative(process.cwd(), webDir) || '.';
  const shell = compressedOnce(fs.readFileSync(path.join(webDir, 'index.html')));

  app.use('/assets/*', async (c, next) => {
    await next();
    // Set on the response object itself: it already carries the security headers.
    if (c.res.status === 200 || c.res.status === 206) {
      c.res.headers.set(
        'cache-control',
        isHashedAssetName(c.req.path) ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
      );
    }
  });
  app.use('/assets/*', serveStatic({ root, precompressed: true }));
  app.use('/favicon.svg', serveStatic({ root, precompressed: true }));
  // Client-side routes: every other GET gets the app shell.
  app.get('*', (c) => sendShell(c, shell));
}

/** `name-<hash>.ext` as Vite writes it (8 characters of base64url). */
export function isHashedAssetName(urlPath: string): boolean {
  return /-[A-Za-z0-9_-]{8}\.[a-z0-9]+(\.map)?$/.test(urlPath);
}

type Encoded = { identity: Buffer; br: Buffer; gzip: Buffer };

function compressedOnce(body: Buffer): Encoded {
  return {
    identity: body,
    br: zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
    gzip: zlib.gzipSync(body, { level: 9 }),
  };
}

/** The first encoding the client accepts, br preferred; q=0 means "not this one". */
export function pickEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | 'identity' {
  const accepted = new Set(
    (acceptEncoding ?? '')
      .split(',')
      .map((part) => part.trim().toLowerCase())
      .filter((part) => !/;\s*q=0(\.0*)?$/.test(part))
      .map((part) => part.split(';')[0]!.trim()),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return 'identity';
}

function sendShell<E extends Env>(c: Context<E>, shell: Encoded): Response {
  const encoding = pickEncoding(c.req.header('accept-encoding'));
  c.header('content-type', 'text/html; charset=utf-8');
  c.header('cache-control', 'no-cache');
  c.header('vary', 'Accept-Encoding');
  if (encoding !== 'identity') c.header('content-encoding', encoding);
  return c.body(new Uint8Array(shell[encoding]), 200);
}
