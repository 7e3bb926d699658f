import { describe, expect, it } from 'vitest';
import type { EditOperation } from '../../gis-core/api/contract.js';
import { generateDemo } from '../../gis-core/demo/generate.js';
import { compactOperations, expandOperations } from '../../gis-core/edit/expand.js';
import { distanceToLine, polygonArea, type XY } from '../../gis-core/edit/geometry.js';
import type { BasicOperation, EditReader } from '../../gis-core/edit/types.js';
import { newUuid } from '../../gis-core/util/uuid.js';
import type { GeoJSONGeometry } from '../../layers/types.js';
import { MemoryReader, demoReader, refusal } from '../helpers/memory-reader.js';

const X = 568_200.125;
const Y = 1_151_400.375;
const at = (dx: number, dy: number): XY => [X + dx, Y + dy];
const line = (...coordinates: XY[]): GeoJSONGeometry => ({ type: 'LineString', coordinates });
const point = (p: XY): GeoJSONGeometry => ({ type: 'Point', coordinates: p });
const polygon = (...ring: XY[]): GeoJSONGeometry => ({ type: 'Polygon', coordinates: [ring] });
const rect = (x0: number, y0: number, x1: number, y1: number): GeoJSONGeometry => polygon(at(x0, y0), at(x1, y0), at(x1, y1), at(x0, y1), at(x0, y0));

const on = { topology: true, newUuid };
const off = { topology: false, newUuid };

function geometryOf(op: BasicOperation | undefined): GeoJSONGeometry {
  if (!op || op.op === 'delete' || !op.geometry) throw new Error('no geometry in operation');
  return op.geometry;
}
const coordsOf = (op: BasicOperation | undefined): XY[] => geometryOf(op).coordinates as XY[];

describe('splitLine', () => {
  const MAIN = newUuid();
  const VALVE = newUuid();
  const mainProps = { code: 'OCN-0001', diameter_mm: 200, material: 'hdpe', pressure_zone: 'Z1', year: 2015, length_m: 100, status: 'existing' };
  // The valve stands 3 cm off the main (as drawn), within TOPOLOGY_SNAP_M.
  const valvePos = at(60, 0.03);
  const water = (): MemoryReader =>
    new MemoryReader().put('water_mains', MAIN, line(at(0, 0), at(100, 0)), mainProps).put('water_valves', VALVE, point(valvePos), { valve_type: 'gate' });

  it('splits a water main at a valve: both parts end exactly on the valve, attributes carried', () => {
    const second = newUuid();
    const ops = expandOperations([{ op: 'splitLine', layer: 'water_mains', uuid: MAIN, at: valvePos, newUuid: second }], water(), on);
    expect(ops).toHaveLength(2);
    const [first, inserted] = ops;
    expect(first).toEqual({ op: 'update', layer: 'water_mains', uuid: MAIN, geometry: line(at(0, 0), valvePos) });
    expect(inserted).toEqual({
      op: 'insert',
      layer: 'water_mains',
      uuid: second,
      properties: { code: 'OCN-0001', diameter_mm: 200, material: 'hdpe', pressure_zone: 'Z1', year: 2015, status: 'existing' },
      geometry: line(valvePos, at(100, 0)),
    });
  });

  it('without topology splits at the point of the main nearest the position', () => {
    const ops = expandOperations([{ op: 'splitLine', layer: 'water_mains', uuid: MAIN, at: valvePos }], water(), off);
    expect(coordsOf(ops[0])[1]).toEqual(at(60, 0));
    expect(coordsOf(ops[1])[0]).toEqual(at(60, 0));
    expect(ops[1]?.op === 'insert' && typeof ops[1].uuid).toBe('string');
  });

  it('splits a drainage pipe at a manhole: the parts name it, inverts are interpolated', () => {
    const PIPE = newUuid();
    const UP = newUuid();
    const MID = newUuid();
    const DOWN = newUuid();
    const reader = new MemoryReader()
      .put('drainage_pipes', PIPE, line(at(0, 0), at(40, 0)), {
        system: 'storm',
        diameter_mm: 600,
        upstream_invert_m: 1.2,
        downstream_invert_m: 1.0,
        upstream_manhole: UP,
        downstream_manhole: DOWN,
        length_m: 40,
        slope_pct: 0.5,
      })
      .put('drainage_manholes', MID, point(at(10, -0.01)), {});
    const ops = expandOperations([{ op: 'splitLine', layer: 'drainage_pipes', uuid: PIPE, at: at(10, 0) }], reader, on);
    expect(ops[0]).toMatchObject({ op: 'update', properties: { downstream_manhole: MID, downstream_invert_m: 1.15 }, geometry: line(at(0, 0), at(10, -0.01)) });
    expect(ops[1]).toMatchObject({ op: 'insert', properties: { upstream_manhole: MID, upstream_invert_m: 1.15, downstream_manhole: DOWN, downstream_invert_m: 1 } });
    const props = ops[1]?.op === 'insert' ? ops[1].properties : {};
    expect('length_m' in props || 'slope_pct' in props).toBe(false);
    // No manhole at the split point: the new ends name none.
    const bare = expandOperations([{ op: 'splitLine', layer: 'drainage_pipes', uuid: PIPE, at: at(30, 0) }], reader, on);
    expect(bare[0]).toMatchObject({ properties: { downstream_manhole: null } });
    expect(bare[1]).toMatchObject({ properties: { upstream_manhole: null, upstream_invert_m: 1.05 } });
  });

  it('splits a demo main at a hydrant standing on it', () => {
    const demo = generateDemo({ scale: 'small', seed: 1, side: 700 });
    const reader = demoReader(demo.layers, ['water_mains', 'water_valves', 'water_hydrants']);
    const mains = reader.all('water_mains');
    const found = reader
      .all('water_hydrants')
      .map((h) => ({ h, main: mains.find((m) => distanceToLine(h.geometry.coordinates as XY, m.geometry.coordinates as XY[]) < 0.01) }))
      .find((x) => x.main);
    if (!found?.main) throw new Error('no hydrant on a main in the demo');
    const hydrant = found.h.geometry.coordinates as XY;
    const ops = expandOperations([{ op: 'splitLine', layer: 'water_mains', uuid: found.main.uuid, at: hydrant }], reader, on);
    const [first, second] = ops.map(coordsOf) as [XY[], XY[]];
    expect(first[first.length - 1]).toEqual(hydrant);
    expect(second[0]).toEqual(hydrant);
    const original = found.main.geometry.coordinates as XY[];
    expect(first[0]).toEqual(original[0]);
    expect(second[second.length - 1]).toEqual(original[original.length - 1]);
    expect(ops[1]).toMatchObject({ op: 'insert', properties: { code: found.main.properties['code'], diameter_mm: found.main.properties['diameter_mm'] } });
  });

  it('refuses a split of an unknown feature, of a polygon layer, or at an end', () => {
    const missing = newUuid();
    const unknown = refusal(() => expandOperations([{ op: 'splitLine', layer: 'water_mains', uuid: missing, at: at(0, 0) }], water(), on));
    expect(unknown).toEqual({ code: 'UNKNOWN_FEATURE', message: `No feature ${missing} in layer water_mains (operation 1 (splitLine)).` });
    const Z = newUuid();
    const reader = water().put('zoning', Z, rect(0, 0, 10, 10));
    const wrong = refusal(() => expandOperations([{ op: 'splitLine', layer: 'zoning', uuid: Z, at: at(5, 0) }], reader, on));
    expect(wrong.code).toBe('INVALID_ARGUMENT');
    expect(wrong.message).toBe(`Cannot split zoning ${Z}: the layer holds Polygon geometries, not LineString (operation 1 (splitLine)).`);
    const end = refusal(() => expandOperations([{ op: 'splitLine', layer: 'water_mains', uuid: MAIN, at: at(99.995, 0) }], water(), on));
    expect(end.code).toBe('INVALID_ARGUMENT');
    expect(end.message).toContain(`water_mains ${MAIN}`);
    const layer = refusal(() => expandOperations([{ op: 'delete', layer: 'nope' as 'zoning', uuid: MAIN }], water(), on));
    expect(layer.code).toBe('UNKNOWN_LAYER');
  });
});

