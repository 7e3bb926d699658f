/**
 * BUILDING_SETBACK_TOO_SMALL: a building closer to a red line than its zone's setback: it stands
 * in front of the building line (chỉ giới xây dựng). 1 cm is rounding. Where zones overlap,
 * the smallest setback holds.
 */
import type { LayerRule } from '../types.js';
import { zonesOfBuilding } from './lookups.js';
import { distanceToLine, growBox } from './planar.js';
import { boxOf, en, finding, lineOf, numberOf, outerRing, textOf, vi } from './support.js';

export const buildingSetbackTooSmall: LayerRule = {
  code: 'BUILDING_SETBACK_TOO_SMALL',
  severity: 'error',
  title: { vi: 'Công trình vượt chỉ giới xây dựng (khoảng lùi)', en: 'Building in front of the building line (setback)' },
  reads: ['parcels', 'zoning', 'red_lines'],
  check(building, ctx) {
    const ring = outerRing(building.geometry);
    if (!ring) return [];
    let setback: number | undefined;
    for (const zone of zonesOfBuilding(ctx, building)) {
      const s = numberOf(zone, 'setback_m');
      if (s !== undefined && (setback === undefined || s < setback)) setback = s;
    }
    if (setback === undefined || setback <= 0) return [];
    let nearest = Infinity;
    let road: string | undefined;
    for (const line of ctx.featuresIn('red_lines', growBox(boxOf(building.geometry), setback))) {
      const coords = lineOf(line.geometry);
      if (textOf(line, 'line_type') !== 'red_line' || !coords) continue;
      // The least distance between the outline and the line is at a vertex of one of them.
      const d = Math.min(...ring.map((p) => distanceToLine(p, coords)), ...coords.map((q) => distanceToLine(q, ring)));
      if (d < nearest) {
        nearest = d;
        road = textOf(line, 'road_name');
      }
    }
    if (nearest >= setback - 0.01) return [];
    const on = road ? { vi: ` đường ${road}`, en: ` of ${road}` } : { vi: '', en: '' };
    return [
      finding(
        {
          vi: `Công trình cách chỉ giới đường đỏ${on.vi} ${vi(nearest, 2)} m, nhỏ hơn khoảng lùi ${vi(setback)} m của ô đất`,
          en: `Building stands ${en(nearest, 2)} m from the red line${on.en}, less than the zone's ${en(setback)} m setback`,
        },
        { distance_m: Number(nearest.toFixed(3)), setback_m: setback, ...(road ? { road } : {}) },
      ),
    ];
  },
};
