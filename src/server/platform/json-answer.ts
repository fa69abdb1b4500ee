import zlib from 'node:zlib';
import type { Context } from 'hono';
import type { AppEnv } from './http';
import { pickEncoding } from './static-web';

/**
 * 200 answers for kept values (platform/snapshots.ts, the dashboards' views): the JSON text is
 * made once per kept object, and compressed once per encoding the browser accepts. A list page,
 * survey results or a prefecture-wide view is 50 KB to 1 MB of JSON: serialising and compressing
 * it on every request was most of such a request once its value was kept. Each router makes its
 * own; both memories are bounded (texts die with their objects, compressed copies are dropped
 * in bulk past 64).
 */
export function createJsonAnswers() {
  const texts = new WeakMap<object, string>();
  const compressed = new Map<string, { br?: Uint8Array; gzip?: Uint8Array }>();

  function textOf(value: object | string): string {
    if (typeof value === 'string') return value;
    let text = texts.get(value);
    if (text === undefined) {
      text = JSON.stringify(value);
      texts.set(value, text);
    }
    return text;
  }

  return function jsonAnswer(c: Context<AppEnv>, value: object | string): never {
    const text = textOf(value);
    const encoding = pickEncoding(c.req.header('accept-encoding'));
    if (encoding === 'identity' || text.length < 4096) {
      return new Response(text, {
        status: 200,
        headers: { 'content-type': 'application/json; charset=utf-8' },
      }) as never;
    }
    let entry = compressed.get(text);
    if (!entry) {
      if (compressed.size >= 64) compressed.clear();
      entry = {};
      compressed.set(text, entry);
    }
    entry[encoding] ??=
      encoding === 'br'
        ? zlib.brotliCompressSync(text, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } })
        : zlib.gzipSync(text, { level: 6 });
    return new Response(new Uint8Array(entry[encoding]) as unknown as BodyInit, {
      status: 200,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-encoding': encoding,
        vary: 'Accept-Encoding',
      },
    }) as never;
  };
}
