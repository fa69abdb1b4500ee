import { z } from '@hono/zod-openapi';

/** Media types of the files the API hands out. */
export const mediaTypes = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  pdf: 'application/pdf',
  octetStream: 'application/octet-stream',
} as const;

export interface FileResponseOptions {
  /** The name the browser saves the file under; may be Japanese. */
  fileName: string;
  contentType: string;
  /** 'attachment' (default) downloads; 'inline' lets the browser show it (PDF, images). */
  disposition?: 'attachment' | 'inline';
}

/**
 * `Content-Disposition` that every browser reads the same way: an ASCII `filename` fallback
 * (non-ASCII and quote characters replaced) and the real name as RFC 5987 `filename*`, so a
 * Japanese file name such as 令和6年度_回答.xlsx survives and nothing can break out of the quotes.
 */
export function contentDisposition(
  fileName: string,
  disposition: 'attachment' | 'inline' = 'attachment',
): string {
  const dot = fileName.lastIndexOf('.');
  const extension = dot > 0 ? fileName.slice(dot).replace(/[^A-Za-z0-9.]/g, '') : '';
  const base = (dot > 0 ? fileName.slice(0, dot) : fileName)
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const ascii = `${base || 'download'}${extension}`;
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * The one way a route answers with a file (exports, uploaded materials): the right type, a safe
 * file name, never cached (exports and materials are personal or access-checked data), and
 * `nosniff` so a stored upload is never run as HTML or script.
 */
export function fileResponse(body: Uint8Array | string, options: FileResponseOptions): Response {
  const payload = typeof body === 'string' ? body : (new Uint8Array(body) as unknown as BodyInit);
  return new Response(payload, {
    status: 200,
    headers: {
      'content-type': options.contentType,
      'content-disposition': contentDisposition(options.fileName, options.disposition),
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}

/** OpenAPI description of a file answer, for `responses: { 200: fileContent(…) }`. */
export function fileContent(contentType: string, description: string) {
  return {
    description,
    content: { [contentType]: { schema: z.string().openapi({ format: 'binary' }) } },
  };
}
