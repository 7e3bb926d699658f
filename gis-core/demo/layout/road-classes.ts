/** Cross-sections by road class: red-line width (lộ giới), carriageway, lanes. */
import type { RoadClass } from '../codes.js';
import type { Rng } from '../random.js';

interface Section {
  readonly width: number;
  readonly carriageway: number;
  readonly lanes: number;
}

const SECTIONS: Readonly<Record<RoadClass, readonly Section[]>> = {
  urban_arterial: [
    { width: 40, carriageway: 24, lanes: 6 },
    { width: 36, carriageway: 21, lanes: 6 },
  ],
  inter_area: [
    { width: 30, carriageway: 15, lanes: 4 },
    { width: 32, carriageway: 16, lanes: 4 },
  ],
  main_area: [
    { width: 24, carriageway: 12, lanes: 3 },
    { width: 27, carriageway: 14, lanes: 4 },
  ],
  area: [
    { width: 20, carriageway: 10.5, lanes: 3 },
    { width: 22, carriageway: 12, lanes: 3 },
  ],
  sub_area: [
    { width: 16, carriageway: 8, lanes: 2 },
    { width: 17.5, carriageway: 9, lanes: 2 },
  ],
  local: [
    { width: 12, carriageway: 7, lanes: 2 },
    { width: 13, carriageway: 7, lanes: 2 },
  ],
  alley: [{ width: 6, carriageway: 4, lanes: 1 }],
};

export function pickSection(roadClass: RoadClass, rng: Rng): Section {
  return rng.pick(SECTIONS[roadClass]);
}

/**
 * Where under the sidewalk the water main runs: its distance from the centre line. At most 2 m
 * behind the kerb, so hydrants on it stand within 2.5 m of the road edge (QCVN 01:2021 §2.10.5).
 */
export function mainOffset(width: number, carriageway: number): number {
  if (width <= 8) return 0;
  return carriageway / 2 + Math.min(2, (width - carriageway) / 4);
}

/** Where the light poles stand: just behind the kerb. */
export function poleOffset(carriageway: number): number {
  return carriageway / 2 + 0.7;
}
