/**
 * A flood scenario over a project, end to end: the DEM (the project's terrain or another,
 * reprojected to the project CRS with gdalwarp when its EPSG differs), the water level (given, or
 * a return period's design level from the project, plus a rise), the sources (river and canal
 * zones, a layer's features, points, the DEM's edge), temporary dike lines raised into the DEM in
 * memory, the connected inundation (inundate.ts, = r.lake), optional depression filling
 * (Priority-Flood: ponding where no source reaches), the depth GeoTIFF, inundation polygons
 * (gdal_polygonize.py, 8-connected) and the overlay report. Used by `plandesk flood` and by the
 * `flood` job (in a worker thread, with progress and cancel between and inside phases).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Label, LayerId } from '../../layers/types.js';
import { PlanDeskError } from '../errors.js';
import { gridExtent, type Dem, type RasterGrid } from '../raster/grid.js';
import { readDem } from '../raster/read-geotiff.js';
import { writeFloat32GeoTiff } from '../raster/write-geotiff.js';
import type { Project } from '../store/project.js';
import { resolveLevel, type LevelSpec, type ResolvedLevel } from './design-flood.js';
import { arrivalLevels, priorityFlood } from './fill.js';
import { inundate, type SeedOutcome } from './inundate.js';
import { geometryCells, lineCells, pointCell } from './rasterize.js';
import { floodReport, floodReportCsv, type FloodReport } from './report.js';
import { seedCells, type SeedPoint } from './seeds.js';

export const DEPTH_NODATA = -9999;

export interface FloodSources {
  /** River and canal zones: zoning features whose function_code is MN (mặt nước). */
  readonly water?: boolean;
  /** Every feature of these layers (their cells: polygons by centre, lines passed through, points). */
  readonly layers?: readonly LayerId[];
  /** Points in the project CRS. */
  readonly points?: readonly SeedPoint[];
  /** Every valid cell on the DEM's border (water from outside the area). */
  readonly edge?: boolean;
}

export interface DikeLine {
  /** Polyline in the project CRS. */
  readonly line: readonly SeedPoint[];
  /** Crest elevation, m (same datum as the DEM): cells on the line are raised to it. */
  readonly crestM: number;
}

export interface ScenarioOptions extends LevelSpec {
  /** DEM GeoTIFF; the project's terrain (metadata `terrain`) by default. */
  readonly dem?: string;
  readonly sources: FloodSources;
  readonly dikes?: readonly DikeLine[];
  /** Also fill depressions (Priority-Flood) and show their ponding where the flood does not reach. */
  readonly fill?: boolean;
  /** Depth GeoTIFF to write. */
  readonly out: string;
  /** GeoJSON of the inundation polygons to write. */
  readonly polygons?: string;
  /** Overlay report CSV to write (the report is computed whenever `report` or this is set). */
  readonly reportCsv?: string;
  readonly report?: boolean;
  /** Arrival-level GeoTIFF to write (the lowest level reaching each cell: a level slider reads it). */
  readonly arrival?: string;
}

export interface ScenarioHooks {
  readonly progress?: (fraction: number, message: Label) => void;
  /** Throws to stop (cancel); called between phases and inside long loops. */
  readonly checkpoint?: () => void;
}

export interface FloodScenarioResult {
  readonly dem: string;
  /** Set when the DEM was reprojected: its own EPSG. */
  readonly demEpsg: number;
  readonly reprojected: boolean;
  readonly out: string;
  readonly epsg: number;
  readonly extent: readonly [number, number, number, number];
  readonly size: readonly [number, number];
  readonly level: ResolvedLevel;
  readonly floodedCells: number;
  readonly areaM2: number;
  readonly maxDepthM: number;
  readonly meanDepthM: number;
  /** Source cells, and how many of them lie below the level (the ones water starts from). */
  readonly sourceCells: number;
  readonly sourceCellsBelowLevel: number;
  readonly seeds: readonly { readonly x: number; readonly y: number; readonly elevation: number | null; readonly outcome: SeedOutcome }[];
  readonly dikeCells: number;
  /** With `fill`: cells holding ponded water that the flood does not reach, and its area. */
  readonly pondedCells?: number;
  readonly pondedAreaM2?: number;
  readonly polygons?: string;
  readonly polygonCount?: number;
  readonly reportCsv?: string;
  readonly report?: FloodReport;
  readonly arrival?: string;
  /** With `arrival`: the lowest and highest arrival level (the range a slider can show). */
  readonly arrivalRange?: readonly [number, number];
}

