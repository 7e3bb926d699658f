/**
 * Flood scenarios and the overlay report on a HAND-BUILT case with known answers: an 8 × 4 DEM
 * of 2 m cells (a channel in columns 0–1 at 0.2 and 0.6 m, ground at 2.0 m, two hydrant cells at
 * 1.001 and 0.999 m beside the channel, a low strip at 1.2 m in column 7) and a tiny project:
 *
 *   col:      0     1     2       3    4    5    6    7
 *   row 0:   0.2   0.6   2.0     2.0  2.0  2.0  2.0  1.2
 *   row 1:   0.2   0.6   2.0     2.0  2.0  2.0  2.0  1.2
 *   row 2:   0.2   0.6   1.001   2.0  2.0  2.0  2.0  1.2     ← hydrant H-ABOVE (just above 1.0)
 *   row 3:   0.2   0.6   0.999   2.0  2.0  2.0  2.0  1.2     ← hydrant H-BELOW (just below)
 *
 * Water level 1.0 m from a seed in the channel floods columns 0–1 (depth 0.8 and 0.4) and the
 * 0.999 cell; 1.001 stays dry (strict <, as r.lake).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveLevel } from '../../gis-core/flood/design-flood.js';
import { arrivalLevels, priorityFlood } from '../../gis-core/flood/fill.js';
import { inundate } from '../../gis-core/flood/inundate.js';
import { checkFloodArgs, floodJob } from '../../gis-core/flood/job.js';
import { floodReportCsv } from '../../gis-core/flood/report.js';
import { dikeCells, runFloodScenario } from '../../gis-core/flood/scenario.js';
import type { RasterGrid } from '../../gis-core/raster/grid.js';
import { readDem } from '../../gis-core/raster/read-geotiff.js';
import { writeFloat32GeoTiff } from '../../gis-core/raster/write-geotiff.js';
import { Project } from '../../gis-core/store/project.js';
import { tempDir } from '../helpers/temp.js';

const dir = tempDir('plandesk-flood-report-');
const X0 = 560000;
const Y0 = 1150000;
const grid: RasterGrid = { columns: 8, rows: 4, originX: X0, originY: Y0, cellX: 2, cellY: 2, epsg: 5897 };
const ELEVATIONS = [
  [0.2, 0.6, 2.0, 2.0, 2.0, 2.0, 2.0, 1.2],
  [0.2, 0.6, 2.0, 2.0, 2.0, 2.0, 2.0, 1.2],
  [0.2, 0.6, 1.001, 2.0, 2.0, 2.0, 2.0, 1.2],
  [0.2, 0.6, 0.999, 2.0, 2.0, 2.0, 2.0, 1.2],
];
/** Centre of cell (row, col). */
const at = (row: number, col: number): [number, number] => [X0 + col * 2 + 1, Y0 - row * 2 - 1];
/** A rectangle over columns c0…c1 and rows r0…r1 (cell edges). */
function cellsRect(c0: number, c1: number, r0: number, r1: number) {
  const [x0, x1, ya, yb] = [X0 + c0 * 2, X0 + (c1 + 1) * 2, Y0 - (r1 + 1) * 2, Y0 - r0 * 2];
  return { type: 'Polygon' as const, coordinates: [[[x0, ya], [x1, ya], [x1, yb], [x0, yb], [x0, ya]]] };
}

const demFile = join(dir, 'hand.dem.tif');
writeFloat32GeoTiff(demFile, grid, ELEVATIONS.map((r) => Float32Array.from(r)), { nodata: -9999 });

