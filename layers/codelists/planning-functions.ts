import type { CodeList, CodeListEntry } from '../types.js';

/*
 * Construction-planning land-use functions on urban plans (chức năng sử dụng đất trong đồ án quy
 * hoạch đô thị), the categories of QCVN 01:2021/BXD and of the drawing legend in Circular
 * 04/2022/TT-BXD.
 *
 * Codes are the short symbols planners write in front of a plot number (ký hiệu ô đất "OM-01" is
 * plot 01 of new residential land), so a rule can check a zone_code against its function.
 *
 * Colours: the conventional palette of Vietnamese zoning plans (residential yellows/oranges,
 * public services reds, greens for parks and sport, violet for industry, greys for
 * infrastructure and traffic, blue for water). The circular fixes categories and hatch symbols,
 * not RGB values, so these are PlanDesk's choice in that convention; keep neighbouring categories
 * distinguishable when changing them.
 */

type Row = readonly [code: string, vi: string, en: string, color: string];

const ROWS: readonly Row[] = [
  ['OHT', 'Đất ở hiện trạng (cải tạo, chỉnh trang)', 'Existing residential (upgrading)', '#ffe699'],
  ['OM', 'Đất ở mới', 'New residential', '#ffc000'],
  ['HH', 'Đất hỗn hợp', 'Mixed use', '#f4a460'],
  ['CC', 'Đất công cộng, dịch vụ đô thị', 'Public and urban services', '#ff6f6f'],
  ['GD', 'Đất giáo dục (trường học)', 'Education (schools)', '#ff99cc'],
  ['YT', 'Đất y tế', 'Health care', '#e0301e'],
  ['VH', 'Đất văn hóa', 'Culture', '#c060a1'],
  ['TMDV', 'Đất thương mại, dịch vụ', 'Commerce and services', '#ff4f8b'],
  ['CX', 'Đất cây xanh công viên, vườn hoa', 'Parks and public gardens', '#8fd16a'],
  ['CXCD', 'Đất cây xanh chuyên dụng (cách ly)', 'Special-purpose green (buffers)', '#4e9a3a'],
  ['TDTT', 'Đất thể dục thể thao', 'Sports', '#3cb371'],
  ['CQ', 'Đất cơ quan, trụ sở', 'Government offices', '#8da0cb'],
  ['TG', 'Đất tôn giáo, tín ngưỡng', 'Religious and worship', '#b07a4f'],
  ['DT', 'Đất di tích', 'Heritage sites', '#8b5a2b'],
  ['CN', 'Đất công nghiệp, kho tàng', 'Industry and warehousing', '#9c7fc9'],
  ['HTKT', 'Đất hạ tầng kỹ thuật', 'Technical infrastructure', '#9fb6cd'],
  ['GT', 'Đất giao thông, bãi đỗ xe', 'Traffic and parking', '#c8c8c8'],
  ['ANQP', 'Đất an ninh, quốc phòng', 'Security and defence', '#e8664f'],
  ['NN', 'Đất nông nghiệp', 'Agriculture', '#e6f5b0'],
  ['MN', 'Mặt nước', 'Water surface', '#a0d8f0'],
  ['NT', 'Đất nghĩa trang', 'Cemetery', '#b0b0b0'],
  ['DTPT', 'Đất dự trữ phát triển', 'Development reserve', '#f2f2e6'],
];

export const PLANNING_FUNCTIONS: CodeList = {
  id: 'planning_functions',
  label: { vi: 'Chức năng sử dụng đất quy hoạch', en: 'Planning land-use function' },
  entries: ROWS.map(([code, vi, en, color]): CodeListEntry => ({ code, label: { vi, en }, color })),
};
