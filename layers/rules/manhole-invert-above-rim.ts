/** MANHOLE_INVERT_ABOVE_RIM: a manhole whose invert (bottom) level is not below its rim (cover) level. */
import type { LayerRule } from '../types.js';
import { en, finding, numberOf, vi } from './support.js';

export const manholeInvertAboveRim: LayerRule = {
  code: 'MANHOLE_INVERT_ABOVE_RIM',
  severity: 'error',
  title: { vi: 'Cao độ đáy hố ga không thấp hơn cao độ nắp', en: 'Manhole invert not below its rim' },
  check(manhole) {
    const rim = numberOf(manhole, 'rim_level_m');
    const invert = numberOf(manhole, 'invert_level_m');
    if (rim === undefined || invert === undefined || invert < rim) return [];
    return [
      finding(
        {
          vi: `Cao độ đáy ${vi(invert, 3)} m cao hơn hoặc bằng cao độ nắp ${vi(rim, 3)} m`,
          en: `Invert level ${en(invert, 3)} m is not below the rim level ${en(rim, 3)} m`,
        },
        { rim_level_m: rim, invert_level_m: invert, depth_m: Number((rim - invert).toFixed(3)) },
      ),
    ];
  },
};
