/**
 * The Content-Security-Policy of the PlanDesk UI, the same in `serve` mode (HTTP header) and in
 * the desktop shell (session header). Scripts only from the app itself, no eval, no plugins, no
 * framing, no remote content. Styles allow inline because OpenLayers and React set element
 * styles; images allow data:/blob: for canvas-made symbols. `extraOrigins` (an opted-in base map
 * server, e.g. 'https://tiles.example.vn') is added to img-src and connect-src only.
 * Plain data: imported by electron/ too, so it imports nothing.
 */
export interface CspOptions {
  readonly extraOrigins?: readonly string[];
  /** The public kiosk page: nothing external at all (extraOrigins refused); the sheet PDF it made (a blob: URL) may show in a frame. */
  readonly kiosk?: boolean;
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  const extra = (options.extraOrigins ?? []).map((origin) => {
    if (!/^https?:\/\/[a-z0-9.-]+(?::\d+)?$/i.test(origin)) throw new Error(`not an origin for the CSP: ${origin}`);
    return ` ${origin}`;
  });
  if (options.kiosk && extra.length) throw new Error('a kiosk loads nothing from other origins');
  const more = extra.join('');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${more}`,
    "font-src 'self' data:",
    `connect-src 'self'${more}`,
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    ...(options.kiosk ? ['frame-src blob:'] : []),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers sent with every response of `plandesk serve`. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
