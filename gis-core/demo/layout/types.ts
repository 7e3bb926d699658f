/** The demo city's plan: streets, canals, blocks. Local metres; x east, y north. */
import type { RoadClass, Status, ZoneFunction } from '../codes.js';
import type { Pt } from '../geometry.js';

export type Surface = 'asphalt' | 'concrete' | 'gravel' | 'earth';

/** A named street (or canal, which takes a street's place in the grid). */
export interface Street {
  readonly id: number;
  readonly name: string;
  readonly kind: 'street' | 'alley' | 'canal';
  readonly roadClass: RoadClass;
  /** Red line to red line (lộ giới); for a canal, the water width. */
  readonly width: number;
  readonly carriageway: number;
  readonly lanes: number;
  readonly surface: Surface;
  readonly status: Status;
  /** Year the street (and the networks under it) was built. */
  readonly year: number;
}

/** A horizontal (east–west) street from the west frame street to the east one. */
export interface HLine {
  readonly index: number;
  readonly street: Street;
  /** Centre line, x increasing; its vertices are the shared x stations. */
  readonly points: Pt[];
}

/** A north–south street or canal between two consecutive horizontal lines. */
export interface VPiece {
  readonly chain: number;
  readonly band: number;
  readonly street: Street;
  readonly bottom: Pt;
  readonly top: Pt;
}

/** Consecutive pieces of one north–south street (or canal) across bands. */
export interface VChain {
  readonly id: number;
  readonly street: Street;
  readonly pieces: VPiece[];
  /** Frame streets, arterials, collectors and canals run through every band. */
  readonly continuous: boolean;
}

export interface Skeleton {
  /** Frame extents: the west frame street is at x ≈ 0, the east one at x ≈ width. */
  readonly width: number;
  readonly height: number;
  readonly streets: Street[];
  readonly hLines: HLine[];
  /** bands[j]: pieces between hLines[j] and hLines[j+1], west to east. */
  readonly bands: VPiece[][];
  readonly chains: VChain[];
}

export type { ZoneFunction };
