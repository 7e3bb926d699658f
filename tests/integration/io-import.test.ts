/**
 * Import through GDAL over real GDAL-written files: every input format, VN-2000 CRS repair
 * and zone suggestion, one undoable batch, and bad input (each a clear message, the project
 * unchanged).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getCrs } from '../../gis-core/crs/registry.js';
import { transformPoint } from '../../gis-core/crs/transform.js';
import { detectCrs } from '../../gis-core/io/crs-detect.js';
import { importFile, inspectSource, suggestMapping } from '../../gis-core/io/import.js';
import { Project } from '../../gis-core/store/project.js';
import { getLayer } from '../../layers/index.js';
import { ogr2ogr, writeGeoJson, type FixtureFeature } from '../helpers/gdal-fixtures.js';
import { tempDir } from '../helpers/temp.js';

const dir = tempDir('plandesk-io-import-');
let n = 0;

/** A fresh project in Đà Nẵng (TM-3 107°45′, EPSG:5899). */
function project(): Project {
  return Project.create(join(dir, `p${++n}.plandesk.sqlite`), { name: 'Nhập', province: 'Đà Nẵng', crsEpsg: 5899 });
}

const HYDRANTS: FixtureFeature[] = Array.from({ length: 5 }, (_, i) => ({
  properties: { code: `H${i + 1}`, loai: i % 2 ? 'pillar' : 'underground', duong_kinh: 100 + i * 25, ghi_chu: `Trụ số ${i + 1}` },
  geometry: { type: 'Point', coordinates: [548000 + i * 37.125, 1773000 + i * 11.5] },
}));

function hydrantSource(name = 'hydrants'): string {
  return writeGeoJson(dir, name, HYDRANTS);
}

/** Converts the hydrant GeoJSON (EPSG:5899) to a format. */
function convert(driver: string, out: string, extra: string[] = []): string {
  mkdirSync(dirname(out), { recursive: true });
  const reproject = extra.includes('-t_srs');
  const encoding = driver === 'ESRI Shapefile' ? ['-lco', 'ENCODING=UTF-8'] : [];
  ogr2ogr(['-f', driver, out, hydrantSource(), reproject ? '-s_srs' : '-a_srs', 'EPSG:5899', ...encoding, ...extra]);
  return out;
}

async function expectUnchanged(p: Project, run: () => Promise<unknown>, message: RegExp): Promise<void> {
  const before = { count: p.count('water_hydrants'), history: p.editHistory().length };
  await expect(run()).rejects.toThrow(message);
  expect({ count: p.count('water_hydrants'), history: p.editHistory().length }).toEqual(before);
}

describe('import formats', () => {
  const formats: [string, () => string][] = [
    ['Shapefile', () => convert('ESRI Shapefile', join(dir, 'f-shp', 'h.shp'))],
    [
      'zipped Shapefile',
      () => {
        const shp = convert('ESRI Shapefile', join(dir, 'f-zip', 'h.shp'));
        execFileSync('zip', ['-j', '-q', join(dir, 'h.zip'), ...['shp', 'shx', 'dbf', 'prj'].map((e) => shp.replace(/shp$/, e))]);
        return join(dir, 'h.zip');
      },
    ],
    ['GeoPackage', () => convert('GPKG', join(dir, 'h.gpkg'))],
    ['GeoJSON', () => hydrantSource('plain')],
    ['KML', () => convert('LIBKML', join(dir, 'h.kml'), ['-t_srs', 'EPSG:4326'])],
    ['KMZ', () => convert('LIBKML', join(dir, 'h.kmz'), ['-t_srs', 'EPSG:4326'])],
    ['GML', () => convert('GML', join(dir, 'h.gml'))],
    ['CSV', () => convert('CSV', join(dir, 'h.csv'), ['-lco', 'GEOMETRY=AS_XY'])],
    ['FileGDB', () => convert('OpenFileGDB', join(dir, 'h.gdb'))],
    ['SpatiaLite', () => convert('SQLite', join(dir, 'h.sqlite'), ['-dsco', 'SPATIALITE=YES'])],
    ['DXF', () => convert('DXF', join(dir, 'h.dxf'))],
  ];

  for (const [name, make] of formats) {
    it(`${name} lands in the layer`, async () => {
      const file = make();
      const p = project();
      try {
        const needsCrs = name === 'CSV' || name === 'DXF' || name === 'GeoJSON';
        const result = await importFile(p, file, { layer: 'water_hydrants', ...(needsCrs ? { srcCrs: 5899 } : {}) });
        expect(result.rejected).toEqual([]);
        expect(result.imported).toBe(5);
        const features = p.features('water_hydrants');
        const byX = features.map((f) => (f.geometry as unknown as { coordinates: number[] }).coordinates).sort((a, b) => a[0]! - b[0]!);
        HYDRANTS.forEach((h, i) => {
          const [x, y] = (h.geometry as { coordinates: number[] }).coordinates as [number, number];
          // KML is WGS 84 longitude/latitude with GDAL's precision: within 1 cm; the others exact to 1 mm.
          const tol = name.startsWith('KM') ? 0.01 : 0.001;
          expect(Math.abs(byX[i]![0]! - x)).toBeLessThan(tol);
          expect(Math.abs(byX[i]![1]! - y)).toBeLessThan(tol);
        });
        if (name !== 'DXF') {
          const codes = features.map((f) => f.properties['code']).sort();
          expect(codes).toEqual(['H1', 'H2', 'H3', 'H4', 'H5']);
        }
      } finally {
        p.close();
      }
    });
  }
});

