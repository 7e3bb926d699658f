import type { CodeList } from '../types.js';

/** Street-light lamp technologies. */
export const LAMP_TYPES: CodeList = {
  id: 'lamp_types',
  label: { vi: 'Loại đèn', en: 'Lamp type' },
  entries: [
    { code: 'led', label: { vi: 'Đèn LED', en: 'LED' }, color: '#ffd400' },
    { code: 'hps', label: { vi: 'Đèn cao áp sodium', en: 'High-pressure sodium' }, color: '#ff8c00' },
    { code: 'metal_halide', label: { vi: 'Đèn metal halide', en: 'Metal halide' }, color: '#f5f5dc' },
    { code: 'compact_fluorescent', label: { vi: 'Đèn compact', en: 'Compact fluorescent' }, color: '#e0e0e0' },
  ],
};
