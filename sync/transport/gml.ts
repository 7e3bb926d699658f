/**
 * GML 3 geometry ↔ GeoJSON for the WFS transport. Writes Point / LineString / Polygon (and their
 * Multi* as MultiPoint / MultiCurve / MultiSurface) in GML 3.1.1 (WFS 1.1) or GML 3.2 (WFS 2.0,
 * where geometries carry a gml:id); reads GML 3 and GML 2 (`coordinates`, `outerBoundaryIs`)
 * including the Multi* forms servers emit. Coordinates are written in full (shortest exact
 * decimal form of the double: no rounding, so a round trip is exact, well under a millimetre).
 */
import type { GeoJSONGeometry } from '../../layers/types.js';
import { attribute, child, children, textOf, type XmlElement } from './xml.js';

type Position = readonly number[];

export type GmlVersion = '3.1.1' | '3.2';

function coordinate(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`coordinate ${value} is not a finite number`);
  const text = String(value);
  // String() switches to exponents below 1e-6; GML readers expect plain decimals.
  return text.includes('e') ? value.toFixed(12).replace(/\.?0+$/, '') : text;
}

function posList(positions: readonly Position[]): string {
  return positions.map((p) => `${coordinate(p[0]!)} ${coordinate(p[1]!)}`).join(' ');
}

interface WriteContext {
  readonly version: GmlVersion;
  readonly srsName: string;
  next: number;
  readonly idPrefix: string;
}

function open(tag: string, ctx: WriteContext, top: boolean): string {
  const srs = top ? ` srsName="${ctx.srsName}"` : '';
  // GML 3.2 makes gml:id mandatory on every geometry.
  const id = ctx.version === '3.2' ? ` gml:id="${ctx.idPrefix}.g${ctx.next++}"` : '';
  return `<gml:${tag}${id}${srs}>`;
}

function ring(positions: readonly Position[]): string {
  return `<gml:LinearRing><gml:posList srsDimension="2">${posList(positions)}</gml:posList></gml:LinearRing>`;
}

function polygonBody(rings: readonly (readonly Position[])[]): string {
  const [outer, ...inner] = rings;
  if (!outer) throw new Error('a polygon without rings');
  return `<gml:exterior>${ring(outer)}</gml:exterior>${inner.map((r) => `<gml:interior>${ring(r)}</gml:interior>`).join('')}`;
}

function write(geometry: GeoJSONGeometry, ctx: WriteContext, top: boolean): string {
  switch (geometry.type) {
    case 'Point':
      return `${open('Point', ctx, top)}<gml:pos srsDimension="2">${posList([geometry.coordinates])}</gml:pos></gml:Point>`;
    case 'LineString':
      return `${open('LineString', ctx, top)}<gml:posList srsDimension="2">${posList(geometry.coordinates)}</gml:posList></gml:LineString>`;
    case 'Polygon':
      return `${open('Polygon', ctx, top)}${polygonBody(geometry.coordinates)}</gml:Polygon>`;
    case 'MultiPoint':
      return `${open('MultiPoint', ctx, top)}${geometry.coordinates
        .map((p) => `<gml:pointMember>${write({ type: 'Point', coordinates: p }, ctx, false)}</gml:pointMember>`)
        .join('')}</gml:MultiPoint>`;
    case 'MultiLineString':
      return `${open('MultiCurve', ctx, top)}${geometry.coordinates
        .map((l) => `<gml:curveMember>${write({ type: 'LineString', coordinates: l }, ctx, false)}</gml:curveMember>`)
        .join('')}</gml:MultiCurve>`;
    case 'MultiPolygon':
      return `${open('MultiSurface', ctx, top)}${geometry.coordinates
        .map((p) => `<gml:surfaceMember>${write({ type: 'Polygon', coordinates: p }, ctx, false)}</gml:surfaceMember>`)
        .join('')}</gml:MultiSurface>`;
  }
}

/** A GML geometry element (prefix `gml:`, declared by the enclosing document). */
export function geometryToGml(geometry: GeoJSONGeometry, srsName: string, version: GmlVersion = '3.1.1', idPrefix = 'geom'): string {
  return write(geometry, { version, srsName, next: 1, idPrefix }, true);
}

// ---- reading ----------------------------------------------------------------------------------

function numbers(text: string): number[] {
  const values = text.trim().split(/[\s,]+/).filter((s) => s !== '').map(Number);
  if (values.some((v) => !Number.isFinite(v))) throw new Error(`GML coordinates are not numbers: ${text.slice(0, 80)}`);
  return values;
}

function dimension(element: XmlElement, fallback: number): number {
  const d = Number(attribute(element, 'srsDimension') ?? attribute(element, 'dimension') ?? fallback);
  return d === 3 ? 3 : 2;
}

function group(values: number[], dim: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i + dim <= values.length; i += dim) out.push(values.slice(i, i + dim));
  return out;
}

