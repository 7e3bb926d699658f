import { describe, expect, it } from 'vitest';
import { mergePolygons } from '../../gis-core/edit/actions/merge-polygons.js';
import { moveConnectedEnds, withEnd } from '../../gis-core/edit/actions/move-node.js';
import { splitLine } from '../../gis-core/edit/actions/split-line.js';
import { splitPolygon } from '../../gis-core/edit/actions/split-polygon.js';
import { polygonArea, ringIsSimple, samePosition, type XY } from '../../gis-core/edit/geometry.js';
import { refusal } from '../helpers/memory-reader.js';

// Somewhere in Cao Lãnh, EPSG:5897 metres.
const X = 568_200.125;
const Y = 1_151_400.375;
const at = (dx: number, dy: number): XY => [X + dx, Y + dy];
const rect = (x0: number, y0: number, x1: number, y1: number): XY[] => [at(x0, y0), at(x1, y0), at(x1, y1), at(x0, y1), at(x0, y0)];

/** No repeated consecutive positions, and no vertex where the ring turns straight back. */
function expectCleanRing(ring: readonly XY[]): void {
  expect(ring.length).toBeGreaterThanOrEqual(4);
  expect(samePosition(ring[0] as XY, ring[ring.length - 1] as XY)).toBe(true);
  expect(ringIsSimple(ring)).toBe(true);
  const n = ring.length - 1;
  for (let i = 0; i < n; i++) {
    const prev = ring[(i + n - 1) % n] as XY;
    const here = ring[i] as XY;
    const next = ring[i + 1] as XY;
    expect(samePosition(here, next)).toBe(false);
    const ux = prev[0] - here[0];
    const uy = prev[1] - here[1];
    const vx = next[0] - here[0];
    const vy = next[1] - here[1];
    const cross = Math.abs(ux * vy - uy * vx) / (Math.hypot(ux, uy) * Math.hypot(vx, vy));
    const dot = ux * vx + uy * vy;
    expect(dot > 0 && cross < 1e-6, `spike at vertex ${i}`).toBe(false);
  }
}

describe('splitLine', () => {
  const line: XY[] = [at(0, 0), at(100, 0), at(100, 50)];

  it('splits at the point of the line nearest the position; both parts share the split vertex', () => {
    const { before, after, vertex, station } = splitLine(line, at(40, 0.3), { feature: 'water_mains A' });
    expect(vertex).toEqual(at(40, 0));
    expect(before).toEqual([at(0, 0), at(40, 0)]);
    expect(after).toEqual([at(40, 0), at(100, 0), at(100, 50)]);
    expect(before[before.length - 1]).toEqual(after[0]);
    expect(station).toBeCloseTo(40, 9);
  });

  it('splits at an existing vertex without repeating it', () => {
    const { before, after } = splitLine(line, at(100.0004, 0.0002), { feature: 'water_mains A' });
    expect(before).toHaveLength(2);
    expect(after).toHaveLength(2);
    expect(before[1]).toEqual(after[0]);
    expect(after[1]).toEqual(at(100, 50));
  });

  it('puts the split vertex exactly on a given node position', () => {
    const valve = at(60.004, 0.02);
    const { before, after } = splitLine(line, valve, { feature: 'water_mains A', vertex: valve });
    expect(before[1]).toEqual(valve);
    expect(after[0]).toEqual(valve);
  });

  it('refuses a point at an end or farther than the tolerance, naming the feature', () => {
    const nearEnd = refusal(() => splitLine(line, at(0.005, 0), { feature: 'water_mains 0193-x' }));
    expect(nearEnd.code).toBe('INVALID_ARGUMENT');
    expect(nearEnd.message).toContain('water_mains 0193-x');
    expect(nearEnd.message).toMatch(/shorter than 0.01 m/);
    expect(refusal(() => splitLine(line, at(100, 49.995), { feature: 'f' })).code).toBe('INVALID_ARGUMENT');
    const far = refusal(() => splitLine(line, at(50, 3), { feature: 'water_mains 0193-x' }));
    expect(far.message).toMatch(/3\.00 m from the line \(at most 1 m\)/);
    expect(splitLine(line, at(50, 3), { feature: 'f', tolerance: 5 }).vertex).toEqual(at(50, 0));
  });
});

