/**
 * Provinces of Vietnam and the VN-2000 TM-3 zone each one uses.
 *
 * Zones are fixed per *old* (pre-2025, 63) province by the Ministry (EPSG area-of-use texts,
 * see shared/domain/vn2000-crs.json). Since 2025-07-01 (Resolution 202/2025/QH15) there are 34
 * provinces and one of them may span two old zones: we never pick one, we return every old
 * zone with the old provinces that used it so the UI can offer "the old zones by name".
 */
import { PlanDeskError } from '../errors.js';

/** A pre-2025 province (63 of them). */
export interface OldProvince {
  readonly era: 'old';
  /** Official Vietnamese name, with diacritics. */
  readonly name: string;
  /** EPSG code of the TM-3 zone the province uses. */
  readonly zone: number;
  /** The 2025 province it belongs to (its own name when unchanged or renamed only). */
  readonly mergedInto: string;
  readonly aliases: readonly string[];
}

/** A province since 2025-07-01 (34 of them). */
export interface NewProvince {
  readonly era: 'new';
  readonly name: string;
  /** Old provinces it was formed from, the one that gave the name first. */
  readonly formedFrom: readonly string[];
  readonly aliases: readonly string[];
}

export type ProvinceInfo = OldProvince | NewProvince;

/** One candidate zone for a province, with the old provinces that used it. */
export interface ProvinceZone {
  readonly epsg: number;
  readonly code: string;
  readonly oldProvinces: readonly string[];
}

type OldRow = readonly [name: string, zone: number, mergedInto: string, aliases?: readonly string[]];

// Zones from the EPSG areas of use (vn2000-crs.json), one row per old province.
const OLD_ROWS: readonly OldRow[] = [
  // 5897 — TM-3 105°00′
  ['Hà Nội', 5897, 'Hà Nội', ['Hà Tây']], // Hà Tây: merged into Hà Nội in 2008, kept as an alias only
  ['Hà Nam', 5897, 'Ninh Bình'],
  ['Ninh Bình', 5897, 'Ninh Bình'],
  ['Thanh Hóa', 5897, 'Thanh Hóa'],
  ['Vĩnh Phúc', 5897, 'Phú Thọ'],
  ['Cần Thơ', 5897, 'Cần Thơ'],
  ['Bạc Liêu', 5897, 'Cà Mau'],
  ['Đồng Tháp', 5897, 'Đồng Tháp'],
  ['Hậu Giang', 5897, 'Cần Thơ'],
  // 5898 — TM-3 108°00′
  ['Quảng Ngãi', 5898, 'Quảng Ngãi'],
  // 5899 — TM-3 107°45′
  ['Quảng Ninh', 5899, 'Quảng Ninh'],
  ['Đà Nẵng', 5899, 'Đà Nẵng'],
  ['Quảng Nam', 5899, 'Đà Nẵng'],
  ['Bà Rịa – Vũng Tàu', 5899, 'TP. Hồ Chí Minh', ['BR-VT', 'Vũng Tàu']],
  ['Đồng Nai', 5899, 'Đồng Nai'],
  ['Lâm Đồng', 5899, 'Lâm Đồng'],
  // 9205 — 103°00′
  ['Điện Biên', 9205, 'Điện Biên'],
  ['Lai Châu', 9205, 'Lai Châu'],
  // 9206 — 104°00′
  ['Sơn La', 9206, 'Sơn La'],
  // 9207 — 104°30′
  ['Cà Mau', 9207, 'Cà Mau'],
  ['Kiên Giang', 9207, 'An Giang'],
  // 9208 — 104°45′
  ['An Giang', 9208, 'An Giang'],
  ['Lào Cai', 9208, 'Lào Cai'],
  ['Nghệ An', 9208, 'Nghệ An'],
  ['Phú Thọ', 9208, 'Phú Thọ'],
  ['Yên Bái', 9208, 'Lào Cai'],
  // 9209 — 105°30′
  ['Bắc Ninh', 9209, 'Bắc Ninh'],
  ['Hà Giang', 9209, 'Tuyên Quang'],
  ['Hà Tĩnh', 9209, 'Hà Tĩnh'],
  ['Hải Dương', 9209, 'Hải Phòng'],
  ['Hưng Yên', 9209, 'Hưng Yên'],
  ['Nam Định', 9209, 'Ninh Bình'],
  ['Sóc Trăng', 9209, 'Cần Thơ'],
  ['Tây Ninh', 9209, 'Tây Ninh'],
  ['Thái Bình', 9209, 'Hưng Yên'],
  ['Trà Vinh', 9209, 'Vĩnh Long'],
  ['Vĩnh Long', 9209, 'Vĩnh Long'],
  // 9210 — 105°45′
  ['Hải Phòng', 9210, 'Hải Phòng'],
  ['TP. Hồ Chí Minh', 9210, 'TP. Hồ Chí Minh', ['Hồ Chí Minh', 'HCM', 'TPHCM', 'HCMC', 'Sài Gòn']],
  ['Bến Tre', 9210, 'Vĩnh Long'],
  ['Bình Dương', 9210, 'TP. Hồ Chí Minh'],
  ['Cao Bằng', 9210, 'Cao Bằng'],
  ['Long An', 9210, 'Tây Ninh'],
  ['Tiền Giang', 9210, 'Đồng Tháp'],
  // 9211 — 106°00′
  ['Hòa Bình', 9211, 'Phú Thọ'],
  ['Quảng Bình', 9211, 'Quảng Trị'],
  ['Tuyên Quang', 9211, 'Tuyên Quang'],
  // 9212 — 106°15′
  ['Bình Phước', 9212, 'Đồng Nai'],
  ['Quảng Trị', 9212, 'Quảng Trị'],
  // 9213 — 106°30′
  ['Bắc Kạn', 9213, 'Thái Nguyên', ['Bắc Cạn']],
  ['Thái Nguyên', 9213, 'Thái Nguyên'],
  // 9214 — 107°00′
  ['Bắc Giang', 9214, 'Bắc Ninh'],
  ['Thừa Thiên Huế', 9214, 'Huế'],
  // 9215 — 107°15′
  ['Lạng Sơn', 9215, 'Lạng Sơn'],
  // 9216 — 107°30′
  ['Kon Tum', 9216, 'Quảng Ngãi'],
  // 9217 — 108°15′
  ['Bình Định', 9217, 'Gia Lai'],
  ['Khánh Hòa', 9217, 'Khánh Hòa'],
  ['Ninh Thuận', 9217, 'Khánh Hòa'],
  // 9218 — 108°30′
  ['Bình Thuận', 9218, 'Lâm Đồng'],
  ['Đắk Lắk', 9218, 'Đắk Lắk'],
  ['Đắk Nông', 9218, 'Lâm Đồng'],
  ['Gia Lai', 9218, 'Gia Lai'],
  ['Phú Yên', 9218, 'Đắk Lắk'],
];

