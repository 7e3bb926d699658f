/** Vietnamese names for the demo city: streets, canals, wards, public buildings. */
import type { Rng } from './random.js';

/** Street names used in Cao Lãnh and across the Mekong delta; the most important come first. */
export const STREET_NAMES: readonly string[] = [
  'Nguyễn Huệ', 'Lý Thường Kiệt', 'Đường 30/4', 'Tôn Đức Thắng', 'Hùng Vương', 'Lê Lợi',
  'Phạm Hữu Lầu', 'Nguyễn Đình Chiểu', 'Trần Hưng Đạo', 'Nguyễn Trãi', 'Lê Duẩn', 'Đặng Văn Bình',
  'Võ Văn Kiệt', 'Điện Biên Phủ', 'Đường 3/2', 'Nguyễn Văn Linh', 'Phạm Văn Đồng', 'Trường Chinh',
  'Lê Quý Đôn', 'Ngô Thời Nhiệm', 'Võ Thị Sáu', 'Nguyễn Thị Minh Khai', 'Lê Thị Riêng', 'Trần Phú',
  'Phan Bội Châu', 'Phan Chu Trinh', 'Nguyễn Du', 'Bà Triệu', 'Hai Bà Trưng', 'Lý Tự Trọng',
  'Nguyễn Văn Trỗi', 'Đốc Binh Kiều', 'Thiên Hộ Dương', 'Nguyễn Thái Học', 'Tháp Mười', 'Mai Văn Khải',
  'Chi Lăng', 'Lê Văn Tám', 'Nguyễn Văn Cừ', 'Phạm Ngũ Lão', 'Ngô Quyền', 'Đinh Bộ Lĩnh',
  'Lê Hồng Phong', 'Châu Văn Liêm', 'Nguyễn Quang Diêu', 'Võ Trường Toản', 'Lê Anh Xuân', 'Trương Định',
  'Nguyễn Tri Phương', 'Cách Mạng Tháng Tám', 'Nguyễn Chí Thanh', 'Huỳnh Thúc Kháng', 'Tôn Thất Tùng',
  'Trần Quốc Toản', 'Hoàng Diệu', 'Nguyễn Sinh Sắc', 'Lê Lai', 'Nguyễn Trung Trực', 'Âu Cơ',
  'Lạc Long Quân', 'Quang Trung', 'Lê Đại Hành', 'Hàm Nghi', 'Duy Tân', 'Thủ Khoa Huân',
  'Trần Văn Năng', 'Đỗ Công Tường', 'Nguyễn Thị Lựu', 'Lưu Văn Lang', 'Ngô Gia Tự', 'Chu Văn An',
  'Tô Hiến Thành', 'Yết Kiêu', 'Kim Đồng', 'Hồ Xuân Hương', 'Xuân Diệu', 'Hàn Mặc Tử',
  'Nguyễn Khuyến', 'Trần Quang Diệu', 'Bùi Thị Xuân', 'Nguyễn Hữu Cảnh', 'Lê Văn Duyệt', 'Phan Đình Phùng',
  'Nguyễn Bỉnh Khiêm', 'Lê Thánh Tôn', 'Trần Nhân Tông', 'Lý Công Uẩn', 'Nguyễn An Ninh', 'Trần Văn Giàu',
  'Huỳnh Văn Bánh', 'Nguyễn Văn Tiếp', 'Ông Văn Tạo', 'Trần Thị Nhượng', 'Võ Văn Tần', 'Nguyễn Thị Định',
];

export const CANAL_NAMES: readonly string[] = [
  'Kênh Cao Lãnh', 'Rạch Cái Sao', 'Kênh Ông Kho', 'Rạch Bà Học', 'Kênh Xáng', 'Rạch Cái Tôm',
  'Kênh Thống Nhất', 'Rạch Đình Trung', 'Kênh Hội Đồng', 'Rạch Ông Hổ',
];

export const RIVER_NAME = 'Sông Tiền';

/** Wards and communes of Cao Lãnh city (before the 2025 merger), then numbered wards. */
const WARD_NAMES: readonly string[] = [
  'Phường 1', 'Phường 2', 'Phường 3', 'Phường 4', 'Phường 6', 'Phường 11', 'Phường Mỹ Phú',
  'Phường Hòa Thuận', 'Xã Mỹ Tân', 'Xã Hòa An', 'Xã Tịnh Thới', 'Xã Tân Thuận Đông',
  'Xã Tân Thuận Tây', 'Xã Mỹ Trà', 'Xã Mỹ Ngãi', 'Xã Mỹ Xương',
];

export function wardName(index: number): string {
  return WARD_NAMES[index] ?? `Phường ${index - WARD_NAMES.length + 12}`;
}

/** A name from `list`, numbered once the list is used up ("Đường số 7"). */
export function nthName(list: readonly string[], index: number, numbered: (n: number) => string): string {
  return list[index] ?? numbered(index - list.length + 1);
}

const PEOPLE: readonly string[] = [
  'Nguyễn Trãi', 'Kim Hồng', 'Lê Quý Đôn', 'Nguyễn Quang Diêu', 'Thiên Hộ Dương', 'Đốc Binh Kiều',
  'Võ Thị Sáu', 'Trần Quốc Toản', 'Chu Văn An', 'Nguyễn Đình Chiểu', 'Lê Văn Tám', 'Hòa An',
];

/** Names of public buildings by kind; `n` counts the places of that kind. */
export function facilityName(kind: string, n: number, ward: string, rng: Rng): string {
  const person = PEOPLE[(n + rng.int(0, PEOPLE.length - 1)) % PEOPLE.length] as string;
  switch (kind) {
    case 'GD':
      return rng.pick([`Trường Tiểu học ${person}`, `Trường THCS ${person}`, `Trường THPT ${person}`, `Trường Mầm non ${ward}`]);
    case 'YT':
      return n === 0 ? 'Bệnh viện Đa khoa Đồng Tháp' : `Trạm Y tế ${ward}`;
    case 'TMDV':
      return n === 0 ? 'Chợ Cao Lãnh' : `Chợ ${ward}`;
    case 'CX':
      return n === 0 ? 'Công viên Văn Miếu' : `Công viên ${ward}`;
    case 'TG':
      return rng.pick(['Chùa Kim Bửu', 'Chùa Phước Long', 'Nhà thờ Cao Lãnh', 'Chùa Hòa Long', 'Đình Trung', 'Chùa Bửu Lâm']);
    case 'VH':
      return n === 0 ? 'Trung tâm Văn hóa tỉnh Đồng Tháp' : `Nhà Văn hóa ${ward}`;
    case 'TDTT':
      return n === 0 ? 'Sân vận động Cao Lãnh' : `Nhà thi đấu ${ward}`;
    case 'CQ':
      return n === 0 ? 'UBND thành phố Cao Lãnh' : `UBND ${ward}`;
    case 'HH':
      return `Khu phức hợp ${rng.pick(['Sen Hồng', 'Bến Tiền', 'Phú Hưng', 'Cao Lãnh Plaza', 'Hoa Sen'])}`;
    default:
      return `Ô đất ${ward}`;
  }
}
