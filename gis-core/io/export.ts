/**
 * Exporting a layer (or some of its features) through ogr2ogr: the features are written to a
 * temporary GeoJSON in the project CRS, then GDAL converts and reprojects (registry
 * definitions, so the VN-2000 shift is EPSG:6960 in position-vector form).
 *
 * What each format keeps (round-trip tested in tests/integration/io-export.test.ts):
 * - gpkg: everything (attributes with types, uuid, geometry in the chosen CRS).
 * - shp: attributes (names cut to 10 characters, dates as dates, booleans as integers), UTF-8
 *   with a .cpg; the .prj is OGC WKT1 with the TOWGS84 (ESRI WKT has no place for it).
 * - geojson: RFC 7946, always WGS 84 longitude/latitude, 9 decimals (sub-millimetre).
 * - kml: WGS 84; attributes as ExtendedData (LIBKML).
 * - dxf: geometry only, one DXF layer named after the PlanDesk layer, colour from its style
 *   (the nearest AutoCAD Color Index colour);
 *   no attributes.
 * - csv: attributes plus the geometry as WKT in the chosen CRS.
 */
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LayerDefinition, LayerId } from '../../layers/types.js';
import { getCrs } from '../crs/registry.js';
import { PlanDeskError } from '../errors.js';
import type { Project } from '../store/project.js';
import type { StoredFeature } from '../store/types.js';
import { runTool } from './ogr.js';

export type ExportFormat = 'gpkg' | 'shp' | 'geojson' | 'kml' | 'dxf' | 'csv';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['gpkg', 'shp', 'geojson', 'kml', 'dxf', 'csv'];
/** The file extension of each format (an export without a chosen name is `<layer>.<ext>`). */
export const EXPORT_EXTENSIONS: Readonly<Record<ExportFormat, string>> = { gpkg: 'gpkg', shp: 'shp', geojson: 'geojson', kml: 'kml', dxf: 'dxf', csv: 'csv' };

export interface ExportOptions {
  readonly layer: LayerId;
  readonly format: ExportFormat;
  readonly out: string;
  /** Only these features (uuids); the whole layer otherwise. */
  readonly uuids?: readonly string[];
  /** EPSG of the output; the project's by default (GeoJSON and KML are always WGS 84). */
  readonly crs?: number;
  readonly signal?: AbortSignal;
  /** Replace an existing output file. */
  readonly overwrite?: boolean;
}

export interface ExportResult {
  readonly out: string;
  readonly format: ExportFormat;
  readonly features: number;
  readonly crs: number;
}

const DRIVERS: Record<ExportFormat, string> = { gpkg: 'GPKG', shp: 'ESRI Shapefile', geojson: 'GeoJSON', kml: 'LIBKML', dxf: 'DXF', csv: 'CSV' };

/** The colour a layer draws with: its stroke, else its fill, else its point fill. */
export function styleColour(layer: LayerDefinition): string {
  const symbol = layer.style.kind === 'single' ? layer.style.symbol : layer.style.base;
  return (symbol.stroke?.color ?? symbol.fill?.color ?? symbol.point?.fill?.color ?? '#000000').slice(0, 7);
}

function featuresOf(project: Project, layer: LayerId, uuids: readonly string[] | undefined): StoredFeature[] {
  if (!uuids) return project.features(layer);
  return uuids.map((uuid) => {
    const f = project.featureByUuid(layer, uuid);
    if (!f) throw new PlanDeskError('UNKNOWN_FEATURE', `Layer ${layer} has no feature ${uuid}`);
    return f;
  });
}

export async function exportLayer(project: Project, options: ExportOptions): Promise<ExportResult> {
  const layer = project.layer(options.layer);
  const info = project.info();
  const source = getCrs(info.crsEpsg);
  const wgs84Only = options.format === 'geojson' || options.format === 'kml';
  const target = getCrs(wgs84Only ? 4326 : (options.crs ?? info.crsEpsg));
  if (existsSync(options.out)) {
    if (!options.overwrite) throw new PlanDeskError('FILE_EXISTS', `${options.out} exists (overwrite it explicitly)`);
    rmSync(options.out, { force: true });
  }
  const features = featuresOf(project, layer.id, options.uuids);
  if (features.length === 0) throw new PlanDeskError('INVALID_ARGUMENT', `Layer ${layer.id} has nothing to export`);

  const dir = mkdtempSync(join(tmpdir(), 'plandesk-export-'));
  try {
    const tmp = join(dir, `${layer.id}.geojson`);
    const collection = {
      type: 'FeatureCollection',
      features: features.map((f) => ({
        type: 'Feature',
        properties: Object.fromEntries([['uuid', f.uuid], ...layer.fields.map((field) => [field.key, field.type === 'boolean' && f.properties[field.key] !== null && f.properties[field.key] !== undefined ? (f.properties[field.key] ? 1 : 0) : (f.properties[field.key] ?? null)])]),
        geometry: f.geometry,
      })),
    };
    writeFileSync(tmp, JSON.stringify(collection));
    const args = ['-f', DRIVERS[options.format], options.out, tmp, '-s_srs', source.proj4, '-nln', layer.id];
    if (target.epsg !== source.epsg) args.push('-t_srs', target.proj4);
    else args.push('-a_srs', source.proj4);
    switch (options.format) {
      case 'shp':
        args.push('-lco', 'ENCODING=UTF-8');
        break;
      case 'geojson':
        args.push('-lco', 'RFC7946=YES', '-lco', 'COORDINATE_PRECISION=9');
        break;
      case 'csv':
        args.push('-lco', 'GEOMETRY=AS_WKT');
        break;
      case 'dxf': {
        const colour = styleColour(layer);
        args.push('-dialect', 'SQLite', '-sql', `SELECT geometry, '${layer.id}' AS Layer, 'PEN(c:${colour})' AS OGR_STYLE FROM "${layer.id}"`);
        break;
      }
      default:
        break;
    }
    await runTool('ogr2ogr', args, options.signal ? { signal: options.signal } : {});
    if (options.format === 'shp') {
      // OGC WKT1 keeps the TOWGS84 ESRI WKT drops; QGIS and GDAL read it.
      const wkt = (await runTool('gdalsrsinfo', ['-o', 'wkt1', '--single-line', target.proj4])).trim();
      const named =
        target.datum === 'VN-2000'
          ? wkt
              .replace(/^PROJCS\["[^"]*"/, `PROJCS["${target.name}"`)
              .replace(/GEOGCS\["[^"]*"/, 'GEOGCS["VN-2000"')
              .replace(/DATUM\["[^"]*"/, 'DATUM["Vietnam_2000"')
          : wkt;
      writeFileSync(options.out.replace(/\.shp$/i, '.prj'), named);
    }
    return { out: options.out, format: options.format, features: features.length, crs: target.epsg };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