/** The positions of a LineString / LinearRing / Point, in any of GML 3's and GML 2's spellings. */
function positions(element: XmlElement, inherited: number): number[][] {
  const dim = dimension(element, inherited);
  const list = child(element, 'posList');
  if (list) return group(numbers(textOf(list)), dimension(list, dim));
  const pos = children(element, 'pos');
  if (pos.length > 0) return pos.map((p) => numbers(textOf(p)).slice(0, dimension(p, dim)));
  const coordinates = child(element, 'coordinates');
  if (coordinates) {
    // GML 2: "x,y x,y" (cs="," ts=" " by default).
    const cs = attribute(coordinates, 'cs') ?? ',';
    const ts = attribute(coordinates, 'ts') ?? ' ';
    return textOf(coordinates)
      .split(ts === ' ' ? /\s+/ : ts)
      .filter((t) => t.trim() !== '')
      .map((t) => t.split(cs).map(Number));
  }
  const coords = children(element, 'coord');
  if (coords.length > 0) return coords.map((c) => [Number(textOf(child(c, 'X'))), Number(textOf(child(c, 'Y')))]);
  throw new Error(`GML ${element.local} has no coordinates`);
}

function ringsOf(polygon: XmlElement, dim: number): number[][][] {
  const rings: number[][][] = [];
  for (const boundary of polygon.children) {
    if (!['exterior', 'interior', 'outerBoundaryIs', 'innerBoundaryIs'].includes(boundary.local)) continue;
    const r = child(boundary, 'LinearRing') ?? child(boundary, 'Ring');
    if (!r) continue;
    if (r.local === 'Ring') {
      // A Ring of curve members: concatenate their positions (shared ends once).
      const pts: number[][] = [];
      for (const member of children(r, 'curveMember')) for (const curve of member.children) for (const p of curvePositions(curve, dim)) {
        const last = pts[pts.length - 1];
        if (!last || last[0] !== p[0] || last[1] !== p[1]) pts.push(p);
      }
      rings.push(pts);
    } else rings.push(positions(r, dim));
  }
  return rings;
}

function curvePositions(curve: XmlElement, dim: number): number[][] {
  if (curve.local === 'Curve') {
    // <gml:Curve><gml:segments><gml:LineStringSegment>…
    const pts: number[][] = [];
    for (const segment of child(curve, 'segments')?.children ?? []) pts.push(...positions(segment, dim));
    return pts;
  }
  return positions(curve, dim);
}

function surfaceRings(surface: XmlElement, dim: number): number[][][] {
  if (surface.local === 'Surface') {
    const patch = child(child(surface, 'patches'), 'PolygonPatch');
    if (!patch) throw new Error('GML Surface without a PolygonPatch');
    return ringsOf(patch, dim);
  }
  return ringsOf(surface, dim);
}

/** The member geometries of a Multi* / geometry collection element. */
function members(multi: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const m of multi.children) {
    if (m.local.endsWith('Members')) out.push(...m.children);
    else if (m.local.endsWith('Member')) out.push(...m.children);
  }
  return out;
}

/** A GeoJSON geometry from a GML geometry element (x, y as written: the caller fixes axis order). */
export function gmlToGeometry(element: XmlElement): GeoJSONGeometry {
  const dim = dimension(element, 2);
  switch (element.local) {
    case 'Point':
      return { type: 'Point', coordinates: positions(element, dim)[0]! };
    case 'LineString':
    case 'Curve':
      return { type: 'LineString', coordinates: curvePositions(element, dim) };
    case 'Polygon':
    case 'Surface':
      return { type: 'Polygon', coordinates: surfaceRings(element, dim) };
    case 'MultiPoint':
      return { type: 'MultiPoint', coordinates: members(element).map((p) => positions(p, dim)[0]!) };
    case 'MultiLineString':
    case 'MultiCurve':
      return { type: 'MultiLineString', coordinates: members(element).map((c) => curvePositions(c, dim)) };
    case 'MultiPolygon':
    case 'MultiSurface':
      return { type: 'MultiPolygon', coordinates: members(element).map((s) => surfaceRings(s, dim)) };
    default:
      throw new Error(`GML geometry ${element.name} is not supported`);
  }
}

/** The geometry with x and y exchanged (a north-first axis order on the wire). */
export function swapAxes(geometry: GeoJSONGeometry): GeoJSONGeometry {
  const s = (p: Position): number[] => [p[1]!, p[0]!, ...p.slice(2)];
  switch (geometry.type) {
    case 'Point':
      return { type: 'Point', coordinates: s(geometry.coordinates) };
    case 'LineString':
    case 'MultiPoint':
      return { type: geometry.type, coordinates: geometry.coordinates.map(s) } as GeoJSONGeometry;
    case 'Polygon':
    case 'MultiLineString':
      return { type: geometry.type, coordinates: geometry.coordinates.map((r) => r.map(s)) } as GeoJSONGeometry;
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((p) => p.map((r) => r.map(s))) };
  }
}
