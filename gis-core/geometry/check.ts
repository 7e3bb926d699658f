/**
 * Structural checks of a geometry before it is stored: the right type for the layer, finite
 * coordinates, enough vertices, closed rings. (Topological validity — self-intersections —
 * is a validation rule, reported rather than refused, because planners must be able to save
 * work in progress.)
 */
import type { GeoJSONGeometry, GeometryType, Position } from '../../layers/types.js';

function positionProblem(p: Position | undefined): string | null {
  if (!Array.isArray(p) || p.length < 2) return 'a position needs at least x and y';
  for (const v of p) if (typeof v !== 'number' || !Number.isFinite(v)) return `coordinate ${String(v)} is not a finite number`;
  return null;
}

function lineProblem(line: readonly Position[], minimum: number, what: string): string | null {
  if (!Array.isArray(line) || line.length < minimum) return `${what} needs at least ${minimum} positions`;
  for (const p of line) {
    const problem = positionProblem(p);
    if (problem) return problem;
  }
  return null;
}

function ringProblem(ring: readonly Position[], index: number): string | null {
  const what = index === 0 ? 'the outer ring' : `hole ${index}`;
  const problem = lineProblem(ring, 4, what);
  if (problem) return problem;
  const first = ring[0] as Position;
  const last = ring[ring.length - 1] as Position;
  if (first[0] !== last[0] || first[1] !== last[1]) return `${what} is not closed (first and last positions differ)`;
  return null;
}

/** Returns null when the geometry can be stored in a layer of `expected` type, else why not. */
export function geometryProblem(geometry: unknown, expected: GeometryType): string | null {
  if (typeof geometry !== 'object' || geometry === null) return 'the geometry is missing';
  const g = geometry as GeoJSONGeometry;
  if (g.type !== expected) return `expected a ${expected} geometry, got ${String(g.type)}`;
  if (!Array.isArray(g.coordinates)) return 'the geometry has no coordinates array';
  switch (g.type) {
    case 'Point':
      return positionProblem(g.coordinates);
    case 'LineString': {
      const problem = lineProblem(g.coordinates, 2, 'a line');
      if (problem) return problem;
      return null;
    }
    case 'Polygon': {
      if (g.coordinates.length === 0) return 'a polygon needs an outer ring';
      for (let i = 0; i < g.coordinates.length; i++) {
        const problem = ringProblem(g.coordinates[i] as Position[], i);
        if (problem) return problem;
      }
      return null;
    }
    default:
      return `geometry type ${(g as { type: string }).type} is not stored by PlanDesk layers`;
  }
}

/** [minx, miny, maxx, maxy] of any geometry. */
export function geometryBounds(geometry: GeoJSONGeometry): [number, number, number, number] {
  let minx = Infinity;
  let miny = Infinity;
  let maxx = -Infinity;
  let maxy = -Infinity;
  const visit = (c: unknown): void => {
    if (typeof (c as number[])[0] === 'number') {
      const [x, y] = c as [number, number];
      if (x < minx) minx = x;
      if (y < miny) miny = y;
      if (x > maxx) maxx = x;
      if (y > maxy) maxy = y;
    } else for (const child of c as unknown[]) visit(child);
  };
  visit(geometry.coordinates);
  return [minx, miny, maxx, maxy];
}
