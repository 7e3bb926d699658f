/**
 * Keeping networks connected while they are edited (the networks: `layers/networks.ts`).
 * Given the project before a batch and the batch's basic operations, returns the extra
 * operations that keep line ends on their nodes:
 *
 * - A node (manhole, valve, hydrant) that moves drags every line end of its network that was
 *   within TOPOLOGY_SNAP_M of its old position; a drainage pipe whose upstream_manhole /
 *   downstream_manhole names the node has its start / end moved too, wherever it had drifted.
 *   A new node connects the line ends within TOPOLOGY_SNAP_M of it the same way.
 * - A new or reshaped line whose end lies within TOPOLOGY_SNAP_M of a node has that end put
 *   exactly on the node (the nearest one); an empty upstream_manhole (start) /
 *   downstream_manhole (end) of a pipe is filled with the node's uuid.
 * - A deleted node leaves its lines where they are; pipe fields that named it are cleared.
 * - Only nodes drag: when a water main's end moves, other mains that met it there (a junction
 *   without a node feature) stay where they are. Junctions with a valve on them follow the
 *   valve.
 *
 * Everything is computed on the state after the batch's operations, so the returned
 * operations can simply follow them. Pipe references to a node are looked up within
 * LINK_SEARCH_M of the node (the reader finds features by box only).
 */
import { networkOfLineLayer, networkOfNodeLayer, type NetworkDefinition } from '../../layers/networks.js';
import type { GeoJSONGeometry, LayerId, Position } from '../../layers/types.js';
import { TOPOLOGY_SNAP_M } from '../api/contract.js';
import { endsNear, withEnd, type LineEnd } from './actions/move-node.js';
import { boxAround, distance, samePosition, xy, type XY } from './geometry.js';
import { OverlayReader } from './overlay.js';
import type { BasicOperation, EditFeature, EditReader } from './types.js';

/** How far (m) from a node a pipe that names it is looked for (its end may have drifted). */
export const LINK_SEARCH_M = 25;

const key = (layer: LayerId, uuid: string): string => `${layer}\u0000${uuid}`;

function pointOf(geometry: GeoJSONGeometry | undefined): XY | undefined {
  return geometry?.type === 'Point' ? xy(geometry.coordinates) : undefined;
}

function lineOf(geometry: GeoJSONGeometry | undefined): XY[] | undefined {
  return geometry?.type === 'LineString' && geometry.coordinates.length >= 2 ? geometry.coordinates.map(xy) : undefined;
}

const isEmpty = (v: unknown): boolean => v === null || v === undefined || v === '';

/** A line being adjusted: its geometry and properties after the batch, and what topology changes. */
interface WorkingLine {
  readonly feature: EditFeature;
  readonly network: NetworkDefinition;
  coords: XY[];
  readonly properties: Record<string, unknown>;
}

class Adjustments {
  private readonly lines = new Map<string, WorkingLine>();

  line(feature: EditFeature): WorkingLine | undefined {
    const k = key(feature.layer, feature.uuid);
    const existing = this.lines.get(k);
    if (existing) return existing;
    const network = networkOfLineLayer(feature.layer);
    const coords = lineOf(feature.geometry);
    if (!network || !coords) return undefined;
    const line: WorkingLine = { feature, network, coords, properties: {} };
    this.lines.set(k, line);
    return line;
  }

  /** Puts an end of the line on the node, filling an empty link field of a pipe. */
  connect(line: WorkingLine, end: LineEnd, node: EditFeature, at: XY): void {
    const current = end === 'start' ? (line.coords[0] as XY) : (line.coords[line.coords.length - 1] as XY);
    if (!samePosition(current, at)) line.coords = withEnd(line.coords, end, at);
    const links = line.network.links;
    if (links && links.nodeLayer === node.layer) {
      const field = end === 'start' ? links.start : links.end;
      const value = field in line.properties ? line.properties[field] : line.feature.properties[field];
      if (isEmpty(value)) line.properties[field] = node.uuid;
    }
  }

  operations(): BasicOperation[] {
    const out: BasicOperation[] = [];
    for (const line of this.lines.values()) {
      const before = lineOf(line.feature.geometry) as XY[];
      const moved = before.length !== line.coords.length || before.some((p, i) => !samePosition(p, line.coords[i] as XY));
      const properties = Object.fromEntries(Object.entries(line.properties).filter(([f, v]) => line.feature.properties[f] !== v));
      const changedProps = Object.keys(properties).length > 0;
      if (!moved && !changedProps) continue;
      out.push({
        op: 'update',
        layer: line.feature.layer,
        uuid: line.feature.uuid,
        ...(changedProps ? { properties } : {}),
        ...(moved ? { geometry: { type: 'LineString', coordinates: line.coords } } : {}),
      });
    }
    return out;
  }
}

