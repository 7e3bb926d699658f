import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkAttributes, getLayer } from '../../layers/index.js';
import type { LayerId } from '../../layers/types.js';
import { transformPoint } from '../../gis-core/crs/transform.js';
import { DEMO_LAYER_ORDER, generateDemo, type DemoDataset } from '../../gis-core/demo/generate.js';
import { CAO_LANH_CENTRE } from '../../gis-core/demo/origin.js';
import { parseScale } from '../../gis-core/demo/scale.js';
import { geometryProblem } from '../../gis-core/geometry/check.js';
import { isPlanDeskError } from '../../gis-core/errors.js';
import { isUuid } from '../../gis-core/util/uuid.js';

function hashDataset(ds: DemoDataset): string {
  const hash = createHash('sha256');
  for (const layer of DEMO_LAYER_ORDER) {
    for (const f of ds.layers[layer]()) hash.update(`${layer}\n${JSON.stringify(f)}\n`);
  }
  return hash.digest('hex');
}

const small = generateDemo({ scale: 'small', seed: 2025 });

describe('demo generation', () => {
  it('is deterministic: the same seed gives the same features, another seed different ones', () => {
    const again = generateDemo({ scale: 'small', seed: 2025 });
    const other = generateDemo({ scale: 'small', seed: 2026 });
    const h = hashDataset(small);
    expect(hashDataset(again)).toBe(h);
    expect(hashDataset(other)).not.toBe(h);
    expect(JSON.stringify(again.manifest)).toBe(JSON.stringify(small.manifest));
  });

  it('streams every layer afresh: a second pass yields the same features', () => {
    for (const layer of ['parcels', 'drainage_pipes'] as LayerId[]) {
      expect(JSON.stringify([...small.layers[layer]()])).toBe(JSON.stringify([...small.layers[layer]()]));
    }
  });

  it('makes every layer, in the counts a 1 km² district has', () => {
    const counts = Object.fromEntries(DEMO_LAYER_ORDER.map((l) => [l, [...small.layers[l]()].length])) as Record<LayerId, number>;
    const ranges: Record<LayerId, [number, number]> = {
      zoning: [25, 80],
      parcels: [2000, 4500],
      buildings: [1500, 4000],
      roads: [100, 400],
      red_lines: [200, 700],
      drainage_pipes: [150, 600],
      drainage_manholes: [150, 650],
      water_mains: [80, 350],
      water_valves: [60, 300],
      water_hydrants: [60, 300],
      water_meters: [800, 2500],
      lighting_poles: [250, 800],
      lighting_cabinets: [4, 20],
    };
    for (const layer of DEMO_LAYER_ORDER) {
      const [lo, hi] = ranges[layer];
      expect(counts[layer], layer).toBeGreaterThanOrEqual(lo);
      expect(counts[layer], layer).toBeLessThanOrEqual(hi);
    }
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(5000);
    expect(total).toBeLessThan(12000);
  });

  it('writes only the layer fields, with values the layers accept, and storable geometry', () => {
    for (const layer of DEMO_LAYER_ORDER) {
      const definition = getLayer(layer);
      const keys = new Set(definition.fields.map((f) => f.key));
      for (const f of small.layers[layer]()) {
        for (const key of Object.keys(f.properties)) expect(keys.has(key), `${layer}.${key}`).toBe(true);
        expect(checkAttributes(definition, f.properties), `${layer} ${f.uuid}`).toEqual([]);
        expect(geometryProblem(f.geometry, definition.geometryType), `${layer} ${f.uuid}`).toBeNull();
      }
    }
  });

  it('gives every feature a unique UUIDv7', () => {
    const seen = new Set<string>();
    for (const layer of DEMO_LAYER_ORDER) {
      for (const f of small.layers[layer]()) {
        expect(isUuid(f.uuid)).toBe(true);
        expect(f.uuid?.[14]).toBe('7');
        expect(seen.has(f.uuid as string)).toBe(false);
        seen.add(f.uuid as string);
      }
    }
  });

  it('keeps uuids unique on a 6 km district too (keys are made of block and item numbers)', () => {
    const big = generateDemo({ scale: 'small', seed: 5, side: 6000 });
    for (const layer of ['zoning', 'roads', 'red_lines'] as LayerId[]) {
      const uuids = [...big.layers[layer]()].map((f) => f.uuid);
      expect(new Set(uuids).size, layer).toBe(uuids.length);
    }
  });

  it('lists planted violations that point at real features of the named layer', () => {
    const kinds = new Set(small.manifest.map((m) => m.kind));
    for (const kind of [
      'ZONING_DENSITY_MAX', 'ZONING_FAR_MAX', 'SETBACK_TOO_SMALL', 'ZONE_OVERLAP', 'INVALID_POLYGON', 'PARCEL_NO_DUPLICATE',
      'BUILDING_CROSSES_RED_LINE', 'HYDRANT_SPACING', 'PIPE_NEGATIVE_SLOPE', 'MANHOLE_INVERT_ABOVE_RIM',
      'POLE_BEYOND_CABINET_REACH', 'POLE_WITHOUT_CABINET', 'MAIN_DANGLING_END', 'VALVE_NOT_ON_MAIN',
    ]) {
      expect(kinds.has(kind as never), kind).toBe(true);
    }
    const uuids = new Map<string, Set<string>>();
    for (const layer of DEMO_LAYER_ORDER) uuids.set(layer, new Set([...small.layers[layer]()].map((f) => f.uuid as string)));
    for (const m of small.manifest) {
      expect(uuids.get(m.layer)?.has(m.uuid), `${m.kind} ${m.uuid}`).toBe(true);
      expect(m.description.length).toBeGreaterThan(10);
    }
  });

  it('centres the district on Cao Lãnh: the origin agrees with the CRS registry', () => {
    const [x, y] = transformPoint([CAO_LANH_CENTRE.lon, CAO_LANH_CENTRE.lat], 4326, 5897) as [number, number];
    expect(Math.abs(x - CAO_LANH_CENTRE.x)).toBeLessThan(1);
    expect(Math.abs(y - CAO_LANH_CENTRE.y)).toBeLessThan(1);
    const [minx, miny, maxx, maxy] = small.bounds;
    expect(minx).toBeLessThan(CAO_LANH_CENTRE.x);
    expect(maxx).toBeGreaterThan(CAO_LANH_CENTRE.x);
    expect(miny).toBeLessThan(CAO_LANH_CENTRE.y);
    expect(maxy).toBeGreaterThan(CAO_LANH_CENTRE.y);
    expect(maxx - minx).toBeGreaterThan(900);
    expect(maxx - minx).toBeLessThan(1200);
  });

  it('reaches a requested feature count within 10 %', () => {
    const ds = generateDemo({ scale: 30_000, seed: 99 });
    let total = 0;
    for (const layer of DEMO_LAYER_ORDER) for (const _ of ds.layers[layer]()) total++;
    expect(total).toBeGreaterThan(27_000);
    expect(total).toBeLessThan(33_000);
  });

  it('parses scales and refuses nonsense', () => {
    expect(parseScale('small')).toBe('small');
    expect(parseScale('LARGE')).toBe('large');
    expect(parseScale('250000')).toBe(250_000);
    expect(parseScale('1_000_000')).toBe(1_000_000);
    for (const bad of ['huge', '12', '14999', '-5', '1.5e3x']) {
      try {
        parseScale(bad);
        expect.unreachable(bad);
      } catch (error) {
        expect(isPlanDeskError(error) && error.code).toBe('INVALID_ARGUMENT');
      }
    }
  });
});
