/**
 * Where the demo district sits. Cao Lãnh city centre, 10.46°N 105.63°E, is in VN-2000 /
 * TM-3 105°00′ (EPSG:5897, towgs84 of Decision 05/2007 in position-vector form) at
 * x = 568 771.987, y = 1 156 799.891 (proj4; a test checks it against the CRS registry).
 * The district is centred on that point rounded to the metre.
 */
export const DEMO_CRS_EPSG = 5897;

export const CAO_LANH_CENTRE = { lon: 105.63, lat: 10.46, x: 568772, y: 1156800 } as const;

export const DEMO_PROJECT_NAME = 'Khu đô thị mẫu – TP. Cao Lãnh';
export const DEMO_PROVINCE = 'Đồng Tháp';

/** Planning code (maThongTinQH) of the zoning plan the demo's zones and red lines belong to. */
export const DEMO_PLAN_CODE = 'QHPK-TPCL-2021';
export const DEMO_DETAIL_PLAN_CODE = 'QHCT-TPCL-2024';