describe('VN-2000 coordinate systems', () => {
  const ESRI_NO_TOWGS84 =
    'PROJCS["VN_2000_UTM_TM3_105",GEOGCS["GCS_VN_2000",DATUM["D_Vietnam_2000",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",105.0],PARAMETER["Scale_Factor",0.9999],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
  const WRONG_SIGNS =
    'PROJCS["VN-2000 / TM-3 zone 482",GEOGCS["VN-2000",DATUM["Vietnam_2000",SPHEROID["WGS 84",6378137,298.257223563],TOWGS84[-191.90441429,-39.30318279,-111.45032835,-0.00928836,0.01975479,-0.00427372,0.252906278]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",105],PARAMETER["scale_factor",0.9999],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1]]';
  const BARE_TM =
    'PROJCS["unnamed",GEOGCS["unnamed",DATUM["unknown",SPHEROID["WGS84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",107.45],PARAMETER["scale_factor",0.9999],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1]]';

  it('recognises VN-2000 without towgs84, with the published signs, and a bare TM-3 (107.45 = 107°45′)', () => {
    expect(detectCrs(ESRI_NO_TOWGS84)).toMatchObject({ epsg: 5897, status: 'vn2000-repaired' });
    expect(detectCrs(WRONG_SIGNS)).toMatchObject({ epsg: 5897, status: 'vn2000-repaired' });
    expect(detectCrs(WRONG_SIGNS).note).toMatch(/coordinate-frame/);
    expect(detectCrs(BARE_TM)).toMatchObject({ epsg: 5899, status: 'vn2000-repaired' });
    expect(detectCrs(null)).toMatchObject({ epsg: null, status: 'none' });
    // A plain WGS 84 UTM is not VN-2000.
    const utm = execFileSync('gdalsrsinfo', ['-o', 'wkt1', '--single-line', 'EPSG:32648']).toString();
    expect(detectCrs(utm).epsg).toBeNull();
  });

  for (const [label, prj] of [
    ['without towgs84 (ESRI)', ESRI_NO_TOWGS84],
    ['with the published rotation signs', WRONG_SIGNS],
  ] as const) {
    it(`a zone-105 shapefile ${label} lands within 1 cm of the correct definition`, async () => {
      const sub = join(dir, `prj-${label.replace(/\W+/g, '-')}`);
      mkdirSync(sub, { recursive: true });
      const pts: [number, number][] = [
        [545000, 1770000],
        [560123.456, 1781234.567],
      ];
      const src = writeGeoJson(sub, 'pts', pts.map((c, i) => ({ properties: { code: `P${i}` }, geometry: { type: 'Point', coordinates: c } })));
      const shp = join(sub, 'pts.shp');
      ogr2ogr(['-f', 'ESRI Shapefile', shp, src]);
      writeFileSync(join(sub, 'pts.prj'), prj);
      const p = project();
      try {
        const result = await importFile(p, shp, { layer: 'water_hydrants' });
        expect(result.crs.epsg).toBe(5897);
        const got = p.features('water_hydrants', { orderBy: { field: 'code' } }).map((f) => (f.geometry as unknown as { coordinates: number[] }).coordinates);
        pts.forEach((c, i) => {
          const expected = transformPoint(c, getCrs(5897), getCrs(5899));
          expect(Math.hypot(got[i]![0]! - expected[0]!, got[i]![1]! - expected[1]!)).toBeLessThan(0.01);
        });
      } finally {
        p.close();
      }
    });
  }

  it('a file with no CRS gets the right zone suggested, and is refused until one is chosen', async () => {
    const sub = join(dir, 'nocrs');
    mkdirSync(sub, { recursive: true });
    const shp = join(sub, 'h.shp');
    ogr2ogr(['-f', 'ESRI Shapefile', shp, hydrantSource('nocrs-src')]);
    rmSync(join(sub, 'h.prj'), { force: true });
    const inspected = await inspectSource(shp, { project: { crsEpsg: 5899, province: 'Đà Nẵng' } });
    expect(inspected.layers[0]!.crs.status).toBe('none');
    expect(inspected.layers[0]!.crsSuggestions[0]!.epsg).toBe(5899);
    // A Hà Nội project (zone 105°) still gets 107°45′ offered for these coordinates? No: they fit 105° too;
    // the project's own zone comes first and the coordinates decide which zones are plausible.
    const hanoi = await inspectSource(shp, { project: { crsEpsg: 5897, province: 'Hà Nội' } });
    expect(hanoi.layers[0]!.crsSuggestions.map((s) => s.epsg)).toContain(5899);
    const p = project();
    try {
      await expectUnchanged(p, () => importFile(p, shp, { layer: 'water_hydrants' }), /no coordinate system.*EPSG:5899/);
      const result = await importFile(p, shp, { layer: 'water_hydrants', srcCrs: 5899 });
      expect(result.imported).toBe(5);
    } finally {
      p.close();
    }
  });

  it('suggests lon/lat for degrees inside Vietnam', async () => {
    const src = writeGeoJson(dir, 'deg', [{ properties: {}, geometry: { type: 'Point', coordinates: [108.2, 16.05] } }]);
    const shp = join(dir, 'deg.shp');
    ogr2ogr(['-f', 'ESRI Shapefile', shp, src]);
    rmSync(join(dir, 'deg.prj'), { force: true });
    const inspected = await inspectSource(shp, { project: { crsEpsg: 5899, province: 'Đà Nẵng' } });
    expect(inspected.layers[0]!.crsSuggestions[0]!.epsg).toBe(4326);
  });
});

