import { describe, expect, it } from 'vitest';
import { inundate } from '../../gis-core/flood/inundate.js';
import { cellAt } from '../../gis-core/raster/grid.js';
import { maskSeeds, parseSeedPoint, seedCells } from '../../gis-core/flood/seeds.js';

const _ = NaN;

/** A grid from rows; returns the wet map as strings ('#' wet, '.' dry) for readable asserts. */
function flood(rows: number[][], level: number, seeds: [number, number][]) {
  const columns = (rows[0] as number[]).length;
  const values = Float32Array.from(rows.flat());
  const result = inundate({ values, columns, rows: rows.length, level, seeds: seeds.map(([r, c]) => r * columns + c) });
  const map = rows.map((row, r) => row.map((__, c) => (Number.isNaN(result.depth[r * columns + c]) ? '.' : '#')).join(''));
  return { result, map };
}

describe('inundate (r.lake rule: elevation < level, 8 neighbours, nodata blocks)', () => {
  it('floods the connected cells strictly below the level, with depth = level − elevation', () => {
    const { result, map } = flood(
      [
        [3, 3, 3, 3],
        [3, 1, 2, 3],
        [3, 0.5, 3, 1],
      ],
      2,
      [[1, 1]],
    );
    expect(map).toEqual(['....', '.#..', '.#..']);
    expect(result.floodedCells).toBe(2);
    expect(result.depth[5]).toBe(1);
    expect(result.depth[9]).toBe(1.5);
    expect(result.maxDepth).toBe(1.5);
    expect(result.meanDepth).toBe(1.25);
  });

  it('a ridge separates two basins until the water tops it', () => {
    const rows = [
      [1, 1, 4, 1, 1],
      [1, 0, 4, 0, 1],
    ];
    expect(flood(rows, 3, [[1, 1]]).map).toEqual(['##...', '##...']);
    expect(flood(rows, 4.5, [[1, 1]]).result.floodedCells).toBe(10);
  });

  it('connects through a diagonal', () => {
    const { map } = flood(
      [
        [0, 9, 9],
        [9, 0, 9],
        [9, 9, 0],
      ],
      1,
      [[0, 0]],
    );
    expect(map).toEqual(['#..', '.#.', '..#']);
  });

  it('nodata neither floods nor passes water', () => {
    const { map } = flood(
      [
        [0, _, 0],
        [0, _, 0],
        [0, _, 0],
      ],
      1,
      [[0, 0]],
    );
    expect(map).toEqual(['#..', '#..', '#..']);
  });

  it('a seed at or above the level, or on nodata, floods nothing and says so', () => {
    const { result } = flood([[2, 1, _, 0]], 2, [
      [0, 0],
      [0, 2],
    ]);
    expect(result.floodedCells).toBe(0);
    expect(result.seeds.map((s) => s.outcome)).toEqual(['above-level', 'nodata']);
    const below = flood([[3, 3, 3]], 1, [[0, 1]]);
    expect(below.result.floodedCells).toBe(0);
    expect(below.result.seeds[0]?.outcome).toBe('above-level');
  });

  it('takes the level as float32, like r.lake', () => {
    // 0.3 as float32 is 0.30000001192…, above the double 0.3: a float32 0.3 cell is not below it.
    const { result } = flood([[0.3, 0.29]], 0.3, [[0, 1]]);
    expect(result.level).toBe(Math.fround(0.3));
    expect(result.floodedCells).toBe(1);
  });

  it('several seeds flood the union of their basins, each cell once', () => {
    const { result, map } = flood([[0, 0, 5, 0]], 1, [
      [0, 0],
      [0, 1],
      [0, 3],
      [0, 3],
    ]);
    expect(map).toEqual(['##.#']);
    expect(result.floodedCells).toBe(3);
  });

  it('fills a large grid without recursion', () => {
    const n = 1500;
    const values = new Float32Array(n * n);
    const result = inundate({ values, columns: n, rows: n, level: 1, seeds: [0] });
    expect(result.floodedCells).toBe(n * n);
  });
});

describe('seeds', () => {
  const grid = { columns: 4, rows: 3, originX: 100, originY: 50, cellX: 2, cellY: 2, epsg: 5897 };

  it('places points in cells and refuses points outside the grid', () => {
    expect(cellAt(grid, 100, 50)).toBe(0);
    expect(cellAt(grid, 107.9, 44.1)).toBe(11);
    expect(seedCells(grid, [[103, 47]], 'dem.tif')).toEqual([5]);
    expect(() => seedCells(grid, [[108, 47]], 'dem.tif')).toThrow(/outside dem\.tif/);
  });

  it('parses x,y and reads masks', () => {
    expect(parseSeedPoint(' 587650.5, 1152320 ')).toEqual([587650.5, 1152320]);
    for (const bad of ['1', '1,2,3', 'a,b', ',2']) expect(() => parseSeedPoint(bad)).toThrow(/Invalid seed/);
    expect([...maskSeeds(Uint8Array.from([0, 1, 0, 2]))]).toEqual([1, 3]);
  });
});
