/**
 * The 'flood' job: one scenario (scenario.ts) in a worker thread, with progress and cancel; its
 * files go beside the project, in `<project>.flood/<floodId>.*` (depth and arrival GeoTIFFs,
 * inundation polygons GeoJSON, report CSV), where the map's raster reads find them.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { PlanDeskError } from '../errors.js';
import type { JobDefinition } from '../jobs/definition.js';
import type { Project } from '../store/project.js';
import { newUuid } from '../util/uuid.js';
import { resolveLevel } from './design-flood.js';
import type { FloodReport } from './report.js';
import { runFloodScenario } from './scenario.js';
import type { FloodJobArgs, FloodJobResult, XY } from './types.js';

/** Rows per list in the job's answer; the CSV holds every row. */
export const REPORT_LIMIT = 2000;

export function floodDirectory(projectFile: string): string {
  return `${projectFile.replace(/(\.plandesk)?\.sqlite$/i, '')}.flood`;
}

export function floodFiles(projectFile: string, floodId: string) {
  const dir = floodDirectory(projectFile);
  return {
    depth: join(dir, `${floodId}.depth.tif`),
    arrival: join(dir, `${floodId}.arrival.tif`),
    polygons: join(dir, `${floodId}.flood.geojson`),
    csv: join(dir, `${floodId}.report.csv`),
  };
}

function fail(message: string): never {
  throw new PlanDeskError('INVALID_ARGUMENT', `flood job: ${message}`);
}

