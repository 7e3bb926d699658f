/**
 * `plandesk import` and `plandesk export`: GDAL import into one layer as one undoable edit
 * batch, and export of a layer (or some features) to GeoPackage, Shapefile, GeoJSON, KML,
 * DXF or CSV, or of the Circular 16/2025 planning database (planning-gpkg). See gis-core/io/.
 */
import { CommanderError, type Command } from 'commander';
import { readFileSync } from 'node:fs';
import { isLayerId } from '../../../layers/index.js';
import type { LayerId } from '../../../layers/types.js';
import { parseCrsCode } from '../../crs/registry.js';
import { PlanDeskError } from '../../errors.js';
import { EXPORT_FORMATS, exportLayer, type ExportFormat } from '../../io/export.js';
import { PLANNING_EXPORT_FORMAT, exportPlanningDatabase } from '../../io/planning-export.js';
import { importFile, inspectSource, type EncodingChoice, type FieldMapping, type ImportResult, type InspectResult } from '../../io/import.js';
import { Project } from '../../store/project.js';

const ENCODINGS = ['auto', 'utf8', 'cp1258', 'tcvn3', 'vni'];

function readMapping(path: string): FieldMapping {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new PlanDeskError('FILE_NOT_FOUND', `Cannot read the mapping ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return JSON.parse(text) as FieldMapping;
  } catch {
    throw new PlanDeskError('INVALID_ARGUMENT', `${path} is not JSON (write {"source field": "layer field" | null, …})`);
  }
}

function formatInspect(result: InspectResult): string {
  const lines: string[] = [];
  for (const layer of result.layers) {
    lines.push(`Lớp nguồn / source layer "${layer.name}": ${layer.featureCount} features, ${layer.geometryType}${layer.hasZ ? ' (3D)' : ''}`);
    lines.push(`  CRS: ${layer.crs.epsg ? `EPSG:${layer.crs.epsg}` : layer.crs.status} — ${layer.crs.note}`);
    for (const s of layer.crsSuggestions) lines.push(`    suggested EPSG:${s.epsg}: ${s.reason}`);
    for (const field of layer.fields) {
      const guess = layer.encodings[field.name];
      const enc = field.type === 'String' && guess && !guess.ascii ? ` [${guess.encoding}]` : '';
      const sample = layer.samples.map((s) => s[field.name]).find((v) => v !== null && v !== undefined && v !== '');
      lines.push(`  ${field.name} (${field.type})${enc}${sample !== undefined ? `: ${JSON.stringify(sample)}` : ''}`);
    }
  }
  return lines.join('\n');
}

function formatImport(result: ImportResult): string {
  const lines = [
    result.batchId !== null
      ? `Đã nhập / imported ${result.imported} features into ${result.layer} from "${result.sourceLayer}" (${result.sourceRows} rows) — edit batch #${result.batchId} (undo: plandesk undo)`
      : `Không nhập / nothing imported: ${result.rejected.length} of ${result.sourceRows} rows cannot be imported (--skip-invalid imports the others)`,
    `  CRS: ${result.crs.note}`,
    `  mapping: ${Object.entries(result.mapping).map(([k, v]) => `${k}→${v ?? '(extra)'}`).join(', ')}`,
  ];
  const encoded = Object.entries(result.encodings).filter(([, e]) => e !== 'utf8');
  if (encoded.length) lines.push(`  text: ${encoded.map(([k, e]) => `${k}=${e}`).join(', ')}`);
  for (const r of result.rejected.slice(0, 50)) lines.push(`  row ${r.row}: ${r.reason}`);
  if (result.rejected.length > 50) lines.push(`  … and ${result.rejected.length - 50} more rows`);
  return lines.join('\n');
}

interface ImportCliOptions {
  layer: string;
  srcCrs?: string;
  encoding: string;
  mapping?: string;
  sourceLayer?: string;
  skipInvalid?: boolean;
  multi: string;
  makeValid?: boolean;
  upperCaseFont?: boolean;
  inspect?: boolean;
  json?: boolean;
}

