import { codeField, nameField, statusField } from './fields.js';
import { label } from './style-helpers.js';
import type { LayerDefinition } from './types.js';
import { duplicateGeometry } from './rules/duplicate-geometry.js';

/** Street-lighting control cabinets (tủ điện chiếu sáng). */
export const lightingCabinets: LayerDefinition = {
  id: 'lighting_cabinets',
  label: { vi: 'Tủ điện chiếu sáng', en: 'Lighting cabinets' },
  group: 'lighting',
  geometryType: 'Point',
  fields: [
    codeField({ vi: 'Mã tủ', en: 'Cabinet code' }, true),
    nameField({ vi: 'Tên tủ', en: 'Cabinet name' }),
    { key: 'circuit_count', label: { vi: 'Số lộ', en: 'Number of circuits' }, type: 'integer', min: 1, max: 48 },
    {
      key: 'max_circuit_length_m',
      label: { vi: 'Bán kính cấp điện tối đa của lộ', en: 'Maximum circuit cable reach' },
      type: 'real',
      unit: 'm',
      min: 0,
      max: 10000,
      description: {
        vi: 'Chiều dài cáp lớn nhất cho phép từ tủ đến cột xa nhất của một lộ.',
        en: 'Longest cable run allowed from the cabinet to the farthest pole of a circuit.',
      },
    },
    { key: 'power_kva', label: { vi: 'Công suất tủ', en: 'Rated power' }, type: 'real', unit: 'kVA', min: 0, max: 2500 },
    statusField(false),
  ],
  style: {
    kind: 'single',
    symbol: { point: { shape: 'square', size: 10, fill: { color: '#ff8f00' }, stroke: { color: '#4e342e', width: 1.5 } } },
    label: label('code', 1, { size: 10, color: '#4e342e' }),
  },
  rules: [duplicateGeometry('lighting_cabinets')],
};
