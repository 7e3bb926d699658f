/** The 3D scene build (renderer/src/scene3d: pure, runs in the worker) and the sun position. */
import { describe, expect, it } from 'vitest';
import { buildScene } from '../../renderer/src/scene3d/build.js';
import { FAR_CELL, TILE_SIZE } from '../../renderer/src/scene3d/lod.js';
import { sunPosition } from '../../renderer/src/scene3d/sun.js';
import type { SceneInput } from '../../renderer/src/scene3d/types.js';

const square = (x: number, y: number, s: number) => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s],
  [x, y],
];

function input(overrides: Partial<SceneInput> = {}): SceneInput {
  return {
    bbox: [-100, -100, 100, 100],
    exaggeration: 1,
    groundLevel: 2,
    terrain: null,
    buildings: [
      { rings: [square(0, 0, 10)], height: 7.2, color: 0xff0000 },
      { rings: [square(20, 0, 10)], height: 30, color: 0x00ff00 },
    ],
    zones: [{ rings: [square(-50, -50, 40)], height: 0, color: 0x0000ff, maxFloors: 4, maxHeightM: null, setbackM: 5, maxDensityPct: 50 }],
    roads: [],
    redLines: [],
    poles: [{ x: 1, y: 2, height: 8 }],
    pipes: [{ coords: [[0, 0], [10, 0]], fromInvert: 1, toInvert: 0.5, color: 0x8d6e63 }],
    ...overrides,
  };
}

describe('buildScene', () => {
  it('extrudes every building into one merged buffer with a triangle → feature index', () => {
    const d = buildScene(input());
    // A box: 2 roof triangles + 4 walls × 2.
    expect(d.buildings.feature.length).toBe(20);
    expect([...d.buildings.feature.slice(0, 10)]).toEqual(Array(10).fill(0));
    expect([...d.buildings.feature.slice(10)]).toEqual(Array(10).fill(1));
    expect(d.buildings.position.length).toBe(20 * 9);
    expect(d.maxBuildingHeight).toBe(30);
    // Roofs face up; heights from the flat ground (z 0).
    const zs = [...d.buildings.position].filter((_, i) => i % 3 === 2);
    expect(Math.max(...zs)).toBeCloseTo(30, 6);
    expect(Math.min(...zs)).toBeCloseTo(0, 6);
  });

  it('plans the massing of a zone (setback, density, floors) and drapes the zone', () => {
    const d = buildScene(input());
    expect(d.massingCount).toBe(1);
    expect(d.maxMassingHeight).toBeCloseTo(4 * 3.6, 9);
    expect([...new Set(d.massing.feature)]).toEqual([0]);
    // 40 m square, 5 m setback → 30 m square (900 m²) > 50 % × 1600 = 800 m²: scaled to √800 a side, centred.
    const xs = [...d.massing.position].filter((_, i) => i % 3 === 0);
    expect(Math.min(...xs)).toBeCloseTo(-30 - Math.sqrt(800) / 2, 4);
    expect(Math.max(...xs)).toBeCloseTo(-30 + Math.sqrt(800) / 2, 4);
    expect(d.zones.feature.length).toBe(2);
  });

  it('lays pipes at their inverts below ground, and poles on the ground', () => {
    const d = buildScene(input());
    // Ground 2 m (flat) = z 0: inverts 1 and 0.5 m are 1 and 1.5 m down.
    expect(d.pipes.position[2]).toBeCloseTo(-1, 6);
    expect(d.pipes.position[5]).toBeCloseTo(-1.5, 6);
    expect([...d.poles]).toEqual([1, 2, 0, 8]);
  });

  it('puts buildings on the terrain, with vertical exaggeration', () => {
    const terrain = { columns: 2, rows: 2, bbox: [-100, -100, 100, 100] as const, values: Float32Array.from([3, 3, 1, 1]) };
    const d = buildScene(input({ terrain, exaggeration: 5 }));
    expect(d.minGround).toBe(1);
    expect(d.maxGround).toBe(3);
    expect(d.terrain).not.toBeNull();
    // The first building's centre (5, 5): 45 % of the way from the north cell centre (3 m, y 50)
    // to the south one (1 m, y −50) → 2.1 m → z = (2.1 − 1) × 5.
    const zs = [...d.buildings.position.slice(0, 90)].filter((_, i) => i % 3 === 2);
    expect(Math.min(...zs)).toBeCloseTo(5 * (2.1 - 1), 4);
  });
});

