/**
 * What the map reads of the rasters: the project's terrain drawn as hillshade × elevation
 * colours, a flood run's depth drawn with a depth ramp (at the run's level, or at any other level
 * from the run's arrival levels, so a slider re-draws without re-flooding), the values under the
 * pointer, and the run's inundation polygons. Rasters are read once and kept (the terrain, and
 * the last few runs).
 */
import { existsSync, readFileSync } from 'node:fs';
import { PlanDeskError } from '../errors.js';
import { gridExtent, type Dem } from '../raster/grid.js';
import { encodePng } from '../raster/png.js';
import { readDem } from '../raster/read-geotiff.js';
import type { Project } from '../store/project.js';
import { isUuid } from '../util/uuid.js';
import { floodFiles } from './job.js';
import { projectTerrain, readDemInCrs } from './scenario.js';
import type { RasterImage, RasterImageRequest, RasterValue } from './types.js';

const MAX_PIXELS = 4096;
const RUNS_KEPT = 4;

/** Elevation colours (m → RGB), a lowland palette: water-level greens to dry-ground browns. */
const TERRAIN_RAMP: readonly [number, number, number, number][] = [
  [0, 0x2e, 0x7d, 0x32],
  [0.25, 0x8b, 0xc3, 0x4a],
  [0.5, 0xe6, 0xd8, 0x6b],
  [0.75, 0xc8, 0x8a, 0x3c],
  [1, 0x8d, 0x5a, 0x2b],
];
/** Depth colours (m → RGBA). */
const DEPTH_RAMP: readonly [number, number, number, number, number][] = [
  [0, 0xb3, 0xe5, 0xfc, 150],
  [0.25, 0x4f, 0xc3, 0xf7, 185],
  [0.5, 0x1e, 0x88, 0xe5, 210],
  [1, 0x15, 0x65, 0xc0, 225],
  [2, 0x0d, 0x2b, 0x6b, 235],
];

function ramp<T extends readonly number[]>(stops: readonly T[], t: number): number[] {
  const first = stops[0] as T;
  if (t <= (first[0] as number)) return first.slice(1) as number[];
  for (let i = 1; i < stops.length; i++) {
    const b = stops[i] as T;
    if (t <= (b[0] as number)) {
      const a = stops[i - 1] as T;
      const f = (t - (a[0] as number)) / ((b[0] as number) - (a[0] as number));
      return a.slice(1).map((v, k) => v + f * ((b[k + 1] as number) - v));
    }
  }
  return (stops[stops.length - 1] as T).slice(1) as number[];
}

interface Run {
  readonly depth: Dem;
  readonly arrival: Dem;
}

function invalid(message: string): PlanDeskError {
  return new PlanDeskError('INVALID_ARGUMENT', message);
}

export class ProjectRasters {
  private terrainDem?: Promise<{ dem: Dem; min: number; max: number }>;
  private readonly runs = new Map<string, Promise<Run>>();

  constructor(private readonly project: Project) {}

  private terrain(): Promise<{ dem: Dem; min: number; max: number }> {
    this.terrainDem ??= (async () => {
      const { dem } = await readDemInCrs(projectTerrain(this.project), this.project.info().crsEpsg);
      let min = Infinity;
      let max = -Infinity;
      for (const v of dem.values) {
        if (v < min) min = v;
        if (v > max) max = v;
      }
      return { dem, min, max };
    })();
    this.terrainDem.catch(() => (this.terrainDem = undefined));
    return this.terrainDem;
  }

  private run(floodId: unknown): Promise<Run> {
    if (typeof floodId !== 'string' || !isUuid(floodId)) throw invalid(`floodId must be the floodId of a flood job's result, got ${JSON.stringify(floodId)}`);
    let run = this.runs.get(floodId);
    if (!run) {
      const files = floodFiles(this.project.file, floodId);
      if (!existsSync(files.depth) || !existsSync(files.arrival)) throw new PlanDeskError('UNKNOWN_JOB', `No flood run ${floodId} beside ${this.project.file}`);
      run = (async () => ({ depth: await readDem(files.depth), arrival: await readDem(files.arrival) }))();
      run.catch(() => this.runs.delete(floodId));
      this.runs.set(floodId, run);
      while (this.runs.size > RUNS_KEPT) this.runs.delete(this.runs.keys().next().value as string);
    }
    return run;
  }

