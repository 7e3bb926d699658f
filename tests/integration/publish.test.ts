/**
 * `plandesk publish` on a copy of the demo: the web map package's files, its layers (counts
 * equal to the project's, only public fields, 1 cm coordinates) and its search index (a known
 * parcel by tờ/thửa, a ward without accents, a road, a plot code) through the same search code
 * the viewer runs.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { JobInfo } from '../../gis-core/api/contract.js';
import { PlanDeskService } from '../../gis-core/api/service.js';
import type { PublishResult } from '../../gis-core/publish/publish.js';
import type { SiteManifest, SiteSearchIndex } from '../../gis-core/publish/site-format.js';
import { SiteSearch } from '../../gis-core/publish/site-search.js';
import { PUBLISH_VIEWER_DIR } from '../../gis-core/publish/viewer-files.js';
import { Project } from '../../gis-core/store/project.js';
import { BUNDLED_DEMO, ROOT } from '../e2e/serve.js';
import { tempDir } from '../helpers/temp.js';
import { cli } from '../helpers/run-cli.js';

const dir = tempDir('plandesk-publish-');
const file = join(dir, 'demo.plandesk.sqlite');
const site = join(dir, 'site');


function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

interface GeoJsonLayer {
  features: { id: string; properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } }[];
}

function numbers(value: unknown): number[] {
  return typeof value === 'number' ? [value] : Array.isArray(value) ? value.flatMap(numbers) : [];
}

afterEach(() => vi.restoreAllMocks());

beforeAll(() => {
  copyFileSync(BUNDLED_DEMO, file);
  if (!existsSync(join(PUBLISH_VIEWER_DIR, 'index.html'))) {
    const built = spawnSync('npx', ['vite', 'build', '--config', 'renderer/publish/vite.config.ts'], { cwd: ROOT, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`building the web map viewer failed: ${built.stderr}`);
  }
});

describe('plandesk publish', () => {
  let result: PublishResult;
  let manifest: SiteManifest;
  let index: SiteSearchIndex;

  it('writes the package: viewer, layers, search index, metadata, README', async () => {
    const run = await cli(['publish', file, '--out', site, '--json']);
    expect(run.err).toContain('%');
    expect(run.code, run.err).toBe(0);
    result = JSON.parse(run.out) as PublishResult;
    for (const path of ['index.html', 'README.txt', 'data/site.json', 'data/search.json']) expect(existsSync(join(site, path)), path).toBe(true);
    expect(readdirSync(join(site, 'assets')).some((f) => f.endsWith('.js'))).toBe(true);
    // No source maps or absolute asset paths in what goes to the portal.
    expect(readdirSync(join(site, 'assets')).some((f) => f.endsWith('.map'))).toBe(false);
    expect(readFileSync(join(site, 'index.html'), 'utf8')).toMatch(/src="\.\/assets\//);

    manifest = readJson<SiteManifest>(join(site, 'data/site.json'));
    index = readJson<SiteSearchIndex>(join(site, 'data/search.json'));
    expect(manifest.layers.map((l) => l.id)).toEqual(['zoning', 'parcels', 'roads', 'red_lines']);
    expect(manifest.project.province).toBe('Đồng Tháp');
    expect(manifest.crs.epsg).toBe(5897);
    expect(manifest.crs.proj4).toContain('+towgs84=');
    expect(readFileSync(join(site, 'README.txt'), 'utf8')).toContain('python3 -m http.server');
    expect(result.bytes).toBeGreaterThan(0);
    // No temporary folder left beside the site.
    expect(readdirSync(dir).filter((n) => n.includes('publishing'))).toEqual([]);
  });

  it('has every feature of each layer, only public fields, coordinates to 1 cm', () => {
    const project = Project.open(file, { readonly: true });
    try {
      for (const layer of manifest.layers) {
        const data = readJson<GeoJsonLayer>(join(site, layer.file));
        const count = project.count(layer.id);
        expect(count).toBeGreaterThan(0);
        expect(data.features.length, layer.id).toBe(count);
        expect(layer.featureCount).toBe(count);
        expect(result.layers.find((l) => l.id === layer.id)?.features).toBe(count);
        const allowed = new Set(project.layer(layer.id).fields.map((f) => f.key));
        for (const f of data.features) for (const key of Object.keys(f.properties)) expect(allowed.has(key), `${layer.id}.${key}`).toBe(true);
        for (const f of data.features.slice(0, 200)) for (const v of numbers(f.geometry.coordinates)) expect(Math.abs(v * 100 - Math.round(v * 100))).toBeLessThan(1e-6);
        // Same geometry as the project, within the rounding.
        const sample = data.features[Math.floor(data.features.length / 2)]!;
        const stored = project.featureByUuid(layer.id, sample.id)!;
        const a = numbers(stored.geometry.coordinates);
        const b = numbers(sample.geometry.coordinates);
        expect(b.length).toBe(a.length);
        b.forEach((v, i) => expect(Math.abs(v - a[i]!)).toBeLessThanOrEqual(0.005 + 1e-9));
      }
      const parcelsText = readFileSync(join(site, 'data/layers/parcels.json'), 'utf8');
      for (const internal of ['extra_attributes', 'created_at', 'updated_at', 'updated_by', 'createdAt', 'updatedBy']) expect(parcelsText).not.toContain(internal);
    } finally {
      project.close();
    }
  });

  it('finds a known parcel by tờ/thửa, a ward without accents, a road and a plot code', () => {
    const project = Project.open(file, { readonly: true });
    try {
      const parcel = project.features('parcels', { offset: 777, limit: 1 })[0]!;
      const { sheet_no: sheet, parcel_no: no, ward } = parcel.properties as { sheet_no: number; parcel_no: number; ward: string };
      const search = new SiteSearch(index);
      expect(index.parcels.length).toBe(project.count('parcels'));
      for (const query of [`tờ ${sheet} thửa ${no}`, `to ${sheet} thua ${no}`, `${sheet}/${no}`]) {
        const hits = search.search(query);
        expect(hits.length, query).toBe(1);
        expect(hits[0]).toMatchObject({ kind: 'parcel', sheet, parcel: no, ids: [parcel.uuid] });
      }
      // Accent folding: "Phuong 1" finds "Phường 1".
      const asciiWard = ward.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
      expect(asciiWard).not.toBe(ward);
      const wardHit = search.search(asciiWard)[0]!;
      expect(wardHit).toMatchObject({ kind: 'ward', text: ward });
      expect(wardHit.ids).toContain(parcel.uuid);
      expect(wardHit.ids.length).toBe(project.count('parcels', { where: [{ field: 'ward', op: '=', value: ward }] }));
      // Addresses that only contain the words apart ("Số 10 …, Phường 3" for "Phuong 1") are not listed.
      const addresses = search.search(asciiWard, 50).filter((h) => h.kind === 'address');
      expect(addresses.length).toBeGreaterThan(0);
      for (const hit of addresses) expect(hit.text!.endsWith(ward) || hit.text!.includes(`${ward},`)).toBe(true);

      // An address typed without accents finds the parcel(s) at that address.
      const address = String(parcel.properties.address);
      const addressHit = search.search(address.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd')).find((h) => h.kind === 'address')!;
      expect(addressHit.text).toBe(address);
      expect(addressHit.ids).toContain(parcel.uuid);

      const road = project.features('roads', { limit: 1 })[0]!;
      const roadName = String(road.properties.name);
      const roadHit = search.search(`đường ${roadName.toLowerCase()}`)[0]!;
      expect(roadHit).toMatchObject({ kind: 'road', text: roadName });
      expect(roadHit.ids.length).toBe(project.count('roads', { where: [{ field: 'name', op: '=', value: roadName }] }));

      const zone = project.features('zoning', { offset: 5, limit: 1 })[0]!;
      const zoneHit = search.search(String(zone.properties.zone_code))[0]!;
      expect(zoneHit).toMatchObject({ kind: 'zone', layer: 'zoning', ids: [zone.uuid] });
      expect(search.search('không có gì như thế này')).toEqual([]);
    } finally {
      project.close();
    }
  });

  it('refuses to overwrite without --force, and never replaces a folder that is not a web map', async () => {
    const again = await cli(['publish', file, '--out', site]);
    expect(again.code).toBe(1);
    expect(again.err).toContain('--force');
    const replaced = await cli(['publish', file, '--out', site, '--force', '--layers', 'parcels', '--title', 'Tra cứu thửa đất', '--json']);
    expect(replaced.code, replaced.err).toBe(0);
    const manifest2 = readJson<SiteManifest>(join(site, 'data/site.json'));
    expect(manifest2.layers.map((l) => l.id)).toEqual(['parcels']);
    expect(manifest2.title).toBe('Tra cứu thửa đất');
    expect(existsSync(join(site, 'data/layers/zoning.json'))).toBe(false);

    const other = join(dir, 'documents');
    mkdirSync(other);
    writeFileSync(join(other, 'keep.txt'), 'do not delete');
    const refused = await cli(['publish', file, '--out', other, '--force']);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('not a PlanDesk web map');
    expect(readFileSync(join(other, 'keep.txt'), 'utf8')).toBe('do not delete');

    const unknown = await cli(['publish', file, '--out', join(dir, 'x'), '--layers', 'parcels,nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('"nope"');
    expect(existsSync(join(dir, 'x'))).toBe(false);
  });
});

describe('the publish job', () => {
  it('publishes with progress into the job folder, and refuses bad arguments at once', async () => {
    const project = Project.open(file, { readonly: true });
    try {
      const service = new PlanDeskService(project);
      await expect(service.jobStart({ kind: 'publish', args: { layers: ['nope'] } as never })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      const started = await service.jobStart({ kind: 'publish', args: { layers: ['zoning', 'roads'] } });
      let info: JobInfo = started;
      await vi.waitFor(
        async () => {
          info = await service.job(started.id);
          expect(info.state).not.toBe('running');
        },
        { timeout: 30_000, interval: 50 },
      );
      expect(info, JSON.stringify(info.error)).toMatchObject({ state: 'done', progress: 1 });
      const result = info.result as PublishResult;
      expect(result.layers.map((l) => [l.id, l.features])).toEqual([
        ['zoning', project.count('zoning')],
        ['roads', project.count('roads')],
      ]);
      expect(readJson<SiteManifest>(join(result.outDir, 'data/site.json')).layers.map((l) => l.id)).toEqual(['zoning', 'roads']);
      expect(existsSync(join(result.outDir, 'index.html'))).toBe(true);

      // Cancelled: nothing is left, neither the site nor its unfinished copy.
      const out = join(dir, 'cancelled-site');
      const doomed = await service.jobStart({ kind: 'publish', args: { out } });
      await service.jobCancel(doomed.id);
      await vi.waitFor(
        async () => {
          info = await service.job(doomed.id);
          expect(info.state).not.toBe('running');
        },
        { timeout: 30_000, interval: 50 },
      );
      expect(info.state).toBe('cancelled');
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(dir).filter((n) => n.includes('publishing'))).toEqual([]);
    } finally {
      project.close();
    }
  });
});
