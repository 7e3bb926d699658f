import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fromFile } from 'geotiff';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../gis-core/cli/main.js';
import { generateDemo } from '../../gis-core/demo/generate.js';
import type { PlantedViolation } from '../../gis-core/demo/violations.js';
import { writeDemoProject, type WriteDemoResult } from '../../gis-core/demo/write.js';
import { isPlanDeskError } from '../../gis-core/errors.js';
import { Project } from '../../gis-core/store/project.js';
import { tempDir } from '../helpers/temp.js';

const dir = tempDir('plandesk-demo-');
const file = join(dir, 'cao-lanh.plandesk.sqlite');
const demo = generateDemo({ scale: 'small', seed: 2025 });
let result: WriteDemoResult;

beforeAll(() => {
  result = writeDemoProject(file, { scale: 'small', seed: 2025 });
});

describe('demo project on disk', () => {
  it('writes every layer and the metadata the app reads', () => {
    expect(result.terrainFile).toBe(join(dir, 'cao-lanh.dem.tif'));
    const project = Project.open(file, { readonly: true });
    try {
      const info = project.info();
      expect(info.name).toBe('Khu đô thị mẫu – TP. Cao Lãnh');
      expect(info.province).toBe('Đồng Tháp');
      expect(info.crsEpsg).toBe(5897);
      for (const layer of project.layers()) {
        expect(layer.featureCount, layer.id).toBe(result.counts[layer.id]);
        expect(layer.featureCount, layer.id).toBeGreaterThan(0);
      }
      expect(project.getMetadata('terrain')).toBe('cao-lanh.dem.tif');
      expect(project.getMetadata('demo_seed')).toBe('2025');
      expect(project.getMetadata('demo_scale')).toBe('small');
      const manifest = JSON.parse(project.getMetadata('demo_manifest') as string) as PlantedViolation[];
      expect(manifest).toEqual(demo.manifest);
      for (const m of manifest) expect(project.featureByUuid(m.layer, m.uuid), `${m.kind} ${m.uuid}`).toBeDefined();
      // Stored features are the generated ones.
      const first = demo.layers.drainage_pipes()[Symbol.iterator]().next().value;
      const stored = project.featureByUuid('drainage_pipes', first?.uuid as string);
      expect(stored?.properties.upstream_manhole).toBe(first?.properties.upstream_manhole);
      expect(stored?.geometry).toEqual(first?.geometry);
    } finally {
      project.close();
    }
  });

  it('writes a Float32 GeoTIFF in EPSG:5897 that gdalinfo reads', () => {
    const info = JSON.parse(execFileSync('gdalinfo', ['-json', result.terrainFile], { encoding: 'utf8' })) as {
      size: [number, number];
      geoTransform: number[];
      coordinateSystem: { wkt: string };
      bands: { type: string; noDataValue: number }[];
    };
    const g = demo.terrain.grid;
    expect(info.size).toEqual([g.columns, g.rows]);
    expect(info.geoTransform).toEqual([g.originX, 2, 0, g.originY, 0, -2]);
    expect(info.coordinateSystem.wkt).toMatch(/ID\["EPSG",5897\]\]\s*$/);
    expect(info.bands).toHaveLength(1);
    expect(info.bands[0]?.type).toBe('Float32');
    expect(info.bands[0]?.noDataValue).toBe(-9999);
    const stats = execFileSync('gdalinfo', ['-stats', '-json', result.terrainFile], { encoding: 'utf8' });
    const band = (JSON.parse(stats) as { bands: { minimum: number; maximum: number }[] }).bands[0];
    expect(band?.minimum).toBeCloseTo(0.3, 5);
    expect(band?.maximum).toBeLessThanOrEqual(3);
  });

  it('writes a GeoTIFF that geotiff.js reads back: tags, GeoKeys and heights', async () => {
    const tiff = await fromFile(result.terrainFile);
    const image = await tiff.getImage();
    const g = demo.terrain.grid;
    expect(image.getWidth()).toBe(g.columns);
    expect(image.getHeight()).toBe(g.rows);
    expect(image.getBitsPerSample()).toBe(32);
    expect(Array.from(image.fileDirectory.SampleFormat as ArrayLike<number>)).toEqual([3]);
    expect(image.getGeoKeys().ProjectedCSTypeGeoKey).toBe(5897);
    expect(image.getResolution()).toEqual([2, -2, 0]);
    expect(image.getOrigin()).toEqual([g.originX, g.originY, 0]);
    const window = [100, 200, 140, 230];
    const raster = (await image.readRasters({ window }))[0] as Float32Array;
    for (let r = 0; r < 30; r += 7) {
      for (let c = 0; c < 40; c += 9) {
        const x = g.originX + (window[0] as number) * 2 + (c + 0.5) * 2;
        const y = g.originY - ((window[1] as number) + r + 0.5) * 2;
        expect(raster[r * 40 + c]).toBe(Math.fround(demo.terrain.elevationAt(x, y)));
      }
    }
  });

  it('is a plain SpatiaLite file that GDAL opens', () => {
    const out = execFileSync('ogrinfo', ['-ro', '-so', file, 'drainage_pipes'], { encoding: 'utf8' });
    expect(out).toMatch(new RegExp(`Feature Count: ${result.counts.drainage_pipes}\\b`));
  });
});

describe('plandesk demo', () => {
  let out = '';
  let err = '';
  beforeAll(() => {
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out += String(chunk);
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      err += String(chunk);
      return true;
    });
  });
  afterEach(() => {
    out = '';
    err = '';
  });

  it('refuses to overwrite a project without --force', async () => {
    expect(() => writeDemoProject(file, { scale: 'small', seed: 1 })).toThrow(expect.objectContaining({ code: 'FILE_EXISTS' }));
    try {
      writeDemoProject(file, { seed: 1 });
    } catch (error) {
      expect(isPlanDeskError(error) && error.message).toContain(file);
    }
    expect(await runCli(['demo', '--out', file])).toBe(1);
    expect(err).toContain('already exists');
    expect(Project.open(file, { readonly: true }).getMetadata('demo_seed')).toBe('2025');
  });

  it('writes the project and terrain, replacing them with --force, and reports counts', async () => {
    const target = join(dir, 'cli.plandesk.sqlite');
    expect(await runCli(['demo', '--out', target, '--seed', '7', '--scale', '15000'])).toBe(0);
    expect(out).toContain(`project: ${target}`);
    expect(out).toContain(`terrain: ${join(dir, 'cli.dem.tif')}`);
    expect(out).toMatch(/parcels\s+[\d,]+/);
    expect(existsSync(join(dir, 'cli.dem.tif'))).toBe(true);
    expect(await runCli(['demo', '--out', target, '--seed', '8', '--scale', '15000'])).toBe(1);
    expect(await runCli(['demo', '--out', target, '--seed', '8', '--scale', '15000', '--force'])).toBe(0);
    const project = Project.open(target, { readonly: true });
    expect(project.getMetadata('demo_seed')).toBe('8');
    expect(project.getMetadata('demo_scale')).toBe('15000');
    project.close();
  });

  it('rejects a bad scale or seed with a one-line message', async () => {
    expect(await runCli(['demo', '--out', join(dir, 'x.plandesk.sqlite'), '--scale', 'huge'])).toBe(1);
    expect(err).toContain('Invalid demo scale "huge"');
    expect(await runCli(['demo', '--out', join(dir, 'x.plandesk.sqlite'), '--seed', 'abc'])).toBe(1);
    expect(err).toContain('Invalid seed "abc"');
    expect(existsSync(join(dir, 'x.plandesk.sqlite'))).toBe(false);
  });
});