describe('level of detail (tiles with a near and a far version)', () => {
  /** 40 × 40 buildings on a 24 m pitch (960 m square), 3 … 20 floors, slightly rotated. */
  function city(): SceneInput {
    const buildings: SceneInput['buildings'][number][] = [];
    for (let i = 0; i < 1600; i++) {
      const cx = (i % 40) * 24 - 480 + 12;
      const cy = Math.floor(i / 40) * 24 - 480 + 12;
      const a = ((i * 7) % 11) / 40;
      const c = Math.cos(a);
      const s = Math.sin(a);
      const corner = (x: number, y: number) => [cx + x * c - y * s, cy + x * s + y * c];
      // An L-shaped footprint (6 corners): more than a box.
      const ring = [corner(-8, -6), corner(8, -6), corner(8, 0), corner(0, 0), corner(0, 6), corner(-8, 6), corner(-8, -6)];
      buildings.push({ rings: [ring], height: (3 + ((i * 13) % 18)) * 3.6, color: 0x808080 + (i % 5) });
    }
    return input({ bbox: [-500, -500, 500, 500], buildings, zones: [], poles: [], pipes: [] });
  }

  it('splits the buildings into tiles that cover the merged buffer, each with a far version of far fewer triangles', () => {
    const d = buildScene(city());
    const { tiles } = d.buildings;
    // 1 000 m / TILE_SIZE a side.
    expect(tiles.length).toBe(Math.ceil(1000 / TILE_SIZE) ** 2);
    // Near ranges: contiguous, in order, the whole merged buffer; every building in one tile.
    let next = 0;
    for (const t of tiles) {
      expect(t.near.start).toBe(next);
      expect(t.near.count).toBeGreaterThan(0);
      next += t.near.count;
    }
    expect(next).toBe(d.buildings.feature.length);
    expect(new Set(d.buildings.feature).size).toBe(1600);
    // Far: every tile has one, far fewer triangles, standing for buildings of that tile only,
    // inside the tile's bounds (the far boxes are the buildings' own footprint area).
    let farNext = 0;
    for (const t of tiles) {
      expect(t.far.start).toBe(farNext);
      farNext += t.far.count;
      expect(t.far.count).toBeGreaterThan(0);
      expect(t.far.count).toBeLessThan(t.near.count);
      // A full tile (not the thin strips at the city's edge): several times fewer.
      if (t.near.count > 2000) expect(t.far.count).toBeLessThan(t.near.count / 3);
      const near = new Set(d.buildings.feature.subarray(t.near.start, t.near.start + t.near.count));
      for (const f of d.buildings.far.feature.subarray(t.far.start, t.far.start + t.far.count)) expect(near.has(f)).toBe(true);
      // (A merged box lies in its buildings' oriented bounding rectangle, whose corners may reach
      // a little past their axis-aligned bounds.)
      const [x0, y0, z0, x1, y1, z1] = t.bounds;
      const p = d.buildings.far.position;
      for (let i = t.far.start * 9; i < (t.far.start + t.far.count) * 9; i += 3) {
        expect(p[i]!).toBeGreaterThanOrEqual(x0 - 5);
        expect(p[i]!).toBeLessThanOrEqual(x1 + 5);
        expect(p[i + 1]!).toBeGreaterThanOrEqual(y0 - 5);
        expect(p[i + 1]!).toBeLessThanOrEqual(y1 + 5);
        expect(p[i + 2]!).toBeGreaterThanOrEqual(z0 - 1e-3);
        expect(p[i + 2]!).toBeLessThanOrEqual(z1 + 1e-3);
      }
      // The tile's square (plus the footprints' reach over its edge).
      expect(x0).toBeGreaterThanOrEqual(-500 + t.column * TILE_SIZE - 16);
      expect(x1).toBeLessThanOrEqual(-500 + (t.column + 1) * TILE_SIZE + 16);
    }
    expect(farNext).toBe(d.buildings.far.feature.length);
    expect(d.buildings.far.feature.length).toBeLessThan(d.buildings.feature.length / 3);
    expect(d.buildings.far.position.length).toBe(d.buildings.far.feature.length * 9);
  });

  it('keeps the far footprint area and the heights roughly (one box per cell and height band)', () => {
    const d = buildScene(city());
    // Roof triangles face up: their summed area is the footprint area.
    const roofArea = (m: { position: Float32Array; normal: Float32Array }) => {
      let a = 0;
      for (let t = 0; t < m.position.length / 9; t++) {
        if (m.normal[t * 9 + 2]! < 0.99) continue;
        const p = m.position.subarray(t * 9, t * 9 + 9);
        a += Math.abs((p[3]! - p[0]!) * (p[7]! - p[1]!) - (p[6]! - p[0]!) * (p[4]! - p[1]!)) / 2;
      }
      return a;
    };
    const near = roofArea(d.buildings);
    expect(near).toBeCloseTo(1600 * (16 * 12 - 8 * 6), -1);
    expect(roofArea(d.buildings.far) / near).toBeGreaterThan(0.9);
    expect(roofArea(d.buildings.far) / near).toBeLessThan(1.1);
    const zs = (p: Float32Array) => [...p].filter((_, i) => i % 3 === 2);
    expect(Math.max(...zs(d.buildings.far.position))).toBeLessThanOrEqual(d.maxBuildingHeight + 1e-3);
    expect(Math.max(...zs(d.buildings.far.position))).toBeGreaterThan(d.maxBuildingHeight * 0.6);
    // Cells of FAR_CELL metres and 3 height bands: at most that many boxes (10 triangles each).
    expect(d.buildings.far.feature.length / 10).toBeLessThanOrEqual(Math.ceil(1000 / FAR_CELL) ** 2 * 3);
  });

  it('tiles the planned massing too: one far box per block', () => {
    const d = buildScene(input());
    expect(d.massing.tiles).toHaveLength(1);
    expect(d.massing.tiles[0]!.near.count).toBe(d.massing.feature.length);
    expect([...d.massing.far.feature]).toEqual(Array(10).fill(0));
  });
});

describe('sunPosition', () => {
  it('puts the sun high in the south-ish sky at solar noon and low in the east in the morning', () => {
    // Cao Lãnh (10.46° N, 105.63° E), equinox (day 80): solar noon ≈ 12:05 local (UTC+7).
    const noon = sunPosition(80, 12.1);
    expect((noon.altitude * 180) / Math.PI).toBeGreaterThan(75);
    const morning = sunPosition(80, 7);
    expect((morning.altitude * 180) / Math.PI).toBeGreaterThan(5);
    expect((morning.altitude * 180) / Math.PI).toBeLessThan(25);
    expect((morning.azimuth * 180) / Math.PI).toBeGreaterThan(80);
    expect((morning.azimuth * 180) / Math.PI).toBeLessThan(100);
    expect(sunPosition(172, 23).altitude).toBeLessThan(0);
  });
});