describe('splitPolygon and mergePolygons', () => {
  const A = newUuid();
  const B = newUuid();
  const zone = { zone_code: 'OM-01', function_code: 'OM', land_law_code: 'ODT', status: 'planned', area_m2: 6000, max_density_pct: 60 };
  const reader = (): MemoryReader => new MemoryReader().put('zoning', A, rect(0, 0, 100, 60), zone).put('zoning', B, rect(100, 0, 150, 60), { ...zone, zone_code: 'OM-02' });

  it('splits a zone by a line: the larger part keeps the uuid, the other is inserted with the attributes', () => {
    const second = newUuid();
    const ops = expandOperations([{ op: 'splitPolygon', layer: 'zoning', uuid: A, line: [at(70, -5), at(70, 65)], newUuid: second }], reader(), on);
    expect(ops.map((o) => [o.op, o.uuid])).toEqual([
      ['update', A],
      ['insert', second],
    ]);
    expect(polygonArea(geometryOf(ops[0]).coordinates as XY[][])).toBeCloseTo(4200, 6);
    expect(polygonArea(geometryOf(ops[1]).coordinates as XY[][])).toBeCloseTo(1800, 6);
    const { area_m2: _area, ...copied } = zone;
    expect(ops[1]).toMatchObject({ properties: copied });
  });

  it('merges two adjacent zones into the first and deletes the other', () => {
    const ops = expandOperations([{ op: 'mergePolygons', layer: 'zoning', uuids: [A, B] }], reader(), on);
    expect(ops.map((o) => [o.op, o.uuid])).toEqual([
      ['update', A],
      ['delete', B],
    ]);
    expect(polygonArea(geometryOf(ops[0]).coordinates as XY[][])).toBeCloseTo(9000, 6);
    expect(refusal(() => expandOperations([{ op: 'mergePolygons', layer: 'zoning', uuids: [A, A] }], reader(), on)).message).toMatch(/listed twice/);
    expect(refusal(() => expandOperations([{ op: 'mergePolygons', layer: 'water_mains', uuids: [A, B] }], reader(), on)).code).toBe('INVALID_ARGUMENT');
  });
});

