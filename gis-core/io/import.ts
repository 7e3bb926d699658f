/**
 * Importing a GDAL-readable source into one PlanDesk layer: inspect (layers, fields with
 * samples, CRS, text encodings, suggested mapping), then import as ONE edit batch through
 * `Project.applyEdits` (source 'import'): undo reverts the whole import, a failure changes
 * nothing. Rows that cannot be imported are listed with their row number and reason; by
 * default any such row stops the import (`skipInvalid` imports the rest).
 *
 * Geometry: multi-part features are split into one feature per part (same attributes;
 * `multi: 'refuse'` rejects them instead); Z is dropped, and kept as the layer's level
 * field where it has one (manhole rims, `rim_level_m`) and the mapping left it empty.
 */
import { basename } from 'node:path';
import { deriveValues } from '../../layers/derive.js';
import { coerceAttribute } from '../../layers/attributes.js';
import type { FieldDefinition, GeoJSONGeometry, LayerDefinition, LayerId } from '../../layers/types.js';
import { getCrs } from '../crs/registry.js';
import type { BasicOperation } from '../edit/types.js';
import { PlanDeskError } from '../errors.js';
import type { Project } from '../store/project.js';
import { checkFeature } from '../store/row-writer.js';
import { newUuid } from '../util/uuid.js';
import { detectCrs, suggestCrs, type CrsDetection, type ZoneSuggestion } from './crs-detect.js';
import { openSource, type ArchiveLimits, type SourceRef } from './ogr.js';
import { listLayers, rawText, readFeatures, type SourceFeature, type SourceLayerInfo } from './source-reader.js';
import { decodeText, detectEncoding, vietnameseScore, type EncodingGuess, type TextEncoding } from './vn-text.js';

export type EncodingChoice = 'auto' | TextEncoding;

/** source field → layer field key, or null to keep it in extra attributes. */
export type FieldMapping = Record<string, string | null>;

export interface InspectedLayer extends SourceLayerInfo {
  readonly crs: CrsDetection;
  /** For sources without a CRS: what the coordinates could be in, best first. */
  readonly crsSuggestions: ZoneSuggestion[];
  /** Per text field: the guessed encoding. */
  readonly encodings: Record<string, EncodingGuess>;
  /** Geometry types seen in the sample, with counts ('Point', 'MultiPolygon', … ; 'null'). */
  readonly geometryTypes: Record<string, number>;
  readonly hasZ: boolean;
  /** The first rows, text decoded with the guessed encodings. */
  readonly samples: Record<string, unknown>[];
}

export interface InspectResult {
  readonly file: string;
  readonly layers: InspectedLayer[];
}

export interface InspectOptions {
  readonly project?: { crsEpsg: number; province: string };
  readonly limits?: ArchiveLimits;
  readonly signal?: AbortSignal;
  /** Rows read per layer for samples and encoding detection (default 2000). */
  readonly sampleRows?: number;
  readonly upperCaseFont?: boolean;
}

function geometryHasZ(geometry: GeoJSONGeometry): boolean {
  const first = (c: unknown): unknown => (Array.isArray(c) && Array.isArray(c[0]) ? first(c[0]) : c);
  const pos = first((geometry as { coordinates?: unknown }).coordinates) as number[] | undefined;
  return Array.isArray(pos) && pos.length > 2;
}

/** A source value as text in Unicode (NFC), read with `encoding` when it is legacy bytes. */
export function decodeValue(source: SourceRef, value: unknown, encoding: TextEncoding | undefined, upperCaseFont: boolean): unknown {
  if (typeof value !== 'string') return value;
  // Drivers other than shapefiles hand over Unicode; only a legacy guess re-reads it as bytes.
  if (source.kind !== 'shapefile' && (encoding ?? 'utf8') === 'utf8') return value.normalize('NFC');
  const raw = rawText(source, value);
  if (!raw || raw.every((b) => b < 0x80)) return raw ? Buffer.from(raw).toString('latin1') : value.normalize('NFC');
  return decodeText(raw, encoding ?? 'utf8', { upperCaseFont });
}

