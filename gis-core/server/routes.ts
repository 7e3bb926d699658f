/**
 * The HTTP route table: each contract method has its route (path and verb from
 * `api/wire.ts` API_ROUTES, shared with the HTTP client) and here how the request becomes the
 * method's arguments. Adding a contract method without an entry here is a type error. Later
 * write routes read `request.body` (JSON).
 */
import {
  API_METHODS,
  type ApiMethodName,
  type EditBatch,
  type EncodingChoice,
  type JobRequest,
  type LayerId,
  type PlanDeskApi,
  type PlanningLookupRequest,
  type PrintLayout,
  type PrintTemplate,
  type SyncConnectRequest,
  type SyncResolution,
} from '../api/contract.js';
import { PlanDeskError } from '../errors.js';
import { API_ROUTES, type HttpMethod } from '../api/wire.js';
import type { QueryParams } from './params.js';

export interface RouteRequest {
  /** Decoded `{name}` segments of the path. */
  readonly path: Readonly<Record<string, string>>;
  readonly query: QueryParams;
  /** Parsed JSON body (write routes); undefined for GET. */
  readonly body: unknown;
}

/** A decimal number parameter (e.g. a water level), or undefined when absent. */
function decimal(query: QueryParams, key: string): number | undefined {
  const value = query.string(key);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new PlanDeskError('INVALID_ARGUMENT', `parameter "${key}" must be a number, got "${value}"`);
  return n;
}

/** `by=parcel&sheet=&parcel=` | `by=address&text=` | `by=plan&code=` | `by=point&x=&y=` (api/wire.ts planningLookupToParams). */
function planningLookupRequest(query: QueryParams): PlanningLookupRequest {
  const by = query.requiredString('by');
  switch (by) {
    case 'parcel':
      query.only('by', 'sheet', 'parcel');
      return { by, sheet: query.integer('sheet') ?? NaN, parcel: query.integer('parcel') ?? NaN };
    case 'address':
      query.only('by', 'text');
      return { by, text: query.requiredString('text') };
    case 'plan':
      query.only('by', 'code');
      return { by, code: query.requiredString('code') };
    case 'point':
      query.only('by', 'x', 'y');
      return { by, x: decimal(query, 'x') ?? NaN, y: decimal(query, 'y') ?? NaN };
    default:
      throw new PlanDeskError('INVALID_ARGUMENT', `by must be parcel, address, plan or point, got "${by}"`);
  }
}

type ArgsDecoder<K extends ApiMethodName> = (request: RouteRequest) => Parameters<PlanDeskApi[K]>;