  private checkLevel(level: unknown): number | undefined {
    if (level === undefined || level === null) return undefined;
    if (typeof level !== 'number' || !Number.isFinite(level) || Math.abs(level) > 10000) throw invalid(`level must be metres, got ${JSON.stringify(level)}`);
    return level;
  }

  async image(request: RasterImageRequest): Promise<RasterImage> {
    if (typeof request !== 'object' || request === null) throw invalid('a raster image request is { source, bbox, width, height, floodId?, level? }');
    const { source, bbox, width, height } = request;
    if (source !== 'terrain' && source !== 'flood') throw invalid(`source must be 'terrain' or 'flood', got ${JSON.stringify(source)}`);
    if (!Array.isArray(bbox) || bbox.length !== 4 || !bbox.every((v) => typeof v === 'number' && Number.isFinite(v)) || !(bbox[0] < bbox[2] && bbox[1] < bbox[3])) {
      throw invalid(`bbox must be [minx, miny, maxx, maxy] with min < max, got ${JSON.stringify(bbox)}`);
    }
    for (const [name, v] of [['width', width], ['height', height]] as const) {
      if (!Number.isInteger(v) || v < 1 || v > MAX_PIXELS) throw invalid(`${name} must be an integer from 1 to ${MAX_PIXELS}, got ${JSON.stringify(v)}`);
    }
    const level = this.checkLevel(request.level);
    const [minx, miny, maxx, maxy] = bbox as [number, number, number, number];
    const terrain = await this.terrain();
    const run = source === 'flood' ? await this.run(request.floodId) : undefined;
    const grid = (run ? run.depth : terrain.dem).grid;
    const dem = terrain.dem;
    const sameGrid = dem.grid.columns === grid.columns && dem.grid.rows === grid.rows && dem.grid.originX === grid.originX && dem.grid.originY === grid.originY;
    const elevations = run ? (sameGrid ? dem.values : undefined) : dem.values;
    const rgba = new Uint8Array(width * height * 4);
    const px = (maxx - minx) / width;
    const py = (maxy - miny) / height;
    const lv = level !== undefined ? Math.fround(level) : NaN;
    const cols = grid.columns;
    let minV = Infinity;
    let maxV = -Infinity;
    for (let j = 0; j < height; j++) {
      const row = Math.floor((grid.originY - (maxy - (j + 0.5) * py)) / grid.cellY);
      if (row < 0 || row >= grid.rows) continue;
      for (let i = 0; i < width; i++) {
        const col = Math.floor((minx + (i + 0.5) * px - grid.originX) / grid.cellX);
        if (col < 0 || col >= cols) continue;
        const cell = row * cols + col;
        const o = (j * width + i) * 4;
        if (run) {
          let d: number;
          if (level === undefined) d = run.depth.values[cell] as number;
          else {
            const a = run.arrival.values[cell] as number;
            const e = elevations ? (elevations[cell] as number) : NaN;
            d = a < lv && !Number.isNaN(e) ? Math.fround(lv - e) : NaN;
          }
          if (!(d > 0)) continue;
          if (d < minV) minV = d;
          if (d > maxV) maxV = d;
          const [r, g, b, alpha] = ramp(DEPTH_RAMP, d) as [number, number, number, number];
          rgba[o] = r;
          rgba[o + 1] = g;
          rgba[o + 2] = b;
          rgba[o + 3] = alpha;
        } else {
          const e = dem.values[cell] as number;
          if (Number.isNaN(e)) continue;
          // Horn's slope and aspect on the cell's 3×3 window (edges clamped), sun from the north-west at 45°.
          const at = (r: number, c: number) => {
            const rr = Math.min(grid.rows - 1, Math.max(0, r));
            const cc = Math.min(cols - 1, Math.max(0, c));
            const v = dem.values[rr * cols + cc] as number;
            return Number.isNaN(v) ? e : v;
          };
          const z = 3; // vertical exaggeration: the delta is flat
          const dzdx = ((at(row - 1, col + 1) + 2 * at(row, col + 1) + at(row + 1, col + 1)) - (at(row - 1, col - 1) + 2 * at(row, col - 1) + at(row + 1, col - 1))) / (8 * grid.cellX);
          const dzdy = ((at(row + 1, col - 1) + 2 * at(row + 1, col) + at(row + 1, col + 1)) - (at(row - 1, col - 1) + 2 * at(row - 1, col) + at(row - 1, col + 1))) / (8 * grid.cellY);
          const slope = Math.atan(z * Math.hypot(dzdx, dzdy));
          const aspect = Math.atan2(dzdy, -dzdx);
          const zenith = Math.PI / 4;
          const azimuth = ((360 - 315 + 90) % 360) * (Math.PI / 180);
          const shade = Math.max(0, Math.cos(zenith) * Math.cos(slope) + Math.sin(zenith) * Math.sin(slope) * Math.cos(azimuth - aspect));
          const t = terrain.max > terrain.min ? (e - terrain.min) / (terrain.max - terrain.min) : 0.5;
          const [r, g, b] = ramp(TERRAIN_RAMP, t) as [number, number, number];
          const k = 0.55 + 0.45 * shade;
          rgba[o] = r * k;
          rgba[o + 1] = g * k;
          rgba[o + 2] = b * k;
          rgba[o + 3] = 255;
        }
      }
    }
    let floodedAreaM2: number | undefined;
    if (run) {
      let n = 0;
      if (level === undefined) {
        for (const d of run.depth.values) if (d > 0) n++;
      } else {
        for (const a of run.arrival.values) if (a < lv) n++;
      }
      floodedAreaM2 = n * grid.cellX * grid.cellY;
    }
    const png = encodePng(width, height, rgba).toString('base64');
    return {
      png: `data:image/png;base64,${png}`,
      bbox: [minx, miny, maxx, maxy],
      width,
      height,
      min: run ? (minV <= maxV ? minV : 0) : terrain.min,
      max: run ? (minV <= maxV ? maxV : 0) : terrain.max,
      ...(run && level !== undefined ? { level } : {}),
      ...(floodedAreaM2 !== undefined ? { floodedAreaM2 } : {}),
    };
  }