type NewRow = readonly [name: string, formedFrom: readonly string[], aliases?: readonly string[]];

// Resolution 202/2025/QH15, effective 2025-07-01: 34 provinces.
const NEW_ROWS: readonly NewRow[] = [
  ['Tuyên Quang', ['Tuyên Quang', 'Hà Giang']],
  ['Lào Cai', ['Lào Cai', 'Yên Bái']],
  ['Thái Nguyên', ['Thái Nguyên', 'Bắc Kạn']],
  ['Phú Thọ', ['Phú Thọ', 'Vĩnh Phúc', 'Hòa Bình']],
  ['Bắc Ninh', ['Bắc Ninh', 'Bắc Giang']],
  ['Hưng Yên', ['Hưng Yên', 'Thái Bình']],
  ['Hải Phòng', ['Hải Phòng', 'Hải Dương']],
  ['Ninh Bình', ['Ninh Bình', 'Hà Nam', 'Nam Định']],
  ['Quảng Trị', ['Quảng Trị', 'Quảng Bình']],
  ['Đà Nẵng', ['Đà Nẵng', 'Quảng Nam']],
  ['Quảng Ngãi', ['Quảng Ngãi', 'Kon Tum']],
  ['Gia Lai', ['Gia Lai', 'Bình Định']],
  ['Khánh Hòa', ['Khánh Hòa', 'Ninh Thuận']],
  ['Lâm Đồng', ['Lâm Đồng', 'Đắk Nông', 'Bình Thuận']],
  ['Đắk Lắk', ['Đắk Lắk', 'Phú Yên']],
  ['TP. Hồ Chí Minh', ['TP. Hồ Chí Minh', 'Bình Dương', 'Bà Rịa – Vũng Tàu'], ['Hồ Chí Minh', 'HCM', 'TPHCM', 'HCMC', 'Sài Gòn']],
  ['Đồng Nai', ['Đồng Nai', 'Bình Phước']],
  ['Tây Ninh', ['Tây Ninh', 'Long An']],
  ['Cần Thơ', ['Cần Thơ', 'Sóc Trăng', 'Hậu Giang']],
  ['Vĩnh Long', ['Vĩnh Long', 'Bến Tre', 'Trà Vinh']],
  ['Đồng Tháp', ['Đồng Tháp', 'Tiền Giang']],
  ['Cà Mau', ['Cà Mau', 'Bạc Liêu']],
  ['An Giang', ['An Giang', 'Kiên Giang']],
  ['Hà Nội', ['Hà Nội']],
  ['Huế', ['Thừa Thiên Huế']],
  ['Lai Châu', ['Lai Châu']],
  ['Điện Biên', ['Điện Biên']],
  ['Sơn La', ['Sơn La']],
  ['Lạng Sơn', ['Lạng Sơn']],
  ['Quảng Ninh', ['Quảng Ninh']],
  ['Thanh Hóa', ['Thanh Hóa']],
  ['Nghệ An', ['Nghệ An']],
  ['Hà Tĩnh', ['Hà Tĩnh']],
  ['Cao Bằng', ['Cao Bằng']],
];

