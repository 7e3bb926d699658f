import { Readable, Writable } from 'node:stream';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { isPlanDeskError } from '../../gis-core/errors.js';
import { getCrs, listCrs } from '../../gis-core/crs/registry.js';
import { registerProj4Definitions, transformGeometry, transformPoint, transformPoints } from '../../gis-core/crs/transform.js';
import { formatCrsTable, transformLine, transformStream } from '../../gis-core/cli/commands/crs.js';

// Reference values from PROJ 9.1.1 cs2cs with the registry's definitions (see tests/integration/crs-vs-proj.test.ts).
const HANOI_WGS84 = [105.85, 21.03];
const HANOI_5897 = [588154.4766270644, 2326509.0539379925];
const HANOI_4756 = [105.8481173175, 21.0309859356];
const HANOI_3857 = [11783168.100468, 2395456.127104];
// Not HANOI_WGS84 again: a 2D datum shift drops the ellipsoidal height it creates, so the way
// back is ~1 mm off (PROJ does the same; that is what this value is).
const HANOI_5897_TO_WGS84 = [105.85000000729, 21.029999996149];
const HCM_WGS84 = [106.7, 10.78];
const HCM_9210 = [603697.7624619745, 1192284.9097108331];

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return isPlanDeskError(error) ? `${error.code}: ${error.message}` : `not a PlanDeskError: ${String(error)}`;
  }
  return 'no error';
}

function expectClose(actual: readonly number[], expected: readonly number[], tolerance: number): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => expect(Math.abs(value - (expected[i] ?? NaN)), `coordinate ${i}: ${value}`).toBeLessThan(tolerance));
}

describe('transformPoint', () => {
  it('matches PROJ at reference points (lon/lat order for geographic CRSs)', () => {
    expectClose(transformPoint(HANOI_WGS84, 'EPSG:4326', 'EPSG:5897'), HANOI_5897, 1e-6);
    expectClose(transformPoint(HCM_WGS84, 4326, 9210), HCM_9210, 1e-6);
    expectClose(transformPoint(HANOI_WGS84, 4326, 4756), HANOI_4756, 1e-9);
    expectClose(transformPoint(HANOI_WGS84, 4326, 3857), HANOI_3857, 1e-5);
    expectClose(transformPoint(HANOI_5897, 5897, 4326), HANOI_5897_TO_WGS84, 1e-11);
  });

  it('keeps Z untouched and accepts a CrsDefinition', () => {
    const [x, y, z] = transformPoint([...HANOI_WGS84, 12.345], getCrs(4326), getCrs(5897));
    expect(z).toBe(12.345);
    expectClose([x ?? NaN, y ?? NaN], HANOI_5897, 1e-6);
    expect(transformPoint([1, 2, 3], 5897, 'EPSG:5897')).toEqual([1, 2, 3]);
  });

  it('round-trips from a TM-3 zone through every CRS (exact within VN-2000, ~mm across datums)', () => {
    const start = HANOI_5897;
    for (const crs of listCrs()) {
      const back = transformPoint(transformPoint(start, 5897, crs.epsg), crs.epsg, 5897);
      // Across datums each 2D hop drops the ellipsoidal height the shift creates: ~1 mm each way.
      expectClose(back, start, crs.datum === 'VN-2000' ? 1e-6 : 3e-3);
    }
  });

  it('throws TRANSFORM_FAILED naming the point for non-finite results, INVALID_ARGUMENT for bad input', () => {
    expect(errorOf(() => transformPoint([105, 90], 4326, 3857))).toMatch(/^TRANSFORM_FAILED: .*\(105, 90\).*EPSG:4326.*EPSG:3857/);
    expect(errorOf(() => transformPoint([105, Number.NaN], 4326, 5897))).toMatch(/^INVALID_ARGUMENT: .*\(105, NaN\)/);
    expect(errorOf(() => transformPoint([105], 4326, 5897))).toMatch(/^INVALID_ARGUMENT/);
    expect(errorOf(() => transformPoint([105, 21], 4326, 'EPSG:1'))).toMatch(/^UNKNOWN_CRS/);
  });

  it('transforms arrays of points', () => {
    const out = transformPoints([HANOI_WGS84, HCM_WGS84], 4326, 5897);
    expect(out).toHaveLength(2);
    expectClose(out[0] ?? [], HANOI_5897, 1e-6);
  });
});

