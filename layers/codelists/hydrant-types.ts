import type { CodeList } from '../types.js';

/** Fire hydrant types (trụ cứu hỏa). */
export const HYDRANT_TYPES: CodeList = {
  id: 'hydrant_types',
  label: { vi: 'Loại trụ cứu hỏa', en: 'Hydrant type' },
  entries: [
    { code: 'pillar', label: { vi: 'Trụ nổi', en: 'Pillar hydrant' } },
    { code: 'underground', label: { vi: 'Trụ ngầm', en: 'Underground hydrant' } },
  ],
};
