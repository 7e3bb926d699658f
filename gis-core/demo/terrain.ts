/**
 * The terrain model: ground level (m above sea level) as a pure function of position, and the
 * 2 m grid the GeoTIFF is made of. Low at the river and canals (0.3 m, the water surface),
 * rising inland to about 2.5 m, gentle noise, streets raised a little. Manhole rims and the
 * DEM's cells are read from the same function (a test checks they agree).
 */
import { xAtY, yAtX, type Pt } from './geometry.js';
import { riverBank } from './layout/faces.js';
import type { DemoPlan } from './layout/plan.js';
import { valueNoise } from './random.js';

export const TERRAIN_CELL_M = 2;
export const TERRAIN_NODATA = -9999;
export const WATER_LEVEL_M = 0.3;
const MARGIN_M = 60;
/** Road crown height above the surrounding ground, and the taper beyond the red line (m). */
const ROAD_RAISE_M = 0.22;
const ALLEY_RAISE_M = 0.1;
const ROAD_TAPER_M = 3;
const BUCKET_M = 32;

export interface TerrainGrid {
  /** Upper-left corner of the upper-left cell, EPSG:5897. */
  readonly originX: number;
  readonly originY: number;
  readonly cell: number;
  readonly columns: number;
  readonly rows: number;
  readonly nodata: number;
}

interface Canal {
  readonly line: Pt[];
  readonly half: number;
  readonly meanX: number;
}

export class Terrain {
  readonly grid: TerrainGrid;
  private readonly bank: Pt[];
  private readonly canals: Canal[];
  /** Road sub-segments as flat arrays: ax, ay, bx, by, half width, raise. */
  private readonly seg: Float64Array;
  /** Segments by grid bucket, flattened: bucket b holds bucketItems[bucketStart[b] … bucketStart[b+1]). */
  private readonly bucketStart: Int32Array;
  private readonly bucketItems: Int32Array;
  private readonly bucketRows: number;
  private readonly bucketCols: number;
  private readonly minX: number;
  private readonly minY: number;

