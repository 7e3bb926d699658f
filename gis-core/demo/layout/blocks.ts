/**
 * Blocks cut into sub-blocks by alleys (hẻm) so that every sub-block is 30–50 m deep: two rows
 * of lots back to back, 15–25 m deep each. Alleys run from the west street of the block to the
 * east one; where a canal bounds the block, the alley stops at the bank.
 */
import type { ZoneFunction } from '../codes.js';
import { add, distance, intersectLines, leftNormal, lerp, scale, sub, type Pt } from '../geometry.js';
import { QuadMap } from '../quad.js';
import { insetRing, sideRing, type Face } from './faces.js';
import type { Skeleton, Street, VChain, VPiece } from './types.js';

export const ALLEY_WIDTH = 6;

export interface Alley {
  readonly id: number;
  readonly face: number;
  /** 1-based, south to north within the face. */
  readonly index: number;
  readonly street: Street;
  /** Ends on the centre lines of the block's west and east pieces (used for the rings). */
  readonly west: Pt;
  readonly east: Pt;
  /** The alley's own centre line: like west→east, but stopping at a canal bank. */
  readonly line: [Pt, Pt];
  /** Whether each end meets a street (false: a canal bank, a dead end). */
  readonly westOpen: boolean;
  readonly eastOpen: boolean;
  /** The house number at its mouth and the street there: its lots are "Số 137/12 Lê Lợi". */
  readonly mouthNumber: number;
  readonly mouthStreet: string;
  /** Fractions along the west and east pieces (bottom → top) where the alley meets them. */
  readonly westFraction: number;
  readonly eastFraction: number;
}

export interface SubBlock {
  readonly face: number;
  readonly index: number;
  readonly polygon: Pt[];
  readonly quad: QuadMap;
  readonly bottomStreet: Street;
  readonly topStreet: Street;
  /** The alley below / above, when the side is an alley. */
  readonly bottomAlley?: Alley;
  readonly topAlley?: Alley;
}

export function isResidential(fn: ZoneFunction): boolean {
  return fn === 'OHT' || fn === 'OM';
}

function pieceLength(p: VPiece): number {
  return distance(p.bottom, p.top);
}

/** How many alleys split a block of this inner depth, aiming at sub-blocks about 42 m deep. */
export function alleyCount(innerDepth: number): number {
  let best = 0;
  let bestError = Infinity;
  for (let k = 0; k <= 8; k++) {
    const d = (innerDepth - k * ALLEY_WIDTH) / (k + 1);
    const error = Math.abs(d - 42);
    if (d >= 28 && error < bestError) {
      best = k;
      bestError = error;
    }
  }
  return best;
}

/** Fractions along a piece (bottom → top) of the centres of k alleys splitting its inner depth evenly. */
function alleyFractions(piece: VPiece, lowerWidth: number, upperWidth: number, k: number): number[] {
  const length = pieceLength(piece);
  const inner = length - lowerWidth / 2 - upperWidth / 2;
  const d = (inner - k * ALLEY_WIDTH) / (k + 1);
  const out: number[] = [];
  for (let i = 1; i <= k; i++) out.push((lowerWidth / 2 + i * d + (i - 0.5) * ALLEY_WIDTH) / length);
  return out;
}

/** Where the line a→b meets the bank of a canal piece on the side facing `toward`. */
function bankPoint(piece: VPiece, a: Pt, b: Pt, toward: Pt): Pt {
  const d = sub(piece.top, piece.bottom);
  const n = leftNormal(d);
  const side = (toward[0] - piece.bottom[0]) * n[0] + (toward[1] - piece.bottom[1]) * n[1] > 0 ? 1 : -1;
  const origin = add(piece.bottom, scale(n, (side * piece.street.width) / 2));
  return intersectLines(a, sub(b, a), origin, d) ?? a;
}

export class BlockCutter {
  readonly alleys: Alley[] = [];
  /** Alleys of each face, south to north. */
  readonly faceAlleys: Alley[][];
  private readonly chainStart = new Map<VPiece, number>();

  constructor(
    private readonly skeleton: Skeleton,
    private readonly faces: readonly Face[],
    functions: readonly ZoneFunction[],
    private readonly firstStreetId: number,
  ) {
    for (const chain of skeleton.chains) this.indexChain(chain);
    this.faceAlleys = faces.map((face) => (isResidential(functions[face.index] as ZoneFunction) ? this.cutAlleys(face) : []));
  }

