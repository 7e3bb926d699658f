/**
 * The 'import' and 'export' jobs: gis-core/io in a worker thread with progress and cancel
 * (a cancelled import kills GDAL and writes nothing: the batch is only applied at the end).
 * `file` / `out` are paths on the machine running the core; both are declared in `paths` so
 * serve mode can keep browser clients inside its staging folder (gis-core/server/files.ts).
 * An export without `out` writes into the job's own folder.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobArgsByKind } from '../api/contract.js';
import { isLayerId } from '../../layers/index.js';
import type { LayerId } from '../../layers/types.js';
import { PlanDeskError } from '../errors.js';
import type { JobDefinition } from '../jobs/definition.js';
import { EXPORT_EXTENSIONS, EXPORT_FORMATS, exportLayer, type ExportFormat } from './export.js';
import { importFile, type ImportOptions } from './import.js';
import type { PlanningExportJobArgs } from './job-types.js';
import { PLANNING_EXPORT_FORMAT, exportPlanningDatabase, planningMappingOf } from './planning-export.js';
import { TEXT_ENCODINGS } from './vn-text.js';

function fail(kind: string, message: string): never {
  throw new PlanDeskError('INVALID_ARGUMENT', `${kind} job: ${message}`);
}

function record(args: unknown): Record<string, unknown> {
  return typeof args === 'object' && args !== null ? (args as Record<string, unknown>) : {};
}

const optionalString = (kind: string, a: Record<string, unknown>, key: string): string | undefined => {
  const v = a[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v === '') fail(kind, `${key} must be a non-empty string`);
  return v;
};

export const importJob: JobDefinition<'import'> = {
  writes: true,
  check(args, project) {
    const a = record(args);
    const file = optionalString('import', a, 'file') ?? fail('import', 'file (a path on the machine running PlanDesk) is required');
    if (!isLayerId(a.layer)) fail('import', `layer must be a layer id, got ${JSON.stringify(a.layer)}`);
    project.layer(a.layer);
    const encoding = a.encoding ?? 'auto';
    if (typeof encoding !== 'string' || !['auto', ...TEXT_ENCODINGS].includes(encoding)) fail('import', `encoding must be auto, ${TEXT_ENCODINGS.join(', ')}`);
    if (a.srcCrs !== undefined && (typeof a.srcCrs !== 'number' || !Number.isInteger(a.srcCrs))) fail('import', 'srcCrs must be an EPSG number');
    if (a.multi !== undefined && a.multi !== 'split' && a.multi !== 'refuse') fail('import', 'multi must be split or refuse');
    if (a.mapping !== undefined && (typeof a.mapping !== 'object' || a.mapping === null)) fail('import', 'mapping must be an object');
    const sourceLayer = optionalString('import', a, 'sourceLayer');
    return {
      file,
      layer: a.layer,
      encoding: encoding as JobArgsByKind['import']['encoding'] & string,
      ...(sourceLayer ? { sourceLayer } : {}),
      ...(typeof a.srcCrs === 'number' ? { srcCrs: a.srcCrs } : {}),
      ...(a.multi ? { multi: a.multi as 'split' | 'refuse' } : {}),
      ...(a.mapping ? { mapping: a.mapping as Record<string, string | null> } : {}),
      ...(a.fieldEncodings && typeof a.fieldEncodings === 'object' ? { fieldEncodings: a.fieldEncodings as ImportOptions['fieldEncodings'] & object } : {}),
      ...(a.upperCaseFont === true ? { upperCaseFont: true } : {}),
      ...(a.makeValid === true ? { makeValid: true } : {}),
      ...(a.skipInvalid === true ? { skipInvalid: true } : {}),
    };
  },
  paths: (args) => ({ read: [args.file], write: [] }),
  async run(args, context) {
    const weights = { inspect: [0, 0.05], read: [0.05, 0.8], write: [0.85, 0.15] } as const;
    const words = { inspect: { vi: 'Đọc nguồn', en: 'Inspecting' }, read: { vi: 'Đọc đối tượng', en: 'Reading features' }, write: { vi: 'Ghi vào dự án', en: 'Writing' } };
    return importFile(context.project, args.file, {
      ...args,
      signal: context.signal,
      onProgress: (phase, done, total) => {
        const [start, span] = weights[phase];
        context.progress(Math.min(1, start + span * (total > 0 ? done / total : 0)), words[phase]);
      },
    });
  },
};

/** `overwrite`: only with an `out` (the desktop app's save dialog asked the user). */
function overwriteArg(kind: 'export', a: Record<string, unknown>): boolean {
  if (a.overwrite === undefined) return false;
  if (typeof a.overwrite !== 'boolean') fail(kind, 'overwrite must be true or false');
  if (a.overwrite && a.out === undefined) fail(kind, 'overwrite needs an out path');
  return a.overwrite;
}

