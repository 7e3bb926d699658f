/** Parcel and building rules, each with a failing and a passing case, run through the rule engine. */
import { describe, expect, it } from 'vitest';
import { feature, flagged, line, polygon, rect, runRule } from '../helpers/rule-features.js';

const parcel = (sheet: number, no: number, geometry = rect(0, 0, 10, 20), props: Record<string, unknown> = {}) => feature({ sheet_no: sheet, parcel_no: no, ...props }, geometry);
const building = (geometry: ReturnType<typeof rect>, props: Record<string, unknown> = {}) => feature({ use_code: 'detached_house', floors: 3, height_m: 10.8, ...props }, geometry);
const zone = (props: Record<string, unknown> = {}, geometry = rect(0, 0, 100, 50)) =>
  feature({ zone_code: 'OHT-01', function_code: 'OHT', max_density_pct: 70, max_far: 2.8, max_floors: 4, max_height_m: 14.4, setback_m: 0, ...props }, geometry);
const redLine = (...points: [number, number][]) => feature({ line_type: 'red_line', road_name: 'Nguyễn Huệ', red_line_width_m: 16 }, line(...points));

describe('PARCEL_NO_DUPLICATE', () => {
  it('reports a number repeated on the same sheet, on the newer parcel; other sheets may repeat it', () => {
    const first = parcel(3, 12, rect(0, 0, 10, 20));
    const copy = parcel(3, 12, rect(10, 0, 20, 20));
    const otherSheet = parcel(4, 12, rect(20, 0, 30, 20));
    const findings = runRule('PARCEL_NO_DUPLICATE', { parcels: [first, copy, otherSheet] });
    expect(findings.map((f) => f.uuid)).toEqual([copy.uuid]);
    expect(findings[0]?.details).toMatchObject({ other_uuid: first.uuid });
    expect(findings[0]?.message.vi).toBe('Số thửa 12 đã có trên tờ bản đồ số 3');
  });

  it('matches numbers stored as text', () => {
    const a = parcel(3, 12);
    const b = feature({ sheet_no: '3', parcel_no: '12' }, rect(10, 0, 20, 20));
    expect(flagged('PARCEL_NO_DUPLICATE', { parcels: [a, b] })).toEqual([b.uuid]);
    expect(flagged('PARCEL_NO_DUPLICATE', { parcels: [a, parcel(3, 13, rect(10, 0, 20, 20))] })).toEqual([]);
  });
});

describe('PARCEL_AREA_MISMATCH', () => {
  it('warns when the recorded area is 2 % (1 m²) off the polygon, not for an invalid outline', () => {
    const wrong = parcel(1, 1, rect(0, 0, 10, 20), { area_m2: 236 });
    const close = parcel(1, 2, rect(10, 0, 20, 20), { area_m2: 203.5 });
    const bowtie = parcel(1, 3, polygon([[20, 0], [30, 20], [30, 0], [20, 20]]), { area_m2: 236 });
    const findings = runRule('PARCEL_AREA_MISMATCH', { parcels: [wrong, close, bowtie] });
    expect(findings.map((f) => f.uuid)).toEqual([wrong.uuid]);
    expect(findings[0]?.severity).toBe('warning');
    expect(findings[0]?.details).toMatchObject({ area_m2: 236, polygon_m2: 200, difference_pct: 18 });
  });
});

describe('BUILDING_CROSSES_RED_LINE', () => {
  it('reports a building reaching across the red line, not one built on it', () => {
    const jutting = building(rect(10, -1.5, 15, 10));
    const onLine = building(rect(20, 0, 25, 10));
    const findings = runRule('BUILDING_CROSSES_RED_LINE', { buildings: [jutting, onLine], red_lines: [redLine([0, 0], [100, 0])] });
    expect(findings.map((f) => f.uuid)).toEqual([jutting.uuid]);
    expect(findings[0]?.message.vi).toBe('Công trình lấn qua chỉ giới đường đỏ đường Nguyễn Huệ');
  });

  it('ignores building lines', () => {
    const b = building(rect(10, 1, 15, 10));
    const buildingLine = feature({ line_type: 'building_line', road_name: 'Nguyễn Huệ' }, line([0, 3], [100, 3]));
    expect(flagged('BUILDING_CROSSES_RED_LINE', { buildings: [b], red_lines: [buildingLine] })).toEqual([]);
  });
});

describe('BUILDING_OUTSIDE_PARCEL', () => {
  const lot = parcel(1, 1, rect(0, 0, 10, 20));

  it('reports a building reaching beyond its parcel, with how far', () => {
    const out = building(rect(1, -1.5, 9, 10));
    const inside = building(rect(1, 0, 9, 10));
    const findings = runRule('BUILDING_OUTSIDE_PARCEL', { buildings: [out, inside], parcels: [lot] });
    expect(findings.map((f) => f.uuid)).toEqual([out.uuid]);
    expect(findings[0]?.details).toMatchObject({ beyond_m: 1.5, parcel_uuid: lot.uuid });
  });

  it('reports a building on no parcel where there are parcels, not where there is no cadastre or an invalid parcel', () => {
    const between = building(rect(10.5, 0, 12, 5));
    const neighbour = parcel(1, 2, rect(12.2, 0, 20, 20));
    const far = building(rect(500, 500, 510, 510));
    expect(flagged('BUILDING_OUTSIDE_PARCEL', { buildings: [between, far], parcels: [lot, neighbour] })).toEqual([between.uuid]);
    const bowtie = parcel(1, 3, polygon([[30, 0], [40, 20], [40, 0], [30, 20]]));
    const onBowtie = building(rect(31, 1, 39, 3));
    expect(flagged('BUILDING_OUTSIDE_PARCEL', { buildings: [onBowtie], parcels: [bowtie] })).toEqual([]);
  });
});

