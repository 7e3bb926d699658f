/** The planned-massing rule (layers/massing.ts) on hand-built zones: setback, floors, density. */
import { describe, expect, it } from 'vitest';
import { STOREY_HEIGHT_M, allowedHeight, insetRing, planMassing, ringArea } from '../../layers/massing.js';

const X = 568_200;
const Y = 1_151_400;
/** A w × h rectangle at (X, Y), closed, clockwise when `cw`. */
function rect(w: number, h: number, cw = false): number[][] {
  const r = [
    [X, Y],
    [X + w, Y],
    [X + w, Y + h],
    [X, Y + h],
    [X, Y],
  ];
  return cw ? r.reverse() : r;
}

function bounds(ring: readonly (readonly number[])[]): [number, number, number, number] {
  const xs = ring.map((p) => p[0]!);
  const ys = ring.map((p) => p[1]!);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

describe('planMassing', () => {
  it('insets a 100 × 60 m zone by its 6 m setback (88 × 48 m) when density allows it', () => {
    const m = planMassing(rect(100, 60), { maxFloors: 5, setbackM: 6, maxDensityPct: 80 })!;
    expect(m.zoneArea).toBeCloseTo(6000, 6);
    expect(m.footprintArea).toBeCloseTo(88 * 48, 6); // 4224 m² ≤ 80 % × 6000 = 4800
    const [a, b, c, d] = bounds(m.footprint);
    expect(a).toBeCloseTo(X + 6, 6);
    expect(b).toBeCloseTo(Y + 6, 6);
    expect(c).toBeCloseTo(X + 94, 6);
    expect(d).toBeCloseTo(Y + 54, 6);
    expect(m.floors).toBe(5);
    expect(m.heightM).toBeCloseTo(5 * STOREY_HEIGHT_M, 9);
  });

  it('scales the footprint down to the net density (40 % of the zone), inside the setback', () => {
    const m = planMassing(rect(100, 60), { maxFloors: 3, setbackM: 6, maxDensityPct: 40 })!;
    expect(m.footprintArea).toBeCloseTo(0.4 * 6000, 6);
    const [a, b, c, d] = bounds(m.footprint);
    expect(a).toBeGreaterThanOrEqual(X + 6 - 1e-9);
    expect(b).toBeGreaterThanOrEqual(Y + 6 - 1e-9);
    expect(c).toBeLessThanOrEqual(X + 94 + 1e-9);
    expect(d).toBeLessThanOrEqual(Y + 54 + 1e-9);
    // Scaled about the centre: the footprint stays centred in the zone.
    expect((a + c) / 2).toBeCloseTo(X + 50, 6);
    expect((b + d) / 2).toBeCloseTo(Y + 30, 6);
  });

  it('takes any ring orientation and answers a counter-clockwise footprint', () => {
    const m = planMassing(rect(50, 50, true), { maxFloors: 2, setbackM: 5 })!;
    expect(ringArea(m.footprint)).toBeCloseTo(40 * 40, 6);
  });

  it('caps the height by max_height_m, derives floors from the height alone, and needs one of them', () => {
    expect(allowedHeight({ maxFloors: 10, maxHeightM: 30 })).toEqual({ floors: 10, heightM: 30 });
    expect(allowedHeight({ maxFloors: 4 })).toEqual({ floors: 4, heightM: 4 * STOREY_HEIGHT_M });
    expect(allowedHeight({ maxHeightM: 20 })).toEqual({ floors: 5, heightM: 20 });
    expect(planMassing(rect(40, 40), { setbackM: 3, maxDensityPct: 50 })).toBeNull();
    expect(planMassing(rect(40, 40), { maxFloors: 0 })).toBeNull();
  });

  it('gives no massing when the setback eats the zone or the density is 0', () => {
    expect(planMassing(rect(10, 30), { maxFloors: 3, setbackM: 5 })).toBeNull();
    expect(planMassing(rect(10, 30), { maxFloors: 3, setbackM: 6 })).toBeNull();
    expect(planMassing(rect(40, 40), { maxFloors: 3, maxDensityPct: 0 })).toBeNull();
  });

  it('insets a convex pentagon: every footprint vertex is at least the setback from every zone edge', () => {
    const zone = [
      [0, 0],
      [60, 0],
      [80, 40],
      [30, 70],
      [-10, 35],
    ].map(([x, y]) => [X + x!, Y + y!]);
    const inset = insetRing(zone, 4)!;
    expect(inset).toHaveLength(5);
    for (const p of inset) {
      for (let i = 0; i < zone.length; i++) {
        const a = zone[i]!;
        const b = zone[(i + 1) % zone.length]!;
        const len = Math.hypot(b[0]! - a[0]!, b[1]! - a[1]!);
        const dist = ((b[0]! - a[0]!) * (p[1] - a[1]!) - (b[1]! - a[1]!) * (p[0] - a[0]!)) / len;
        expect(dist).toBeGreaterThanOrEqual(4 - 1e-6);
      }
    }
  });

  it('refuses a concave L whose arm is thinner than twice the setback', () => {
    const l = [
      [0, 0],
      [60, 0],
      [60, 8],
      [8, 8],
      [8, 60],
      [0, 60],
    ].map(([x, y]) => [X + x!, Y + y!]);
    expect(planMassing(l, { maxFloors: 3, setbackM: 5 })).toBeNull();
    // …but a thick L insets fine (the reflex corner moves outwards correctly).
    const thick = [
      [0, 0],
      [60, 0],
      [60, 30],
      [30, 30],
      [30, 60],
      [0, 60],
    ].map(([x, y]) => [X + x!, Y + y!]);
    const m = planMassing(thick, { maxFloors: 3, setbackM: 5 })!;
    expect(m.footprintArea).toBeCloseTo(50 * 20 + 20 * 30, 6);
  });
});
