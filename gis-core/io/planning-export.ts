/**
 * The planning database of Circular 16/2025/TT-BXD Appendix II (`--format planning-gpkg`): every
 * mapped PlanDesk layer (or a chosen few) converted into the appendix's deliverable layers —
 * `*_A` polygons, `*_L` lines, `*_P` points — in ONE GeoPackage, with the appendix's six common
 * fields and PlanDesk's thematic fields (code lists as codes). The names and the mapping are
 * data: layers/standards/circular16-2025.ts.
 *
 * Each deliverable is written as a CSV with a .csvt (so the GeoPackage gets the appendix's text
 * widths, TEXT(15) etc., without GDAL cutting a longer value: OGR SQL's CAST would cut UTF-8
 * bytes) and converted by ogr2ogr into a hidden file next to `out`, renamed into place only when
 * every layer is written: a failure or a cancel leaves no half-written database.
 *
 * maDoiTuong follows `<maHoSoQH>-<layer>-<n>` (n counts from 1 in each deliverable layer, as its
 * GeoPackage fid), the pattern a published checker of the appendix applies; without a maHoSoQH
 * it is `<layer>-<n>`.
 */
import { appendFileSync, existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { getLayer } from '../../layers/index.js';
import {
  COMMON_FIELDS,
  LAYER_MAPPINGS,
  SUFFIX_GEOMETRY,
  UUID_FIELD,
  deliverableFor,
  deliverableLayer,
  deliverablesOf,
  suffixOf,
  type LayerMapping,
  type Provenance,
} from '../../layers/standards/circular16-2025.js';
import type { FieldDefinition, LayerDefinition, LayerId } from '../../layers/types.js';
import { getCrs } from '../crs/registry.js';
import { PlanDeskError } from '../errors.js';
import { geometryToWkt } from '../geometry/wkt.js';
import type { Project } from '../store/project.js';
import type { StoredFeature } from '../store/types.js';
import { runTool } from './ogr.js';

export const PLANNING_EXPORT_FORMAT = 'planning-gpkg';
export type PlanningExportFormat = typeof PLANNING_EXPORT_FORMAT;

/** The most characters the appendix allows in maThongTinQH and maHoSoQH. */
const CODE_WIDTH = 15;

export interface PlanningExportOptions {
  readonly out: string;
  /** Only these PlanDesk layers; every mapped layer by default. */
  readonly layers?: readonly LayerId[];
  /** Mã thông tin quy hoạch, for features without their own (zoning and red lines carry `plan_code`). */
  readonly maThongTinQH?: string;
  /** Mã hồ sơ quy hoạch of the scheme. */
  readonly maHoSoQH?: string;
  /** EPSG of the output; the project's by default. */
  readonly crs?: number;
  readonly signal?: AbortSignal;
  /** Replace an existing output file. */
  readonly overwrite?: boolean;
  /** Called after each deliverable layer is written. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface PlanningLayerResult {
  /** The deliverable layer, e.g. ChiGioiDuongDo_L. */
  readonly name: string;
  readonly alias: string;
  /** The PlanDesk layer it was made from. */
  readonly from: LayerId;
  readonly geometryType: 'Polygon' | 'LineString' | 'Point';
  readonly features: number;
  /** Whether the layer name is the appendix's ('circular') or PlanDesk's own by analogy. */
  readonly provenance: Provenance;
}

export interface PlanningExportResult {
  readonly out: string;
  readonly format: PlanningExportFormat;
  /** Features written, all layers together. */
  readonly features: number;
  readonly crs: number;
  /** The deliverable layers written (empty ones are left out). */
  readonly layers: readonly PlanningLayerResult[];
  /** What a reviewer will flag: missing codes, values longer than the appendix's widths. */
  readonly warnings: readonly string[];
}

/** The mapping of a PlanDesk layer; throws for a layer the table does not map. */
export function planningMappingOf(layer: LayerId): LayerMapping {
  const mapping = LAYER_MAPPINGS.find((m) => m.layer === layer);
  if (!mapping) throw new PlanDeskError('INVALID_ARGUMENT', `Layer ${layer} has no Circular 16/2025 deliverable`);
  return mapping;
}

interface Column {
  readonly name: string;
  /** CSVT type: String(n), Integer, Real, Integer(Boolean), Date. */
  readonly csvt: string;
  readonly value: (feature: StoredFeature, seq: number) => unknown;
  /** Text width the appendix sets (only its six fields). */
  readonly width?: number;
}

function csvtOf(field: FieldDefinition): string {
  switch (field.type) {
    case 'integer':
      return 'Integer';
    case 'real':
      return 'Real';
    case 'boolean':
      return 'Integer(Boolean)';
    case 'date':
      return 'Date';
    case 'text':
      return `String(${field.maxLength ?? 254})`;
  }
}

function columnsOf(mapping: LayerMapping, layer: LayerDefinition, deliverable: string, options: PlanningExportOptions): Column[] {
  const text = (key: string | undefined) => (f: StoredFeature) => (key ? (f.properties[key] ?? null) : null);
  const label = (key: string) => (f: StoredFeature) => {
    const code = f.properties[key];
    return layer.fields.find((x) => x.key === key)?.codeList?.entries.find((e) => e.code === code)?.label.vi ?? (code ?? null);
  };
  const common: Record<string, Column['value']> = {
    maThongTinQH: (f) => (mapping.maThongTinQH ? f.properties[mapping.maThongTinQH] : null) || (options.maThongTinQH ?? null),
    maHoSoQH: () => options.maHoSoQH ?? null,
    maDoiTuong: (_f, seq) => (options.maHoSoQH ? `${options.maHoSoQH}-${deliverable}-${seq}` : `${deliverable}-${seq}`),
    tenDoiTuong: text(mapping.tenDoiTuong),
    phanLoai: mapping.phanLoai ? label(mapping.phanLoai) : () => layer.label.vi,
    ghiChu: text(mapping.ghiChu),
  };
  return [
    ...COMMON_FIELDS.map((c) => ({ name: c.name, csvt: `String(${c.width})`, width: c.width, value: common[c.name]! })),
    ...mapping.fields.map((t) => {
      const field = layer.fields.find((x) => x.key === t.from);
      if (!field) throw new Error(`Circular 16/2025 table: layer ${layer.id} has no field ${t.from}`);
      return { name: t.name, csvt: csvtOf(field), value: (f: StoredFeature) => f.properties[t.from] ?? null };
    }),
    { name: UUID_FIELD, csvt: 'String(36)', value: (f: StoredFeature) => f.uuid },
  ];
}

/** One CSV cell: text quoted (quotes doubled), numbers as JavaScript prints them, NULL empty. */
function cell(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? '1' : '0';
  return `"${String(value).replace(/"/g, '""')}"`;
}

/** A deliverable being written: its CSV file, buffered lines and counters. */
interface Sheet {
  readonly name: string;
  readonly from: LayerId;
  readonly columns: Column[];
  readonly csv: string;
  lines: string[];
  count: number;
  /** Column → how many values were longer than its width. */
  readonly tooLong: Map<string, number>;
}

function flush(sheet: Sheet): void {
  if (sheet.lines.length === 0) return;
  appendFileSync(sheet.csv, `${sheet.lines.join('\n')}\n`);
  sheet.lines = [];
}

function checkCode(name: string, value: string | undefined): void {
  if (value === undefined) return;
  if (value.trim() === '' || value.length > CODE_WIDTH) {
    throw new PlanDeskError('INVALID_ARGUMENT', `${name} must be 1 to ${CODE_WIDTH} characters (Circular 16/2025 Appendix II), got "${value}"`);
  }
}

export async function exportPlanningDatabase(project: Project, options: PlanningExportOptions): Promise<PlanningExportResult> {
  checkCode('maThongTinQH', options.maThongTinQH);
  checkCode('maHoSoQH', options.maHoSoQH);
  const mappings = options.layers ? options.layers.map(planningMappingOf) : LAYER_MAPPINGS;
  for (const m of mappings) project.layer(m.layer);
  if (existsSync(options.out) && !options.overwrite) throw new PlanDeskError('FILE_EXISTS', `${options.out} exists (overwrite it explicitly)`);
  const info = project.info();
  const source = getCrs(info.crsEpsg);
  const target = getCrs(options.crs ?? info.crsEpsg);

  const dir = mkdtempSync(join(tmpdir(), 'plandesk-planning-'));
  const partial = join(dirname(options.out), `.${basename(options.out)}.partial-${process.pid}.gpkg`);
  try {
    // 1. Every feature into the CSV of its deliverable layer.
    const sheets = new Map<string, Sheet>();
    for (const mapping of mappings) {
      const layer = getLayer(mapping.layer);
      for (const name of deliverablesOf(mapping)) {
        if (sheets.has(name)) throw new Error(`Circular 16/2025 table: ${name} is fed by two PlanDesk layers`);
        const columns = columnsOf(mapping, layer, name, options);
        const csv = join(dir, `${name}.csv`);
        writeFileSync(csv, `WKT,${columns.map((c) => c.name).join(',')}\n`);
        writeFileSync(join(dir, `${name}.csvt`), `"WKT",${columns.map((c) => `"${c.csvt}"`).join(',')}\n`);
        sheets.set(name, { name, from: mapping.layer, columns, csv, lines: [], count: 0, tooLong: new Map() });
      }
      for (const feature of project.iterateFeatures(mapping.layer)) {
        if (options.signal?.aborted) throw new PlanDeskError('CANCELLED', 'The export was cancelled');
        const sheet = sheets.get(deliverableFor(mapping, feature.properties))!;
        const seq = ++sheet.count;
        const values = sheet.columns.map((c) => {
          const value = c.value(feature, seq);
          if (c.width !== undefined && typeof value === 'string' && [...value].length > c.width) sheet.tooLong.set(c.name, (sheet.tooLong.get(c.name) ?? 0) + 1);
          return cell(value);
        });
        sheet.lines.push(`"${geometryToWkt(feature.geometry)}",${values.join(',')}`);
        if (sheet.lines.length >= 5000) flush(sheet);
      }
    }

    // 2. Each non-empty CSV into the GeoPackage.
    const written = [...sheets.values()].filter((s) => s.count > 0);
    if (written.length === 0) throw new PlanDeskError('INVALID_ARGUMENT', `Nothing to export: ${mappings.map((m) => m.layer).join(', ')} ${mappings.length === 1 ? 'is' : 'are'} empty`);
    rmSync(partial, { force: true });
    const layers: PlanningLayerResult[] = [];
    const warnings: string[] = [];
    for (const [i, sheet] of written.entries()) {
      flush(sheet);
      const deliverable = deliverableLayer(sheet.name);
      const geometryType = SUFFIX_GEOMETRY[suffixOf(sheet.name)];
      const args = [
        '-f', 'GPKG', ...(i > 0 ? ['-update'] : []), partial, sheet.csv,
        '-nln', sheet.name, '-nlt', geometryType.toUpperCase(),
        '-oo', 'KEEP_GEOM_COLUMNS=NO', '-oo', 'EMPTY_STRING_AS_NULL=YES',
        '-lco', 'GEOMETRY_NAME=geom', '-lco', `IDENTIFIER=${sheet.name}`,
        '-lco', `DESCRIPTION=${deliverable.alias} — Thông tư 16/2025/TT-BXD, Phụ lục II (${deliverable.dataset})`,
        '-s_srs', source.proj4,
      ];
      if (target.epsg !== source.epsg) args.push('-t_srs', target.proj4);
      else args.push('-a_srs', source.proj4);
      await runTool('ogr2ogr', args, options.signal ? { signal: options.signal } : {});
      layers.push({ name: sheet.name, alias: deliverable.alias, from: sheet.from, geometryType, features: sheet.count, provenance: deliverable.provenance });
      for (const [column, n] of sheet.tooLong) {
        const width = COMMON_FIELDS.find((c) => c.name === column)?.width;
        warnings.push(`${sheet.name}.${column}: ${n} value(s) longer than the ${width} characters the appendix allows`);
      }
      options.onProgress?.(i + 1, written.length);
    }
    if (!options.maThongTinQH) warnings.push('maThongTinQH not given: only features with their own plan_code have one (the appendix requires it on every feature)');
    if (!options.maHoSoQH) warnings.push('maHoSoQH not given: the column is empty (the appendix requires it on every feature)');
    if (options.signal?.aborted) throw new PlanDeskError('CANCELLED', 'The export was cancelled');
    if (existsSync(options.out)) rmSync(options.out, { force: true });
    renameSync(partial, options.out);
    return { out: options.out, format: PLANNING_EXPORT_FORMAT, features: layers.reduce((n, l) => n + l.features, 0), crs: target.epsg, layers, warnings };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(partial, { force: true });
  }
}