/** The project's terrain (metadata `terrain`, relative to the project file). */
export function projectTerrain(project: Project): string {
  const terrain = project.getMetadata('terrain');
  if (!terrain) throw new PlanDeskError('INVALID_ARGUMENT', `${project.file} has no terrain model (metadata terrain): give a DEM GeoTIFF`);
  return resolve(dirname(project.file), terrain);
}

/** Reads a DEM in the project CRS: reprojected by gdalwarp (bilinear) into a temporary file when its EPSG differs. */
export async function readDemInCrs(file: string, epsg: number): Promise<{ dem: Dem; sourceEpsg: number; reprojected: boolean }> {
  const dem = await readDem(file);
  if (dem.grid.epsg === epsg) return { dem, sourceEpsg: epsg, reprojected: false };
  const source = dem.grid.epsg;
  const temp = join(tmpdir(), `plandesk-warp-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.tif`);
  try {
    const result = spawnSync(
      'gdalwarp',
      ['-q', '-overwrite', '-t_srs', `EPSG:${epsg}`, '-r', 'bilinear', '-dstnodata', String(DEPTH_NODATA), '-ot', 'Float32', '-co', 'TILED=YES', file, temp],
      { encoding: 'utf8' },
    );
    if (result.error) throw new PlanDeskError('EXTERNAL_TOOL', `Cannot run gdalwarp to reproject ${file}: ${result.error.message} (install gdal-bin)`);
    if (result.status !== 0) {
      throw new PlanDeskError('UNKNOWN_CRS', `gdalwarp cannot reproject ${file} from EPSG:${source} to EPSG:${epsg}: ${(result.stderr || result.stdout).trim().split('\n')[0]}`);
    }
    const warped = await readDem(temp);
    return { dem: { ...warped, file }, sourceEpsg: source, reprojected: true };
  } finally {
    rmSync(temp, { force: true });
    rmSync(`${temp}.aux.xml`, { force: true });
  }
}

/** The cells of a dike line, 4-connected (a diagonal step gets a corner cell) so 8-neighbour water cannot slip through. */
export function dikeCells(grid: RasterGrid, line: readonly SeedPoint[]): number[] {
  const ordered: number[] = [];
  const dense: SeedPoint[] = [];
  const step = Math.min(grid.cellX, grid.cellY) / 4;
  for (let i = 0; i + 1 < line.length; i++) {
    const [x0, y0] = line[i] as SeedPoint;
    const [x1, y1] = line[i + 1] as SeedPoint;
    const n = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) / step));
    for (let k = 0; k < n; k++) dense.push([x0 + ((x1 - x0) * k) / n, y0 + ((y1 - y0) * k) / n]);
  }
  if (line.length) dense.push(line[line.length - 1] as SeedPoint);
  for (const [x, y] of dense) {
    const cell = pointCell(grid, x, y);
    if (cell >= 0 && ordered[ordered.length - 1] !== cell) ordered.push(cell);
  }
  const cells = new Set<number>(ordered);
  for (let i = 0; i + 1 < ordered.length; i++) {
    const a = ordered[i] as number;
    const b = ordered[i + 1] as number;
    const ra = Math.floor(a / grid.columns);
    const rb = Math.floor(b / grid.columns);
    const ca = a - ra * grid.columns;
    const cb = b - rb * grid.columns;
    if (ra !== rb && ca !== cb) cells.add(ra * grid.columns + cb);
  }
  for (const c of lineCells(grid, line)) cells.add(c);
  return [...cells];
}

function sourceCellsOf(project: Project, dem: Dem, sources: FloodSources, checkpoint: () => void): Set<number> {
  const grid = dem.grid;
  const cells = new Set<number>();
  const bbox = gridExtent(grid);
  const present = new Set(project.layers().map((l) => l.id));
  if (sources.water) {
    if (!present.has('zoning')) throw new PlanDeskError('INVALID_ARGUMENT', `${project.file} has no zoning layer: no river or canal zones to flood from`);
    const water = project.features('zoning', { bbox, where: [{ field: 'function_code', op: '=', value: 'MN' }] });
    if (water.length === 0) throw new PlanDeskError('INVALID_ARGUMENT', `${project.file} has no water zones (zoning function MN) on the DEM: choose other sources`);
    for (const f of water) for (const c of geometryCells(grid, f.geometry)) cells.add(c);
  }
  for (const layer of sources.layers ?? []) {
    if (!present.has(layer)) throw new PlanDeskError('UNKNOWN_LAYER', `${project.file} has no layer ${layer} to flood from`);
    for (const f of project.features(layer, { bbox })) for (const c of geometryCells(grid, f.geometry)) cells.add(c);
    checkpoint();
  }
  if (sources.edge) {
    const { columns, rows } = grid;
    for (let c = 0; c < columns; c++) {
      cells.add(c);
      cells.add((rows - 1) * columns + c);
    }
    for (let r = 0; r < rows; r++) {
      cells.add(r * columns);
      cells.add(r * columns + columns - 1);
    }
  }
  return cells;
}

