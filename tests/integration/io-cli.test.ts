/** `plandesk import` / `plandesk export` through runCli (in process). */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Project } from '../../gis-core/store/project.js';
import { ogr2ogr, writeGeoJson } from '../helpers/gdal-fixtures.js';
import { tempDir } from '../helpers/temp.js';
import { cli } from '../helpers/run-cli.js';

const dir = tempDir('plandesk-io-cli-');


afterEach(() => vi.restoreAllMocks());

describe('plandesk import / export', () => {
  it('imports a shapefile, lists bad rows, exports it back', async () => {
    const file = join(dir, 'cli.plandesk.sqlite');
    Project.create(file, { name: 'cli', province: 'Đà Nẵng', crsEpsg: 5899 }).close();
    const src = writeGeoJson(dir, 'h', [
      { properties: { ma: 'H1', ghi_chu: 'Trụ 1' }, geometry: { type: 'Point', coordinates: [548000, 1773000] } },
      { properties: { ma: 'H2', ghi_chu: 'Trụ 2' }, geometry: { type: 'Point', coordinates: [548010, 1773000] } },
    ]);
    const shp = join(dir, 'h.shp');
    ogr2ogr(['-f', 'ESRI Shapefile', shp, src, '-lco', 'ENCODING=UTF-8']);
    writeFileSync(join(dir, 'mapping.json'), JSON.stringify({ ma: 'code' }));

    const noCrs = await cli(['import', file, shp, '--layer', 'water_hydrants']);
    expect(noCrs.code).toBe(1);
    expect(noCrs.err).toMatch(/coordinate system/);

    const inspected = await cli(['import', file, shp, '--layer', 'water_hydrants', '--inspect', '--json']);
    expect(inspected.code).toBe(0);
    expect(JSON.parse(inspected.out).layers[0].featureCount).toBe(2);

    const ok = await cli(['import', file, shp, '--layer', 'water_hydrants', '--src-crs', 'EPSG:5899', '--mapping', join(dir, 'mapping.json'), '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ imported: 2, mapping: { ma: 'code', ghi_chu: null } });

    const out = join(dir, 'out.gpkg');
    const exported = await cli(['export', file, '--layer', 'water_hydrants', '--format', 'gpkg', '--out', out, '--crs', 'EPSG:4756']);
    expect(exported.code).toBe(0);
    expect(exported.out).toMatch(/exported 2 features/);

    const badLayer = await cli(['export', file, '--layer', 'nope', '--format', 'gpkg', '--out', join(dir, 'x.gpkg')]);
    expect(badLayer.code).toBe(1);
  });
});
