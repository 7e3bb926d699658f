/**
 * proj4js (what PlanDesk runs) against PROJ (the reference), with the same definitions, over
 * all of Vietnam: every VN-2000 projected CRS, hundreds of points each, both directions.
 * Needs the PROJ command-line tools (cs2cs, cct, projinfo): scripts/setup.sh installs them.
 */
import { spawnSync } from 'node:child_process';
import proj4 from 'proj4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrsDefinition } from '../../gis-core/crs/registry.js';
import { getCrs, listCrs } from '../../gis-core/crs/registry.js';
import { transformPoints } from '../../gis-core/crs/transform.js';

const TOLERANCE_M = 0.001;
const EARTH_RADIUS_M = 6378137;
// Latitudes of Vietnam, for the ±1.5° band around each central meridian.
const VIETNAM_SOUTH = 8.3;
const VIETNAM_NORTH = 23.5;

type Point = readonly number[];

function run(tool: string, args: readonly string[], input = ''): string {
  const result = spawnSync(tool, args, { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) {
    const missing = (result.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(
      missing
        ? `PROJ's ${tool} is not installed: run scripts/setup.sh (installs proj-bin); these tests compare with real PROJ and are never skipped`
        : `${tool} failed to start: ${result.error.message}`,
    );
  }
  if (result.status !== 0) throw new Error(`${tool} ${args.join(' ')} exited ${result.status}: ${result.stderr.trim()}`);
  return result.stdout;
}

function parseColumns(output: string, expected: number): number[][] {
  const rows = output
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number));
  expect(rows).toHaveLength(expected);
  return rows;
}

/** PROJ's answer for points in `from` (lon/lat for geographic), one cs2cs process for the batch. */
function cs2cs(fromDef: string, toDef: string, points: readonly Point[]): number[][] {
  const input = points.map((p) => `${p[0]} ${p[1]}`).join('\n') + '\n';
  const args = ['-f', '%.12f', ...fromDef.split(/\s+/), '+to', ...toDef.split(/\s+/)];
  return parseColumns(run('cs2cs', args, input), points.length);
}

/** Distance in metres between two positions of one CRS (degrees converted at the point's latitude). */
function distanceM(crs: CrsDefinition, a: Point, b: Point): number {
  const dx = (a[0] ?? NaN) - (b[0] ?? NaN);
  const dy = (a[1] ?? NaN) - (b[1] ?? NaN);
  if (crs.units === 'm') return Math.hypot(dx, dy);
  const radians = Math.PI / 180;
  return Math.hypot(dx * radians * EARTH_RADIUS_M * Math.cos((a[1] ?? 0) * radians), dy * radians * EARTH_RADIUS_M);
}

function grid(bbox: readonly [number, number, number, number], columns: number, rows: number): Point[] {
  const [west, south, east, north] = bbox;
  const points: Point[] = [];
  for (let i = 0; i < columns; i += 1) {
    for (let j = 0; j < rows; j += 1) {
      points.push([west + ((east - west) * i) / (columns - 1), south + ((north - south) * j) / (rows - 1)]);
    }
  }
  return points;
}

/** WGS 84 lon/lat test points for a zone: its area of use and ±1.5° around its central meridian. */
function zonePoints(zone: CrsDefinition): Point[] {
  const meridian = zone.centralMeridian ?? NaN;
  return [...grid(zone.areaOfUse.bbox, 16, 20), ...grid([meridian - 1.5, VIETNAM_SOUTH, meridian + 1.5, VIETNAM_NORTH], 16, 20)];
}

/** The other VN-2000 projected CRS with the nearest central meridian. */
function neighbour(zone: CrsDefinition, zones: readonly CrsDefinition[]): CrsDefinition {
  const others = zones.filter((z) => z.epsg !== zone.epsg && z.zoneWidth === zone.zoneWidth);
  const distance = (z: CrsDefinition): number => Math.abs((z.centralMeridian ?? NaN) - (zone.centralMeridian ?? NaN));
  return others.reduce((best, z) => (distance(z) < distance(best) ? z : best));
}

/** Largest proj4js-vs-PROJ distance (m) for points given in `from`. */
function maxError(from: CrsDefinition, to: CrsDefinition, points: readonly Point[]): number {
  const ours = transformPoints(points, from, to);
  const theirs = cs2cs(from.proj4, to.proj4, points);
  let max = 0;
  ours.forEach((p, i) => {
    const d = distanceM(to, p, theirs[i] ?? []);
    max = Number.isNaN(d) ? Infinity : Math.max(max, d);
  });
  return max;
}

const zones = listCrs().filter((c) => c.datum === 'VN-2000' && c.kind === 'projected');
const report: string[] = [];

beforeAll(() => {
  const version = spawnSync('cs2cs', [], { encoding: 'utf8' });
  if (version.error) run('cs2cs', []); // throws the "run scripts/setup.sh" message
  report.push(`PROJ: ${(version.stderr || version.stdout).split('\n')[0]?.trim()}`);
});

afterAll(() => {
  console.log(['proj4js vs PROJ cs2cs, max difference per zone (mm):', ...report].join('\n'));
});