describe('splitPolygon', () => {
  const square = [rect(0, 0, 100, 60)];

  it('cuts a zone in two along a crossing line: larger part first, sharing the cut exactly', () => {
    const [larger, smaller] = splitPolygon(square, [at(70, -10), at(70, 30), at(72, 70)], { feature: 'zoning Z' });
    expect(polygonArea(larger) + polygonArea(smaller)).toBeCloseTo(6000, 6);
    expect(polygonArea(larger)).toBeGreaterThan(polygonArea(smaller));
    for (const part of [larger, smaller]) expectCleanRing(part[0] as XY[]);
    const shared = (larger[0] as XY[]).filter((p) => (smaller[0] as XY[]).some((q) => samePosition(p, q)));
    expect(shared).toEqual(expect.arrayContaining([at(70, 0), at(70, 30)]));
    expect(shared.some((p) => Math.abs(p[1] - (Y + 60)) < 1e-9)).toBe(true);
    // Same orientation as the original (counter-clockwise here).
    for (const part of [larger, smaller]) expect(Math.sign(signed(part[0] as XY[]))).toBe(Math.sign(signed(square[0] as XY[])));
  });

  it('cuts through vertices and along a cut that starts on the boundary', () => {
    const [a, b] = splitPolygon(square, [at(0, 0), at(100, 60)], { feature: 'zoning Z' });
    expect(polygonArea(a)).toBeCloseTo(3000, 6);
    expect(polygonArea(b)).toBeCloseTo(3000, 6);
    expect(a[0]).toHaveLength(4);
    expect(b[0]).toHaveLength(4);
  });

  it('keeps each hole in the part that holds it, and refuses a cut through a hole', () => {
    const holed = [rect(0, 0, 100, 60), rect(10, 10, 20, 20).reverse()];
    const [larger, smaller] = splitPolygon(holed, [at(50, -1), at(50, 61)], { feature: 'zoning Z' });
    expect(larger).toHaveLength(1);
    expect(smaller).toHaveLength(2);
    expect(polygonArea(larger) + polygonArea(smaller)).toBeCloseTo(6000 - 100, 6);
    const cut = refusal(() => splitPolygon(holed, [at(15, -1), at(15, 61)], { feature: 'zoning Z' }));
    expect(cut.message).toBe('Cannot split zoning Z: the line cuts hole 1 (draw it around the hole).');
  });

  it('refuses a line that does not cut the zone in two', () => {
    const feature = { feature: 'zoning 0193-z' };
    expect(refusal(() => splitPolygon(square, [at(-10, -10), at(-10, 70)], feature)).message).toBe('Cannot split zoning 0193-z: the line does not cross the polygon.');
    expect(refusal(() => splitPolygon(square, [at(50, -10), at(50, 30)], feature)).message).toMatch(/must start and end outside/);
    // A U-shaped zone crossed through both arms would make three parts.
    const u = [[at(0, 0), at(30, 0), at(30, 40), at(20, 40), at(20, 10), at(10, 10), at(10, 40), at(0, 40), at(0, 0)]];
    expect(refusal(() => splitPolygon(u, [at(-5, 30), at(35, 30)], feature)).message).toMatch(/more than once/);
  });
});

function signed(ring: readonly XY[]): number {
  let s = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const a = ring[i] as XY;
    const b = ring[i + 1] as XY;
    s += (a[0] - X) * (b[1] - Y) - (b[0] - X) * (a[1] - Y);
  }
  return s / 2;
}

describe('mergePolygons', () => {
  it('merges two zones sharing an edge with 1e-9 m of noise into one valid polygon', () => {
    const a = [rect(0, 0, 100, 50)];
    const noisy = (dx: number, dy: number, ex: number, ey: number): XY => [X + dx + ex, Y + dy + ey];
    // B's west edge is A's east edge, drawn with noise and an extra vertex on it (a T-junction).
    const b = [[noisy(100, 0, 1e-9, -1e-9), at(200, 0), at(200, 50), noisy(100, 50, -1e-9, 1e-9), noisy(100, 25, 1e-9, 0), noisy(100, 0, 1e-9, -1e-9)]];
    const merged = mergePolygons([a, b], { features: 'zoning A, B' });
    expect(merged).toHaveLength(1);
    const ring = merged[0] as XY[];
    expectCleanRing(ring);
    expect(polygonArea(merged)).toBeCloseTo(10_000, 4);
    // No vertex is left on the vanished shared edge.
    expect(ring.some((p) => Math.abs(p[0] - (X + 100)) < 1e-3 && p[1] > Y + 1 && p[1] < Y + 49)).toBe(false);
    expect(Math.sign(signed(ring))).toBe(Math.sign(signed(a[0] as XY[])));
  });

  it('merges overlapping zones and keeps holes', () => {
    const a = [rect(0, 0, 60, 60), rect(10, 10, 20, 20).reverse()];
    const b = [rect(50, 0, 120, 60)];
    const merged = mergePolygons([a, b], { features: 'zoning A, B' });
    expect(merged).toHaveLength(2);
    for (const ring of merged) expectCleanRing(ring);
    expect(polygonArea(merged)).toBeCloseTo(120 * 60 - 100, 4);
  });

  it('refuses zones that do not touch, or touch at one corner only', () => {
    const far = refusal(() => mergePolygons([[rect(0, 0, 10, 10)], [rect(20, 0, 30, 10)]], { features: 'zoning A, B' }));
    expect(far.code).toBe('INVALID_ARGUMENT');
    expect(far.message).toBe('Cannot merge zoning A, B: the zones do not touch (the union has 2 separate parts).');
    expect(refusal(() => mergePolygons([[rect(0, 0, 10, 10)], [rect(10, 10, 20, 20)]], { features: 'zoning A, B' })).code).toBe('INVALID_ARGUMENT');
    expect(refusal(() => mergePolygons([[rect(0, 0, 10, 10)]], { features: 'zoning A' })).message).toMatch(/at least two/);
  });
});

describe('moving line ends with a node', () => {
  it('moves the ends within the tolerance and nothing else', () => {
    const line: XY[] = [at(0, 0), at(10, 0), at(20, 0.02)];
    expect(moveConnectedEnds(line, at(20, 0), at(21, 1), 0.05)).toEqual([at(0, 0), at(10, 0), at(21, 1)]);
    expect(moveConnectedEnds(line, at(10, 0), at(11, 1), 0.05)).toBeUndefined();
    expect(withEnd(line, 'start', at(10, 0))).toEqual([at(10, 0), at(20, 0.02)]);
  });
});
