/**
 * The code values the demo writes, as named in the layer code lists (`layers/codelists/`).
 * Kept in one place so that a renamed code breaks one file; the tests check every generated
 * feature with `checkAttributes`.
 */

export type Status = 'existing' | 'planned' | 'under_construction';

export type RoadClass = 'urban_arterial' | 'inter_area' | 'main_area' | 'area' | 'sub_area' | 'local' | 'alley';

/** Planning functions (ký hiệu chức năng), also the prefix of zone codes ("OM-01"). */
export type ZoneFunction = 'OHT' | 'OM' | 'HH' | 'GD' | 'YT' | 'VH' | 'TMDV' | 'CX' | 'TDTT' | 'CQ' | 'TG' | 'MN';

export type BuildingUse =
  | 'detached_house'
  | 'apartment'
  | 'commercial'
  | 'mixed'
  | 'public'
  | 'education'
  | 'health'
  | 'religious'
  | 'industrial'
  | 'other';

/** Land-law code (loại đất) written on zones and parcels, by planning function. */
export const LAND_LAW_BY_FUNCTION: Readonly<Record<ZoneFunction, string>> = {
  OHT: 'ODT',
  OM: 'ODT',
  HH: 'TMD',
  GD: 'DGD',
  YT: 'DYT',
  VH: 'DVH',
  TMDV: 'DCH',
  CX: 'DKV',
  TDTT: 'DTT',
  CQ: 'TSC',
  TG: 'TON',
  MN: 'SON',
};

/** What a zone of this function is called in its name ("Đất ở hiện trạng"). */
export const FUNCTION_LABEL: Readonly<Record<ZoneFunction, string>> = {
  OHT: 'Khu ở hiện trạng',
  OM: 'Khu ở mới',
  HH: 'Đất hỗn hợp',
  GD: 'Đất giáo dục',
  YT: 'Đất y tế',
  VH: 'Đất văn hóa',
  TMDV: 'Đất thương mại, dịch vụ',
  CX: 'Đất cây xanh công viên',
  TDTT: 'Đất thể dục thể thao',
  CQ: 'Đất cơ quan',
  TG: 'Đất tôn giáo',
  MN: 'Mặt nước',
};