describe('transformGeometry', () => {
  it('keeps the type and shape of every GeoJSON geometry', () => {
    const ring = [HANOI_WGS84, [105.86, 21.03], [105.86, 21.04], HANOI_WGS84];
    const geometries = [
      { type: 'Point', coordinates: HANOI_WGS84 },
      { type: 'LineString', coordinates: ring.slice(0, 2) },
      { type: 'MultiPoint', coordinates: ring.slice(0, 3) },
      { type: 'Polygon', coordinates: [ring] },
      { type: 'MultiLineString', coordinates: [ring, ring.slice(1)] },
      { type: 'MultiPolygon', coordinates: [[ring], [ring, ring]] },
    ] as const;
    for (const geometry of geometries) {
      const out = transformGeometry(geometry, 4326, 5897);
      expect(out.type).toBe(geometry.type);
      const shape = (g: unknown): unknown => (Array.isArray(g) && Array.isArray(g[0]) ? g.map(shape) : Array.isArray(g) ? g.length : g);
      expect(shape(out.coordinates)).toEqual(shape(geometry.coordinates));
    }
    const point = transformGeometry({ type: 'Point', coordinates: HANOI_WGS84 }, 4326, 5897);
    expectClose(point.coordinates, HANOI_5897, 1e-6);
  });
});

describe('registerProj4Definitions', () => {
  it('registers every registry code so proj4 (and OpenLayers) can use it by name', () => {
    registerProj4Definitions(proj4);
    for (const crs of listCrs()) expect(proj4.defs(crs.code), crs.code).toBeDefined();
    expectClose(proj4('EPSG:4326', 'EPSG:9210', HCM_WGS84), HCM_9210, 1e-6);
  });
});

describe('crs CLI helpers', () => {
  const from = getCrs(4326);
  const to = getCrs(5897);

  it('writes full-precision "x y [z]" lines and keeps blank lines', async () => {
    const chunks: string[] = [];
    const output = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk.toString());
        done();
      },
    });
    await transformStream(Readable.from(['105.85 21.03\r\n', '\n', '  105.85\t21.03   7.5\n']), output, from, to);
    const lines = chunks.join('').split('\n');
    expect(lines).toHaveLength(4);
    const [x, y] = (lines[0] ?? '').split(' ').map(Number);
    expectClose([x ?? NaN, y ?? NaN], HANOI_5897, 1e-6);
    expect(lines[0]).toBe(transformPoint(HANOI_WGS84, from, to).map(String).join(' '));
    expect(lines[1]).toBe('');
    expect(lines[2]?.split(' ')[2]).toBe('7.5');
    expect(lines[3]).toBe('');
  });

  it('names the line number of a malformed line', () => {
    expect(errorOf(() => transformLine('105.85', from, to, 7))).toMatch(/^INVALID_ARGUMENT: line 7:/);
    expect(errorOf(() => transformLine('105.85 abc', from, to, 8))).toMatch(/^INVALID_ARGUMENT: line 8:.*105\.85 abc/);
    expect(errorOf(() => transformLine('1 2 3 4', from, to, 9))).toMatch(/^INVALID_ARGUMENT: line 9:/);
    expect(errorOf(() => transformLine('105 90', from, getCrs(3857), 10))).toMatch(/^TRANSFORM_FAILED: line 10:/);
  });

  it('lists every CRS in the table with its central meridian', () => {
    const table = formatCrsTable(listCrs()).split('\n');
    expect(table).toHaveLength(listCrs().length + 1);
    expect(table.find((row) => row.startsWith('EPSG:9210'))).toMatch(/105°45′.*TP\. Hồ Chí Minh/);
  });
});
