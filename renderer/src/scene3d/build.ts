/**
 * The scene build: input features (local metres) → merged buffers, one per layer (buildings and
 * massing in tiles with a near and a far version, see lod.ts), with a
 * triangle → feature index for picking. Pure and synchronous: runs in the build worker (or on
 * the main thread as a fallback) and in the benchmark.
 */
import { planMassing } from '../../../layers/massing.js';
import { FloatBuffer, MeshBuilder } from './buffers.js';
import { extrudePolygon, ribbon } from './extrude.js';
import { makeGround, terrainMesh } from './terrain.js';
import { buildTiled, type LodItem } from './lod.js';
import type { LineData, Progress, SceneData, SceneInput } from './types.js';

/** Pipes without an invert lie this far below ground (metres, to the pipe's axis). */
export const DEFAULT_PIPE_DEPTH = 1.2;

/** Mean of a ring's vertices (the closing point not counted twice): where a block meets the ground. */
function centroidOf(ring: readonly (readonly number[])[]): [number, number] {
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  const n = ring.length > 1 && first[0] === last[0] && first[1] === last[1] ? ring.length - 1 : ring.length;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += ring[i]![0]!;
    sy += ring[i]![1]!;
  }
  return [sx / n, sy / n];
}

export function buildScene(input: SceneInput, progress: Progress = () => {}): SceneData {
  const ground = makeGround(input.terrain, input.groundLevel, input.exaggeration);
  const gz = (x: number, y: number) => ground.z(ground.elevation(x, y));

  progress(0.02, 'terrain');
  const terrain = input.terrain ? terrainMesh(ground, input.bbox) : null;

  const origin = [input.bbox[0], input.bbox[1]] as const;
  const buildingItems: LodItem[] = [];
  input.buildings.forEach((b, i) => {
    const outer = b.rings[0];
    if (!outer || outer.length < 3) return;
    const [cx, cy] = centroidOf(outer);
    buildingItems.push({ rings: b.rings, base: gz(cx, cy), height: b.height, color: b.color, feature: i, cx, cy });
  });
  // Tiles with a near (full) and a far (one box per cell and height band) version each.
  const tiledBuildings = buildTiled(buildingItems, origin, true, (f) => progress(0.05 + 0.6 * f, 'buildings'));
  const maxBuildingHeight = tiledBuildings.maxHeight;

  progress(0.65, 'zones');
  const zones = new MeshBuilder();
  const massingItems: LodItem[] = [];
  input.zones.forEach((z, i) => {
    const outer = z.rings[0];
    if (!outer || outer.length < 3) return;
    const [cx, cy] = centroidOf(outer);
    const base = gz(cx, cy);
    zones.setColor(z.color, 0.35);
    extrudePolygon(zones, z.rings, base + 0.05, 0, i);
    const env = planMassing(outer, { maxFloors: z.maxFloors, maxHeightM: z.maxHeightM, setbackM: z.setbackM, maxDensityPct: z.maxDensityPct });
    if (!env || env.footprint.length < 3) return;
    const [mx, my] = centroidOf(env.footprint);
    massingItems.push({ rings: [env.footprint], base, height: env.heightM, color: z.color, feature: i, cx: mx, cy: my });
  });
  // Far: one oriented box per block (blocks of different zones are not merged).
  const tiledMassing = buildTiled(massingItems, origin, false);

  progress(0.8, 'roads');
  const roads = new MeshBuilder();
  input.roads.forEach((r, i) => {
    roads.setColor(r.color);
    ribbon(roads, r.coords, Math.max(2, r.width), (x, y) => gz(x, y) + 0.12, i);
  });
  const redLines = lines(input.redLines.map((l) => ({ coords: l.coords, color: l.color })), (x, y) => gz(x, y) + 0.3);

  progress(0.9, 'networks');
  const pipePos = new FloatBuffer();
  const pipeCol = new FloatBuffer();
  for (const p of input.pipes) {
    const c = p.coords;
    if (c.length < 2) continue;
    // Depth below ground from the inverts, interpolated along the pipe; the axis is drawn.
    let total = 0;
    for (let i = 1; i < c.length; i++) total += Math.hypot(c[i]![0]! - c[i - 1]![0]!, c[i]![1]! - c[i - 1]![1]!);
    let run = 0;
    const zAt = (x: number, y: number, t: number) => {
      const e = ground.elevation(x, y);
      const inv = Number.isFinite(p.fromInvert) && Number.isFinite(p.toInvert) ? p.fromInvert + (p.toInvert - p.fromInvert) * t : NaN;
      const depth = Number.isFinite(inv) ? Math.max(0.3, e - inv) : DEFAULT_PIPE_DEPTH;
      return ground.z(e) - depth;
    };
    const r = ((p.color >> 16) & 255) / 255;
    const g = ((p.color >> 8) & 255) / 255;
    const b = (p.color & 255) / 255;
    for (let i = 1; i < c.length; i++) {
      const a = c[i - 1]!;
      const d = c[i]!;
      const t0 = total ? run / total : 0;
      run += Math.hypot(d[0]! - a[0]!, d[1]! - a[1]!);
      const t1 = total ? run / total : 1;
      pipePos.push3(a[0]!, a[1]!, zAt(a[0]!, a[1]!, t0));
      pipePos.push3(d[0]!, d[1]!, zAt(d[0]!, d[1]!, t1));
      pipeCol.push3(r, g, b);
      pipeCol.push3(r, g, b);
    }
  }
  const poles = new Float32Array(input.poles.length * 4);
  input.poles.forEach((p, i) => {
    poles[i * 4] = p.x;
    poles[i * 4 + 1] = p.y;
    poles[i * 4 + 2] = gz(p.x, p.y);
    poles[i * 4 + 3] = p.height;
  });
  progress(1, 'done');
  return {
    terrain,
    buildings: tiledBuildings.data,
    massing: tiledMassing.data,
    zones: zones.result(),
    roads: roads.result(),
    redLines,
    pipes: { position: pipePos.result(), color: pipeCol.result() },
    poles,
    maxBuildingHeight,
    maxMassingHeight: tiledMassing.maxHeight,
    massingCount: tiledMassing.count,
    minGround: ground.min,
    maxGround: ground.max,
  };
}

