import type { CodeList } from '../types.js';

/** Point structures of a drainage network. */
export const MANHOLE_KINDS: CodeList = {
  id: 'manhole_kinds',
  label: { vi: 'Loại hố', en: 'Structure kind' },
  entries: [
    { code: 'manhole', label: { vi: 'Hố ga', en: 'Manhole' }, color: '#6b4423' },
    { code: 'inlet', label: { vi: 'Hố thu nước mưa', en: 'Storm inlet' }, color: '#a0522d' },
    { code: 'outfall', label: { vi: 'Cửa xả', en: 'Outfall' }, color: '#1f77b4' },
  ],
};
