import { describe, expect, it } from 'vitest';
import { isPlanDeskError } from '../../gis-core/errors.js';
import { getCrs, isGeographic, listCrs, parseCrsCode } from '../../gis-core/crs/registry.js';
import { listProvinces, zonesForProvince } from '../../gis-core/crs/provinces.js';
import type { NewProvince, OldProvince } from '../../gis-core/crs/provinces.js';

const TM3 = [5896, 5897, 5898, 5899, ...Array.from({ length: 14 }, (_, i) => 9205 + i)];
const UTM = [3405, 3406];
const ALL = [4756, ...UTM, ...TM3, 4326, 3857];

// EPSG:6960 in position-vector form, exactly as shared/domain/vn2000-crs.json stores it.
const JSON_TOWGS84 = [-191.90441429, -39.30318279, -111.45032835, 0.00928836, -0.01975479, 0.00427372, 0.252906278];

function param(proj4: string, name: string): string | undefined {
  return new RegExp(`\\+${name}=(\\S+)`).exec(proj4)?.[1];
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return isPlanDeskError(error) ? `${error.code}: ${error.message}` : `not a PlanDeskError: ${String(error)}`;
  }
  return 'no error';
}

const oldProvinces = listProvinces().filter((p): p is OldProvince => p.era === 'old');
const newProvinces = listProvinces().filter((p): p is NewProvince => p.era === 'new');

