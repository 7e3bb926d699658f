/**
 * Circular 16/2025/TT-BXD, Appendix II (cơ sở dữ liệu số địa lý — "HoSoGIS" — of a planning
 * scheme), as data: the deliverable layers PlanDesk exports to (`plandesk export --format
 * planning-gpkg`), their fields, and how each PlanDesk layer maps onto them.
 *
 * What the appendix fixes (read from public transcriptions of it, not from the official gazette
 * text, which was not available offline; two independent transcriptions agree):
 * - Part 1 §6b: a layer (feature class) is named `<LớpDữLiệu>_<A|P|L>` — A polygons ("vùng"),
 *   L lines ("đường"), P points ("điểm") — in unaccented Vietnamese, words run together, each
 *   capitalised; groups (feature datasets) the same without the suffix.
 * - Part 3: the reference list of layers per database (HienTrang, QuyHoach, NenDiaHinh, MocGioi).
 * - Part 3 (4): the minimum attribute fields of EVERY layer, all text: maThongTinQH (15),
 *   maHoSoQH (15), maDoiTuong (100), tenDoiTuong (100), phanLoai (250), ghiChu (250).
 *
 * `provenance` says, name by name, what is confirmed ('circular': in those transcriptions) and
 * what is PlanDesk's own by analogy ('plandesk': the appendix names no such layer or field; the
 * name follows its pattern). The thematic fields (density, diameters, levels, …) are all
 * PlanDesk's own: the appendix prescribes only the six common fields.
 *
 * The appendix has one database per state (HienTrang = existing, QuyHoach = planned); PlanDesk
 * exports ONE GeoPackage with the QuyHoach layer names and each feature's status in `trangThai`.
 *
 * Pure data: no I/O, no imports outside layers/.
 */
import type { LayerId } from '../types.js';

/** Confirmed in Appendix II (as transcribed) or PlanDesk's own name by analogy. */
export type Provenance = 'circular' | 'plandesk';

/** The geometry suffix of a deliverable layer. */
export type GeometrySuffix = 'A' | 'L' | 'P';

export const SUFFIX_GEOMETRY: Readonly<Record<GeometrySuffix, 'Polygon' | 'LineString' | 'Point'>> = { A: 'Polygon', L: 'LineString', P: 'Point' };

export interface DeliverableLayer {
  /** `<LớpDữLiệu>_<A|L|P>`. */
  readonly name: string;
  /** The Vietnamese name the appendix gives (or PlanDesk's). */
  readonly alias: string;
  /** The group (feature dataset) of the QuyHoach database it belongs to. */
  readonly dataset: string;
  readonly provenance: Provenance;
}