  async value(x: number, y: number, floodId?: string, level?: number): Promise<RasterValue> {
    if (typeof x !== 'number' || !Number.isFinite(x) || typeof y !== 'number' || !Number.isFinite(y)) throw invalid(`x and y must be numbers, got ${JSON.stringify([x, y])}`);
    const lv = this.checkLevel(level);
    const { dem } = await this.terrain();
    const g = dem.grid;
    const [minx, miny, maxx, maxy] = gridExtent(g);
    const inside = x >= minx && x < maxx && y > miny && y <= maxy;
    const cell = inside ? Math.floor((g.originY - y) / g.cellY) * g.columns + Math.floor((x - g.originX) / g.cellX) : -1;
    const e = cell >= 0 ? (dem.values[cell] as number) : NaN;
    let depth: number | null = null;
    if (floodId !== undefined && floodId !== null && cell >= 0) {
      const run = await this.run(floodId);
      if (lv === undefined) {
        const d = run.depth.values[cell] as number;
        depth = d > 0 ? d : null;
      } else {
        const a = run.arrival.values[cell] as number;
        depth = a < Math.fround(lv) && !Number.isNaN(e) ? Math.fround(lv - e) : null;
      }
    }
    return { x, y, elevation: Number.isNaN(e) ? null : e, depth };
  }

  async polygons(floodId: string): Promise<{ readonly type: 'FeatureCollection'; readonly features: unknown[] }> {
    await this.run(floodId);
    const file = floodFiles(this.project.file, floodId).polygons;
    if (!existsSync(file)) throw new PlanDeskError('UNKNOWN_JOB', `No inundation polygons for flood run ${floodId}`);
    const json = JSON.parse(readFileSync(file, 'utf8')) as { features?: unknown[] };
    return { type: 'FeatureCollection', features: json.features ?? [] };
  }
}
