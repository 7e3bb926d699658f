import { buildings } from './buildings.js';
import { drainageManholes } from './drainage_manholes.js';
import { drainagePipes } from './drainage_pipes.js';
import { lightingCabinets } from './lighting_cabinets.js';
import { lightingPoles } from './lighting_poles.js';
import { parcels } from './parcels.js';
import { redLines } from './red_lines.js';
import { roads } from './roads.js';
import type { FieldDefinition, LayerDefinition, LayerId } from './types.js';
import { waterHydrants } from './water_hydrants.js';
import { waterMains } from './water_mains.js';
import { waterMeters } from './water_meters.js';
import { waterValves } from './water_valves.js';
import { zoning } from './zoning.js';

export type * from './types.js';
export { LAYER_GROUPS, type LayerGroup } from './groups.js';
export { BOOKKEEPING_COLUMNS, isBookkeepingColumn } from './bookkeeping.js';
export * from './codelists/index.js';
export {
  checkAttributes,
  checkValue,
  coerceAttribute,
  type AttributeProblem,
  type AttributeProblemCode,
  type AttributeValue,
  type CheckOptions,
  type CoerceResult,
} from './attributes.js';
export {
  buildings,
  drainageManholes,
  drainagePipes,
  lightingCabinets,
  lightingPoles,
  parcels,
  redLines,
  roads,
  waterHydrants,
  waterMains,
  waterMeters,
  waterValves,
  zoning,
};

/**
 * Every layer, in layer-panel order: grouped as LAYER_GROUPS, polygons before lines before
 * points within a group.
 *
 * The same order is the drawing order from the bottom up: LAYERS[0] (zoning) is drawn first,
 * under everything; the last layer is drawn on top. A panel that lists the top layer first shows
 * this array reversed.
 */
export const LAYERS: readonly LayerDefinition[] = [
  zoning,
  parcels,
  buildings,
  roads,
  redLines,
  drainagePipes,
  drainageManholes,
  waterMains,
  waterValves,
  waterHydrants,
  waterMeters,
  lightingPoles,
  lightingCabinets,
];

const BY_ID: ReadonlyMap<string, LayerDefinition> = new Map(LAYERS.map((layer) => [layer.id, layer]));

export function isLayerId(x: unknown): x is LayerId {
  return typeof x === 'string' && BY_ID.has(x);
}

export function getLayer(id: string): LayerDefinition {
  const layer = BY_ID.get(id);
  if (!layer) {
    throw new Error(`Unknown layer id "${id}". Known layers: ${LAYERS.map((l) => l.id).join(', ')}.`);
  }
  return layer;
}

/** The field `key` of a layer, or undefined. */
export function findField(layer: LayerDefinition | LayerId, key: string): FieldDefinition | undefined {
  const definition = typeof layer === 'string' ? getLayer(layer) : layer;
  return definition.fields.find((field) => field.key === key);
}

/** The field `key` of a layer; throws naming the layer and its fields when there is none. */
export function fieldOf(layer: LayerDefinition | LayerId, key: string): FieldDefinition {
  const definition = typeof layer === 'string' ? getLayer(layer) : layer;
  const field = findField(definition, key);
  if (!field) {
    throw new Error(
      `Layer "${definition.id}" has no field "${key}". Its fields: ${definition.fields.map((f) => f.key).join(', ')}.`,
    );
  }
  return field;
}
