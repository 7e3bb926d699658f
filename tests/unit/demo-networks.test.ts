import { describe, expect, it } from 'vitest';
import { GridIndex } from '../../gis-core/validate/spatial-index.js';
import { bboxOf, distanceToLine } from '../../layers/rules/planar.js';
import { featureUuid } from '../../gis-core/demo/ids.js';
import { distance } from '../../gis-core/demo/geometry.js';
import type { NewFeature } from '../../gis-core/store/types.js';
import { demoDatasets, pointOf, lineOf, ringOf } from '../helpers/demo-datasets.js';
import type { XY } from '../helpers/demo-datasets.js';


for (const { options, demo, planted } of demoDatasets()) {
  const ctx = demo.context;
  const n = (f: NewFeature, key: string) => f.properties[key] as number;

  const manholes = [...demo.layers.drainage_manholes()];
  const pipes = [...demo.layers.drainage_pipes()];
  const mains = [...demo.layers.water_mains()];
  const valves = [...demo.layers.water_valves()];
  const hydrants = [...demo.layers.water_hydrants()];
  const poles = [...demo.layers.lighting_poles()];
  const cabinets = [...demo.layers.lighting_cabinets()];
  const water = [...demo.layers.zoning()].filter((z) => z.properties.function_code === 'MN');
  const byUuid = new Map(manholes.map((m) => [m.uuid as string, m]));

  describe(`demo drainage (seed ${options.seed})`, () => {
    const reversed = planted('PIPE_NEGATIVE_SLOPE');
    const shrunk = planted('PIPE_DIAMETER_DECREASES');
    const badManhole = planted('MANHOLE_INVERT_ABOVE_RIM');

    it('joins every pipe to the manholes it names, end to end', () => {
      const used = new Set<string>();
      for (const p of pipes) {
        const up = byUuid.get(p.properties.upstream_manhole as string);
        const down = byUuid.get(p.properties.downstream_manhole as string);
        expect(up && down, p.properties.code as string).toBeTruthy();
        const [a, b] = lineOf(p) as [XY, XY];
        expect(a).toEqual(pointOf(up as NewFeature));
        expect(b).toEqual(pointOf(down as NewFeature));
        expect(n(p, 'upstream_invert_m')).toBe(n(up as NewFeature, 'invert_level_m'));
        expect(n(p, 'downstream_invert_m')).toBe(n(down as NewFeature, 'invert_level_m'));
        expect(Math.abs(n(p, 'length_m') - distance(a, b))).toBeLessThan(0.006);
        used.add(up?.uuid as string).add(down?.uuid as string);
      }
      expect(used.size).toBe(manholes.length);
    });

    it('lets valid pipes fall downstream at 0.1 % or more; the planted one rises', () => {
      for (const p of pipes) {
        const fall = n(p, 'upstream_invert_m') - n(p, 'downstream_invert_m');
        expect(n(p, 'slope_pct')).toBeCloseTo((fall / n(p, 'length_m')) * 100, 2);
        if (reversed.has(p.uuid as string)) expect(n(p, 'slope_pct')).toBeLessThan(0);
        else expect(n(p, 'slope_pct'), p.properties.code as string).toBeGreaterThanOrEqual(0.1);
        expect(n(p, 'diameter_mm')).toBeGreaterThanOrEqual(400);
        expect(n(p, 'diameter_mm')).toBeLessThanOrEqual(1500);
      }
      expect(reversed.size).toBeGreaterThan(0);
    });

    it('forms trees: one outflow per manhole, every path ends at an outfall, pipes never narrow downstream', () => {
      const valid = pipes.filter((p) => !reversed.has(p.uuid as string));
      const outflow = new Map<string, NewFeature>();
      const inflow = new Map<string, NewFeature[]>();
      for (const p of valid) {
        const up = p.properties.upstream_manhole as string;
        expect(outflow.has(up), `two outflows from ${byUuid.get(up)?.properties.code}`).toBe(false);
        outflow.set(up, p);
        inflow.set(p.properties.downstream_manhole as string, [...(inflow.get(p.properties.downstream_manhole as string) ?? []), p]);
      }
      for (const m of manholes) {
        if (m.properties.kind === 'outfall') {
          expect(outflow.has(m.uuid as string)).toBe(false);
          continue;
        }
        let at = m.uuid as string;
        for (let steps = 0; ; steps++) {
          expect(steps).toBeLessThan(500);
          const next = outflow.get(at);
          if (!next) break;
          at = next.properties.downstream_manhole as string;
        }
        // A walk stops at an outfall, or at the planted reversed pipe's ends.
        const end = byUuid.get(at) as NewFeature;
        const nearReversed = pipes.some((p) => reversed.has(p.uuid as string) && (p.properties.upstream_manhole === at || p.properties.downstream_manhole === at));
        expect(end.properties.kind === 'outfall' || nearReversed, `${m.properties.code} drains to ${end.properties.code}`).toBe(true);
      }
      for (const p of valid) {
        if (shrunk.has(p.uuid as string)) continue;
        for (const q of inflow.get(p.properties.upstream_manhole as string) ?? []) {
          if (shrunk.has(q.uuid as string)) continue;
          expect(n(p, 'diameter_mm'), `${q.properties.code} → ${p.properties.code}`).toBeGreaterThanOrEqual(n(q, 'diameter_mm'));
        }
      }
      expect(shrunk.size).toBeGreaterThan(0);
    });

    it('reads rims from the terrain and keeps inverts 1.2–3 m below them, except the planted manhole', () => {
      for (const m of manholes) {
        const [x, y] = pointOf(m);
        const depth = n(m, 'rim_level_m') - n(m, 'invert_level_m');
        expect(n(m, 'depth_m')).toBeCloseTo(depth, 3);
        if (badManhole.has(m.uuid as string)) {
          expect(n(m, 'invert_level_m')).toBeGreaterThan(n(m, 'rim_level_m'));
          continue;
        }
        expect(Math.abs(n(m, 'rim_level_m') - demo.terrain.elevationAt(x, y))).toBeLessThanOrEqual(0.0005);
        expect(depth).toBeGreaterThan(0);
        if (m.properties.kind !== 'outfall') {
          expect(depth, m.properties.code as string).toBeGreaterThanOrEqual(1.2 - 1e-9);
          expect(depth, m.properties.code as string).toBeLessThanOrEqual(3);
        }
      }
      expect(badManhole.size).toBeGreaterThan(0);
    });

    it('puts outfalls on the river and canal banks', () => {
      const outfalls = manholes.filter((m) => m.properties.kind === 'outfall');
      expect(outfalls.length).toBeGreaterThan(5);
      for (const o of outfalls) {
        const d = Math.min(...water.map((w) => distanceToLine(pointOf(o), ringOf(w))));
        expect(d, o.properties.code as string).toBeLessThan(0.05);
      }
    });
  });

  describe(`demo water supply (seed ${options.seed})`, () => {
    const grid = new GridIndex<NewFeature>(60);
    for (const m of mains) grid.insert(bboxOf(lineOf(m)), m);
    const near = (p: XY, d: number) => grid.query([p[0] - d, p[1] - d, p[0] + d, p[1] + d]);
    const onMain = (p: XY, tol: number) => near(p, tol + 1).some((m) => distanceToLine(p, lineOf(m)) <= tol);

    it('sizes mains 100–400 mm, larger on the trunk streets', () => {
      for (const m of mains) {
        expect(n(m, 'diameter_mm')).toBeGreaterThanOrEqual(100);
        expect(n(m, 'diameter_mm')).toBeLessThanOrEqual(400);
      }
      expect(new Set(mains.map((m) => n(m, 'diameter_mm'))).size).toBeGreaterThan(3);
    });

    it('breaks mains where they meet: every end touches another main or a valve, except the planted one', () => {
      const dangling = planted('MAIN_DANGLING_END');
      const valvePoints = valves.map(pointOf);
      for (const m of mains) {
        const line = lineOf(m);
        for (const end of [line[0] as XY, line[line.length - 1] as XY]) {
          const touches = near(end, 1).some((o) => o !== m && distanceToLine(end, lineOf(o)) < 0.01) || valvePoints.some((v) => distance(v, end) < 0.01);
          if (!touches) expect(dangling.has(m.uuid as string), `${m.properties.code}`).toBe(true);
        }
      }
      expect(dangling.size).toBeGreaterThan(0);
    });

    it('stands valves and hydrants on the mains, except the planted valve', () => {
      const offMain = planted('VALVE_NOT_ON_MAIN');
      for (const v of valves) expect(onMain(pointOf(v), 0.01), v.properties.code as string).toBe(!offMain.has(v.uuid as string));
      for (const h of hydrants) expect(onMain(pointOf(h), 0.01), h.properties.code as string).toBe(true);
    });

    it('spaces hydrants 100–150 m along each street main, except the planted gap', () => {
      const gap = planted('HYDRANT_SPACING');
      const uuids = new Set(hydrants.map((h) => h.uuid as string));
      const byRun = new Map<number, typeof ctx.water.hydrants>();
      for (const h of ctx.water.hydrants) if (!ctx.planted.removedHydrants.has(h.index)) byRun.set(h.run, [...(byRun.get(h.run) ?? []), h]);
      let gaps = 0;
      let pairs = 0;
      for (const list of byRun.values()) {
        for (let i = 1; i < list.length; i++) {
          const a = list[i - 1] as (typeof list)[number];
          const spacing = (list[i] as (typeof list)[number]).station - a.station;
          if (gap.has(featureUuid(demo.seed, 'water_hydrants', a.index))) {
            // The planted gap: the hydrant between these two was left out.
            expect(spacing).toBeGreaterThan(150);
            gaps++;
            continue;
          }
          pairs++;
          expect(spacing).toBeGreaterThanOrEqual(100 - 1e-6);
          expect(spacing).toBeLessThanOrEqual(150);
        }
      }
      expect(gaps).toBe(gap.size);
      expect(pairs).toBeGreaterThan(20);
      for (const u of gap) expect(uuids.has(u)).toBe(true);
    });
  });

  describe(`demo street lighting (seed ${options.seed})`, () => {
    const byCode = new Map(cabinets.map((c) => [c.properties.code as string, c]));
    const beyond = planted('POLE_BEYOND_CABINET_REACH');
    const orphan = planted('POLE_WITHOUT_CABINET');

    it('feeds every pole from a cabinet within reach, except the planted poles', () => {
      for (const p of poles) {
        const code = p.properties.cabinet_code as string | undefined;
        if (orphan.has(p.uuid as string)) {
          expect(code).toBeUndefined();
          continue;
        }
        const cabinet = byCode.get(code as string);
        expect(cabinet, p.properties.code as string).toBeDefined();
        const d = distance(pointOf(p), pointOf(cabinet as NewFeature));
        const reach = n(cabinet as NewFeature, 'max_circuit_length_m');
        // Cable follows the streets: allow for it with the Manhattan bound √2·d.
        if (beyond.has(p.uuid as string)) expect(d).toBeGreaterThan(reach);
        else expect(d * Math.SQRT2, p.properties.code as string).toBeLessThanOrEqual(reach);
        expect(Number((p.properties.circuit as string).slice(1))).toBeLessThanOrEqual(n(cabinet as NewFeature, 'circuit_count'));
      }
      expect(beyond.size + orphan.size).toBeGreaterThanOrEqual(2);
    });

    it('spaces poles 30–40 m along each street, behind the kerb', () => {
      let checked = 0;
      const segments = ctx.plan.network.segments;
      const bySegment = new Map<number, typeof ctx.lighting.poles>();
      for (const p of ctx.lighting.poles) bySegment.set(p.segment, [...(bySegment.get(p.segment) ?? []), p]);
      for (const [id, list] of bySegment) {
        const seg = segments[id] as (typeof segments)[number];
        // Each pole stands behind the kerb; pairs on wide streets share a station.
      for (const p of list) {
        const d = Math.min(...seg.points.slice(1).map((b, k) => distanceToLine(p.p, [seg.points[k] as XY, b as XY])));
        expect(d).toBeCloseTo(seg.street.carriageway / 2 + 0.7, 1);
      }
      const stations = [...new Set(list.map((p) => p.station))].sort((a, b) => a - b);
      for (let i = 1; i < stations.length; i++) {
          const gap = (stations[i] as number) - (stations[i - 1] as number);
          expect(gap).toBeGreaterThanOrEqual(30);
          expect(gap).toBeLessThanOrEqual(40);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(50);
      // The features are the poles checked here.
      expect(poles.map(pointOf)).toEqual(ctx.lighting.poles.map((p) => ctx.out.xy(p.p)));
    });
  });
}
