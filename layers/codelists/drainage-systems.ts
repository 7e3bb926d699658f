import type { CodeList } from '../types.js';

/** Which water a drainage network carries. */
export const DRAINAGE_SYSTEMS: CodeList = {
  id: 'drainage_systems',
  label: { vi: 'Hệ thống thoát nước', en: 'Drainage system' },
  entries: [
    { code: 'storm', label: { vi: 'Thoát nước mưa', en: 'Storm water' }, color: '#8b5a2b' },
    { code: 'sewer', label: { vi: 'Thoát nước thải', en: 'Sanitary sewer' }, color: '#8e3fa0' },
    { code: 'combined', label: { vi: 'Thoát nước chung', en: 'Combined sewer' }, color: '#b5651d' },
  ],
};
