/**
 * What the rules share: reading attributes and geometry off a feature, tolerances, and numbers
 * written the Vietnamese way (decimal comma) and the English way in messages.
 */
import type { GeoJSONGeometry, Label, RuleFeature, RuleFinding } from '../types.js';
import type { BBox, P } from './planar.js';

/** Polygon edges and vertices this close count as touching (coordinates are rounded to the millimetre). */
export const EDGE_TOLERANCE_M = 0.01;
/** A line end or a node this close to a line or node is connected to it (the edit path's TOPOLOGY_SNAP_M). */
export const NETWORK_SNAP_M = 0.05;

/** A finite number attribute, or undefined (null, text, NaN). */
export function numberOf(feature: RuleFeature, key: string): number | undefined {
  const v = feature.properties[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** A non-empty text attribute (trimmed), or undefined. */
export function textOf(feature: RuleFeature, key: string): string | undefined {
  const v = feature.properties[key];
  if (typeof v === 'number') return String(v);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** The outer ring of a Polygon (the first polygon's of a MultiPolygon); undefined for other geometries. */
export function outerRing(geometry: GeoJSONGeometry): readonly P[] | undefined {
  if (geometry.type === 'Polygon') return geometry.coordinates[0];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates[0]?.[0];
  return undefined;
}

/** The rings of a Polygon, or of every part of a MultiPolygon. */
export function allRings(geometry: GeoJSONGeometry): readonly (readonly P[])[] {
  if (geometry.type === 'Polygon') return geometry.coordinates;
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.flat();
  return [];
}

/** The vertices of a LineString (the first part of a MultiLineString); undefined for other geometries. */
export function lineOf(geometry: GeoJSONGeometry): readonly P[] | undefined {
  if (geometry.type === 'LineString') return geometry.coordinates;
  if (geometry.type === 'MultiLineString') return geometry.coordinates[0];
  return undefined;
}

/** The position of a Point; undefined for other geometries. */
export function pointOf(geometry: GeoJSONGeometry): P | undefined {
  return geometry.type === 'Point' ? geometry.coordinates : undefined;
}

/** The bounding box of a geometry (walked in place: rules ask for boxes a million times). */
export function boxOf(geometry: GeoJSONGeometry): BBox {
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c: unknown): void => {
    const a = c as readonly unknown[];
    if (typeof a[0] === 'number') {
      const x = a[0];
      const y = a[1] as number;
      if (x < box[0]) box[0] = x;
      if (y < box[1]) box[1] = y;
      if (x > box[2]) box[2] = x;
      if (y > box[3]) box[3] = y;
      return;
    }
    for (const child of a) walk(child);
  };
  walk(geometry.coordinates);
  return box;
}

/** A number for a Vietnamese message: decimal comma, at most `digits` decimals ("74,7"). */
export function vi(x: number, digits = 1): string {
  return en(x, digits).replace('.', ',');
}

/** A number for an English message: at most `digits` decimals ("74.7"). */
export function en(x: number, digits = 1): string {
  const k = 10 ** digits;
  return String(Math.round(x * k) / k);
}

/** A line's two ends, for rules about what they join. */
export function endsOf(coords: readonly P[]): { readonly p: P; readonly end: 'start' | 'end' }[] {
  return [
    { p: coords[0] as P, end: 'start' },
    { p: coords[coords.length - 1] as P, end: 'end' },
  ];
}

/** A position for a message: "(569131,65; 1156642,32)" in Vietnamese, "(569131.65, 1156642.32)" in English. */
export function at(p: P): Label {
  return { vi: `(${vi(p[0] as number, 2)}; ${vi(p[1] as number, 2)})`, en: `(${en(p[0] as number, 2)}, ${en(p[1] as number, 2)})` };
}

/** One finding. */
export function finding(message: Label, details?: Readonly<Record<string, number | string>>): RuleFinding {
  return details ? { message, details } : { message };
}
