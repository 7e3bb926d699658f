/**
 * ZONING_FAR_MAX: a zone's land-use coefficient (max_far) above its maximum: 7 for housing
 * (detached-house lots, note to QCVN 01:2021 Table 2.8), 13 for any other lot (note to Table
 * 2.9), and never more than density × floors allow (max_density_pct / 100 × max_floors, with
 * 0.05 for rounding): a FAR no building within the zone's other controls can reach.
 */
import { DETACHED_HOUSE_MAX_FAR, HIGH_RISE_MAX_FAR } from '../standards/qcvn01.js';
import type { LayerRule } from '../types.js';
import { DETACHED_HOUSING, isBuildableZone } from './lookups.js';
import { en, finding, numberOf, textOf, vi } from './support.js';

/** FAR recorded to one decimal may round up this much above density × floors. */
const ROUNDING = 0.05;

export const zoningFarMax: LayerRule = {
  code: 'ZONING_FAR_MAX',
  severity: 'error',
  title: { vi: 'Hệ số sử dụng đất vượt tối đa', en: 'Floor area ratio (FAR) above its maximum' },
  check(zone) {
    const far = numberOf(zone, 'max_far');
    if (far === undefined || !isBuildableZone(zone)) return [];
    const detached = DETACHED_HOUSING.has(textOf(zone, 'function_code') ?? '');
    const ceiling = detached ? DETACHED_HOUSE_MAX_FAR : HIGH_RISE_MAX_FAR;
    const density = numberOf(zone, 'max_density_pct');
    const floors = numberOf(zone, 'max_floors');
    const reachable = density !== undefined && floors !== undefined ? (density / 100) * floors : undefined;
    const out = [];
    if (far > ceiling) {
      const source = detached
        ? { vi: 'nhà ở riêng lẻ, QCVN 01:2021 ghi chú Bảng 2.8', en: 'detached houses, QCVN 01:2021 note to Table 2.8' }
        : { vi: 'QCVN 01:2021 ghi chú Bảng 2.9', en: 'QCVN 01:2021 note to Table 2.9' };
      out.push(
        finding(
          { vi: `Hệ số sử dụng đất ${vi(far, 2)} vượt tối đa ${vi(ceiling)} (${source.vi})`, en: `FAR ${en(far, 2)} exceeds the maximum ${en(ceiling)} (${source.en})` },
          { max_far: far, allowed_far: ceiling },
        ),
      );
    } else if (reachable !== undefined && far > reachable + ROUNDING + 1e-9) {
      out.push(
        finding(
          {
            vi: `Hệ số sử dụng đất ${vi(far, 2)} lớn hơn mật độ × tầng cao cho phép (${vi(density as number)} % × ${floors} tầng = ${vi(reachable, 2)})`,
            en: `FAR ${en(far, 2)} is more than density × floors allow (${en(density as number)} % × ${floors} floors = ${en(reachable, 2)})`,
          },
          { max_far: far, allowed_far: Number(reachable.toFixed(2)) },
        ),
      );
    }
    return out;
  },
};
