import { TEXT_SHORT, addressField, diameterField, statusField, yearField } from './fields.js';
import { label } from './style-helpers.js';
import type { LayerDefinition } from './types.js';
import { duplicateGeometry } from './rules/duplicate-geometry.js';

/** Customer water meters (đồng hồ nước). */
export const waterMeters: LayerDefinition = {
  id: 'water_meters',
  label: { vi: 'Đồng hồ nước', en: 'Water meters' },
  group: 'water',
  geometryType: 'Point',
  fields: [
    { key: 'meter_no', label: { vi: 'Số đồng hồ', en: 'Meter number' }, type: 'text', maxLength: TEXT_SHORT },
    { key: 'account_no', label: { vi: 'Mã khách hàng', en: 'Customer account number' }, type: 'text', maxLength: TEXT_SHORT },
    diameterField({ vi: 'Cỡ đồng hồ (DN)', en: 'Meter size (DN)' }, 10, 500),
    addressField,
    yearField('install_year', { vi: 'Năm lắp đặt', en: 'Year installed' }),
    statusField(false),
  ],
  style: {
    kind: 'single',
    symbol: { point: { shape: 'square', size: 5, fill: { color: '#29b6f6' }, stroke: { color: '#01579b', width: 1 } } },
    label: label('meter_no', 0.2, { size: 9, color: '#01579b' }),
  },
  rules: [duplicateGeometry('water_meters')],
};
