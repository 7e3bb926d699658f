/**
 * PARCEL_AREA_MISMATCH: a parcel's recorded legal area (area_m2) differs from the area of its
 * polygon by more than 2 % (at least 1 m²): the record or the drawing is wrong. Invalid
 * outlines have no area to compare (INVALID_POLYGON says so).
 */
import type { LayerRule } from '../types.js';
import { isValidPolygon } from './lookups.js';
import { polygonArea } from './planar.js';
import { allRings, en, finding, numberOf, vi } from './support.js';

export const AREA_TOLERANCE = { share: 0.02, minM2: 1 } as const;

export const parcelAreaMismatch: LayerRule = {
  code: 'PARCEL_AREA_MISMATCH',
  severity: 'warning',
  title: { vi: 'Diện tích pháp lý khác diện tích hình thửa', en: 'Recorded area differs from the parcel polygon' },
  check(parcel) {
    const recorded = numberOf(parcel, 'area_m2');
    if (recorded === undefined || !isValidPolygon(parcel)) return [];
    const drawn = polygonArea(allRings(parcel.geometry));
    const diff = recorded - drawn;
    if (Math.abs(diff) <= Math.max(AREA_TOLERANCE.minM2, AREA_TOLERANCE.share * drawn)) return [];
    const pct = drawn > 0 ? (diff / drawn) * 100 : Infinity;
    return [
      finding(
        {
          vi: `Diện tích ghi ${vi(recorded)} m² khác diện tích hình thửa ${vi(drawn)} m² (${pct > 0 ? '+' : ''}${vi(pct)} %)`,
          en: `Recorded area ${en(recorded)} m² differs from the polygon's ${en(drawn)} m² (${pct > 0 ? '+' : ''}${en(pct)} %)`,
        },
        { area_m2: recorded, polygon_m2: Number(drawn.toFixed(2)), difference_pct: Number(pct.toFixed(2)) },
      ),
    ];
  },
};