export async function inspectSource(file: string, options: InspectOptions = {}): Promise<InspectResult> {
  const source = openSource(file, options.limits);
  const infos = await listLayers(source, options.signal ? { signal: options.signal } : {});
  const layers: InspectedLayer[] = [];
  for (const info of infos) {
    const raws = new Map<string, Uint8Array[]>();
    const asIs = new Map<string, number>();
    const geometryTypes: Record<string, number> = {};
    const rows: SourceFeature[] = [];
    let hasZ = false;
    await readFeatures(source, { layer: info.name, limit: options.sampleRows ?? 2000, ...(options.signal ? { signal: options.signal } : {}) }, (f) => {
      const type = f.geometry?.type ?? 'null';
      geometryTypes[type] = (geometryTypes[type] ?? 0) + 1;
      if (f.geometry && geometryHasZ(f.geometry)) hasZ = true;
      if (rows.length < 20) rows.push(f);
      for (const [name, value] of Object.entries(f.properties)) {
        if (typeof value !== 'string') continue;
        const raw = rawText(source, value);
        if (!raw) continue;
        if (source.kind !== 'shapefile') asIs.set(name, (asIs.get(name) ?? 0) + vietnameseScore(value));
        let list = raws.get(name);
        if (!list) raws.set(name, (list = []));
        list.push(raw);
      }
    });
    const encodings: Record<string, EncodingGuess> = {};
    for (const field of info.fields) {
      const guess = detectEncoding(raws.get(field.name) ?? []);
      // Unicode that reads as Vietnamese at least as well as any legacy reading stays as it is.
      const keep = source.kind !== 'shapefile' && guess.encoding !== 'utf8' && guess.scores[guess.encoding] <= (asIs.get(field.name) ?? 0);
      encodings[field.name] = keep ? { ...guess, encoding: 'utf8' } : guess;
    }
    const samples = rows.map((f) =>
      Object.fromEntries(Object.entries(f.properties).map(([k, v]) => [k, decodeValue(source, v, encodings[k]?.encoding, options.upperCaseFont ?? false)])),
    );
    let crs = detectCrs(info.wkt);
    const [minx, miny, maxx, maxy] = info.extent ?? [0, 0, 0, 0];
    const degrees = minx >= -180 && maxx <= 180 && miny >= -90 && maxy <= 90;
    if (crs.epsg !== null && getCrs(crs.epsg).kind === 'geographic' && info.extent && !degrees) {
      // GeoJSON without a "crs" member is WGS 84 by definition; metres in it mean it is not.
      crs = { epsg: null, status: 'none', note: `The file says ${getCrs(crs.epsg).code} but its coordinates are not degrees: choose its coordinate system.` };
    }
    const crsSuggestions = crs.status === 'none' && info.extent && options.project ? suggestCrs(info.extent, options.project) : [];
    layers.push({ ...info, crs, crsSuggestions, encodings, geometryTypes, hasZ, samples });
  }
  return { file, layers };
}

// ------------------------------------------------------------------------------ mapping

/** Lower-case ASCII letters and digits only: 'Tên đường' → 'tenduong'. */
export function foldName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

function mappable(layer: LayerDefinition): FieldDefinition[] {
  return layer.fields.filter((f) => !f.derived);
}

/**
 * Suggests a mapping by name (key, Vietnamese or English label, a shapefile's 10-character
 * truncation) and, for code-list fields, by content (most sample values are codes or labels).
 */
export function suggestMapping(layer: LayerDefinition, fields: readonly string[], samples: readonly Record<string, unknown>[] = []): FieldMapping {
  const mapping: FieldMapping = {};
  const taken = new Set<string>();
  for (const name of fields) {
    const n = foldName(name);
    const match = mappable(layer).find((f) => {
      if (taken.has(f.key)) return false;
      const names = [f.key, f.label.vi, f.label.en].map(foldName);
      return names.includes(n) || (name.length === 10 && foldName(f.key).startsWith(n)) || foldName(f.key.slice(0, 10)) === n;
    });
    mapping[name] = match?.key ?? null;
    if (match) taken.add(match.key);
  }
  // GDAL cuts shapefile names to 10 characters and numbers clashes: downstream_manhole → 'downstre_1'.
  for (const name of fields) {
    const m = /^(.{8})_(\d)$/.exec(name);
    if (mapping[name] || !m) continue;
    const sameStart = mappable(layer).filter((f) => f.key.length > 10 && f.key.startsWith(m[1]!));
    const field = sameStart[Number(m[2])];
    if (field && !taken.has(field.key)) {
      mapping[name] = field.key;
      taken.add(field.key);
    }
  }
  for (const name of fields) {
    if (mapping[name]) continue;
    const values = samples.map((s) => s[name]).filter((v) => typeof v === 'string' && v.trim() !== '') as string[];
    if (values.length === 0) continue;
    const field = mappable(layer).find((f) => {
      if (!f.codeList || taken.has(f.key)) return false;
      const hits = values.filter((v) => {
        const c = coerceAttribute(f, v);
        return c.ok && f.codeList!.entries.some((e) => e.code === c.value);
      });
      return hits.length >= values.length * 0.8;
    });
    if (field) {
      mapping[name] = field.key;
      taken.add(field.key);
    }
  }
  return mapping;
}

