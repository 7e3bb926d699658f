/**
 * ZONING_DENSITY_MAX: a zone's maximum building density (max_density_pct) above what QCVN
 * 01:2021 allows its lots: Table 2.8 for housing (detached-house lots, at the zone's largest
 * lot, so every lot complies), Table 2.10 for commercial and mixed use (by height and lot, the
 * zone itself when it holds no parcels), 40 % for public services in new areas (§2.6.2),
 * 5 % for parks.
 */
import { PARK_MAX_DENSITY, PUBLIC_SERVICE_MAX_DENSITY, detachedHouseMaxDensity, highRiseMaxDensity } from '../standards/qcvn01.js';
import type { Label, LayerRule, RuleContext, RuleFeature } from '../types.js';
import { DETACHED_HOUSING, MIXED_USE, PARKS, PUBLIC_SERVICES, largestLot } from './lookups.js';
import { polygonArea } from './planar.js';
import { allRings, en, finding, numberOf, textOf, vi } from './support.js';

export interface DensityLimit {
  readonly pct: number;
  /** Where the limit comes from, for the message. */
  readonly source: Label;
  readonly lotM2?: number;
}

/** The maximum net density QCVN 01:2021 allows a zone of this function; undefined where it sets none or the data cannot tell. */
export function zoneDensityLimit(ctx: RuleContext, zone: RuleFeature): DensityLimit | undefined {
  const fn = textOf(zone, 'function_code');
  if (!fn) return undefined;
  if (DETACHED_HOUSING.has(fn)) {
    const lot = largestLot(ctx, zone);
    if (lot === undefined) return undefined;
    return {
      pct: detachedHouseMaxDensity(lot),
      source: { vi: `QCVN 01:2021, Bảng 2.8, lô lớn nhất ${vi(lot)} m²`, en: `QCVN 01:2021, Table 2.8, largest lot ${en(lot)} m²` },
      lotM2: lot,
    };
  }
  if (MIXED_USE.has(fn)) {
    const height = numberOf(zone, 'max_height_m');
    if (height === undefined) return undefined;
    const lot = largestLot(ctx, zone) ?? polygonArea(allRings(zone.geometry));
    return {
      pct: highRiseMaxDensity('mixed', height, lot),
      source: {
        vi: `QCVN 01:2021, Bảng 2.10, cao ${vi(height)} m, lô ${vi(lot, 0)} m²`,
        en: `QCVN 01:2021, Table 2.10, ${en(height)} m high, ${en(lot, 0)} m² lot`,
      },
      lotM2: lot,
    };
  }
  // The 40 % of public-service lots binds new areas; existing ones keep what their plan sets.
  if (PUBLIC_SERVICES.has(fn) && textOf(zone, 'status') !== 'existing') {
    return { pct: PUBLIC_SERVICE_MAX_DENSITY, source: { vi: 'QCVN 01:2021, đất công trình dịch vụ công cộng khu mới', en: 'QCVN 01:2021, public-service lots in new areas' } };
  }
  if (PARKS.has(fn)) return { pct: PARK_MAX_DENSITY, source: { vi: 'QCVN 01:2021, đất cây xanh', en: 'QCVN 01:2021, parks and green land' } };
  return undefined;
}

export const zoningDensityMax: LayerRule = {
  code: 'ZONING_DENSITY_MAX',
  severity: 'error',
  title: { vi: 'Mật độ xây dựng vượt tối đa của QCVN 01:2021', en: 'Building density above the QCVN 01:2021 maximum' },
  reads: ['parcels'],
  check(zone, ctx) {
    const density = numberOf(zone, 'max_density_pct');
    if (density === undefined) return [];
    const limit = zoneDensityLimit(ctx, zone);
    if (!limit || density <= limit.pct + 1e-9) return [];
    return [
      finding(
        {
          vi: `Mật độ xây dựng ${vi(density)} % vượt tối đa ${vi(limit.pct)} % (${limit.source.vi})`,
          en: `Building density ${en(density)} % exceeds the maximum ${en(limit.pct)} % (${limit.source.en})`,
        },
        { max_density_pct: density, allowed_pct: Number(limit.pct.toFixed(2)), ...(limit.lotM2 !== undefined ? { lot_m2: Number(limit.lotM2.toFixed(1)) } : {}) },
      ),
    ];
  },
};
