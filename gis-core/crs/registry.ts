/**
 * The coordinate reference systems PlanDesk knows: every VN-2000 CRS in EPSG, WGS 84 and
 * Web Mercator. Definitions and areas of use are those of PROJ 9.1 proj.db (EPSG dataset),
 * see shared/domain/vn2000-crs.json and DESIGN.md "Coordinate systems".
 */
import type { Label } from '../../layers/types.js';
import { PlanDeskError } from '../errors.js';
import { oldProvincesInZone } from './provinces.js';

export interface CrsDefinition {
  readonly epsg: number;
  /** 'EPSG:5897' */
  readonly code: string;
  /** Official EPSG name, e.g. 'VN-2000 / TM-3 105-45'. */
  readonly name: string;
  readonly label: Label;
  readonly kind: 'geographic' | 'projected';
  readonly datum: 'VN-2000' | 'WGS 84';
  /** proj4 / PROJ string; geographic CRSs are lon/lat order. */
  readonly proj4: string;
  /** TM-3 and UTM only: central meridian in decimal degrees (107.75 = 107°45′). */
  readonly centralMeridian?: number;
  readonly scaleFactor?: number;
  readonly zoneWidth?: 3 | 6;
  readonly units: 'm' | 'degree';
  readonly areaOfUse: {
    readonly description: string;
    /** [west, south, east, north] in degrees. */
    readonly bbox: readonly [number, number, number, number];
  };
  /** Old (pre-2025) provinces that use this zone; empty for other CRSs. */
  readonly provinces: readonly string[];
}

/**
 * VN-2000 → WGS 84, EPSG:6960 (Decision 05/2007/QĐ-BTNMT). EPSG publishes it in the
 * coordinate-frame convention; +towgs84 is position-vector, so the three rotations carry the
 * opposite sign of the published ones. Keeping the published signs is a ~0.5 m error.
 */
export const VN2000_TOWGS84 = '-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278';

const VN2000_ELLPS = `+ellps=WGS84 +towgs84=${VN2000_TOWGS84}`;

type Bbox = readonly [number, number, number, number];

/** 107.75 → '107°45′' */
export function formatMeridian(degrees: number): string {
  const whole = Math.floor(degrees);
  const minutes = Math.round((degrees - whole) * 60);
  return `${whole}°${String(minutes).padStart(2, '0')}′`;
}

function tm3(epsg: number, name: string, centralMeridian: number, description: string, bbox: Bbox): CrsDefinition {
  const meridian = formatMeridian(centralMeridian);
  return {
    epsg,
    code: `EPSG:${epsg}`,
    name,
    label: { vi: `VN-2000 / TM-3 kinh tuyến trục ${meridian}`, en: `VN-2000 / TM-3 central meridian ${meridian}` },
    kind: 'projected',
    datum: 'VN-2000',
    proj4: `+proj=tmerc +lat_0=0 +lon_0=${centralMeridian} +k=0.9999 +x_0=500000 +y_0=0 ${VN2000_ELLPS} +units=m +no_defs +type=crs`,
    centralMeridian,
    scaleFactor: 0.9999,
    zoneWidth: 3,
    units: 'm',
    areaOfUse: { description, bbox },
    provinces: oldProvincesInZone(epsg),
  };
}

function utm(epsg: number, zone: 48 | 49, description: string, bbox: Bbox): CrsDefinition {
  return {
    epsg,
    code: `EPSG:${epsg}`,
    name: `VN-2000 / UTM zone ${zone}N`,
    label: { vi: `VN-2000 / UTM múi ${zone}N`, en: `VN-2000 / UTM zone ${zone}N` },
    kind: 'projected',
    datum: 'VN-2000',
    proj4: `+proj=utm +zone=${zone} ${VN2000_ELLPS} +units=m +no_defs +type=crs`,
    centralMeridian: zone * 6 - 183,
    scaleFactor: 0.9996,
    zoneWidth: 6,
    units: 'm',
    areaOfUse: { description, bbox },
    provinces: [],
  };
}

