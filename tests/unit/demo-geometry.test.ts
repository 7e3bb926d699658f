import { describe, expect, it } from 'vitest';
import { GridIndex } from '../../gis-core/validate/spatial-index.js';
import { bboxOf, distanceToLine, insideOrOn, linesCross, pointInRing, ringIsSimple, signedRingArea, type BBox } from '../../layers/rules/planar.js';
import { DEMO_LAYER_ORDER } from '../../gis-core/demo/generate.js';
import type { NewFeature } from '../../gis-core/store/types.js';
import { demoDatasets, lineOf, ringOf } from '../helpers/demo-datasets.js';
import type { XY } from '../helpers/demo-datasets.js';


for (const { options, demo, planted } of demoDatasets()) {
  const all = (layer: (typeof DEMO_LAYER_ORDER)[number]) => [...demo.layers[layer]()];
  /** Rounding to the millimetre moves points by up to 0.7 mm. */
  const TOL = 0.002;

  const zones = all('zoning');
  const parcels = all('parcels');
  const buildings = all('buildings');
  const redLines = all('red_lines');
  const roads = all('roads');

  function index(features: NewFeature[], coords: (f: NewFeature) => XY[]): GridIndex<NewFeature> {
    const grid = new GridIndex<NewFeature>(50);
    for (const f of features) grid.insert(bboxOf(coords(f)), f);
    return grid;
  }
  const grow = (b: BBox, d: number): BBox => [b[0] - d, b[1] - d, b[2] + d, b[3] + d];

  describe(`demo geometry (seed ${options.seed})`, () => {
    it('keeps every feature inside the dataset bounds', () => {
      const [minx, miny, maxx, maxy] = demo.bounds;
      for (const layer of DEMO_LAYER_ORDER) {
        for (const f of demo.layers[layer]()) {
          const g = f.geometry as { type: string; coordinates: unknown };
          const pts = (g.type === 'Point' ? [g.coordinates] : g.type === 'LineString' ? g.coordinates : (g.coordinates as XY[][])[0]) as XY[];
          for (const [x, y] of pts) {
            expect(x >= minx && x <= maxx && y >= miny && y <= maxy, `${layer} ${f.uuid} at ${x},${y}`).toBe(true);
            expect(Math.round(x * 1000)).toBeCloseTo(x * 1000, 6);
          }
        }
      }
    });

    it('draws simple, closed, counter-clockwise polygons — except the planted invalid parcel', () => {
      const invalid = planted('INVALID_POLYGON');
      for (const f of [...zones, ...parcels, ...buildings]) {
        const ring = ringOf(f);
        if (invalid.has(f.uuid as string)) {
          expect(ringIsSimple(ring)).toBe(false);
          continue;
        }
        expect(ringIsSimple(ring), f.uuid).toBe(true);
        expect(signedRingArea(ring), f.uuid).toBeGreaterThan(0);
      }
      expect(invalid.size).toBeGreaterThan(0);
    });

    it('does not overlap zones, except the planted overlap', () => {
      const overlapping = planted('ZONE_OVERLAP');
      const grid = index(zones, ringOf);
      let found = 0;
      for (const z of zones) {
        for (const other of grid.query(bboxOf(ringOf(z)))) {
          if (other === z) continue;
          // Zones touch along banks and share no interior: no vertex strictly inside the other, no crossing edges.
          const intrudes = ringOf(z).some((p) => pointInRing(p, ringOf(other)) && distanceToLine(p, ringOf(other)) > TOL) || linesCross(ringOf(z), ringOf(other), TOL);
          if (overlapping.has(z.uuid as string) || overlapping.has(other.uuid as string)) {
            if (intrudes) found++;
            continue;
          }
          expect(intrudes, `${z.properties.zone_code} / ${other.properties.zone_code}`).toBe(false);
        }
      }
      expect(found).toBeGreaterThan(0);
    });

    it('puts every parcel inside one block zone, and the parcels of a block tile it', () => {
      const grid = index(zones, ringOf);
      const covered = new Map<NewFeature, number>();
      for (const p of parcels) {
        const ring = ringOf(p);
        const home = grid.query(bboxOf(ring)).find((z) => z.properties.function_code !== 'MN' && ring.every((q) => insideOrOn(q, ringOf(z), TOL)));
        expect(home, `parcel ${p.properties.address}`).toBeDefined();
        if (home) covered.set(home, (covered.get(home) ?? 0) + Math.abs(signedRingArea(ring)));
      }
      const overlapping = planted('ZONE_OVERLAP');
      for (const [zone, area] of covered) {
        if (overlapping.has(zone.uuid as string)) continue;
        const zoneArea = signedRingArea(ringOf(zone));
        // Parcels cover the block except its alleys (6 m wide): between 80 % and 100 %.
        expect(area / zoneArea, String(zone.properties.zone_code)).toBeLessThanOrEqual(1.0001);
        expect(area / zoneArea, String(zone.properties.zone_code)).toBeGreaterThan(0.8);
      }
    });

    it('keeps parcels from overlapping each other', () => {
      const grid = index(parcels, ringOf);
      const invalid = planted('INVALID_POLYGON');
      for (const p of parcels) {
        if (invalid.has(p.uuid as string)) continue;
        for (const q of grid.query(bboxOf(ringOf(p)))) {
          if (q === p || invalid.has(q.uuid as string)) continue;
          const inside = ringOf(p).some((v) => pointInRing(v, ringOf(q)) && distanceToLine(v, ringOf(q)) > TOL);
          expect(inside, `${p.properties.address} / ${q.properties.address}`).toBe(false);
        }
      }
    });

    it('puts buildings on their parcel, inside the red lines of their block — except the planted ones', () => {
      const outside = planted('BUILDING_OUTSIDE_PARCEL');
      const crossing = planted('BUILDING_CROSSES_RED_LINE');
      const grid = index(parcels, ringOf);
      // The planted overlapping zone is tried last: its polygon reaches into its neighbours.
      const overlap = planted('ZONE_OVERLAP');
      const blocks = index(zones.filter((z) => z.properties.function_code !== 'MN'), ringOf);
      for (const b of buildings) {
        const ring = ringOf(b);
        const centre: XY = [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length];
        const parcel = grid.query(bboxOf(ring)).find((p) => pointInRing(centre, ringOf(p)));
        if (!parcel) {
          // Only a bow-tie parcel has no proper inside for its building's centre to be in.
          const bowtie = grid.query(bboxOf(ring)).some((p) => planted('INVALID_POLYGON').has(p.uuid as string));
          expect(bowtie, `building ${b.uuid}`).toBe(true);
          continue;
        }
        const onParcel = ring.every((q) => insideOrOn(q, ringOf(parcel as NewFeature), TOL));
        // (A bow-tie parcel has no proper inside to be on.)
        if (!planted('INVALID_POLYGON').has(parcel?.uuid as string)) {
          expect(onParcel, `building ${b.uuid} on ${parcel?.properties.address}`).toBe(!outside.has(b.uuid as string));
        }
        // Block edges are the red lines: a building reaching out of its block crosses one.
        const block = blocks
          .query(bboxOf(ring))
          .sort((a, c) => Number(overlap.has(a.uuid as string)) - Number(overlap.has(c.uuid as string)))
          .find((z) => pointInRing(centre, ringOf(z)));
        expect(block, `building ${b.uuid}`).toBeDefined();
        const crosses = ring.some((q) => !insideOrOn(q, ringOf(block as NewFeature), TOL));
        expect(crosses, `building ${b.uuid}`).toBe(crossing.has(b.uuid as string));
      }
      expect(crossing.size).toBeGreaterThan(0);
    });

    it('gives every road red lines on both sides, half its width away', () => {
      const lines = index(redLines.filter((r) => r.properties.line_type === 'red_line'), lineOf);
      for (const road of roads) {
        const coords = lineOf(road);
        const a = coords[0] as XY;
        const b = coords[1] as XY;
        const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
        const mid: XY = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
        const half = (road.properties.red_line_width_m as number) / 2;
        for (const side of [1, -1]) {
          const probe: XY = [mid[0] - (side * (b[1] - a[1]) * half) / len, mid[1] + (side * (b[0] - a[0]) * half) / len];
          const found = lines
            .query(grow([probe[0], probe[1], probe[0], probe[1]], 0.1))
            .some((l) => l.properties.road_name === road.properties.name && distanceToLine(probe, lineOf(l)) < 0.05);
          expect(found, `${road.properties.name} (${road.properties.road_class}) side ${side} at ${mid}`).toBe(true);
        }
      }
    });

    it('puts water meters inside parcels, just behind the frontage', () => {
      const grid = index(parcels, ringOf);
      const meters = [...demo.layers.water_meters()];
      expect(meters.length).toBeGreaterThan(parcels.length * 0.3);
      for (const m of meters) {
        const p = (m.geometry as unknown as { coordinates: XY }).coordinates;
        const parcel = grid.query([p[0], p[1], p[0], p[1]]).find((l) => pointInRing(p, ringOf(l)));
        expect(parcel, String(m.properties.address)).toBeDefined();
        expect(parcel?.properties.address).toBe(m.properties.address);
        if (!planted('INVALID_POLYGON').has(parcel?.uuid as string)) expect(distanceToLine(p, ringOf(parcel as NewFeature))).toBeLessThan(0.7);
      }
    });

    it('draws red lines half the road width from the road centre line, building lines further in', () => {
      const byName = new Map<string, XY[][]>();
      for (const r of roads) byName.set(r.properties.name as string, [...(byName.get(r.properties.name as string) ?? []), lineOf(r)]);
      for (const l of redLines) {
        const centre = byName.get(l.properties.road_name as string);
        expect(centre, l.properties.road_name as string).toBeDefined();
        const half = (l.properties.red_line_width_m as number) / 2;
        for (const p of lineOf(l)) {
          const d = Math.min(...(centre as XY[][]).map((c) => distanceToLine(p, c)));
          // The road centre line ends at the junction; the red line of the other street is farther away there.
          if (l.properties.line_type === 'red_line') expect(d, `${l.properties.road_name}`).toBeGreaterThan(half - 0.01);
          // (Planted zones record a setback as small as 1 m.)
          else expect(d).toBeGreaterThan(half + 0.99);
        }
        // The middle of each red line is exactly half a width from its road.
        const coords = lineOf(l);
        const a = coords[0] as XY;
        const b = coords[1] as XY;
        const mid: XY = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
        const d = Math.min(...(centre as XY[][]).map((c) => distanceToLine(mid, c)));
        if (l.properties.line_type === 'red_line') expect(Math.abs(d - half), `${l.properties.road_name} at ${mid}`).toBeLessThan(0.02);
      }
    });

    it('keeps buildings behind the building line (zone setback) except where planted', () => {
      const grid = index(zones, ringOf);
      const lines = index(redLines.filter((r) => r.properties.line_type === 'red_line'), lineOf);
      const exempt = new Set([...planted('BUILDING_CROSSES_RED_LINE'), ...planted('BUILDING_COVERAGE_MAX')]);
      let checked = 0;
      for (const b of buildings) {
        if (exempt.has(b.uuid as string)) continue;
        const ring = ringOf(b);
        const zone = grid.query(bboxOf(ring)).find((z) => z.properties.function_code !== 'MN' && insideOrOn(ring[0] as XY, ringOf(z), TOL));
        const setback = (zone?.properties.setback_m as number | undefined) ?? 0;
        if (!zone || setback === 0 || planted('SETBACK_TOO_SMALL').has(zone.uuid as string)) continue;
        for (const l of lines.query(grow(bboxOf(ring), setback + 1))) {
          for (const p of ring) expect(distanceToLine(p, lineOf(l)), `${b.properties.address}`).toBeGreaterThan(setback - 0.01);
        }
        checked++;
      }
      expect(checked).toBeGreaterThan(50);
    });
  });
}
