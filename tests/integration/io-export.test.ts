/**
 * Export round trip: every demo layer to every format and back through the importer: same
 * counts, same attributes (where the format keeps them), geometries within 1 mm (GeoJSON and
 * KML after going through WGS 84 and back). DXF keeps geometry only. Each layer exports a
 * selection of up to 150 features (the uuid path) to keep the run short.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeDemoProject } from '../../gis-core/demo/write.js';
import { EXPORT_FORMATS, exportLayer, type ExportFormat } from '../../gis-core/io/export.js';
import { detectCrs } from '../../gis-core/io/crs-detect.js';
import { importFile, inspectSource } from '../../gis-core/io/import.js';
import { Project } from '../../gis-core/store/project.js';
import type { StoredFeature } from '../../gis-core/store/types.js';
import { LAYERS } from '../../layers/index.js';
import type { LayerDefinition, LayerId } from '../../layers/types.js';
import { tempDir } from '../helpers/temp.js';

const dir = tempDir('plandesk-io-export-');
let demo: Project;
let n = 0;

beforeAll(() => {
  const file = join(dir, 'demo.plandesk.sqlite');
  writeDemoProject(file, { scale: 'small', seed: 2025 });
  demo = Project.open(file, { readonly: true });
  return () => demo.close();
}, 300_000);

function fresh(): Project {
  const info = demo.info();
  return Project.create(join(dir, `back${++n}.plandesk.sqlite`), { name: 'back', province: info.province, crsEpsg: info.crsEpsg });
}

function positions(f: StoredFeature): number[][] {
  const out: number[][] = [];
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') out.push(c as number[]);
    else if (Array.isArray(c)) c.forEach(walk);
  };
  walk((f.geometry as unknown as { coordinates: unknown }).coordinates);
  return out;
}

/**
 * Vertex distance both ways (each vertex to the nearest of the other): formats may start a
 * ring elsewhere or turn it (shapefile outer rings are clockwise), which is the same polygon.
 */
function maxDistance(a: StoredFeature, b: StoredFeature): number {
  const pa = positions(a);
  const pb = positions(b);
  if (Math.abs(pa.length - pb.length) > 0) return Number.POSITIVE_INFINITY;
  const near = (p: number[], list: number[][]) => Math.min(...list.map((q) => Math.hypot(p[0]! - q[0]!, p[1]! - q[1]!)));
  return Math.max(...pa.map((p) => near(p, pb)), ...pb.map((p) => near(p, pa)));
}

function comparable(layer: LayerDefinition, f: StoredFeature): Record<string, unknown> {
  return Object.fromEntries(layer.fields.filter((x) => !x.derived).map((x) => [x.key, f.properties[x.key] ?? null]));
}

const SAMPLE = 150;

describe('export and import back', () => {
  for (const layer of LAYERS) {
    for (const format of EXPORT_FORMATS) {
      // DXF turns polygons into closed polylines: checked on points and lines only.
      if (format === 'dxf' && layer.geometryType === 'Polygon') continue;
      it(`${layer.id} → ${format} → ${layer.id}`, async () => {
        const all = demo.features(layer.id, { limit: SAMPLE, orderBy: { field: 'uuid' } });
        if (all.length === 0) return;
        const out = join(dir, `${layer.id}-${format}.${format === 'shp' ? 'shp' : format}`);
        const exported = await exportLayer(demo, { layer: layer.id as LayerId, format: format as ExportFormat, out, uuids: all.map((f) => f.uuid) });
        expect(exported.features).toBe(all.length);
        if (format === 'dxf') {
          // DXF keeps no attributes, so it cannot go back into layers with required fields: read it with GDAL.
          const inspected = await inspectSource(out);
          expect(inspected.layers[0]!.featureCount).toBe(all.length);
          return;
        }
        const back = fresh();
        try {
          const result = await importFile(back, out, { layer: layer.id, ...(format === 'csv' ? { srcCrs: demo.info().crsEpsg } : {}), multi: 'refuse' });
          expect(result.rejected).toEqual([]);
          expect(result.imported).toBe(all.length);
          const got = back.features(layer.id);
          const byUuid = new Map(got.map((f) => [String(f.extraAttributes?.['uuid']), f]));
          for (const f of all) {
            const twin = byUuid.get(f.uuid);
            expect(twin, `feature ${f.uuid}`).toBeDefined();
            expect(comparable(layer, twin!)).toEqual(comparable(layer, f));
            expect(maxDistance(twin!, f)).toBeLessThan(0.001);
          }
        } finally {
          back.close();
        }
      });
    }
  }

  it('a shapefile gets a .cpg and a .prj with the EPSG:6960 shift; DXF layers and colours follow the style', async () => {
    const hydrants = demo.features('water_hydrants', { limit: 5 });
    const out = join(dir, 'check.shp');
    await exportLayer(demo, { layer: 'water_hydrants', format: 'shp', out, uuids: hydrants.map((f) => f.uuid) });
    expect(readFileSync(join(dir, 'check.cpg'), 'utf8').trim()).toBe('UTF-8');
    const prj = readFileSync(join(dir, 'check.prj'), 'utf8');
    expect(prj).toContain('TOWGS84[-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278]');
    expect(detectCrs(prj)).toMatchObject({ epsg: demo.info().crsEpsg, status: 'registry' });
    const dxf = join(dir, 'check.dxf');
    await exportLayer(demo, { layer: 'water_hydrants', format: 'dxf', out: dxf, uuids: hydrants.map((f) => f.uuid) });
    const info = execFileSync('ogrinfo', ['-al', '-q', dxf]).toString();
    expect(info).toContain('Layer (String) = water_hydrants');
    // DXF holds AutoCAD Color Index colours: the style's #e53935 becomes the nearest one, ACI 10 (#ff3f00 as GDAL reads it).
    expect(info).toMatch(/Style = PEN\(c:#ff3f00\)/);
  });

  it('exports in another CRS, and GeoJSON in WGS 84 (RFC 7946)', async () => {
    const parcels = demo.features('parcels', { limit: 3 });
    const out = join(dir, 'parcels-4756.gpkg');
    const result = await exportLayer(demo, { layer: 'parcels', format: 'gpkg', out, crs: 4756, uuids: parcels.map((f) => f.uuid) });
    expect(result.crs).toBe(4756);
    const geojson = join(dir, 'parcels.geojson');
    await exportLayer(demo, { layer: 'parcels', format: 'geojson', out: geojson, uuids: parcels.map((f) => f.uuid) });
    const doc = JSON.parse(readFileSync(geojson, 'utf8')) as { crs?: unknown; features: { geometry: { coordinates: number[][][] } }[] };
    expect(doc.crs).toBeUndefined();
    const [lon, lat] = doc.features[0]!.geometry.coordinates[0]![0]!;
    expect(lon).toBeGreaterThan(102);
    expect(lat).toBeLessThan(24);
  });
});
