import { WATER_PIPE_MATERIALS } from './codelists/materials.js';
import { TEXT_SHORT, codeField, diameterField, lengthField, statusField, yearField } from './fields.js';
import { label } from './style-helpers.js';
import type { LayerDefinition } from './types.js';
import { duplicateGeometry } from './rules/duplicate-geometry.js';
import { mainDanglingEnd } from './rules/main-dangling-end.js';
import { zeroLengthLine } from './rules/zero-length-line.js';

/** Water supply mains and distribution pipes (đường ống cấp nước). */
export const waterMains: LayerDefinition = {
  id: 'water_mains',
  label: { vi: 'Đường ống cấp nước', en: 'Water mains' },
  group: 'water',
  geometryType: 'LineString',
  fields: [
    codeField({ vi: 'Mã tuyến ống', en: 'Main code' }),
    diameterField({ vi: 'Đường kính danh nghĩa (DN)', en: 'Nominal diameter (DN)' }, 20, 2000, true),
    {
      key: 'material',
      label: { vi: 'Vật liệu', en: 'Material' },
      type: 'text',
      codeList: WATER_PIPE_MATERIALS,
      maxLength: TEXT_SHORT,
    },
    { key: 'pressure_zone', label: { vi: 'Vùng áp lực', en: 'Pressure zone' }, type: 'text', maxLength: TEXT_SHORT },
    yearField('year', { vi: 'Năm lắp đặt', en: 'Year laid' }),
    lengthField,
    statusField(false),
  ],
  style: {
    kind: 'single',
    symbol: { stroke: { color: '#1f6fd1', width: 2 } },
    label: label('diameter_mm', 0.5, { placement: 'line', size: 10, color: '#0d47a1' }),
  },
  rules: [mainDanglingEnd, zeroLengthLine, duplicateGeometry('water_mains')],
};
