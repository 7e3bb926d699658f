/**
 * Which block is what: schools, parks, a market by the water, a hospital, offices, a pagoda,
 * mixed-use towers on the wide streets, new residential land to the north, existing housing
 * everywhere else. Places are spread by aiming each at a stratified random point.
 */
import type { ZoneFunction } from '../codes.js';
import { distance, type Pt } from '../geometry.js';
import { rngFor } from '../random.js';
import type { Face } from './faces.js';
import type { Skeleton } from './types.js';

interface Rule {
  readonly fn: ZoneFunction;
  readonly perKm2: number;
  readonly min: number;
  readonly minArea: number;
  /** Extra distance (m) charged for a face, to steer the choice (by the water, on an arterial, …). */
  readonly penalty?: (face: Face) => number;
}

function touchesWideStreet(face: Face): boolean {
  return [face.lower.street, face.upper.street, face.left.street, face.right.street].some((s) => s.kind === 'street' && s.width >= 24);
}

function touchesWater(face: Face): boolean {
  return face.band === 0 || face.left.street.kind === 'canal' || face.right.street.kind === 'canal';
}

const RULES: readonly Rule[] = [
  { fn: 'YT', perKm2: 0.3, min: 1, minArea: 7000, penalty: (f) => (touchesWideStreet(f) ? 0 : 300) },
  { fn: 'HH', perKm2: 0.8, min: 1, minArea: 6000, penalty: (f) => (touchesWideStreet(f) ? 0 : 1e6) },
  { fn: 'TMDV', perKm2: 0.4, min: 1, minArea: 5000, penalty: (f) => (touchesWater(f) ? 0 : 400) },
  { fn: 'GD', perKm2: 2, min: 2, minArea: 6000 },
  { fn: 'CX', perKm2: 1, min: 1, minArea: 4000, penalty: (f) => (touchesWater(f) ? 0 : 150) },
  { fn: 'TDTT', perKm2: 0.3, min: 1, minArea: 8000 },
  { fn: 'VH', perKm2: 0.3, min: 1, minArea: 4000 },
  { fn: 'CQ', perKm2: 0.35, min: 1, minArea: 4000, penalty: (f) => (touchesWideStreet(f) ? 0 : 200) },
  { fn: 'TG', perKm2: 0.6, min: 1, minArea: 3000 },
];

/** Share of the district's height, from the top, that is new residential land. */
const NEW_AREA_SHARE = 0.22;

export function allocateFunctions(seed: number, skeleton: Skeleton, faces: readonly Face[]): ZoneFunction[] {
  const rng = rngFor(seed, 'functions');
  const result: (ZoneFunction | undefined)[] = faces.map(() => undefined);
  const km2 = (skeleton.width * skeleton.height) / 1e6;
  const newAreaY = skeleton.height * (1 - NEW_AREA_SHARE);
  for (const rule of RULES) {
    const count = Math.max(rule.min, Math.round(rule.perKm2 * km2));
    const cols = Math.max(1, Math.round(Math.sqrt(count)));
    const rows = Math.ceil(count / cols);
    for (let i = 0; i < count; i++) {
      const cx = ((i % cols) + rng.range(0.2, 0.8)) / cols;
      const cy = (Math.floor(i / cols) + rng.range(0.2, 0.8)) / rows;
      const target: Pt = [cx * skeleton.width, cy * skeleton.height * (1 - NEW_AREA_SHARE / 2)];
      let best = -1;
      let bestCost = Infinity;
      for (const face of faces) {
        if (result[face.index] !== undefined || face.area < rule.minArea) continue;
        const cost = distance(face.centroid, target) + (rule.penalty ? rule.penalty(face) : 0);
        if (cost < bestCost) {
          bestCost = cost;
          best = face.index;
        }
      }
      if (best >= 0 && bestCost < 1e6) result[best] = rule.fn;
    }
  }
  return faces.map((face) => result[face.index] ?? (face.centroid[1] > newAreaY ? 'OM' : 'OHT'));
}
