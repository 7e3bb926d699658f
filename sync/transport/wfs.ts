/**
 * SyncTransport over WFS-T 1.1.0 (QGIS Server, GeoServer) and 2.0.0 (GeoServer): GML 3 in the
 * project CRS (`srsName=EPSG:N`, x = easting), POST GetFeature paged with startIndex, one
 * action element per feature with `handle` = uuid.
 *
 * Per-action results: QGIS Server reports Insert results per handle, but Update and Delete only
 * as totals (and is not atomic). When a total does not account for every action, the actions
 * are attributed by reading the features back (GetFeature by uuid): an update counts as applied
 * when the server's row_version is the expected one + 1 and holds the values we sent; a delete
 * when the uuid is gone. WFS 1.1 deletes only take FeatureId filters on QGIS Server, so the
 * version is checked by a GetFeature just before (the gap is a known, documented race).
 */
import { PlanDeskError } from '../../gis-core/errors.js';
import { isGeographic } from '../../gis-core/crs/registry.js';
import type { GeoJSONGeometry } from '../../layers/types.js';
import { gmlToGeometry, swapAxes } from './gml.js';
import { DEFAULT_TIMEOUT_MS, asSyncError, exceptionReportMessage, httpRequest, type HttpOptions } from './http.js';
import type {
  DeleteRequest,
  EditOutcome,
  FeatureRequest,
  InsertRequest,
  ServerFeature,
  ServerFeatureType,
  ServerField,
  SyncProtocol,
  SyncTransport,
  TransportOptions,
  UpdateRequest,
} from './types.js';
import {
  buildGetFeature,
  dialectOf,
  parseCapabilities,
  parseDescribeFeatureType,
  parseFeatureCollection,
  parseTransactionResponse,
  transactionDocuments,
  type FilterParts,
  type ParsedFeature,
  type TransactionActions,
  type TransactionResult,
  type WfsDialect,
  type WfsFeatureTypeInfo,
  type WfsVersion,
} from './wfs-xml.js';

/** Columns PlanDesk's versioning adds; not part of a feature's properties. */
export const BOOKKEEPING = new Set(['uuid', 'row_version', 'updated_at']);
/** Names a server's primary key is published under (QGIS Server publishes the key as a field). */
export const KEY_NAMES = new Set(['fid', 'ogc_fid', 'gid', 'objectid', 'id']);

const PAGE_SIZE = 5000;
/** uuids per GetFeature filter (an Or of PropertyIsEqualTo). */
const UUIDS_PER_REQUEST = 200;
/** Actions attributed together (one read-back when the totals do not account for them all). */
const ACTIONS_PER_TRANSACTION = 2000;
/**
 * Bytes per POST body: qgis_mapserver (QGIS Server's own HTTP server, used by small SDIs and the
 * tests) drops the body of a request over 128 KiB (seen: it then answers OperationNotSupported),
 * and under load sometimes reads a smaller one only in part: bodies well under the limit.
 */
const MAX_BODY_BYTES = 64_000;
/** Sends of one body that qgis_mapserver answered "OperationNotSupported" (it read part of it). */
const BODY_RESENDS = 4;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** An endpoint URL with these KVP parameters (replacing any of the same name, case-insensitively). */
export function withParams(url: string, params: Record<string, string>): string {
  const u = new URL(url);
  const names = new Set(Object.keys(params).map((k) => k.toLowerCase()));
  for (const key of [...u.searchParams.keys()]) if (names.has(key.toLowerCase())) u.searchParams.delete(key);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.toString();
}

/** The EPSG code in an srsName (`EPSG:5897`, `urn:ogc:def:crs:EPSG::5897`, `http://www.opengis.net/def/crs/EPSG/0/5897`). */
export function srsCode(srsName: string): number | undefined {
  const m = /EPSG(?::+|\/[^/]*\/)(\d+)$/i.exec(srsName.trim()) ?? /EPSG:(\d+)$/i.exec(srsName.trim());
  return m ? Number(m[1]) : undefined;
}

