/**
 * Splits a line in two at the point of it nearest a given position (iD's `actionSplit`, for
 * one line). Pure: coordinates in, coordinates out (project CRS, metres).
 */
import type { Position } from '../../../layers/types.js';
import { PlanDeskError } from '../../errors.js';
import { distance, lineLength, nearestOnLine, xy, type XY } from '../geometry.js';

/** Default largest distance (m) from the line of the position to split at. */
export const SPLIT_TOLERANCE_M = 1;
/** Shortest part (m) a split may leave. */
export const MIN_PART_LENGTH_M = 0.01;
/** A vertex within this distance (m) of the split point is replaced by it, not kept beside it. */
const SAME_VERTEX_M = 1e-3;

export interface SplitLineOptions {
  /** Names the feature in messages, e.g. "water_mains 0192…". */
  readonly feature: string;
  /** Largest distance (m) of `at` from the line; SPLIT_TOLERANCE_M by default. */
  readonly tolerance?: number;
  /**
   * The position the split vertex takes instead of the projection of `at` (a node standing
   * on the line, so both parts end exactly on it). Must be within `tolerance` of the line.
   */
  readonly vertex?: Position;
}

export interface SplitLineResult {
  /** From the line's start to the split vertex. */
  readonly before: XY[];
  /** From the split vertex to the line's end. */
  readonly after: XY[];
  /** The split vertex, the last position of `before` and the first of `after`. */
  readonly vertex: XY;
  /** Distance along the original line from its start to the split point (m). */
  readonly station: number;
  readonly length: number;
}

/**
 * Splits `line` at the point of it nearest `at`. Refuses (INVALID_ARGUMENT, naming the
 * feature) when `at` is farther than the tolerance from the line, or so near an end that a
 * part would be shorter than MIN_PART_LENGTH_M.
 */
export function splitLine(line: readonly Position[], at: Position, options: SplitLineOptions): SplitLineResult {
  const tolerance = options.tolerance ?? SPLIT_TOLERANCE_M;
  if (line.length < 2) throw new PlanDeskError('INVALID_ARGUMENT', `Cannot split ${options.feature}: the line has fewer than two positions.`);
  const hit = nearestOnLine(at, line);
  if (hit.distance > tolerance) {
    throw new PlanDeskError(
      'INVALID_ARGUMENT',
      `Cannot split ${options.feature}: the split point is ${hit.distance.toFixed(2)} m from the line (at most ${tolerance} m).`,
    );
  }
  const vertex: XY = options.vertex ? xy(options.vertex) : hit.point;
  const before: XY[] = line.slice(0, hit.segment + 1).map(xy);
  const after: XY[] = line.slice(hit.segment + 1).map(xy);
  // A vertex of the line at (or within a millimetre of) the split point becomes the split vertex.
  while (before.length > 1 && distance(before[before.length - 1] as XY, vertex) <= SAME_VERTEX_M) before.pop();
  while (after.length > 1 && distance(after[0] as XY, vertex) <= SAME_VERTEX_M) after.shift();
  before.push(vertex);
  after.unshift([vertex[0], vertex[1]]);
  const total = lineLength(line);
  const first = lineLength(before);
  const second = lineLength(after);
  if (first < MIN_PART_LENGTH_M || second < MIN_PART_LENGTH_M || before.length < 2 || after.length < 2) {
    throw new PlanDeskError(
      'INVALID_ARGUMENT',
      `Cannot split ${options.feature} at ${hit.station.toFixed(3)} m of ${total.toFixed(3)} m: a part would be shorter than ${MIN_PART_LENGTH_M} m (split away from the ends).`,
    );
  }
  return { before, after, vertex, station: hit.station, length: total };
}
