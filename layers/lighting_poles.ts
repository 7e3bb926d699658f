import { LAMP_TYPES } from './codelists/lamp-types.js';
import { TEXT_SHORT, codeField, statusField } from './fields.js';
import { label } from './style-helpers.js';
import type { LayerDefinition } from './types.js';
import { duplicateGeometry } from './rules/duplicate-geometry.js';
import { poleBeyondCabinetReach } from './rules/pole-beyond-cabinet-reach.js';
import { poleWithoutCabinet } from './rules/pole-without-cabinet.js';

/** Street-light poles (cột đèn chiếu sáng), each fed by one circuit (lộ) of a cabinet. */
export const lightingPoles: LayerDefinition = {
  id: 'lighting_poles',
  label: { vi: 'Cột đèn chiếu sáng', en: 'Street-light poles' },
  group: 'lighting',
  geometryType: 'Point',
  fields: [
    codeField({ vi: 'Mã cột', en: 'Pole code' }),
    {
      key: 'lamp_type',
      label: { vi: 'Loại đèn', en: 'Lamp type' },
      type: 'text',
      codeList: LAMP_TYPES,
      maxLength: TEXT_SHORT,
    },
    { key: 'wattage_w', label: { vi: 'Công suất đèn', en: 'Lamp wattage' }, type: 'integer', unit: 'W', min: 1, max: 2000 },
    { key: 'height_m', label: { vi: 'Chiều cao cột', en: 'Pole height' }, type: 'real', unit: 'm', min: 0, max: 60 },
    {
      key: 'cabinet_code',
      label: { vi: 'Tủ điện chiếu sáng', en: 'Lighting cabinet' },
      type: 'text',
      maxLength: TEXT_SHORT,
      description: {
        vi: 'Mã (code) của tủ điện cấp nguồn cho cột, trong lớp Tủ điện chiếu sáng.',
        en: 'The code of the feeding cabinet in the lighting cabinets layer.',
      },
    },
    { key: 'circuit', label: { vi: 'Lộ', en: 'Circuit' }, type: 'text', maxLength: TEXT_SHORT },
    { key: 'arm_count', label: { vi: 'Số cần đèn', en: 'Number of arms' }, type: 'integer', min: 0, max: 12 },
    statusField(false),
  ],
  style: {
    kind: 'single',
    symbol: { point: { shape: 'circle', size: 6, fill: { color: '#ffb300' }, stroke: { color: '#e65100', width: 1 } } },
    label: label('code', 0.3, { size: 9, color: '#bf360c' }),
  },
  rules: [poleWithoutCabinet, poleBeyondCabinetReach, duplicateGeometry('lighting_poles')],
};