/** Whether coordinates written under this srsName are north-first (URN/URI forms of a geographic CRS). */
export function northFirst(srsName: string | undefined): boolean {
  if (!srsName || /^EPSG:/i.test(srsName)) return false;
  const code = srsCode(srsName);
  if (code === undefined) return false;
  try {
    return isGeographic(code);
  } catch {
    return false;
  }
}

function typedValue(raw: string | null | undefined, type: ServerField['type'] | undefined): unknown {
  if (raw === null || raw === undefined) return null;
  switch (type) {
    case 'integer':
    case 'real':
      return raw === '' ? null : Number(raw);
    case 'boolean':
      return raw === 'true' || raw === '1';
    default:
      return raw;
  }
}

/** Loose equality of a value we sent with one read back (numbers by value, the rest as text). */
function sameValue(sent: unknown, stored: unknown): boolean {
  if (sent === null || sent === undefined || sent === '') return stored === null || stored === undefined || stored === '';
  if (typeof sent === 'number' || typeof stored === 'number') return Math.abs(Number(sent) - Number(stored)) <= 1e-9 * Math.max(1, Math.abs(Number(sent)));
  return String(sent) === String(stored);
}

function flatCoordinates(g: GeoJSONGeometry): number[] {
  return (g.coordinates as unknown as unknown[]).flat(3) as number[];
}

/** Same geometry type and every coordinate within a millimetre (metric CRS). */
export function sameGeometry(a: GeoJSONGeometry | null | undefined, b: GeoJSONGeometry | null | undefined, tolerance = 0.001): boolean {
  if (!a || !b) return !a && !b;
  const single = (t: string) => t.replace(/^Multi/, '');
  if (single(a.type) !== single(b.type)) return false;
  const ca = flatCoordinates(a);
  const cb = flatCoordinates(b);
  return ca.length === cb.length && ca.every((v, i) => Math.abs(v - cb[i]!) <= tolerance);
}

export class WfsTransport implements SyncTransport {
  readonly protocol: SyncProtocol;
  private readonly dialect: WfsDialect;
  private readonly http: HttpOptions;
  private readonly srsName: string;
  private types: Map<string, WfsFeatureTypeInfo> | undefined;

  constructor(
    readonly url: string,
    version: WfsVersion,
    private readonly options: TransportOptions,
  ) {
    this.dialect = dialectOf(version);
    this.protocol = version === '2.0.0' ? 'wfs-2.0' : 'wfs-1.1';
    this.http = { credentials: options.credentials, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS };
    this.srsName = `EPSG:${options.srid}`;
  }

  // ---- requests ---------------------------------------------------------------------------------

  private async get(params: Record<string, string>, signal: AbortSignal | undefined): Promise<string> {
    const response = await httpRequest(withParams(this.url, { SERVICE: 'WFS', VERSION: this.dialect.version, ...params }), { signal }, this.http);
    this.throwIfException(response.text);
    return response.text;
  }

