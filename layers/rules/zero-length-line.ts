/** ZERO_LENGTH_LINE: a line shorter than 1 mm: all its vertices in one place. */
import type { LayerRule } from '../types.js';
import { lineLength } from './planar.js';
import { en, finding, lineOf } from './support.js';

export const MIN_LINE_LENGTH_M = 0.001;

export const zeroLengthLine: LayerRule = {
  code: 'ZERO_LENGTH_LINE',
  severity: 'error',
  title: { vi: 'Đường có chiều dài bằng 0', en: 'Zero-length line' },
  check(feature) {
    const coords = lineOf(feature.geometry);
    if (!coords) return [];
    const length = lineLength(coords);
    if (length >= MIN_LINE_LENGTH_M) return [];
    return [finding({ vi: 'Đường có chiều dài bằng 0 (mọi đỉnh trùng nhau)', en: 'Line has no length (all its vertices coincide)' }, { length_m: Number(en(length, 4)) })];
  },
};
