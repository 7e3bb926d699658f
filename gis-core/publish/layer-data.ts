/**
 * One layer of a web map as a GeoJSON FeatureCollection in the project CRS: the feature's uuid
 * as its id, only the layer's own fields (no extra_attributes, timestamps, authors), empty
 * values left out, coordinates rounded to 1 cm. One feature per line, keys in field order:
 * compact and repetitive, so a web server's gzip shrinks it well.
 *
 * Why the project CRS (VN-2000) and not WGS 84: the site draws in the same CRS as the app, so
 * the map looks as the planners drew it and coordinates read out in VN-2000 metres (what a
 * cadastral record states); 1 cm in metres is 8–9 digits, no longer than WGS 84 degrees at the
 * same precision, and no reprojection error is added.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { GeoJSONGeometry, LayerId } from '../../layers/types.js';
import type { Project } from '../store/project.js';
import type { StoredFeature } from '../store/types.js';
import { COORDINATE_DECIMALS } from './site-format.js';

const SCALE = 10 ** COORDINATE_DECIMALS;

export function roundCoordinate(value: number): number {
  return Math.round(value * SCALE) / SCALE;
}

function roundPositions(value: unknown): unknown {
  if (typeof value === 'number') return roundCoordinate(value);
  return Array.isArray(value) ? value.map(roundPositions) : value;
}

export function roundGeometry(geometry: GeoJSONGeometry): GeoJSONGeometry {
  return { type: geometry.type, coordinates: roundPositions(geometry.coordinates) } as GeoJSONGeometry;
}

/** The properties a citizen may see: the layer's fields that have a value, in field order. */
export function publicProperties(feature: StoredFeature, fieldKeys: readonly string[]): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const key of fieldKeys) {
    const value = feature.properties[key];
    if (value !== null && value !== undefined && value !== '') properties[key] = value;
  }
  return properties;
}

/**
 * Writes the layer to `file`, calling `onFeature` for each feature (the search index is built in
 * the same pass) and `onProgress` every 1 000 features. Between those batches it yields to the
 * event loop, so a job's cancel message gets through (`onProgress` may throw CANCELLED).
 * Returns the number written.
 */
export async function writeLayerGeoJson(
  project: Project,
  layerId: LayerId,
  file: string,
  onFeature: (feature: StoredFeature) => void,
  onProgress?: (written: number) => void,
): Promise<number> {
  const fieldKeys = project.layer(layerId).fields.map((f) => f.key);
  const fd = openSync(file, 'w');
  let written = 0;
  let chunk: string[] = [];
  const flush = (): void => {
    if (chunk.length) writeSync(fd, chunk.join(''));
    chunk = [];
  };
  try {
    writeSync(fd, `{"type":"FeatureCollection","layer":${JSON.stringify(layerId)},"features":[\n`);
    for (const feature of project.iterateFeatures(layerId)) {
      const json = JSON.stringify({ type: 'Feature', id: feature.uuid, properties: publicProperties(feature, fieldKeys), geometry: roundGeometry(feature.geometry) });
      chunk.push(written === 0 ? json : `,\n${json}`);
      written += 1;
      onFeature(feature);
      if (written % 1000 === 0) {
        flush();
        await new Promise((resolve) => setImmediate(resolve));
        onProgress?.(written);
      }
    }
    flush();
    writeSync(fd, '\n]}\n');
  } finally {
    closeSync(fd);
  }
  return written;
}
