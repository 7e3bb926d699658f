/**
 * Zipped shapefiles in a sub-folder (`data.zip/Ban do/QH_sudung.shp`, as Windows' "Send to
 * compressed folder" makes them): inspect lists every shapefile of the folder as a layer, import
 * reads the chosen one. Zips are made at test time by tests/helpers/gdal-fixtures.ts zipFiles.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile, inspectSource } from '../../gis-core/io/import.js';
import { Project } from '../../gis-core/store/project.js';
import { ogr2ogr, writeGeoJson, zipFiles } from '../helpers/gdal-fixtures.js';
import { tempDir } from '../helpers/temp.js';

const dir = tempDir('plandesk-io-zip-');

const HYDRANTS = Array.from({ length: 4 }, (_, i) => ({
  properties: { code: `H${i + 1}`, ghi_chu: `Trụ cứu hỏa số ${i + 1}, đường Lê Lợi` },
  geometry: { type: 'Point', coordinates: [548000 + i * 25.5, 1773000 + i * 10] },
}));
const ZONES = [
  {
    properties: { ky_hieu: 'OM-01', ten: 'Khu ở mới Hòa Xuân' },
    geometry: { type: 'Polygon', coordinates: [[[548000, 1773000], [548100, 1773000], [548100, 1773100], [548000, 1773000]]] },
  },
];

/** The parts of a UTF-8 shapefile (EPSG:5899) written by GDAL, by extension. */
function shapefile(name: string, features: typeof HYDRANTS | typeof ZONES): Record<string, string> {
  const folder = mkdtempSync(join(dir, `${name}-parts-`));
  ogr2ogr(['-f', 'ESRI Shapefile', join(folder, `${name}.shp`), writeGeoJson(dir, `${name}-src`, features), '-a_srs', 'EPSG:5899', '-lco', 'ENCODING=UTF-8']);
  return Object.fromEntries(readdirSync(folder).map((f) => [f.slice(f.lastIndexOf('.')), join(folder, f)]));
}

/** Zip entries `<folder>/<name><ext>` for each part. */
function inFolder(folder: string, name: string, parts: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(parts).map(([ext, path]) => [`${folder ? `${folder}/` : ''}${name}${ext}`, path]));
}

function project(name: string): Project {
  return Project.create(join(dir, `${name}.plandesk.sqlite`), { name, province: 'Đà Nẵng', crsEpsg: 5899 });
}

describe('zipped shapefiles in a sub-folder', () => {
  it('inspect lists every shapefile of the folder; import reads the one chosen, text intact', async () => {
    const hydrants = shapefile('Tru_cuu_hoa', HYDRANTS);
    const zones = shapefile('QH_sudung', ZONES);
    const zip = zipFiles(join(dir, 'data.zip'), {
      ...inFolder('Ban do', 'QH_sudung', zones),
      ...inFolder('Ban do', 'Tru_cuu_hoa', hydrants),
      // A macOS archive's resource forks are not shapefiles.
      [`__MACOSX/Ban do/._QH_sudung.shp`]: hydrants['.dbf']!,
    });

    const inspected = await inspectSource(zip);
    expect(inspected.layers.map((l) => [l.name, l.featureCount]).sort()).toEqual([
      ['QH_sudung', 1],
      ['Tru_cuu_hoa', 4],
    ]);

    const p = project('sub');
    try {
      const result = await importFile(p, zip, { layer: 'water_hydrants', sourceLayer: 'Tru_cuu_hoa', srcCrs: 5899, mapping: { code: 'code', ghi_chu: null } });
      expect(result).toMatchObject({ imported: 4, sourceLayer: 'Tru_cuu_hoa' });
      const stored = p.features('water_hydrants', { orderBy: { field: 'code' } });
      expect(stored.map((f) => [f.properties.code, f.extraAttributes?.ghi_chu])).toEqual(HYDRANTS.map((h) => [h.properties.code, h.properties.ghi_chu]));
      expect(stored[1]!.geometry).toEqual({ type: 'Point', coordinates: [548025.5, 1773010] });
      expect(p.editHistory()).toHaveLength(1);
    } finally {
      p.close();
    }
  });

  it('a deeper Vietnamese folder name works; shapefiles at the root still do', async () => {
    const zones = shapefile('QH_sudung', ZONES);
    const deep = zipFiles(join(dir, 'sâu.zip'), inFolder('Hồ sơ/Bản đồ quy hoạch', 'QH_sudung', zones));
    expect((await inspectSource(deep)).layers.map((l) => [l.name, l.featureCount])).toEqual([['QH_sudung', 1]]);
    const root = zipFiles(join(dir, 'root.zip'), inFolder('', 'QH_sudung', zones));
    expect((await inspectSource(root)).layers.map((l) => [l.name, l.featureCount])).toEqual([['QH_sudung', 1]]);
  });

  it('shapefiles in several folders: a clear message naming them, nothing imported', async () => {
    const zip = zipFiles(join(dir, 'two.zip'), { ...inFolder('Hien trang', 'QH_sudung', shapefile('QH_sudung', ZONES)), ...inFolder('Quy hoach', 'Tru', shapefile('Tru', HYDRANTS)) });
    await expect(inspectSource(zip)).rejects.toThrow(/several folders \("Hien trang", "Quy hoach"\)/);
    const p = project('two');
    try {
      await expect(importFile(p, zip, { layer: 'water_hydrants', srcCrs: 5899 })).rejects.toThrow(/several folders/);
      expect(p.count('water_hydrants')).toBe(0);
    } finally {
      p.close();
    }
  });
});
