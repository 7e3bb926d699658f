/**
 * ZONING_INDICATORS_MISSING: a zone with building controls (not water, traffic, farmland or
 * reserve) that lacks one of the planning indicators a detailed plan states for every plot:
 * maximum density, FAR, maximum floors and height, setback.
 */
import type { LayerRule } from '../types.js';
import { isBuildableZone } from './lookups.js';
import { finding, numberOf } from './support.js';

const INDICATORS: readonly { key: string; vi: string; en: string }[] = [
  { key: 'max_density_pct', vi: 'mật độ xây dựng tối đa', en: 'maximum density' },
  { key: 'max_far', vi: 'hệ số sử dụng đất tối đa', en: 'maximum FAR' },
  { key: 'max_floors', vi: 'tầng cao tối đa', en: 'maximum floors' },
  { key: 'max_height_m', vi: 'chiều cao tối đa', en: 'maximum height' },
  { key: 'setback_m', vi: 'khoảng lùi', en: 'setback' },
];

export const zoningIndicatorsMissing: LayerRule = {
  code: 'ZONING_INDICATORS_MISSING',
  severity: 'error',
  title: { vi: 'Ô đất thiếu chỉ tiêu quy hoạch', en: 'Zone lacks planning indicators' },
  check(zone) {
    if (!isBuildableZone(zone)) return [];
    const missing = INDICATORS.filter((i) => numberOf(zone, i.key) === undefined);
    if (missing.length === 0) return [];
    return [
      finding(
        { vi: `Thiếu chỉ tiêu: ${missing.map((i) => i.vi).join(', ')}`, en: `Missing indicators: ${missing.map((i) => i.en).join(', ')}` },
        { missing: missing.map((i) => i.key).join(',') },
      ),
    ];
  },
};
