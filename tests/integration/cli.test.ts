/**
 * The `plandesk` command as a person runs it: the built binary (bin/plandesk.js → dist/), real
 * files, GDAL's ogrinfo as the independent reader. `npm test` builds before running vitest.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { LAYERS } from '../../layers/index.js';
import { tempDir } from '../helpers/temp.js';

const bin = fileURLToPath(new URL('../../bin/plandesk.js', import.meta.url));
const dist = fileURLToPath(new URL('../../dist/gis-core/cli/main.js', import.meta.url));

function plandesk(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', input, maxBuffer: 1 << 26 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface OgrLayer {
  name: string;
  geometry: string;
  count: number;
  epsg: number | null;
}

/** Parses `ogrinfo -ro -so -al FILE`: one block per layer. */
function ogrLayers(file: string): OgrLayer[] {
  const text = execFileSync('ogrinfo', ['-ro', '-so', '-al', file], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return text
    .split(/\nLayer name: /)
    .slice(1)
    .map((block) => {
      const epsgIds = [...block.matchAll(/ID\["EPSG",(\d+)\]/g)].map((m) => Number(m[1]));
      return {
        name: block.split('\n')[0]!.trim(),
        geometry: /\nGeometry: (.+)/.exec(block)?.[1]?.trim() ?? '',
        count: Number(/\nFeature Count: (\d+)/.exec(block)?.[1]),
        // The CRS's own ID is the last EPSG id of its WKT2 block.
        epsg: epsgIds.length ? epsgIds[epsgIds.length - 1]! : null,
      };
    });
}

const dir = tempDir();
const demo = join(dir, 'x.plandesk.sqlite');

beforeAll(() => {
  if (!existsSync(dist)) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  const result = plandesk(['demo', '--out', demo]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
}, 120_000);

describe('plandesk demo + info, read back by GDAL', () => {
  it('makes a file ogrinfo opens, listing every layer with its geometry type and SRID 5897', () => {
    const layers = ogrLayers(demo);
    const expected = { Point: 'Point', LineString: 'Line String', Polygon: 'Polygon' } as const;
    expect(layers.map((l) => l.name).sort()).toEqual(LAYERS.map((l) => l.id).sort());
    for (const definition of LAYERS) {
      const layer = layers.find((l) => l.name === definition.id)!;
      expect(layer.geometry, definition.id).toBe(expected[definition.geometryType]);
      expect(layer.epsg, definition.id).toBe(5897);
      expect(layer.count, definition.id).toBeGreaterThan(0);
    }
  });

  it('info --json agrees with ogrinfo on every count', () => {
    const result = plandesk(['info', demo, '--json']);
    expect(result.code).toBe(0);
    const info = JSON.parse(result.stdout) as {
      name: string;
      crs: { epsg: number };
      layers: { id: string; geometryType: string; featureCount: number; extent: number[] }[];
    };
    expect(info.name).toBe('Khu đô thị mẫu – TP. Cao Lãnh');
    expect(info.crs.epsg).toBe(5897);
    const ogr = new Map(ogrLayers(demo).map((l) => [l.name, l.count]));
    expect(info.layers).toHaveLength(LAYERS.length);
    for (const layer of info.layers) expect(layer.featureCount, layer.id).toBe(ogr.get(layer.id));
  });

  it('info prints a readable table', () => {
    const result = plandesk(['info', demo]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/EPSG:5897/);
    expect(result.stdout).toMatch(/^\s+parcels\s+Polygon\s+[\d,]+\s+5\d\d,\d{3}\.\d/m);
  });
});

describe('plandesk crs', () => {
  it('transforms WGS 84 lon/lat to VN-2000 TM-3 105° and back, full precision', () => {
    const forward = plandesk(['crs', 'transform', '--from', 'EPSG:4326', '--to', 'EPSG:5897'], '105.63 10.46\n');
    expect(forward.code).toBe(0);
    const [x, y] = forward.stdout.trim().split(/\s+/).map(Number);
    expect(x).toBeGreaterThan(568_000);
    expect(x).toBeLessThan(570_000);
    expect(y).toBeGreaterThan(1_156_000);
    expect(y).toBeLessThan(1_157_500);
    const back = plandesk(['crs', 'transform', '--from', 'EPSG:5897', '--to', 'EPSG:4326'], `${x} ${y}\n`);
    const [lon, lat] = back.stdout.trim().split(/\s+/).map(Number);
    expect(Math.abs(lon! - 105.63)).toBeLessThan(1e-8);
    expect(Math.abs(lat! - 10.46)).toBeLessThan(1e-8);
  });

  it('lists the VN-2000 zones as JSON', () => {
    const result = plandesk(['crs', 'list', '--json']);
    expect(result.code).toBe(0);
    const codes = (JSON.parse(result.stdout) as { epsg: number }[]).map((c) => c.epsg);
    expect(codes).toEqual(expect.arrayContaining([4756, 3405, 3406, 5896, 5897, 5898, 5899, 9205, 9210, 9218, 4326, 3857]));
  });
});

describe('plandesk edit, history, undo, redo', () => {
  it('applies a batch from a file, lists it, undoes and redoes it, after separate processes', () => {
    const file = join(dir, 'edit.plandesk.sqlite');
    expect(plandesk(['demo', '--out', file]).code).toBe(0);
    const before = JSON.parse(plandesk(['info', file, '--json']).stdout) as { layers: { id: string; featureCount: number }[] };
    const hydrants = before.layers.find((l) => l.id === 'water_hydrants')!.featureCount;
    const batch = join(dir, 'batch.json');
    writeFileSync(
      batch,
      JSON.stringify({ operations: [{ op: 'insert', layer: 'water_hydrants', properties: { hydrant_type: 'pillar' }, geometry: { type: 'Point', coordinates: [569500, 1156500] } }] }),
    );
    const applied = plandesk(['edit', file, batch, '-m', 'Thêm trụ cứu hỏa', '--json']);
    expect(applied.code).toBe(0);
    expect((JSON.parse(applied.stdout) as { changes: unknown[] }).changes).toHaveLength(1);
    const count = () => (JSON.parse(plandesk(['info', file, '--json']).stdout) as { layers: { id: string; featureCount: number }[] }).layers.find((l) => l.id === 'water_hydrants')!.featureCount;
    expect(count()).toBe(hydrants + 1);
    const history = plandesk(['history', file]);
    expect(history.stdout).toMatch(/edit\s+\[applied\].*Thêm trụ cứu hỏa/);
    expect(plandesk(['undo', file]).code).toBe(0);
    expect(count()).toBe(hydrants);
    expect(plandesk(['redo', file]).code).toBe(0);
    expect(count()).toBe(hydrants + 1);
    const bad = plandesk(['edit', file, batch.replace('batch', 'missing')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Cannot read the edit batch/);
    writeFileSync(batch, JSON.stringify({ operations: [{ op: 'delete', layer: 'roads', uuid: 'nope' }] }));
    const refused = plandesk(['edit', file, batch]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/uuid/);
  }, 60_000);
});

describe('every command: --help, exit codes, one-line errors', () => {
  it.each([[[]], [['demo']], [['info']], [['crs']], [['crs', 'list']], [['crs', 'transform']], [['serve']], [['start']], [['edit']], [['undo']], [['redo']], [['history']], [['validate']]])(
    'plandesk %j --help exits 0 and describes itself',
    (args) => {
      const result = plandesk([...args, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/Usage: plandesk/);
    },
  );

  it.each([
    [['info', '/nonexistent/x.plandesk.sqlite'], /Project file not found: \/nonexistent\/x\.plandesk\.sqlite/],
    [['info', '/etc/hostname'], /hostname is damaged or is not a SQLite database/],
    [['crs', 'transform', '--from', 'EPSG:9999', '--to', 'EPSG:5897'], /EPSG:9999/],
    [['demo', '--out', '/etc/hostname/x.plandesk.sqlite'], /hostname/],
  ])('plandesk %j fails with one line naming the problem', (args, message) => {
    const result = plandesk(args, '1 2\n');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('an unknown command is a usage error', () => {
    const result = plandesk(['frobnicate']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/unknown command/);
  });
});