function buildProject(name: string, metadata: Record<string, string> = {}): Project {
  const project = Project.create(join(dir, `${name}.plandesk.sqlite`), { name: 'Ca thử ngập', province: 'Đồng Tháp', crsEpsg: 5897 });
  project.setMetadata('terrain', 'hand.dem.tif');
  for (const [k, v] of Object.entries(metadata)) project.setMetadata(k, v);
  const zone = (code: string, fn: string, law: string, geometry: ReturnType<typeof cellsRect>) => ({
    properties: { zone_code: code, function_code: fn, land_law_code: law, status: 'planned' },
    geometry,
  });
  project.bulkInsert('zoning', [
    zone('MN-01', 'MN', 'SON', cellsRect(0, 1, 0, 3)),
    zone('CN-01', 'CN', 'SKC', cellsRect(2, 3, 0, 3)),
    zone('OM-01', 'OM', 'ODT', cellsRect(4, 7, 0, 3)),
  ]);
  project.bulkInsert('parcels', [
    // Half under water: columns 0–3 of rows 0–1, columns 0–1 flooded.
    { properties: { sheet_no: 1, parcel_no: 1, area_m2: 32, land_law_code: 'ODT' }, geometry: cellsRect(0, 3, 0, 1) },
    // Dry.
    { properties: { sheet_no: 1, parcel_no: 2, area_m2: 32, land_law_code: 'ODT' }, geometry: cellsRect(4, 7, 0, 1) },
  ]);
  project.bulkInsert('buildings', [{ properties: { use_code: 'detached_house', floors: 1, status: 'existing', name: 'Nhà kho' }, geometry: cellsRect(0, 0, 2, 3) }]);
  project.bulkInsert('roads', [
    // 10 m along row 0: 1 m in column 0, 2 m in column 1 (flooded), 7 m dry.
    { properties: { name: 'Đường ven kênh', road_class: 'local', red_line_width_m: 6 }, geometry: { type: 'LineString', coordinates: [[X0 + 1, Y0 - 1], [X0 + 11, Y0 - 1]] } },
    { properties: { name: 'Hẻm khô', road_class: 'alley', red_line_width_m: 3 }, geometry: { type: 'LineString', coordinates: [[X0 + 9, Y0 - 5], [X0 + 15, Y0 - 5]] } },
  ]);
  project.bulkInsert('water_hydrants', [
    { properties: { code: 'H-ABOVE' }, geometry: { type: 'Point', coordinates: at(2, 2) } },
    { properties: { code: 'H-BELOW' }, geometry: { type: 'Point', coordinates: at(3, 2) } },
  ]);
  project.bulkInsert('drainage_manholes', [{ properties: { code: 'MH-1', kind: 'manhole', rim_level_m: 0.2, invert_level_m: -1 }, geometry: { type: 'Point', coordinates: at(3, 0) } }]);
  project.bulkInsert('water_valves', [{ properties: { code: 'V-DRY' }, geometry: { type: 'Point', coordinates: at(0, 5) } }]);
  project.bulkInsert('lighting_cabinets', [{ properties: { code: 'TCS-1' }, geometry: { type: 'Point', coordinates: at(1, 1) } }]);
  return project;
}