/** The 'planning-gpkg' export's arguments (Circular 16/2025 planning database, io/planning-export.ts). */
function checkPlanningExport(a: Record<string, unknown>, project: Parameters<JobDefinition<'export'>['check']>[1]): PlanningExportJobArgs {
  const kind = 'export';
  if (a.layers !== undefined && (!Array.isArray(a.layers) || a.layers.length === 0 || !a.layers.every(isLayerId))) fail(kind, 'layers must be a non-empty list of layer ids');
  const layers = a.layers as LayerId[] | undefined;
  for (const layer of layers ?? []) {
    project.layer(layer);
    planningMappingOf(layer);
  }
  const out = optionalString(kind, a, 'out');
  const maThongTinQH = optionalString(kind, a, 'maThongTinQH');
  const maHoSoQH = optionalString(kind, a, 'maHoSoQH');
  for (const [key, value] of [['maThongTinQH', maThongTinQH], ['maHoSoQH', maHoSoQH]] as const) {
    if (value !== undefined && value.length > 15) fail(kind, `${key} must be at most 15 characters (Circular 16/2025 Appendix II)`);
  }
  if (a.crs !== undefined && (typeof a.crs !== 'number' || !Number.isInteger(a.crs))) fail(kind, 'crs must be an EPSG number');
  return {
    format: PLANNING_EXPORT_FORMAT,
    ...(out !== undefined ? { out } : {}),
    ...(overwriteArg(kind, a) ? { overwrite: true } : {}),
    ...(layers ? { layers } : {}),
    ...(maThongTinQH !== undefined ? { maThongTinQH } : {}),
    ...(maHoSoQH !== undefined ? { maHoSoQH } : {}),
    ...(typeof a.crs === 'number' ? { crs: a.crs } : {}),
  };
}

export const exportJob: JobDefinition<'export'> = {
  writes: false,
  check(args, project) {
    const a = record(args);
    if (a.format === PLANNING_EXPORT_FORMAT) return checkPlanningExport(a, project);
    if (!isLayerId(a.layer)) fail('export', `layer must be a layer id, got ${JSON.stringify(a.layer)}`);
    project.layer(a.layer);
    if (!EXPORT_FORMATS.includes(a.format as ExportFormat)) fail('export', `format must be one of ${[...EXPORT_FORMATS, PLANNING_EXPORT_FORMAT].join(', ')}`);
    const out = optionalString('export', a, 'out');
    if (a.uuids !== undefined && (!Array.isArray(a.uuids) || a.uuids.some((u) => typeof u !== 'string'))) fail('export', 'uuids must be a list of uuids');
    if (a.crs !== undefined && (typeof a.crs !== 'number' || !Number.isInteger(a.crs))) fail('export', 'crs must be an EPSG number');
    return {
      layer: a.layer,
      format: a.format as ExportFormat,
      ...(out !== undefined ? { out } : {}),
      ...(overwriteArg('export', a) ? { overwrite: true } : {}),
      ...(a.uuids ? { uuids: a.uuids as string[] } : {}),
      ...(typeof a.crs === 'number' ? { crs: a.crs } : {}),
      // Over HTTP a job never replaces an existing file (the serve policy refuses it, file-policy.ts).
    };
  },
  paths: (args) => ({ read: [], write: args.out !== undefined ? [args.out] : [] }),
  async run(args, context) {
    context.progress(0, { vi: 'Đang xuất', en: 'Exporting' });
    if (args.format === PLANNING_EXPORT_FORMAT) {
      const out = args.out ?? join(context.ensureWorkDir?.() ?? mkdtempSync(join(tmpdir(), 'plandesk-export-job-')), 'QuyHoach.gpkg');
      return exportPlanningDatabase(context.project, {
        ...args,
        out,
        signal: context.signal,
        onProgress: (done, total) => context.progress(done / total, { vi: 'Đang xuất CSDL quy hoạch', en: 'Exporting the planning database' }),
      });
    }
    const dir = args.out === undefined ? (context.ensureWorkDir?.() ?? mkdtempSync(join(tmpdir(), 'plandesk-export-job-'))) : '';
    const out = args.out ?? join(dir, `${args.layer}.${EXPORT_EXTENSIONS[args.format]}`);
    const result = await exportLayer(context.project, { ...args, out, signal: context.signal });
    context.progress(1);
    return result;
  },
};