/** Lines of `network` in the state with an end within `radius` of p. */
function* linesNear(state: EditReader, network: NetworkDefinition, p: Position, radius: number): Generator<EditFeature> {
  for (const layer of network.lines) yield* state.featuresIn(layer, boxAround(p, radius));
}

/** The nearest node of `network` within `radius` of p, in the state. */
function nearestNode(state: EditReader, network: NetworkDefinition, p: Position, radius: number): { node: EditFeature; at: XY } | undefined {
  let best: { node: EditFeature; at: XY; d: number } | undefined;
  for (const layer of network.nodes) {
    for (const node of state.featuresIn(layer, boxAround(p, radius))) {
      const at = pointOf(node.geometry);
      if (!at) continue;
      const d = distance(at, p);
      if (d <= radius && (!best || d < best.d)) best = { node, at, d };
    }
  }
  return best;
}

/** The node of a network nearest `p` within `radius` (for actions that need it, e.g. splitting a line at a valve). */
export function nodeAt(state: EditReader, lineLayer: LayerId, p: Position, radius = TOPOLOGY_SNAP_M): { node: EditFeature; at: XY } | undefined {
  const network = networkOfLineLayer(lineLayer);
  return network ? nearestNode(state, network, p, radius) : undefined;
}

/**
 * The operations that keep networks connected after `operations` are applied to the project
 * `before` shows. `before` reflects the project before the operations.
 */
export function topologyOperations(before: EditReader, operations: readonly BasicOperation[], snap = TOPOLOGY_SNAP_M): BasicOperation[] {
  const state = new OverlayReader(before);
  const touched = new Map<string, { layer: LayerId; uuid: string }>();
  for (const op of operations) {
    state.apply(op);
    touched.set(key(op.layer, op.uuid), { layer: op.layer, uuid: op.uuid });
  }
  const work = new Adjustments();
  const reshaped: EditFeature[] = [];

  for (const { layer, uuid } of touched.values()) {
    const old = before.feature(layer, uuid);
    const now = state.feature(layer, uuid);
    const nodeNetwork = networkOfNodeLayer(layer);
    if (nodeNetwork) {
      const from = pointOf(old?.geometry);
      const to = pointOf(now?.geometry);
      if (now && to && (!from || !samePosition(from, to))) moveNode(state, work, nodeNetwork, now, from ?? to, to, snap);
      if (old && from && !now) unlinkNode(state, work, nodeNetwork, old, from);
    } else if (now && networkOfLineLayer(layer)) {
      const was = lineOf(old?.geometry);
      const is = lineOf(now.geometry);
      if (is && (!was || was.length !== is.length || was.some((p, i) => !samePosition(p, is[i] as XY)))) reshaped.push(now);
    }
  }

  for (const feature of reshaped) {
    const line = work.line(feature);
    if (!line) continue;
    for (const end of ['start', 'end'] as const) {
      const p = end === 'start' ? (line.coords[0] as XY) : (line.coords[line.coords.length - 1] as XY);
      const hit = nearestNode(state, line.network, p, snap);
      if (hit) work.connect(line, end, hit.node, hit.at);
    }
  }
  return work.operations();
}

/** A node moved from `from` to `to` (or was placed at `to`, from = to): its lines follow. */
function moveNode(state: EditReader, work: Adjustments, network: NetworkDefinition, node: EditFeature, from: XY, to: XY, snap: number): void {
  for (const feature of linesNear(state, network, from, snap)) {
    const coords = lineOf(feature.geometry);
    if (!coords) continue;
    for (const end of endsNear(coords, from, snap)) {
      const line = work.line(feature);
      if (line) work.connect(line, end, node, to);
    }
  }
  const links = network.links;
  if (!links || links.nodeLayer !== node.layer) return;
  for (const feature of linesNear(state, network, from, LINK_SEARCH_M)) {
    for (const end of ['start', 'end'] as const) {
      if (feature.properties[end === 'start' ? links.start : links.end] !== node.uuid) continue;
      const line = work.line(feature);
      if (line) work.connect(line, end, node, to);
    }
  }
}

/** A node deleted: pipe fields that named it are cleared; the lines stay. */
function unlinkNode(state: EditReader, work: Adjustments, network: NetworkDefinition, node: EditFeature, at: XY): void {
  const links = network.links;
  if (!links || links.nodeLayer !== node.layer) return;
  for (const feature of linesNear(state, network, at, LINK_SEARCH_M)) {
    for (const field of [links.start, links.end]) {
      if (feature.properties[field] !== node.uuid) continue;
      const line = work.line(feature);
      if (line) line.properties[field] = null;
    }
  }
}