function* depthRows(depth: Float32Array, grid: RasterGrid): Generator<Float32Array> {
  for (let r = 0; r < grid.rows; r++) {
    const row = depth.slice(r * grid.columns, (r + 1) * grid.columns);
    for (let c = 0; c < row.length; c++) if (!((row[c] as number) > 0)) row[c] = DEPTH_NODATA;
    yield row;
  }
}

/**
 * Inundation polygons: the flooded mask (1 where depth > 0, nodata elsewhere) through
 * gdal_polygonize.py with 8-connectedness (as the flood spreads), as GeoJSON in the grid's CRS.
 * Answers the number of polygons.
 */
export function polygonizeFlood(grid: RasterGrid, depth: Float32Array, out: string): number {
  rmSync(out, { force: true });
  const mask = `${out}.${process.pid}.mask.tif`;
  try {
    function* rows(): Generator<Float32Array> {
      for (let r = 0; r < grid.rows; r++) {
        const row = new Float32Array(grid.columns);
        for (let c = 0, i = r * grid.columns; c < grid.columns; c++, i++) row[c] = (depth[i] as number) > 0 ? 1 : 0;
        yield row;
      }
    }
    writeFloat32GeoTiff(mask, grid, rows(), { nodata: 0 });
    const result = spawnSync('gdal_polygonize.py', ['-q', '-8', mask, '-f', 'GeoJSON', out, 'flood', 'flooded'], { encoding: 'utf8' });
    if (result.error) throw new PlanDeskError('EXTERNAL_TOOL', `Cannot run gdal_polygonize.py: ${result.error.message} (install gdal-bin / python3-gdal)`);
    if (result.status !== 0) throw new PlanDeskError('EXTERNAL_TOOL', `gdal_polygonize.py failed: ${(result.stderr || result.stdout).trim().split('\n')[0]}`);
  } finally {
    rmSync(mask, { force: true });
    rmSync(`${mask}.aux.xml`, { force: true });
  }
  const collection = JSON.parse(readFileSync(out, 'utf8')) as { features?: unknown[] };
  return collection.features?.length ?? 0;
}

