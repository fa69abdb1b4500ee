import { spawn } from 'node:child_process';
import postgres from 'postgres';

/**
 * Backups of a PostgreSQL deployment with the PostgreSQL client tools (Debian's
 * `postgresql-client`): pg_dump's custom format, which pg_dump takes from one consistent snapshot
 * while the servers keep writing, and pg_restore in a single transaction, so a restore either
 * lands whole or leaves the target database as it was.
 */

/** Runs a client tool; resolves with its stdout, rejects with its stderr's last lines. */
function runTool(command: string, args: string[], input?: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new Error(
              `${command} が見つかりません。PostgreSQL のクライアント（Debian: postgresql-client）を入れてください。 / ${command} not found: install the PostgreSQL client tools (Debian: postgresql-client).`,
            )
          : error,
      ),
    );
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else {
        const message = Buffer.concat(err).toString('utf8').trim().split('\n').slice(-5).join('\n');
        reject(new Error(`${command} exited with ${code}: ${message}`));
      }
    });
    child.stdin.on('error', () => {
      // The tool may exit before reading all of stdin; its exit code tells what went wrong.
    });
    child.stdin.end(input ? Buffer.from(input) : undefined);
  });
}

/** The whole database (schema, data, Drizzle's migration journal) as a pg_dump custom-format archive. */
export function dumpPostgres(databaseUrl: string): Promise<Buffer> {
  return runTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--dbname=${databaseUrl}`]);
}

/**
 * True when the database holds no table of its own (a restore goes only into an empty database,
 * never over data: restoring is how one recovers, not how one merges).
 */
export async function isEmptyPostgres(databaseUrl: string): Promise<boolean> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int as n from information_schema.tables
      where table_schema not in ('pg_catalog', 'information_schema')`;
    return (row?.n ?? 0) === 0;
  } finally {
    await sql.end();
  }
}

/** Restores a pg_dump archive into an empty database, all or nothing. */
export async function restorePostgres(databaseUrl: string, dump: Uint8Array): Promise<void> {
  await runTool(
    'pg_restore',
    ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${databaseUrl}`],
    dump,
  );
}
