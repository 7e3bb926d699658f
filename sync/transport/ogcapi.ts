/**
 * SyncTransport over OGC API Features: Part 1 (landing page, /conformance, /collections, items
 * paged by `next` links), Part 2 (`crs` / `bbox-crs` so geometries come in the project CRS when
 * the collection lists it — QGIS Server 3.22 does, under `…/EPSG/9.6.2/N`, without declaring
 * Part 2), and Part 4 edits (POST / PUT / PATCH / DELETE).
 *
 * What the servers do not offer, and what we do instead:
 * - Filters: `updated_at > t` is filtered client side (CQL2 `filter` is used when /conformance
 *   declares Part 3 cql2-text); uuids by the `uuid=` query parameter when the API description
 *   (or /queryables) lists it (QGIS Server does), else client side.
 * - Writing in the project CRS needs Part 2 CRS conformance + `Content-Crs`; QGIS Server
 *   ignores Content-Crs and reads CRS84, so we send CRS84 (full double precision) and the server
 *   reprojects (the tests check the round trip stays within 1 mm).
 * - Compare-and-set: no ETag / If-Match on QGIS Server (used when a server sends an ETag). The
 *   version is checked by a GET right before the PUT/PATCH/DELETE: another client writing in
 *   between is a known race (documented in docs/SYNC-TRANSPORT.md).
 * - Editable: Part 4 conformance, or (QGIS Server, which does not declare it) a POST operation on
 *   the collection's items in the OpenAPI description.
 * Request bodies are JSON with every non-ASCII character as a `\uXXXX` escape.
 */
import { transformGeometry } from '../../gis-core/crs/transform.js';
import { PlanDeskError, isPlanDeskError } from '../../gis-core/errors.js';
import type { GeoJSONGeometry } from '../../layers/types.js';
import { DEFAULT_TIMEOUT_MS, asSyncError, httpRequest, type HttpOptions, type HttpResponse } from './http.js';
import type {
  DeleteRequest,
  EditOutcome,
  FeatureRequest,
  InsertRequest,
  ServerFeature,
  ServerFeatureType,
  ServerField,
  SyncTransport,
  TransportOptions,
  UpdateRequest,
} from './types.js';
import { BOOKKEEPING, KEY_NAMES } from './wfs.js';

export const CONFORMANCE = {
  core: 'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  crs: 'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
  filter: 'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter',
  cql2Text: 'http://www.opengis.net/spec/cql2/1.0/conf/cql2-text',
  createReplaceDelete: 'http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete',
  update: 'http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/update',
} as const;
const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
const PAGE_SIZE = 1000;
/** Above this many uuids one full read filtered client side beats one request per uuid. */
const UUID_REQUESTS_MAX = 50;

interface Link {
  readonly href: string;
  readonly rel: string;
  readonly type?: string;
}

interface CollectionInfo {
  readonly id: string;
  readonly title?: string;
  readonly itemsUrl: string;
  /** The collection's own URI for the project CRS, when it lists one. */
  readonly projectCrs?: string;
  readonly fields: ServerField[];
  readonly editable: boolean;
  /** Query parameters the server filters on (property names). */
  readonly queryables: ReadonlySet<string>;
}

/** JSON text with every character outside ASCII written as `\uXXXX` (QGIS Server hangs on non-ASCII bodies). */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function parseJson<T>(response: HttpResponse, what: string): T {
  try {
    return JSON.parse(response.text) as T;
  } catch (error) {
    throw new PlanDeskError('SYNC_SERVER_ERROR', `${what} is not JSON: ${response.text.slice(0, 120)}`, { cause: error });
  }
}

function link(links: readonly Link[] | undefined, rel: string, types: readonly string[] = ['application/json', 'application/geo+json']): string | undefined {
  const candidates = (links ?? []).filter((l) => l.rel === rel);
  return (candidates.find((l) => !l.type || types.includes(l.type)) ?? candidates[0])?.href;
}

/** The collection's CRS URI for EPSG code `srid` (`…/EPSG/0/5897`, `…/EPSG/9.6.2/5897`). */
export function crsUriFor(list: readonly string[] | undefined, srid: number): string | undefined {
  return list?.find((uri) => new RegExp(`/EPSG/[^/]+/${srid}$`).test(uri));
}

