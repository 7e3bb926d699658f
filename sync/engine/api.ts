/**
 * The sync part of the API (SyncApi in gis-core/api/contract.ts) over a project: the service
 * delegates each method here. Long work (checkout, pull, push) is in jobs.ts.
 */
import { PlanDeskError } from '../../gis-core/errors.js';
import type { Project } from '../../gis-core/store/project.js';
import type { LayerDefinition } from '../../layers/types.js';
import type {
  SyncChangeset,
  SyncConflict,
  SyncConnection,
  SyncConnectRequest,
  SyncLayerMapping,
  SyncResolution,
  SyncStatus,
} from '../api-types.js';
import type { ServerFeatureType, ServerField } from '../transport/types.js';
import { localChanges, parseValues, toSyncChange } from './changeset.js';
import { loadConnection, publicConnection, requireConnection, type FeatureTypeCapabilities } from './connection.js';
import { resolveConflict } from './resolve.js';
import { openTransport } from './transport.js';

export function syncStatus(project: Project): SyncStatus {
  const connection = loadConnection(project);
  const state = project.syncState();
  const pending = { inserts: 0, updates: 0, deletes: 0 };
  if (connection) {
    for (const change of localChanges(project, connection)) pending[`${change.kind}s` as keyof typeof pending]++;
  }
  return {
    connection: connection ? publicConnection(connection) : null,
    pending,
    openConflicts: state.conflicts('open').length,
    outbox: state.outboxCounts(),
  };
}

const COMPATIBLE: Record<string, readonly ServerField['type'][]> = {
  text: ['text', 'other', 'date', 'datetime'],
  integer: ['integer', 'real', 'text'],
  real: ['real', 'integer', 'text'],
  boolean: ['boolean', 'integer', 'text'],
  date: ['date', 'datetime', 'text'],
};

/** A layer's fields matched to a feature type's by name (case-insensitive) and a compatible type. */
function suggestFields(layer: LayerDefinition, type: ServerFeatureType): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const field of layer.fields) {
    const match = type.fields.find((f) => f.name.toLowerCase() === field.key.toLowerCase());
    if (match && (COMPATIBLE[field.type] ?? []).includes(match.type)) fields[field.key] = match.name;
  }
  return fields;
}

/** The bare type name: 'ns:water_mains' → 'water_mains'. */
function bareName(name: string): string {
  return name.slice(name.lastIndexOf(':') + 1);
}

export async function syncConnect(project: Project, request: SyncConnectRequest): Promise<SyncConnection> {
  if (typeof request?.url !== 'string' || !/^https?:\/\//i.test(request.url)) {
    throw new PlanDeskError('INVALID_ARGUMENT', `An SDI server URL starts with http:// or https:// (got "${String(request?.url)}")`);
  }
  const transport = await openTransport(request.url, request.protocol ?? 'auto', { srid: project.info().crsEpsg, ...(request.credentials ? { credentials: request.credentials } : {}) });
  const types = await transport.featureTypes();
  const projectLayers = project.layers().map((l) => l.id);
  let layers: SyncLayerMapping[];
  if (request.layers) {
    layers = request.layers.map((mapping) => {
      const type = types.find((t) => t.name === mapping.featureType || bareName(t.name) === mapping.featureType);
      if (!type) throw new PlanDeskError('INVALID_ARGUMENT', `The server ${request.url} publishes no feature type "${mapping.featureType}" (it has: ${types.map((t) => t.name).join(', ')})`);
      const layer = project.layer(mapping.layer);
      // Given fields are taken as they are (an emptied server name leaves the field out); none given: suggested.
      const given = Object.entries(mapping.fields ?? {});
      const fields = given.length ? Object.fromEntries(given.filter(([key, name]) => typeof name === 'string' && name !== '' && layer.fields.some((f) => f.key === key))) : suggestFields(layer, type);
      const unknown = Object.values(fields).filter((name) => !type.fields.some((f) => f.name === name));
      if (unknown.length) throw new PlanDeskError('INVALID_ARGUMENT', `The server's ${type.name} has no field ${unknown.map((n) => `"${n}"`).join(', ')}`);
      return { layer: layer.id, featureType: type.name, fields };
    });
  } else {
    layers = [];
    for (const type of types) {
      const id = projectLayers.find((l) => l === bareName(type.name));
      if (id) layers.push({ layer: id, featureType: type.name, fields: suggestFields(project.layer(id), type) });
    }
  }
  if (layers.length === 0) {
    throw new PlanDeskError('INVALID_ARGUMENT', `No layer of ${project.file} matches a feature type of ${request.url} (it has: ${types.map((t) => t.name).join(', ')})`);
  }
  const readOnly = layers.filter((m) => !types.find((t) => t.name === m.featureType)?.editable).map((m) => m.featureType);
  if (readOnly.length) throw new PlanDeskError('INVALID_ARGUMENT', `The server does not allow editing ${readOnly.join(', ')} (WFS-T / OGC API Part 4)`);
  const capabilities: Record<string, FeatureTypeCapabilities> = {};
  for (const type of types) capabilities[type.name] = { hasUuid: type.hasUuid, hasRowVersion: type.hasRowVersion, hasUpdatedAt: type.hasUpdatedAt };
  project.syncState().saveConnection({
    url: request.url,
    protocol: transport.protocol,
    username: request.credentials?.username ?? null,
    layersJson: JSON.stringify(layers),
    typesJson: JSON.stringify(capabilities),
  });
  return publicConnection(requireConnection(project));
}

export function syncPreview(project: Project): SyncChangeset {
  const connection = requireConnection(project);
  return { changes: localChanges(project, connection).map(toSyncChange) };
}

export function syncConflicts(project: Project): SyncConflict[] {
  return project
    .syncState()
    .conflicts()
    .map((row) => {
      const parse = (json: string | null): unknown => (json === null ? null : (JSON.parse(json) as unknown));
      const local = project.featureByUuid(row.layer, row.uuid);
      const whole = row.attribute === null ? (parseValues(row.serverJson) ?? parseValues(row.baseJson)) : null;
      return {
        id: row.id,
        layer: row.layer,
        uuid: row.uuid,
        kind: row.kind,
        attribute: row.attribute,
        base: parse(row.baseJson),
        local: parse(row.localJson),
        server: parse(row.serverJson),
        geometry: local?.geometry ?? whole?.geometry ?? null,
        state: row.state,
        ...(row.resolution ? { resolution: row.resolution } : {}),
      };
    });
}

export function syncResolve(project: Project, resolution: SyncResolution): SyncStatus {
  resolveConflict(project, resolution);
  return syncStatus(project);
}
