import { HYDRANT_TYPES } from './codelists/hydrant-types.js';
import { TEXT_SHORT, codeField, diameterField, statusField } from './fields.js';
import { label } from './style-helpers.js';
import type { LayerDefinition } from './types.js';
import { duplicateGeometry } from './rules/duplicate-geometry.js';
import { hydrantSpacing } from './rules/hydrant-spacing.js';

/** Fire hydrants (trụ cứu hỏa); QCVN 01:2021 spaces them at most 150 m apart along roads. */
export const waterHydrants: LayerDefinition = {
  id: 'water_hydrants',
  label: { vi: 'Trụ cứu hỏa', en: 'Fire hydrants' },
  group: 'water',
  geometryType: 'Point',
  fields: [
    codeField({ vi: 'Mã trụ', en: 'Hydrant code' }),
    {
      key: 'hydrant_type',
      label: { vi: 'Loại trụ', en: 'Hydrant type' },
      type: 'text',
      codeList: HYDRANT_TYPES,
      maxLength: TEXT_SHORT,
    },
    diameterField({ vi: 'Đường kính (DN)', en: 'Diameter (DN)' }, 50, 300),
    statusField(false),
  ],
  style: {
    kind: 'single',
    symbol: { point: { shape: 'circle', size: 9, fill: { color: '#e53935' }, stroke: { color: '#ffffff', width: 1.5 } } },
    label: label('code', 0.3, { size: 10, color: '#b71c1c' }),
  },
  rules: [hydrantSpacing, duplicateGeometry('water_hydrants')],
};