function mappingKey(file: string, sourceLayer: string, layer: LayerId): string {
  return `import.mapping:${basename(file).toLowerCase()}|${sourceLayer}|${layer}`;
}

/** The mapping last used for this source and layer, saved in the project's metadata. */
export function savedMapping(project: Project, file: string, sourceLayer: string, layer: LayerId): FieldMapping | undefined {
  const text = project.getMetadata(mappingKey(file, sourceLayer, layer));
  return text ? (JSON.parse(text) as FieldMapping) : undefined;
}

// ------------------------------------------------------------------------------- import

export interface ImportOptions {
  readonly layer: LayerId;
  /** Which layer of the source; its first by default. */
  readonly sourceLayer?: string;
  /** EPSG code of the source CRS, overriding what the file says (required when it says nothing). */
  readonly srcCrs?: number;
  readonly encoding?: EncodingChoice;
  /** Per source field, overriding `encoding`. */
  readonly fieldEncodings?: Record<string, TextEncoding>;
  readonly upperCaseFont?: boolean;
  /** Missing source fields use the saved mapping, then the suggestion. */
  readonly mapping?: FieldMapping;
  readonly multi?: 'split' | 'refuse';
  /** Repair invalid geometries with GDAL (-makevalid). */
  readonly makeValid?: boolean;
  /** Import the rows that can be imported and list the others (default: any bad row stops the import). */
  readonly skipInvalid?: boolean;
  readonly author?: string;
  readonly limits?: ArchiveLimits;
  readonly signal?: AbortSignal;
  readonly onProgress?: (phase: 'inspect' | 'read' | 'write', done: number, total: number) => void;
  /** Keep the mapping in the project's metadata for the next import of this source (default true). */
  readonly saveMapping?: boolean;
}

export interface RejectedRow {
  readonly row: number;
  readonly reason: string;
}

export interface ImportResult {
  readonly layer: LayerId;
  readonly sourceLayer: string;
  readonly sourceRows: number;
  readonly imported: number;
  readonly rejected: RejectedRow[];
  /** Null when nothing was written. */
  readonly batchId: number | null;
  readonly crs: { readonly epsg: number | null; readonly note: string };
  readonly encodings: Record<string, TextEncoding>;
  readonly mapping: FieldMapping;
}

type Single = { type: 'Point' | 'LineString' | 'Polygon'; coordinates: unknown };

function strip2d(coords: unknown): unknown {
  if (!Array.isArray(coords)) return coords;
  if (typeof coords[0] === 'number') return [coords[0], coords[1]];
  return coords.map(strip2d);
}

/** The single-part geometries of the layer's type a source geometry holds, or a reason it holds none. */
function singleParts(geometry: GeoJSONGeometry | null, type: LayerDefinition['geometryType'], multi: 'split' | 'refuse'): Single[] | string {
  if (!geometry) return 'the feature has no geometry';
  const g = geometry as { type: string; coordinates?: unknown[]; geometries?: GeoJSONGeometry[] };
  if (g.type === type) return [{ type, coordinates: strip2d(g.coordinates) }];
  if (g.type === `Multi${type}`) {
    const parts = g.coordinates ?? [];
    if (parts.length === 0) return 'the multi-part geometry is empty';
    if (parts.length > 1 && multi === 'refuse') return `a ${g.type} of ${parts.length} parts (the layer holds single ${type}s)`;
    return parts.map((p) => ({ type, coordinates: strip2d(p) }));
  }
  if (g.type === 'GeometryCollection' && g.geometries) {
    const all: Single[] = [];
    for (const part of g.geometries) {
      const got = singleParts(part, type, multi);
      if (typeof got === 'string') return `a GeometryCollection holding ${part.type} (the layer holds ${type}s)`;
      all.push(...got);
    }
    return all;
  }
  return `a ${g.type} geometry (the layer holds ${type}s)`;
}

