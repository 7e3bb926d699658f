/**
 * `connectTransport(url, options)`: which protocol a URL speaks, and the transport for it.
 * Tried in order (unless `protocol` forces one): an OGC API Features landing page (JSON with
 * `links`, and /conformance listing the Part 1 core class), then WFS GetCapabilities (WFS 2.0
 * when the server offers it, else 1.1). Auth failures and unreachable servers are reported as
 * such at once; a URL that answers but is neither gets one clear SYNC_SERVER_ERROR.
 */
import { PlanDeskError, isPlanDeskError } from '../../gis-core/errors.js';
import { DEFAULT_TIMEOUT_MS, httpRequest, type HttpOptions } from './http.js';
import { CONFORMANCE, OgcApiTransport } from './ogcapi.js';
import type { SyncProtocol, SyncTransport, TransportOptions } from './types.js';
import { WfsTransport, withParams } from './wfs.js';
import { parseCapabilities, type WfsVersion } from './wfs-xml.js';

export interface ConnectOptions extends TransportOptions {
  /** Skip detection and speak this protocol. */
  readonly protocol?: SyncProtocol;
  readonly signal?: AbortSignal;
}

interface Link {
  readonly href: string;
  readonly rel: string;
  readonly type?: string;
}

/** An OGC API Features landing page at `url` (with its conformance), or why not. */
async function probeOgcApi(url: string, http: HttpOptions, signal?: AbortSignal): Promise<{ links: Link[]; conformsTo: string[] } | string> {
  const response = await httpRequest(url, { headers: { Accept: 'application/json' }, signal, accept: [400, 404, 405, 406, 500, 501] }, http);
  if (response.status >= 400) return `the landing page answered HTTP ${response.status}`;
  let landing: { links?: Link[] };
  try {
    landing = JSON.parse(response.text) as { links?: Link[] };
  } catch {
    return 'the URL does not answer JSON';
  }
  if (!Array.isArray(landing.links)) return 'the JSON has no links (not a landing page)';
  const href =
    landing.links.find((l) => l.rel === 'conformance' && (!l.type || l.type === 'application/json'))?.href ??
    landing.links.find((l) => l.rel === 'conformance' || l.rel === 'http://www.opengis.net/def/rel/ogc/1.0/conformance')?.href ??
    new URL('conformance', url.endsWith('/') ? url : `${url}/`).toString();
  const conformance = await httpRequest(href, { headers: { Accept: 'application/json' }, signal, accept: [404] }, http);
  if (conformance.status === 404) return 'the landing page has no /conformance';
  let conformsTo: unknown;
  try {
    conformsTo = (JSON.parse(conformance.text) as { conformsTo?: unknown }).conformsTo;
  } catch {
    return '/conformance is not JSON';
  }
  if (!Array.isArray(conformsTo) || !conformsTo.includes(CONFORMANCE.core)) return '/conformance does not list OGC API Features Part 1 core';
  return { links: landing.links, conformsTo: conformsTo as string[] };
}

/** The WFS versions the endpoint offers (GetCapabilities), or why it is not one. */
async function probeWfs(url: string, http: HttpOptions, signal?: AbortSignal): Promise<string[] | string> {
  const response = await httpRequest(
    withParams(url, { SERVICE: 'WFS', REQUEST: 'GetCapabilities', ACCEPTVERSIONS: '2.0.0,1.1.0' }),
    { signal, accept: [400, 404, 405, 500, 501] },
    http,
  );
  if (response.status >= 400) return `GetCapabilities answered HTTP ${response.status}`;
  try {
    return [...parseCapabilities(response.text).versions];
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function pickWfsVersion(versions: readonly string[]): WfsVersion | undefined {
  if (versions.includes('2.0.0')) return '2.0.0';
  if (versions.includes('1.1.0')) return '1.1.0';
  return undefined;
}

export async function connectTransport(url: string, options: ConnectOptions): Promise<SyncTransport> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new PlanDeskError('INVALID_ARGUMENT', `"${url}" is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new PlanDeskError('INVALID_ARGUMENT', `"${url}" is not an http(s) URL`);
  const http: HttpOptions = { credentials: options.credentials, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS };
  const { protocol, signal } = options;

  if (protocol === 'wfs-1.1' || protocol === 'wfs-2.0') return new WfsTransport(url, protocol === 'wfs-2.0' ? '2.0.0' : '1.1.0', options);

  const reasons: string[] = [];
  const ogc = await probeOgcApi(url, http, signal).catch((error: unknown) => {
    // Auth / unreachable / cancelled say everything; a parse-level failure is just "not OGC API".
    if (isPlanDeskError(error) && error.code !== 'SYNC_SERVER_ERROR') throw error;
    return error instanceof Error ? error.message : String(error);
  });
  if (typeof ogc !== 'string') return new OgcApiTransport(url, options, ogc);
  reasons.push(`OGC API Features: ${ogc}`);
  if (protocol === 'ogcapi-features') throw new PlanDeskError('SYNC_SERVER_ERROR', `${url} is not an OGC API Features landing page (${ogc})`);

  const wfs = await probeWfs(url, http, signal).catch((error: unknown) => {
    if (isPlanDeskError(error) && error.code !== 'SYNC_SERVER_ERROR') throw error;
    return error instanceof Error ? error.message : String(error);
  });
  if (typeof wfs !== 'string') {
    const version = pickWfsVersion(wfs);
    if (version) return new WfsTransport(url, version, options);
    reasons.push(`WFS: only version(s) ${wfs.join(', ')} (PlanDesk needs WFS 1.1 or 2.0)`);
  } else reasons.push(`WFS: ${wfs}`);
  throw new PlanDeskError('SYNC_SERVER_ERROR', `${url} is neither an OGC API Features landing page nor a WFS endpoint (${reasons.join('; ')})`);
}
