import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { createUploadStore } from './uploads';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kk-uploads-'));
const bytes = (text: string) => new TextEncoder().encode(text);

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (err) {
    return err instanceof AppError ? err.code : String(err);
  }
}

describe('upload store', () => {
  it('stores bytes under a generated name inside its area, reads them back and deletes them', async () => {
    const store = createUploadStore(root, 'materials');
    const name = await store.save(bytes('講演資料'));
    expect(name).toMatch(/^[0-9a-f-]{36}$/);
    expect(fs.readdirSync(path.join(root, 'materials'))).toEqual([name]);
    expect(new TextDecoder().decode(await store.read(name))).toBe('講演資料');
    await store.remove(name);
    expect(fs.readdirSync(path.join(root, 'materials'))).toEqual([]);
    // Gone: reading is a 404, deleting again is harmless.
    expect(await codeOf(store.read(name))).toBe('NOT_FOUND');
    await store.remove(name);
  });

  it('never reaches outside its directory, whatever name it is given', async () => {
    fs.writeFileSync(path.join(root, 'secret.txt'), 'secret');
    const store = createUploadStore(root, 'attachments');
    for (const name of [
      '../secret.txt',
      '..%2Fsecret.txt',
      '/etc/passwd',
      `${root}/secret.txt`,
      'secret.txt',
      '',
      '00000000-0000-0000-0000-000000000000/../../secret.txt',
    ]) {
      expect(await codeOf(store.read(name)), name).toBe('NOT_FOUND');
      expect(await codeOf(store.remove(name)), name).toBe('NOT_FOUND');
    }
    expect(fs.readFileSync(path.join(root, 'secret.txt'), 'utf8')).toBe('secret');
    expect(() => createUploadStore(root, '../elsewhere')).toThrow();
    expect(() => createUploadStore(root, 'a/b')).toThrow();
  });

  it('refuses empty files (field error on file) and files over the limit (413), storing nothing', async () => {
    const store = createUploadStore(root, 'limited', { maxBytes: 4 });
    expect(await codeOf(store.save(new Uint8Array()))).toBe('VALIDATION_FAILED');
    expect(await codeOf(store.save(bytes('12345')))).toBe('PAYLOAD_TOO_LARGE');
    expect(fs.existsSync(path.join(root, 'limited'))).toBe(false);
    expect(await codeOf(store.save(bytes('1234')))).toBeUndefined();
  });
});
