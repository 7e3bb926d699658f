/** Bounding boxes of GeoJSON geometries, and densified box transforms between CRSs. */
import type { GeoJSONGeometry, Position } from '../../layers/types.js';
import { transformPoints, type CrsRef } from '../crs/transform.js';
import type { BBox } from '../store/types.js';

function positionsOf(geometry: GeoJSONGeometry): readonly Position[] {
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates];
    case 'LineString':
    case 'MultiPoint':
      return geometry.coordinates;
    case 'Polygon':
    case 'MultiLineString':
      return geometry.coordinates.flat();
    case 'MultiPolygon':
      return geometry.coordinates.flat(2);
  }
}

function envelope(positions: readonly Position[]): BBox {
  let minx = Infinity;
  let miny = Infinity;
  let maxx = -Infinity;
  let maxy = -Infinity;
  for (const [x = NaN, y = NaN] of positions) {
    if (x < minx) minx = x;
    if (y < miny) miny = y;
    if (x > maxx) maxx = x;
    if (y > maxy) maxy = y;
  }
  return [minx, miny, maxx, maxy];
}

export function geometryBBox(geometry: GeoJSONGeometry): BBox {
  return envelope(positionsOf(geometry));
}

export function unionBBox(a: BBox, b: BBox): BBox {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

/** Points per box edge when transforming a box: edges curve in the other CRS, corners alone miss the bulge. */
const EDGE_POINTS = 16;

/**
 * The envelope, in `to`, of a box given in `from`: each edge is densified before transforming,
 * so the result covers the whole box even where its edges curve in the target CRS.
 */
export function transformBBox(bbox: BBox, from: CrsRef, to: CrsRef): BBox {
  const [minx, miny, maxx, maxy] = bbox;
  const ring: number[][] = [];
  for (let i = 0; i < EDGE_POINTS; i++) {
    const t = i / EDGE_POINTS;
    ring.push([minx + (maxx - minx) * t, miny]);
    ring.push([maxx, miny + (maxy - miny) * t]);
    ring.push([maxx - (maxx - minx) * t, maxy]);
    ring.push([minx, maxy - (maxy - miny) * t]);
  }
  return envelope(transformPoints(ring, from, to));
}
