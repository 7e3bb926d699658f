/**
 * Values of the fields marked `derived: true`, computed from the geometry (project CRS,
 * metres: planar lengths and areas are right without reprojecting) and from other fields.
 * The store fills them on every insert and update; the renderer may show them for a feature
 * being drawn. Rounded as the demo generator rounds them, so re-deriving an unchanged feature
 * gives back the stored values.
 */
import { lineLength, polygonArea } from './rules/planar.js';
import type { GeoJSONGeometry, LayerDefinition, Position } from './types.js';

type Derivation = (properties: Readonly<Record<string, unknown>>, geometry: GeoJSONGeometry | null | undefined) => number | null;

function round(x: number, digits: number): number {
  const k = 10 ** digits;
  return Math.round(x * k) / k;
}

function finite(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Planar length of a LineString, m, 2 decimals (null for other geometries). */
export function derivedLength(geometry: GeoJSONGeometry | null | undefined): number | null {
  if (geometry?.type !== 'LineString') return null;
  return round(lineLength(geometry.coordinates), 2);
}

/** Planar area of a Polygon (outer ring less holes), m², 1 decimal (null for other geometries). */
export function derivedArea(geometry: GeoJSONGeometry | null | undefined): number | null {
  if (geometry?.type !== 'Polygon' || geometry.coordinates.length === 0 || (geometry.coordinates[0] as readonly Position[]).length < 4) return null;
  return round(polygonArea(geometry.coordinates), 1);
}

/**
 * How each derived field is computed, by field key (the same key means the same thing on every
 * layer). A field marked derived without an entry here is a programming error, caught by
 * `deriveValues` and by the layers test.
 */
export const DERIVATIONS: Readonly<Record<string, Derivation>> = {
  area_m2: (_p, geometry) => derivedArea(geometry),
  length_m: (_p, geometry) => derivedLength(geometry),
  /** (upstream invert − downstream invert) / length × 100, 3 decimals; the length as stored (2 decimals). */
  slope_pct: (p, geometry) => {
    const up = finite(p['upstream_invert_m']);
    const down = finite(p['downstream_invert_m']);
    const length = derivedLength(geometry);
    if (up === null || down === null || length === null || length <= 0) return null;
    return round(((up - down) / length) * 100, 3);
  },
  /** Rim level − invert level, 3 decimals. */
  depth_m: (p) => {
    const rim = finite(p['rim_level_m']);
    const invert = finite(p['invert_level_m']);
    return rim === null || invert === null ? null : round(rim - invert, 3);
  },
};

/**
 * The values of `layer`'s derived fields for a feature with these properties and geometry
 * (null where one cannot be computed: no geometry, a missing input, a zero length).
 * Only the derived fields are returned; `properties` is not changed.
 */
export function deriveValues(
  layer: LayerDefinition,
  properties: Readonly<Record<string, unknown>>,
  geometry: GeoJSONGeometry | null | undefined,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of layer.fields) {
    if (!field.derived) continue;
    const derive = DERIVATIONS[field.key];
    if (!derive) throw new Error(`Layer "${layer.id}" marks field "${field.key}" derived, but layers/derive.ts has no derivation for it.`);
    values[field.key] = derive(properties, geometry);
  }
  return values;
}
