/**
 * The HTTP transport: the PlanDesk API under /api/ (one route per contract method, see
 * routes.ts) and the built renderer for everything else. Used by `plandesk serve` and
 * `plandesk start`, and by every browser test.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PlanDeskApi } from '../api/contract.js';
import { isPlanDeskError, PlanDeskError } from '../errors.js';
import { checkBindAllowed, hostOfHeader, isLoopbackHost, requestToken, tokenAccepted } from './access.js';
import { readJsonBody } from './body.js';
import { contentSecurityPolicy, SECURITY_HEADERS } from './csp.js';
import type { FileStaging } from './files.js';
import { QueryParams } from './params.js';
import { RENDERER_DIR } from './renderer-location.js';
import { sendError, sendJson } from './respond.js';
import { kioskApi } from './kiosk-api.js';
import { KIOSK_RATE_LIMIT, RateLimiter, type RateLimitOptions } from './rate-limit.js';
import { buildRoutes, matchRoute, type Route, type RouteAccess, type RouteMatch } from './routes.js';
import { openStatic, resolveStatic } from './static-files.js';

export interface ServeOptions {
  readonly api: PlanDeskApi;
  /** Interface to listen on; 127.0.0.1 by default. */
  readonly host?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Required on a non-loopback host; when set, every API call must carry it. */
  readonly token?: string;
  /** The built renderer; dist/renderer/ of the checkout by default. */
  readonly rendererDir?: string;
  /**
   * 'all' (default); 'read': the read methods; 'kiosk': the public kiosk (docs/KIOSK.md) — only
   * the methods API_METHODS marks `kiosk` (everything else 404), capped map queries, no file
   * path, requests rate-limited per client, and the kiosk page at `/` instead of the app.
   */
  readonly access?: RouteAccess;
  /** Kiosk: seconds without a touch before the page returns to its home screen (default 120). */
  readonly idleSeconds?: number;
  /** Kiosk: the per-client rate limit (default KIOSK_RATE_LIMIT). */
  readonly rateLimit?: RateLimitOptions;
  /** Origins of an opted-in base map server, allowed in the CSP's img-src and connect-src. */
  readonly extraOrigins?: readonly string[];
  /**
   * The staging folder for uploads and job downloads (files.ts); served only when access is
   * 'all' (never in kiosk mode). Without it there are no file routes.
   */
  readonly files?: FileStaging;
  /** Where request failures that are not PlanDeskErrors are logged; stderr by default. */
  readonly log?: (line: string) => void;
}

export interface RunningServer {
  /** 'http://127.0.0.1:PORT/' (the host as bound; IPv6 in brackets). */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly server: Server;
  close(): Promise<void>;
}

const NO_RENDERER_PAGE = `<!doctype html><html lang="vi"><meta charset="utf-8"><title>PlanDesk</title>
<body style="font-family:sans-serif;max-width:40em;margin:3em auto">
<h1>PlanDesk</h1>
<p>Giao diện chưa được build. / The user interface is not built yet: run <code>npm run build</code>.</p>
<p>API: <a href="/api/project">/api/project</a>, <a href="/api/layers">/api/layers</a></p>
</body></html>`;

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** Kiosk: the page served at `/`, and the only static files served besides its assets. */
export const KIOSK_PAGE = '/kiosk.html';
export const KIOSK_IDLE_DEFAULT_S = 120;
/** Rate-limit tokens a request costs; the PDF sheet runs Chromium, so it costs more. */
const COST_DEFAULT = 1;
const COST_DOCUMENT = 8;

class RequestHandler {
  private readonly routes: Route[];
  private readonly csp: string;
  private readonly rendererDir: string;
  private readonly kiosk: boolean;
  private readonly service: PlanDeskApi;
  private readonly limiter: RateLimiter | undefined;

  constructor(private readonly options: ServeOptions) {
    this.kiosk = options.access === 'kiosk';
    this.routes = buildRoutes(options.access ?? 'all');
    this.csp = contentSecurityPolicy(this.kiosk ? { kiosk: true } : { extraOrigins: options.extraOrigins ?? [] });
    this.rendererDir = options.rendererDir ?? RENDERER_DIR;
    this.service = this.kiosk ? kioskApi(options.api) : options.api;
    this.limiter = this.kiosk ? new RateLimiter(options.rateLimit ?? KIOSK_RATE_LIMIT) : undefined;
  }