describe('one edit batch, mapping, geometry', () => {
  it('the import is one undoable batch, and the mapping is suggested by name and content and saved', async () => {
    const shp = convert('ESRI Shapefile', join(dir, 'batch', 'h.shp'));
    const p = project();
    try {
      const result = await importFile(p, shp, { layer: 'water_hydrants' });
      // 'loai' holds hydrant type codes: matched by content; 'duong_kinh' by the Vietnamese label? It is 'Đường kính'.
      expect(result.mapping['code']).toBe('code');
      expect(result.mapping['loai']).toBe('hydrant_type');
      expect(result.mapping['ghi_chu']).toBeNull();
      expect(p.count('water_hydrants')).toBe(5);
      const f = p.features('water_hydrants', { orderBy: { field: 'code' } })[0]!;
      expect(f.extraAttributes).toMatchObject({ ghi_chu: 'Trụ số 1' });
      expect(p.editHistory()[0]).toMatchObject({ source: 'import' });
      p.undo();
      expect(p.count('water_hydrants')).toBe(0);
      // The next import of the same source starts from the saved mapping.
      const again = await importFile(p, shp, { layer: 'water_hydrants', mapping: { ghi_chu: null, duong_kinh: 'diameter_mm' } });
      expect(again.mapping['duong_kinh']).toBe('diameter_mm');
      const third = await importFile(p, shp, { layer: 'water_hydrants' });
      expect(third.mapping['duong_kinh']).toBe('diameter_mm');
    } finally {
      p.close();
    }
  });

  it('suggests by Vietnamese and English labels and 10-character shapefile names', () => {
    const layer = getLayer('drainage_manholes');
    const m = suggestMapping(layer, ['rim_level_', 'Cao độ đáy', 'CODE', 'Structure kind']);
    expect(m['rim_level_']).toBe('rim_level_m');
    expect(m['Cao độ đáy']).toBe('invert_level_m');
    expect(m['Structure kind']).toBe('kind');
    expect(m['CODE']).toBe('code');
  });

  it('splits multi-parts, keeps Z as the manhole rim level, reports wrong geometry types by row', async () => {
    const src = writeGeoJson(dir, 'mixed', [
      { properties: { code: 'M1', loai_ho: 'Hố ga', cao_do_day: 2.1 }, geometry: { type: 'Point', coordinates: [548000, 1773000, 4.25] } },
      { properties: { code: 'M2', loai_ho: 'inlet', cao_do_day: 2.2 }, geometry: { type: 'MultiPoint', coordinates: [[548010, 1773000, 4.5], [548020, 1773000, 4.5]] } },
      { properties: { code: 'L1', loai_ho: 'manhole', cao_do_day: 2.3 }, geometry: { type: 'LineString', coordinates: [[548000, 1773000], [548010, 1773010]] } },
    ]);
    const p = project();
    try {
      const refused = await importFile(p, src, { layer: 'drainage_manholes', srcCrs: 5899 });
      expect(refused.imported).toBe(0);
      expect(refused.batchId).toBeNull();
      expect(refused.rejected).toEqual([{ row: 3, reason: expect.stringMatching(/LineString.*Point/) }]);
      expect(p.count('drainage_manholes')).toBe(0);
      const result = await importFile(p, src, { layer: 'drainage_manholes', srcCrs: 5899, skipInvalid: true });
      expect(result.imported).toBe(3);
      expect(result.mapping).toMatchObject({ loai_ho: 'kind', cao_do_day: 'invert_level_m' });
      expect(p.features('drainage_manholes').map((f) => f.properties['rim_level_m']).sort()).toEqual([4.25, 4.5, 4.5]);
      // Code-list matching: the label 'Hố ga' became the code.
      expect(p.features('drainage_manholes').map((f) => f.properties['kind']).sort()).toEqual(['inlet', 'inlet', 'manhole']);
      const refuse = await importFile(p, src, { layer: 'drainage_manholes', srcCrs: 5899, multi: 'refuse', skipInvalid: true });
      expect(refuse.rejected.map((r) => r.row)).toEqual([2, 3]);
    } finally {
      p.close();
    }
  });
});