describe('BUILDING_COVERAGE_MAX', () => {
  // A 200 m² lot in a 70 % housing zone (Table 2.8 at 200 m² is 70 % too).
  const lot = parcel(1, 1, rect(0, 0, 10, 20));

  it('reports buildings covering more of their parcel than allowed, once, on the largest', () => {
    const big = building(rect(0, 0, 10, 12));
    const shed = building(rect(0, 15, 10, 18));
    const findings = runRule('BUILDING_COVERAGE_MAX', { buildings: [shed, big], parcels: [lot], zoning: [zone()] });
    expect(findings.map((f) => f.uuid)).toEqual([big.uuid]);
    expect(findings[0]?.details).toMatchObject({ coverage_pct: 75, allowed_pct: 70, lot_m2: 200, buildings: 2 });
    expect(flagged('BUILDING_COVERAGE_MAX', { buildings: [building(rect(0, 0, 10, 13))], parcels: [lot], zoning: [zone()] })).toEqual([]);
  });

  it('holds a housing lot to Table 2.8 for its own area even when the zone allows more', () => {
    const bigLot = parcel(1, 2, rect(0, 0, 20, 25)); // 500 m²: 50 %
    const b = building(rect(0, 0, 20, 14)); // 56 %
    expect(flagged('BUILDING_COVERAGE_MAX', { buildings: [b], parcels: [bigLot], zoning: [zone({ max_density_pct: 80 })] })).toEqual([b.uuid]);
    const park = zone({ function_code: 'CX', max_density_pct: 80 });
    expect(flagged('BUILDING_COVERAGE_MAX', { buildings: [b], parcels: [bigLot], zoning: [park] })).toEqual([]);
  });
});

describe('BUILDING_FLOORS_MAX', () => {
  it('reports more floors, or more height, than the zone allows', () => {
    const lot = parcel(1, 1, rect(0, 0, 10, 20));
    const lot2 = parcel(1, 2, rect(10, 0, 20, 20));
    const lot3 = parcel(1, 3, rect(20, 0, 30, 20));
    const tooMany = building(rect(1, 1, 9, 10), { floors: 6, height_m: 21.6 });
    const tooHigh = building(rect(11, 1, 19, 10), { floors: 4, height_m: 15 });
    const ok = building(rect(21, 1, 29, 10), { floors: 4, height_m: 14.4 });
    const findings = runRule('BUILDING_FLOORS_MAX', { buildings: [tooMany, tooHigh, ok], parcels: [lot, lot2, lot3], zoning: [zone()] });
    expect(findings.map((f) => f.uuid).sort()).toEqual([tooMany.uuid, tooHigh.uuid].sort());
    expect(findings.find((f) => f.uuid === tooMany.uuid)?.message.vi).toBe('Công trình 6 tầng, vượt tầng cao tối đa 4 tầng của ô đất OHT-01');
  });

  it('finds the zone without a parcel, and holds to the most permissive of overlapping zones', () => {
    const b = building(rect(1, 1, 9, 10), { floors: 5, height_m: 18 });
    expect(flagged('BUILDING_FLOORS_MAX', { buildings: [b], zoning: [zone()] })).toEqual([b.uuid]);
    expect(flagged('BUILDING_FLOORS_MAX', { buildings: [b], zoning: [zone(), zone({ max_floors: 5, max_height_m: 18 })] })).toEqual([]);
  });
});

describe('BUILDING_SETBACK_TOO_SMALL', () => {
  it('reports a building nearer the red line than the zone’s setback', () => {
    const z = zone({ setback_m: 3 });
    const front = redLine([0, 0], [100, 0]);
    const near = building(rect(10, 2, 15, 10));
    const behind = building(rect(20, 3, 25, 10));
    const findings = runRule('BUILDING_SETBACK_TOO_SMALL', { buildings: [near, behind], zoning: [z], red_lines: [front] });
    expect(findings.map((f) => f.uuid)).toEqual([near.uuid]);
    expect(findings[0]?.details).toMatchObject({ distance_m: 2, setback_m: 3 });
  });

  it('says nothing where the zone has no setback', () => {
    const b = building(rect(10, 0, 15, 10));
    expect(flagged('BUILDING_SETBACK_TOO_SMALL', { buildings: [b], zoning: [zone()], red_lines: [redLine([0, 0], [100, 0])] })).toEqual([]);
  });
});