function schemaType(schema: { type?: string; format?: string } | undefined): ServerField['type'] {
  switch (schema?.type) {
    case 'integer':
      return 'integer';
    case 'number':
      return 'real';
    case 'boolean':
      return 'boolean';
    case 'string':
      return schema.format === 'date' ? 'date' : schema.format === 'date-time' ? 'datetime' : 'text';
    default:
      return 'other';
  }
}

function valueType(value: unknown): ServerField['type'] {
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'real';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'text';
  return 'other';
}

interface GeoJsonFeature {
  id?: string | number;
  geometry: GeoJSONGeometry | null;
  properties: Record<string, unknown> | null;
}

interface OpenApi {
  paths?: Record<string, Record<string, { parameters?: ({ name?: string; in?: string; schema?: { type?: string; format?: string } } | { $ref: string })[] }>>;
}

export class OgcApiTransport implements SyncTransport {
  readonly protocol = 'ogcapi-features' as const;
  private readonly http: HttpOptions;
  private collections: Map<string, CollectionInfo> | undefined;

  constructor(
    /** The landing page URL. */
    readonly url: string,
    private readonly options: TransportOptions,
    private readonly landing: { links: readonly Link[]; conformsTo: readonly string[] },
  ) {
    this.http = { credentials: options.credentials, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS };
  }

  private has(conformance: string): boolean {
    return this.landing.conformsTo.includes(conformance);
  }

  private getJson<T>(url: string, signal: AbortSignal | undefined, what: string, accept = 'application/json'): Promise<T> {
    return httpRequest(url, { headers: { Accept: accept }, signal }, this.http).then((r) => parseJson<T>(r, what));
  }

  // ---- collections ------------------------------------------------------------------------------

  async featureTypes(signal?: AbortSignal): Promise<ServerFeatureType[]> {
    const collections = await this.loadCollections(signal);
    return [...collections.values()].map((c) => {
      const names = new Set(c.fields.map((f) => f.name));
      return { name: c.id, title: c.title, fields: c.fields, editable: c.editable, hasUuid: names.has('uuid'), hasRowVersion: names.has('row_version'), hasUpdatedAt: names.has('updated_at') };
    });
  }