const DECODERS: { readonly [K in ApiMethodName]: ArgsDecoder<K> } = {
  project: ({ query }) => (query.only(), []),
  layers: ({ query }) => (query.only(), []),
  features: ({ path, query }) => {
    query.only('bbox', 'crs', 'limit', 'offset', 'orderBy', 'where');
    const bbox = query.bbox('bbox');
    const crs = query.string('crs');
    const limit = query.integer('limit');
    const offset = query.integer('offset');
    const orderBy = query.orderBy('orderBy');
    const where = query.conditions('where');
    return [
      path.layerId ?? '',
      {
        ...(bbox ? { bbox } : {}),
        ...(crs !== undefined ? { crs } : {}),
        ...(limit !== undefined ? { limit } : {}),
        ...(offset !== undefined ? { offset } : {}),
        ...(orderBy ? { orderBy } : {}),
        ...(where ? { where } : {}),
      },
    ];
  },
  feature: ({ path, query }) => {
    query.only('crs');
    const crs = query.string('crs');
    return [path.layerId ?? '', path.uuid ?? '', crs !== undefined ? { crs } : {}];
  },
  search: ({ query }) => {
    query.only('q', 'limit');
    const limit = query.integer('limit');
    return [query.requiredString('q'), limit !== undefined ? { limit } : {}];
  },
  crsList: ({ query }) => (query.only(), []),
  editApply: ({ query, body }) => (query.only(), [body as EditBatch]),
  editUndo: ({ query }) => (query.only(), []),
  editRedo: ({ query }) => (query.only(), []),
  editHistory: ({ query }) => {
    query.only('limit');
    const limit = query.integer('limit');
    return [limit !== undefined ? { limit } : {}];
  },
  editBatch: ({ path, query }) => {
    query.only();
    const id = path.batchId ?? '';
    if (!/^\d{1,15}$/.test(id)) throw new PlanDeskError('INVALID_ARGUMENT', `edit batch id must be a whole number, got "${id}"`);
    return [Number(id)];
  },
  validate: ({ query }) => {
    query.only('layers', 'rules', 'bbox');
    const bbox = query.bbox('bbox');
    const layers = query.list('layers');
    const rules = query.list('rules');
    return [{ ...(layers ? { layers: layers as LayerId[] } : {}), ...(rules ? { rules } : {}), ...(bbox ? { bbox } : {}) }];
  },
  jobStart: ({ query, body }) => (query.only(), [body as JobRequest]),
  job: ({ path, query }) => (query.only(), [path.jobId ?? '']),
  jobCancel: ({ path, query }) => (query.only(), [path.jobId ?? '']),
  jobList: ({ query }) => (query.only(), []),
  rasterImage: ({ query }) => {
    query.only('source', 'bbox', 'width', 'height', 'floodId', 'level');
    const floodId = query.string('floodId');
    const level = decimal(query, 'level');
    return [
      {
        source: query.requiredString('source') as 'terrain' | 'flood',
        bbox: query.bbox('bbox') ?? (undefined as never),
        width: query.integer('width') ?? (undefined as never),
        height: query.integer('height') ?? (undefined as never),
        ...(floodId !== undefined ? { floodId } : {}),
        ...(level !== undefined ? { level } : {}),
      },
    ];
  },
  rasterValue: ({ query }) => {
    query.only('x', 'y', 'floodId', 'level');
    const floodId = query.string('floodId');
    const level = decimal(query, 'level');
    return [decimal(query, 'x') ?? NaN, decimal(query, 'y') ?? NaN, { ...(floodId !== undefined ? { floodId } : {}), ...(level !== undefined ? { level } : {}) }];
  },
  floodPolygons: ({ path, query }) => (query.only(), [path.floodId ?? '']),
  terrainGrid: ({ query }) => {
    query.only('bbox', 'columns', 'rows');
    const bbox = query.bbox('bbox');
    if (!bbox) throw new PlanDeskError('INVALID_ARGUMENT', 'bbox=minx,miny,maxx,maxy is required');
    return [bbox, query.integer('columns') ?? 0, query.integer('rows') ?? 0];
  },
  syncStatus: ({ query }) => (query.only(), []),
  syncConnect: ({ query, body }) => (query.only(), [body as SyncConnectRequest]),
  syncPreview: ({ query }) => (query.only(), []),
  syncConflicts: ({ query }) => (query.only(), []),
  syncResolve: ({ query, body }) => (query.only(), [body as SyncResolution]),
  planningCard: ({ path, query }) => (query.only(), [path.uuid ?? '']),
  planningLookup: ({ query }) => [planningLookupRequest(query)],
  planningSheet: ({ path, query }) => {
    query.only('lang');
    const lang = query.string('lang');
    return [path.uuid ?? '', lang !== undefined ? { lang: lang as 'vi' | 'en' } : {}];
  },
  ioInspect: ({ query }) => {
    query.only('file', 'upperCaseFont');
    return [query.requiredString('file'), query.string('upperCaseFont') === 'true' ? { upperCaseFont: true } : {}];
  },
  ioPreview: ({ query }) => {
    query.only('file', 'sourceLayer', 'srcCrs', 'encoding', 'upperCaseFont', 'limit');
    const sourceLayer = query.string('sourceLayer');
    const srcCrs = query.integer('srcCrs');
    const encoding = query.string('encoding');
    const limit = query.integer('limit');
    return [
      query.requiredString('file'),
      {
        ...(sourceLayer !== undefined ? { sourceLayer } : {}),
        ...(srcCrs !== undefined ? { srcCrs } : {}),
        ...(encoding !== undefined ? { encoding: encoding as EncodingChoice } : {}),
        ...(query.string('upperCaseFont') === 'true' ? { upperCaseFont: true } : {}),
        ...(limit !== undefined ? { limit } : {}),
      },
    ];
  },
  ioMapping: ({ query }) => {
    query.only('file', 'layer', 'sourceLayer', 'upperCaseFont');
    const sourceLayer = query.string('sourceLayer');
    return [
      query.requiredString('file'),
      {
        layer: query.requiredString('layer') as LayerId,
        ...(sourceLayer !== undefined ? { sourceLayer } : {}),
        ...(query.string('upperCaseFont') === 'true' ? { upperCaseFont: true } : {}),
      },
    ];
  },
  printTemplates: ({ query }) => (query.only(), []),
  printTemplateSave: ({ query, body }) => (query.only(), [body as PrintTemplate]),
  printTemplateDelete: ({ path, query }) => (query.only(), [path.name ?? '']),
  printPreview: ({ query, body }) => (query.only(), [body as PrintLayout]),
};

