/**
 * A synced feature's values as sync compares them: the mapped fields (typed, by PlanDesk field
 * key) and the geometry (project CRS), which counts as ONE attribute named 'geometry'.
 * Conversions from the local store and from the server, and equality with a tolerance.
 */
import { coerceAttribute } from '../../layers/attributes.js';
import { deriveValues } from '../../layers/derive.js';
import type { FieldDefinition, GeoJSONGeometry, LayerDefinition } from '../../layers/types.js';
import type { StoredFeature } from '../../gis-core/store/types.js';
import type { SyncLayerMapping } from '../api-types.js';
import type { ServerFeature } from '../transport/types.js';

export const GEOMETRY_ATTRIBUTE = 'geometry';
/** Two geometries are the same when every coordinate is within this (metres, project CRS). */
export const GEOMETRY_TOLERANCE_M = 0.001;

export interface SyncValues {
  readonly properties: Readonly<Record<string, unknown>>;
  readonly geometry: GeoJSONGeometry | null;
}

/** The layer's fields this mapping syncs, in the layer's order. */
export function syncedFields(layer: LayerDefinition, mapping: SyncLayerMapping): FieldDefinition[] {
  return layer.fields.filter((f) => Object.hasOwn(mapping.fields, f.key));
}

/**
 * The attributes merged three ways: synced fields that are not derived, and the geometry.
 * Derived fields (areas, lengths, slopes) follow their inputs: they are recomputed locally and
 * sent with a push, never merged or put in conflict on their own.
 */
export function mergeAttributes(layer: LayerDefinition, mapping: SyncLayerMapping): string[] {
  return [...syncedFields(layer, mapping).filter((f) => !f.derived).map((f) => f.key), GEOMETRY_ATTRIBUTE];
}

/** Every attribute a changeset compares: all synced fields (derived ones too, so a push carries them) and the geometry. */
export function changesetAttributes(layer: LayerDefinition, mapping: SyncLayerMapping): string[] {
  return [...syncedFields(layer, mapping).map((f) => f.key), GEOMETRY_ATTRIBUTE];
}

export function localValues(layer: LayerDefinition, mapping: SyncLayerMapping, feature: StoredFeature): SyncValues {
  const properties: Record<string, unknown> = {};
  for (const field of syncedFields(layer, mapping)) properties[field.key] = feature.properties[field.key] ?? null;
  return { properties, geometry: feature.geometry };
}

/**
 * A server feature as local values: each mapped field read from its server name and coerced to
 * the local type (a value that cannot be read as it is kept as the server sent it, so the store's
 * check names it); derived fields computed here as the store would.
 */
export function serverValues(layer: LayerDefinition, mapping: SyncLayerMapping, feature: ServerFeature): SyncValues {
  const properties: Record<string, unknown> = {};
  for (const field of syncedFields(layer, mapping)) {
    if (field.derived) continue;
    const raw = feature.properties[mapping.fields[field.key]!] ?? null;
    const coerced = coerceAttribute(field, raw);
    properties[field.key] = coerced.ok ? coerced.value : raw;
  }
  const derived = deriveValues(layer, properties, feature.geometry);
  for (const field of syncedFields(layer, mapping)) if (field.derived) properties[field.key] = derived[field.key] ?? null;
  return { properties, geometry: feature.geometry };
}

/** Local values as the server names them (for an insert or update request). */
export function toServerProperties(mapping: SyncLayerMapping, properties: Readonly<Record<string, unknown>>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const name = mapping.fields[key];
    if (name !== undefined) out[name] = properties[key] ?? null;
  }
  return out;
}

export function valueOf(values: SyncValues, attribute: string): unknown {
  return attribute === GEOMETRY_ATTRIBUTE ? values.geometry : (values.properties[attribute] ?? null);
}

/** `values` with one attribute replaced. */
export function withValue(values: SyncValues, attribute: string, value: unknown): SyncValues {
  if (attribute === GEOMETRY_ATTRIBUTE) return { properties: values.properties, geometry: value as GeoJSONGeometry | null };
  return { properties: { ...values.properties, [attribute]: value }, geometry: values.geometry };
}

function sameCoordinates(a: unknown, b: unknown, tolerance: number): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= tolerance;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  // A position: compare x and y (a missing or extra z is not a difference PlanDesk can hold).
  if (typeof a[0] === 'number') return Math.abs(a[0] - (b[0] as number)) <= tolerance && Math.abs((a[1] as number) - (b[1] as number)) <= tolerance;
  return a.every((item, i) => sameCoordinates(item, b[i], tolerance));
}

export function sameGeometry(a: GeoJSONGeometry | null, b: GeoJSONGeometry | null, tolerance = GEOMETRY_TOLERANCE_M): boolean {
  if (a === null || b === null) return a === b;
  return a.type === b.type && sameCoordinates(a.coordinates, b.coordinates, tolerance);
}

/** Equality of one attribute's values: geometry within the tolerance, reals within 1e-9 relative, null = undefined. */
export function sameValue(attribute: string, a: unknown, b: unknown): boolean {
  if (attribute === GEOMETRY_ATTRIBUTE) return sameGeometry((a ?? null) as GeoJSONGeometry | null, (b ?? null) as GeoJSONGeometry | null);
  const x = a ?? null;
  const y = b ?? null;
  if (typeof x === 'number' && typeof y === 'number') return x === y || Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y));
  return x === y;
}

export function sameValues(attributes: readonly string[], a: SyncValues, b: SyncValues): boolean {
  return attributes.every((attribute) => sameValue(attribute, valueOf(a, attribute), valueOf(b, attribute)));
}

/** The attributes whose values differ. */
export function differingAttributes(attributes: readonly string[], a: SyncValues, b: SyncValues): string[] {
  return attributes.filter((attribute) => !sameValue(attribute, valueOf(a, attribute), valueOf(b, attribute)));
}
