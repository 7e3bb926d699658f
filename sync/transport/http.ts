/**
 * The one HTTP wrapper the SDI transports use: a per-request timeout, the Authorization header
 * (basic or bearer), and failures mapped to PlanDeskError — 401/403 → SYNC_AUTH_FAILED, refused
 * / unknown host / timeout → SYNC_UNREACHABLE, other 4xx/5xx → SYNC_SERVER_ERROR with the
 * server's own message, an aborted signal → CANCELLED. No retries here: the engine decides.
 */
import { PlanDeskError, isPlanDeskError } from '../../gis-core/errors.js';
import type { SyncCredentials } from './types.js';
import { child, descendants, parseXml, textOf } from './xml.js';

export interface HttpOptions {
  readonly credentials?: SyncCredentials;
  /** Per request, ms. */
  readonly timeoutMs: number;
}

export interface HttpRequest {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly headers?: Readonly<Record<string, string>>;
  /** Must be 7-bit ASCII (QGIS Server 3.22 hangs on non-ASCII bodies): escape before. */
  readonly body?: string;
  readonly signal?: AbortSignal;
  /** Statuses to hand back instead of throwing (e.g. 404 when probing). */
  readonly accept?: readonly number[];
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The final URL (after redirects). */
  readonly url: string;
}

export const DEFAULT_TIMEOUT_MS = 60_000;

export function authorizationHeader(credentials: SyncCredentials | undefined): string | undefined {
  if (!credentials) return undefined;
  if (credentials.token) return `Bearer ${credentials.token}`;
  if (credentials.username !== undefined) {
    return `Basic ${Buffer.from(`${credentials.username}:${credentials.password ?? ''}`, 'utf8').toString('base64')}`;
  }
  return undefined;
}

/**
 * The message inside a server's error body: an OGC (ows:)ExceptionReport or
 * ServiceExceptionReport, an OGC API JSON error (`{"description"}` or `[{"code","description"}]`),
 * else the start of the text.
 */
export function serverMessage(body: string): string {
  const trimmed = body.trim();
  if (trimmed.startsWith('<')) {
    try {
      const exception = exceptionReportMessage(trimmed);
      if (exception) return exception;
    } catch {
      // not XML after all: fall through
    }
  }
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const json = JSON.parse(trimmed) as unknown;
      const items = Array.isArray(json) ? json : [json];
      const texts = items
        .map((item) => {
          if (!item || typeof item !== 'object') return '';
          const o = item as Record<string, unknown>;
          return [o.code, o.description ?? o.detail ?? o.title ?? o.message].filter((v) => typeof v === 'string' && v !== '').join(': ');
        })
        .filter((t) => t !== '');
      if (texts.length > 0) return texts.join('; ');
    } catch {
      // fall through
    }
  }
  return trimmed.replace(/\s+/g, ' ').slice(0, 300);
}

/** The text of an OGC exception report (WFS 1.x ServiceExceptionReport, OWS ExceptionReport), or undefined. */
export function exceptionReportMessage(xml: string): string | undefined {
  const root = parseXml(xml);
  // QGIS Server answers a project error with a bare <ServerException>.
  if (root.local === 'ServerException') return textOf(root) || 'server exception';
  if (root.local !== 'ExceptionReport' && root.local !== 'ServiceExceptionReport') return undefined;
  const parts: string[] = [];
  for (const exception of [...descendants(root, 'Exception'), ...descendants(root, 'ServiceException')]) {
    const code = exception.attributes.exceptionCode ?? exception.attributes.code;
    const locator = exception.attributes.locator;
    const text = exception.local === 'Exception' ? descendants(exception, 'ExceptionText').map((t) => textOf(t)).join(' ') : textOf(exception);
    parts.push([code, locator ? `(${locator})` : '', text].filter((p) => p).join(' '));
  }
  return parts.join('; ') || textOf(child(root, 'Exception')) || 'exception report without text';
}

function networkCode(error: unknown): string | undefined {
  let e: unknown = error;
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function host(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export async function httpRequest(url: string, request: HttpRequest, options: HttpOptions): Promise<HttpResponse> {
  const { signal } = request;
  if (signal?.aborted) throw new PlanDeskError('CANCELLED', 'the sync was cancelled');
  if (request.body !== undefined && /[^\t\n\r\x20-\x7e]/.test(request.body)) {
    // A programming error, not the server's: QGIS Server would hang on this body.
    throw new Error('SDI request body is not ASCII: escape non-ASCII text before sending');
  }
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const headers: Record<string, string> = { ...request.headers };
  const auth = authorizationHeader(options.credentials);
  if (auth) headers.Authorization = auth;
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: request.method ?? 'GET',
      headers,
      body: request.body,
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      redirect: 'follow',
    });
    text = await response.text();
  } catch (error) {
    if (signal?.aborted) throw new PlanDeskError('CANCELLED', 'the sync was cancelled', { cause: error });
    if (timeout.aborted) {
      throw new PlanDeskError('SYNC_UNREACHABLE', `the SDI server ${host(url)} did not answer within ${Math.round(options.timeoutMs / 1000)} s`, { cause: error });
    }
    const code = networkCode(error);
    const why =
      code === 'ECONNREFUSED'
        ? 'refused the connection'
        : code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE'
          ? 'closed the connection'
          : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
          ? 'is not a known host'
          : code
            ? `could not be reached (${code})`
            : `could not be reached (${error instanceof Error ? error.message : String(error)})`;
    throw new PlanDeskError('SYNC_UNREACHABLE', `the SDI server ${host(url)} ${why}`, { cause: error });
  }
  if (request.accept?.includes(response.status)) return { status: response.status, headers: response.headers, text, url: response.url || url };
  if (response.status === 401 || response.status === 403) {
    throw new PlanDeskError(
      'SYNC_AUTH_FAILED',
      `the SDI server ${host(url)} refused the credentials (HTTP ${response.status}${text.trim() ? `: ${serverMessage(text)}` : ''})`,
    );
  }
  if (response.status >= 400) {
    throw new PlanDeskError('SYNC_SERVER_ERROR', `the SDI server answered HTTP ${response.status}: ${serverMessage(text) || response.statusText}`);
  }
  return { status: response.status, headers: response.headers, text, url: response.url || url };
}

/** Rethrows PlanDeskErrors; wraps anything else (a parse error in a 200 answer) as SYNC_SERVER_ERROR. */
export function asSyncError(error: unknown, what: string): PlanDeskError {
  if (isPlanDeskError(error)) return error;
  return new PlanDeskError('SYNC_SERVER_ERROR', `${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}
