/**
 * Connected inundation, the rule of GRASS `r.lake` (raster/r.lake/main.c): the water level is
 * taken as a 32-bit float (r.lake reads it with sscanf "%f" into an FCELL); a cell floods when
 * its elevation is strictly below that level (`in_terran < water_level`) and it is one of the
 * seeds or one of the 8 neighbours of a flooded cell; nodata (NaN) never floods and blocks the
 * water; depth = level − elevation, in float32 like r.lake's FCELL arithmetic.
 *
 * One breadth-first fill over a flat typed array: a queue of cell indices and a visited byte
 * per cell, no recursion, each cell enqueued at most once — O(cells) time, 9 bytes per cell
 * beyond the DEM (depth Float32, queue Int32, visited Uint8).
 *
 * Unlike r.lake, a seed on a cell at or above the level (or on nodata) floods nothing and is
 * reported as such (r.lake stops with an error for a coordinate seed). r.lake also never lets
 * water enter or leave through the grid's last column (its 3×3 window drops column cols−1);
 * that is a bug there and not copied here (see tests/helpers/grass.ts).
 */

export type SeedOutcome = 'floods' | 'above-level' | 'nodata';

export interface SeedResult {
  readonly cell: number;
  readonly elevation: number;
  readonly outcome: SeedOutcome;
}

export interface Inundation {
  /** Depth (m) per cell, NaN where dry. */
  readonly depth: Float32Array;
  /** The water level as used: Math.fround(level). */
  readonly level: number;
  readonly floodedCells: number;
  readonly maxDepth: number;
  readonly meanDepth: number;
  readonly seeds: readonly SeedResult[];
}

export interface InundateInput {
  /** Elevations, row-major, NaN where nodata. */
  readonly values: Float32Array;
  readonly columns: number;
  readonly rows: number;
  readonly level: number;
  /** Seed cell indices (row * columns + col). */
  readonly seeds: Iterable<number>;
}

export function inundate(input: InundateInput): Inundation {
  const { values, columns, rows } = input;
  const n = columns * rows;
  if (values.length !== n) throw new RangeError(`inundate: ${values.length} values for a ${columns}×${rows} grid`);
  const level = Math.fround(input.level);
  const depth = new Float32Array(n).fill(NaN);
  const visited = new Uint8Array(n);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  let sum = 0;
  let max = 0;
  const seeds: SeedResult[] = [];

  for (const cell of input.seeds) {
    if (!Number.isInteger(cell) || cell < 0 || cell >= n) throw new RangeError(`inundate: seed cell ${cell} outside the grid`);
    const e = values[cell] as number;
    const outcome: SeedOutcome = Number.isNaN(e) ? 'nodata' : e < level ? 'floods' : 'above-level';
    seeds.push({ cell, elevation: e, outcome });
    if (outcome !== 'floods' || visited[cell]) continue;
    visited[cell] = 1;
    queue[tail++] = cell;
  }

  while (head < tail) {
    const cell = queue[head++] as number;
    const d = Math.fround(level - (values[cell] as number));
    depth[cell] = d;
    sum += d;
    if (d > max) max = d;
    const row = (cell / columns) | 0;
    const col = cell - row * columns;
    const r0 = row > 0 ? row - 1 : 0;
    const r1 = row < rows - 1 ? row + 1 : row;
    const c0 = col > 0 ? col - 1 : 0;
    const c1 = col < columns - 1 ? col + 1 : col;
    for (let r = r0; r <= r1; r++) {
      for (let c = c0, k = r * columns + c0; c <= c1; c++, k++) {
        if (visited[k]) continue;
        visited[k] = 1;
        // NaN (nodata) compares false: it stays dry and blocks.
        if ((values[k] as number) < level) queue[tail++] = k;
      }
    }
  }
  return { depth, level, floodedCells: tail, maxDepth: max, meanDepth: tail > 0 ? sum / tail : 0, seeds };
}
