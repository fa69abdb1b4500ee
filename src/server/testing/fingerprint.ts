import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Runs one SQL statement and returns its rows: PGlite's `query` or postgres-js's `unsafe`. */
export type QueryRows = (statement: string) => Promise<Record<string, unknown>[]>;

/**
 * Every table's row count and a checksum of its rows (each row as text, sorted), by
 * schema-qualified name: two databases with equal fingerprints hold the same data. Used to show
 * that a backup restored is the database that was backed up, on either engine.
 */
export async function databaseFingerprint(query: QueryRows): Promise<Record<string, string>> {
  const tables = await query(
    `select table_schema as schema, table_name as name from information_schema.tables
     where table_schema not in ('pg_catalog', 'information_schema') and table_type = 'BASE TABLE'
     order by 1, 2`,
  );
  const fingerprint: Record<string, string> = {};
  for (const table of tables) {
    const qualified = `"${String(table.schema)}"."${String(table.name)}"`;
    const [row] = await query(
      `select count(*)::int as n, md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as sum from ${qualified} t`,
    );
    fingerprint[qualified] = `${row?.n} rows, md5 ${row?.sum}`;
  }
  return fingerprint;
}

/** Each file under a directory by its relative path, with its SHA-256. */
export function filesFingerprint(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  const walk = (current: string) => {
    if (!fs.existsSync(current)) return;
    for (const item of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, item.name);
      if (item.isDirectory()) walk(full);
      else
        result[path.relative(dir, full)] = createHash('sha256').update(fs.readFileSync(full)).digest('hex');
    }
  };
  walk(dir);
  return result;
}
