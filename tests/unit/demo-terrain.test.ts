import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../gis-core/demo/generate.js';
import { TERRAIN_CELL_M, WATER_LEVEL_M } from '../../gis-core/demo/terrain.js';

const demo = generateDemo({ scale: 'small', seed: 2025 });
const terrain = demo.terrain;
const g = terrain.grid;
const rows = [...terrain.rows()];
const bank = (x: number) => terrain.bankY(x - demo.context.out.originX) + demo.context.out.originY;

describe('demo terrain', () => {
  it('covers the district with a margin on a 2 m grid', () => {
    expect(g.cell).toBe(TERRAIN_CELL_M);
    expect(g.cell).toBeGreaterThanOrEqual(1);
    expect(g.cell).toBeLessThanOrEqual(2);
    const [minx, miny, maxx, maxy] = demo.bounds;
    expect(g.originX).toBeLessThan(minx - 20);
    expect(g.originY).toBeGreaterThan(maxy + 20);
    expect(g.originX + g.columns * g.cell).toBeGreaterThan(maxx + 20);
    expect(g.originY - g.rows * g.cell).toBeLessThan(miny - 20);
    expect(rows.length).toBe(g.rows);
    expect(rows[0]?.length).toBe(g.columns);
  });

  it('stays between 0.3 and 3 m above sea level, with water at 0.3 m', () => {
    let min = Infinity;
    let max = -Infinity;
    let water = 0;
    for (const row of rows) {
      for (const v of row) {
        if (v < min) min = v;
        if (v > max) max = v;
        if (v === Math.fround(WATER_LEVEL_M)) water++;
      }
    }
    expect(min).toBeCloseTo(0.3, 5);
    expect(max).toBeLessThanOrEqual(3);
    expect(max).toBeGreaterThan(1.5);
    expect(water / (g.rows * g.columns)).toBeGreaterThan(0.1);
  });

  it('is lower near the river than inland', () => {
    let nearSum = 0;
    let near = 0;
    let farSum = 0;
    let far = 0;
    rows.forEach((row, r) => {
      const y = g.originY - (r + 0.5) * g.cell;
      for (let c = 0; c < g.columns; c += 3) {
        const x = g.originX + (c + 0.5) * g.cell;
        const d = y - bank(x);
        const v = row[c] as number;
        if (d > 5 && d < 80) {
          nearSum += v;
          near++;
        } else if (d > 600) {
          farSum += v;
          far++;
        }
      }
    });
    expect(nearSum / near + 0.4).toBeLessThan(farSum / far);
  });

  it('is one function: the raster cells are the terrain sampled at their centres', () => {
    for (let k = 0; k < 400; k++) {
      const r = (k * 7919) % g.rows;
      const c = (k * 104729) % g.columns;
      const x = g.originX + (c + 0.5) * g.cell;
      const y = g.originY - (r + 0.5) * g.cell;
      expect(rows[r]?.[c]).toBe(Math.fround(terrain.elevationAt(x, y)));
    }
  });

  it('raises the streets a little above the ground beside them', () => {
    const out = demo.context.out;
    let higher = 0;
    let total = 0;
    for (const seg of demo.context.plan.network.segments) {
      if (seg.kind !== 'h' || seg.street.width < 12) continue;
      const [a, b] = seg.points as [[number, number], [number, number]];
      const mid: [number, number] = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
      const [x, y] = out.xy(mid);
      const crown = terrain.elevationAt(x, y);
      const beside = terrain.elevationAt(x, y + seg.street.width / 2 + 8);
      total++;
      if (crown > beside + 0.1) higher++;
    }
    expect(higher / total).toBeGreaterThan(0.8);
  });
});
