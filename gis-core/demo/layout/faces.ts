/**
 * Faces of the street skeleton: the blocks between consecutive north–south pieces of a band,
 * the canal strips, the river, and the outer ring of the frame. A face's polygon is its
 * centre-line ring shifted inwards by each bounding street's half width, so block edges are
 * exactly the red lines (or canal banks) of the streets around them.
 */
import { intersectLines, offsetPolyline, offsetRing, sub, yAtX, type Pt } from '../geometry.js';
import type { HLine, Skeleton, Street, VChain, VPiece } from './types.js';

/** A ring of centre-line vertices with, per edge (i → i+1), the street along it. */
export interface StreetRing {
  readonly points: Pt[];
  readonly streets: Street[];
}

export interface Face {
  readonly index: number;
  readonly band: number;
  readonly left: VPiece;
  readonly right: VPiece;
  readonly lower: HLine;
  readonly upper: HLine;
  readonly ring: StreetRing;
  /** The block: `ring` inset by half street widths (counter-clockwise, open). */
  readonly block: Pt[];
  /** The block's south and north edges, west to east (for the (u, v) map). */
  readonly bottom: Pt[];
  readonly top: Pt[];
  readonly area: number;
  readonly centroid: Pt;
}

/** Vertices of an east–west line strictly between two x values, in the given direction. */
function stationsBetween(line: HLine, x0: number, x1: number): Pt[] {
  const inner = line.points.slice(1, -1).filter((p) => p[0] > Math.min(x0, x1) + 1e-6 && p[0] < Math.max(x0, x1) - 1e-6);
  return x0 < x1 ? inner.map((p) => [p[0], p[1]]) : inner.reverse().map((p) => [p[0], p[1]]);
}

/**
 * The counter-clockwise ring of the area bounded below by `bottom` (a line's vertices from
 * west to east), on the right by `right`, above by `top` (west to east) and on the left by
 * `left`, with the street of each side.
 */
export function sideRing(
  bottom: readonly Pt[],
  bottomStreet: Street,
  right: Street,
  top: readonly Pt[],
  topStreet: Street,
  left: Street,
): StreetRing {
  const points: Pt[] = [...bottom.map((p): Pt => [p[0], p[1]])];
  const streets: Street[] = bottom.slice(1).map(() => bottomStreet);
  streets.push(right);
  const topReversed = [...top].reverse();
  for (let i = 0; i < topReversed.length; i++) {
    points.push([(topReversed[i] as Pt)[0], (topReversed[i] as Pt)[1]]);
    if (i < topReversed.length - 1) streets.push(topStreet);
  }
  streets.push(left);
  return { points, streets };
}

/** Insets a street ring by the streets' half widths; returns the ring and its south/north chains. */
export function insetRing(ring: StreetRing, bottomCount: number, halfWidth: (s: Street, edge: number) => number = (s) => s.width / 2) {
  const offsets = ring.streets.map((s, i) => halfWidth(s, i));
  const inset = offsetRing(ring.points, offsets);
  const bottom = inset.slice(0, bottomCount);
  const top = inset.slice(bottomCount).reverse();
  return { inset, bottom, top };
}

export function polygonArea(ring: readonly Pt[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j] as Pt;
    const b = ring[i] as Pt;
    s += a[0] * b[1] - b[0] * a[1];
  }
  return s / 2;
}

export function centroidOf(ring: readonly Pt[]): Pt {
  let cx = 0;
  let cy = 0;
  let a2 = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const p = ring[j] as Pt;
    const q = ring[i] as Pt;
    const c = p[0] * q[1] - q[0] * p[1];
    a2 += c;
    cx += (p[0] + q[0]) * c;
    cy += (p[1] + q[1]) * c;
  }
  return [cx / (3 * a2), cy / (3 * a2)];
}

export function buildFaces(skeleton: Skeleton): Face[] {
  const faces: Face[] = [];
  skeleton.bands.forEach((pieces, band) => {
    const lower = skeleton.hLines[band] as HLine;
    const upper = skeleton.hLines[band + 1] as HLine;
    for (let i = 0; i < pieces.length - 1; i++) {
      const left = pieces[i] as VPiece;
      const right = pieces[i + 1] as VPiece;
      const bottom = [left.bottom, ...stationsBetween(lower, left.bottom[0], right.bottom[0]), right.bottom];
      const top = [left.top, ...stationsBetween(upper, left.top[0], right.top[0]), right.top];
      const ring = sideRing(bottom, lower.street, right.street, top, upper.street, left.street);
      const inset = insetRing(ring, bottom.length);
      faces.push({
        index: faces.length,
        band,
        left,
        right,
        lower,
        upper,
        ring,
        block: inset.inset,
        bottom: inset.bottom,
        top: inset.top,
        area: polygonArea(inset.inset),
        centroid: centroidOf(inset.inset),
      });
    }
  });
  return faces;
}

