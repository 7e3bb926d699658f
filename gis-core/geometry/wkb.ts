/**
 * GeoJSON geometry <-> OGC WKB (2D, little-endian), the exchange format with SpatiaLite
 * (`GeomFromWKB` / `AsBinary`). Hand-written rather than through a general library because it
 * sits on the hottest path of the store (every feature read and written, a million at a time)
 * and must not allocate an object per vertex.
 */
import type { GeoJSONGeometry, Position } from '../../layers/types.js';

const WKB_TYPES = { Point: 1, LineString: 2, Polygon: 3, MultiPoint: 4, MultiLineString: 5, MultiPolygon: 6 } as const;
type WkbTypeName = keyof typeof WKB_TYPES;

function byteLength(geometry: GeoJSONGeometry): number {
  switch (geometry.type) {
    case 'Point':
      return 5 + 16;
    case 'LineString':
    case 'MultiPoint':
      return geometry.type === 'LineString' ? 9 + 16 * geometry.coordinates.length : 9 + 21 * geometry.coordinates.length;
    case 'Polygon':
      return 9 + geometry.coordinates.reduce((sum, ring) => sum + 4 + 16 * ring.length, 0);
    case 'MultiLineString':
      return 9 + geometry.coordinates.reduce((sum, line) => sum + 9 + 16 * line.length, 0);
    case 'MultiPolygon':
      return (
        9 +
        geometry.coordinates.reduce(
          (sum, polygon) => sum + 9 + polygon.reduce((ringSum, ring) => ringSum + 4 + 16 * ring.length, 0),
          0,
        )
      );
  }
}

class WkbWriter {
  private offset = 0;
  constructor(private readonly view: DataView) {}
  header(type: WkbTypeName): void {
    this.view.setUint8(this.offset, 1);
    this.view.setUint32(this.offset + 1, WKB_TYPES[type], true);
    this.offset += 5;
  }
  count(n: number): void {
    this.view.setUint32(this.offset, n, true);
    this.offset += 4;
  }
  position(p: Position): void {
    this.view.setFloat64(this.offset, p[0] as number, true);
    this.view.setFloat64(this.offset + 8, p[1] as number, true);
    this.offset += 16;
  }
  positions(ps: readonly Position[]): void {
    this.count(ps.length);
    for (const p of ps) this.position(p);
  }
  rings(rings: readonly (readonly Position[])[]): void {
    this.count(rings.length);
    for (const ring of rings) this.positions(ring);
  }
}

export function geometryToWkb(geometry: GeoJSONGeometry): Buffer {
  const buffer = Buffer.allocUnsafe(byteLength(geometry));
  const w = new WkbWriter(new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength));
  w.header(geometry.type);
  switch (geometry.type) {
    case 'Point':
      w.position(geometry.coordinates);
      break;
    case 'LineString':
      w.positions(geometry.coordinates);
      break;
    case 'Polygon':
      w.rings(geometry.coordinates);
      break;
    case 'MultiPoint':
      w.count(geometry.coordinates.length);
      for (const p of geometry.coordinates) {
        w.header('Point');
        w.position(p);
      }
      break;
    case 'MultiLineString':
      w.count(geometry.coordinates.length);
      for (const line of geometry.coordinates) {
        w.header('LineString');
        w.positions(line);
      }
      break;
    case 'MultiPolygon':
      w.count(geometry.coordinates.length);
      for (const polygon of geometry.coordinates) {
        w.header('Polygon');
        w.rings(polygon);
      }
      break;
  }
  return buffer;
}

class WkbReader {
  offset = 0;
  private littleEndian = true;
  constructor(private readonly view: DataView) {}
  header(): number {
    this.littleEndian = this.view.getUint8(this.offset) === 1;
    const raw = this.view.getUint32(this.offset + 1, this.littleEndian);
    this.offset += 5;
    // ISO WKB Z/M types (1001…, 2001…, 3001…) and EWKB flags: keep the 2D base type, skip extra ordinates.
    return raw;
  }
  count(): number {
    const n = this.view.getUint32(this.offset, this.littleEndian);
    this.offset += 4;
    return n;
  }
  positions(n: number, dims: number): number[][] {
    const out: number[][] = new Array(n);
    for (let i = 0; i < n; i++) {
      out[i] = [this.view.getFloat64(this.offset, this.littleEndian), this.view.getFloat64(this.offset + 8, this.littleEndian)];
      this.offset += 8 * dims;
    }
    return out;
  }
}

function dimsOf(rawType: number): { base: number; dims: number } {
  if (rawType & 0xe0000000) {
    // EWKB: high bits flag Z (0x80000000) and M (0x40000000).
    const dims = 2 + (rawType & 0x80000000 ? 1 : 0) + (rawType & 0x40000000 ? 1 : 0);
    return { base: rawType & 0xff, dims };
  }
  const thousands = Math.floor(rawType / 1000);
  return { base: rawType % 1000, dims: thousands === 0 ? 2 : thousands === 3 ? 4 : 3 };
}

function readGeometry(r: WkbReader): GeoJSONGeometry {
  const { base, dims } = dimsOf(r.header());
  switch (base) {
    case 1:
      return { type: 'Point', coordinates: r.positions(1, dims)[0] as number[] };
    case 2:
      return { type: 'LineString', coordinates: r.positions(r.count(), dims) };
    case 3: {
      const rings = r.count();
      const coordinates: number[][][] = [];
      for (let i = 0; i < rings; i++) coordinates.push(r.positions(r.count(), dims));
      return { type: 'Polygon', coordinates };
    }
    case 4:
    case 5:
    case 6: {
      const parts = r.count();
      const members = [];
      for (let i = 0; i < parts; i++) members.push(readGeometry(r));
      if (base === 4) return { type: 'MultiPoint', coordinates: members.map((m) => m.coordinates as number[]) };
      if (base === 5) return { type: 'MultiLineString', coordinates: members.map((m) => m.coordinates as number[][]) };
      return { type: 'MultiPolygon', coordinates: members.map((m) => m.coordinates as number[][][]) };
    }
    default:
      throw new Error(`unsupported WKB geometry type ${base}`);
  }
}

export function wkbToGeometry(wkb: Uint8Array): GeoJSONGeometry {
  return readGeometry(new WkbReader(new DataView(wkb.buffer, wkb.byteOffset, wkb.byteLength)));
}
