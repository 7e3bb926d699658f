/**
 * Reading the JSON body of a write request. Only `Content-Type: application/json` is taken:
 * a browser page elsewhere can POST text/plain or a form to 127.0.0.1 without asking first,
 * but not JSON (that needs a CORS preflight, which this server never grants).
 */
import type { IncomingMessage } from 'node:http';
import { PlanDeskError } from '../errors.js';

/** Largest body accepted: a batch of EDIT_BATCH_MAX_OPERATIONS detailed polygons fits. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

export type BodyResult = { readonly kind: 'json'; readonly value: unknown } | { readonly kind: 'too-large' };

export async function readJsonBody(request: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<BodyResult> {
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new PlanDeskError('INVALID_ARGUMENT', `a ${request.method ?? ''} request needs a JSON body (Content-Type: application/json), got "${type ?? ''}"`);
  }
  const declared = Number(request.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    request.resume();
    return { kind: 'too-large' };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      request.resume();
      return { kind: 'too-large' };
    }
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return { kind: 'json', value: undefined };
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch (error) {
    throw new PlanDeskError('INVALID_ARGUMENT', `the request body is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}
