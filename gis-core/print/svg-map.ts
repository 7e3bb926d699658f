/**
 * The project's layers as one vector `<svg>` map frame, for print layouts (PDF/PNG through
 * pdf.ts) and the kiosk's planning sheet.
 *
 * The frame is `widthMm × heightMm` of paper; its user units are millimetres (viewBox), so a
 * feature at ground distance d metres from the left edge is drawn d / metresPerMm mm in. The
 * extent is fitted uniformly (the scale that shows all of it) and centred, so the printed scale
 * is one number for both axes. Styles are the declarative ones of layers/ as the 2D map draws
 * them (layers/symbol-paint.ts is shared with renderer/src/map/): pixel sizes become CSS pixels
 * of paper (0.2646 mm), labels appear where the style's maxResolution allows at the sheet's
 * ground metres per CSS pixel.
 *
 * Features are read by bounding box through the Project API, at most `maxFeatures` (default
 * 30 000 — the whole demo city is ~9 500) in all. Past the cap the remaining features are not
 * drawn: the result names the truncated layers, the `<svg>` carries `data-truncated`, and a
 * warning is printed inside the frame, so a partial map never passes for a complete one.
 */
import { LAYERS } from '../../layers/index.js';
import { generalisationFor, maxResolutionFor } from '../../layers/display-scale.js';
import { categoryColors, categorySymbol, parseColor, THIN_LINES_ABOVE, thinnerLine } from '../../layers/symbol-paint.js';
import type { GeoJSONGeometry, LabelStyle, LayerDefinition, LayerId, Position, Symbol as LayerSymbol } from '../../layers/types.js';
import type { Project } from '../store/project.js';
import type { BBox, StoredFeature } from '../store/types.js';

/** One CSS pixel on paper, in millimetres (96 px per inch): the unit of style widths and sizes. */
export const MM_PER_CSS_PX = 25.4 / 96;
export const DEFAULT_MAX_FEATURES = 30_000;
export const PRINT_FONT_FAMILY = "'Noto Sans', 'DejaVu Sans', sans-serif";

export interface SvgMapOptions {
  /** Ground extent to show, in the project CRS (metres). Fitted uniformly and centred in the frame. */
  readonly extent: BBox;
  readonly widthMm: number;
  readonly heightMm: number;
  /** Layers to draw (default: all the project has), always in the draw order of layers/LAYERS. */
  readonly layers?: readonly LayerId[];
  /** Features drawn on top in a strong outline. */
  readonly highlight?: readonly { readonly layer: LayerId; readonly uuid: string }[];
  /** Draw labels where the styles have them and the scale allows (default true). */
  readonly labels?: boolean;
  /** Feature cap over all layers (default DEFAULT_MAX_FEATURES). */
  readonly maxFeatures?: number;
  /** Prefix for ids in the SVG (clip path), unique per map when one page holds several (default 'map'). */
  readonly idPrefix?: string;
  /** Language of the over-the-cap warning (default 'vi'). */
  readonly lang?: 'vi' | 'en';
  /** Frame background (default white). */
  readonly background?: string;
  /**
   * Show each layer only at the scales the map shows it (layers/display-scale.ts: network points
   * at street scale, parcels at district scale, main roads only at city scale). Default true.
   */
  readonly scaleDependent?: boolean;
}

export interface SvgMapResult {
  readonly svg: string;
  /** The ground extent the frame really shows (the requested one, widened on one axis to the frame's shape). */
  readonly shownExtent: BBox;
  /** Ground metres per paper millimetre. */
  readonly metresPerMm: number;
  /** The scale denominator on paper (1 : scale). */
  readonly scale: number;
  readonly featuresDrawn: number;
  /** Layers not drawn completely because of the feature cap (empty when everything was drawn). */
  readonly truncated: readonly LayerId[];
  /** Per layer drawn with at least one feature: the category codes drawn ('' = the single or fallback symbol), for a legend of what is on the sheet. */
  readonly codesDrawn: ReadonlyMap<LayerId, ReadonlySet<string>>;
}