export function registerIoCommands(program: Command): void {
  program
    .command('import')
    .description('nhập dữ liệu (Shapefile, GeoPackage, GeoJSON, KML/KMZ, DXF, GML, CSV, FileGDB, SpatiaLite) vào một lớp — một lô sửa, hoàn tác được / import a GDAL source into a layer as one undoable edit batch')
    .argument('<file>', 'PlanDesk project file')
    .argument('<source>', 'the file to import (a .zip of a shapefile works too)')
    .requiredOption('--layer <id>', 'target layer, e.g. water_hydrants')
    .option('--src-crs <EPSG:N>', 'CRS of the source, overriding its .prj (needed when it has none)')
    .option('--encoding <enc>', `text encoding of the source: ${ENCODINGS.join('|')}`, 'auto')
    .option('--mapping <file>', 'JSON {"source field": "layer field" | null}; unmapped fields go to extra attributes')
    .option('--source-layer <name>', 'which layer of the source (its first by default)')
    .option('--skip-invalid', 'import the rows that can be imported and list the others (default: any bad row stops the import)')
    .option('--multi <how>', 'multi-part features: split (one feature per part) | refuse', 'split')
    .option('--make-valid', 'repair invalid geometries with GDAL (-makevalid)')
    .option('--upper-case-font', "TCVN3 text typed with the upper-case fonts (.VnTimeH): read as capitals")
    .option('--inspect', 'only inspect the source (layers, CRS, fields, encodings, samples); import nothing')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, source: string, options: ImportCliOptions) => {
      if (!ENCODINGS.includes(options.encoding)) throw new PlanDeskError('INVALID_ARGUMENT', `--encoding must be one of ${ENCODINGS.join(', ')}`);
      if (options.multi !== 'split' && options.multi !== 'refuse') throw new PlanDeskError('INVALID_ARGUMENT', '--multi must be split or refuse');
      const project = Project.open(file, { readonly: !!options.inspect });
      try {
        if (options.inspect) {
          const info = project.info();
          const result = await inspectSource(source, { project: { crsEpsg: info.crsEpsg, province: info.province }, ...(options.upperCaseFont ? { upperCaseFont: true } : {}) });
          process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatInspect(result)}\n`);
          return;
        }
        const result = await importFile(project, source, {
          layer: options.layer as LayerId,
          encoding: options.encoding as EncodingChoice,
          multi: options.multi,
          ...(options.srcCrs ? { srcCrs: parseCrsCode(options.srcCrs) } : {}),
          ...(options.mapping ? { mapping: readMapping(options.mapping) } : {}),
          ...(options.sourceLayer ? { sourceLayer: options.sourceLayer } : {}),
          ...(options.skipInvalid ? { skipInvalid: true } : {}),
          ...(options.makeValid ? { makeValid: true } : {}),
          ...(options.upperCaseFont ? { upperCaseFont: true } : {}),
          onProgress: (phase, done, total) => {
            if (!options.json && phase === 'read' && total >= 100_000 && done % 100_000 === 0) process.stderr.write(`  ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}\n`);
          },
        });
        process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatImport(result)}\n`);
        if (result.batchId === null) throw new CommanderError(1, 'plandesk.import.rejected', 'rows cannot be imported');
      } finally {
        project.close();
      }
    });

  program
    .command('export')
    .description(
      'xuất một lớp / export a layer (or --uuid features) to gpkg|shp|geojson|kml|dxf|csv; ' +
        'hoặc CSDL quy hoạch theo Thông tư 16/2025/TT-BXD / or the Circular 16/2025 planning database (--format planning-gpkg, every mapped layer unless --layer)',
    )
    .argument('<file>', 'PlanDesk project file')
    .option('--layer <id>', 'the layer to export (planning-gpkg: repeat or give a comma list; all mapped layers by default)', collect, [] as string[])
    .requiredOption('--format <format>', [...EXPORT_FORMATS, PLANNING_EXPORT_FORMAT].join('|'))
    .requiredOption('--out <path>', 'the file to write')
    .option('--crs <EPSG:N>', "output CRS (the project's by default; GeoJSON and KML are always WGS 84)")
    .option('--uuid <uuid>', 'only these features; repeat or give a comma list', collect, [] as string[])
    .option('--ma-thong-tin-qh <code>', 'planning-gpkg: mã thông tin quy hoạch (maThongTinQH, ≤ 15 characters) for features without their own plan_code')
    .option('--ma-ho-so-qh <code>', 'planning-gpkg: mã hồ sơ quy hoạch (maHoSoQH, ≤ 15 characters)')
    .option('--overwrite', 'replace the output file')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: ExportCliOptions) => {
      if (options.format === PLANNING_EXPORT_FORMAT) return exportPlanning(file, options);
      if (!EXPORT_FORMATS.includes(options.format as ExportFormat)) throw new PlanDeskError('INVALID_ARGUMENT', `--format must be one of ${[...EXPORT_FORMATS, PLANNING_EXPORT_FORMAT].join(', ')}`);
      if (options.layer.length !== 1) throw new PlanDeskError('INVALID_ARGUMENT', `--format ${options.format} exports one layer: give exactly one --layer`);
      const layer = options.layer[0]!;
      const project = Project.open(file, { readonly: true });
      try {
        const result = await exportLayer(project, {
          layer: layer as LayerId,
          format: options.format as ExportFormat,
          out: options.out,
          ...(options.crs ? { crs: parseCrsCode(options.crs) } : {}),
          ...(options.uuid.length ? { uuids: options.uuid } : {}),
          ...(options.overwrite ? { overwrite: true } : {}),
        });
        process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : `Đã xuất / exported ${result.features} features of ${layer} to ${result.out} (EPSG:${result.crs})\n`);
      } finally {
        project.close();
      }
    });
}

