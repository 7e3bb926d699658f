import type { CodeList } from '../types.js';

/** Valve types on water mains. */
export const VALVE_TYPES: CodeList = {
  id: 'valve_types',
  label: { vi: 'Loại van', en: 'Valve type' },
  entries: [
    { code: 'gate', label: { vi: 'Van chặn (van cổng)', en: 'Gate valve' } },
    { code: 'butterfly', label: { vi: 'Van bướm', en: 'Butterfly valve' } },
    { code: 'check', label: { vi: 'Van một chiều', en: 'Check valve' } },
    { code: 'air_release', label: { vi: 'Van xả khí', en: 'Air release valve' } },
    { code: 'pressure_reducing', label: { vi: 'Van giảm áp', en: 'Pressure-reducing valve' } },
    { code: 'washout', label: { vi: 'Van xả cặn', en: 'Washout valve' } },
  ],
};
