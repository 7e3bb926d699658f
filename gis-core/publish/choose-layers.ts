/**
 * Which layers a web map publishes: the ones asked for (--layers), or the planning layers a
 * citizen looks up — land-use zoning, cadastral parcels, roads, red lines. Networks (pipes,
 * valves, poles) are for the city's engineers, not the public portal, so they are left out
 * unless asked for.
 */
import { LAYERS } from '../../layers/index.js';
import type { LayerId } from '../../layers/types.js';
import { PlanDeskError } from '../errors.js';
import type { Project } from '../store/project.js';

export const CITIZEN_LAYERS: readonly LayerId[] = ['zoning', 'parcels', 'roads', 'red_lines'];

/** The layers to publish, in drawing order (bottom first). */
export function chooseLayers(project: Project, requested?: readonly string[]): LayerId[] {
  const present = new Set<string>(project.layers().map((l) => l.id));
  let chosen: string[];
  if (requested && requested.length > 0) {
    const unknown = requested.filter((id) => !present.has(id));
    if (unknown.length) {
      throw new PlanDeskError('UNKNOWN_LAYER', `Project ${project.info().file} has no layer ${unknown.map((id) => `"${id}"`).join(', ')} (layers: ${[...present].join(', ')})`);
    }
    chosen = [...new Set(requested)];
  } else {
    chosen = CITIZEN_LAYERS.filter((id) => present.has(id));
    if (chosen.length === 0) throw new PlanDeskError('INVALID_ARGUMENT', `Project ${project.info().file} has none of the default layers (${CITIZEN_LAYERS.join(', ')}): choose some with --layers`);
  }
  const order = (id: string): number => LAYERS.findIndex((l) => l.id === id);
  return (chosen as LayerId[]).sort((a, b) => order(a) - order(b));
}