/**
 * A canal's water, from the river bank to the district's north edge: its centre line shifted
 * half the water width to each side. Streets cross it on bridges, so the water runs on under
 * them; its banks are the edges of the blocks beside it.
 */
export function canalPolygon(chain: VChain, bank: readonly Pt[], north: readonly Pt[]): Pt[] {
  const centre: Pt[] = [chain.pieces[0]?.bottom as Pt, ...chain.pieces.map((p) => p.top)];
  const h = chain.street.width / 2;
  const east = offsetPolyline(centre, -h);
  const west = offsetPolyline(centre, h);
  // Where a bank line meets an x-monotone edge (the river bank, the north red line).
  const meet = (line: Pt[], at: 'start' | 'end', edge: readonly Pt[]): Pt => {
    const a = at === 'start' ? (line[0] as Pt) : (line[line.length - 2] as Pt);
    const b = at === 'start' ? (line[1] as Pt) : (line[line.length - 1] as Pt);
    const [e0, e1] = segmentAt(edge, a[0]);
    return intersectLines(a, sub(b, a), e0, sub(e1, e0)) ?? a;
  };
  return [
    meet(east, 'start', bank),
    ...east.slice(1, -1),
    meet(east, 'end', north),
    meet(west, 'end', north),
    ...west.slice(1, -1).reverse(),
    meet(west, 'start', bank),
  ];
}

/** The segment of an x-monotone polyline that spans x. */
export function segmentAt(points: readonly Pt[], x: number): [Pt, Pt] {
  for (let i = 0; i < points.length - 1; i++) {
    if (x <= (points[i + 1] as Pt)[0] || i === points.length - 2) return [points[i] as Pt, points[i + 1] as Pt];
  }
  return [points[0] as Pt, points[1] as Pt];
}

/**
 * The ring around the whole district, walked clockwise (west frame north, top street east,
 * east frame south, river street west) and shifted outwards: the outer red lines.
 */
export interface OuterRing {
  readonly points: Pt[];
  readonly streets: Street[];
  /** Index of the south-east corner: from there on the ring follows the river bank. */
  readonly riverFrom: number;
  /** Indices of the north-west and north-east corners: between them, the north red line. */
  readonly northFrom: number;
  readonly northTo: number;
}

export function outerRing(skeleton: Skeleton): OuterRing {
  const points: Pt[] = [];
  const streets: Street[] = [];
  const bands = skeleton.bands;
  const west = bands.map((b) => b[0] as VPiece);
  const east = bands.map((b) => b[b.length - 1] as VPiece);
  const top = skeleton.hLines[skeleton.hLines.length - 1] as HLine;
  const river = skeleton.hLines[0] as HLine;
  for (const p of west) {
    points.push(p.bottom);
    streets.push(p.street);
  }
  const northFrom = points.length;
  points.push((west[west.length - 1] as VPiece).top);
  for (const s of top.points.slice(1, -1)) {
    streets.push(top.street);
    points.push(s);
  }
  streets.push(top.street);
  const northTo = points.length;
  for (let i = east.length - 1; i >= 0; i--) {
    points.push((east[i] as VPiece).top);
    streets.push((east[i] as VPiece).street);
  }
  const riverFrom = points.length;
  points.push((east[0] as VPiece).bottom);
  for (const s of river.points.slice(1, -1).reverse()) {
    streets.push(river.street);
    points.push(s);
  }
  streets.push(river.street);
  const outset = offsetRing(points, streets.map((s) => s.width / 2));
  return { points: outset, streets, riverFrom, northFrom, northTo };
}

/** The district's north red line, west to east. */
export function northEdge(outer: OuterRing): Pt[] {
  return outer.points.slice(outer.northFrom, outer.northTo + 1);
}

/** The river bank, west to east. */
export function riverBank(outer: OuterRing): Pt[] {
  return [...outer.points.slice(outer.riverFrom), outer.points[0] as Pt].reverse();
}

/** The river: from the river street's outer red line (the bank) south to y = 0. */
export function riverPolygon(outer: OuterRing): Pt[] {
  const bankEastToWest = riverBank(outer).reverse();
  const east = bankEastToWest[0] as Pt;
  const west = bankEastToWest[bankEastToWest.length - 1] as Pt;
  return [[west[0], 0], [east[0], 0], ...bankEastToWest];
}

export { yAtX };
