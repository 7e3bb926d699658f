/**
 * Lots (thửa đất): residential sub-blocks get two rows of narrow town-house lots back to back,
 * 4–8 m of frontage (wider on corners); every other block is one large lot.
 */
import type { ZoneFunction } from '../codes.js';
import type { Pt } from '../geometry.js';
import type { QuadMap } from '../quad.js';
import { rngFor, type Rng } from '../random.js';
import { houseNumber, isResidential, type Alley, type SubBlock } from './blocks.js';
import { centroidOf, polygonArea, type Face } from './faces.js';
import type { Street } from './types.js';

export interface Lot {
  /** Index within its face (the key of its parcel). */
  readonly index: number;
  readonly face: number;
  readonly quad: QuadMap;
  readonly u0: number;
  readonly u1: number;
  readonly v0: number;
  readonly v1: number;
  /** Which side of the (u, v) rectangle faces the street: v0 ('bottom') or v1 ('top'). */
  readonly front: 'bottom' | 'top';
  readonly frontStreet: Street;
  readonly frontAlley: Alley | undefined;
  /** First or last lot of its row: a side on the block's west or east street. */
  readonly cornerWest: boolean;
  readonly cornerEast: boolean;
  readonly polygon: Pt[];
  readonly area: number;
  readonly centroid: Pt;
  /** "Số 12" or "Số 45/12" and the street it is on. */
  readonly houseNo: string;
  readonly addressStreet: string;
  /** The whole block as one lot (public land, parks, towers). */
  readonly whole: boolean;
}

/** Frontage widths (m) of one row, ending exactly at `length`. */
function rowWidths(rng: Rng, length: number, fn: ZoneFunction): number[] {
  const corner = () => (fn === 'OM' ? rng.range(8, 10.5) : rng.range(6.5, 9));
  const regular = () =>
    fn === 'OM' ? rng.weighted([[5, 0.35], [6, 0.4], [7, 0.15], [8, 0.1]] as const) + rng.range(-0.2, 0.2) : rng.range(4.3, 7.2);
  if (length < 14) return [length];
  const first = corner();
  const last = corner();
  if (length < first + last + 4) return [length / 2, length / 2];
  const widths = [first];
  let sum = first + last;
  for (;;) {
    const w = regular();
    if (sum + w > length) {
      const rest = length - sum;
      if (rest > 0.55 * w) widths.push(w);
      break;
    }
    widths.push(w);
    sum += w;
  }
  widths.push(last);
  const total = widths.reduce((a, b) => a + b, 0);
  return widths.map((w) => (w * length) / total);
}

function address(along: number, frontStreet: Street, alley: Alley | undefined, side: 'left' | 'right'): {
  houseNo: string;
  street: string;
} {
  if (!alley) return { houseNo: `Số ${houseNumber(along, side)}`, street: frontStreet.name };
  // "Hẻm 137 Lê Lợi": the alley's lots are numbered from its mouth: "Số 137/12 Lê Lợi".
  return { houseNo: `Số ${alley.mouthNumber}/${houseNumber(along, side)}`, street: alley.mouthStreet };
}

export interface LotContext {
  readonly seed: number;
  /** Distance along an east–west street from its west end to a point at x. */
  readonly alongHLine: (street: Street, x: number) => number;
}

/** Where a lot is in its sub-block's (u, v) space: all a lot is before it gets a polygon. */
export interface LotCut {
  readonly sub: SubBlock;
  readonly u0: number;
  readonly u1: number;
  readonly v0: number;
  readonly v1: number;
  readonly front: 'bottom' | 'top';
  readonly cornerWest: boolean;
  readonly cornerEast: boolean;
  readonly whole: boolean;
}

/** The lots of a block as (u, v) rectangles: cheap, for counting and for areas. */
export function lotCuts(seed: number, face: Face, fn: ZoneFunction, subBlocks: readonly SubBlock[]): LotCut[] {
  const rng = rngFor(seed, 'lots', face.index);
  const cuts: LotCut[] = [];
  if (!isResidential(fn)) {
    const sub = subBlocks[0] as SubBlock;
    const front = face.lower.street.width >= face.upper.street.width ? 'bottom' : 'top';
    cuts.push({ sub, u0: 0, u1: 1, v0: 0, v1: 1, front, cornerWest: true, cornerEast: true, whole: true });
    return cuts;
  }
  for (const sub of subBlocks) {
    const depth = Math.min(sub.quad.depthAt(0.05), sub.quad.depthAt(0.5), sub.quad.depthAt(0.95));
    const rows: { front: 'bottom' | 'top'; v0: number; v1: number; length: number }[] =
      depth < 32
        ? [{ front: sub.bottomAlley ? 'top' : 'bottom', v0: 0, v1: 1, length: sub.bottomAlley ? sub.quad.topLength : sub.quad.bottomLength }]
        : [
            { front: 'bottom', v0: 0, v1: 0.5, length: sub.quad.bottomLength },
            { front: 'top', v0: 0.5, v1: 1, length: sub.quad.topLength },
          ];
    for (const row of rows) {
      const widths = rowWidths(rng, row.length, fn);
      let u = 0;
      widths.forEach((w, i) => {
        const u1 = i === widths.length - 1 ? 1 : u + w / row.length;
        cuts.push({ sub, u0: u, u1, v0: row.v0, v1: row.v1, front: row.front, cornerWest: i === 0, cornerEast: i === widths.length - 1, whole: false });
        u = u1;
      });
    }
  }
  return cuts;
}

/** A lot in full: polygon, area, address. */
export function materializeLot(ctx: LotContext, face: Face, cut: LotCut, index: number): Lot {
  const { sub, u0, u1, v0, v1, front } = cut;
  const quad = sub.quad;
  const polygon = quad.rect(u0, u1, v0, v1);
  const alley = front === 'bottom' ? sub.bottomAlley : sub.topAlley;
  const frontStreet = front === 'bottom' ? sub.bottomStreet : sub.topStreet;
  const mid = quad.at((u0 + u1) / 2, front === 'bottom' ? v0 : v1);
  let along: number;
  let side: 'left' | 'right';
  if (alley) {
    // Walking the alley from its mouth: lots south of it are on the right when the mouth is west.
    const fromWest = alley.westOpen;
    const start = fromWest ? alley.line[0] : alley.line[1];
    along = Math.hypot(mid[0] - start[0], mid[1] - start[1]);
    side = (front === 'top') === fromWest ? 'right' : 'left';
  } else {
    along = ctx.alongHLine(frontStreet, mid[0]);
    // North of an east-going street is its left side.
    side = front === 'bottom' ? 'left' : 'right';
  }
  const a = address(along, frontStreet, alley, side);
  return {
    index,
    face: face.index,
    quad,
    u0,
    u1,
    v0,
    v1,
    front,
    frontStreet,
    frontAlley: alley,
    cornerWest: cut.cornerWest,
    cornerEast: cut.cornerEast,
    polygon,
    area: polygonArea(polygon),
    centroid: centroidOf(polygon),
    houseNo: a.houseNo,
    addressStreet: a.street,
    whole: cut.whole,
  };
}