/** The extent `extent` fitted uniformly into a `widthMm × heightMm` frame, centred: what the frame shows and its metres per mm. */
export function fitExtent(extent: BBox, widthMm: number, heightMm: number): { shown: BBox; metresPerMm: number } {
  const [minx, miny, maxx, maxy] = extent;
  const metresPerMm = Math.max((maxx - minx) / widthMm, (maxy - miny) / heightMm);
  if (!(metresPerMm > 0) || !Number.isFinite(metresPerMm)) throw new RangeError(`empty or invalid map extent ${extent.join(',')}`);
  const cx = (minx + maxx) / 2;
  const cy = (miny + maxy) / 2;
  const hw = (widthMm * metresPerMm) / 2;
  const hh = (heightMm * metresPerMm) / 2;
  return { shown: [cx - hw, cy - hh, cx + hw, cy + hh], metresPerMm };
}

/** XML text/attribute escaping. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

const num = (v: number): string => String(Math.round(v * 100) / 100);

/** `#rrggbb[aa]` → SVG paint attributes (colour + separate opacity, which every consumer reads). */
export function paint(kind: 'fill' | 'stroke', color: string | undefined): string {
  if (!color) return `${kind}="none"`;
  const [r, g, b, a] = parseColor(color);
  const hex = `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
  return a < 1 ? `${kind}="${hex}" ${kind}-opacity="${a}"` : `${kind}="${hex}"`;
}

export function strokeAttributes(stroke: LayerSymbol['stroke']): string {
  if (!stroke) return 'stroke="none"';
  const dash = stroke.dash ? ` stroke-dasharray="${stroke.dash.map((d) => num(d * MM_PER_CSS_PX)).join(' ')}"` : '';
  return `${paint('stroke', stroke.color)} stroke-width="${num(stroke.width * MM_PER_CSS_PX)}" stroke-linejoin="round" stroke-linecap="round"${dash}`;
}

/** Ground → paper (mm), y down; drops vertices closer than 0.05 mm to the previous one kept. */
class Projector {
  constructor(
    private readonly shown: BBox,
    readonly metresPerMm: number,
  ) {}

  x(gx: number): number {
    return (gx - this.shown[0]) / this.metresPerMm;
  }

  y(gy: number): number {
    return (this.shown[3] - gy) / this.metresPerMm;
  }

  points(ring: readonly Position[]): [number, number][] {
    const out: [number, number][] = [];
    for (const p of ring) {
      const x = this.x(p[0] ?? 0);
      const y = this.y(p[1] ?? 0);
      const last = out[out.length - 1];
      if (last && Math.abs(last[0] - x) < 0.05 && Math.abs(last[1] - y) < 0.05) continue;
      out.push([x, y]);
    }
    return out;
  }

  path(parts: readonly (readonly Position[])[], close: boolean): string {
    let d = '';
    for (const part of parts) {
      const pts = this.points(part);
      if (pts.length < 2) continue;
      d += pts.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${num(x)} ${num(y)}`).join('') + (close ? 'Z' : '');
    }
    return d;
  }
}

export function pointMark(point: NonNullable<LayerSymbol['point']>, x: number, y: number): string {
  const r = (point.size / 2) * MM_PER_CSS_PX;
  const fill = paint('fill', point.fill?.color);
  const stroke = strokeAttributes(point.stroke);
  const polygon = (pts: [number, number][]): string => `<polygon points="${pts.map(([px, py]) => `${num(x + px)},${num(y + py)}`).join(' ')}" ${fill} ${stroke}/>`;
  switch (point.shape) {
    case 'circle':
      return `<circle cx="${num(x)}" cy="${num(y)}" r="${num(r)}" ${fill} ${stroke}/>`;
    case 'square':
      return `<rect x="${num(x - r)}" y="${num(y - r)}" width="${num(2 * r)}" height="${num(2 * r)}" ${fill} ${stroke}/>`;
    case 'triangle': {
      const t = r * 1.2;
      return polygon([
        [0, -t],
        [t * 0.866, t * 0.5],
        [-t * 0.866, t * 0.5],
      ]);
    }
    case 'diamond': {
      const t = r * 1.2;
      return polygon([
        [0, -t],
        [t, 0],
        [0, t],
        [-t, 0],
      ]);
    }
    case 'cross': {
      const color = point.stroke?.color ?? point.fill?.color ?? '#000000';
      const width = (point.stroke?.width ?? 2) * MM_PER_CSS_PX;
      return `<path d="M${num(x - r)} ${num(y)}H${num(x + r)}M${num(x)} ${num(y - r)}V${num(y + r)}" ${paint('stroke', color)} stroke-width="${num(width)}" fill="none"/>`;
    }
  }
}

