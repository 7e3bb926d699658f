/**
 * BUILDING_FLOORS_MAX: a building with more floors, or taller, than its zone allows
 * (max_floors, max_height_m; 5 cm on the height for rounding). Where zones overlap, the most
 * permissive one holds.
 */
import type { LayerRule } from '../types.js';
import { zonesOfBuilding } from './lookups.js';
import { en, finding, numberOf, textOf, vi } from './support.js';

export const buildingFloorsMax: LayerRule = {
  code: 'BUILDING_FLOORS_MAX',
  severity: 'error',
  title: { vi: 'Công trình vượt tầng cao tối đa của ô đất', en: 'Building above the zone’s maximum floors or height' },
  reads: ['parcels', 'zoning'],
  check(building, ctx) {
    const floors = numberOf(building, 'floors');
    const height = numberOf(building, 'height_m');
    if (floors === undefined && height === undefined) return [];
    let maxFloors: number | undefined;
    let maxHeight: number | undefined;
    let code: string | undefined;
    for (const zone of zonesOfBuilding(ctx, building)) {
      const f = numberOf(zone, 'max_floors');
      const h = numberOf(zone, 'max_height_m');
      if (f !== undefined && (maxFloors === undefined || f > maxFloors)) {
        maxFloors = f;
        code = textOf(zone, 'zone_code');
      }
      if (h !== undefined && (maxHeight === undefined || h > maxHeight)) maxHeight = h;
    }
    const zone = code ? { vi: ` ${code}`, en: ` ${code}` } : { vi: '', en: '' };
    if (floors !== undefined && maxFloors !== undefined && floors > maxFloors) {
      return [
        finding(
          { vi: `Công trình ${floors} tầng, vượt tầng cao tối đa ${maxFloors} tầng của ô đất${zone.vi}`, en: `Building has ${floors} floors; zone${zone.en} allows ${maxFloors}` },
          { floors, max_floors: maxFloors, ...(height !== undefined ? { height_m: height } : {}), ...(code ? { zone: code } : {}) },
        ),
      ];
    }
    if (height !== undefined && maxHeight !== undefined && height > maxHeight + 0.05) {
      return [
        finding(
          { vi: `Công trình cao ${vi(height)} m, vượt chiều cao tối đa ${vi(maxHeight)} m của ô đất${zone.vi}`, en: `Building is ${en(height)} m high; zone${zone.en} allows ${en(maxHeight)} m` },
          { height_m: height, max_height_m: maxHeight, ...(code ? { zone: code } : {}) },
        ),
      ];
    }
    return [];
  },
};