export interface Route {
  readonly name: ApiMethodName;
  readonly method: HttpMethod;
  readonly path: string;
  /** The route answers this document type (the result's base64 bytes) instead of JSON. */
  readonly produces?: 'application/pdf';
  readonly pattern: RegExp;
  readonly params: readonly string[];
  /** Calls the method on `api` with the request's arguments. */
  invoke(api: PlanDeskApi, request: RouteRequest): Promise<unknown>;
}

function compile(template: string): { pattern: RegExp; params: string[] } {
  const params: string[] = [];
  const source = template
    .split('/')
    .map((segment) => {
      const match = /^\{(\w+)\}$/.exec(segment);
      if (!match?.[1]) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      params.push(match[1]);
      return '([^/]+)';
    })
    .join('/');
  return { pattern: new RegExp(`^${source}$`), params };
}

function makeRoute<K extends ApiMethodName>(name: K): Route {
  const spec = API_ROUTES[name];
  const decode = DECODERS[name] as ArgsDecoder<K>;
  return {
    name,
    method: spec.method,
    path: spec.path,
    ...(spec.produces ? { produces: spec.produces } : {}),
    ...compile(spec.path),
    invoke(api, request) {
      const method = api[name] as (...args: Parameters<PlanDeskApi[K]>) => Promise<unknown>;
      return method.apply(api, decode(request));
    },
  };
}

/** 'all': every method; 'read': the read methods; 'kiosk': only the methods API_METHODS marks `kiosk` (default-deny). */
export type RouteAccess = 'all' | 'read' | 'kiosk';

export function routeServed(name: ApiMethodName, access: RouteAccess): boolean {
  const info = API_METHODS[name];
  if (access === 'kiosk') return info.kiosk === true && info.access === 'read';
  return access === 'all' || info.access === 'read';
}

/** The routes served at an access level. */
export function buildRoutes(access: RouteAccess = 'all'): Route[] {
  return (Object.keys(API_METHODS) as ApiMethodName[]).filter((name) => routeServed(name, access)).map((name) => makeRoute(name));
}

export type RouteMatch =
  | { readonly kind: 'found'; readonly route: Route; readonly path: Record<string, string> }
  | { readonly kind: 'method-not-allowed'; readonly allow: readonly HttpMethod[] }
  | { readonly kind: 'not-found' };

/** Finds the route for a path (already URL-parsed, still percent-encoded) and verb. */
export function matchRoute(routes: readonly Route[], method: string, pathname: string): RouteMatch {
  const allow: HttpMethod[] = [];
  for (const route of routes) {
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    if (route.method !== method) {
      allow.push(route.method);
      continue;
    }
    const path: Record<string, string> = {};
    route.params.forEach((name, i) => {
      path[name] = decodeURIComponent(match[i + 1] ?? '');
    });
    return { kind: 'found', route, path };
  }
  return allow.length ? { kind: 'method-not-allowed', allow } : { kind: 'not-found' };
}
