import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from '@hono/zod-openapi';
import { AppError, fieldError } from './errors';

/** A file as it arrived in a multipart form. */
export interface UploadedFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

/** Stored files are named by the store, never by the uploader: a random UUID. */
const storedNamePattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** An area is one plain folder name under the uploads directory (e.g. 'seminars'). */
const areaPattern = /^[a-z0-9][a-z0-9_-]{0,62}$/;

export const defaultMaxUploadBytes = 200 * 1024 * 1024;

export interface UploadStore {
  /** Writes the bytes under a generated name and returns that name (what the database keeps). */
  save(bytes: Uint8Array): Promise<string>;
  /** The stored bytes; 404 when the name is not one this store could have made or the file is gone. */
  read(storedName: string): Promise<Uint8Array>;
  /** Removes a stored file; a file already gone is not an error (deleting twice is harmless). */
  remove(storedName: string): Promise<void>;
}

/** Makes a new directory entry durable; Windows cannot open a directory to flush it. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Files kept on disk for a feature (materials, recordings, attachments) under `<uploadsDir>/<area>`.
 * The caller keeps only the generated name, and every name is checked against the UUID pattern
 * before it is joined to the directory, so no stored or requested name can reach outside it.
 * Empty files are refused with a field error on `file`, oversized ones with 413.
 */
export function createUploadStore(
  uploadsDir: string,
  area: string,
  options: { maxBytes?: number } = {},
): UploadStore {
  if (!areaPattern.test(area)) throw new Error(`Invalid upload area: ${area}`);
  const dir = path.resolve(uploadsDir, area);
  const maxBytes = options.maxBytes ?? defaultMaxUploadBytes;

  function pathOf(storedName: string): string {
    if (!storedNamePattern.test(storedName)) throw new AppError('NOT_FOUND');
    return path.join(dir, storedName);
  }

  return {
    async save(bytes) {
      if (bytes.byteLength === 0) throw fieldError(['file'], 'ファイルが空です。', 'The file is empty.');
      if (bytes.byteLength > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE');
      // The area's own entry, the first time it is made, must outlive a power cut as well.
      if (await fs.mkdir(dir, { recursive: true })) await syncDirectory(path.dirname(dir));
      const storedName = randomUUID();
      // 'wx': never overwrite, even if a name were ever to repeat.
      const file = await fs.open(pathOf(storedName), 'wx');
      try {
        await file.writeFile(bytes);
        // On the disk before the row that names it commits (and that commit is synced, ADR 009):
        // a power cut must not leave a record pointing at an empty or missing file.
        await file.datasync();
      } finally {
        await file.close();
      }
      await syncDirectory(dir);
      return storedName;
    },
    async read(storedName) {
      try {
        return new Uint8Array(await fs.readFile(pathOf(storedName)));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('NOT_FOUND');
        throw err;
      }
    },
    async remove(storedName) {
      try {
        await fs.unlink(pathOf(storedName));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw err;
      }
    },
  };
}

/** A multipart form body for a route (`request: { body: formContent(schema) }`). */
export function formContent<T extends z.ZodType>(schema: T) {
  return { content: { 'multipart/form-data': { schema } }, required: true } as const;
}

/** A file field of a multipart form, as the OpenAPI document shows it. */
export const binaryField = z.any().openapi({ type: 'string', format: 'binary' });

/** A form field as an UploadedFile, or undefined when no file was sent in it. */
export async function uploadedFile(value: unknown): Promise<UploadedFile | undefined> {
  if (!(value instanceof File)) return undefined;
  return { name: value.name, type: value.type, bytes: new Uint8Array(await value.arrayBuffer()) };
}
