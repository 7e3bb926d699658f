import { describe, expect, it } from 'vitest';
import { TOPOLOGY_SNAP_M } from '../../gis-core/api/contract.js';
import { generateDemo } from '../../gis-core/demo/generate.js';
import { distance, type XY } from '../../gis-core/edit/geometry.js';
import { topologyOperations } from '../../gis-core/edit/topology.js';
import type { BasicOperation } from '../../gis-core/edit/types.js';
import { newUuid } from '../../gis-core/util/uuid.js';
import { NETWORKS, networkOfLineLayer, networkOfNodeLayer } from '../../layers/networks.js';
import { LAYERS } from '../../layers/index.js';
import type { GeoJSONGeometry } from '../../layers/types.js';
import { MemoryReader, demoReader } from '../helpers/memory-reader.js';

const X = 568_200.125;
const Y = 1_151_400.375;
const at = (dx: number, dy: number): XY => [X + dx, Y + dy];
const line = (...coordinates: XY[]): GeoJSONGeometry => ({ type: 'LineString', coordinates });
const point = (p: XY): GeoJSONGeometry => ({ type: 'Point', coordinates: p });

function coordsOf(op: BasicOperation | undefined): XY[] {
  if (!op || op.op === 'delete' || !op.geometry) throw new Error('no geometry in operation');
  return op.geometry.coordinates as XY[];
}

describe('networks (layers/networks.ts)', () => {
  it('names real layers and fields', () => {
    const layers = new Map(LAYERS.map((l) => [l.id, l]));
    for (const network of NETWORKS) {
      for (const id of network.lines) expect(layers.get(id)?.geometryType).toBe('LineString');
      for (const id of network.nodes) expect(layers.get(id)?.geometryType).toBe('Point');
      for (const field of [network.links?.start, network.links?.end, network.levels?.start, network.levels?.end]) {
        if (field) expect(network.lines.every((id) => layers.get(id)?.fields.some((f) => f.key === field))).toBe(true);
      }
    }
    expect(networkOfLineLayer('water_mains')?.nodes).toEqual(['water_valves', 'water_hydrants']);
    expect(networkOfNodeLayer('drainage_manholes')?.lines).toEqual(['drainage_pipes']);
    expect(networkOfLineLayer('roads')).toBeUndefined();
  });
});

describe('topology on the demo', () => {
  const demo = generateDemo({ scale: 'small', seed: 1, side: 700 });
  const reader = demoReader(demo.layers, ['drainage_pipes', 'drainage_manholes', 'water_mains', 'water_valves', 'water_hydrants']);

  it('moving a manhole moves the ends of its pipes, and nothing else', () => {
    const pipes = reader.all('drainage_pipes');
    const manhole = reader
      .all('drainage_manholes')
      .find((m) => pipes.filter((p) => p.properties['upstream_manhole'] === m.uuid || p.properties['downstream_manhole'] === m.uuid).length >= 2);
    if (!manhole) throw new Error('no manhole with two pipes in the demo');
    const connected = pipes.filter((p) => p.properties['upstream_manhole'] === manhole.uuid || p.properties['downstream_manhole'] === manhole.uuid);
    const from = manhole.geometry.coordinates as XY;
    const to: XY = [from[0] + 1.5, from[1] - 0.75];
    const ops = topologyOperations(reader, [{ op: 'update', layer: 'drainage_manholes', uuid: manhole.uuid, geometry: point(to) }]);
    expect(ops.map((o) => o.uuid).sort()).toEqual(connected.map((p) => p.uuid).sort());
    for (const pipe of connected) {
      const op = ops.find((o) => o.uuid === pipe.uuid);
      expect(op?.op).toBe('update');
      const before = pipe.geometry.coordinates as XY[];
      const after = coordsOf(op);
      expect(after).toHaveLength(before.length);
      const upstream = pipe.properties['upstream_manhole'] === manhole.uuid;
      expect(upstream ? after[0] : after[after.length - 1]).toEqual(to);
      // The other end stays where it was.
      expect(upstream ? after[after.length - 1] : after[0]).toEqual(upstream ? before[before.length - 1] : before[0]);
      expect(op?.op === 'update' && op.properties).toBeFalsy();
    }
  });

  it('moving a valve at a meeting of mains moves every main end on it', () => {
    const mains = reader.all('water_mains');
    const valve = reader.all('water_valves').find((v) => {
      const p = v.geometry.coordinates as XY;
      return mains.filter((m) => {
        const c = m.geometry.coordinates as XY[];
        return distance(c[0] as XY, p) <= TOPOLOGY_SNAP_M || distance(c[c.length - 1] as XY, p) <= TOPOLOGY_SNAP_M;
      }).length >= 3;
    });
    if (!valve) throw new Error('no valve where three mains meet in the demo');
    const from = valve.geometry.coordinates as XY;
    const to: XY = [from[0] - 0.4, from[1] + 0.3];
    const ops = topologyOperations(reader, [{ op: 'update', layer: 'water_valves', uuid: valve.uuid, geometry: point(to) }]);
    expect(ops.length).toBeGreaterThanOrEqual(3);
    for (const op of ops) {
      expect(op.layer).toBe('water_mains');
      const c = coordsOf(op);
      expect(samePoint(c[0] as XY, to) || samePoint(c[c.length - 1] as XY, to)).toBe(true);
    }
  });

  it('a hydrant standing inside a main does not drag it', () => {
    const hydrant = reader.all('water_hydrants')[0];
    if (!hydrant) throw new Error('no hydrant');
    const from = hydrant.geometry.coordinates as XY;
    expect(topologyOperations(reader, [{ op: 'update', layer: 'water_hydrants', uuid: hydrant.uuid, geometry: point([from[0] + 2, from[1]]) }])).toEqual([]);
  });
});