/** The SVG of one geometry with the paint of its group (paths carry no style of their own). */
function geometryMarkup(geometry: GeoJSONGeometry, symbol: LayerSymbol, projector: Projector): string {
  switch (geometry.type) {
    case 'Point':
    case 'MultiPoint': {
      const positions = geometry.type === 'Point' ? [geometry.coordinates] : geometry.coordinates;
      const point = symbol.point ?? { shape: 'circle' as const, size: 6, fill: { color: '#000000' } };
      return positions.map((p) => pointMark(point, projector.x(p[0] ?? 0), projector.y(p[1] ?? 0))).join('');
    }
    case 'LineString':
    case 'MultiLineString': {
      const d = projector.path(geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates, false);
      return d ? `<path d="${d}"/>` : '';
    }
    case 'Polygon':
    case 'MultiPolygon': {
      const d = projector.path(geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat(), true);
      return d ? `<path d="${d}"/>` : '';
    }
  }
}

/** Group attributes for a symbol: polygons and lines paint at the group, points paint each mark. */
function groupAttributes(symbol: LayerSymbol, geometryType: LayerDefinition['geometryType']): string {
  if (geometryType === 'Point') return '';
  if (geometryType === 'LineString') return `fill="none" ${strokeAttributes(symbol.stroke)}`;
  return `${paint('fill', symbol.fill?.color)} fill-rule="evenodd" ${strokeAttributes(symbol.stroke)}`;
}

/** The symbol of each feature of a layer (categorized by code, or single), at this map resolution. */
function symbolResolver(layer: LayerDefinition, resolution: number): (feature: StoredFeature) => { key: string; symbol: LayerSymbol } {
  const thin = layer.geometryType === 'LineString' && resolution > THIN_LINES_ABOVE;
  const adjust = (symbol: LayerSymbol): LayerSymbol => (thin ? thinnerLine(symbol) : symbol);
  const style = layer.style;
  if (style.kind === 'single') {
    const single = { key: '', symbol: adjust(style.symbol) };
    return () => single;
  }
  const fallback = { key: '\u0000fallback', symbol: adjust(style.fallback) };
  const byCode = new Map<string, { key: string; symbol: LayerSymbol }>();
  for (const [code, color] of categoryColors(layer)) byCode.set(code, { key: code, symbol: adjust(categorySymbol(style.base, color, layer.geometryType)) });
  return (feature) => byCode.get(String(feature.properties[style.field])) ?? fallback;
}

// ---------------------------------------------------------------------------------------------
// Labels: point labels at a polygon's interior point or above a point symbol, line labels along
// a straight-enough stretch in the middle of the line; greedy decluttering by bounding box.

interface PlacedLabel {
  readonly x: number;
  readonly y: number;
  readonly angle: number;
  readonly text: string;
  readonly style: LabelStyle;
  /** Other places inside a polygon, tried in turn when the first collides (a zone code beside a parcel number). */
  readonly alternatives?: readonly { readonly x: number; readonly y: number }[];
}

type Box = [number, number, number, number];

/** Rough advance width of Noto Sans text, in mm, for fitting and decluttering. */
function textWidthMm(text: string, sizeMm: number): number {
  return text.length * sizeMm * 0.56;
}

