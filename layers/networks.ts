/**
 * Which line layers form a network with which point layers: what keeps pipes on their
 * manholes and mains on their valves when something is moved, split or drawn (the edit path's
 * topology, `gis-core/edit/topology.ts`), and what network rules read. Pure data.
 */
import type { LayerId } from './types.js';

/** Fields of a line that name, by uuid, the node at its start and at its end. */
export interface NetworkLinkFields {
  /** The layer the uuids point into. */
  readonly nodeLayer: LayerId;
  /** Node at the line's first vertex (pipes are drawn upstream → downstream). */
  readonly start: string;
  /** Node at the line's last vertex. */
  readonly end: string;
}

export interface NetworkDefinition {
  readonly id: 'drainage' | 'water';
  /** Line layers of the network (the edges). */
  readonly lines: readonly LayerId[];
  /** Point layers standing on the lines (the nodes): a line end on one is connected to it. */
  readonly nodes: readonly LayerId[];
  /** Node references kept in the line's attributes, where the network has them. */
  readonly links?: NetworkLinkFields;
  /**
   * Fields holding a level (m) at the line's start and at its end (pipe inverts): a line split
   * in two gets the level interpolated at the split point.
   */
  readonly levels?: { readonly start: string; readonly end: string };
  /** Lines also meet each other at shared end points (a junction without a node feature). */
  readonly junctions: boolean;
}

export const NETWORKS: readonly NetworkDefinition[] = [
  {
    id: 'drainage',
    lines: ['drainage_pipes'],
    nodes: ['drainage_manholes'],
    links: { nodeLayer: 'drainage_manholes', start: 'upstream_manhole', end: 'downstream_manhole' },
    levels: { start: 'upstream_invert_m', end: 'downstream_invert_m' },
    junctions: false,
  },
  {
    id: 'water',
    lines: ['water_mains'],
    nodes: ['water_valves', 'water_hydrants'],
    junctions: true,
  },
];

/** The network whose edges are `layer`, or undefined. */
export function networkOfLineLayer(layer: LayerId): NetworkDefinition | undefined {
  return NETWORKS.find((n) => n.lines.includes(layer));
}

/** The network whose nodes are `layer`, or undefined. */
export function networkOfNodeLayer(layer: LayerId): NetworkDefinition | undefined {
  return NETWORKS.find((n) => n.nodes.includes(layer));
}