export async function runFloodScenario(project: Project, options: ScenarioOptions, hooks: ScenarioHooks = {}): Promise<FloodScenarioResult> {
  const progress = hooks.progress ?? (() => {});
  const checkpoint = hooks.checkpoint ?? (() => {});
  const level = resolveLevel(options, (key) => project.getMetadata(key), project.file);
  const { sources } = options;
  if (!sources.water && !sources.edge && !sources.layers?.length && !sources.points?.length) {
    throw new PlanDeskError('INVALID_ARGUMENT', 'Say where the water enters: river/canal zones, a layer, points or the DEM edge');
  }
  const demFile = options.dem ?? projectTerrain(project);
  const epsg = project.info().crsEpsg;
  progress(0.02, { vi: 'Đọc mô hình địa hình', en: 'Reading the terrain model' });
  const { dem, sourceEpsg, reprojected } = await readDemInCrs(demFile, epsg);
  checkpoint();
  const grid = dem.grid;

  let values = dem.values;
  let dikeCount = 0;
  if (options.dikes?.length) {
    values = Float32Array.from(values);
    for (const dike of options.dikes) {
      if (!Number.isFinite(dike.crestM)) throw new PlanDeskError('INVALID_ARGUMENT', `Dike crest must be metres, got ${dike.crestM}`);
      if (dike.line.length < 2) throw new PlanDeskError('INVALID_ARGUMENT', 'A dike line needs at least two points');
      for (const c of dikeCells(grid, dike.line)) {
        const e = values[c] as number;
        if (!Number.isNaN(e) && e < dike.crestM) values[c] = dike.crestM;
        dikeCount++;
      }
    }
  }

  progress(0.15, { vi: 'Xác định nguồn nước', en: 'Placing the water sources' });
  const cells = sourceCellsOf(project, dem, sources, checkpoint);
  const pointCells = seedCells(grid, sources.points ?? [], demFile);
  for (const c of pointCells) cells.add(c);
  const fl = Math.fround(level.level);
  let below = 0;
  for (const c of cells) if ((values[c] as number) < fl) below++;
  checkpoint();

  progress(0.25, { vi: 'Tính vùng ngập liên thông', en: 'Spreading the water (connected cells)' });
  const flood = inundate({ values, columns: grid.columns, rows: grid.rows, level: level.level, seeds: [...pointCells, ...cells] });
  checkpoint();

  const depth = flood.depth;
  let pondedCells: number | undefined;
  if (options.fill) {
    progress(0.4, { vi: 'Lấp trũng (Priority-Flood)', en: 'Filling depressions (Priority-Flood)' });
    const filled = priorityFlood(values, grid.columns, grid.rows, {
      onProgress: (f) => {
        checkpoint();
        progress(0.4 + 0.2 * f, { vi: 'Lấp trũng (Priority-Flood)', en: 'Filling depressions (Priority-Flood)' });
      },
    });
    pondedCells = 0;
    for (let i = 0; i < depth.length; i++) {
      if ((depth[i] as number) > 0) continue;
      const d = Math.fround((filled[i] as number) - (values[i] as number));
      if (d > 0) {
        depth[i] = d;
        pondedCells++;
      }
    }
  }
  checkpoint();

  progress(0.6, { vi: 'Ghi lớp độ sâu ngập', en: 'Writing the depth raster' });
  mkdirSync(dirname(resolve(options.out)), { recursive: true });
  writeFloat32GeoTiff(options.out, grid, depthRows(depth, grid), {
    nodata: DEPTH_NODATA,
    description: `PlanDesk flood depth (m), water level ${level.level} m`,
  });
  checkpoint();

  let arrivalRange: [number, number] | undefined;
  if (options.arrival) {
    progress(0.65, { vi: 'Tính cao độ ngập theo từng ô', en: 'Computing the level that reaches each cell' });
    const arrival = arrivalLevels(values, grid.columns, grid.rows, cells, { onProgress: () => checkpoint() });
    let lo = Infinity;
    let hi = -Infinity;
    for (const a of arrival) {
      if (a < lo) lo = a;
      if (a > hi) hi = a;
    }
    arrivalRange = lo <= hi ? [lo, hi] : [level.level, level.level];
    const nodata = DEPTH_NODATA;
    writeFloat32GeoTiff(options.arrival, grid, (function* () {
      for (let r = 0; r < grid.rows; r++) {
        const row = arrival.slice(r * grid.columns, (r + 1) * grid.columns);
        for (let c = 0; c < row.length; c++) if (Number.isNaN(row[c] as number)) row[c] = nodata;
        yield row;
      }
    })(), { nodata, description: 'PlanDesk flood arrival level (m): the lowest water level that reaches each cell from the sources' });
    checkpoint();
  }

  let polygonCount: number | undefined;
  if (options.polygons) {
    progress(0.7, { vi: 'Vẽ ranh vùng ngập', en: 'Tracing the inundation polygons' });
    polygonCount = polygonizeFlood(grid, depth, options.polygons);
    checkpoint();
  }

  let report: FloodReport | undefined;
  if (options.report || options.reportCsv) {
    report = floodReport({
      project,
      dem: { ...dem, values },
      depth,
      level: level.level,
      onLayer: (_layer, i, of) => {
        checkpoint();
        progress(0.8 + (0.19 * i) / of, { vi: 'Thống kê đối tượng bị ngập', en: 'Finding what is under water' });
      },
    });
    if (options.reportCsv) {
      mkdirSync(dirname(resolve(options.reportCsv)), { recursive: true });
      writeFileSync(options.reportCsv, floodReportCsv(report));
    }
  }
  const cellArea = grid.cellX * grid.cellY;
  return {
    dem: demFile,
    demEpsg: sourceEpsg,
    reprojected,
    out: options.out,
    epsg: grid.epsg,
    extent: gridExtent(grid),
    size: [grid.columns, grid.rows],
    level,
    floodedCells: flood.floodedCells,
    areaM2: flood.floodedCells * cellArea,
    maxDepthM: flood.maxDepth,
    meanDepthM: flood.meanDepth,
    sourceCells: cells.size,
    sourceCellsBelowLevel: below,
    seeds: (sources.points ?? []).map(([x, y], i) => {
      const s = flood.seeds[i];
      const e = s ? s.elevation : NaN;
      return { x, y, elevation: Number.isNaN(e) ? null : e, outcome: s?.outcome ?? 'nodata' };
    }),
    dikeCells: dikeCount,
    ...(pondedCells !== undefined ? { pondedCells, pondedAreaM2: pondedCells * cellArea } : {}),
    ...(options.polygons ? { polygons: options.polygons, polygonCount } : {}),
    ...(options.reportCsv ? { reportCsv: options.reportCsv } : {}),
    ...(report ? { report } : {}),
    ...(options.arrival && arrivalRange ? { arrival: options.arrival, arrivalRange } : {}),
  };
}
