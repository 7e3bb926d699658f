/** Geometry rules (every layer), each with a failing and a passing case, and the planar helpers under them. */
import { describe, expect, it } from 'vitest';
import { interiorPoint, pointInRing, polygonOverlapArea, projectOnLine } from '../../layers/rules/planar.js';
import { ringProblem } from '../../layers/rules/invalid-polygon.js';
import { feature, flagged, line, point, polygon, rect, runRule, type XY } from '../helpers/rule-features.js';

const ring = (g: ReturnType<typeof polygon>) => (g as unknown as { coordinates: XY[][] }).coordinates[0] as XY[];

describe('INVALID_POLYGON', () => {
  it('reports a bow tie and says which edges cross, in every polygon layer', () => {
    const bowtie = feature({}, polygon([[0, 0], [10, 20], [10, 0], [0, 20]]));
    const fine = feature({}, rect(20, 0, 30, 20));
    for (const layer of ['zoning', 'parcels', 'buildings'] as const) {
      const findings = runRule('INVALID_POLYGON', { [layer]: [bowtie, fine] });
      expect(findings.map((f) => [f.layerId, f.uuid])).toEqual([[layer, bowtie.uuid]]);
    }
    expect(runRule('INVALID_POLYGON', { parcels: [bowtie] })[0]?.message.en).toBe('The outer ring crosses itself (edge 1 crosses edge 3)');
  });

  it('names other faults: a repeated vertex, too few corners, no area', () => {
    expect(ringProblem([[0, 0], [1, 0], [1, 0], [1, 1], [0, 0]])?.en).toBe('repeats a vertex');
    expect(ringProblem([[0, 0], [1, 0], [0, 0]])?.en).toBe('has fewer than 3 corners');
    expect(ringProblem([[0, 0], [1, 0], [2, 0], [0, 0]])?.en).toBe('has no area');
    expect(ringProblem(ring(rect(0, 0, 1, 1)))).toBeUndefined();
  });
});

describe('ZERO_LENGTH_LINE', () => {
  it('reports a line whose vertices coincide', () => {
    const dot = feature({}, line([5, 5], [5, 5.0004]));
    const fine = feature({}, line([0, 0], [0, 0.01]));
    for (const layer of ['roads', 'red_lines', 'drainage_pipes', 'water_mains'] as const) {
      expect(flagged('ZERO_LENGTH_LINE', { [layer]: [dot, fine] })).toEqual([dot.uuid]);
    }
  });
});

describe('DUPLICATE_GEOMETRY', () => {
  it('reports each later copy once, naming the oldest; a copy in another layer is not a duplicate', () => {
    const a = feature({}, rect(0, 0, 10, 20));
    const b = feature({}, rect(0, 0, 10, 20.0004));
    const c = feature({}, rect(0, 0, 10, 20));
    const other = feature({}, rect(0, 0, 10, 21));
    const findings = runRule('DUPLICATE_GEOMETRY', { parcels: [c, b, a, other], buildings: [feature({}, rect(0, 0, 10, 20))] });
    expect(findings.map((f) => f.uuid)).toEqual([b.uuid, c.uuid]);
    expect(findings.every((f) => f.details?.other_uuid === a.uuid)).toBe(true);
  });

  it('compares points too', () => {
    const h1 = feature({}, point(1, 1));
    const h2 = feature({}, point(1, 1));
    const h3 = feature({}, point(1, 1.5));
    expect(flagged('DUPLICATE_GEOMETRY', { water_hydrants: [h1, h2, h3] })).toEqual([h2.uuid]);
  });
});

describe('planar helpers', () => {
  it('polygonOverlapArea: crossing, collinear, contained, identical, touching and apart', () => {
    expect(polygonOverlapArea(ring(rect(0, 0, 10, 10)), ring(rect(5, 5, 15, 15)))).toBeCloseTo(25, 9);
    expect(polygonOverlapArea(ring(rect(0, 0, 100, 50)), ring(rect(0, 46, 100, 100)))).toBeCloseTo(400, 9);
    expect(polygonOverlapArea(ring(rect(0, 0, 10, 10)), ring(rect(2, 2, 4, 4)))).toBeCloseTo(4, 9);
    expect(polygonOverlapArea(ring(rect(0, 0, 10, 10)), ring(rect(0, 0, 10, 10)))).toBeCloseTo(100, 9);
    expect(polygonOverlapArea(ring(rect(0, 0, 10, 10)), ring(rect(10, 0, 20, 10)))).toBe(0);
    expect(polygonOverlapArea(ring(rect(0, 0, 10, 10)), ring(rect(11, 0, 20, 10)))).toBe(0);
    // Clockwise and concave: an L (area 75) against a square over its notch.
    const l = [[0, 0], [0, 10], [10, 10], [10, 5], [5, 5], [5, 0], [0, 0]] as XY[];
    expect(polygonOverlapArea(l, ring(rect(2, 2, 8, 8)))).toBeCloseTo(36 - 9, 9);
  });

  it('interiorPoint: inside a U whose centroid is in the gap', () => {
    const u = ring(polygon([[0, 0], [30, 0], [30, 30], [20, 30], [20, 10], [10, 10], [10, 30], [0, 30]]));
    const p = interiorPoint(u);
    expect(pointInRing(p, u)).toBe(true);
  });

  it('projectOnLine: distance and station along a polyline', () => {
    expect(projectOnLine([5, 3], [[0, 0], [10, 0], [10, 10]])).toEqual({ distance: 3, station: 5 });
    expect(projectOnLine([12, 6], [[0, 0], [10, 0], [10, 10]])).toEqual({ distance: 2, station: 16 });
  });
});