  private async post(body: string, signal: AbortSignal | undefined): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      const response = await httpRequest(
        withParams(this.url, { SERVICE: 'WFS' }),
        { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body, signal, accept: [501] },
        this.http,
      );
      // qgis_mapserver sometimes reads only part of a POST body (seen under load, and always
      // over 128 KiB) and answers 501 OperationNotSupported: it did nothing, so sending the same
      // body again is safe. Anything else is the server's answer.
      if (response.status === 501 && /OperationNotSupported/.test(response.text) && attempt < BODY_RESENDS) {
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
        continue;
      }
      this.throwIfException(response.text);
      if (response.status === 501) throw new PlanDeskError('SYNC_SERVER_ERROR', `the WFS server answered HTTP 501: ${response.text.slice(0, 200)}`);
      return response.text;
    }
  }

  /** QGIS Server and GeoServer answer errors with HTTP 200 (or 400) and an exception report. */
  private throwIfException(text: string): void {
    const head = text.slice(0, 400);
    if (!/ExceptionReport|ServerException/.test(head)) return;
    let message: string | undefined;
    try {
      message = exceptionReportMessage(text);
    } catch {
      message = undefined;
    }
    if (message !== undefined) throw new PlanDeskError('SYNC_SERVER_ERROR', `the WFS server reported: ${message}`);
  }

  // ---- feature types ----------------------------------------------------------------------------

  async featureTypes(signal?: AbortSignal): Promise<ServerFeatureType[]> {
    const types = await this.loadTypes(signal);
    return [...types.values()].map((t) => {
      const ops = new Set(t.operations);
      const names = new Set(t.fields.map((f) => f.name));
      return {
        name: t.name,
        title: t.title,
        fields: t.fields,
        editable: ops.has('Insert') && ops.has('Update') && ops.has('Delete'),
        hasUuid: names.has('uuid'),
        hasRowVersion: names.has('row_version'),
        hasUpdatedAt: names.has('updated_at'),
      };
    });
  }

  private async loadTypes(signal?: AbortSignal): Promise<Map<string, WfsFeatureTypeInfo>> {
    if (this.types) return this.types;
    try {
      const caps = parseCapabilities(await this.get({ REQUEST: 'GetCapabilities' }, signal));
      const names = caps.featureTypes.map((t) => t.name);
      const schema = names.length
        ? parseDescribeFeatureType(
            await this.get({ REQUEST: 'DescribeFeatureType', [this.dialect.version === '2.0.0' ? 'TYPENAMES' : 'TYPENAME']: names.join(',') }, signal),
          )
        : new Map();
      const types = new Map<string, WfsFeatureTypeInfo>();
      for (const t of caps.featureTypes) {
        const localName = t.name.slice(t.name.indexOf(':') + 1);
        const described = schema.get(localName);
        types.set(t.name, {
          name: t.name,
          localName,
          namespace: described?.namespace ?? '',
          title: t.title,
          fields: described?.fields ?? [],
          geometryProperty: described?.geometryProperty,
          geometryIndex: described?.geometryIndex ?? Number.MAX_SAFE_INTEGER,
          operations: [...new Set([...caps.globalOperations, ...t.operations])],
        });
      }
      this.types = types;
      return types;
    } catch (error) {
      throw asSyncError(error, 'the WFS capabilities could not be read');
    }
  }

  private async type(name: string, signal?: AbortSignal): Promise<WfsFeatureTypeInfo> {
    const types = await this.loadTypes(signal);
    const type = types.get(name) ?? [...types.values()].find((t) => t.localName === name);
    if (!type) throw new PlanDeskError('SYNC_SERVER_ERROR', `the WFS server does not publish a feature type "${name}"`);
    return type;
  }

  // ---- reading ----------------------------------------------------------------------------------

  async getFeatures(typeName: string, request: FeatureRequest): Promise<ServerFeature[]> {
    const type = await this.type(typeName, request.signal);
    const hasUpdatedAt = type.fields.some((f) => f.name === 'updated_at');
    const base: FilterParts = {
      bbox: request.bbox && type.geometryProperty ? { box: request.bbox, srsName: this.srsName, geometryProperty: type.geometryProperty } : undefined,
      changedSince: request.changedSince !== undefined && hasUpdatedAt ? request.changedSince : undefined,
    };
    if (request.uuids && request.uuids.length === 0) return [];
    const filters = request.uuids ? chunks(request.uuids, UUIDS_PER_REQUEST).map((uuids) => ({ ...base, uuids })) : [base];
    const out: ServerFeature[] = [];
    for (const filter of filters) {
      for (let startIndex = 0; ; startIndex += PAGE_SIZE) {
        const text = await this.post(buildGetFeature(this.dialect, type, { srsName: this.srsName, filter, count: PAGE_SIZE, startIndex }), request.signal);
        let page: ParsedFeature[];
        try {
          page = parseFeatureCollection(text);
        } catch (error) {
          throw asSyncError(error, `the WFS server's features of ${typeName} could not be read`);
        }
        for (const f of page) out.push(this.toServerFeature(type, f));
        if (page.length < PAGE_SIZE) break;
      }
    }
    return out;
  }

  private toServerFeature(type: WfsFeatureTypeInfo, f: ParsedFeature): ServerFeature {
    const types = new Map(type.fields.map((field) => [field.name, field.type]));
    const properties: Record<string, unknown> = {};
    for (const [name, raw] of Object.entries(f.values)) {
      if (BOOKKEEPING.has(name) || KEY_NAMES.has(name)) continue;
      properties[name] = typedValue(raw, types.get(name));
    }
    let geometry: GeoJSONGeometry | null = null;
    if (f.geometry) {
      try {
        geometry = gmlToGeometry(f.geometry);
      } catch (error) {
        throw asSyncError(error, `feature ${f.id} has a geometry PlanDesk cannot read`);
      }
      if (northFirst(f.srsName)) geometry = swapAxes(geometry);
    }
    const version = f.values.row_version;
    return {
      serverId: f.id,
      uuid: f.values.uuid || null,
      rowVersion: version === null || version === undefined || version === '' ? null : Number(version),
      updatedAt: f.values.updated_at || null,
      properties,
      geometry,
    };
  }

  // ---- writing ----------------------------------------------------------------------------------

  /** The actions in as many Transaction requests as the body limit needs; the results summed. */
  private async transaction(type: WfsFeatureTypeInfo, actions: TransactionActions, signal?: AbortSignal): Promise<TransactionResult> {
    const total = { totalInserted: 0, totalUpdated: 0, totalDeleted: 0, inserted: new Map<string, string>(), failed: new Map<string, string>() };
    for (const document of transactionDocuments(this.dialect, type, this.srsName, actions, MAX_BODY_BYTES)) {
      const text = await this.post(document.body, signal);
      let result: TransactionResult;
      try {
        result = parseTransactionResponse(text);
      } catch (error) {
        throw asSyncError(error, 'the WFS transaction answer could not be read');
      }
      total.totalInserted += result.totalInserted;
      total.totalUpdated += result.totalUpdated;
      total.totalDeleted += result.totalDeleted;
      for (const [k, v] of result.inserted) total.inserted.set(k, v);
      for (const [k, v] of result.failed) total.failed.set(k, v);
    }
    return total;
  }

  async insert(typeName: string, features: readonly InsertRequest[], signal?: AbortSignal): Promise<EditOutcome[]> {
    const type = await this.type(typeName, signal);
    const outcomes = new Map<string, EditOutcome>();
    for (const batch of chunks(features, ACTIONS_PER_TRANSACTION)) {
      const result = await this.transaction(
        type,
        { inserts: batch.map((f) => ({ handle: f.uuid, properties: this.writable(type, { ...f.properties, uuid: f.uuid }), geometry: f.geometry })) },
        signal,
      );
      const missing: string[] = [];
      for (const f of batch) {
        const serverId = result.inserted.get(f.uuid);
        if (serverId !== undefined) outcomes.set(f.uuid, { uuid: f.uuid, applied: true, serverId });
        else missing.push(f.uuid);
      }
      if (missing.length > 0) {
        // A failed insert may be a retry of one that landed (the uuid is unique on the server):
        // a feature holding our uuid is ours.
        const landed = new Map((await this.getFeatures(type.name, { uuids: missing, signal })).map((f) => [f.uuid, f.serverId]));
        for (const uuid of missing) {
          const serverId = landed.get(uuid);
          outcomes.set(
            uuid,
            serverId !== undefined
              ? { uuid, applied: true, serverId }
              : { uuid, applied: false, error: result.failed.get(uuid) ?? 'the server reported no result for this insert' },
          );
        }
      }
    }
    return features.map((f) => outcomes.get(f.uuid)!);
  }

  /** Only the fields the type has (the key and unknown names dropped: QGIS ignores them silently). */
  private writable(type: WfsFeatureTypeInfo, properties: Readonly<Record<string, unknown>>): Record<string, unknown> {
    const names = new Set(type.fields.map((f) => f.name));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(properties)) {
      if (k === 'row_version' || k === 'updated_at' || KEY_NAMES.has(k)) continue;
      if (!names.has(k)) throw new PlanDeskError('SYNC_SERVER_ERROR', `the server's ${type.name} has no field "${k}"`);
      out[k] = v;
    }
    return out;
  }

  async update(typeName: string, changes: readonly UpdateRequest[], signal?: AbortSignal): Promise<EditOutcome[]> {
    const type = await this.type(typeName, signal);
    const outcomes = new Map<string, EditOutcome>();
    for (const batch of chunks(changes, ACTIONS_PER_TRANSACTION)) {
      const result = await this.transaction(
        type,
        {
          updates: batch.map((c) => ({
            handle: c.uuid,
            properties: this.writable(type, c.properties),
            geometry: c.geometry,
            filter: { uuid: c.uuid, rowVersion: c.expectedVersion ?? undefined },
          })),
        },
        signal,
      );
      const failed = (uuid: string) => result.failed.get(uuid);
      if (result.totalUpdated === batch.length && result.failed.size === 0) {
        for (const c of batch) outcomes.set(c.uuid, { uuid: c.uuid, applied: true });
      } else if (result.totalUpdated === 0) {
        for (const c of batch) outcomes.set(c.uuid, failed(c.uuid) ? { uuid: c.uuid, applied: false, error: failed(c.uuid) } : { uuid: c.uuid, applied: false });
      } else {
        // Totals only: attribute by reading the features back.
        const now = new Map((await this.getFeatures(type.name, { uuids: batch.map((c) => c.uuid), signal })).map((f) => [f.uuid, f]));
        for (const c of batch) {
          const error = failed(c.uuid);
          const server = now.get(c.uuid);
          const applied =
            !error &&
            server !== undefined &&
            (c.expectedVersion === null || server.rowVersion === c.expectedVersion + 1) &&
            Object.entries(c.properties).every(([k, v]) => sameValue(v, server.properties[k])) &&
            (c.geometry === undefined || sameGeometry(c.geometry, server.geometry));
          outcomes.set(c.uuid, error ? { uuid: c.uuid, applied: false, error } : { uuid: c.uuid, applied });
        }
      }
    }
    return changes.map((c) => outcomes.get(c.uuid)!);
  }

  async delete(typeName: string, items: readonly DeleteRequest[], signal?: AbortSignal): Promise<EditOutcome[]> {
    const type = await this.type(typeName, signal);
    const outcomes = new Map<string, EditOutcome>();
    for (const batch of chunks(items, ACTIONS_PER_TRANSACTION)) {
      // The version check (QGIS Server deletes by FeatureId only): read the features first.
      const before = new Map((await this.getFeatures(type.name, { uuids: batch.map((i) => i.uuid), signal })).map((f) => [f.uuid, f]));
      const toDelete: { uuid: string; id: string }[] = [];
      for (const item of batch) {
        const server = before.get(item.uuid);
        // Already gone: the state the delete asks for (a server-side delete is the engine's to reconcile).
        if (!server) outcomes.set(item.uuid, { uuid: item.uuid, applied: true });
        else if (item.expectedVersion !== null && server.rowVersion !== item.expectedVersion) outcomes.set(item.uuid, { uuid: item.uuid, applied: false });
        else toDelete.push({ uuid: item.uuid, id: server.serverId });
      }
      if (toDelete.length === 0) continue;
      const result = await this.transaction(type, { deletes: toDelete.map((d) => ({ handle: d.uuid, filter: { ids: [d.id] } })) }, signal);
      if (result.totalDeleted === toDelete.length && result.failed.size === 0) {
        for (const d of toDelete) outcomes.set(d.uuid, { uuid: d.uuid, applied: true });
      } else {
        const still = new Set((await this.getFeatures(type.name, { uuids: toDelete.map((d) => d.uuid), signal })).map((f) => f.uuid));
        for (const d of toDelete) {
          const error = result.failed.get(d.uuid);
          outcomes.set(d.uuid, still.has(d.uuid) ? { uuid: d.uuid, applied: false, error: error ?? 'the server did not delete this feature' } : { uuid: d.uuid, applied: true });
        }
      }
    }
    return items.map((i) => outcomes.get(i.uuid)!);
  }
}