  /** Kiosk: takes the request's tokens; false (and a 429 sent) when the client is over its rate. */
  private async withinRate(request: IncomingMessage, response: ServerResponse, cost: number): Promise<boolean> {
    if (!this.limiter) return true;
    const decision = this.limiter.take(request.socket.remoteAddress ?? 'unknown', cost);
    if (decision.allowed) return true;
    await sendError(request, response, 'RATE_LIMITED', `too many requests; try again in ${decision.retryAfterSeconds} s`, {
      'Retry-After': String(decision.retryAfterSeconds),
    });
    return false;
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    response.setHeader('Content-Security-Policy', this.csp);
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'http://plandesk.invalid');
    } catch {
      await sendError(request, response, 'INVALID_ARGUMENT', 'malformed request URL');
      return;
    }
    // Without a token, only a loopback Host may call (a rebinding DNS name pointing at 127.0.0.1 may not).
    if (!this.options.token && !isLoopbackHost(hostOfHeader(request.headers.host))) {
      await sendError(request, response, 'UNAUTHORIZED', 'this server answers only to localhost / 127.0.0.1');
      return;
    }
    if (this.kiosk) {
      // Default-deny, before any other kind of endpoint: the API through the kiosk route list,
      // else the kiosk page and its assets; nothing else (uploads, downloads …) exists here.
      if (url.pathname === '/api' || url.pathname.startsWith('/api/')) await this.api(request, response, url);
      else if (!(await this.kioskStatic(request, response, url))) await this.static(request, response, url);
      return;
    }
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) await this.api(request, response, url);
    else await this.static(request, response, url);
  }

  private async api(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const token = this.options.token;
    if (token && !tokenAccepted(token, requestToken(request.headers.authorization, url.searchParams))) {
      await sendError(request, response, 'UNAUTHORIZED', 'this server needs its access token: Authorization: Bearer TOKEN, or ?token=TOKEN', {
        'WWW-Authenticate': 'Bearer realm="plandesk"',
      });
      return;
    }
    const files = (this.options.access ?? 'all') === 'all' ? this.options.files : undefined;
    if (files && (await files.handle(request, response, url, this.options.api))) return;
    let match: RouteMatch;
    try {
      match = matchRoute(this.routes, request.method ?? 'GET', url.pathname);
    } catch {
      // decodeURIComponent of a path segment: '%E0%A4%A' and the like.
      await sendError(request, response, 'INVALID_ARGUMENT', 'malformed percent-encoding in the URL path');
      return;
    }
    if (!(await this.withinRate(request, response, match.kind === 'found' && match.route.produces ? COST_DOCUMENT : COST_DEFAULT))) return;
    // A kiosk does not even say which verbs a path has: anything it does not serve is not there.
    if (match.kind === 'not-found' || (this.kiosk && match.kind === 'method-not-allowed')) {
      await sendError(request, response, 'NOT_FOUND', `no API endpoint ${url.pathname} (see docs/API.md)`);
      return;
    }
    if (match.kind === 'method-not-allowed') {
      await sendError(request, response, 'METHOD_NOT_ALLOWED', `${request.method ?? ''} is not allowed on ${url.pathname}; use ${match.allow.join(', ')}`, {
        Allow: match.allow.join(', '),
      });
      return;
    }
    try {
      let body: unknown;
      if (match.route.method !== 'GET') {
        const read = await readJsonBody(request);
        if (read.kind === 'too-large') {
          await sendError(request, response, 'PAYLOAD_TOO_LARGE', 'the request body is larger than 64 MB; send the edits in several batches');
          return;
        }
        body = read.value;
      }
      const result = await match.route.invoke(this.service, { path: match.path, query: new QueryParams(url.searchParams), body });
      if (match.route.produces) await this.sendDocument(request, response, match.route.produces, result);
      else await sendJson(request, response, 200, result);
    } catch (error) {
      if (isPlanDeskError(error)) {
        await sendError(request, response, error.code, error.message);
        return;
      }
      (this.options.log ?? ((line) => process.stderr.write(`${line}\n`)))(
        `plandesk serve: ${request.method} ${url.pathname} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      await sendError(request, response, 'INTERNAL', 'internal error (details in the server log)');
    }
  }

  /** A document route's result `{ base64, fileName }` sent as its bytes. */
  private async sendDocument(request: IncomingMessage, response: ServerResponse, contentType: string, result: unknown): Promise<void> {
    const { base64, fileName } = result as { base64: string; fileName: string };
    const bytes = Buffer.from(base64, 'base64');
    response.writeHead(200, {
      'Content-Type': contentType,
      'Content-Length': String(bytes.length),
      'Content-Disposition': `inline; filename="${fileName.replace(/[^\w.-]/g, '_')}"`,
      'Cache-Control': 'no-store',
    });
    response.end(request.method === 'HEAD' ? undefined : bytes);
  }

  /** Kiosk: `/` is the kiosk page (with its idle time); only it and its assets are served. */
  private async kioskStatic(request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> {
    if (!(await this.withinRate(request, response, COST_DEFAULT))) return true;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      await sendError(request, response, 'NOT_FOUND', `no ${url.pathname} here`);
      return true;
    }
    if (url.pathname === '/') {
      const idle = this.options.idleSeconds ?? KIOSK_IDLE_DEFAULT_S;
      response.writeHead(302, { Location: `${KIOSK_PAGE}?idle=${idle}`, 'Cache-Control': 'no-store' });
      response.end();
      return true;
    }
    // Assets by name only: an extension-less path would fall back to the office app's index.html.
    if (url.pathname !== KIOSK_PAGE && !(url.pathname.startsWith('/assets/') && /\.[a-z0-9]+$/i.test(url.pathname))) {
      await sendError(request, response, 'NOT_FOUND', `no file ${url.pathname}`);
      return true;
    }
    return false;
  }

  private async static(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      await sendError(request, response, 'METHOD_NOT_ALLOWED', `${request.method ?? ''} is not allowed on ${url.pathname}; use GET`, { Allow: 'GET, HEAD' });
      return;
    }
    // The raw path, not url.pathname: URL parsing has already folded '..' segments away.
    const rawPath = (request.url ?? '/').split('?')[0] ?? '/';
    const found = resolveStatic(this.rendererDir, rawPath);
    switch (found.kind) {
      case 'forbidden':
      case 'not-found':
        await sendError(request, response, 'NOT_FOUND', `no file ${url.pathname}`);
        return;
      case 'no-renderer':
        response.writeHead(503, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
        response.end(request.method === 'HEAD' ? undefined : NO_RENDERER_PAGE);
        return;
      case 'file':
        response.writeHead(200, {
          'Content-Type': found.contentType,
          'Content-Length': String(found.stats.size),
          'Cache-Control': found.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        });
        if (request.method === 'HEAD') {
          response.end();
          return;
        }
        await new Promise<void>((resolve) => {
          const stream = openStatic(found.file);
          stream.on('error', () => {
            response.destroy();
            resolve();
          });
          stream.pipe(response).on('finish', resolve).on('close', resolve);
        });
    }
  }
}

/** Starts serving; resolves once listening. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new PlanDeskError('INVALID_ARGUMENT', `invalid port ${port}`);
  checkBindAllowed(host, options.token);
  const handler = new RequestHandler(options);
  const server = createServer((request, response) => {
    handler.handle(request, response).catch((error: unknown) => {
      (options.log ?? ((line) => process.stderr.write(`${line}\n`)))(`plandesk serve: ${request.method} ${request.url} failed: ${String(error)}`);
      if (response.headersSent) response.destroy();
      else {
        response.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' });
        response.end(JSON.stringify({ error: { code: 'INTERNAL', message: 'internal error' } }));
      }
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'EADDRINUSE' ? 'the port is in use' : error.code === 'EADDRNOTAVAIL' ? 'no such interface here' : error.message;
      reject(new PlanDeskError('INVALID_ARGUMENT', `cannot listen on ${host}:${port}: ${reason}`, { cause: error }));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${urlHost(host)}:${address.port}/`,
    host,
    port: address.port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
