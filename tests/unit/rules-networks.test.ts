/** Drainage, water and lighting rules, each with a failing and a passing case, run through the rule engine. */
import { describe, expect, it } from 'vitest';
import { feature, flagged, line, point, runRule, type XY } from '../helpers/rule-features.js';

describe('drainage', () => {
  const manhole = (x: number, y: number, rim: number, invert: number) => feature({ code: `HG-${x}`, kind: 'manhole', rim_level_m: rim, invert_level_m: invert }, point(x, y));
  const m1 = manhole(0, 0, 2, 0.5);
  const m2 = manhole(40, 0, 2, 0.4);
  const m3 = manhole(80, 0, 2, 0.3);
  const pipe = (a: typeof m1, b: typeof m1, props: Record<string, unknown>) =>
    feature({ code: 'C', diameter_mm: 600, upstream_manhole: a.uuid, downstream_manhole: b.uuid, ...props }, line(a.geometry.coordinates as XY, b.geometry.coordinates as XY));

  it('PIPE_NEGATIVE_SLOPE: the downstream invert must be below the upstream one', () => {
    const rising = pipe(m1, m2, { upstream_invert_m: 0.4, downstream_invert_m: 0.5 });
    const flat = pipe(m2, m3, { upstream_invert_m: 0.4, downstream_invert_m: 0.4 });
    const falling = pipe(m1, m2, { upstream_invert_m: 0.5, downstream_invert_m: 0.4 });
    const findings = runRule('PIPE_NEGATIVE_SLOPE', { drainage_pipes: [rising, flat, falling], drainage_manholes: [m1, m2, m3] });
    expect(findings.map((f) => f.uuid).sort()).toEqual([rising.uuid, flat.uuid].sort());
    expect(findings.find((f) => f.uuid === rising.uuid)?.details).toMatchObject({ slope_pct: -0.25 });
  });

  it('PIPE_NEGATIVE_SLOPE: reads the manholes’ inverts when the pipe has none', () => {
    const backwards = pipe(m3, m1, {});
    const forwards = pipe(m1, m3, {});
    expect(flagged('PIPE_NEGATIVE_SLOPE', { drainage_pipes: [backwards, forwards], drainage_manholes: [m1, m2, m3] })).toEqual([backwards.uuid]);
  });

  it('PIPE_DIAMETER_DECREASES: a pipe narrower than one flowing into its upstream manhole', () => {
    const inflow = pipe(m1, m2, { diameter_mm: 800, upstream_invert_m: 0.5, downstream_invert_m: 0.4 });
    const narrow = pipe(m2, m3, { diameter_mm: 600, upstream_invert_m: 0.4, downstream_invert_m: 0.3 });
    const findings = runRule('PIPE_DIAMETER_DECREASES', { drainage_pipes: [inflow, narrow], drainage_manholes: [m1, m2, m3] });
    expect(findings.map((f) => f.uuid)).toEqual([narrow.uuid]);
    expect(findings[0]?.details).toMatchObject({ diameter_mm: 600, upstream_diameter_mm: 800 });
    const wide = pipe(m2, m3, { diameter_mm: 800, upstream_invert_m: 0.4, downstream_invert_m: 0.3 });
    expect(flagged('PIPE_DIAMETER_DECREASES', { drainage_pipes: [inflow, wide], drainage_manholes: [m1, m2, m3] })).toEqual([]);
  });

  it('PIPE_DIAMETER_DECREASES: by end points without manhole uuids; a pipe drawn against the flow says nothing', () => {
    const a = feature({ diameter_mm: 800 }, line([0, 0], [40, 0]));
    const b = feature({ diameter_mm: 600 }, line([40, 0], [80, 0]));
    expect(flagged('PIPE_DIAMETER_DECREASES', { drainage_pipes: [a, b] })).toEqual([b.uuid]);
    const reversed = feature({ diameter_mm: 800, upstream_invert_m: 0.3, downstream_invert_m: 0.5 }, line([0, 0], [40, 0]));
    expect(flagged('PIPE_DIAMETER_DECREASES', { drainage_pipes: [reversed, b] })).toEqual([]);
  });

  it('PIPE_DANGLING: each pipe end must be on a manhole', () => {
    const loose = pipe(m1, m2, {});
    const stray = feature({ diameter_mm: 400 }, line([40, 0], [40, 30]));
    const findings = runRule('PIPE_DANGLING', { drainage_pipes: [loose, stray], drainage_manholes: [m1, m2] });
    expect(findings.map((f) => f.uuid)).toEqual([stray.uuid]);
    expect(findings[0]?.details).toEqual({ end: 'end', x: 40, y: 30 });
    expect(findings[0]?.message.vi).toBe('Cuối cống tại (40; 30) không nối vào hố ga nào');
    expect(findings[0]?.severity).toBe('warning');
  });

  it('MANHOLE_INVERT_ABOVE_RIM: the invert must be below the rim', () => {
    const bad = manhole(0, 0, -0.071, 0.179);
    const findings = runRule('MANHOLE_INVERT_ABOVE_RIM', { drainage_manholes: [bad, m1] });
    expect(findings.map((f) => f.uuid)).toEqual([bad.uuid]);
    expect(findings[0]?.message.vi).toBe('Cao độ đáy 0,179 m cao hơn hoặc bằng cao độ nắp -0,071 m');
  });
});