describe('bad input: a clear message and the project unchanged', () => {
  const shapefile = (name: string): string => convert('ESRI Shapefile', join(dir, 'bad', name, 'h.shp'));

  it('a truncated .shp', async () => {
    const shp = shapefile('truncated');
    truncateSync(shp, 150);
    const p = project();
    try {
      await expectUnchanged(p, () => importFile(p, shp, { layer: 'water_hydrants' }), /ogr2ogr failed|ogrinfo failed|no features/);
    } finally {
      p.close();
    }
  });

  it('a missing .shx or .dbf', async () => {
    const a = shapefile('noshx');
    rmSync(a.replace(/shp$/, 'shx'));
    const b = shapefile('nodbf');
    rmSync(b.replace(/shp$/, 'dbf'));
    const p = project();
    try {
      await expectUnchanged(p, () => importFile(p, a, { layer: 'water_hydrants' }), /\.shx file is missing/);
      await expectUnchanged(p, () => importFile(p, b, { layer: 'water_hydrants' }), /\.dbf file is missing/);
    } finally {
      p.close();
    }
  });

  it('a DBF with a wrong record count', async () => {
    const shp = shapefile('dbfcount');
    const dbf = shp.replace(/shp$/, 'dbf');
    const bytes = readFileSync(dbf);
    bytes.writeUInt32LE(50, 4); // header says 50 records, the file holds 5
    writeFileSync(dbf, bytes);
    const p = project();
    try {
      await expectUnchanged(p, () => importFile(p, shp, { layer: 'water_hydrants' }), /header says 50 records but the file holds 5/);
    } finally {
      p.close();
    }
  });

  it('GeoJSON that is not JSON', async () => {
    const file = join(dir, 'broken.geojson');
    writeFileSync(file, '{"type": "FeatureCollection", "features": [ {"type": "Feature", ');
    const p = project();
    try {
      await expectUnchanged(p, () => importFile(p, file, { layer: 'water_hydrants' }), /failed/);
    } finally {
      p.close();
    }
  });

  it('GeoJSON with mixed geometry types: each wrong row listed, nothing written', async () => {
    const file = writeGeoJson(dir, 'mixed-types', [
      { properties: { code: 'A' }, geometry: { type: 'Point', coordinates: [548000, 1773000] } },
      { properties: { code: 'B' }, geometry: { type: 'Polygon', coordinates: [[[548000, 1773000], [548010, 1773000], [548010, 1773010], [548000, 1773000]]] } },
      { properties: { code: 'C' }, geometry: null },
    ]);
    const p = project();
    try {
      const result = await importFile(p, file, { layer: 'water_hydrants', srcCrs: 5899 });
      expect(result.rejected.map((r) => r.row)).toEqual([2, 3]);
      expect(result.rejected[1]!.reason).toMatch(/no geometry/);
      expect(p.count('water_hydrants')).toBe(0);
      expect(p.editHistory()).toHaveLength(0);
    } finally {
      p.close();
    }
  });

  it('a zip-bomb-like archive is refused before anything is unpacked', async () => {
    const big = join(dir, 'zeros.shp');
    writeFileSync(big, Buffer.alloc(60 * 1024 * 1024));
    const zip = join(dir, 'bomb.zip');
    execFileSync('zip', ['-j', '-q', zip, big]);
    rmSync(big);
    const p = project();
    try {
      await expectUnchanged(p, () => importFile(p, zip, { layer: 'water_hydrants' }), /zip bomb/);
      await expectUnchanged(p, () => importFile(p, zip, { layer: 'water_hydrants', limits: { maxRatio: 1e9, maxUncompressedBytes: 10 * 1024 * 1024 } }), /more than the 10 MiB allowed/);
    } finally {
      p.close();
    }
  });

  it('a path with Vietnamese characters and spaces imports', async () => {
    const sub = join(dir, 'Dữ liệu quy hoạch', 'Trụ cứu hỏa');
    mkdirSync(sub, { recursive: true });
    const shp = convert('ESRI Shapefile', join(sub, 'trụ nước.shp'));
    copyFileSync(shp, shp); // exists
    const p = project();
    try {
      const result = await importFile(p, shp, { layer: 'water_hydrants' });
      expect(result.imported).toBe(5);
    } finally {
      p.close();
    }
  });

  it('a 0-feature file', async () => {
    const file = writeGeoJson(dir, 'empty', []);
    const shp = join(dir, 'bad', 'empty.shp');
    mkdirSync(dirname(shp), { recursive: true });
    ogr2ogr(['-f', 'ESRI Shapefile', shp, hydrantSource('empty-src'), '-where', '1 = 0', '-a_srs', 'EPSG:5899']);
    const p = project();
    try {
      await expectUnchanged(p, () => importFile(p, file, { layer: 'water_hydrants' }), /no features/);
      await expectUnchanged(p, () => importFile(p, shp, { layer: 'water_hydrants' }), /no features/);
    } finally {
      p.close();
    }
  });

  it('a missing file and bad attribute values', async () => {
    const p = project();
    const file = writeGeoJson(dir, 'badattr', [
      { properties: { code: 'A', duong_kinh: 'một trăm' }, geometry: { type: 'Point', coordinates: [548000, 1773000] } },
      { properties: { code: 'B', duong_kinh: 150 }, geometry: { type: 'Point', coordinates: [548010, 1773000] } },
    ]);
    try {
      await expectUnchanged(p, () => importFile(p, join(dir, 'nope.shp'), { layer: 'water_hydrants' }), /does not exist/);
      const result = await importFile(p, file, { layer: 'water_hydrants', srcCrs: 5899, mapping: { duong_kinh: 'diameter_mm' } });
      expect(result.rejected).toEqual([{ row: 1, reason: expect.stringMatching(/^duong_kinh: /) }]);
      expect(p.count('water_hydrants')).toBe(0);
    } finally {
      p.close();
    }
  });
});