function num(v: unknown, name: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${name} must be a number, got ${JSON.stringify(v)}`);
  return v;
}

function xy(v: unknown, name: string): XY {
  if (!Array.isArray(v) || v.length !== 2 || !v.every((n) => typeof n === 'number' && Number.isFinite(n))) fail(`${name} must be [x, y], got ${JSON.stringify(v)}`);
  return [v[0] as number, v[1] as number];
}

export function checkFloodArgs(args: unknown, project: Project): FloodJobArgs {
  if (typeof args !== 'object' || args === null) fail('arguments are { level | returnPeriod, rise?, sources, dikes?, fill?, dem? }');
  const a = args as Record<string, unknown>;
  const known = new Set(['level', 'returnPeriod', 'rise', 'sources', 'dikes', 'fill', 'dem']);
  for (const k of Object.keys(a)) if (!known.has(k)) fail(`unknown argument ${JSON.stringify(k)}`);
  const level = num(a.level, 'level');
  const returnPeriod = num(a.returnPeriod, 'returnPeriod');
  const rise = num(a.rise, 'rise');
  // Checks the level now (a return period the project has no level for is a 400, not a failed job).
  resolveLevel({ level, returnPeriod, rise }, (k) => project.getMetadata(k), project.file);
  const s = a.sources;
  if (typeof s !== 'object' || s === null) fail('sources must be { water?, layers?, points?, edge? }');
  const src = s as Record<string, unknown>;
  for (const k of Object.keys(src)) if (!['water', 'layers', 'points', 'edge'].includes(k)) fail(`unknown source ${JSON.stringify(k)}`);
  if (src.layers !== undefined && (!Array.isArray(src.layers) || !src.layers.every((l) => typeof l === 'string'))) fail('sources.layers must be layer ids');
  if (src.points !== undefined && !Array.isArray(src.points)) fail('sources.points must be [[x, y], …]');
  const points = ((src.points as unknown[] | undefined) ?? []).map((p, i) => xy(p, `sources.points[${i}]`));
  const sources = {
    ...(src.water === true ? { water: true } : {}),
    ...(src.edge === true ? { edge: true } : {}),
    ...(Array.isArray(src.layers) && src.layers.length ? { layers: src.layers as FloodJobArgs['sources']['layers'] } : {}),
    ...(points.length ? { points } : {}),
  };
  if (!sources.water && !sources.edge && !sources.layers && !sources.points) fail('say where the water enters: sources.water, layers, points or edge');
  if (a.dikes !== undefined && !Array.isArray(a.dikes)) fail('dikes must be [{ line: [[x, y], …], crestM }]');
  const dikes = ((a.dikes as unknown[] | undefined) ?? []).map((d, i) => {
    const dike = (typeof d === 'object' && d !== null ? d : {}) as Record<string, unknown>;
    if (!Array.isArray(dike.line) || dike.line.length < 2) fail(`dikes[${i}].line needs at least two points`);
    const crestM = num(dike.crestM, `dikes[${i}].crestM`);
    if (crestM === undefined) fail(`dikes[${i}].crestM (crest elevation, m) is required`);
    return { line: dike.line.map((p, j) => xy(p, `dikes[${i}].line[${j}]`)), crestM };
  });
  if (a.fill !== undefined && typeof a.fill !== 'boolean') fail('fill must be true or false');
  if (a.dem !== undefined && typeof a.dem !== 'string') fail('dem must be a file path');
  return {
    ...(level !== undefined ? { level } : {}),
    ...(returnPeriod !== undefined ? { returnPeriod } : {}),
    ...(rise !== undefined ? { rise } : {}),
    sources,
    ...(dikes.length ? { dikes } : {}),
    ...(a.fill === true ? { fill: true } : {}),
    ...(typeof a.dem === 'string' ? { dem: a.dem } : {}),
  };
}

function capReport(report: FloodReport, limit: number): FloodReport {
  return {
    ...report,
    zones: report.zones.slice(0, limit),
    parcels: report.parcels.slice(0, limit),
    buildings: report.buildings.slice(0, limit),
    points: report.points.slice(0, limit),
    freeboard: report.freeboard.slice(0, limit),
  };
}

export const floodJob: JobDefinition<'flood'> = {
  writes: false,
  check: checkFloodArgs,
  // Its outputs go beside the project (floodFiles), never to a path the caller names.
  paths: (args) => ({ read: args.dem !== undefined ? [args.dem] : [], write: [] }),
  async run(args, context) {
    const floodId = newUuid();
    const files = floodFiles(context.project.file, floodId);
    try {
      const r = await runFloodScenario(
        context.project,
        {
          ...(args.level !== undefined ? { level: args.level } : {}),
          ...(args.returnPeriod !== undefined ? { returnPeriod: args.returnPeriod } : {}),
          ...(args.rise !== undefined ? { rise: args.rise } : {}),
          sources: args.sources,
          ...(args.dikes ? { dikes: args.dikes } : {}),
          ...(args.fill ? { fill: true } : {}),
          ...(args.dem ? { dem: args.dem } : {}),
          out: files.depth,
          arrival: files.arrival,
          polygons: files.polygons,
          reportCsv: files.csv,
          report: true,
        },
        { progress: (f, m) => context.progress(f, m), checkpoint: () => context.throwIfCancelled() },
      );
      context.progress(1, { vi: 'Xong', en: 'Done' });
      const report = r.report as FloodReport;
      return {
        floodId,
        depthFile: files.depth,
        polygonsFile: files.polygons,
        reportCsvFile: files.csv,
        epsg: r.epsg,
        extent: r.extent,
        size: r.size,
        demEpsg: r.demEpsg,
        reprojected: r.reprojected,
        level: r.level.level,
        baseLevel: r.level.baseLevel,
        rise: r.level.rise,
        ...(r.level.returnPeriod !== undefined ? { returnPeriod: r.level.returnPeriod } : {}),
        ...(r.level.urbanClass ? { urbanClass: r.level.urbanClass } : {}),
        ...(r.level.requiredReturnPeriod ? { requiredReturnPeriod: r.level.requiredReturnPeriod } : {}),
        floodedCells: r.floodedCells,
        areaM2: r.areaM2,
        maxDepthM: r.maxDepthM,
        meanDepthM: r.meanDepthM,
        sourceCells: r.sourceCells,
        sourceCellsBelowLevel: r.sourceCellsBelowLevel,
        ...(r.pondedCells !== undefined ? { pondedCells: r.pondedCells } : {}),
        polygonCount: r.polygonCount ?? 0,
        levelRange: r.arrivalRange ?? [r.level.level, r.level.level],
        report: capReport(report, REPORT_LIMIT),
        reportLimit: REPORT_LIMIT,
      } satisfies FloodJobResult;
    } catch (error) {
      // A cancelled or failed run leaves nothing behind.
      for (const f of Object.values(files)) rmSync(f, { force: true });
      throw error;
    }
  },
};
