/**
 * BUILDING_COVERAGE_MAX: the buildings on a parcel cover more of it than allowed: the zone's
 * maximum density, and for housing also QCVN 01:2021 Table 2.8 at the parcel's own area.
 * Reported once per parcel, on its largest building. Where zones overlap, the parcel is held to
 * the most permissive of them.
 */
import { detachedHouseMaxDensity } from '../standards/qcvn01.js';
import type { LayerRule, RuleFeature } from '../types.js';
import { DETACHED_HOUSING, buildingsOn, parcelOf, zonesOfParcel } from './lookups.js';
import { polygonArea } from './planar.js';
import { allRings, en, finding, numberOf, textOf, vi } from './support.js';

function footprint(b: RuleFeature): number {
  return polygonArea(allRings(b.geometry));
}

export const buildingCoverageMax: LayerRule = {
  code: 'BUILDING_COVERAGE_MAX',
  severity: 'error',
  title: { vi: 'Mật độ xây dựng trên thửa đất vượt tối đa', en: 'Building coverage of a parcel above its maximum' },
  reads: ['parcels', 'zoning'],
  check(building, ctx) {
    const on = parcelOf(ctx, building);
    if (on.kind !== 'parcel') return [];
    const lot = polygonArea(allRings(on.parcel.geometry));
    if (lot <= 0) return [];
    const all = buildingsOn(ctx, on.parcel);
    // Once per parcel: from its largest building (the first by uuid among equals).
    const largest = all.reduce<RuleFeature | undefined>((best, b) => {
      if (!best) return b;
      const d = footprint(b) - footprint(best);
      return d > 0 || (d === 0 && b.uuid < best.uuid) ? b : best;
    }, undefined);
    if (largest?.uuid !== building.uuid) return [];
    let limit: number | undefined;
    let table = false;
    for (const zone of zonesOfParcel(ctx, on.parcel)) {
      const density = numberOf(zone, 'max_density_pct');
      let z: number | undefined = density;
      if (DETACHED_HOUSING.has(textOf(zone, 'function_code') ?? '')) {
        const qcvn = detachedHouseMaxDensity(lot);
        if (density === undefined || qcvn < density) table = true;
        z = Math.min(density ?? 100, qcvn);
      }
      if (z !== undefined && (limit === undefined || z > limit)) limit = z;
    }
    if (limit === undefined) return [];
    const covered = all.reduce((s, b) => s + footprint(b), 0);
    const pct = (covered / lot) * 100;
    if (pct <= limit + 1e-6) return [];
    const source = table ? { vi: ' (QCVN 01:2021 Bảng 2.8)', en: ' (QCVN 01:2021 Table 2.8)' } : { vi: ' (chỉ tiêu của ô đất)', en: " (the zone's control)" };
    return [
      finding(
        {
          vi: `Mật độ xây dựng ${vi(pct)} % trên thửa ${vi(lot)} m² vượt tối đa ${vi(limit)} %${source.vi}`,
          en: `Buildings cover ${en(pct)} % of the ${en(lot)} m² parcel, above the maximum ${en(limit)} %${source.en}`,
        },
        { coverage_pct: Number(pct.toFixed(2)), allowed_pct: Number(limit.toFixed(2)), lot_m2: Number(lot.toFixed(1)), buildings: all.length, parcel_uuid: on.parcel.uuid },
      ),
    ];
  },
};