/** A ring clipped to the frame [0, w] × [0, h] (Sutherland–Hodgman): a polygon's label goes on its visible part. */
function clipRing(ring: readonly [number, number][], w: number, h: number): [number, number][] {
  const edges: [(p: [number, number]) => boolean, (a: [number, number], b: [number, number]) => [number, number]][] = [
    [(p) => p[0] >= 0, (a, b) => [0, a[1] + ((b[1] - a[1]) * (0 - a[0])) / (b[0] - a[0])]],
    [(p) => p[0] <= w, (a, b) => [w, a[1] + ((b[1] - a[1]) * (w - a[0])) / (b[0] - a[0])]],
    [(p) => p[1] >= 0, (a, b) => [a[0] + ((b[0] - a[0]) * (0 - a[1])) / (b[1] - a[1]), 0]],
    [(p) => p[1] <= h, (a, b) => [a[0] + ((b[0] - a[0]) * (h - a[1])) / (b[1] - a[1]), h]],
  ];
  let out: [number, number][] = [...ring];
  for (const [inside, cut] of edges) {
    const input = out;
    out = [];
    for (let i = 0; i < input.length; i++) {
      const current = input[i]!;
      const previous = input[(i + input.length - 1) % input.length]!;
      if (inside(current)) {
        if (!inside(previous)) out.push(cut(previous, current));
        out.push(current);
      } else if (inside(previous)) {
        out.push(cut(previous, current));
      }
    }
    if (out.length === 0) break;
  }
  return out;
}

/** The midpoint of the widest interior stretch of a horizontal line through the ring's centroid (moved down by `dy` mm). */
function polygonLabelPoint(rings: readonly (readonly [number, number][])[], dy = 0): { x: number; y: number; width: number } | undefined {
  const outer = rings[0];
  if (!outer || outer.length < 3) return undefined;
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < outer.length; i++) {
    const [x0, y0] = outer[i]!;
    const [x1, y1] = outer[(i + 1) % outer.length]!;
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  if (Math.abs(area) < 1e-9) return undefined;
  cy = cy / (3 * area) + dy;
  cx /= 3 * area;
  const crossings: number[] = [];
  for (const ring of rings) {
    for (let i = 0; i < ring.length; i++) {
      const [x0, y0] = ring[i]!;
      const [x1, y1] = ring[(i + 1) % ring.length]!;
      if (y0 <= cy !== y1 <= cy) crossings.push(x0 + ((cy - y0) / (y1 - y0)) * (x1 - x0));
    }
  }
  crossings.sort((a, b) => a - b);
  let best: { x: number; y: number; width: number } | undefined;
  for (let i = 0; i + 1 < crossings.length; i += 2) {
    const width = crossings[i + 1]! - crossings[i]!;
    if (!best || width > best.width) best = { x: (crossings[i]! + crossings[i + 1]!) / 2, y: cy, width };
  }
  // A centroid inside the widest stretch reads best; otherwise the stretch's middle.
  if (best && Math.abs(cx - best.x) < best.width / 2) best = { ...best, x: cx, width: 2 * Math.min(cx - (best.x - best.width / 2), best.x + best.width / 2 - cx) };
  return best;
}

