/**
 * What the import wizard shows before importing (the IoApi of the contract): the source's
 * inspection, its first features read exactly as the import would read them (chosen CRS and
 * text encoding, reprojected to the project CRS), and the mapping to start from.
 */
import { getCrs } from '../crs/registry.js';
import { PlanDeskError } from '../errors.js';
import type { Project } from '../store/project.js';
import { IO_PREVIEW_LIMIT_DEFAULT, IO_PREVIEW_LIMIT_MAX, type IoMapping, type IoMappingOptions, type IoPreview, type IoPreviewFeature, type IoPreviewOptions } from './api-types.js';
import { decodeValue, fieldEncodingsFor, inspectSource, pickLayer, resolveSourceCrs, savedMapping, suggestMapping, type InspectResult } from './import.js';
import { openSource } from './ogr.js';
import { readFeatures } from './source-reader.js';

function inspectFor(project: Project, file: string, upperCaseFont: boolean | undefined, sampleRows?: number): Promise<InspectResult> {
  const info = project.info();
  return inspectSource(file, {
    project: { crsEpsg: info.crsEpsg, province: info.province },
    ...(upperCaseFont ? { upperCaseFont: true } : {}),
    ...(sampleRows !== undefined ? { sampleRows } : {}),
  });
}

export function inspectForProject(project: Project, file: string, options: { readonly upperCaseFont?: boolean } = {}): Promise<InspectResult> {
  return inspectFor(project, file, options.upperCaseFont);
}

export async function previewSource(project: Project, file: string, options: IoPreviewOptions = {}): Promise<IoPreview> {
  const limit = options.limit ?? IO_PREVIEW_LIMIT_DEFAULT;
  if (!Number.isInteger(limit) || limit < 1 || limit > IO_PREVIEW_LIMIT_MAX) throw new PlanDeskError('INVALID_ARGUMENT', `limit must be 1–${IO_PREVIEW_LIMIT_MAX}, got ${limit}`);
  const inspected = await inspectFor(project, file, options.upperCaseFont);
  const src = pickLayer(inspected.layers, options.sourceLayer);
  const target = getCrs(project.info().crsEpsg);
  const crs = resolveSourceCrs(file, src, options.srcCrs);
  const sameCrs = crs.srcEpsg === target.epsg;
  const encodings = fieldEncodingsFor(src, options);
  const source = openSource(file);
  const features: IoPreviewFeature[] = [];
  await readFeatures(source, { layer: src.name, limit, ...(!sameCrs ? { dstSrs: target.proj4 } : {}), ...(!sameCrs && crs.srcSrs ? { srcSrs: crs.srcSrs } : {}) }, (f) => {
    const properties = Object.fromEntries(Object.entries(f.properties).map(([k, v]) => [k, decodeValue(source, v, encodings[k], options.upperCaseFont ?? false)]));
    features.push({ type: 'Feature', row: f.row, properties, geometry: f.geometry });
  });
  return { sourceLayer: src.name, crs: target.code, srcCrs: { epsg: crs.srcEpsg, note: crs.note }, encodings, featureCount: src.featureCount, features };
}

export async function mappingFor(project: Project, file: string, options: IoMappingOptions): Promise<IoMapping> {
  const layer = project.layer(options.layer);
  const inspected = await inspectFor(project, file, options.upperCaseFont);
  const src = pickLayer(inspected.layers, options.sourceLayer);
  const fields = src.fields.map((f) => f.name);
  return { sourceLayer: src.name, fields, suggested: suggestMapping(layer, fields, src.samples), saved: savedMapping(project, file, src.name, layer.id) ?? null };
}
