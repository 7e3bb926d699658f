import { describe, expect, it } from 'vitest';
import type { GeoJSONGeometry } from '../../layers/types.js';
import { geometryToWkb, wkbToGeometry } from '../../gis-core/geometry/wkb.js';
import { geometryProblem } from '../../gis-core/geometry/check.js';

const samples: GeoJSONGeometry[] = [
  { type: 'Point', coordinates: [569123.456, 1156789.012] },
  { type: 'LineString', coordinates: [[0, 0], [10.5, -3.25], [1e6, 1.2e6]] },
  { type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 10], [0, 0]], [[1, 1], [2, 1], [2, 2], [1, 1]]] },
  { type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] },
  { type: 'MultiLineString', coordinates: [[[0, 0], [1, 1]], [[2, 2], [3, 3], [4, 5]]] },
  { type: 'MultiPolygon', coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[5, 5], [6, 5], [6, 6], [5, 5]]]] },
];

describe('WKB codec', () => {
  it.each(samples)('round-trips a $type exactly', (geometry) => {
    expect(wkbToGeometry(geometryToWkb(geometry))).toEqual(geometry);
  });

  it('writes OGC WKB byte for byte (little-endian point)', () => {
    const wkb = geometryToWkb({ type: 'Point', coordinates: [1, 2] });
    expect(wkb.toString('hex')).toBe('0101000000000000000000f03f0000000000000040');
  });

  it('reads ISO WKB with Z, dropping Z', () => {
    // POINT Z (1 2 3), ISO type 1001, little-endian.
    const hex = '01e9030000' + '000000000000f03f' + '0000000000000040' + '0000000000000840';
    expect(wkbToGeometry(Buffer.from(hex, 'hex'))).toEqual({ type: 'Point', coordinates: [1, 2] });
  });
});

describe('geometry checks', () => {
  it('accepts a well-formed polygon', () => {
    expect(geometryProblem(samples[2], 'Polygon')).toBeNull();
  });
  it.each([
    [{ type: 'Point', coordinates: [0, 0] }, 'Polygon', /expected a Polygon/],
    [{ type: 'LineString', coordinates: [[0, 0]] }, 'LineString', /at least 2/],
    [{ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] }, 'Polygon', /not closed/],
    [{ type: 'Point', coordinates: [0, Number.NaN] }, 'Point', /finite/],
    [null, 'Point', /missing/],
  ])('refuses %j as %s', (geometry, type, message) => {
    expect(geometryProblem(geometry, type as 'Point')).toMatch(message);
  });
});
