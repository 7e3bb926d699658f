/**
 * Coordinate transforms between registry CRSs with proj4js. Geographic CRSs are lon/lat
 * (x = lon, y = lat). Z, when present, is passed through untouched: VN-2000 heights are
 * orthometric (national levelling) and the 7-parameter shift would corrupt them.
 */
import proj4 from 'proj4';
import type { Converter } from 'proj4';
import type { GeoJSONGeometry, Position } from '../../layers/types.js';
import { PlanDeskError } from '../errors.js';
import type { CrsDefinition } from './registry.js';
import { getCrs, listCrs } from './registry.js';

export type CrsRef = string | number | CrsDefinition;

/** Registers every registry CRS ('EPSG:5897', …) into a proj4 instance (e.g. the one OpenLayers uses). */
export function registerProj4Definitions(instance: typeof proj4 = proj4): void {
  for (const crs of listCrs()) instance.defs(crs.code, crs.proj4);
}

const converters = new Map<string, Converter>();

function resolve(ref: CrsRef): CrsDefinition {
  return typeof ref === 'object' ? ref : getCrs(ref);
}

/**
 * proj4js sends every +towgs84 CRS through WGS 84, even to a CRS of the same datum, and drops
 * the height the shift creates on the way: zone ↔ zone would move points 1–2 mm. Within one
 * datum it is a pure conversion (as in PROJ), so the shift is left out of both definitions.
 */
function withoutDatumShift(definition: string): string {
  return definition.replace(/\s*\+towgs84=\S+/, '');
}

// Built from the definition strings, so the global proj4.defs table is neither needed nor touched.
function converter(from: CrsDefinition, to: CrsDefinition): Converter {
  const key = `${from.epsg}>${to.epsg}`;
  let found = converters.get(key);
  if (!found) {
    found =
      from.datum === to.datum
        ? proj4(withoutDatumShift(from.proj4), withoutDatumShift(to.proj4))
        : proj4(from.proj4, to.proj4);
    converters.set(key, found);
  }
  return found;
}

function describe(position: Position): string {
  return `(${position.map((n) => String(n)).join(', ')})`;
}

function transformWith(convert: Converter, position: Position, from: CrsDefinition, to: CrsDefinition): number[] {
  const [x, y, ...rest] = position;
  if (x === undefined || y === undefined || !Number.isFinite(x) || !Number.isFinite(y)) {
    throw new PlanDeskError('INVALID_ARGUMENT', `point ${describe(position)} in ${from.code} needs two finite coordinates`);
  }
  if (from.epsg === to.epsg) return [x, y, ...rest];
  let out: number[] | undefined;
  try {
    // Only x, y go in: a third value would be shifted as an ellipsoidal height.
    out = convert.forward([x, y]);
  } catch {
    out = undefined;
  }
  const [tx, ty] = out ?? [];
  if (tx === undefined || ty === undefined || !Number.isFinite(tx) || !Number.isFinite(ty)) {
    throw new PlanDeskError('TRANSFORM_FAILED', `cannot transform point ${describe(position)} from ${from.code} to ${to.code}`);
  }
  return [tx, ty, ...rest];
}

/** One point [x, y] or [x, y, z] (lon/lat for geographic CRSs). */
export function transformPoint(position: Position, from: CrsRef, to: CrsRef): number[] {
  const source = resolve(from);
  const target = resolve(to);
  return transformWith(converter(source, target), position, source, target);
}

export function transformPoints(positions: readonly Position[], from: CrsRef, to: CrsRef): number[][] {
  const source = resolve(from);
  const target = resolve(to);
  const convert = converter(source, target);
  return positions.map((position) => transformWith(convert, position, source, target));
}

/** Any GeoJSON geometry, returned as a new geometry of the same type. */
export function transformGeometry<G extends GeoJSONGeometry>(geometry: G, from: CrsRef, to: CrsRef): G;
export function transformGeometry(g: GeoJSONGeometry, from: CrsRef, to: CrsRef): GeoJSONGeometry {
  const source = resolve(from);
  const target = resolve(to);
  const convert = converter(source, target);
  const point = (position: Position): number[] => transformWith(convert, position, source, target);
  const line = (positions: readonly Position[]): number[][] => positions.map(point);
  const lines = (rings: readonly (readonly Position[])[]): number[][][] => rings.map(line);
  switch (g.type) {
    case 'Point':
      return { type: g.type, coordinates: point(g.coordinates) };
    case 'LineString':
    case 'MultiPoint':
      return { type: g.type, coordinates: line(g.coordinates) };
    case 'Polygon':
    case 'MultiLineString':
      return { type: g.type, coordinates: lines(g.coordinates) };
    case 'MultiPolygon':
      return { type: g.type, coordinates: g.coordinates.map(lines) };
  }
}