describe('registry definitions', () => {
  it('are the strings PROJ 9 proj.db gives for each EPSG code', () => {
    for (const crs of listCrs()) {
      expect(run('projinfo', [crs.code, '-o', 'PROJ', '-q']).trim(), crs.code).toBe(crs.proj4);
    }
  });
});

describe('proj4js agrees with PROJ cs2cs to 1 mm over Vietnam', () => {
  it('covers 20 VN-2000 projected CRSs', () => {
    expect(zones.map((z) => z.epsg).sort()).toEqual([3405, 3406, 5896, 5897, 5898, 5899, ...Array.from({ length: 14 }, (_, i) => 9205 + i)]);
  });

  it.each(zones.map((z) => [z.code, z] as const))('%s ↔ WGS 84, VN-2000 geographic, neighbour zone, Web Mercator', (_code, zone) => {
    const wgs84 = getCrs(4326);
    const lonLat = zonePoints(zone);
    expect(lonLat.length).toBeGreaterThanOrEqual(600);
    const inZone = transformPoints(lonLat, wgs84, zone);
    const next = neighbour(zone, zones);
    const errors: Record<string, number> = {};
    for (const other of [wgs84, getCrs(4756), next, getCrs(3857)]) {
      // 4756 points: the same numbers read as VN-2000 lon/lat (≈200 m away, still inside the area).
      const inOther = other.epsg === 4326 || other.epsg === 4756 ? lonLat : transformPoints(lonLat, wgs84, other);
      errors[`${other.epsg}→${zone.epsg}`] = maxError(other, zone, inOther);
      errors[`${zone.epsg}→${other.epsg}`] = maxError(zone, other, inZone);
    }
    const worst = Math.max(...Object.values(errors));
    report.push(
      `${zone.code.padEnd(9)} ${String(lonLat.length).padStart(4)} pts  max ${(worst * 1000).toFixed(6)} mm  ` +
        Object.entries(errors)
          .map(([pair, e]) => `${pair} ${(e * 1000).toFixed(6)}`)
          .join(', '),
    );
    for (const [pair, error] of Object.entries(errors)) expect(error, pair).toBeLessThan(TOLERANCE_M);
  });
});

describe('the +towgs84 rotation sign trap (EPSG:6960 is published as coordinate frame)', () => {
  const vn2000 = getCrs(4756);
  const wgs84 = getCrs(4326);
  const points = grid(vn2000.areaOfUse.bbox, 12, 16);
  // The published (coordinate-frame) rotations pasted into +towgs84, which is position-vector.
  const wrongSigns = vn2000.proj4.replace(/\+towgs84=(\S+)/, (_m, params: string) => {
    const p = params.split(',').map(Number);
    return `+towgs84=${p.map((v, i) => (i >= 3 && i <= 5 ? -v : v)).join(',')}`;
  });

  /** EPSG:6960 as proj.db defines it (coordinate_frame, published signs), run by cct: lat/lon order. */
  function epsg6960(): number[][] {
    const pipeline = run('projinfo', ['-k', 'operation', 'EPSG:6960', '-o', 'PROJ', '-q', '--single-line']).trim();
    expect(pipeline).toContain('+convention=coordinate_frame');
    expect(pipeline).toContain('+rx=-0.00928836 +ry=0.01975479 +rz=-0.00427372');
    const input = points.map((p) => `${p[1]} ${p[0]} 0 0`).join('\n') + '\n';
    return parseColumns(run('cct', ['-d', '12', ...pipeline.split(/\s+/)], input), points.length).map(([lat, lon]) => [lon ?? NaN, lat ?? NaN]);
  }

  it('the registry matches EPSG:6960 to 1 mm; the published signs put points ~0.5 m away', () => {
    expect(wrongSigns).not.toBe(vn2000.proj4);
    const reference = epsg6960();
    const ours = transformPoints(points, vn2000, wgs84);
    const wrong = points.map((p) => proj4(wrongSigns, wgs84.proj4, [p[0] ?? NaN, p[1] ?? NaN]));
    const wrongInProj = cs2cs(wrongSigns, wgs84.proj4, points);
    const distances = (rows: readonly Point[]): number[] => rows.map((p, i) => distanceM(wgs84, p, reference[i] ?? []));
    const good = Math.max(...distances(ours));
    const bad = distances(wrong);
    const badInProj = distances(wrongInProj);
    report.push(
      `EPSG:4756→4326 vs EPSG:6960 (cct): max ${(good * 1000).toFixed(6)} mm; published signs in +towgs84: ` +
        `${Math.min(...bad).toFixed(3)}–${Math.max(...bad).toFixed(3)} m (proj4js), ${Math.min(...badInProj).toFixed(3)}–${Math.max(...badInProj).toFixed(3)} m (PROJ)`,
    );
    expect(good).toBeLessThan(TOLERANCE_M);
    for (const d of [...bad, ...badInProj]) {
      expect(d).toBeGreaterThan(0.3);
      expect(d).toBeLessThan(1);
    }
  });
});
