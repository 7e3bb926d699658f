/** Zoning rules, each with a failing and a passing case, run through the rule engine. */
import { describe, expect, it } from 'vitest';
import { feature, flagged, line, polygon, rect, runRule } from '../helpers/rule-features.js';

const controls = { max_far: 2, max_floors: 4, max_height_m: 14.4, setback_m: 0, min_floors: 1 };
const zone = (props: Record<string, unknown>, geometry = rect(0, 0, 100, 50)) =>
  feature({ zone_code: 'OHT-01', function_code: 'OHT', land_law_code: 'ODT', status: 'existing', max_density_pct: 70, ...controls, ...props }, geometry);
const parcel = (x0: number, y0: number, x1: number, y1: number) => feature({ sheet_no: 1, parcel_no: Math.round(x0 * 10 + y0) }, rect(x0, y0, x1, y1));
const redLine = (width: number, ...points: [number, number][]) => feature({ line_type: 'red_line', road_name: 'Lê Lợi', red_line_width_m: width }, line(...points));

describe('ZONING_DENSITY_MAX', () => {
  // Lots of 200 m² (10 × 20): Table 2.8 allows 70 %.
  const lots = [parcel(0, 0, 10, 20), parcel(10, 0, 20, 20), parcel(60, 60, 80, 80)];

  it('holds housing to Table 2.8 at the zone’s largest lot (parcels outside the zone do not count)', () => {
    const ok = zone({ max_density_pct: 70 });
    const high = zone({ max_density_pct: 75 });
    expect(flagged('ZONING_DENSITY_MAX', { zoning: [ok], parcels: lots })).toEqual([]);
    const findings = runRule('ZONING_DENSITY_MAX', { zoning: [high], parcels: lots });
    expect(findings.map((f) => f.uuid)).toEqual([high.uuid]);
    expect(findings[0]?.severity).toBe('error');
    expect(findings[0]?.details).toMatchObject({ max_density_pct: 75, allowed_pct: 70, lot_m2: 200 });
    expect(findings[0]?.message.vi).toBe('Mật độ xây dựng 75 % vượt tối đa 70 % (QCVN 01:2021, Bảng 2.8, lô lớn nhất 200 m²)');
    expect(findings[0]?.message.en).toContain('Table 2.8');
  });

  it('interpolates: a 250 m² lot allows 65 %', () => {
    const z = zone({ max_density_pct: 66 });
    expect(flagged('ZONING_DENSITY_MAX', { zoning: [z], parcels: [parcel(0, 0, 10, 25)] })).toEqual([z.uuid]);
    expect(flagged('ZONING_DENSITY_MAX', { zoning: [zone({ max_density_pct: 65 })], parcels: [parcel(0, 0, 10, 25)] })).toEqual([]);
  });

  it('holds mixed use to Table 2.10 by height and lot (the zone itself without parcels)', () => {
    // 21.6 m → the "22 m" row; a 10 000 m² zone → 62 %.
    const hh = (pct: number) => zone({ function_code: 'HH', max_density_pct: pct, max_height_m: 21.6 }, rect(0, 0, 100, 100));
    const high = hh(63);
    expect(flagged('ZONING_DENSITY_MAX', { zoning: [high] })).toEqual([high.uuid]);
    expect(flagged('ZONING_DENSITY_MAX', { zoning: [hh(62)] })).toEqual([]);
  });

  it('holds new public-service zones to 40 % and parks to 5 %', () => {
    const school = zone({ function_code: 'GD', status: 'planned', max_density_pct: 45 });
    const existingSchool = zone({ function_code: 'GD', status: 'existing', max_density_pct: 45 });
    const park = zone({ function_code: 'CX', max_density_pct: 6 });
    const okPark = zone({ function_code: 'CX', max_density_pct: 5 });
    expect(flagged('ZONING_DENSITY_MAX', { zoning: [school, existingSchool, park, okPark] })).toEqual([school.uuid, park.uuid].sort());
  });
});

describe('ZONING_FAR_MAX', () => {
  it('refuses a housing FAR above 7 and any FAR above 13', () => {
    const high = zone({ max_far: 8.5, max_density_pct: 90, max_floors: 10 });
    const tower = zone({ function_code: 'HH', max_far: 14, max_density_pct: 60, max_floors: 30 });
    const ok = zone({ max_far: 2.8, max_density_pct: 70, max_floors: 4 });
    expect(flagged('ZONING_FAR_MAX', { zoning: [high, tower, ok] })).toEqual([high.uuid, tower.uuid].sort());
  });

  it('refuses a FAR more than density × floors allow (0.05 for rounding)', () => {
    const over = zone({ max_far: 3, max_density_pct: 70, max_floors: 4 });
    const rounded = zone({ max_far: 2.85, max_density_pct: 70, max_floors: 4 });
    const findings = runRule('ZONING_FAR_MAX', { zoning: [over, rounded] });
    expect(findings.map((f) => f.uuid)).toEqual([over.uuid]);
    expect(findings[0]?.details).toMatchObject({ max_far: 3, allowed_far: 2.8 });
  });
});