function firstZ(geometry: GeoJSONGeometry | null): number | undefined {
  const first = (c: unknown): unknown => (Array.isArray(c) && Array.isArray(c[0]) ? first(c[0]) : c);
  const pos = geometry ? (first((geometry as { coordinates?: unknown }).coordinates) as number[]) : undefined;
  return Array.isArray(pos) && typeof pos[2] === 'number' ? pos[2] : undefined;
}

const LEVEL_FIELDS = ['rim_level_m'];

/** The source layer asked for, else the first with features. */
export function pickLayer(layers: InspectedLayer[], wanted: string | undefined): InspectedLayer {
  if (wanted !== undefined) {
    const found = layers.find((l) => l.name === wanted);
    if (!found) throw new PlanDeskError('INVALID_ARGUMENT', `The source has no layer "${wanted}" (it has ${layers.map((l) => l.name).join(', ')})`);
    return found;
  }
  return layers.find((l) => l.featureCount !== 0) ?? layers[0]!;
}

export interface SourceCrs {
  readonly srcEpsg: number | null;
  /** What GDAL is told the source is in (undefined: the file's own definition). */
  readonly srcSrs: string | undefined;
  readonly note: string;
}

/** The source's CRS: the user's choice, else the registry zone the file's definition is, else GDAL's reading of it; UNKNOWN_CRS when it has none. */
export function resolveSourceCrs(file: string, src: InspectedLayer, srcCrs: number | undefined): SourceCrs {
  if (srcCrs !== undefined) return { srcEpsg: srcCrs, srcSrs: getCrs(srcCrs).proj4, note: `EPSG:${srcCrs} as given` };
  if (src.crs.epsg !== null) return { srcEpsg: src.crs.epsg, srcSrs: getCrs(src.crs.epsg).proj4, note: src.crs.note };
  if (src.crs.status === 'other') return { srcEpsg: null, srcSrs: undefined, note: src.crs.note };
  const hint = src.crsSuggestions.length ? `; it looks like ${src.crsSuggestions.map((s) => `EPSG:${s.epsg}`).join(' or ')} (${src.crsSuggestions[0]!.reason})` : '';
  throw new PlanDeskError('UNKNOWN_CRS', `${basename(file)} has no coordinate system: choose one (--src-crs EPSG:N)${hint}`);
}

/** The encoding each source field is read with: per-field override, else the global choice, else the guess. */
export function fieldEncodingsFor(src: InspectedLayer, options: Pick<ImportOptions, 'encoding' | 'fieldEncodings'>): Record<string, TextEncoding> {
  const encodings: Record<string, TextEncoding> = {};
  for (const field of src.fields) {
    encodings[field.name] = options.fieldEncodings?.[field.name] ?? (options.encoding && options.encoding !== 'auto' ? options.encoding : (src.encodings[field.name]?.encoding ?? 'utf8'));
  }
  return encodings;
}

