/**
 * `plandesk://app/…`: the built renderer served to the window from dist/renderer/ through the
 * same resolver as serve mode (no way out of the folder, SPA fallback), with the app's CSP on
 * every response. A standard, secure scheme: 'self' in the CSP means the app, and file:// is
 * never used.
 */
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { resolveStatic } from '../gis-core/server/static-files.js';
import { APP_CSP, APP_HOST, APP_SCHEME } from './security.js';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>PlanDesk</title>
<p>Giao diện chưa được build. / The user interface is not built yet: run <code>npm run build</code>.</p>`;

export function serveAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const headers = { 'Content-Security-Policy': APP_CSP, 'X-Content-Type-Options': 'nosniff' };
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('not found', { status: 404, headers });
    const found = resolveStatic(rendererDir, url.pathname);
    if (found.kind === 'no-renderer') return new Response(NOT_BUILT, { status: 503, headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' } });
    if (found.kind !== 'file') return new Response('not found', { status: 404, headers });
    return new Response(await readFile(found.file), { status: 200, headers: { ...headers, 'Content-Type': found.contentType } });
  });
}