describe('flood overlay report on a hand-built case', () => {
  it('knows the answers: a parcel half under water, a hydrant just above the level, a road partly flooded, freeboard', async () => {
    const project = buildProject('known');
    try {
      const csv = join(dir, 'known.csv');
      const r = await runFloodScenario(project, { level: 1.0, sources: { points: [at(0, 0)] }, out: join(dir, 'known.depth.tif'), reportCsv: csv, report: true });
      expect(r.floodedCells).toBe(9);
      expect(r.areaM2).toBe(36);
      const report = r.report!;

      const [parcel, ...otherParcels] = report.parcels;
      expect(otherParcels).toEqual([]);
      expect(parcel).toMatchObject({ label: '1/1', areaM2: 32, floodedAreaM2: 16, share: 0.5 });
      expect(parcel!.maxDepthM).toBeCloseTo(0.8, 6);
      expect(parcel!.meanDepthM).toBeCloseTo(0.6, 6);

      expect(report.buildings).toHaveLength(1);
      expect(report.buildings[0]).toMatchObject({ label: 'Nhà kho', areaM2: 8, floodedAreaM2: 8, share: 1 });

      expect(report.zones.map((z) => [z.label, z.floodedAreaM2])).toEqual([
        ['MN-01', 32],
        ['CN-01', 4],
      ]);

      const local = report.roads.find((x) => x.roadClass === 'local')!;
      expect(local.lengthM).toBeCloseTo(10, 9);
      expect(local.floodedLengthM).toBeCloseTo(3, 9);
      expect(local.share).toBeCloseTo(0.3, 9);
      expect(report.roads.find((x) => x.roadClass === 'alley')).toMatchObject({ floodedLengthM: 0, floodedSegments: 0 });
      expect(report.counts.roadLengthM).toBeCloseTo(3, 9);

      // H-ABOVE (1.001 m) is dry; H-BELOW (0.999 m) has 1 mm of water; the manhole and the cabinet are in the channel.
      expect(report.points.map((p) => [p.layer, p.label])).toEqual([
        ['drainage_manholes', 'MH-1'],
        ['lighting_cabinets', 'TCS-1'],
        ['water_hydrants', 'H-BELOW'],
      ]);
      expect(report.points[2]!.depthM).toBeCloseTo(0.001, 6);
      expect(report.counts.points).toEqual({ drainage_manholes: 1, water_hydrants: 1, water_valves: 0, lighting_cabinets: 1 });

      // Design level 1.0: CN needs 1.5 m (lowest ground 0.999 → raise 0.501), OM needs 1.3 m (column 7 at 1.2 → raise 0.1);
      // the water zone is not checked.
      expect(report.freeboard.map((z) => [z.label, z.kind, z.freeboardM])).toEqual([
        ['CN-01', 'industrial', 0.5],
        ['OM-01', 'residential', 0.3],
      ]);
      expect(report.freeboard[0]!.raiseM).toBeCloseTo(0.501, 6);
      expect(report.freeboard[0]!.shareBelow).toBeCloseTo(2 / 8, 9);
      expect(report.freeboard[1]!.raiseM).toBeCloseTo(0.1, 6);
      expect(report.freeboard[1]!.shareBelow).toBeCloseTo(4 / 16, 9);

      const text = readFileSync(csv, 'utf8');
      expect(text).toBe(floodReportCsv(report));
      const lines = text.trim().split('\n');
      expect(lines[0]).toBe('section,layer,uuid,label,category,area_m2,flooded_area_m2,length_m,flooded_length_m,share,max_depth_m,mean_depth_m,ground_m,required_ground_m,raise_m');
      expect(lines.filter((l) => l.startsWith('parcel,'))).toEqual([expect.stringMatching(/^parcel,parcels,[0-9a-f-]{36},1\/1,ODT,32,16,,,0\.5,0\.8,0\.6,,,$/)]);
      expect(lines.filter((l) => l.startsWith('road_class,roads,,local,'))).toEqual(['road_class,roads,,local,local,,,10,3,0.3,,,,,']);
      expect(lines.filter((l) => l.startsWith('freeboard,'))).toEqual([
        expect.stringMatching(/^freeboard,zoning,[0-9a-f-]{36},CN-01,CN,,,,,0\.25,,,0\.999,1\.5,0\.501$/),
        expect.stringMatching(/^freeboard,zoning,[0-9a-f-]{36},OM-01,OM,,,,,0\.25,,,1\.2,1\.3,0\.1$/),
      ]);
    } finally {
      project.close();
    }
  });

  it('floods from the river zones and from the DEM edge; a dike line holds the water back', async () => {
    const project = buildProject('sources');
    try {
      const fromWater = await runFloodScenario(project, { level: 1.0, sources: { water: true }, out: join(dir, 'w.tif') });
      expect(fromWater.floodedCells).toBe(9);
      expect(fromWater.sourceCells).toBe(8);
      // From the edge at 1.5 m: the channel, both hydrant cells and the low strip in column 7 (on the edge).
      const fromEdge = await runFloodScenario(project, { level: 1.5, sources: { edge: true }, out: join(dir, 'e.tif') });
      expect(fromEdge.floodedCells).toBe(8 + 2 + 4);
      // A dike along the x = 4 m line (between columns 1 and 2) at 3 m keeps the hydrant cells dry.
      const dike = [[X0 + 4.5, Y0 + 1], [X0 + 4.5, Y0 - 9]] as const;
      expect(dikeCells(grid, dike).sort((a, b) => a - b)).toEqual([2, 10, 18, 26]);
      const held = await runFloodScenario(project, { level: 1.5, sources: { water: true }, dikes: [{ line: dike, crestM: 3 }], out: join(dir, 'd.tif') });
      expect(held.floodedCells).toBe(8);
      expect(held.dikeCells).toBe(4);
      // The DEM file itself is unchanged.
      expect(Array.from((await readDem(demFile)).values.slice(0, 3))).toEqual([Math.fround(0.2), Math.fround(0.6), 2]);
    } finally {
      project.close();
    }
  });

  it('takes a return period from the project table, adds the rise, and says what QCVN asks of the urban class', async () => {
    const project = buildProject('rp', { flood_levels: '{"10": 0.7, "100": 0.9}', urban_class: 'III' });
    try {
      const r = await runFloodScenario(project, { returnPeriod: 100, rise: 0.1, sources: { water: true }, out: join(dir, 'rp.tif') });
      expect(r.level).toEqual({ level: 0.9 + 0.1, baseLevel: 0.9, rise: 0.1, basis: 'project-table', returnPeriod: 100, urbanClass: 'III', requiredReturnPeriod: { urban: 50, green: 2 } });
      expect(r.floodedCells).toBe(9);
      await expect(runFloodScenario(project, { returnPeriod: 50, sources: { water: true }, out: join(dir, 'x.tif') })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining('no design flood level for a 50-year return period (it has 10, 100 years in metadata flood_levels)'),
      });
    } finally {
      project.close();
    }
    expect(() => resolveLevel({ returnPeriod: 100 }, () => undefined, 'p.sqlite')).toThrow(/has no design flood levels \(metadata flood_levels/);
    expect(() => resolveLevel({ level: 1, returnPeriod: 100 }, () => undefined, 'p.sqlite')).toThrow(/not both/);
    expect(() => resolveLevel({}, () => undefined, 'p.sqlite')).toThrow(/Give a water level/);
  });

  it('fills depressions (Priority-Flood) and reports the ponding the flood does not reach', async () => {
    // A 5 × 5 bowl: rim 2.0, a pit of 0.5 in the middle whose lowest outlet is 1.5.
    const values = Float32Array.from([2, 2, 2, 2, 2, 2, 1.5, 1.5, 1.5, 2, 2, 1.5, 0.5, 1.5, 2, 2, 1.5, 1.5, 1.5, 2, 2, 2, 1.5, 2, 2]);
    const filled = priorityFlood(values, 5, 5);
    expect(filled[12]).toBe(1.5);
    expect(Array.from(filled).filter((v, i) => v !== values[i])).toEqual([1.5]);
    const project = buildProject('fill');
    try {
      const r = await runFloodScenario(project, { level: 0.5, sources: { points: [at(0, 0)] }, fill: true, out: join(dir, 'f.tif') });
      // At 0.5 m only column 0 floods; the DEM has no closed depression (everything drains to the edge).
      expect(r.floodedCells).toBe(4);
      expect(r.pondedCells).toBe(0);
    } finally {
      project.close();
    }
  });

  it('arrival levels give the same flooded cells as inundate at every level', () => {
    const values = Float32Array.from(ELEVATIONS.flat());
    const seeds = [0];
    const arrival = arrivalLevels(values, 8, 4, seeds);
    for (const level of [0.1, 0.2, 0.21, 0.6, 0.7, 0.999, 1.0, 1.0005, 1.001, 1.01, 1.2, 1.5, 2.0, 2.01]) {
      const flood = inundate({ values, columns: 8, rows: 4, level, seeds });
      const l = Math.fround(level);
      const byArrival = Array.from(arrival, (a) => a < l);
      expect(byArrival, `level ${level}`).toEqual(Array.from(flood.depth, (d) => !Number.isNaN(d)));
    }
  });

  it('checks the job arguments before it starts, and runs as a job with progress', async () => {
    const project = buildProject('job');
    try {
      expect(() => checkFloodArgs({ level: 1, sources: {} }, project)).toThrow(/say where the water enters/);
      expect(() => checkFloodArgs({ level: 'x', sources: { water: true } }, project)).toThrow(/level must be a number/);
      expect(() => checkFloodArgs({ returnPeriod: 100, sources: { water: true } }, project)).toThrow(/no design flood levels/);
      expect(() => checkFloodArgs({ level: 1, sources: { points: [[1]] } }, project)).toThrow(/sources.points\[0\] must be \[x, y\]/);
      expect(() => checkFloodArgs({ level: 1, sources: { water: true }, dikes: [{ line: [[0, 0], [1, 1]] }] }, project)).toThrow(/crestM/);
      const args = checkFloodArgs({ level: 1, sources: { water: true } }, project);
      const progress: number[] = [];
      const result = await floodJob.run(args, {
        project,
        signal: new AbortController().signal,
        progress: (f) => progress.push(f),
        throwIfCancelled: () => {},
      });
      expect(result.floodedCells).toBe(9);
      expect(result.polygonCount).toBe(1);
      expect(result.levelRange).toEqual([Math.fround(0.2), 2]);
      expect(result.depthFile).toBe(join(dir, `job.flood/${result.floodId}.depth.tif`));
      const polygons = JSON.parse(readFileSync(result.polygonsFile, 'utf8')) as { features: { geometry: { coordinates: number[][][] } }[] };
      expect(polygons.features).toHaveLength(1);
      expect(progress.at(-1)).toBe(1);
      expect(result.report.parcels[0]?.share).toBe(0.5);
    } finally {
      project.close();
    }
  });
});
