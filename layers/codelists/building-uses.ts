import type { CodeList } from '../types.js';

/** What a building is used for (công năng công trình). */
export const BUILDING_USES: CodeList = {
  id: 'building_uses',
  label: { vi: 'Công năng công trình', en: 'Building use' },
  entries: [
    { code: 'detached_house', label: { vi: 'Nhà ở riêng lẻ', en: 'Detached house' }, color: '#e8c9a0' },
    { code: 'apartment', label: { vi: 'Nhà chung cư', en: 'Apartment building' }, color: '#d9a66b' },
    { code: 'commercial', label: { vi: 'Thương mại, dịch vụ', en: 'Commercial and services' }, color: '#e07b91' },
    { code: 'mixed', label: { vi: 'Hỗn hợp', en: 'Mixed use' }, color: '#d98c5f' },
    { code: 'public', label: { vi: 'Công trình công cộng', en: 'Public building' }, color: '#e06666' },
    { code: 'education', label: { vi: 'Giáo dục', en: 'Education' }, color: '#f4a6c6' },
    { code: 'health', label: { vi: 'Y tế', en: 'Health care' }, color: '#cc3333' },
    { code: 'religious', label: { vi: 'Tôn giáo, tín ngưỡng', en: 'Religious' }, color: '#a0724a' },
    { code: 'industrial', label: { vi: 'Công nghiệp, kho tàng', en: 'Industrial and warehouse' }, color: '#a08cc8' },
    { code: 'other', label: { vi: 'Khác', en: 'Other' }, color: '#b3b3b3' },
  ],
};
