import type { CodeList, CodeListEntry } from '../types.js';
import { BUILDING_USES } from './building-uses.js';
import { DRAINAGE_SYSTEMS } from './drainage-systems.js';
import { HYDRANT_TYPES } from './hydrant-types.js';
import { LAMP_TYPES } from './lamp-types.js';
import { LAND_LAW_CODES } from './land-law-codes.js';
import { MANHOLE_KINDS } from './manhole-kinds.js';
import { DRAINAGE_PIPE_MATERIALS, WATER_PIPE_MATERIALS } from './materials.js';
import { PLANNING_FUNCTIONS } from './planning-functions.js';
import { RED_LINE_TYPES } from './red-line-types.js';
import { ROAD_CLASSES } from './road-classes.js';
import { ROAD_SURFACES } from './road-surfaces.js';
import { STATUS } from './status.js';
import { VALVE_STATES } from './valve-states.js';
import { VALVE_TYPES } from './valve-types.js';

export {
  BUILDING_USES,
  DRAINAGE_PIPE_MATERIALS,
  DRAINAGE_SYSTEMS,
  HYDRANT_TYPES,
  LAMP_TYPES,
  LAND_LAW_CODES,
  MANHOLE_KINDS,
  PLANNING_FUNCTIONS,
  RED_LINE_TYPES,
  ROAD_CLASSES,
  ROAD_SURFACES,
  STATUS,
  VALVE_STATES,
  VALVE_TYPES,
  WATER_PIPE_MATERIALS,
};

/** Every shared code list, for legends, exports and tests. */
export const CODE_LISTS: readonly CodeList[] = [
  STATUS,
  LAND_LAW_CODES,
  PLANNING_FUNCTIONS,
  BUILDING_USES,
  ROAD_CLASSES,
  ROAD_SURFACES,
  RED_LINE_TYPES,
  DRAINAGE_SYSTEMS,
  MANHOLE_KINDS,
  DRAINAGE_PIPE_MATERIALS,
  WATER_PIPE_MATERIALS,
  VALVE_TYPES,
  VALVE_STATES,
  HYDRANT_TYPES,
  LAMP_TYPES,
];

/** The entry for `code`, or undefined. Codes compare exactly. */
export function codeEntry(list: CodeList, code: string): CodeListEntry | undefined {
  return list.entries.find((entry) => entry.code === code);
}
