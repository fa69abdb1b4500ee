import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * A Kakehashi backup: one gzipped tar (readable with `tar tzf`) holding the database and
 *   uploads/…       every uploaded file, by its path under DATA_DIR/uploads
 * where the database is, by engine,
 *   db.tar.gz       the PGlite data directory as PGlite's dumpDataDir writes it, or
 *   postgres.dump   a pg_dump custom-format archive (restored with pg_restore).
 * Older embedded backups were the bare PGlite dump; readBackupArchive still accepts them.
 */
export const databaseEntryName = 'db.tar.gz';
export const postgresEntryName = 'postgres.dump';

/** Which engine a backup's database came from, and its bytes. */
export type BackupDatabase =
  | { engine: 'pglite'; dump: Uint8Array }
  | { engine: 'postgres'; dump: Uint8Array };

const blockSize = 512;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function header(name: string, size: number, type: '0' | 'x', mtime: number): Buffer {
  const block = Buffer.alloc(blockSize);
  block.write(name.slice(0, 100), 0, 'utf8');
  block.write(octal(0o644, 8), 100, 'ascii');
  block.write(octal(0, 8), 108, 'ascii');
  block.write(octal(0, 8), 116, 'ascii');
  block.write(octal(size, 12), 124, 'ascii');
  block.write(octal(mtime, 12), 136, 'ascii');
  block.write('        ', 148, 'ascii');
  block.write(type, 156, 'ascii');
  block.write('ustar\u000000', 257, 'ascii');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return block;
}

function padding(size: number): Buffer {
  return Buffer.alloc((blockSize - (size % blockSize)) % blockSize);
}

/** One file entry; names longer than ustar's 100 bytes go in a PAX header, as GNU tar reads them. */
function entry(name: string, data: Uint8Array, mtime: number): Buffer[] {
  const parts: Buffer[] = [];
  if (Buffer.byteLength(name) > 100) {
    const body = ` path=${name}\n`;
    // The record's length prefix counts its own digits.
    const bodyBytes = Buffer.byteLength(body);
    let length = bodyBytes + 1;
    while (String(length).length + bodyBytes !== length) length = String(length).length + bodyBytes;
    const record = Buffer.from(`${length}${body}`);
    parts.push(header('PaxHeader', record.length, 'x', mtime), record, padding(record.length));
  }
  parts.push(header(name, data.length, '0', mtime), Buffer.from(data), padding(data.length));
  return parts;
}

function listFiles(dir: string, base = dir): string[] {
  if (!fs.existsSync(dir)) return [];
  const files: string[] = [];
  for (const item of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, item.name);
    if (item.isDirectory()) files.push(...listFiles(full, base));
    else if (item.isFile()) files.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return files.sort();
}

/** Builds the gzipped archive from a database dump and the uploads directory. */
export function buildBackupArchive(database: Uint8Array | BackupDatabase, uploadsDir: string): Buffer {
  const mtime = Math.floor(Date.now() / 1000);
  const { engine, dump } = database instanceof Uint8Array ? { engine: 'pglite', dump: database } : database;
  const name = engine === 'postgres' ? postgresEntryName : databaseEntryName;
  const parts: Buffer[] = [...entry(name, dump, mtime)];
  for (const file of listFiles(uploadsDir)) {
    parts.push(...entry(`uploads/${file}`, fs.readFileSync(path.join(uploadsDir, file)), mtime));
  }
  parts.push(Buffer.alloc(blockSize * 2));
  return gzipSync(Buffer.concat(parts));
}

export interface BackupContents {
  database: BackupDatabase;
  /** Path under uploads/ → bytes. */
  uploads: Map<string, Uint8Array>;
}

function readString(block: Buffer, start: number, length: number): string {
  const raw = block.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? raw.length : end).toString('utf8');
}

/** Reads a backup; a bare PGlite dump (the earlier format) comes back as the database alone. */
export function readBackupArchive(bytes: Uint8Array): BackupContents {
  const tar = gunzipSync(bytes);
  const files = new Map<string, Uint8Array>();
  let offset = 0;
  let longName: string | null = null;
  while (offset + blockSize <= tar.length) {
    const block = tar.subarray(offset, offset + blockSize);
    if (block.every((b) => b === 0)) break;
    const prefix = readString(block, 345, 155);
    const shortName = readString(block, 0, 100);
    const size = Number.parseInt(readString(block, 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(block[156] ?? 0);
    const data = tar.subarray(offset + blockSize, offset + blockSize + size);
    offset += blockSize + size + ((blockSize - (size % blockSize)) % blockSize);
    if (type === 'x') {
      const match = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(data.toString('utf8'));
      longName = match?.[1] ?? null;
      continue;
    }
    const name = longName ?? (prefix ? `${prefix}/${shortName}` : shortName);
    longName = null;
    if (type === '0' || type === '\0') files.set(name, data);
  }
  const pgliteDump = files.get(databaseEntryName);
  const postgresDump = files.get(postgresEntryName);
  const database: BackupDatabase | null = pgliteDump
    ? { engine: 'pglite', dump: pgliteDump }
    : postgresDump
      ? { engine: 'postgres', dump: postgresDump }
      : null;
  if (!database) return { database: { engine: 'pglite', dump: bytes }, uploads: new Map() };
  const uploads = new Map<string, Uint8Array>();
  for (const [name, data] of files) {
    if (!name.startsWith('uploads/')) continue;
    const relative = name.slice('uploads/'.length);
    // An archive is input: a name that climbs out of uploads/ is not restored.
    if (relative.split('/').some((part) => part === '..' || part === '') || path.isAbsolute(relative))
      continue;
    uploads.set(relative, data);
  }
  return { database, uploads };
}
