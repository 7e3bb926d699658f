/** Writing responses: JSON (gzip when the client accepts it), errors as `{ error: { code, message } }`. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { ApiErrorBody, ApiErrorCode } from '../api/contract.js';
import { httpStatusFor } from '../api/wire.js';

const gzipAsync = promisify(gzip);

/** Bodies smaller than this go uncompressed (gzip would not pay for itself). */
const GZIP_MIN_BYTES = 1024;

export function acceptsGzip(request: IncomingMessage): boolean {
  const header = request.headers['accept-encoding'];
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  return value.split(',').some((item) => {
    const [coding = '', ...params] = item.split(';').map((p) => p.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    return (coding === 'gzip' || coding === '*') && (q === undefined || Number(q.slice(2)) > 0);
  });
}

export async function sendJson(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  value: unknown,
  headers: Readonly<Record<string, string>> = {},
): Promise<void> {
  const text = JSON.stringify(value);
  let body: Buffer = Buffer.from(text, 'utf8');
  const out: Record<string, string> = {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    Vary: 'Accept-Encoding',
    ...headers,
  };
  if (body.length >= GZIP_MIN_BYTES && acceptsGzip(request)) {
    body = await gzipAsync(body);
    out['Content-Encoding'] = 'gzip';
  }
  out['Content-Length'] = String(body.length);
  response.writeHead(status, out);
  response.end(request.method === 'HEAD' ? undefined : body);
}

export function sendError(
  request: IncomingMessage,
  response: ServerResponse,
  code: ApiErrorCode,
  message: string,
  headers: Readonly<Record<string, string>> = {},
): Promise<void> {
  const body: ApiErrorBody = { error: { code, message } };
  return sendJson(request, response, httpStatusFor(code), body, headers);
}