// Areas of use: EPSG descriptions and bboxes [west, south, east, north] from proj.db.
const CRS_LIST: readonly CrsDefinition[] = [
  {
    epsg: 4756,
    code: 'EPSG:4756',
    name: 'VN-2000',
    label: { vi: 'VN-2000 (tọa độ địa lý)', en: 'VN-2000 (geographic)' },
    kind: 'geographic',
    datum: 'VN-2000',
    proj4: `+proj=longlat ${VN2000_ELLPS} +no_defs +type=crs`,
    units: 'degree',
    areaOfUse: { description: 'Vietnam - onshore.', bbox: [102.14, 8.33, 109.53, 23.4] },
    provinces: [],
  },
  utm(3405, 48, 'Vietnam - onshore west of 108°E.', [102.14, 8.33, 108, 23.4]),
  utm(3406, 49, 'Vietnam - onshore east of 108°E.', [108, 10.43, 109.53, 21.56]),
  tm3(5896, 'VN-2000 / TM-3 zone 481', 102, "Vietnam - onshore west of 103°30'E.", [102.14, 9.2, 103.51, 22.82]),
  tm3(5897, 'VN-2000 / TM-3 zone 482', 105, "Vietnam - between 103°30'E and 106°30'E, onshore.", [103.5, 8.33, 106.51, 23.4]),
  tm3(5898, 'VN-2000 / TM-3 zone 491', 108, "Vietnam - onshore east of 106°30'E.", [106.5, 8.57, 109.53, 22.95]),
  tm3(5899, 'VN-2000 / TM-3 107-45', 107.75, 'Vietnam - Quang Ninh province; Da Nang municipality and Quang Nam province; Ba Ria-Vung Tau, Dong Nai and Lam Dong provinces.', [106.43, 8.57, 108.76, 21.67]),
  tm3(9205, 'VN-2000 / TM-3 103-00', 103, 'Vietnam - Dien Bien and Lai Chau provinces.', [102.14, 20.89, 103.99, 22.82]),
  tm3(9206, 'VN-2000 / TM-3 104-00', 104, 'Vietnam - Son La province.', [103.21, 20.57, 105.03, 22.04]),
  tm3(9207, 'VN-2000 / TM-3 104-30', 104.5, 'Vietnam - Ca Mau and Kien Giang provinces.', [103.4, 8.33, 105.54, 10.55]),
  tm3(9208, 'VN-2000 / TM-3 104-45', 104.75, 'Vietnam - An Giang, Lao Cai, Nghe An, Phu Tho and Yen Bai provinces.', [103.53, 10.18, 105.86, 22.85]),
  tm3(9209, 'VN-2000 / TM-3 105-30', 105.5, 'Vietnam - Bac Ninh, Ha Giang, Ha Tinh, Hai Duong, Hung Yen, Nam Dinh, Soc Trang, Tay Ninh, Thai Binh, Tra Vinh and Vinh Long provinces.', [104.33, 9.19, 106.69, 23.4]),
  tm3(9210, 'VN-2000 / TM-3 105-45', 105.75, 'Vietnam - Hai Phong and Ho Chi Minh cities; Ben Tre, Binh Duong, Cao Bang, Long An and Tien Giang provinces.', [105.26, 9.75, 107.8, 23.12]),
  tm3(9211, 'VN-2000 / TM-3 106-00', 106, 'Vietnam - Hoa Binh, Quang Binh and Tuyen Quang provinces.', [104.83, 16.92, 107.03, 22.7]),
  tm3(9212, 'VN-2000 / TM-3 106-15', 106.25, 'Vietnam - Binh Phuoc and Quang Tri provinces.', [106.41, 11.3, 107.43, 17.22]),
  tm3(9213, 'VN-2000 / TM-3 106-30', 106.5, 'Vietnam - Bac Kan and Thai Nguyen provinces.', [105.43, 21.32, 106.25, 22.75]),
  tm3(9214, 'VN-2000 / TM-3 107-00', 107, 'Vietnam - Bac Giang and Thua Thien-Hue provinces.', [105.88, 15.99, 108.24, 21.63]),
  tm3(9215, 'VN-2000 / TM-3 107-15', 107.25, 'Vietnam - Lang Son province.', [106.09, 21.32, 107.37, 22.47]),
  tm3(9216, 'VN-2000 / TM-3 107-30', 107.5, 'Vietnam - Kon Tum province.', [107.33, 13.92, 108.55, 15.42]),
  tm3(9217, 'VN-2000 / TM-3 108-15', 108.25, 'Vietnam - Binh Dinh, Khanh Hoa and Ninh Thuan provinces.', [108.55, 11.25, 109.53, 14.71]),
  tm3(9218, 'VN-2000 / TM-3 108-30', 108.5, 'Vietnam - Binh Thuan, Dak Lak, Dak Nong, Gia Lai and Phu Yen provinces.', [107.2, 10.43, 109.52, 14.61]),
  {
    epsg: 4326,
    code: 'EPSG:4326',
    name: 'WGS 84',
    label: { vi: 'WGS 84 (kinh độ, vĩ độ)', en: 'WGS 84 (longitude, latitude)' },
    kind: 'geographic',
    datum: 'WGS 84',
    proj4: '+proj=longlat +datum=WGS84 +no_defs +type=crs',
    units: 'degree',
    areaOfUse: { description: 'World.', bbox: [-180, -90, 180, 90] },
    provinces: [],
  },
  {
    epsg: 3857,
    code: 'EPSG:3857',
    name: 'WGS 84 / Pseudo-Mercator',
    label: { vi: 'Web Mercator (bản đồ nền)', en: 'Web Mercator (basemaps)' },
    kind: 'projected',
    datum: 'WGS 84',
    // +nadgrids=@null: the sphere's lon/lat are WGS 84 lon/lat (no datum shift), as in proj.db.
    proj4: '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs +type=crs',
    units: 'm',
    areaOfUse: { description: 'World between 85.06°S and 85.06°N.', bbox: [-180, -85.06, 180, 85.06] },
    provinces: [],
  },
];

