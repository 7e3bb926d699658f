import type { CodeList } from '../types.js';

/** Planning boundary lines along roads. */
export const RED_LINE_TYPES: CodeList = {
  id: 'red_line_types',
  label: { vi: 'Loại chỉ giới', en: 'Line type' },
  entries: [
    { code: 'red_line', label: { vi: 'Chỉ giới đường đỏ', en: 'Red line (road boundary)' }, color: '#e00000' },
    { code: 'building_line', label: { vi: 'Chỉ giới xây dựng', en: 'Building line' }, color: '#1f4fd8' },
  ],
};