/** The deliverable layers PlanDesk writes, by name. */
export const DELIVERABLE_LAYERS: readonly DeliverableLayer[] = [
  { name: 'ChucNangSuDungDat_A', alias: 'Chức năng sử dụng đất', dataset: 'QuyHoachSuDungDat', provenance: 'circular' },
  { name: 'CongTrinh_A', alias: 'Quy hoạch công trình dạng vùng', dataset: 'QuyHoachKhongGianKienTrucCanhQuan', provenance: 'circular' },
  { name: 'MangLuoiGiaoThongDuongBo_L', alias: 'Mạng lưới giao thông đường bộ dạng đường (tim đường)', dataset: 'QuyHoachGiaoThong', provenance: 'circular' },
  { name: 'ChiGioiDuongDo_L', alias: 'Chỉ giới đường đỏ', dataset: 'QuyHoachCGDD_CGXDHanhLangHTKT', provenance: 'circular' },
  { name: 'ChiGioiXayDung_L', alias: 'Chỉ giới xây dựng', dataset: 'QuyHoachCGDD_CGXDHanhLangHTKT', provenance: 'circular' },
  { name: 'MangLuoiThoatNuocMua_L', alias: 'Mạng lưới thoát nước mưa', dataset: 'QuyHoachChuanBiKyThuat', provenance: 'circular' },
  { name: 'CaoDoCongTNM_P', alias: 'Cao độ cống thoát nước mưa', dataset: 'QuyHoachChuanBiKyThuat', provenance: 'circular' },
  { name: 'MangLuoiThoatNuocThai_L', alias: 'Mạng lưới thoát nước thải', dataset: 'QuyHoachThoatNuocThaiVSMT', provenance: 'circular' },
  { name: 'CaoDoCongThoatTNT_P', alias: 'Cao độ cống thoát nước thải', dataset: 'QuyHoachThoatNuocThaiVSMT', provenance: 'circular' },
  { name: 'MangLuoiCapNuoc_L', alias: 'Mạng lưới cấp nước', dataset: 'QuyHoachCapNuoc', provenance: 'circular' },
  { name: 'CongTrinhCapNuocPCCC_P', alias: 'Công trình cấp nước PCCC dạng điểm', dataset: 'QuyHoachCapNuoc', provenance: 'circular' },
  { name: 'VanCapNuoc_P', alias: 'Van cấp nước', dataset: 'QuyHoachCapNuoc', provenance: 'plandesk' },
  { name: 'DongHoNuoc_P', alias: 'Đồng hồ nước', dataset: 'QuyHoachCapNuoc', provenance: 'plandesk' },
  { name: 'CongTrinhChieuSang_P', alias: 'Công trình chiếu sáng', dataset: 'QuyHoachCapDien', provenance: 'circular' },
  { name: 'CongTrinhCapDien_P', alias: 'Công trình cấp điện dạng điểm', dataset: 'QuyHoachCapDien', provenance: 'circular' },
  // Cadastral parcels belong to the base (NenDiaHinh) database, which the appendix leaves to the land sector's own standard.
  { name: 'ThuaDat_A', alias: 'Thửa đất', dataset: 'NenDiaHinh', provenance: 'plandesk' },
];

export interface CommonField {
  readonly name: string;
  readonly alias: string;
  /** Text width in characters. */
  readonly width: number;
  /** The appendix requires a value in every feature. */
  readonly valueRequired: boolean;
}

/** Part 3 (4): the minimum fields of every layer, all text — confirmed (provenance 'circular'). */
export const COMMON_FIELDS: readonly CommonField[] = [
  { name: 'maThongTinQH', alias: 'Mã thông tin quy hoạch', width: 15, valueRequired: true },
  { name: 'maHoSoQH', alias: 'Mã hồ sơ quy hoạch', width: 15, valueRequired: true },
  { name: 'maDoiTuong', alias: 'Mã đối tượng', width: 100, valueRequired: false },
  { name: 'tenDoiTuong', alias: 'Tên đối tượng', width: 100, valueRequired: false },
  { name: 'phanLoai', alias: 'Phân loại', width: 250, valueRequired: false },
  { name: 'ghiChu', alias: 'Ghi chú', width: 250, valueRequired: false },
];

/** A PlanDesk field written to a thematic field of the deliverable (code lists as their codes). PlanDesk's own names. */
export interface ThematicField {
  /** The PlanDesk field key. */
  readonly from: string;
  /** The deliverable field: lowerCamelCase unaccented Vietnamese, as the appendix's own fields. */
  readonly name: string;
}

/** How one PlanDesk layer becomes deliverable features. */
export interface LayerMapping {
  readonly layer: LayerId;
  /** The deliverable layer; or, split by the code of one field, one per code (`otherwise` for the rest and NULL). */
  readonly to: string | { readonly field: string; readonly byCode: Readonly<Record<string, string>>; readonly otherwise: string };
  /** The PlanDesk field written as tenDoiTuong. */
  readonly tenDoiTuong?: string;
  /** The code-list field whose Vietnamese label is written as phanLoai (the layer's name otherwise). */
  readonly phanLoai?: string;
  /** The PlanDesk field written as ghiChu. */
  readonly ghiChu?: string;
  /** The PlanDesk field holding a per-feature maThongTinQH (wins over the export's). */
  readonly maThongTinQH?: string;
  readonly fields: readonly ThematicField[];
}

const f = (from: string, name: string): ThematicField => ({ from, name });
const STATUS = f('status', 'trangThai');