function lines(items: readonly { coords: readonly (readonly number[])[]; color: number }[], z: (x: number, y: number) => number): LineData {
  const pos = new FloatBuffer();
  const col = new FloatBuffer();
  for (const { coords, color } of items) {
    const r = ((color >> 16) & 255) / 255;
    const g = ((color >> 8) & 255) / 255;
    const b = (color & 255) / 255;
    for (let i = 1; i < coords.length; i++) {
      const a = coords[i - 1]!;
      const d = coords[i]!;
      pos.push3(a[0]!, a[1]!, z(a[0]!, a[1]!));
      pos.push3(d[0]!, d[1]!, z(d[0]!, d[1]!));
      col.push3(r, g, b);
      col.push3(r, g, b);
    }
  }
  return { position: pos.result(), color: col.result() };
}

/** The buffers a worker can transfer instead of copying. */
export function transferables(data: SceneData): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  const meshes = [data.terrain, data.buildings, data.buildings.far, data.massing, data.massing.far, data.zones, data.roads];
  for (const m of meshes) if (m) out.push(m.position.buffer as ArrayBuffer, m.normal.buffer as ArrayBuffer, m.color.buffer as ArrayBuffer, m.feature.buffer as ArrayBuffer);
  out.push(data.redLines.position.buffer as ArrayBuffer, data.redLines.color.buffer as ArrayBuffer);
  out.push(data.pipes.position.buffer as ArrayBuffer, data.pipes.color.buffer as ArrayBuffer, data.poles.buffer as ArrayBuffer);
  return out;
}