describe('water', () => {
  const main = (...points: XY[]) => feature({ code: 'OCN', diameter_mm: 150 }, line(...points));
  const hydrant = (x: number, y: number) => feature({ code: `TCH-${x}-${y}` }, point(x, y));
  const valve = (x: number, y: number) => feature({ code: 'VAN', valve_type: 'gate' }, point(x, y));
  // A street main cut at a crossing (x = 150), with a cross street's main going north there.
  const west = main([0, 0], [150, 0]);
  const east = main([300, 0], [150, 0]); // drawn the other way round
  const north = main([150, 0], [150, 200]);
  const mains = [west, east, north];

  it('HYDRANT_SPACING: hydrants more than 150 m apart along the street’s main, across the cut, once', () => {
    const a = hydrant(10, 0);
    const b = hydrant(200, 0);
    const findings = runRule('HYDRANT_SPACING', { water_hydrants: [a, b], water_mains: mains });
    expect(findings.map((f) => f.uuid)).toEqual([a.uuid]);
    expect(findings[0]?.details).toMatchObject({ spacing_m: 190, next_uuid: b.uuid });
  });

  it('HYDRANT_SPACING: 110 m apart is fine, and the cross street is not the same main', () => {
    expect(flagged('HYDRANT_SPACING', { water_hydrants: [hydrant(10, 0), hydrant(120, 0), hydrant(230, 0)], water_mains: mains })).toEqual([]);
    // From (10, 0) the walk runs on east, not north: the hydrant 130 m up the cross street is not next.
    expect(flagged('HYDRANT_SPACING', { water_hydrants: [hydrant(10, 0), hydrant(150, 130)], water_mains: mains })).toEqual([]);
  });

  it('MAIN_DANGLING_END: a main end on no main, valve or hydrant', () => {
    const short = main([0, 10], [147, 10]);
    const toValve = main([0, 20], [100, 20]);
    const findings = runRule('MAIN_DANGLING_END', { water_mains: [...mains, short, toValve], water_valves: [valve(0, 0), valve(300, 0), valve(150, 200), valve(0, 20), valve(100, 20)] });
    expect(findings.map((f) => f.uuid)).toEqual([short.uuid, short.uuid]);
    expect(findings.map((f) => f.details)).toEqual([{ end: 'start', x: 0, y: 10 }, { end: 'end', x: 147, y: 10 }]);
  });

  it('VALVE_NOT_ON_MAIN: a valve off every main', () => {
    const off = valve(154.3, 4.3);
    const on = valve(150, 0);
    const findings = runRule('VALVE_NOT_ON_MAIN', { water_valves: [off, on], water_mains: mains });
    expect(findings.map((f) => f.uuid)).toEqual([off.uuid]);
    expect(findings[0]?.details).toMatchObject({ distance_m: 4.3 });
  });
});

describe('lighting', () => {
  const cabinet = feature({ code: 'TCS-001', max_circuit_length_m: 500 }, point(0, 0));
  const pole = (x: number, code: unknown) => feature({ code: `CD-${x}`, cabinet_code: code }, point(x, 0));

  it('POLE_WITHOUT_CABINET: no cabinet code, or a code no cabinet has', () => {
    const none = pole(10, null);
    const unknown = pole(20, 'TCS-999');
    const fed = pole(30, 'TCS-001');
    const findings = runRule('POLE_WITHOUT_CABINET', { lighting_poles: [none, unknown, fed], lighting_cabinets: [cabinet] });
    expect(findings.map((f) => f.uuid).sort()).toEqual([none.uuid, unknown.uuid].sort());
  });

  it('POLE_BEYOND_CABINET_REACH: farther from the cabinet than its circuit reach', () => {
    const far = pole(600, 'TCS-001');
    const near = pole(300, 'TCS-001');
    const findings = runRule('POLE_BEYOND_CABINET_REACH', { lighting_poles: [far, near], lighting_cabinets: [cabinet] });
    expect(findings.map((f) => f.uuid)).toEqual([far.uuid]);
    expect(findings[0]?.message.vi).toBe('Cột đèn cách tủ điện TCS-001 600 m (đường thẳng), vượt bán kính cấp điện 500 m của tủ');
  });
});