/**
 * Every PlanDesk layer (layers/index.ts LAYERS) and its deliverable. The choices that are not
 * obvious: combined sewers (`combined`) go with the storm network (thoát nước chung is planned
 * under drainage, chuẩn bị kỹ thuật); manholes go to the "cao độ cống" point layers of their
 * system (they carry the rim and invert levels); lighting cabinets are power-supply structures
 * (CongTrinhCapDien_P); a PlanDesk `code` (e.g. "C-012") becomes tenDoiTuong, since
 * maDoiTuong has its own pattern (gis-core/io/planning-export.ts).
 */
export const LAYER_MAPPINGS: readonly LayerMapping[] = [
  {
    layer: 'zoning',
    to: 'ChucNangSuDungDat_A',
    tenDoiTuong: 'name',
    phanLoai: 'function_code',
    ghiChu: 'note',
    maThongTinQH: 'plan_code',
    fields: [
      f('zone_code', 'kyHieuODat'),
      f('function_code', 'maChucNang'),
      f('land_law_code', 'maLoaiDat'),
      STATUS,
      f('area_m2', 'dienTich'),
      f('max_density_pct', 'matDoXayDungToiDa'),
      f('max_far', 'heSoSuDungDatToiDa'),
      f('min_floors', 'tangCaoToiThieu'),
      f('max_floors', 'tangCaoToiDa'),
      f('max_height_m', 'chieuCaoToiDa'),
      f('setback_m', 'khoangLuiToiThieu'),
    ],
  },
  {
    layer: 'parcels',
    to: 'ThuaDat_A',
    tenDoiTuong: 'address',
    phanLoai: 'land_law_code',
    ghiChu: 'note',
    fields: [f('sheet_no', 'soHieuToBanDo'), f('parcel_no', 'soThuTuThua'), f('ward', 'tenPhuongXa'), f('area_m2', 'dienTich'), f('land_law_code', 'maLoaiDat')],
  },
  {
    layer: 'buildings',
    to: 'CongTrinh_A',
    tenDoiTuong: 'name',
    phanLoai: 'use_code',
    fields: [f('use_code', 'maChucNang'), f('floors', 'soTang'), f('height_m', 'chieuCao'), STATUS, f('address', 'diaChi')],
  },
  {
    layer: 'roads',
    to: 'MangLuoiGiaoThongDuongBo_L',
    tenDoiTuong: 'name',
    phanLoai: 'road_class',
    fields: [
      f('road_class', 'capDuong'),
      f('red_line_width_m', 'loGioi'),
      f('carriageway_width_m', 'beRongMatDuong'),
      f('lanes', 'soLanXe'),
      f('surface', 'ketCauMatDuong'),
      STATUS,
      f('length_m', 'chieuDai'),
    ],
  },
  {
    layer: 'red_lines',
    to: { field: 'line_type', byCode: { red_line: 'ChiGioiDuongDo_L', building_line: 'ChiGioiXayDung_L' }, otherwise: 'ChiGioiDuongDo_L' },
    tenDoiTuong: 'road_name',
    phanLoai: 'line_type',
    maThongTinQH: 'plan_code',
    fields: [f('line_type', 'loaiChiGioi'), f('red_line_width_m', 'loGioi'), STATUS],
  },
  {
    layer: 'drainage_pipes',
    to: { field: 'system', byCode: { storm: 'MangLuoiThoatNuocMua_L', sewer: 'MangLuoiThoatNuocThai_L', combined: 'MangLuoiThoatNuocMua_L' }, otherwise: 'MangLuoiThoatNuocMua_L' },
    tenDoiTuong: 'code',
    phanLoai: 'system',
    fields: [
      f('system', 'heThong'),
      f('diameter_mm', 'duongKinh'),
      f('material', 'vatLieu'),
      f('upstream_invert_m', 'caoDoDayDau'),
      f('downstream_invert_m', 'caoDoDayCuoi'),
      f('length_m', 'chieuDai'),
      f('slope_pct', 'doDoc'),
      f('upstream_manhole', 'hoGaDau'),
      f('downstream_manhole', 'hoGaCuoi'),
      STATUS,
      f('year', 'namXayDung'),
    ],
  },
  {
    layer: 'drainage_manholes',
    to: { field: 'system', byCode: { storm: 'CaoDoCongTNM_P', sewer: 'CaoDoCongThoatTNT_P', combined: 'CaoDoCongTNM_P' }, otherwise: 'CaoDoCongTNM_P' },
    tenDoiTuong: 'code',
    phanLoai: 'kind',
    fields: [f('kind', 'loaiHoGa'), f('system', 'heThong'), f('rim_level_m', 'caoDoNap'), f('invert_level_m', 'caoDoDay'), f('depth_m', 'doSau'), STATUS],
  },
  {
    layer: 'water_mains',
    to: 'MangLuoiCapNuoc_L',
    tenDoiTuong: 'code',
    phanLoai: 'material',
    fields: [f('diameter_mm', 'duongKinh'), f('material', 'vatLieu'), f('pressure_zone', 'vungApLuc'), f('year', 'namXayDung'), f('length_m', 'chieuDai'), STATUS],
  },
  {
    layer: 'water_valves',
    to: 'VanCapNuoc_P',
    tenDoiTuong: 'code',
    phanLoai: 'valve_type',
    fields: [f('valve_type', 'loaiVan'), f('diameter_mm', 'duongKinh'), f('normal_state', 'trangThaiVan'), STATUS],
  },
  {
    layer: 'water_hydrants',
    to: 'CongTrinhCapNuocPCCC_P',
    tenDoiTuong: 'code',
    phanLoai: 'hydrant_type',
    fields: [f('hydrant_type', 'loaiTru'), f('diameter_mm', 'duongKinh'), STATUS],
  },
  {
    layer: 'water_meters',
    to: 'DongHoNuoc_P',
    tenDoiTuong: 'meter_no',
    fields: [f('account_no', 'maKhachHang'), f('diameter_mm', 'duongKinh'), f('address', 'diaChi'), f('install_year', 'namLapDat'), STATUS],
  },
  {
    layer: 'lighting_poles',
    to: 'CongTrinhChieuSang_P',
    tenDoiTuong: 'code',
    phanLoai: 'lamp_type',
    fields: [
      f('lamp_type', 'loaiDen'),
      f('wattage_w', 'congSuat'),
      f('height_m', 'chieuCaoCot'),
      f('cabinet_code', 'tuDien'),
      f('circuit', 'loDien'),
      f('arm_count', 'soCanDen'),
      STATUS,
    ],
  },
  {
    layer: 'lighting_cabinets',
    to: 'CongTrinhCapDien_P',
    tenDoiTuong: 'name',
    fields: [f('code', 'kyHieu'), f('circuit_count', 'soLo'), f('max_circuit_length_m', 'chieuDaiLoToiDa'), f('power_kva', 'congSuat'), STATUS],
  },
];

