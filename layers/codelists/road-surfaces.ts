import type { CodeList } from '../types.js';

/** Pavement surface (kết cấu mặt đường). */
export const ROAD_SURFACES: CodeList = {
  id: 'road_surfaces',
  label: { vi: 'Kết cấu mặt đường', en: 'Pavement surface' },
  entries: [
    { code: 'asphalt', label: { vi: 'Bê tông nhựa (láng nhựa)', en: 'Asphalt' } },
    { code: 'concrete', label: { vi: 'Bê tông xi măng', en: 'Cement concrete' } },
    { code: 'gravel', label: { vi: 'Cấp phối đá dăm, sỏi', en: 'Gravel' } },
    { code: 'earth', label: { vi: 'Đường đất', en: 'Earth' } },
  ],
};
