/**
 * Reading a source through GDAL: `ogrinfo` for its layers (geometry type, count, extent, CRS,
 * fields) and `ogr2ogr` to GeoJSON on stdout for its features, one per line, optionally
 * reprojected by GDAL. Text values come back as GDAL read them; `rawText` turns a value back
 * into the bytes of the file (shapefiles are opened with ENCODING=ISO-8859-1 for that).
 */
import type { GeoJSONGeometry } from '../../layers/types.js';
import { PlanDeskError } from '../errors.js';
import { openOptions, runTool, streamTool, type SourceRef, type ToolOptions } from './ogr.js';
import { cp1252Bytes, latin1Bytes } from './vn-text.js';

export interface SourceField {
  readonly name: string;
  /** OGR type: String, Integer, Integer64, Real, Date, DateTime, … */
  readonly type: string;
}

export interface SourceLayerInfo {
  readonly name: string;
  /** As ogrinfo says it: 'Point', '3D Multi Polygon', 'Unknown (any)', … */
  readonly geometryType: string;
  readonly featureCount: number;
  readonly extent: [number, number, number, number] | null;
  /** WKT1 of the layer's CRS, or null. */
  readonly wkt: string | null;
  readonly fields: SourceField[];
}

/** One feature as GDAL wrote it; `row` counts from 1 in source order. */
export interface SourceFeature {
  readonly row: number;
  readonly properties: Record<string, unknown>;
  readonly geometry: GeoJSONGeometry | null;
}

const FIELD_LINE = /^(.+?): (String|Integer|Integer64|Real|Date|DateTime|Time|Binary|StringList|IntegerList|Integer64List|RealList)\b/;

/** Parses `ogrinfo -so -al -wkt_format WKT1` output. */
export function parseOgrinfo(text: string): SourceLayerInfo[] {
  const layers: SourceLayerInfo[] = [];
  const blocks = text.split(/^Layer name: /m).slice(1);
  for (const block of blocks) {
    const lines = block.split('\n');
    const name = lines[0]!.trim();
    let geometryType = 'None';
    let featureCount = -1;
    let extent: SourceLayerInfo['extent'] = null;
    let wkt: string | null = null;
    const fields: SourceField[] = [];
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.startsWith('Geometry: ')) geometryType = line.slice(10).trim();
      else if (line.startsWith('Feature Count: ')) featureCount = Number(line.slice(15));
      else if (line.startsWith('Extent: ')) {
        const n = line.match(/-?[\d.]+(?:e[-+]?\d+)?/gi)?.map(Number);
        if (n && n.length >= 4) extent = [n[0]!, n[1]!, n[2]!, n[3]!];
      } else if (line.startsWith('Layer SRS WKT:')) {
        const wktLines: string[] = [];
        while (i + 1 < lines.length && !/^(Data axis|[A-Za-z_][^:]*: )/.test(lines[i + 1]!)) wktLines.push(lines[++i]!);
        const joined = wktLines.join('\n').trim();
        wkt = joined && joined !== '(unknown)' ? joined : null;
      } else if (!line.startsWith(' ')) {
        const m = FIELD_LINE.exec(line);
        if (m && !/^(FID Column|Geometry Column|Metadata|Data axis)/.test(line)) fields.push({ name: m[1]!, type: m[2]! });
      }
    }
    layers.push({ name, geometryType, featureCount, extent, wkt, fields });
  }
  return layers;
}

export async function listLayers(source: SourceRef, options: ToolOptions = {}): Promise<SourceLayerInfo[]> {
  const text = await runTool('ogrinfo', ['-ro', '-so', '-al', '-wkt_format', 'WKT1', ...openOptions(source), source.gdalPath], {
    ...options,
    // A 3D geographic CRS (GeoJSON with heights is EPSG:4979) has no WKT1: read it as having none.
    tolerate: /proj_as_wkt|WKT1 does not support/,
  });
  const layers = parseOgrinfo(text);
  if (layers.length === 0) throw new PlanDeskError('INVALID_ARGUMENT', `${source.gdalPath}: GDAL found no vector layer in it`);
  return layers;
}

export interface ReadOptions extends ToolOptions {
  readonly layer: string;
  /** Source CRS to assume (proj4 or EPSG text), overriding the file's. */
  readonly srcSrs?: string;
  /** Reproject to this CRS (proj4). */
  readonly dstSrs?: string;
  /** First n features only. */
  readonly limit?: number;
  /** Repair invalid geometries with GDAL's -makevalid. */
  readonly makeValid?: boolean;
}

/** Streams the features of one layer; `onFeature` may throw to stop. */
export async function readFeatures(source: SourceRef, options: ReadOptions, onFeature: (feature: SourceFeature) => void): Promise<number> {
  const args = ['-f', 'GeoJSON', '/vsistdout/', ...openOptions(source), source.gdalPath, options.layer, '-lco', 'RFC7946=NO', '-lco', 'WRITE_NAME=NO'];
  if (options.dstSrs) args.push('-t_srs', options.dstSrs);
  if (options.srcSrs) args.push('-s_srs', options.srcSrs);
  if (options.limit !== undefined) args.push('-limit', String(options.limit));
  if (options.makeValid) args.push('-makevalid');
  let row = 0;
  await streamTool(
    'ogr2ogr',
    args,
    (line) => {
      if (!line.startsWith('{ "type": "Feature"')) return;
      const json = line.endsWith(',') ? line.slice(0, -1) : line;
      const feature = JSON.parse(json) as { properties?: Record<string, unknown> | null; geometry?: GeoJSONGeometry | null };
      row++;
      onFeature({ row, properties: feature.properties ?? {}, geometry: feature.geometry ?? null });
    },
    options,
  );
  return row;
}

/** The bytes a text value had in the file, or null when GDAL decoded it from something PlanDesk cannot undo (then it is already Unicode). */
export function rawText(source: SourceRef, value: string): Uint8Array | null {
  if (source.kind === 'shapefile') return latin1Bytes(value);
  // Other drivers decode legacy 8-bit text as Windows-1252 / Latin-1 (DXF, CSV): undo that.
  return /[\u0080-\u00ff]/.test(value) ? cp1252Bytes(value) : null;
}