describe('CRS registry', () => {
  it('has every VN-2000 CRS in EPSG plus WGS 84 and Web Mercator, once each', () => {
    expect(listCrs().map((c) => c.epsg).sort()).toEqual([...ALL].sort());
    for (const epsg of ALL) expect(getCrs(epsg).code).toBe(`EPSG:${epsg}`);
  });

  it('describes TM-3 zones as k=0.9999, x_0=500000, 3° wide, lon_0 = central meridian', () => {
    for (const epsg of TM3) {
      const crs = getCrs(epsg);
      expect(crs).toMatchObject({ kind: 'projected', units: 'm', scaleFactor: 0.9999, zoneWidth: 3, datum: 'VN-2000' });
      expect(param(crs.proj4, 'proj')).toBe('tmerc');
      expect(Number(param(crs.proj4, 'lon_0'))).toBe(crs.centralMeridian);
      expect(param(crs.proj4, 'k')).toBe('0.9999');
      expect(param(crs.proj4, 'x_0')).toBe('500000');
      expect(crs.label.vi).toMatch(/^VN-2000 \/ TM-3 kinh tuyến trục \d{3}°\d{2}′$/);
    }
    expect(getCrs(5899).centralMeridian).toBe(107.75);
    expect(getCrs(5899).label.vi).toBe('VN-2000 / TM-3 kinh tuyến trục 107°45′');
    expect(getCrs(9210).centralMeridian).toBe(105.75);
    expect(getCrs(9209).centralMeridian).toBe(105.5);
    expect(getCrs(5897).name).toBe('VN-2000 / TM-3 zone 482');
    expect(getCrs(9218).name).toBe('VN-2000 / TM-3 108-30');
  });

  it('describes UTM 48N/49N as k=0.9996, 6° wide', () => {
    expect(getCrs(3405)).toMatchObject({ centralMeridian: 105, scaleFactor: 0.9996, zoneWidth: 6, name: 'VN-2000 / UTM zone 48N' });
    expect(getCrs(3406)).toMatchObject({ centralMeridian: 111, scaleFactor: 0.9996, zoneWidth: 6, name: 'VN-2000 / UTM zone 49N' });
  });

  it('uses the position-vector +towgs84 of the JSON (rotations +0.00928836,-0.01975479,+0.00427372) in every VN-2000 CRS', () => {
    const vn2000 = listCrs().filter((c) => c.datum === 'VN-2000');
    expect(vn2000).toHaveLength(21);
    for (const crs of vn2000) {
      expect(param(crs.proj4, 'ellps')).toBe('WGS84');
      expect(param(crs.proj4, 'towgs84')?.split(',').map(Number), crs.code).toEqual(JSON_TOWGS84);
    }
    expect(getCrs(4756).proj4).toBe(`+proj=longlat +ellps=WGS84 +towgs84=${JSON_TOWGS84.join(',')} +no_defs +type=crs`);
    for (const crs of listCrs().filter((c) => c.datum === 'WGS 84')) expect(crs.proj4).not.toContain('towgs84');
  });

  it('has a lon/lat area of use inside Vietnam for every VN-2000 CRS', () => {
    for (const crs of listCrs().filter((c) => c.datum === 'VN-2000')) {
      const [west, south, east, north] = crs.areaOfUse.bbox;
      expect(west).toBeGreaterThanOrEqual(102.14);
      expect(east).toBeLessThanOrEqual(109.53);
      expect(south).toBeGreaterThanOrEqual(8.33);
      expect(north).toBeLessThanOrEqual(23.4);
      expect(west).toBeLessThan(east);
      expect(south).toBeLessThan(north);
    }
  });

  it('accepts 5897, "5897", "EPSG:5897", "epsg:5897" and round-trips every code', () => {
    for (const input of [5897, '5897', 'EPSG:5897', 'epsg:5897', ' EPSG:5897 ', 'urn:ogc:def:crs:EPSG::5897']) {
      expect(getCrs(input).epsg).toBe(5897);
    }
    for (const crs of listCrs()) {
      expect(getCrs(crs.code)).toBe(crs);
      expect(getCrs(crs.code.toLowerCase())).toBe(crs);
      expect(getCrs(String(crs.epsg))).toBe(crs);
      expect(parseCrsCode(crs.code)).toBe(crs.epsg);
    }
  });

  it('throws UNKNOWN_CRS naming the code and listing the supported ones', () => {
    expect(codeOf(() => getCrs(32648))).toMatch(/^UNKNOWN_CRS: .*EPSG:32648.*EPSG:5897/);
    expect(codeOf(() => getCrs('EPSG:2000'))).toMatch(/^UNKNOWN_CRS: .*EPSG:2000.*EPSG:9218/);
    expect(codeOf(() => getCrs('VN2000'))).toMatch(/^UNKNOWN_CRS: .*"VN2000".*EPSG:4756/);
    expect(codeOf(() => getCrs(''))).toMatch(/^UNKNOWN_CRS/);
    expect(codeOf(() => getCrs(5897.5))).toMatch(/^UNKNOWN_CRS/);
    expect(codeOf(() => getCrs(32648))).not.toContain('\n');
  });

  it('tells geographic from projected', () => {
    expect(isGeographic(4756)).toBe(true);
    expect(isGeographic('EPSG:4326')).toBe(true);
    expect(isGeographic(5897)).toBe(false);
    expect(isGeographic(3857)).toBe(false);
    expect(codeOf(() => isGeographic(1))).toMatch(/^UNKNOWN_CRS/);
  });
});

