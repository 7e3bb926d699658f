import type { CodeList } from '../types.js';

/** Urban road classes of QCVN 01:2021/BXD (cấp đường đô thị), major to minor. */
export const ROAD_CLASSES: CodeList = {
  id: 'road_classes',
  label: { vi: 'Cấp đường', en: 'Road class' },
  entries: [
    { code: 'urban_arterial', label: { vi: 'Đường chính đô thị', en: 'Urban arterial' }, color: '#c0392b' },
    { code: 'inter_area', label: { vi: 'Đường liên khu vực', en: 'Inter-area road' }, color: '#e67e22' },
    { code: 'main_area', label: { vi: 'Đường chính khu vực', en: 'Main area road' }, color: '#f1c40f' },
    { code: 'area', label: { vi: 'Đường khu vực', en: 'Area road' }, color: '#d4ac0d' },
    { code: 'sub_area', label: { vi: 'Đường phân khu vực', en: 'Sub-area road' }, color: '#7f8c8d' },
    { code: 'local', label: { vi: 'Đường nội bộ', en: 'Local street' }, color: '#95a5a6' },
    { code: 'alley', label: { vi: 'Hẻm, ngõ', en: 'Alley (hẻm/ngõ)' }, color: '#b3b3b3' },
  ],
};
