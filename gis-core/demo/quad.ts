/**
 * A "quad-ish" patch: the area between a bottom and a top polyline (both drawn left to right),
 * closed by the straight lines joining their ends. Blocks, sub-blocks, lots and building sites
 * are all such patches. Mapping (u, v) ∈ [0,1]² to the plane — u along both polylines by
 * normalised arc length, v from bottom to top — turns "a lot 6 m wide" or "a house set back
 * 3 m" into rectangles in (u, v), and the image of a sub-rectangle always lies inside its parent:
 * lots tile their block, buildings stay on their lot.
 */
import { cumulative, segmentAt, type Pt } from './geometry.js';

/** The point at normalised arc length u of a polyline (allocation-free search). */
function along(points: readonly Pt[], cum: readonly number[], total: number, u: number, out: number[], o: number): void {
  const s = u * total;
  const i = segmentAt(cum, s);
  const a = points[i] as Pt;
  const b = points[i + 1] as Pt;
  const len = (cum[i + 1] as number) - (cum[i] as number);
  const t = len > 0 ? Math.min(1, Math.max(0, (s - (cum[i] as number)) / len)) : 0;
  out[o] = a[0] + (b[0] - a[0]) * t;
  out[o + 1] = a[1] + (b[1] - a[1]) * t;
}

const scratch = [0, 0, 0, 0];

export class QuadMap {
  readonly cumBottom: number[];
  readonly cumTop: number[];
  readonly bottomLength: number;
  readonly topLength: number;
  /** u values (0 < u < 1) at which either polyline bends: the patch is bilinear between them. */
  readonly breaks: number[];

  constructor(
    readonly bottom: readonly Pt[],
    readonly top: readonly Pt[],
  ) {
    this.cumBottom = cumulative(bottom);
    this.cumTop = cumulative(top);
    this.bottomLength = this.cumBottom[this.cumBottom.length - 1] as number;
    this.topLength = this.cumTop[this.cumTop.length - 1] as number;
    const breaks = new Set<number>();
    for (let i = 1; i < bottom.length - 1; i++) breaks.add((this.cumBottom[i] as number) / this.bottomLength);
    for (let i = 1; i < top.length - 1; i++) breaks.add((this.cumTop[i] as number) / this.topLength);
    this.breaks = [...breaks].sort((a, b) => a - b);
  }

  at(u: number, v: number): Pt {
    along(this.bottom, this.cumBottom, this.bottomLength, u, scratch, 0);
    along(this.top, this.cumTop, this.topLength, u, scratch, 2);
    const bx = scratch[0] as number;
    const by = scratch[1] as number;
    return [bx + ((scratch[2] as number) - bx) * v, by + ((scratch[3] as number) - by) * v];
  }

  /** Distance from the bottom to the top polyline along the line at u. */
  depthAt(u: number): number {
    along(this.bottom, this.cumBottom, this.bottomLength, u, scratch, 0);
    along(this.top, this.cumTop, this.topLength, u, scratch, 2);
    return Math.hypot((scratch[2] as number) - (scratch[0] as number), (scratch[3] as number) - (scratch[1] as number));
  }

  /** The image of [u0,u1]×[v0,v1] as a counter-clockwise open ring (bends included). */
  rect(u0: number, u1: number, v0: number, v1: number): Pt[] {
    const breaks = this.breaks;
    let first = 0;
    while (first < breaks.length && (breaks[first] as number) <= u0 + 1e-9) first++;
    let last = first;
    while (last < breaks.length && (breaks[last] as number) < u1 - 1e-9) last++;
    const ring: Pt[] = [this.at(u0, v0)];
    for (let i = first; i < last; i++) ring.push(this.at(breaks[i] as number, v0));
    ring.push(this.at(u1, v0), this.at(u1, v1));
    for (let i = last - 1; i >= first; i--) ring.push(this.at(breaks[i] as number, v1));
    ring.push(this.at(u0, v1));
    return ring;
  }

  /** Area of the image of [u0,u1]×[v0,v1] (the shoelace of `rect`, without building it). */
  rectArea(u0: number, u1: number, v0: number, v1: number): number {
    const ring = this.rect(u0, u1, v0, v1);
    const [x0, y0] = ring[0] as Pt;
    let s = 0;
    for (let i = 0; i < ring.length; i++) {
      const a = ring[i] as Pt;
      const b = ring[(i + 1) % ring.length] as Pt;
      s += (a[0] - x0) * (b[1] - y0) - (b[0] - x0) * (a[1] - y0);
    }
    return s / 2;
  }
}
