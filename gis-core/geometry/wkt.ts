/** GeoJSON geometry → OGC WKT (2D or with Z), numbers written as JavaScript prints them (they round-trip exactly). */
import type { GeoJSONGeometry, Position } from '../../layers/types.js';

const point = (p: Position): string => p.join(' ');
const ring = (ps: readonly Position[]): string => `(${ps.map(point).join(', ')})`;
const rings = (rs: readonly (readonly Position[])[]): string => `(${rs.map(ring).join(', ')})`;

export function geometryToWkt(geometry: GeoJSONGeometry): string {
  switch (geometry.type) {
    case 'Point':
      return `POINT (${point(geometry.coordinates)})`;
    case 'LineString':
      return `LINESTRING ${ring(geometry.coordinates)}`;
    case 'Polygon':
      return `POLYGON ${rings(geometry.coordinates)}`;
    case 'MultiPoint':
      return `MULTIPOINT ${rings(geometry.coordinates.map((p) => [p]))}`;
    case 'MultiLineString':
      return `MULTILINESTRING ${rings(geometry.coordinates)}`;
    case 'MultiPolygon':
      return `MULTIPOLYGON (${geometry.coordinates.map(rings).join(', ')})`;
  }
}
