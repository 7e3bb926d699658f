/**
 * Planted violations: a few realistic mistakes put into the demo on purpose, and the manifest
 * that lists them, so the validator can be tested against known answers. Everything not listed
 * is generated to pass the same checks.
 */
import type { LayerId } from '../../layers/types.js';
import type { BuildingFault } from './layout/buildings.js';

export type ViolationKind =
  | 'ZONING_DENSITY_MAX'
  | 'ZONING_FAR_MAX'
  | 'SETBACK_TOO_SMALL'
  | 'ZONE_OVERLAP'
  | 'INVALID_POLYGON'
  | 'PARCEL_NO_DUPLICATE'
  | 'PARCEL_AREA_MISMATCH'
  | 'BUILDING_CROSSES_RED_LINE'
  | 'BUILDING_OUTSIDE_PARCEL'
  | 'BUILDING_COVERAGE_MAX'
  | 'BUILDING_FLOORS_MAX'
  | 'HYDRANT_SPACING'
  | 'PIPE_NEGATIVE_SLOPE'
  | 'PIPE_DIAMETER_DECREASES'
  | 'MANHOLE_INVERT_ABOVE_RIM'
  | 'MAIN_DANGLING_END'
  | 'VALVE_NOT_ON_MAIN'
  | 'POLE_BEYOND_CABINET_REACH'
  | 'POLE_WITHOUT_CABINET';

export interface PlantedViolation {
  readonly kind: ViolationKind;
  readonly layer: LayerId;
  readonly uuid: string;
  /** What is wrong, with the numbers a checker should find (English, one line). */
  readonly description: string;
}

/** The setback a planted zone records: 3 m short of what Table 2.7 requires. */
export function plantedSetback(required: number): number {
  return Math.max(0, required - 3);
}

export type ZoneFault = 'density' | 'far' | 'setback' | 'overlap';
export type ParcelFault = 'bowtie' | 'duplicate_no' | 'area';

/** What to break, by the keys the generators use. Filled once per dataset. */
export class Planted {
  readonly zones = new Map<number, ZoneFault>();
  /** By lot key (face, lot). */
  readonly parcels = new Map<number, ParcelFault>();
  readonly buildings = new Map<number, BuildingFault>();
  /** Hydrants taken out to leave a gap (by index; the others keep their keys). */
  readonly removedHydrants = new Set<number>();
  readonly manifest: PlantedViolation[] = [];

  add(entry: PlantedViolation): void {
    this.manifest.push(entry);
  }
}
