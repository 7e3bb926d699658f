import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../gis-core/demo/generate.js';
import { DERIVATIONS, derivedArea, deriveValues } from '../../layers/derive.js';
import { LAYERS, drainageManholes, drainagePipes, getLayer, zoning } from '../../layers/index.js';
import type { GeoJSONGeometry } from '../../layers/types.js';

const X = 568_200.125;
const Y = 1_151_400.375;

describe('deriveValues', () => {
  it('has a derivation for every field marked derived, and only derived fields come back', () => {
    const derived = LAYERS.flatMap((l) => l.fields.filter((f) => f.derived).map((f) => `${l.id}.${f.key}`));
    expect(derived.sort()).toEqual(
      ['drainage_manholes.depth_m', 'drainage_pipes.length_m', 'drainage_pipes.slope_pct', 'roads.length_m', 'water_mains.length_m', 'zoning.area_m2'].sort(),
    );
    for (const layer of LAYERS) for (const f of layer.fields) if (f.derived) expect(DERIVATIONS[f.key], `${layer.id}.${f.key}`).toBeTypeOf('function');
    expect(deriveValues(getLayer('parcels'), { area_m2: 12 }, null)).toEqual({});
  });

  it('computes area, length, slope and depth', () => {
    const square: GeoJSONGeometry = { type: 'Polygon', coordinates: [[[X, Y], [X + 30, Y], [X + 30, Y + 20], [X, Y + 20], [X, Y]], [[X + 1, Y + 1], [X + 1, Y + 2], [X + 2, Y + 2], [X + 2, Y + 1], [X + 1, Y + 1]]] };
    expect(deriveValues(zoning, {}, square)).toEqual({ area_m2: 599 });
    expect(derivedArea({ type: 'Point', coordinates: [X, Y] })).toBeNull();
    const pipe: GeoJSONGeometry = { type: 'LineString', coordinates: [[X, Y], [X + 30, Y + 40], [X + 30, Y + 40.123]] };
    expect(deriveValues(drainagePipes, { upstream_invert_m: 1.5, downstream_invert_m: 1.35 }, pipe)).toEqual({ length_m: 50.12, slope_pct: 0.299 });
    expect(deriveValues(drainagePipes, { upstream_invert_m: 1.5 }, pipe)).toEqual({ length_m: 50.12, slope_pct: null });
    expect(deriveValues(drainagePipes, { upstream_invert_m: 1.5, downstream_invert_m: 1 }, { type: 'LineString', coordinates: [[X, Y], [X, Y]] })).toEqual({ length_m: 0, slope_pct: null });
    expect(deriveValues(drainageManholes, { rim_level_m: 2.35, invert_level_m: 0.9 }, null)).toEqual({ depth_m: 1.45 });
    expect(deriveValues(drainageManholes, { rim_level_m: 2.35 }, null)).toEqual({ depth_m: null });
  });

  it.each([
    { scale: 'small' as const, seed: 1, side: 700 },
    { scale: 'small' as const, seed: 2025 },
  ])('gives back what the demo generator stored, for every feature of the demo %o', (options) => {
    const demo = generateDemo(options);
    let checked = 0;
    for (const layer of LAYERS) {
      const keys = layer.fields.filter((f) => f.derived).map((f) => f.key);
      if (keys.length === 0) continue;
      for (const feature of demo.layers[layer.id]()) {
        const values = deriveValues(layer, feature.properties, feature.geometry);
        const stored = Object.fromEntries(keys.map((k) => [k, feature.properties[k] ?? null]));
        expect(values, `${layer.id} ${feature.uuid}`).toEqual(stored);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });
});