interface ExportCliOptions {
  layer: string[];
  format: string;
  out: string;
  crs?: string;
  uuid: string[];
  maThongTinQh?: string;
  maHoSoQh?: string;
  overwrite?: boolean;
  json?: boolean;
}

/** Repeatable option, each value possibly a comma list. */
function collect(value: string, all: string[]): string[] {
  return [...all, ...value.split(',').map((s) => s.trim()).filter(Boolean)];
}

async function exportPlanning(file: string, options: ExportCliOptions): Promise<void> {
  if (options.uuid.length) throw new PlanDeskError('INVALID_ARGUMENT', '--uuid does not apply to planning-gpkg (it exports whole layers)');
  for (const layer of options.layer) if (!isLayerId(layer)) throw new PlanDeskError('UNKNOWN_LAYER', `Unknown layer "${layer}"`);
  const project = Project.open(file, { readonly: true });
  try {
    const result = await exportPlanningDatabase(project, {
      out: options.out,
      ...(options.layer.length ? { layers: options.layer as LayerId[] } : {}),
      ...(options.maThongTinQh !== undefined ? { maThongTinQH: options.maThongTinQh } : {}),
      ...(options.maHoSoQh !== undefined ? { maHoSoQH: options.maHoSoQh } : {}),
      ...(options.crs ? { crs: parseCrsCode(options.crs) } : {}),
      ...(options.overwrite ? { overwrite: true } : {}),
    });
    if (options.json) {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return;
    }
    const lines = [`Đã xuất CSDL quy hoạch / exported the planning database (Thông tư 16/2025/TT-BXD): ${result.features} features in ${result.layers.length} layers to ${result.out} (EPSG:${result.crs})`];
    for (const l of result.layers) lines.push(`  ${l.name.padEnd(28)} ${String(l.features).padStart(7)}  ← ${l.from}${l.provenance === 'plandesk' ? '  (tên theo PlanDesk / PlanDesk name)' : ''}`);
    for (const w of result.warnings) lines.push(`  ! ${w}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    project.close();
  }
}
