/**
 * The project's SDI connection as the engine uses it: the stored row (sync-state.ts) read into
 * the API's `SyncConnection`, plus what the engine needs that the API does not show (which
 * feature types carry the versioning columns, the journal watermark).
 */
import { PlanDeskError } from '../../gis-core/errors.js';
import type { Project } from '../../gis-core/store/project.js';
import type { BBox } from '../../gis-core/store/types.js';
import type { SyncConnection, SyncLayerMapping, SyncProtocol } from '../api-types.js';
import type { ServerFeatureType } from '../transport/types.js';

export type FeatureTypeCapabilities = Pick<ServerFeatureType, 'hasUuid' | 'hasRowVersion' | 'hasUpdatedAt'>;

export interface EngineConnection extends SyncConnection {
  /** By feature type name. */
  readonly types: Readonly<Record<string, FeatureTypeCapabilities>>;
  readonly watermark: number;
}

export function loadConnection(project: Project): EngineConnection | null {
  const row = project.syncState().connection();
  if (!row) return null;
  return {
    url: row.url,
    protocol: row.protocol as SyncProtocol,
    ...(row.username ? { username: row.username } : {}),
    layers: JSON.parse(row.layersJson) as SyncLayerMapping[],
    area: row.areaJson ? (JSON.parse(row.areaJson) as BBox) : null,
    lastSync: row.lastSync,
    types: JSON.parse(row.typesJson) as Record<string, FeatureTypeCapabilities>,
    watermark: row.watermark,
  };
}

export function requireConnection(project: Project): EngineConnection {
  const connection = loadConnection(project);
  if (!connection) {
    throw new PlanDeskError('SYNC_NOT_CONNECTED', `${project.file} has no SDI connection yet: connect it first (plandesk sync connect FILE --server URL)`);
  }
  return connection;
}

/** The API's view of a connection (nothing engine-internal). */
export function publicConnection(connection: EngineConnection): SyncConnection {
  const { types: _types, watermark: _watermark, ...rest } = connection;
  return rest;
}

export function mappingOf(connection: EngineConnection, layer: string): SyncLayerMapping | undefined {
  return connection.layers.find((m) => m.layer === layer);
}
