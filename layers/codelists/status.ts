import type { CodeList } from '../types.js';

/** Life-cycle status shared by every layer: what is built, what is planned, what is being built. */
export const STATUS: CodeList = {
  id: 'status',
  label: { vi: 'Tình trạng', en: 'Status' },
  entries: [
    { code: 'existing', label: { vi: 'Hiện trạng', en: 'Existing' }, color: '#4d4d4d' },
    { code: 'planned', label: { vi: 'Quy hoạch', en: 'Planned' }, color: '#d62728' },
    { code: 'under_construction', label: { vi: 'Đang xây dựng', en: 'Under construction' }, color: '#ff7f0e' },
  ],
};
