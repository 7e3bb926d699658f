/**
 * Planning controls of each block (chỉ tiêu quy hoạch), set within QCVN 01:2021: density from
 * Table 2.8 at the block's largest lot (so every lot complies), Tables 2.9/2.10 for towers,
 * 40 % for public services, setbacks at least Table 2.7's for every street around the block.
 */
import { FUNCTION_LABEL, LAND_LAW_BY_FUNCTION, type Status, type ZoneFunction } from '../codes.js';
import { facilityName } from '../names.js';
import { DEMO_DETAIL_PLAN_CODE, DEMO_PLAN_CODE } from '../origin.js';
import {
  DETACHED_HOUSE_MAX_FAR,
  HIGH_RISE_MAX_FAR,
  PARK_MAX_DENSITY,
  PUBLIC_SERVICE_MAX_DENSITY,
  detachedHouseMaxDensity,
  highRiseMaxDensity,
  requiredSetback,
} from '../../../layers/standards/qcvn01.js';
import { rngFor } from '../random.js';
import type { Face } from './faces.js';
import type { Street } from './types.js';

export interface ZoneControls {
  readonly fn: ZoneFunction;
  readonly code: string;
  readonly name: string;
  readonly ward: string;
  readonly landLaw: string;
  readonly status: Status;
  readonly maxDensity: number;
  readonly maxFar: number;
  readonly minFloors: number;
  readonly maxFloors: number;
  readonly maxHeight: number;
  readonly setback: number;
  readonly planCode: string;
  /** The density QCVN allows on the block's lots (the cap buildings are held to). */
  readonly allowedDensity: number;
  /** Setback QCVN requires for the block's height next to its narrowest street. */
  readonly requiredSetback: number;
  /** Red-line width of the narrowest street around or inside the block (m). */
  readonly narrowestRoad: number;
}

/** Storey height the demo uses to turn floors into metres. */
export const STOREY_M = 3.6;

function floor1(x: number): number {
  return Math.floor(x * 10 + 1e-9) / 10;
}

export function heightOf(floors: number): number {
  return Math.round(floors * STOREY_M * 10) / 10;
}

interface ControlsInput {
  readonly seed: number;
  readonly face: Face;
  readonly fn: ZoneFunction;
  /** Areas of the block's lots (m²). */
  readonly lotAreas: readonly number[];
  /** Streets around and inside the block (alleys too). */
  readonly streets: readonly Street[];
  readonly code: string;
  readonly ward: string;
  /** Counts blocks of the same function before this one (names the first market "Chợ Cao Lãnh"). */
  readonly ordinal: number;
}

export function zoneControls(input: ControlsInput): ZoneControls {
  const { fn, face } = input;
  const rng = rngFor(input.seed, 'zone', face.index);
  const narrowest = Math.min(...input.streets.map((s) => s.width));
  const maxLot = Math.max(...input.lotAreas);
  let maxFloors: number;
  let minFloors = 1;
  let allowed: number;
  let density: number;
  let policySetback = 0;
  let farFactor = 1;
  let status: Status = 'existing';
  switch (fn) {
    case 'OHT':
    case 'OM': {
      maxFloors = fn === 'OM' ? 5 : rng.pick([4, 5, 5]);
      allowed = detachedHouseMaxDensity(maxLot);
      density = Math.floor(allowed) - rng.int(0, 3);
      if (fn === 'OM') {
        status = 'planned';
        policySetback = 3;
        minFloors = 2;
      }
      break;
    }
    case 'HH': {
      maxFloors = rng.int(9, 15);
      allowed = highRiseMaxDensity('mixed', heightOf(maxFloors), maxLot);
      density = Math.floor(allowed) - rng.int(3, 8);
      farFactor = 0.6;
      minFloors = 3;
      break;
    }
    case 'TMDV': {
      maxFloors = 3;
      allowed = highRiseMaxDensity('mixed', heightOf(maxFloors), maxLot);
      density = Math.min(60, Math.floor(allowed) - 5);
      policySetback = 3;
      break;
    }
    case 'CX': {
      maxFloors = 1;
      allowed = PARK_MAX_DENSITY;
      density = PARK_MAX_DENSITY;
      policySetback = 3;
      break;
    }
    default: {
      // Public services: schools, health, culture, sports, offices, religion.
      const floors: Partial<Record<ZoneFunction, [number, number]>> = { GD: [3, 4], YT: [5, 7], CQ: [5, 9], VH: [2, 3], TDTT: [1, 2], TG: [1, 2] };
      const [lo, hi] = floors[fn] ?? [1, 3];
      maxFloors = rng.int(lo, hi);
      minFloors = fn === 'GD' || fn === 'YT' ? 2 : 1;
      allowed = PUBLIC_SERVICE_MAX_DENSITY;
      density = fn === 'TDTT' ? rng.int(20, 30) : rng.int(32, 40);
      policySetback = fn === 'TG' ? 3 : 6;
    }
  }
  const maxHeight = heightOf(maxFloors);
  const required = requiredSetback(narrowest, maxHeight);
  const farCap = fn === 'OHT' || fn === 'OM' ? DETACHED_HOUSE_MAX_FAR : HIGH_RISE_MAX_FAR;
  const planned = status === 'planned';
  return {
    fn,
    code: input.code,
    name: fn === 'OHT' || fn === 'OM' ? `${FUNCTION_LABEL[fn]} ${input.ward}` : facilityName(fn, input.ordinal, input.ward, rng),
    ward: input.ward,
    landLaw: LAND_LAW_BY_FUNCTION[fn],
    status,
    maxDensity: density,
    maxFar: Math.min(farCap, floor1((density / 100) * maxFloors * farFactor)),
    minFloors,
    maxFloors,
    maxHeight,
    setback: Math.max(required, policySetback),
    planCode: planned ? DEMO_DETAIL_PLAN_CODE : DEMO_PLAN_CODE,
    allowedDensity: allowed,
    requiredSetback: required,
    narrowestRoad: narrowest,
  };
}