describe('a batch with several operations', () => {
  const M = newUuid();
  const P = newUuid();
  const make = (): MemoryReader =>
    new MemoryReader()
      .put('drainage_manholes', M, point(at(40, 0)), { kind: 'manhole' })
      .put('drainage_pipes', P, line(at(0, 0), at(40, 0)), { downstream_manhole: M, diameter_mm: 400 });

  it('later operations see the earlier ones, and one feature gets one operation', () => {
    const N = newUuid();
    const batch: EditOperation[] = [
      { op: 'insert', layer: 'drainage_manholes', uuid: N, properties: { kind: 'manhole' }, geometry: point(at(0, 10)) },
      { op: 'update', layer: 'drainage_manholes', uuid: N, properties: { code: 'HG-9' }, geometry: point(at(0, 12)) },
      { op: 'update', layer: 'drainage_pipes', uuid: P, properties: { diameter_mm: 500 } },
      { op: 'update', layer: 'drainage_pipes', uuid: P, properties: { material: 'concrete' } },
    ];
    expect(expandOperations(batch, make(), off)).toEqual([
      { op: 'insert', layer: 'drainage_manholes', uuid: N, properties: { kind: 'manhole', code: 'HG-9' }, geometry: point(at(0, 12)) },
      { op: 'update', layer: 'drainage_pipes', uuid: P, properties: { diameter_mm: 500, material: 'concrete' } },
    ]);
  });

  it('a split sees the geometry an earlier update gave the line', () => {
    const ops = expandOperations(
      [
        { op: 'update', layer: 'drainage_pipes', uuid: P, geometry: line(at(0, 0), at(0, 40)) },
        { op: 'splitLine', layer: 'drainage_pipes', uuid: P, at: at(0, 30) },
      ],
      make(),
      off,
    );
    expect(ops).toHaveLength(2);
    expect(coordsOf(ops[0])).toEqual([at(0, 0), at(0, 30)]);
    expect(coordsOf(ops[1])).toEqual([at(0, 30), at(0, 40)]);
  });

  it('moving a manhole moves its pipe with topology on, and merges that into the pipe edit of the batch', () => {
    const batch: EditOperation[] = [
      { op: 'update', layer: 'drainage_pipes', uuid: P, properties: { diameter_mm: 500 } },
      { op: 'update', layer: 'drainage_manholes', uuid: M, geometry: point(at(42, 1)) },
    ];
    expect(expandOperations(batch, make(), on)).toEqual([
      { op: 'update', layer: 'drainage_pipes', uuid: P, properties: { diameter_mm: 500 }, geometry: line(at(0, 0), at(42, 1)) },
      { op: 'update', layer: 'drainage_manholes', uuid: M, geometry: point(at(42, 1)) },
    ]);
    expect(expandOperations(batch, make(), off)).toHaveLength(2);
    expect(coordsOf(expandOperations(batch, make(), off)[1])).toEqual(at(42, 1));
  });

  it('refuses operations on a feature deleted earlier in the batch, and reused uuids', () => {
    const gone = refusal(() =>
      expandOperations(
        [
          { op: 'delete', layer: 'drainage_pipes', uuid: P },
          { op: 'update', layer: 'drainage_pipes', uuid: P, properties: { diameter_mm: 500 } },
        ],
        make(),
        on,
      ),
    );
    expect(gone).toEqual({ code: 'UNKNOWN_FEATURE', message: `No feature ${P} in layer drainage_pipes (deleted earlier in this batch) (operation 2 (update)).` });
    const reused = refusal(() => expandOperations([{ op: 'insert', layer: 'drainage_manholes', uuid: M, properties: {}, geometry: point(at(1, 1)) }], make(), on));
    expect(reused.code).toBe('INVALID_ARGUMENT');
    const bad = refusal(() => expandOperations([{ op: 'insert', layer: 'drainage_pipes', properties: {}, geometry: point(at(1, 1)) }], make(), on));
    expect(bad.code).toBe('INVALID_FEATURE');
    expect(bad.message).toMatch(/in layer drainage_pipes: expected a LineString geometry, got Point/);
  });

  it('an insert deleted in the same batch leaves nothing', () => {
    const reader: EditReader = make();
    const N = newUuid();
    expect(
      expandOperations(
        [
          { op: 'insert', layer: 'drainage_manholes', uuid: N, properties: {}, geometry: point(at(5, 5)) },
          { op: 'delete', layer: 'drainage_manholes', uuid: N },
        ],
        reader,
        on,
      ),
    ).toEqual([]);
    expect(compactOperations([{ op: 'update', layer: 'zoning', uuid: N, properties: { name: 'a' } }, { op: 'delete', layer: 'zoning', uuid: N }])).toEqual([
      { op: 'delete', layer: 'zoning', uuid: N },
    ]);
  });
});
