/**
 * Moving the ends of a line with the node they stand on (iD's `actionMoveNode`, for the ends of
 * network lines). Pure: coordinates in, coordinates out (project CRS, metres).
 */
import type { Position } from '../../../layers/types.js';
import { distance, samePosition, xy, type XY } from '../geometry.js';

export type LineEnd = 'start' | 'end';

/** The ends of `line` within `tolerance` (m) of `p`. */
export function endsNear(line: readonly Position[], p: Position, tolerance: number): LineEnd[] {
  const ends: LineEnd[] = [];
  if (line.length < 2) return ends;
  if (distance(line[0] as Position, p) <= tolerance) ends.push('start');
  if (distance(line[line.length - 1] as Position, p) <= tolerance) ends.push('end');
  return ends;
}

/**
 * `line` with its start or end vertex at `to`. A neighbour vertex that would repeat the new
 * end is dropped (a line keeps at least two positions).
 */
export function withEnd(line: readonly Position[], end: LineEnd, to: Position): XY[] {
  const coords = line.map(xy);
  const target = xy(to);
  if (end === 'start') {
    coords[0] = target;
    while (coords.length > 2 && samePosition(coords[1] as XY, target)) coords.splice(1, 1);
  } else {
    coords[coords.length - 1] = target;
    while (coords.length > 2 && samePosition(coords[coords.length - 2] as XY, target)) coords.splice(coords.length - 2, 1);
  }
  return coords;
}

/**
 * The line after a node standing on it moves from `from` to `to`: every end within
 * `tolerance` of `from` follows the node. Undefined when no end is on the node.
 */
export function moveConnectedEnds(line: readonly Position[], from: Position, to: Position, tolerance: number): XY[] | undefined {
  const ends = endsNear(line, from, tolerance);
  if (ends.length === 0) return undefined;
  let coords: readonly Position[] = line;
  for (const end of ends) coords = withEnd(coords, end, to);
  return coords.map(xy);
}