  constructor(
    plan: DemoPlan,
    private readonly noiseSeed: number,
    readonly originX: number,
    readonly originY: number,
  ) {
    this.bank = riverBank(plan.outer);
    this.canals = plan.skeleton.chains
      .filter((c) => c.street.kind === 'canal')
      .map((c) => {
        const line: Pt[] = [c.pieces[0]?.bottom as Pt, ...c.pieces.map((p) => p.top)];
        return { line, half: c.street.width / 2, meanX: line.reduce((s, p) => s + p[0], 0) / line.length };
      })
      .sort((a, b) => a.meanX - b.meanX);
    const xs = plan.outer.points.map((p) => p[0]);
    const ys = plan.outer.points.map((p) => p[1]);
    const minX = Math.min(...xs) - MARGIN_M;
    const maxX = Math.max(...xs) + MARGIN_M;
    const minY = -MARGIN_M;
    const maxY = Math.max(...ys) + MARGIN_M;
    const c = TERRAIN_CELL_M;
    const gx0 = Math.floor((originX + minX) / c) * c;
    const gy1 = Math.ceil((originY + maxY) / c) * c;
    this.grid = {
      originX: gx0,
      originY: gy1,
      cell: c,
      columns: Math.ceil((originX + maxX - gx0) / c),
      rows: Math.ceil((gy1 - (originY + minY)) / c),
      nodata: TERRAIN_NODATA,
    };
    this.minX = minX;
    this.minY = minY;
    this.bucketCols = Math.ceil((maxX - minX) / BUCKET_M) + 1;
    this.bucketRows = Math.ceil((maxY - minY) / BUCKET_M) + 1;
    const segs: number[] = [];
    const lists: number[][] = Array.from({ length: this.bucketCols * this.bucketRows }, () => []);
    for (const s of plan.network.segments) {
      const raise = s.street.kind === 'alley' ? ALLEY_RAISE_M : ROAD_RAISE_M;
      for (let i = 1; i < s.points.length; i++) {
        const a = s.points[i - 1] as Pt;
        const b = s.points[i] as Pt;
        const index = segs.length / 6;
        segs.push(a[0], a[1], b[0], b[1], s.street.width / 2, raise);
        const reach = s.street.width / 2 + ROAD_TAPER_M;
        const c0 = Math.max(0, Math.floor((Math.min(a[0], b[0]) - reach - minX) / BUCKET_M));
        const c1 = Math.min(this.bucketCols - 1, Math.floor((Math.max(a[0], b[0]) + reach - minX) / BUCKET_M));
        const r0 = Math.max(0, Math.floor((Math.min(a[1], b[1]) - reach - minY) / BUCKET_M));
        const r1 = Math.min(this.bucketRows - 1, Math.floor((Math.max(a[1], b[1]) + reach - minY) / BUCKET_M));
        for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) (lists[r * this.bucketCols + c] as number[]).push(index);
      }
    }
    this.seg = Float64Array.from(segs);
    this.bucketStart = new Int32Array(lists.length + 1);
    let total = 0;
    lists.forEach((l, i) => {
      this.bucketStart[i] = total;
      total += l.length;
    });
    this.bucketStart[lists.length] = total;
    this.bucketItems = new Int32Array(total);
    lists.forEach((l, i) => this.bucketItems.set(l, this.bucketStart[i] as number));
  }

  /** y of the river bank at x (local metres). */
  bankY(x: number): number {
    return yAtX(this.bank, x);
  }

  /** Index of the first canal that may lie within reach of x (canals sorted west to east). */
  private canalsNear(x: number): [number, number] {
    let lo = 0;
    let hi = this.canals.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.canals[mid] as Canal).meanX < x) lo = mid + 1;
      else hi = mid;
    }
    return [Math.max(0, lo - 2), Math.min(this.canals.length, lo + 2)];
  }

  /** Distance to the nearest canal bank (negative in the water). */
  canalDistance(x: number, y: number): number {
    const [from, to] = this.canalsNear(x);
    let best = Infinity;
    for (let i = from; i < to; i++) {
      const canal = this.canals[i] as Canal;
      const d = Math.abs(x - xAtY(canal.line, y)) - canal.half;
      if (d < best) best = d;
    }
    return best;
  }

  /** Ground level (m) at a point in local metres. */
  elevation(x: number, y: number): number {
    return this.compose(x, y, y - this.bankY(x), this.canalDistance(x, y));
  }

  /** Ground level (m) at a point in EPSG:5897. */
  elevationAt(X: number, Y: number): number {
    return this.elevation(X - this.originX, Y - this.originY);
  }

  private compose(x: number, y: number, riverDistance: number, canalDistance: number): number {
    const water = Math.min(riverDistance, canalDistance * 1.4);
    if (water <= 0) return WATER_LEVEL_M;
    const t = Math.min(water, 700) / 700;
    let ground = 0.55 + 1.45 * (1 - (1 - t) * (1 - t)) + 0.12 * (y / 1000 > 1 ? 1 : y / 1000);
    ground += 0.16 * valueNoise(this.noiseSeed, x, y, 120) + 0.06 * valueNoise(this.noiseSeed + 1, x, y, 35);
    ground = Math.min(2.75, Math.max(0.4, ground));
    // Embankment: blend from the water level over the first 6 m of land.
    if (water < 6) {
      const s = water / 6;
      ground = WATER_LEVEL_M + (ground - WATER_LEVEL_M) * s * s * (3 - 2 * s);
    }
    return ground + this.roadRaise(x, y);
  }

  private roadRaise(x: number, y: number): number {
    const col = Math.floor((x - this.minX) / BUCKET_M);
    const row = Math.floor((y - this.minY) / BUCKET_M);
    if (col < 0 || row < 0 || col >= this.bucketCols || row >= this.bucketRows) return 0;
    const b = row * this.bucketCols + col;
    const s = this.seg;
    const items = this.bucketItems;
    let best = 0;
    for (let k = this.bucketStart[b] as number, end = this.bucketStart[b + 1] as number; k < end; k++) {
      const o = (items[k] as number) * 6;
      const raise = s[o + 5] as number;
      if (raise <= best) continue;
      const ax = s[o] as number;
      const ay = s[o + 1] as number;
      const abx = (s[o + 2] as number) - ax;
      const aby = (s[o + 3] as number) - ay;
      const half = s[o + 4] as number;
      const len2 = abx * abx + aby * aby;
      let t = len2 > 0 ? ((x - ax) * abx + (y - ay) * aby) / len2 : 0;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const dx = x - ax - abx * t;
      const dy = y - ay - aby * t;
      const reach = half + ROAD_TAPER_M;
      const d2 = dx * dx + dy * dy;
      if (d2 >= reach * reach) continue;
      const inner = half - 1;
      const r = d2 <= inner * inner ? raise : raise * 0.5 * (1 + Math.cos((Math.PI * (Math.sqrt(d2) - inner)) / (ROAD_TAPER_M + 1)));
      if (r > best) best = r;
    }
    return best;
  }

  /** The grid's rows from north to south (each a fresh Float32Array; bounded memory). */
  *rows(): Generator<Float32Array> {
    const g = this.grid;
    const xs = new Float64Array(g.columns);
    const bank = new Float64Array(g.columns);
    const from = new Int32Array(g.columns);
    const to = new Int32Array(g.columns);
    for (let c = 0; c < g.columns; c++) {
      const x = g.originX + (c + 0.5) * g.cell - this.originX;
      xs[c] = x;
      bank[c] = this.bankY(x);
      [from[c], to[c]] = this.canalsNear(x);
    }
    const canalX = new Float64Array(this.canals.length);
    for (let r = 0; r < g.rows; r++) {
      const y = g.originY - (r + 0.5) * g.cell - this.originY;
      // Same arithmetic as canalDistance(), with each canal's x at this y found once per row.
      for (let i = 0; i < this.canals.length; i++) canalX[i] = xAtY((this.canals[i] as Canal).line, y);
      const row = new Float32Array(g.columns);
      for (let c = 0; c < g.columns; c++) {
        const x = xs[c] as number;
        let canal = Infinity;
        for (let i = from[c] as number; i < (to[c] as number); i++) {
          const d = Math.abs(x - (canalX[i] as number)) - (this.canals[i] as Canal).half;
          if (d < canal) canal = d;
        }
        row[c] = this.compose(x, y, y - (bank[c] as number), canal);
      }
      yield row;
    }
  }
}