describe('provinces and zones', () => {
  it('lists 63 old provinces, each in exactly one TM-3 zone, all 63 covered by the registry', () => {
    expect(oldProvinces).toHaveLength(63);
    expect(new Set(oldProvinces.map((p) => p.name)).size).toBe(63);
    const inRegistry = listCrs().flatMap((c) => c.provinces.map((name) => ({ name, epsg: c.epsg })));
    expect(inRegistry.map((p) => p.name).sort()).toEqual(oldProvinces.map((p) => p.name).sort());
    for (const p of oldProvinces) {
      expect(TM3).toContain(p.zone);
      expect(inRegistry.filter((r) => r.name === p.name).map((r) => r.epsg)).toEqual([p.zone]);
    }
    expect(oldProvinces.map((p) => p.name)).not.toContain('Hà Tây');
  });

  it('puts the provinces named by DESIGN.md in the right zones', () => {
    const zone = (name: string): number | undefined => oldProvinces.find((p) => p.name === name)?.zone;
    for (const name of ['Hà Nội', 'Cần Thơ', 'Đồng Tháp', 'Hậu Giang', 'Bạc Liêu']) expect(zone(name), name).toBe(5897);
    expect(zone('Bình Thuận')).toBe(9218);
    expect(zone('TP. Hồ Chí Minh')).toBe(9210);
    expect(zone('Sóc Trăng')).toBe(9209);
    expect(zone('Thừa Thiên Huế')).toBe(9214);
    expect(zone('Quảng Ngãi')).toBe(5898);
  });

  it('lists the 34 provinces of 2025, formed from the 63 old ones exactly once', () => {
    expect(newProvinces).toHaveLength(34);
    const parts = newProvinces.flatMap((p) => p.formedFrom);
    expect(parts.sort()).toEqual(oldProvinces.map((p) => p.name).sort());
    for (const old of oldProvinces) {
      expect(newProvinces.find((p) => p.formedFrom.includes(old.name))?.name, old.name).toBe(old.mergedInto);
    }
    expect(oldProvinces.find((p) => p.name === 'Thừa Thiên Huế')?.mergedInto).toBe('Huế');
  });

  it('returns every old zone of a merged province, with the old provinces by name', () => {
    expect(zonesForProvince('Cần Thơ')).toEqual([
      { epsg: 5897, code: 'EPSG:5897', oldProvinces: ['Cần Thơ', 'Hậu Giang'] },
      { epsg: 9209, code: 'EPSG:9209', oldProvinces: ['Sóc Trăng'] },
    ]);
    expect(zonesForProvince('Lâm Đồng')).toEqual([
      { epsg: 5899, code: 'EPSG:5899', oldProvinces: ['Lâm Đồng'] },
      { epsg: 9218, code: 'EPSG:9218', oldProvinces: ['Đắk Nông', 'Bình Thuận'] },
    ]);
    expect(zonesForProvince('Đồng Tháp').map((z) => z.epsg)).toEqual([5897, 9210]);
    expect(zonesForProvince('Hà Nội').map((z) => z.epsg)).toEqual([5897]);
  });

  it('reads old and new names regardless of accents, case and spacing', () => {
    const epsgs = (name: string, era?: 'old' | 'new'): number[] => zonesForProvince(name, era ? { era } : {}).map((z) => z.epsg);
    expect(epsgs('dong thap')).toEqual([5897, 9210]);
    expect(epsgs('  ĐỒNG   THÁP ')).toEqual([5897, 9210]);
    for (const hcm of ['TP.HCM', 'Ho Chi Minh', 'TP. Hồ Chí Minh', 'Thành phố Hồ Chí Minh', 'ho chi minh city', 'tphcm']) {
      expect(epsgs(hcm), hcm).toEqual([9210, 5899]);
    }
    expect(epsgs('Cần Thơ', 'old')).toEqual([5897]);
    expect(epsgs('soc trang')).toEqual([9209]);
    expect(epsgs('Hoà Bình')).toEqual([9211]);
    expect(epsgs('Bà Rịa - Vũng Tàu')).toEqual([5899]);
    expect(epsgs('Thua Thien-Hue')).toEqual([9214]);
    expect(epsgs('Huế')).toEqual([9214]);
    expect(epsgs('tỉnh Đắk Lắk')).toEqual([9218]);
    expect(epsgs('Ha Tay')).toEqual([5897]);
    expect(zonesForProvince('Hà Tây')[0]?.oldProvinces).toEqual(['Hà Nội']);
  });

  it('rejects unknown names with INVALID_ARGUMENT naming the input', () => {
    expect(codeOf(() => zonesForProvince('Atlantis'))).toMatch(/^INVALID_ARGUMENT: .*"Atlantis"/);
    expect(codeOf(() => zonesForProvince('Huế', { era: 'old' }))).toMatch(/^INVALID_ARGUMENT: .*"Huế"/);
    expect(codeOf(() => zonesForProvince('Sóc Trăng', { era: 'new' }))).toMatch(/^INVALID_ARGUMENT/);
    expect(codeOf(() => zonesForProvince(''))).toMatch(/^INVALID_ARGUMENT/);
  });
});
