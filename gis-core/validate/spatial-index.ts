/**
 * In-memory spatial index of bounding boxes: a packed uniform grid (typed arrays, built once,
 * no per-query allocation besides the result). What the rule engine answers `featuresIn` with
 * on layers of a million features; `GridIndex` wraps it for code that adds items one by one.
 */
import type { BBox } from '../../layers/rules/planar.js';

/** Items whose box covers more cells than this are kept aside and tested on every query. */
const MAX_CELLS_PER_ITEM = 64;

export class PackedGrid {
  private readonly minx: number;
  private readonly miny: number;
  private readonly cols: number;
  private readonly rows: number;
  private readonly size: number;
  private readonly start: Int32Array;
  private readonly items: Int32Array;
  private readonly big: Int32Array;
  private readonly stamp: Uint32Array;
  private query = 0;

  /**
   * @param boxes minx, miny, maxx, maxy of item i at 4i … 4i+3
   * @param cellSize grid cell side; chosen from the items' extent and sizes when absent
   */
  constructor(
    readonly boxes: Float64Array,
    readonly count: number,
    cellSize?: number,
  ) {
    let minx = Infinity;
    let miny = Infinity;
    let maxx = -Infinity;
    let maxy = -Infinity;
    const sizes = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      const o = i * 4;
      if (boxes[o]! < minx) minx = boxes[o]!;
      if (boxes[o + 1]! < miny) miny = boxes[o + 1]!;
      if (boxes[o + 2]! > maxx) maxx = boxes[o + 2]!;
      if (boxes[o + 3]! > maxy) maxy = boxes[o + 3]!;
      sizes[i] = Math.max(boxes[o + 2]! - boxes[o]!, boxes[o + 3]! - boxes[o + 1]!);
    }
    if (count === 0) minx = miny = maxx = maxy = 0;
    const width = Math.max(maxx - minx, 1e-9);
    const height = Math.max(maxy - miny, 1e-9);
    let size = cellSize ?? 0;
    if (!(size > 0)) {
      sizes.sort();
      const typical = count > 0 ? sizes[Math.floor(count / 2)]! : 1;
      // About two items a cell, and cells no smaller than a typical item.
      size = Math.max(Math.sqrt((width * height * 2) / Math.max(1, count)), typical, 1e-6);
    }
    // Keep the grid to a sane number of cells whatever the caller asked for.
    const maxCells = Math.max(1024, count * 4);
    while (Math.ceil(width / size) * Math.ceil(height / size) > maxCells) size *= 1.5;
    this.minx = minx;
    this.miny = miny;
    this.size = size;
    this.cols = Math.max(1, Math.ceil(width / size) + 1);
    this.rows = Math.max(1, Math.ceil(height / size) + 1);

    const cells = this.cols * this.rows;
    const start = new Int32Array(cells + 1);
    const bigList: number[] = [];
    const isBig = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      const [c0, r0, c1, r1] = this.span(boxes[i * 4]!, boxes[i * 4 + 1]!, boxes[i * 4 + 2]!, boxes[i * 4 + 3]!);
      if ((c1 - c0 + 1) * (r1 - r0 + 1) > MAX_CELLS_PER_ITEM) {
        isBig[i] = 1;
        bigList.push(i);
        continue;
      }
      for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) start[r * this.cols + c + 1]!++;
    }
    for (let k = 0; k < cells; k++) start[k + 1]! += start[k]!;
    const fill = start.slice(0, cells);
    const items = new Int32Array(start[cells]!);
    for (let i = 0; i < count; i++) {
      if (isBig[i]) continue;
      const [c0, r0, c1, r1] = this.span(boxes[i * 4]!, boxes[i * 4 + 1]!, boxes[i * 4 + 2]!, boxes[i * 4 + 3]!);
      for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) items[fill[r * this.cols + c]!++] = i;
    }
    this.start = start;
    this.items = items;
    this.big = Int32Array.from(bigList);
    this.stamp = new Uint32Array(count);
  }

  /** Cell columns and rows a box covers, clamped to the grid. */
  private span(x0: number, y0: number, x1: number, y1: number): [number, number, number, number] {
    const clampC = (v: number) => Math.min(this.cols - 1, Math.max(0, v));
    const clampR = (v: number) => Math.min(this.rows - 1, Math.max(0, v));
    return [
      clampC(Math.floor((x0 - this.minx) / this.size)),
      clampR(Math.floor((y0 - this.miny) / this.size)),
      clampC(Math.floor((x1 - this.minx) / this.size)),
      clampR(Math.floor((y1 - this.miny) / this.size)),
    ];
  }

  private hits(i: number, x0: number, y0: number, x1: number, y1: number): boolean {
    const o = i * 4;
    const b = this.boxes;
    return b[o]! <= x1 && b[o + 2]! >= x0 && b[o + 1]! <= y1 && b[o + 3]! >= y0;
  }

  /** Indexes of the items whose box intersects `box` (each once, in no set order). */
  search(box: readonly number[]): number[] {
    const x0 = box[0] as number;
    const y0 = box[1] as number;
    const x1 = box[2] as number;
    const y1 = box[3] as number;
    const out: number[] = [];
    if (this.count === 0 || x0 > x1 || y0 > y1) return out;
    this.query = (this.query + 1) >>> 0;
    if (this.query === 0) {
      this.stamp.fill(0);
      this.query = 1;
    }
    const q = this.query;
    const [c0, r0, c1, r1] = this.span(x0, y0, x1, y1);
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const cell = r * this.cols + c;
        for (let k = this.start[cell]!, end = this.start[cell + 1]!; k < end; k++) {
          const i = this.items[k]!;
          if (this.stamp[i] === q) continue;
          this.stamp[i] = q;
          if (this.hits(i, x0, y0, x1, y1)) out.push(i);
        }
      }
    }
    for (let k = 0; k < this.big.length; k++) {
      const i = this.big[k]!;
      if (this.hits(i, x0, y0, x1, y1)) out.push(i);
    }
    return out;
  }
}

/** A grid of boxes filled item by item (the packed grid is rebuilt on the first query after an insert). */
export class GridIndex<T> {
  private readonly list: T[] = [];
  private boxes = new Float64Array(64);
  private grid: PackedGrid | undefined;

  /** @param size cell side in the boxes' units; chosen from the items when absent */
  constructor(private readonly size?: number) {}

  insert(box: BBox | readonly number[], item: T): void {
    const n = this.list.length;
    if ((n + 1) * 4 > this.boxes.length) {
      const grown = new Float64Array(this.boxes.length * 2);
      grown.set(this.boxes);
      this.boxes = grown;
    }
    this.boxes.set([box[0] as number, box[1] as number, box[2] as number, box[3] as number], n * 4);
    this.list.push(item);
    this.grid = undefined;
  }

  /** Items whose boxes intersect `box` (each once), in insertion order. */
  query(box: BBox | readonly number[]): T[] {
    this.grid ??= new PackedGrid(this.boxes, this.list.length, this.size);
    return this.grid
      .search(box)
      .sort((a, b) => a - b)
      .map((i) => this.list[i] as T);
  }
}
