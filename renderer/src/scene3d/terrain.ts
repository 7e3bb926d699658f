/**
 * The ground: bilinear elevation from the DEM grid (or a flat level without one), and the
 * terrain mesh with vertical exaggeration, coloured by elevation. z = (elevation − datum) × k.
 */
import { MeshBuilder } from './buffers.js';
import type { MeshData, TerrainInput } from './types.js';

export interface Ground {
  /** Elevation in metres at a local point (the flat level outside the grid or at nodata). */
  elevation(x: number, y: number): number;
  /** Scene z of an elevation. */
  z(elevation: number): number;
  readonly datum: number;
  readonly exaggeration: number;
  readonly min: number;
  readonly max: number;
}

export function makeGround(terrain: TerrainInput | null, flatLevel: number, exaggeration: number): Ground {
  let min = Infinity;
  let max = -Infinity;
  if (terrain) {
    for (const v of terrain.values) {
      if (Number.isNaN(v)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (!Number.isFinite(min)) {
    min = flatLevel;
    max = flatLevel;
  }
  const fallback = terrain ? min : flatLevel;
  const datum = min;
  const elevation = (x: number, y: number): number => {
    if (!terrain) return flatLevel;
    const [x0, y0, x1, y1] = terrain.bbox;
    const { columns, rows, values } = terrain;
    // Cell centres: column c at x0 + (c + 0.5) · dx; row r (north first) at y1 − (r + 0.5) · dy.
    const fx = ((x - x0) / (x1 - x0)) * columns - 0.5;
    const fy = ((y1 - y) / (y1 - y0)) * rows - 0.5;
    const c0 = Math.max(0, Math.min(columns - 1, Math.floor(fx)));
    const r0 = Math.max(0, Math.min(rows - 1, Math.floor(fy)));
    const c1 = Math.min(columns - 1, c0 + 1);
    const r1 = Math.min(rows - 1, r0 + 1);
    const tx = Math.max(0, Math.min(1, fx - c0));
    const ty = Math.max(0, Math.min(1, fy - r0));
    const v00 = values[r0 * columns + c0]!;
    const v10 = values[r0 * columns + c1]!;
    const v01 = values[r1 * columns + c0]!;
    const v11 = values[r1 * columns + c1]!;
    const v = (v00 * (1 - tx) + v10 * tx) * (1 - ty) + (v01 * (1 - tx) + v11 * tx) * ty;
    return Number.isNaN(v) ? fallback : v;
  };
  return { elevation, z: (e) => (e - datum) * exaggeration, datum, exaggeration, min, max };
}

/** Elevation colour ramp: low green → ochre → light brown. */
function ramp(t: number): number {
  const stops = [
    [0, 0x7fb069],
    [0.5, 0xd8c77a],
    [1, 0xb08a5b],
  ] as const;
  const i = t < 0.5 ? 0 : 1;
  const [t0, c0] = stops[i]!;
  const [t1, c1] = stops[i + 1]!;
  const f = Math.max(0, Math.min(1, (t - t0) / (t1 - t0)));
  const mix = (s: number) => Math.round(((c0 >> s) & 255) * (1 - f) + ((c1 >> s) & 255) * f);
  return (mix(16) << 16) | (mix(8) << 8) | mix(0);
}

/** A grid mesh over the scene bbox, `step` metres apart at most `maxCells` per side. */
export function terrainMesh(ground: Ground, bbox: readonly [number, number, number, number], maxCells = 160): MeshData {
  const [x0, y0, x1, y1] = bbox;
  const nx = maxCells;
  const ny = Math.max(2, Math.round((maxCells * (y1 - y0)) / Math.max(1, x1 - x0)));
  const zs = new Float32Array((nx + 1) * (ny + 1));
  const es = new Float32Array((nx + 1) * (ny + 1));
  for (let j = 0; j <= ny; j++) {
    for (let i = 0; i <= nx; i++) {
      const e = ground.elevation(x0 + ((x1 - x0) * i) / nx, y0 + ((y1 - y0) * j) / ny);
      es[j * (nx + 1) + i] = e;
      zs[j * (nx + 1) + i] = ground.z(e);
    }
  }
  const span = Math.max(0.01, ground.max - ground.min);
  const m = new MeshBuilder();
  const X = (i: number) => x0 + ((x1 - x0) * i) / nx;
  const Y = (j: number) => y0 + ((y1 - y0) * j) / ny;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const a = j * (nx + 1) + i;
      const b = a + 1;
      const c = a + nx + 1;
      const d = c + 1;
      m.setColor(ramp((es[a]! - ground.min) / span));
      m.triangle(X(i), Y(j), zs[a]!, X(i + 1), Y(j), zs[b]!, X(i + 1), Y(j + 1), zs[d]!, 0);
      m.triangle(X(i), Y(j), zs[a]!, X(i + 1), Y(j + 1), zs[d]!, X(i), Y(j + 1), zs[c]!, 0);
    }
  }
  return m.result();
}
