import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, isApiError } from './client';

/** The request fetch() was given, with its headers as a plain object. */
function lastCall(fetchMock: ReturnType<typeof vi.fn>) {
  const [url, init] = fetchMock.mock.calls.at(-1) as [string, RequestInit];
  return { url, init, headers: init.headers as Record<string, string> };
}

function stubFetch(response: Response) {
  const fetchMock = vi.fn(async () => response);
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('api client', () => {
  it('sends JSON with the CSRF header on a state-changing call', async () => {
    const fetchMock = stubFetch(Response.json({ ok: true }));
    await api.post('/api/things', { name: 'a' });
    const { init, headers } = lastCall(fetchMock);
    expect(headers['x-kakehashi-request']).toBe('1');
    expect(headers['content-type']).toBe('application/json');
    expect(init.body).toBe('{"name":"a"}');
  });

  it('sends FormData as it is, keeping the CSRF header and leaving the content type to the browser', async () => {
    const fetchMock = stubFetch(Response.json({ isImported: true }));
    const form = new FormData();
    form.set('file', new File(['code\n'], 'list.csv', { type: 'text/csv' }));
    form.set('dryRun', 'true');
    const result = await api.postForm<{ isImported: boolean }>('/api/municipalities/import', form);
    expect(result).toEqual({ isImported: true });
    const { url, init, headers } = lastCall(fetchMock);
    expect(url).toBe('/api/municipalities/import');
    expect(init.method).toBe('POST');
    expect(init.body).toBe(form);
    expect(headers['x-kakehashi-request']).toBe('1');
    // A content type set here would lack the multipart boundary and the server could not read the body.
    expect(Object.keys(headers).map((h) => h.toLowerCase())).not.toContain('content-type');
  });

  it('turns a 422 on an upload into an ApiError with the failing field', async () => {
    stubFetch(
      Response.json(
        {
          error: {
            code: 'VALIDATION_FAILED',
            message: { ja: '入力内容に誤りがあります。', en: 'Some fields are invalid.' },
            fields: [{ path: ['file'], code: 'file_type', ja: 'CSV…', en: 'Choose a CSV…' }],
          },
        },
        { status: 422 },
      ),
    );
    const error: unknown = await api.postForm('/api/municipalities/import', new FormData()).catch((e) => e);
    if (!isApiError(error, 'VALIDATION_FAILED'))
      throw new Error(`expected a VALIDATION_FAILED ApiError, got ${error}`);
    expect(error.status).toBe(422);
    expect(error.fields[0]?.path).toEqual(['file']);
  });
});
