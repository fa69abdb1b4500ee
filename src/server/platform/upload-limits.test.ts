import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../testing/harness';
import { parseCsv } from './csv';
import { csrfHeaderName } from './middleware';
import { readTabularFile, uploadLimits } from './spreadsheet';

const ctx = await createTestContext();
const admin = await ctx.sessionCookieFor('admin@pref.example.jp');
const staff = await ctx.sessionCookieFor('dx@nishiaizu.example.jp');

/** A multipart body served as a stream that records whether anyone read it. */
function watchedUpload(cookie: string | undefined) {
  const boundary = 'kkboundary';
  const body = new TextEncoder().encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\ncode,name\r\n--${boundary}--\r\n`,
  );
  const state = { wasRead: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        state.wasRead = true;
        controller.enqueue(body);
        controller.close();
      },
    },
    { highWaterMark: 0 },
  ); // pulled only when someone reads, not up front
  const headers: Record<string, string> = {
    [csrfHeaderName]: '1',
    'content-type': `multipart/form-data; boundary=${boundary}`,
  };
  if (cookie) headers.cookie = cookie;
  const request = new Request('http://localhost/api/municipalities/import', {
    method: 'POST',
    headers,
    body: stream,
    duplex: 'half',
  } as RequestInit);
  return { request, state };
}

describe('uploads', () => {
  it('are refused to an anonymous caller before the body is read', async () => {
    const { request, state } = watchedUpload(undefined);
    const res = await ctx.app.request(request);
    expect(res.status).toBe(401);
    expect(state.wasRead).toBe(false);
  });

  it('are refused to a signed-in caller who may upload nothing, before the body is read', async () => {
    const { request, state } = watchedUpload(staff);
    const res = await ctx.app.request(request);
    expect(res.status).toBe(403);
    expect(state.wasRead).toBe(false);
  });

  it('refuse an xlsx that unzips to more than the limit, quickly and with a field error', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types/>');
    // Compresses to a few kilobytes, unzips far past the limit.
    zip.file('xl/worksheets/sheet1.xml', ' '.repeat(uploadLimits.maxUnzippedBytes + 1024));
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    expect(bytes.byteLength).toBeLessThan(200_000);
    const started = performance.now();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), 'bomb.xlsx');
    const res = await ctx.request('POST', '/api/municipalities/import', { cookie: admin, body: form });
    expect(res.status).toBe(422);
    expect((await res.json()).error.fields[0]).toMatchObject({ path: ['file'], code: 'too_large' });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuse a CSV with more rows than the limit', async () => {
    const lines = ['code,name', ...Array.from({ length: uploadLimits.maxRows + 1 }, (_, i) => `${i},x`)];
    await expect(
      readTabularFile(new TextEncoder().encode(lines.join('\n')), 'many.csv'),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('refuse a CSV with more cells than the limit', () => {
    const wide = Array.from({ length: uploadLimits.maxCells + 1 }, () => 'x').join(',');
    expect(() => parseCsv(wide)).toThrow();
  });
});