/** Where a line label of `widthMm` sits: centred on the line's middle, along a chord the line stays close to. */
function lineLabelPlacement(pts: readonly [number, number][], widthMm: number, sizeMm: number): { x: number; y: number; angle: number } | undefined {
  const lengths = [0];
  for (let i = 1; i < pts.length; i++) lengths.push(lengths[i - 1]! + Math.hypot(pts[i]![0] - pts[i - 1]![0], pts[i]![1] - pts[i - 1]![1]));
  const total = lengths[lengths.length - 1]!;
  const need = widthMm + sizeMm;
  if (total < need) return undefined;
  const at = (d: number): [number, number] => {
    let i = 1;
    while (i < lengths.length - 1 && lengths[i]! < d) i++;
    const seg = lengths[i]! - lengths[i - 1]!;
    const t = seg > 0 ? (d - lengths[i - 1]!) / seg : 0;
    return [pts[i - 1]![0] + t * (pts[i]![0] - pts[i - 1]![0]), pts[i - 1]![1] + t * (pts[i]![1] - pts[i - 1]![1])];
  };
  const from = at(total / 2 - need / 2);
  const to = at(total / 2 + need / 2);
  const dx = to[0] - from[0];
  const dy = to[1] - from[1];
  const chord = Math.hypot(dx, dy);
  if (chord < widthMm) return undefined;
  // Every vertex inside the window must stay within a third of the text height of the chord.
  for (let i = 0; i < pts.length; i++) {
    if (lengths[i]! <= total / 2 - need / 2 || lengths[i]! >= total / 2 + need / 2) continue;
    const [px, py] = pts[i]!;
    if (Math.abs((px - from[0]) * dy - (py - from[1]) * dx) / chord > sizeMm / 3) return undefined;
  }
  let angle = (Math.atan2(dy, dx) * 180) / Math.PI;
  if (angle > 90) angle -= 180;
  if (angle < -90) angle += 180;
  return { x: (from[0] + to[0]) / 2, y: (from[1] + to[1]) / 2, angle };
}

function labelBox(label: PlacedLabel): Box {
  const size = label.style.size * MM_PER_CSS_PX;
  const w = textWidthMm(label.text, size);
  const rad = (label.angle * Math.PI) / 180;
  const hw = (Math.abs(Math.cos(rad)) * w + Math.abs(Math.sin(rad)) * size) / 2;
  const hh = (Math.abs(Math.sin(rad)) * w + Math.abs(Math.cos(rad)) * size) / 2;
  return [label.x - hw, label.y - hh, label.x + hw, label.y + hh];
}

