import type { Label, LayerGroupId } from './types.js';

export interface LayerGroup {
  readonly id: LayerGroupId;
  readonly label: Label;
  /** Position in the layer panel, 1 = first. */
  readonly order: number;
}

export const LAYER_GROUPS: readonly LayerGroup[] = [
  { id: 'planning', label: { vi: 'Quy hoạch', en: 'Planning' }, order: 1 },
  { id: 'cadastre', label: { vi: 'Địa chính – Công trình', en: 'Cadastre and buildings' }, order: 2 },
  { id: 'transport', label: { vi: 'Giao thông', en: 'Transport' }, order: 3 },
  { id: 'drainage', label: { vi: 'Thoát nước', en: 'Drainage' }, order: 4 },
  { id: 'water', label: { vi: 'Cấp nước', en: 'Water supply' }, order: 5 },
  { id: 'lighting', label: { vi: 'Chiếu sáng', en: 'Street lighting' }, order: 6 },
];