describe('SETBACK_TOO_SMALL', () => {
  // 21.6 m buildings: on a street under 19 m Table 2.7 asks 3 m, on a 19–22 m street nothing.
  const tall = (setback: number) => zone({ function_code: 'YT', max_height_m: 21.6, max_floors: 6, setback_m: setback, max_density_pct: 40 });

  it('asks Table 2.7’s setback for the narrowest street along the zone', () => {
    const bad = tall(0);
    const good = tall(3);
    const street = redLine(16, [0, 0], [100, 0]);
    const findings = runRule('SETBACK_TOO_SMALL', { zoning: [bad, good], red_lines: [street] });
    expect(findings.map((f) => f.uuid)).toEqual([bad.uuid]);
    expect(findings[0]?.details).toMatchObject({ setback_m: 0, required_m: 3, road_width_m: 16 });
  });

  it('counts alleys inside the zone, not the red line across the street', () => {
    const z = tall(0);
    const wide = redLine(20, [0, 0], [100, 0]);
    const farSide = redLine(16, [0, -20], [100, -20]);
    expect(flagged('SETBACK_TOO_SMALL', { zoning: [z], red_lines: [wide, farSide] })).toEqual([]);
    const alley = redLine(6, [40, 0], [40, 30]);
    expect(flagged('SETBACK_TOO_SMALL', { zoning: [z], red_lines: [wide, farSide, alley] })).toEqual([z.uuid]);
  });
});

describe('ZONE_OVERLAP', () => {
  it('reports two zones sharing ground once, on the newer one, with the area', () => {
    const older = zone({ zone_code: 'OHT-01' }, rect(0, 0, 100, 50));
    const newer = zone({ zone_code: 'OHT-02' }, rect(0, 46, 100, 100));
    const findings = runRule('ZONE_OVERLAP', { zoning: [older, newer] });
    expect(findings.map((f) => f.uuid)).toEqual([newer.uuid]);
    expect(findings[0]?.details).toMatchObject({ overlap_m2: 400, other_uuid: older.uuid, other_zone: 'OHT-01' });
  });

  it('says nothing of zones that only touch, even with millimetre rounding', () => {
    const a = zone({}, rect(0, 0, 100, 50));
    const b = zone({}, polygon([[0, 50.0004], [50, 49.9996], [100, 50], [100, 100], [0, 100]]));
    expect(flagged('ZONE_OVERLAP', { zoning: [a, b] })).toEqual([]);
  });
});

describe('ZONE_GAP', () => {
  it('warns of a sliver narrower than 1 m between two zones, once', () => {
    const a = zone({}, rect(0, 0, 100, 50));
    const b = zone({}, rect(0, 50.4, 100, 100));
    const findings = runRule('ZONE_GAP', { zoning: [a, b] });
    expect(findings.map((f) => f.uuid)).toEqual([b.uuid]);
    expect(findings[0]?.severity).toBe('warning');
    expect(findings[0]?.details).toMatchObject({ gap_m: 0.4, other_uuid: a.uuid });
  });

  it('says nothing of touching zones or zones a street apart', () => {
    const a = zone({}, rect(0, 0, 100, 50));
    const touching = zone({}, rect(0, 50, 100, 100));
    const acrossStreet = zone({}, rect(0, -56, 100, -6));
    expect(flagged('ZONE_GAP', { zoning: [a, touching, acrossStreet] })).toEqual([]);
  });
});

describe('ZONING_INDICATORS_MISSING', () => {
  it('asks every zone with building controls for density, FAR, floors, height and setback', () => {
    const partial = zone({ max_far: null, setback_m: undefined });
    const water = feature({ zone_code: 'MN-01', function_code: 'MN', land_law_code: 'SON' }, rect(0, 0, 10, 10));
    const complete = zone({});
    const findings = runRule('ZONING_INDICATORS_MISSING', { zoning: [partial, water, complete] });
    expect(findings.map((f) => f.uuid)).toEqual([partial.uuid]);
    expect(findings[0]?.details).toEqual({ missing: 'max_far,setback_m' });
    expect(findings[0]?.message.vi).toBe('Thiếu chỉ tiêu: hệ số sử dụng đất tối đa, khoảng lùi');
  });
});

describe('ZONE_CROSSES_RED_LINE', () => {
  it('reports a zone whose boundary crosses a red line, not one ending at it or holding an alley', () => {
    const crossed = zone({}, rect(0, 0, 100, 50));
    const through = redLine(16, [-10, 30], [110, 30]);
    expect(flagged('ZONE_CROSSES_RED_LINE', { zoning: [crossed], red_lines: [through] })).toEqual([crossed.uuid]);
    const along = redLine(16, [0, 0], [100, 0]);
    const alley = redLine(6, [40, 0], [40, 30]);
    expect(flagged('ZONE_CROSSES_RED_LINE', { zoning: [crossed], red_lines: [along, alley] })).toEqual([]);
  });

  it('leaves water zones to bridges', () => {
    const canal = feature({ zone_code: 'MN-02', function_code: 'MN', land_law_code: 'MNC' }, rect(0, 0, 20, 200));
    expect(flagged('ZONE_CROSSES_RED_LINE', { zoning: [canal], red_lines: [redLine(16, [-10, 100], [30, 100])] })).toEqual([]);
  });
});
