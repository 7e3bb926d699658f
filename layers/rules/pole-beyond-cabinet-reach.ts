/**
 * POLE_BEYOND_CABINET_REACH: a street-light pole farther (in a straight line) from its cabinet
 * than the cabinet's longest circuit (max_circuit_length_m): a cable, which follows the
 * streets, is longer still, so the pole cannot be fed from there.
 */
import type { LayerRule, RuleFeature } from '../types.js';
import { distance } from './planar.js';
import { en, finding, numberOf, pointOf, textOf, vi } from './support.js';

export const poleBeyondCabinetReach: LayerRule = {
  code: 'POLE_BEYOND_CABINET_REACH',
  severity: 'warning',
  title: { vi: 'Cột đèn ngoài bán kính cấp điện của tủ', en: 'Pole beyond its cabinet’s circuit reach' },
  reads: ['lighting_cabinets'],
  check(pole, ctx) {
    const code = textOf(pole, 'cabinet_code');
    const p = pointOf(pole.geometry);
    if (code === undefined || !p) return [];
    const cabinet = [...ctx.featuresWhere('lighting_cabinets', { code })].sort((a, b) => (a.uuid < b.uuid ? -1 : 1))[0] as RuleFeature | undefined;
    const reach = cabinet ? numberOf(cabinet, 'max_circuit_length_m') : undefined;
    const q = cabinet ? pointOf(cabinet.geometry) : undefined;
    if (!cabinet || reach === undefined || !q) return [];
    const d = distance(p, q);
    if (d <= reach) return [];
    return [
      finding(
        {
          vi: `Cột đèn cách tủ điện ${code} ${vi(d, 0)} m (đường thẳng), vượt bán kính cấp điện ${vi(reach, 0)} m của tủ`,
          en: `Pole is ${en(d, 0)} m (straight line) from cabinet ${code}, beyond its ${en(reach, 0)} m circuit reach`,
        },
        { distance_m: Number(d.toFixed(1)), max_circuit_length_m: reach, cabinet_uuid: cabinet.uuid },
      ),
    ];
  },
};