const BY_EPSG: ReadonlyMap<number, CrsDefinition> = new Map(CRS_LIST.map((crs) => [crs.epsg, crs]));

function supported(): string {
  return CRS_LIST.map((crs) => crs.code).join(', ');
}

/** Every CRS PlanDesk supports: VN-2000 geographic, UTM, TM-3 zones, then WGS 84 and Web Mercator. */
export function listCrs(): readonly CrsDefinition[] {
  return CRS_LIST;
}

/**
 * EPSG number from '5897', 'EPSG:5897', 'epsg:5897' or 'urn:ogc:def:crs:EPSG::5897'.
 * Only reads the text: the code may still be unsupported (see getCrs).
 */
export function parseCrsCode(text: string): number {
  const match = /^\s*(?:(?:epsg\s*:\s*)|(?:urn:ogc:def:crs:epsg:[\d.]*:))?(\d+)\s*$/i.exec(text);
  if (!match?.[1]) {
    throw new PlanDeskError('UNKNOWN_CRS', `"${text}" is not an EPSG code (write e.g. EPSG:5897); supported: ${supported()}`);
  }
  return Number(match[1]);
}

/** A CRS by EPSG number or code text; throws UNKNOWN_CRS for anything not in the registry. */
export function getCrs(codeOrEpsg: string | number): CrsDefinition {
  const epsg = typeof codeOrEpsg === 'number' ? codeOrEpsg : parseCrsCode(codeOrEpsg);
  const crs = BY_EPSG.get(epsg);
  if (!crs) {
    throw new PlanDeskError('UNKNOWN_CRS', `unsupported CRS EPSG:${epsg}; supported: ${supported()}`);
  }
  return crs;
}

/** True for lon/lat CRSs (4756, 4326). Throws UNKNOWN_CRS for codes not in the registry. */
export function isGeographic(epsg: string | number): boolean {
  return getCrs(epsg).kind === 'geographic';
}
