import type { CodeList } from '../types.js';

/** Whether a valve is normally open or closed (network isolation and zone boundaries). */
export const VALVE_STATES: CodeList = {
  id: 'valve_states',
  label: { vi: 'Trạng thái van', en: 'Valve state' },
  entries: [
    { code: 'open', label: { vi: 'Thường mở', en: 'Normally open' }, color: '#1565c0' },
    { code: 'closed', label: { vi: 'Thường đóng', en: 'Normally closed' }, color: '#212121' },
  ],
};
