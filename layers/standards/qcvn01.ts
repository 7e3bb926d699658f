/**
 * QCVN 01:2021/BXD (national technical regulation on construction planning) as data and pure
 * functions: the one home of the limits PlanDesk's rules check and the demo city is planned
 * against. Values from shared/domain/qcvn01-2021-tables.json (Tables 2.7–2.10 and §2.10.5); a
 * unit test compares them with that file.
 *
 * Where the tables leave room (heights between two rows of Tables 2.9/2.10), the stricter
 * reading is taken: the row of the first listed height at or above the building's. Lot areas
 * between two columns are interpolated linearly, as the notes to the tables say.
 */

/** Linear interpolation in a table row; clamped to the first and last value outside the row. */
export function interpolate(xs: readonly number[], ys: readonly number[], x: number): number {
  if (x <= (xs[0] as number)) return ys[0] as number;
  for (let i = 1; i < xs.length; i++) {
    const x1 = xs[i] as number;
    if (x <= x1) {
      const x0 = xs[i - 1] as number;
      const y0 = ys[i - 1] as number;
      return y0 + (((ys[i] as number) - y0) * (x - x0)) / (x1 - x0);
    }
  }
  return ys[ys.length - 1] as number;
}

/** Table 2.8: lot areas (m²) and the maximum net density (%) of a detached-house lot at each. */
export const TABLE_2_8 = {
  lotM2: [90, 100, 200, 300, 500, 1000],
  maxPct: [100, 90, 70, 60, 50, 40],
} as const;

/** Table 2.8: maximum net building density (%) of a detached-house lot, by lot area (m²). */
export function detachedHouseMaxDensity(lotAreaM2: number): number {
  return interpolate(TABLE_2_8.lotM2, TABLE_2_8.maxPct, lotAreaM2);
}

/** FAR limit of detached-house lots (note to Table 2.8). */
export const DETACHED_HOUSE_MAX_FAR = 7;

/** Lot-area columns (m²) of Tables 2.9 and 2.10. */
export const HIGH_RISE_LOT_AREAS: readonly number[] = [3000, 10000, 18000, 35000];
/** Row limits (building height, m) of Tables 2.9/2.10: "≤ 16", 19, …, 46, and "> 46 m" (Infinity). */
export const HIGH_RISE_HEIGHTS: readonly number[] = [16, 19, 22, 25, 28, 31, 34, 37, 40, 43, 46, Infinity];

/** Table 2.9 (apartment buildings): maximum net density (%), one row per HIGH_RISE_HEIGHTS entry. */
export const TABLE_2_9_ROWS: readonly (readonly number[])[] = [
  [75, 65, 63, 60], [75, 60, 58, 55], [75, 57, 55, 52], [75, 53, 51, 48], [75, 50, 48, 45], [75, 48, 46, 43],
  [75, 46, 44, 41], [75, 44, 42, 39], [75, 43, 41, 38], [75, 42, 40, 37], [75, 41, 39, 36], [75, 40, 38, 35],
];

/** Table 2.10 (commercial and mixed-use buildings): maximum net density (%), rows as Table 2.9. */
export const TABLE_2_10_ROWS: readonly (readonly number[])[] = [
  [80, 70, 68, 65], [80, 65, 63, 60], [80, 62, 60, 57], [80, 58, 56, 53], [80, 55, 53, 50], [80, 53, 51, 48],
  [80, 51, 49, 46], [80, 49, 47, 44], [80, 48, 46, 43], [80, 47, 45, 42], [80, 46, 44, 41], [80, 45, 43, 40],
];

function highRiseRow(heightM: number): number {
  // The row of the first listed height at or above the building's: stricter than interpolating.
  return HIGH_RISE_HEIGHTS.findIndex((h) => heightM <= h);
}

/** Tables 2.9 (apartments) and 2.10 (commercial / mixed use): maximum net density (%). */
export function highRiseMaxDensity(kind: 'apartment' | 'mixed', heightM: number, lotAreaM2: number): number {
  const rows = kind === 'apartment' ? TABLE_2_9_ROWS : TABLE_2_10_ROWS;
  return interpolate(HIGH_RISE_LOT_AREAS, rows[highRiseRow(heightM)] as number[], lotAreaM2);
}

/** FAR ceiling of apartment and mixed-use lots (note to Table 2.9, "> 46 m"). */
export const HIGH_RISE_MAX_FAR = 13;

/** Public-service lots in new areas (QCVN 01:2021 §2.6.2): maximum net density (%). */
export const PUBLIC_SERVICE_MAX_DENSITY = 40;

/** Parks: maximum gross building density (%). */
export const PARK_MAX_DENSITY = 5;

/** Table 2.7: minimum setback (m) from the red line, by road width (red line to red line) and building height. */
export function requiredSetback(roadWidthM: number, heightM: number): number {
  if (roadWidthM < 19) {
    if (heightM < 19) return 0;
    if (heightM < 22) return 3;
    if (heightM < 28) return 4;
    return 6;
  }
  if (roadWidthM < 22) {
    if (heightM < 22) return 0;
    if (heightM < 28) return 3;
    return 6;
  }
  return heightM < 28 ? 0 : 6;
}

/** §2.10.5 (fire hydrants, as QCVN 06 / TCVN 2622): hydrants at most this far apart along a road's main. */
export const HYDRANT_MAX_SPACING_M = 150;
