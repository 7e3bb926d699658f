/** Turning local plan coordinates into project features: EPSG:5897 metres rounded to the millimetre. */
import type { Pt } from '../geometry.js';

export type XY = [number, number];

export interface PointGeometry {
  readonly type: 'Point';
  readonly coordinates: XY;
}

export interface LineGeometry {
  readonly type: 'LineString';
  readonly coordinates: XY[];
}

export interface PolygonGeometry {
  readonly type: 'Polygon';
  readonly coordinates: XY[][];
}

export class Output {
  constructor(
    readonly originX: number,
    readonly originY: number,
  ) {}

  xy(p: Pt): XY {
    return [Math.round((this.originX + p[0]) * 1000) / 1000, Math.round((this.originY + p[1]) * 1000) / 1000];
  }

  point(p: Pt): PointGeometry {
    return { type: 'Point', coordinates: this.xy(p) };
  }

  /** A line with consecutive duplicate vertices (after rounding) removed. */
  lineCoords(points: readonly Pt[]): XY[] {
    const out: XY[] = [];
    for (const p of points) {
      const q = this.xy(p);
      const last = out[out.length - 1];
      if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
    }
    return out;
  }

  line(points: readonly Pt[]): LineGeometry {
    return { type: 'LineString', coordinates: this.lineCoords(points) };
  }

  /** A closed polygon from an open ring. */
  polygon(ring: readonly Pt[]): PolygonGeometry {
    const coords = this.lineCoords(ring);
    const first = coords[0] as XY;
    const last = coords[coords.length - 1] as XY;
    if (last[0] === first[0] && last[1] === first[1]) coords.pop();
    coords.push([first[0], first[1]]);
    return { type: 'Polygon', coordinates: [coords] };
  }
}

/** Area of a closed GeoJSON ring (shoelace), m². */
export function ringArea(ring: readonly (readonly number[])[]): number {
  // Relative to the first vertex: projected coordinates are large, products would lose digits.
  const [x0, y0] = ring[0] as readonly number[] as [number, number];
  let s = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const a = ring[i] as readonly number[];
    const b = ring[i + 1] as readonly number[];
    s += ((a[0] as number) - x0) * ((b[1] as number) - y0) - ((b[0] as number) - x0) * ((a[1] as number) - y0);
  }
  return Math.abs(s) / 2;
}

export function lineLength(coords: readonly (readonly number[])[]): number {
  let s = 0;
  for (let i = 1; i < coords.length; i++) {
    const a = coords[i - 1] as readonly number[];
    const b = coords[i] as readonly number[];
    s += Math.hypot((b[0] as number) - (a[0] as number), (b[1] as number) - (a[1] as number));
  }
  return s;
}

export function round(x: number, digits: number): number {
  const k = 10 ** digits;
  return Math.round(x * k) / k;
}
