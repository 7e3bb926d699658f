/**
 * BUILDING_OUTSIDE_PARCEL: a building that reaches beyond the parcel it stands on (the parcel
 * holding its interior point), or that stands on no parcel where the cadastre has parcels.
 * Where no parcel is near (no cadastre there) or the nearby parcel is itself invalid, nothing
 * is said.
 */
import type { LayerRule } from '../types.js';
import { parcelOf } from './lookups.js';
import { distanceToLine, pointInRing } from './planar.js';
import { EDGE_TOLERANCE_M, en, finding, outerRing, textOf, vi } from './support.js';

export const buildingOutsideParcel: LayerRule = {
  code: 'BUILDING_OUTSIDE_PARCEL',
  severity: 'error',
  title: { vi: 'Công trình nằm ngoài thửa đất', en: 'Building outside its parcel' },
  reads: ['parcels'],
  check(building, ctx) {
    const ring = outerRing(building.geometry);
    if (!ring) return [];
    const on = parcelOf(ctx, building);
    if (on.kind === 'unknown') return [];
    if (on.kind === 'none') {
      return [finding({ vi: 'Công trình không nằm trên thửa đất nào', en: 'Building stands on no parcel' })];
    }
    const pring = outerRing(on.parcel.geometry);
    if (!pring) return [];
    let beyond = 0;
    for (const p of ring) {
      if (pointInRing(p, pring)) continue;
      beyond = Math.max(beyond, distanceToLine(p, pring));
    }
    if (beyond <= EDGE_TOLERANCE_M) return [];
    const where = [textOf(on.parcel, 'sheet_no'), textOf(on.parcel, 'parcel_no')];
    const name = where.every((w) => w !== undefined) ? { vi: ` (tờ ${where[0]}, thửa ${where[1]})`, en: ` (sheet ${where[0]}, parcel ${where[1]})` } : { vi: '', en: '' };
    return [
      finding(
        { vi: `Công trình vượt ra ngoài thửa đất${name.vi} ${vi(beyond, 2)} m`, en: `Building extends ${en(beyond, 2)} m beyond its parcel${name.en}` },
        { beyond_m: Number(beyond.toFixed(3)), parcel_uuid: on.parcel.uuid },
      ),
    ];
  },
};
