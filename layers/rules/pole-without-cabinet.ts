/** POLE_WITHOUT_CABINET: a street-light pole fed by no cabinet: cabinet_code empty, or naming no cabinet of the layer. */
import type { LayerRule } from '../types.js';
import { finding, textOf } from './support.js';

export const poleWithoutCabinet: LayerRule = {
  code: 'POLE_WITHOUT_CABINET',
  severity: 'warning',
  title: { vi: 'Cột đèn không có tủ điện cấp nguồn', en: 'Street-light pole without a cabinet' },
  reads: ['lighting_cabinets'],
  check(pole, ctx) {
    const code = textOf(pole, 'cabinet_code');
    if (code === undefined) return [finding({ vi: 'Cột đèn chưa có tủ điện cấp nguồn (mã tủ trống)', en: 'Pole has no feeding cabinet (cabinet_code empty)' })];
    if (ctx.featuresWhere('lighting_cabinets', { code }).length > 0) return [];
    return [finding({ vi: `Tủ điện ${code} của cột đèn không có trong lớp tủ điện`, en: `The pole's cabinet ${code} is not in the cabinets layer` }, { cabinet_code: code })];
  },
};
