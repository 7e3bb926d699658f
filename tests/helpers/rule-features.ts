/** Small hand-made features for the rule tests, and a way to run one rule through the engine. */
import type { ValidationFinding } from '../../gis-core/api/contract.js';
import { validateFeatures } from '../../gis-core/validate/engine.js';
import type { FeaturesByLayer } from '../../gis-core/validate/memory-context.js';
import type { GeoJSONGeometry, LayerId, RuleFeature } from '../../layers/types.js';

let counter = 0;

/** A UUIDv7-shaped id; later calls sort after earlier ones (as time-ordered uuids do). */
export function nextUuid(): string {
  counter++;
  const hex = counter.toString(16).padStart(12, '0');
  return `01900000-0000-7000-8000-${hex}`;
}

export function feature(properties: Record<string, unknown>, geometry: GeoJSONGeometry, uuid = nextUuid()): RuleFeature {
  return { uuid, properties, geometry };
}

export type XY = [number, number];

/** A closed polygon from its corners (counter-clockwise unless given otherwise). */
export function polygon(corners: XY[]): GeoJSONGeometry {
  return { type: 'Polygon', coordinates: [[...corners, corners[0] as XY]] };
}

/** The axis-aligned rectangle [x0, x1] × [y0, y1]. */
export function rect(x0: number, y0: number, x1: number, y1: number): GeoJSONGeometry {
  return polygon([
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ]);
}

export function line(...points: XY[]): GeoJSONGeometry {
  return { type: 'LineString', coordinates: points };
}

export function point(x: number, y: number): GeoJSONGeometry {
  return { type: 'Point', coordinates: [x, y] };
}

/** Runs one rule (by code) over the features, through the engine; its findings. */
export function runRule(code: string, layers: FeaturesByLayer): ValidationFinding[] {
  return [...validateFeatures(layers, { rules: [code] }).findings];
}

/** The uuids a rule reports, sorted. */
export function flagged(code: string, layers: FeaturesByLayer, layer?: LayerId): string[] {
  return runRule(code, layers)
    .filter((f) => !layer || f.layerId === layer)
    .map((f) => f.uuid)
    .sort();
}
