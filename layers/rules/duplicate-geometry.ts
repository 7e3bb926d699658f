/**
 * DUPLICATE_GEOMETRY: two features of one layer with the same geometry (every coordinate
 * within 1 mm): one was drawn or imported twice. Reported on each newer feature (greater
 * uuid), naming the oldest copy. One rule object per layer (it looks for copies in its own).
 */
import type { GeoJSONGeometry, LayerId, LayerRule } from '../types.js';
import { growBox } from './planar.js';
import { boxOf, finding } from './support.js';

const SAME_M = 0.001;

/** Coordinates equal within SAME_M, nested arrays of the same lengths (no allocation: a million features ask). */
function sameCoordinates(a: unknown, b: unknown): boolean {
  if (typeof a === 'number') return typeof b === 'number' && Math.abs(a - b) <= SAME_M;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameCoordinates(a[i], b[i])) return false;
  return true;
}

export function sameGeometry(a: GeoJSONGeometry, b: GeoJSONGeometry): boolean {
  return a.type === b.type && sameCoordinates(a.coordinates, b.coordinates);
}

export function duplicateGeometry(layer: LayerId): LayerRule {
  return {
    code: 'DUPLICATE_GEOMETRY',
    severity: 'error',
    title: { vi: 'Đối tượng trùng lặp (cùng hình học)', en: 'Duplicate feature (same geometry)' },
    check(feature, ctx) {
      let oldest: string | undefined;
      for (const other of ctx.featuresIn(layer, growBox(boxOf(feature.geometry), SAME_M))) {
        if (other.uuid < feature.uuid && (oldest === undefined || other.uuid < oldest) && sameGeometry(feature.geometry, other.geometry)) oldest = other.uuid;
      }
      if (oldest === undefined) return [];
      return [finding({ vi: `Trùng hình học với đối tượng ${oldest}`, en: `Same geometry as feature ${oldest}` }, { other_uuid: oldest })];
    },
  };
}
