/**
 * INVALID_POLYGON: a polygon whose outline is not a simple ring: edges crossing each other
 * (a bow tie), a repeated vertex, fewer than three corners, not closed, or no area. Other
 * rules say nothing about its area or what lies in it.
 */
import type { LayerRule } from '../types.js';
import { ringIsSimple, segmentsCross, signedRingArea, type P } from './planar.js';
import { allRings, finding } from './support.js';

/** Why a ring is not simple, or undefined when it is. */
export function ringProblem(ring: readonly P[]): { vi: string; en: string } | undefined {
  if (ringIsSimple(ring)) return undefined;
  const n = ring.length - 1;
  if (n < 3) return { vi: 'có ít hơn 3 đỉnh', en: 'has fewer than 3 corners' };
  const first = ring[0] as P;
  const last = ring[n] as P;
  if (first[0] !== last[0] || first[1] !== last[1]) return { vi: 'không khép kín', en: 'is not closed' };
  for (let i = 0; i < n; i++) {
    const a = ring[i] as P;
    const b = ring[i + 1] as P;
    if (a[0] === b[0] && a[1] === b[1]) return { vi: 'có đỉnh lặp lại', en: 'repeats a vertex' };
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      if (segmentsCross(a, b, ring[j] as P, ring[j + 1] as P)) return { vi: `tự cắt (cạnh ${i + 1} cắt cạnh ${j + 1})`, en: `crosses itself (edge ${i + 1} crosses edge ${j + 1})` };
    }
  }
  return Math.abs(signedRingArea(ring)) <= 1e-6 ? { vi: 'có diện tích bằng 0', en: 'has no area' } : { vi: 'không hợp lệ', en: 'is invalid' };
}

export const invalidPolygon: LayerRule = {
  code: 'INVALID_POLYGON',
  severity: 'error',
  title: { vi: 'Vùng không hợp lệ (tự cắt)', en: 'Invalid (self-intersecting) polygon' },
  check(feature) {
    const rings = allRings(feature.geometry);
    for (let i = 0; i < rings.length; i++) {
      const problem = ringProblem(rings[i] as readonly P[]);
      if (!problem) continue;
      const which = i === 0 ? { vi: 'Ranh giới ngoài', en: 'The outer ring' } : { vi: `Lỗ thủng thứ ${i}`, en: `Hole ${i}` };
      return [finding({ vi: `${which.vi} ${problem.vi}`, en: `${which.en} ${problem.en}` }, { ring: i })];
    }
    return [];
  },
};