export async function importFile(project: Project, file: string, options: ImportOptions): Promise<ImportResult> {
  const layer = project.layer(options.layer);
  const info = project.info();
  const progress = options.onProgress ?? (() => {});
  progress('inspect', 0, 1);
  const inspected = await inspectSource(file, {
    project: { crsEpsg: info.crsEpsg, province: info.province },
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.upperCaseFont ? { upperCaseFont: true } : {}),
  });
  const source = openSource(file, options.limits);
  const src = pickLayer(inspected.layers, options.sourceLayer);
  if (src.featureCount === 0) throw new PlanDeskError('INVALID_ARGUMENT', `${basename(file)}: layer "${src.name}" has no features — nothing to import`);

  const target = getCrs(info.crsEpsg);
  const { srcEpsg, srcSrs, note: crsNote } = resolveSourceCrs(file, src, options.srcCrs);
  // Same CRS: no reprojection at all (GDAL would otherwise round-trip through WGS 84).
  const sameCrs = srcEpsg === target.epsg;
  const encodings = fieldEncodingsFor(src, options);
  const fieldNames = src.fields.map((f) => f.name);
  const suggested = suggestMapping(layer, fieldNames, src.samples);
  const saved = savedMapping(project, file, src.name, layer.id) ?? {};
  const mapping: FieldMapping = {};
  for (const name of fieldNames) mapping[name] = options.mapping && name in options.mapping ? options.mapping[name]! : name in saved ? saved[name]! : (suggested[name] ?? null);
  for (const [name, key] of Object.entries(mapping)) {
    if (key !== null && !layer.fields.some((f) => f.key === key)) throw new PlanDeskError('UNKNOWN_FIELD', `Mapping ${name} → ${key}: layer ${layer.id} has no field ${key}`);
  }
  const levelField = LEVEL_FIELDS.find((k) => layer.fields.some((f) => f.key === k));
  const upper = options.upperCaseFont ?? false;

  const operations: BasicOperation[] = [];
  const rejected: RejectedRow[] = [];
  const total = Math.max(src.featureCount, 0);
  const readOptions = {
    layer: src.name,
    ...(!sameCrs ? { dstSrs: target.proj4 } : {}),
    ...(!sameCrs && srcSrs ? { srcSrs } : {}),
    ...(options.makeValid ? { makeValid: true } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const rows = await readFeatures(source, readOptions, (feature) => {
    if (options.signal?.aborted) throw new PlanDeskError('CANCELLED', 'The import was cancelled');
    if (feature.row % 5000 === 0) progress('read', feature.row, total);
    const properties: Record<string, unknown> = {};
    const extra: Record<string, unknown> = {};
    const problems: string[] = [];
    for (const [name, value] of Object.entries(feature.properties)) {
      const decoded = decodeValue(source, value, encodings[name], upper);
      const key = mapping[name];
      if (key) {
        const field = layer.fields.find((f) => f.key === key)!;
        const coerced = coerceAttribute(field, decoded);
        if (coerced.ok) properties[key] = coerced.value;
        else problems.push(`${name}: ${coerced.problem.message.en}`);
      } else if (decoded !== null && decoded !== undefined && decoded !== '') extra[name] = decoded;
    }
    if (problems.length) return void rejected.push({ row: feature.row, reason: problems.join('; ') });
    const parts = singleParts(feature.geometry, layer.geometryType, options.multi ?? 'split');
    if (typeof parts === 'string') return void rejected.push({ row: feature.row, reason: parts });
    const z = firstZ(feature.geometry);
    if (levelField && z !== undefined && (properties[levelField] === null || properties[levelField] === undefined)) properties[levelField] = z;
    const pending: BasicOperation[] = [];
    for (const part of parts) {
      const geometry = part as unknown as GeoJSONGeometry;
      const uuid = newUuid();
      const withDerived = { ...properties, ...deriveValues(layer, properties, geometry) };
      try {
        checkFeature(layer, uuid, withDerived, geometry, `row ${feature.row}`);
      } catch (error) {
        const message = error instanceof Error ? error.message.replace(/^row \d+: /, '') : String(error);
        return void rejected.push({ row: feature.row, reason: message });
      }
      pending.push({ op: 'insert', layer: layer.id, uuid, properties, geometry, ...(Object.keys(extra).length ? { extraAttributes: extra } : {}) });
    }
    operations.push(...pending);
  });
  progress('read', rows, rows);
  const base = { layer: layer.id, sourceLayer: src.name, sourceRows: rows, rejected, crs: { epsg: srcEpsg, note: crsNote }, encodings, mapping };
  if (rows === 0) throw new PlanDeskError('INVALID_ARGUMENT', `${basename(file)}: layer "${src.name}" has no features — nothing to import`);
  if ((rejected.length && !options.skipInvalid) || operations.length === 0) return { ...base, imported: 0, batchId: null };
  if (options.signal?.aborted) throw new PlanDeskError('CANCELLED', 'The import was cancelled');
  progress('write', 0, operations.length);
  const outcome = project.applyEdits(
    { source: 'import', message: `Nhập ${operations.length} đối tượng từ ${basename(file)} vào ${layer.id}`, ...(options.author ? { author: options.author } : {}) },
    () => operations,
  );
  progress('write', operations.length, operations.length);
  if (options.saveMapping !== false) project.setMetadata(mappingKey(file, src.name, layer.id), JSON.stringify(mapping));
  return { ...base, imported: operations.length, batchId: outcome.batchId };
}