function overlaps(a: Box, b: Box): boolean {
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

function placeLabel(feature: StoredFeature, layer: LayerDefinition, style: LabelStyle, projector: Projector, frame: readonly [number, number]): PlacedLabel | undefined {
  const value = feature.properties[style.field];
  if (value === null || value === undefined || value === '') return undefined;
  const text = String(value);
  const size = style.size * MM_PER_CSS_PX;
  const width = textWidthMm(text, size);
  const g = feature.geometry;
  if (g.type === 'Point') {
    const offset = layer.geometryType === 'Point' ? size : 0;
    return { x: projector.x(g.coordinates[0] ?? 0), y: projector.y(g.coordinates[1] ?? 0) - offset, angle: 0, text, style };
  }
  if (g.type === 'Polygon') {
    const rings = g.coordinates.map((ring) => clipRing(projector.points(ring), frame[0], frame[1]));
    const spot = polygonLabelPoint(rings);
    // As OpenLayers without overflow: a label wider than its polygon is not drawn.
    if (!spot || spot.width < width) return undefined;
    const alternatives = [1.4, -1.4, 2.8, -2.8]
      .map((k) => polygonLabelPoint(rings, k * size))
      .filter((p): p is { x: number; y: number; width: number } => p !== undefined && p.width >= width)
      .map(({ x, y }) => ({ x, y }));
    return { x: spot.x, y: spot.y, angle: 0, text, style, alternatives };
  }
  if (g.type === 'LineString') {
    const placement = lineLabelPlacement(projector.points(g.coordinates), width, size);
    return placement ? { ...placement, text, style } : undefined;
  }
  return undefined;
}

function labelMarkup(label: PlacedLabel): string {
  const size = label.style.size * MM_PER_CSS_PX;
  const weight = label.style.placement === 'line' ? ' font-weight="600"' : '';
  const rotate = label.angle !== 0 ? ` transform="rotate(${num(label.angle)} ${num(label.x)} ${num(label.y)})"` : '';
  return (
    `<text x="${num(label.x)}" y="${num(label.y)}" font-size="${num(size)}"${weight} text-anchor="middle" dominant-baseline="central"` +
    ` ${paint('fill', label.style.color)} ${paint('stroke', label.style.haloColor)} stroke-width="${num(0.9 * MM_PER_CSS_PX * 2)}"` +
    ` stroke-linejoin="round" paint-order="stroke"${rotate}>${escapeXml(label.text)}</text>`
  );
}

// ---------------------------------------------------------------------------------------------

function capWarning(lang: 'vi' | 'en', maxFeatures: number, truncated: readonly LayerId[], widthMm: number, heightMm: number): string {
  const all = truncated.map((id) => LAYERS.find((l) => l.id === id)?.label[lang] ?? id);
  const names = all.length > 3 ? `${all.slice(0, 3).join(', ')} …` : all.join(', ');
  const text =
    lang === 'vi'
      ? `Bản đồ chưa vẽ hết: khung có hơn ${maxFeatures.toLocaleString('vi-VN')} đối tượng (${names}). Thu nhỏ khung hoặc tắt bớt lớp.`
      : `Map incomplete: more than ${maxFeatures.toLocaleString('en-US')} features in the frame (${names}). Use a smaller frame or fewer layers.`;
  const size = Math.min(3.5, widthMm / 60);
  return (
    `<g data-role="cap-warning"><rect x="1" y="${num(heightMm - size * 2.2)}" width="${num(widthMm - 2)}" height="${num(size * 1.8)}" fill="#fff3cd" stroke="#b00020" stroke-width="0.3"/>` +
    `<text x="2" y="${num(heightMm - size * 1.3)}" font-size="${num(size)}" fill="#b00020" dominant-baseline="central">${escapeXml(text)}</text></g>`
  );
}

/** The map and what it drew (scale, shown extent, truncation). */
export function renderSvgMapDetailed(project: Project, options: SvgMapOptions): SvgMapResult {
  const { widthMm, heightMm } = options;
  if (!(widthMm > 0 && heightMm > 0)) throw new RangeError(`map frame must have a positive size, got ${widthMm} × ${heightMm} mm`);
  const { shown, metresPerMm } = fitExtent(options.extent, widthMm, heightMm);
  const projector = new Projector(shown, metresPerMm);
  const resolution = metresPerMm * MM_PER_CSS_PX; // ground metres per CSS pixel of paper
  const maxFeatures = options.maxFeatures ?? DEFAULT_MAX_FEATURES;
  const prefix = (options.idPrefix ?? 'map').replace(/[^A-Za-z0-9_-]/g, '_');
  const projectLayers = new Set(project.layers().map((l) => l.id));
  const wanted = new Set(options.layers ?? projectLayers);
  const scaleDependent = options.scaleDependent ?? true;
  const ordered = LAYERS.filter((l) => wanted.has(l.id) && projectLayers.has(l.id) && (!scaleDependent || resolution <= maxResolutionFor(l.id)));

  // Features whose envelope touches a slightly larger box, so symbols and labels cut at the edge still show.
  const margin = 5 * metresPerMm;
  const query: BBox = [shown[0] - margin, shown[1] - margin, shown[2] + margin, shown[3] + margin];
  const truncated: LayerId[] = [];
  const codesDrawn = new Map<LayerId, Set<string>>();
  let budget = maxFeatures;
  let drawn = 0;
  const body: string[] = [];
  const labelCandidates: PlacedLabel[] = [];
  for (const layer of ordered) {
    const where = scaleDependent ? generalisationFor(layer.id, resolution) : undefined;
    const filter = { bbox: query, ...(where ? { where } : {}) };
    if (budget <= 0) {
      if (project.count(layer.id, filter) > 0) truncated.push(layer.id);
      continue;
    }
    const features = project.features(layer.id, { ...filter, limit: budget + 1 });
    if (features.length > budget) {
      truncated.push(layer.id);
      features.length = budget;
    }
    budget -= features.length;
    drawn += features.length;
    const symbolOf = symbolResolver(layer, resolution);
    const groups = new Map<string, { symbol: LayerSymbol; parts: string[] }>();
    if (features.length > 0) codesDrawn.set(layer.id, new Set());
    for (const feature of features) {
      const { key, symbol } = symbolOf(feature);
      let group = groups.get(key);
      if (!group) {
        groups.set(key, (group = { symbol, parts: [] }));
        codesDrawn.get(layer.id)?.add(key.startsWith('\u0000') ? '' : key);
      }
      group.parts.push(geometryMarkup(feature.geometry, symbol, projector));
    }
    body.push(`<g data-layer="${layer.id}">`);
    for (const [key, group] of groups) {
      const code = key && !key.startsWith('\u0000') ? ` data-code="${escapeXml(key)}"` : '';
      body.push(`<g${code} ${groupAttributes(group.symbol, layer.geometryType)}>${group.parts.join('')}</g>`);
    }
    body.push('</g>');
    const label = layer.style.label;
    if ((options.labels ?? true) && label && resolution <= label.maxResolution) {
      for (const feature of features) {
        const placed = placeLabel(feature, layer, label, projector, [widthMm, heightMm]);
        if (placed) labelCandidates.push(placed);
      }
    }
  }

  // Labels of upper layers win (as the map's decluttering), first come first placed within a layer.
  const taken: Box[] = [];
  const labels: string[] = [];
  for (const first of labelCandidates.reverse()) {
    for (const candidate of [first, ...(first.alternatives ?? []).map((p) => ({ ...first, ...p }))]) {
      const box = labelBox(candidate);
      if (box[2] < 0 || box[0] > widthMm || box[3] < 0 || box[1] > heightMm) continue;
      if (taken.some((t) => overlaps(t, box))) continue;
      taken.push(box);
      labels.push(labelMarkup(candidate));
      break;
    }
  }

  const highlights: string[] = [];
  for (const { layer, uuid } of options.highlight ?? []) {
    if (!projectLayers.has(layer)) continue;
    const feature = project.featureByUuid(layer, uuid);
    if (!feature) continue;
    const outline: LayerSymbol = { stroke: { color: '#e6007e', width: 3.5 }, point: { shape: 'circle', size: 16, stroke: { color: '#e6007e', width: 3 } } };
    const attributes = feature.geometry.type.endsWith('Point') ? '' : `fill="none" ${strokeAttributes(outline.stroke)}`;
    highlights.push(`<g data-highlight="${escapeXml(uuid)}" ${attributes}>${geometryMarkup(feature.geometry, outline, projector)}</g>`);
  }

  const clipId = `${prefix}-clip`;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(widthMm)}mm" height="${num(heightMm)}mm" viewBox="0 0 ${num(widthMm)} ${num(heightMm)}"` +
    ` data-scale="${Math.round(metresPerMm * 1000)}" data-extent="${shown.map((v) => v.toFixed(2)).join(',')}"` +
    `${truncated.length ? ` data-truncated="${truncated.join(',')}"` : ''} font-family="${PRINT_FONT_FAMILY}">` +
    `<defs><clipPath id="${clipId}"><rect x="0" y="0" width="${num(widthMm)}" height="${num(heightMm)}"/></clipPath></defs>` +
    `<g clip-path="url(#${clipId})">` +
    `<rect x="0" y="0" width="${num(widthMm)}" height="${num(heightMm)}" fill="${options.background ?? '#ffffff'}"/>` +
    body.join('') +
    `<g data-role="labels">${labels.join('')}</g>` +
    `<g data-role="highlight">${highlights.join('')}</g>` +
    (truncated.length ? capWarning(options.lang ?? 'vi', maxFeatures, truncated, widthMm, heightMm) : '') +
    `</g></svg>`;
  return { svg, shownExtent: shown, metresPerMm, scale: metresPerMm * 1000, featuresDrawn: drawn, truncated, codesDrawn };
}

/** The project's layers inside `extent` as one vector `<svg>` element string of `widthMm × heightMm`. */
export function renderSvgMap(project: Project, options: SvgMapOptions): string {
  return renderSvgMapDetailed(project, options).svg;
}
