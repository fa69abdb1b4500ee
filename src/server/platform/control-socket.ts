import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Logger } from 'pino';
import { buildBackupArchive } from './backup-archive';

/**
 * A local control channel of the running server with the embedded database:
 * HTTP over a Unix socket in DATA_DIR, readable and writable by the server's
 * own user only (mode 0600). Whoever can use it can read DATA_DIR anyway, so
 * it needs no sign-in, and it is not reachable over the network.
 *
 * Its one request, POST /backup, is how `kakehashi backup` takes a consistent
 * snapshot while the server runs: the server holds the DATA_DIR lock, so no
 * second process may open the database files, and only the process that
 * owns them can copy them between two transactions.
 */
export const controlSocketName = 'kakehashi.sock';

/** Unix socket paths are limited to 107 bytes on Linux. */
const maxSocketPath = 100;

export function controlSocketPath(dataDir: string): string | null {
  const socketPath = path.join(dataDir, controlSocketName);
  return Buffer.byteLength(socketPath) <= maxSocketPath ? socketPath : null;
}

export interface ControlSocketDeps {
  dataDir: string;
  uploadsDir: string;
  /** A consistent gzipped dump of the database (DatabaseHandle.snapshot). */
  snapshot: () => Promise<Uint8Array>;
  logger: Logger;
}

export async function startControlSocket(
  deps: ControlSocketDeps,
): Promise<{ close(): Promise<void> } | null> {
  const socketPath = controlSocketPath(deps.dataDir);
  if (!socketPath) {
    deps.logger.warn(
      { dataDir: deps.dataDir },
      'DATA_DIR path too long for a control socket: online backup (kakehashi backup while running) is off',
    );
    return null;
  }
  // The caller holds the DATA_DIR lock, so a socket file left here belongs to a dead process.
  fs.rmSync(socketPath, { force: true });
  const server = http.createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/backup') {
      res.writeHead(404).end();
      return;
    }
    const startedAt = performance.now();
    deps
      .snapshot()
      .then((dump) => {
        const archive = buildBackupArchive(dump, deps.uploadsDir);
        deps.logger.info(
          { bytes: archive.length, ms: Math.round(performance.now() - startedAt) },
          'online backup taken',
        );
        res.writeHead(200, { 'content-type': 'application/gzip', 'content-length': archive.length });
        res.end(archive);
      })
      .catch((err: unknown) => {
        deps.logger.error({ err }, 'online backup failed');
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(err instanceof Error ? err.message : String(err));
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  fs.chmodSync(socketPath, 0o600);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          fs.rmSync(socketPath, { force: true });
          resolve();
        });
      }),
  };
}

/** Asks the running server for a backup and writes it to `out`; returns its size. */
export function requestOnlineBackup(dataDir: string, out: string): Promise<number> {
  const socketPath = controlSocketPath(dataDir);
  if (!socketPath || !fs.existsSync(socketPath)) {
    return Promise.reject(new Error(`no control socket at ${path.join(dataDir, controlSocketName)}`));
  }
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, method: 'POST', path: '/backup' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        if (res.statusCode !== 200) {
          reject(new Error(`the server could not take the backup: ${body.toString('utf8')}`));
          return;
        }
        // Written under a temporary name first so a failed copy never looks like a backup.
        const partial = `${out}.partial`;
        fs.writeFileSync(partial, body, { flag: 'wx' });
        fs.renameSync(partial, out);
        resolve(body.length);
      });
    });
    req.on('error', reject);
    req.end();
  });
}
