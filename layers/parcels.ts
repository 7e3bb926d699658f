import { LAND_LAW_CODES } from './codelists/land-law-codes.js';
import { TEXT_NAME, TEXT_SHORT, addressField, noteField } from './fields.js';
import { label } from './style-helpers.js';
import type { LayerDefinition } from './types.js';
import { duplicateGeometry } from './rules/duplicate-geometry.js';
import { invalidPolygon } from './rules/invalid-polygon.js';
import { parcelAreaMismatch } from './rules/parcel-area-mismatch.js';
import { parcelNoDuplicate } from './rules/parcel-no-duplicate.js';

/** Cadastral parcels (thửa đất), identified by map sheet and parcel number. */
export const parcels: LayerDefinition = {
  id: 'parcels',
  label: { vi: 'Thửa đất địa chính', en: 'Cadastral parcels' },
  group: 'cadastre',
  geometryType: 'Polygon',
  fields: [
    {
      key: 'sheet_no',
      label: { vi: 'Số tờ bản đồ', en: 'Map sheet number' },
      type: 'integer',
      required: true,
      min: 1,
    },
    {
      key: 'parcel_no',
      label: { vi: 'Số thửa', en: 'Parcel number' },
      type: 'integer',
      required: true,
      min: 1,
    },
    addressField,
    { key: 'ward', label: { vi: 'Phường/xã', en: 'Ward/commune' }, type: 'text', maxLength: TEXT_NAME },
    {
      key: 'area_m2',
      label: { vi: 'Diện tích pháp lý', en: 'Legal area' },
      type: 'real',
      unit: 'm²',
      min: 0,
      description: {
        vi: 'Diện tích ghi trên hồ sơ địa chính, không tính lại từ hình thửa.',
        en: 'Area from the cadastral record, not recomputed from the geometry.',
      },
    },
    {
      key: 'land_law_code',
      label: { vi: 'Loại đất', en: 'Land category' },
      type: 'text',
      codeList: LAND_LAW_CODES,
      maxLength: TEXT_SHORT,
    },
    noteField,
  ],
  style: {
    kind: 'single',
    symbol: { stroke: { color: '#7a5230', width: 0.6 } },
    label: label('parcel_no', 0.5, { size: 11, color: '#5a3a1e' }),
  },
  rules: [parcelNoDuplicate, parcelAreaMismatch, invalidPolygon, duplicateGeometry('parcels')],
};