const samePoint = (a: XY, b: XY): boolean => a[0] === b[0] && a[1] === b[1];

describe('topology rules', () => {
  const M1 = newUuid();
  const M2 = newUuid();
  const M3 = newUuid();
  const P1 = newUuid();
  const P2 = newUuid();
  const make = (): MemoryReader =>
    new MemoryReader()
      .put('drainage_manholes', M1, point(at(0, 0)), { kind: 'manhole' })
      .put('drainage_manholes', M2, point(at(40, 0)), { kind: 'manhole' })
      .put('drainage_manholes', M3, point(at(80, 0)), { kind: 'manhole' })
      // P1 M1 → M2, its end drifted 30 cm off M2.
      .put('drainage_pipes', P1, line(at(0, 0), at(40.3, 0)), { upstream_manhole: M1, downstream_manhole: M2 })
      .put('drainage_pipes', P2, line(at(40, 0), at(80, 0)), { upstream_manhole: M2, downstream_manhole: M3 });

  it('a pipe that names a moved manhole follows it even when its end had drifted', () => {
    const ops = topologyOperations(make(), [{ op: 'update', layer: 'drainage_manholes', uuid: M2, geometry: point(at(41, 1)) }]);
    expect(ops).toHaveLength(2);
    expect(coordsOf(ops.find((o) => o.uuid === P1))).toEqual([at(0, 0), at(41, 1)]);
    expect(coordsOf(ops.find((o) => o.uuid === P2))).toEqual([at(41, 1), at(80, 0)]);
  });

  it('a new pipe drawn near manholes snaps onto them and gets its manholes filled', () => {
    const P3 = newUuid();
    const ops = topologyOperations(make(), [
      { op: 'insert', layer: 'drainage_pipes', uuid: P3, properties: { system: 'storm' }, geometry: line(at(0.03, 0.02), at(20, 20), at(79.99, -0.01)) },
    ]);
    expect(ops).toEqual([
      {
        op: 'update',
        layer: 'drainage_pipes',
        uuid: P3,
        properties: { upstream_manhole: M1, downstream_manhole: M3 },
        geometry: line(at(0, 0), at(20, 20), at(80, 0)),
      },
    ]);
  });

  it('a reshaped pipe end snaps without overwriting a manhole it already names', () => {
    const ops = topologyOperations(make(), [{ op: 'update', layer: 'drainage_pipes', uuid: P2, geometry: line(at(40, 0), at(79.97, 0.01)) }]);
    expect(ops).toEqual([{ op: 'update', layer: 'drainage_pipes', uuid: P2, geometry: line(at(40, 0), at(80, 0)) }]);
  });

  it('a deleted manhole leaves its pipes and clears the fields that named it', () => {
    const ops = topologyOperations(make(), [{ op: 'delete', layer: 'drainage_manholes', uuid: M2 }]);
    expect(ops).toHaveLength(2);
    expect(ops.find((o) => o.uuid === P1)).toEqual({ op: 'update', layer: 'drainage_pipes', uuid: P1, properties: { downstream_manhole: null } });
    expect(ops.find((o) => o.uuid === P2)).toEqual({ op: 'update', layer: 'drainage_pipes', uuid: P2, properties: { upstream_manhole: null } });
  });

  it('a new manhole at a loose pipe end connects it', () => {
    const reader = make().put('drainage_pipes', newUuid(), line(at(0, 40), at(0, 80)), {});
    const M4 = newUuid();
    const ops = topologyOperations(reader, [{ op: 'insert', layer: 'drainage_manholes', uuid: M4, properties: {}, geometry: point(at(0.01, 80.01)) }]);
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatchObject({ properties: { downstream_manhole: M4 }, geometry: line(at(0, 40), at(0.01, 80.01)) });
  });

  it('a main end moved away from a junction does not drag the other mains', () => {
    const A = newUuid();
    const B = newUuid();
    const reader = new MemoryReader().put('water_mains', A, line(at(0, 0), at(50, 0))).put('water_mains', B, line(at(50, 0), at(50, 50)));
    expect(topologyOperations(reader, [{ op: 'update', layer: 'water_mains', uuid: A, geometry: line(at(0, 0), at(52, 3)) }])).toEqual([]);
  });

  it('does nothing for layers outside networks', () => {
    const Z = newUuid();
    const reader = make().put('zoning', Z, { type: 'Polygon', coordinates: [[at(0, 0), at(1, 0), at(1, 1), at(0, 0)]] });
    expect(topologyOperations(reader, [{ op: 'update', layer: 'zoning', uuid: Z, properties: { name: 'x' } }])).toEqual([]);
  });
});