  private async loadCollections(signal?: AbortSignal): Promise<Map<string, CollectionInfo>> {
    if (this.collections) return this.collections;
    try {
      const collectionsUrl = link(this.landing.links, 'data') ?? new URL('collections', this.url.endsWith('/') ? this.url : `${this.url}/`).toString();
      const body = await this.getJson<{ collections?: { id: string; title?: string; links?: Link[]; crs?: string[] }[] }>(collectionsUrl, signal, 'the collections list');
      const api = await this.openApi(signal);
      const out = new Map<string, CollectionInfo>();
      for (const c of body.collections ?? []) {
        const itemsUrl = link(c.links, 'items', ['application/geo+json']) ?? `${collectionsUrl.replace(/\?.*$/, '').replace(/\.json$/, '')}/${encodeURIComponent(c.id)}/items`;
        const itemsPath = Object.keys(api?.paths ?? {}).find((p) => p.endsWith(`/collections/${c.id}/items`));
        const operations = itemsPath ? api!.paths![itemsPath]! : undefined;
        const parameters = (operations?.get?.parameters ?? []).filter((p): p is { name: string; in?: string; schema?: { type?: string; format?: string } } => 'name' in p && !!p.name);
        let fields: ServerField[] = parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, type: schemaType(p.schema) }));
        if (fields.length === 0) fields = await this.sampleFields(itemsUrl, signal);
        out.set(c.id, {
          id: c.id,
          title: c.title,
          itemsUrl,
          projectCrs: crsUriFor(c.crs, this.options.srid),
          fields,
          editable: this.has(CONFORMANCE.createReplaceDelete) || operations?.post !== undefined,
          queryables: new Set(parameters.map((p) => p.name)),
        });
      }
      this.collections = out;
      return out;
    } catch (error) {
      throw asSyncError(error, 'the OGC API collections could not be read');
    }
  }

  /** The OpenAPI description (`service-desc`), or undefined when the server has none we can read. */
  private async openApi(signal?: AbortSignal): Promise<OpenApi | undefined> {
    const href = link(this.landing.links, 'service-desc', ['application/vnd.oai.openapi+json;version=3.0', 'application/json']);
    if (!href) return undefined;
    try {
      return await this.getJson<OpenApi>(href, signal, 'the API description', 'application/vnd.oai.openapi+json;version=3.0, application/json');
    } catch (error) {
      if (isPlanDeskError(error) && error.code !== 'SYNC_SERVER_ERROR') throw error;
      return undefined;
    }
  }

  /** Field names and types from one item (a server without queryables in its API description). */
  private async sampleFields(itemsUrl: string, signal?: AbortSignal): Promise<ServerField[]> {
    const page = await this.getJson<{ features?: GeoJsonFeature[] }>(this.withQuery(itemsUrl, { limit: '1' }), signal, 'a sample item', 'application/geo+json');
    return Object.entries(page.features?.[0]?.properties ?? {}).map(([name, value]) => ({ name, type: valueType(value) }));
  }

  private async collection(name: string, signal?: AbortSignal): Promise<CollectionInfo> {
    const c = (await this.loadCollections(signal)).get(name);
    if (!c) throw new PlanDeskError('SYNC_SERVER_ERROR', `the OGC API server has no collection "${name}"`);
    return c;
  }

  private withQuery(url: string, params: Record<string, string>): string {
    const u = new URL(url);
    for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
    return u.toString();
  }

  private itemUrl(c: CollectionInfo, id: string, params: Record<string, string> = {}): string {
    const base = new URL(c.itemsUrl);
    base.pathname = `${base.pathname.replace(/\.(geo)?json$/, '').replace(/\/$/, '')}/${encodeURIComponent(id)}`;
    base.search = '';
    return this.withQuery(base.toString(), params);
  }

  // ---- reading ----------------------------------------------------------------------------------

  private toProject(geometry: GeoJSONGeometry | null, inProjectCrs: boolean): GeoJSONGeometry | null {
    if (!geometry || inProjectCrs) return geometry;
    return transformGeometry(geometry, 4326, this.options.srid);
  }

  private toServerFeature(f: GeoJsonFeature, inProjectCrs: boolean): ServerFeature {
    const p = f.properties ?? {};
    const properties: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(p)) if (!BOOKKEEPING.has(k) && !KEY_NAMES.has(k)) properties[k] = v;
    const version = p.row_version;
    return {
      serverId: String(f.id ?? ''),
      uuid: typeof p.uuid === 'string' && p.uuid !== '' ? p.uuid : null,
      rowVersion: version === null || version === undefined ? null : Number(version),
      updatedAt: typeof p.updated_at === 'string' ? p.updated_at : null,
      properties,
      geometry: this.toProject(f.geometry, inProjectCrs),
    };
  }

  private async readAll(c: CollectionInfo, params: Record<string, string>, signal?: AbortSignal): Promise<ServerFeature[]> {
    const crs: Record<string, string> = c.projectCrs ? { crs: c.projectCrs } : {};
    const first = this.withQuery(c.itemsUrl, { ...params, ...crs, limit: String(PAGE_SIZE) });
    let url: string | undefined = first;
    const out: ServerFeature[] = [];
    const seen = new Set<string>();
    while (url) {
      const response = await httpRequest(url, { headers: { Accept: 'application/geo+json' }, signal }, this.http);
      const page = parseJson<{ features?: GeoJsonFeature[]; links?: Link[] }>(response, `the items of ${c.id}`);
      // A server that echoes Content-Crs tells us; without the header, a crs we asked for (and it listed) is what we got.
      const contentCrs = response.headers.get('content-crs');
      const inProjectCrs = contentCrs ? contentCrs.includes(`/${this.options.srid}`) : c.projectCrs !== undefined;
      for (const f of page.features ?? []) out.push(this.toServerFeature(f, inProjectCrs));
      const next = link(page.links, 'next', ['application/geo+json', 'application/json']);
      if (!next || (page.features ?? []).length === 0 || seen.has(next)) break;
      seen.add(next);
      url = this.nextPage(first, next);
    }
    return out;
  }

  /**
   * The URL of the next page. An offset-style next link on the same items path is rebuilt from
   * our own first-page query plus its offset/limit: QGIS Server 3.22 mangles percent-escapes in
   * the next link it writes (`%2C` becomes `1000C`: the escape is taken as a QString::arg
   * placeholder). Other next links (cursor tokens) are followed as given.
   */
  private nextPage(first: string, next: string): string {
    const n = new URL(next, first);
    const offset = n.searchParams.get('offset');
    const samePath = (u: URL) => u.pathname.replace(/\.(geo)?json$/, '');
    if (offset === null || !/^\d+$/.test(offset) || samePath(n) !== samePath(new URL(first))) return n.toString();
    const limit = n.searchParams.get('limit');
    return this.withQuery(first, { offset, ...(limit && /^\d+$/.test(limit) ? { limit } : {}) });
  }

  async getFeatures(typeName: string, request: FeatureRequest): Promise<ServerFeature[]> {
    const c = await this.collection(typeName, request.signal);
    const params: Record<string, string> = {};
    if (request.bbox) {
      if (c.projectCrs) {
        params.bbox = request.bbox.join(',');
        params['bbox-crs'] = c.projectCrs;
      } else {
        // CRS84 box around the project box (corners transformed; the exact test is ours below).
        const corners = [
          [request.bbox[0], request.bbox[1]],
          [request.bbox[2], request.bbox[1]],
          [request.bbox[2], request.bbox[3]],
          [request.bbox[0], request.bbox[3]],
        ];
        const ll = (transformGeometry({ type: 'MultiPoint', coordinates: corners }, this.options.srid, 4326) as { coordinates: number[][] }).coordinates;
        const pad = 1e-5;
        params.bbox = [Math.min(...ll.map((p) => p[0]!)) - pad, Math.min(...ll.map((p) => p[1]!)) - pad, Math.max(...ll.map((p) => p[0]!)) + pad, Math.max(...ll.map((p) => p[1]!)) + pad].join(',');
      }
    }
    const cql = request.changedSince !== undefined && this.has(CONFORMANCE.filter) && this.has(CONFORMANCE.cql2Text);
    if (cql) {
      params.filter = `updated_at > TIMESTAMP('${request.changedSince}')`;
      params['filter-lang'] = 'cql2-text';
    }
    let features: ServerFeature[];
    if (request.uuids && request.uuids.length === 0) return [];
    if (request.uuids && request.uuids.length <= UUID_REQUESTS_MAX && c.queryables.has('uuid')) {
      features = [];
      for (const uuid of request.uuids) features.push(...(await this.readAll(c, { ...params, uuid }, request.signal)));
    } else features = await this.readAll(c, params, request.signal);
    if (request.uuids) {
      const wanted = new Set(request.uuids);
      features = features.filter((f) => f.uuid !== null && wanted.has(f.uuid));
    }
    if (request.changedSince !== undefined && !cql) {
      const since = Date.parse(request.changedSince);
      features = features.filter((f) => f.updatedAt === null || Date.parse(f.updatedAt) > since);
    }
    return features;
  }

  // ---- writing ----------------------------------------------------------------------------------

  /** The geometry as we send it, and the Content-Crs header when it is not CRS84. */
  private outgoing(c: CollectionInfo, geometry: GeoJSONGeometry | null): { geometry: GeoJSONGeometry | null; headers: Record<string, string> } {
    if (c.projectCrs && this.has(CONFORMANCE.crs)) return { geometry, headers: { 'Content-Crs': `<${c.projectCrs}>` } };
    return { geometry: geometry ? transformGeometry(geometry, this.options.srid, 4326) : null, headers: { 'Content-Crs': `<${CRS84}>` } };
  }

  async insert(typeName: string, features: readonly InsertRequest[], signal?: AbortSignal): Promise<EditOutcome[]> {
    const c = await this.collection(typeName, signal);
    const out: EditOutcome[] = [];
    for (const f of features) {
      const { geometry, headers } = this.outgoing(c, f.geometry);
      try {
        const response = await httpRequest(
          c.itemsUrl.replace(/\.(geo)?json(\?.*)?$/, '').replace(/\?.*$/, ''),
          {
            method: 'POST',
            headers: { 'Content-Type': 'application/geo+json', Accept: 'application/geo+json, application/json', ...headers },
            body: asciiJson({ type: 'Feature', geometry, properties: { ...f.properties, uuid: f.uuid } }),
            signal,
          },
          this.http,
        );
        const location = response.headers.get('location');
        const serverId = location ? decodeURIComponent(new URL(location, c.itemsUrl).pathname.split('/').filter((s) => s).pop()!.replace(/\.(geo)?json$/, '')) : undefined;
        out.push(serverId !== undefined ? { uuid: f.uuid, applied: true, serverId } : await this.landed(c, f.uuid, 'the server gave no Location for the new feature', signal));
      } catch (error) {
        if (isPlanDeskError(error) && error.code === 'SYNC_SERVER_ERROR') out.push(await this.landed(c, f.uuid, error.message, signal));
        else throw error;
      }
    }
    return out;
  }

  /** After an unclear insert: the feature holding our uuid, if it is there. */
  private async landed(c: CollectionInfo, uuid: string, error: string, signal?: AbortSignal): Promise<EditOutcome> {
    const [found] = await this.getFeatures(c.id, { uuids: [uuid], signal });
    return found ? { uuid, applied: true, serverId: found.serverId } : { uuid, applied: false, error };
  }

  /** The server's current feature (project CRS) and its ETag, or undefined when it is gone. */
  private async current(c: CollectionInfo, id: string, signal?: AbortSignal): Promise<{ feature: ServerFeature; etag: string | null } | undefined> {
    const response = await httpRequest(this.itemUrl(c, id, c.projectCrs ? { crs: c.projectCrs } : {}), { headers: { Accept: 'application/geo+json' }, signal, accept: [404] }, this.http);
    if (response.status === 404) return undefined;
    const inProjectCrs = c.projectCrs !== undefined;
    return { feature: this.toServerFeature(parseJson<GeoJsonFeature>(response, `feature ${id}`), inProjectCrs), etag: response.headers.get('etag') };
  }

  async update(typeName: string, changes: readonly UpdateRequest[], signal?: AbortSignal): Promise<EditOutcome[]> {
    const c = await this.collection(typeName, signal);
    const out: EditOutcome[] = [];
    for (const change of changes) {
      const now = await this.current(c, change.serverId, signal);
      // Gone on the server (a local update against a server delete) or another version: a conflict.
      if (!now || (change.expectedVersion !== null && now.feature.rowVersion !== change.expectedVersion)) {
        out.push({ uuid: change.uuid, applied: false });
        continue;
      }
      const ifMatch: Record<string, string> = now.etag ? { 'If-Match': now.etag } : {};
      let response: HttpResponse;
      if (change.geometry === undefined) {
        // Attributes only: PATCH, so an unchanged geometry is not re-sent (and re-projected).
        const standard = this.has(CONFORMANCE.update);
        response = await httpRequest(
          this.itemUrl(c, change.serverId),
          {
            method: 'PATCH',
            headers: { 'Content-Type': standard ? 'application/merge-patch+json' : 'application/json', ...ifMatch },
            // QGIS Server 3.22 takes the draft's {"modify": {...}}; Part 4 a JSON merge patch of the feature.
            body: asciiJson(standard ? { properties: change.properties } : { modify: change.properties }),
            signal,
            accept: [412],
          },
          this.http,
        );
      } else {
        const { geometry, headers } = this.outgoing(c, change.geometry);
        const properties: Record<string, unknown> = { ...now.feature.properties, ...change.properties, uuid: change.uuid };
        response = await httpRequest(
          this.itemUrl(c, change.serverId),
          { method: 'PUT', headers: { 'Content-Type': 'application/geo+json', ...headers, ...ifMatch }, body: asciiJson({ type: 'Feature', id: change.serverId, geometry, properties }), signal, accept: [412] },
          this.http,
        );
      }
      out.push({ uuid: change.uuid, applied: response.status !== 412 });
    }
    return out;
  }

  async delete(typeName: string, items: readonly DeleteRequest[], signal?: AbortSignal): Promise<EditOutcome[]> {
    const c = await this.collection(typeName, signal);
    const out: EditOutcome[] = [];
    for (const item of items) {
      const now = await this.current(c, item.serverId, signal);
      if (!now) {
        out.push({ uuid: item.uuid, applied: true });
        continue;
      }
      if (item.expectedVersion !== null && now.feature.rowVersion !== item.expectedVersion) {
        out.push({ uuid: item.uuid, applied: false });
        continue;
      }
      const response = await httpRequest(
        this.itemUrl(c, item.serverId),
        { method: 'DELETE', headers: now.etag ? { 'If-Match': now.etag } : {}, signal, accept: [404, 412] },
        this.http,
      );
      out.push({ uuid: item.uuid, applied: response.status !== 412 });
    }
    return out;
  }
}
