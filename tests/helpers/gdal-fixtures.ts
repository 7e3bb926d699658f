/** Writing real GDAL files for the import/export tests: GeoJSON written here, converted by ogr2ogr. */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface FixtureFeature {
  readonly properties: Record<string, unknown>;
  readonly geometry: { type: string; coordinates: unknown } | null;
}

/** Writes a GeoJSON FeatureCollection and returns its path. */
export function writeGeoJson(dir: string, name: string, features: readonly FixtureFeature[]): string {
  const file = join(dir, `${name}.geojson`);
  writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: features.map((f) => ({ type: 'Feature', ...f })) }));
  return file;
}

/** Runs ogr2ogr; throws with its stderr when it fails. */
export function ogr2ogr(args: readonly string[]): void {
  execFileSync('ogr2ogr', [...args], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * A shapefile whose DBF holds exactly these bytes: each text value is given as a string of
 * code points 0–255 (one per byte), written through ISO-8859-1 with no .cpg.
 */
export function shapefileWithBytes(dir: string, name: string, features: readonly FixtureFeature[], srs?: string): string {
  const source = writeGeoJson(dir, `${name}-src`, features);
  const out = join(dir, `${name}.shp`);
  ogr2ogr(['-f', 'ESRI Shapefile', out, source, '-lco', 'ENCODING=ISO-8859-1', ...(srs ? ['-a_srs', srs] : [])]);
  return out;
}

export function bytesAsLatin1(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('latin1');
}

export function iconv(text: string, to: string): Uint8Array {
  return execFileSync('iconv', ['-f', 'UTF-8', '-t', to], { input: text });
}

/**
 * A zip (deflated) holding `files` under the names given — folders included, e.g.
 * `Ban do/QH_sudung.shp` — made by Python's zipfile (the `zip` program may not be installed;
 * python3 is, GDAL's scripts need it). Names are stored as UTF-8.
 */
export function zipFiles(zip: string, files: Readonly<Record<string, string>>): string {
  const script = 'import json, sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:\n    for name, path in json.loads(sys.argv[2]).items():\n        z.write(path, name)\n';
  execFileSync('python3', ['-c', script, zip, JSON.stringify(files)]);
  return zip;
}
