/** Editing preferences kept in the browser: the snapping tolerance and the layer last edited. */
import type { LayerId } from '../../../layers/types.js';
import { SNAP_TOLERANCE_DEFAULT } from './snapping.js';

const TOLERANCE_KEY = 'plandesk.snapTolerance';
const LAYER_KEY = 'plandesk.editLayer';

export function loadSnapTolerance(): number {
  const value = Number(window.localStorage.getItem(TOLERANCE_KEY));
  return Number.isFinite(value) && value >= 1 && value <= 50 ? value : SNAP_TOLERANCE_DEFAULT;
}

export function saveSnapTolerance(pixels: number): void {
  window.localStorage.setItem(TOLERANCE_KEY, String(pixels));
}

export function loadEditLayer(known: readonly LayerId[]): LayerId | null {
  const value = window.localStorage.getItem(LAYER_KEY);
  return value && known.includes(value as LayerId) ? (value as LayerId) : null;
}

export function saveEditLayer(layerId: LayerId | null): void {
  if (layerId) window.localStorage.setItem(LAYER_KEY, layerId);
}