/** PlanDesk's own extra field on every deliverable layer: the feature's uuid, so a file can be matched back. */
export const UUID_FIELD = 'uuid';

/** The deliverable layers a mapping writes to. */
export function deliverablesOf(mapping: LayerMapping): string[] {
  if (typeof mapping.to === 'string') return [mapping.to];
  return [...new Set([...Object.values(mapping.to.byCode), mapping.to.otherwise])];
}

/** The deliverable layer one feature goes to. */
export function deliverableFor(mapping: LayerMapping, properties: Readonly<Record<string, unknown>>): string {
  if (typeof mapping.to === 'string') return mapping.to;
  const code = properties[mapping.to.field];
  return (typeof code === 'string' ? mapping.to.byCode[code] : undefined) ?? mapping.to.otherwise;
}

export function deliverableLayer(name: string): DeliverableLayer {
  const layer = DELIVERABLE_LAYERS.find((d) => d.name === name);
  if (!layer) throw new Error(`No deliverable layer "${name}" in Circular 16/2025 table`);
  return layer;
}

/** The geometry suffix of a deliverable name (`_A`, `_L`, `_P`). */
export function suffixOf(name: string): GeometrySuffix {
  const suffix = name.slice(-2);
  if (suffix !== '_A' && suffix !== '_L' && suffix !== '_P') throw new Error(`"${name}" has no _A/_L/_P suffix`);
  return suffix[1] as GeometrySuffix;
}