const OLD: readonly OldProvince[] = OLD_ROWS.map(([name, zone, mergedInto, aliases = []]) => ({
  era: 'old',
  name,
  zone,
  mergedInto,
  aliases,
}));
const NEW: readonly NewProvince[] = NEW_ROWS.map(([name, formedFrom, aliases = []]) => ({
  era: 'new',
  name,
  formedFrom,
  aliases,
}));

/**
 * Lookup key: no diacritics, case, punctuation or spacing, and without the "tỉnh" /
 * "thành phố" / "TP." prefix or an English "province" / "city" suffix.
 */
export function provinceKey(text: string): string {
  const words = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ');
  if (words[0] === 'tinh' || words[0] === 'tp') words.shift();
  else if (words[0] === 'thanh' && words[1] === 'pho') words.splice(0, 2);
  if (words.length > 1 && (words.at(-1) === 'province' || words.at(-1) === 'city')) words.pop();
  return words.join('');
}

interface IndexEntry {
  old?: OldProvince;
  new?: NewProvince;
}

const INDEX: ReadonlyMap<string, IndexEntry> = (() => {
  const index = new Map<string, IndexEntry>();
  const add = (province: ProvinceInfo): void => {
    for (const key of [province.name, ...province.aliases].map(provinceKey)) {
      const entry = index.get(key) ?? {};
      if (province.era === 'old') entry.old = province;
      else entry.new = province;
      index.set(key, entry);
    }
  };
  OLD.forEach(add);
  NEW.forEach(add);
  return index;
})();

const OLD_BY_NAME: ReadonlyMap<string, OldProvince> = new Map(OLD.map((p) => [p.name, p]));

function oldProvince(name: string): OldProvince {
  const province = OLD_BY_NAME.get(name);
  if (!province) throw new Error(`provinces table: "${name}" is not an old province`);
  return province;
}

/** Old (63) then new (34) provinces. */
export function listProvinces(): readonly ProvinceInfo[] {
  return [...OLD, ...NEW];
}

/** Old provinces that use the given TM-3 zone, in table order (empty for other CRSs). */
export function oldProvincesInZone(epsg: number): readonly string[] {
  return OLD.filter((p) => p.zone === epsg).map((p) => p.name);
}

export interface ZoneLookupOptions {
  /**
   * Which meaning of a name used both before and after 2025 (e.g. 'Cần Thơ'): the 2025
   * province (default) or the old one.
   */
  readonly era?: 'old' | 'new';
}

/**
 * The candidate TM-3 zones for a province, old or new name, written any way ('dong thap',
 * 'TP.HCM', 'Ho Chi Minh'). A 2025 province spanning several old zones returns each zone
 * once, with the old provinces that used it; the namesake's zone comes first.
 */
export function zonesForProvince(name: string, options: ZoneLookupOptions = {}): readonly ProvinceZone[] {
  const entry = INDEX.get(provinceKey(name));
  const province = options.era === 'old' ? entry?.old : options.era === 'new' ? entry?.new : (entry?.new ?? entry?.old);
  if (!province) {
    const era = options.era === 'old' ? 'pre-2025 ' : options.era === 'new' ? '2025 ' : '';
    throw new PlanDeskError('INVALID_ARGUMENT', `unknown ${era}province "${name}" (use a Vietnamese province name, e.g. "Đồng Tháp")`);
  }
  const olds = province.era === 'old' ? [province] : province.formedFrom.map(oldProvince);
  const zones: { epsg: number; code: string; oldProvinces: string[] }[] = [];
  for (const old of olds) {
    const zone = zones.find((z) => z.epsg === old.zone);
    if (zone) zone.oldProvinces.push(old.name);
    else zones.push({ epsg: old.zone, code: `EPSG:${old.zone}`, oldProvinces: [old.name] });
  }
  return zones;
}