  private indexChain(chain: VChain): void {
    let s = 0;
    for (const p of chain.pieces) {
      this.chainStart.set(p, s);
      s += pieceLength(p);
    }
  }

  /** Distance along a north–south street from its south end to a point of one of its pieces. */
  chainDistance(piece: VPiece, fraction: number): number {
    return (this.chainStart.get(piece) ?? 0) + pieceLength(piece) * fraction;
  }

  private cutAlleys(face: Face): Alley[] {
    const lowerW = face.lower.street.width;
    const upperW = face.upper.street.width;
    const inner = Math.min(pieceLength(face.left), pieceLength(face.right)) - lowerW / 2 - upperW / 2;
    const k = alleyCount(inner);
    if (k === 0) return [];
    const westF = alleyFractions(face.left, lowerW, upperW, k);
    const eastF = alleyFractions(face.right, lowerW, upperW, k);
    const westOpen = face.left.street.kind !== 'canal';
    const eastOpen = face.right.street.kind !== 'canal';
    const out: Alley[] = [];
    for (let i = 0; i < k; i++) {
      const fw = westF[i] as number;
      const fe = eastF[i] as number;
      const west = lerp(face.left.bottom, face.left.top, fw);
      const east = lerp(face.right.bottom, face.right.top, fe);
      const lineWest = westOpen ? west : bankPoint(face.left, west, east, east);
      const lineEast = eastOpen ? east : bankPoint(face.right, west, east, west);
      // Named after the street at its mouth and the house number there ("Hẻm 137 Lê Lợi").
      const mouthPiece = westOpen ? face.left : face.right;
      const mouthNumber = houseNumber(this.chainDistance(mouthPiece, westOpen ? fw : fe), westOpen ? 'right' : 'left');
      const id = this.alleys.length;
      const street: Street = {
        id: this.firstStreetId + id,
        name: `Hẻm ${mouthNumber} ${mouthPiece.street.name}`,
        kind: 'alley',
        roadClass: 'alley',
        width: ALLEY_WIDTH,
        carriageway: 4,
        lanes: 1,
        surface: 'concrete',
        status: 'existing',
        year: Math.max(mouthPiece.street.year, 2000 + (id % 20)),
      };
      const alley: Alley = {
        id,
        face: face.index,
        index: i + 1,
        street,
        west,
        east,
        line: [lineWest, lineEast],
        westOpen,
        eastOpen,
        mouthNumber,
        mouthStreet: mouthPiece.street.name,
        westFraction: fw,
        eastFraction: fe,
      };
      this.alleys.push(alley);
      out.push(alley);
    }
    return out;
  }

  /** The sub-blocks of a face, south to north (one, the whole block, when it has no alleys). */
  subBlocks(face: Face): SubBlock[] {
    const alleys = this.faceAlleys[face.index] as Alley[];
    const out: SubBlock[] = [];
    const lowerPts = face.ring.points.slice(0, face.bottom.length);
    const upperPts = face.ring.points.slice(face.bottom.length).reverse();
    for (let i = 0; i <= alleys.length; i++) {
      const below = i === 0 ? undefined : alleys[i - 1];
      const above = i === alleys.length ? undefined : alleys[i];
      const bottom = below ? [below.west, below.east] : lowerPts;
      const top = above ? [above.west, above.east] : upperPts;
      const bottomStreet = below ? below.street : face.lower.street;
      const topStreet = above ? above.street : face.upper.street;
      const ring = sideRing(bottom, bottomStreet, face.right.street, top, topStreet, face.left.street);
      const inset = insetRing(ring, bottom.length);
      out.push({
        face: face.index,
        index: i,
        polygon: inset.inset,
        quad: new QuadMap(inset.bottom, inset.top),
        bottomStreet,
        topStreet,
        ...(below ? { bottomAlley: below } : {}),
        ...(above ? { topAlley: above } : {}),
      });
    }
    return out;
  }
}

/** House numbers grow along a street, odd on its left, even on its right; ~1 number per 2 m. */
export function houseNumber(distanceAlong: number, side: 'left' | 'right'): number {
  return 2 * Math.floor(distanceAlong / 4) + (side === 'left' ? 1 : 2);
}
