/**
 * The scene's features for a box, through the API only (features by bbox, paged while the
 * store says `truncated`), turned into the build's plain input: local metres around the box's
 * centre, heights (height_m, or floors × storey), colours from the layers' code lists.
 */
import type { ApiFeature, BBox, LayerInfo, PlanDeskApi } from '../../../gis-core/api/contract.js';
import type { GeoJSONGeometry } from '../../../layers/types.js';
import { STOREY_HEIGHT_M } from '../../../layers/massing.js';
import type { LineInput, PipeInput, PoleInput, PolygonInput, SceneInput, TerrainInput, ZoneInput } from './types.js';

/** Features per layer at most (a 3D scene of a whole province is not the point). */
export const SCENE_FEATURE_CAP = 60_000;
const PAGE = 20_000;
/** Terrain samples along the longer side of the box. */
export const TERRAIN_CELLS = 200;

export const COLORS = {
  building: 0xd8c8b0,
  zone: 0xeeeeee,
  road: 0x8a8a8a,
  redLine: 0xe53935,
  water: 0x1e88e5,
  drainage: 0x8d6e63,
} as const;

export interface LoadedScene {
  readonly input: SceneInput;
  /** Project-CRS origin of the local coordinates. */
  readonly origin: readonly [number, number];
  /** The box asked for, local (the camera frames it; the ground may reach further). */
  readonly viewBox: readonly [number, number, number, number];
  /** Per layer, the features in input order (picking maps a triangle's index back to them). */
  readonly features: { readonly buildings: ApiFeature[]; readonly zones: ApiFeature[] };
  /** Layers that hit SCENE_FEATURE_CAP. */
  readonly capped: string[];
}

export interface LoadOptions {
  readonly exaggeration: number;
  readonly groundLevel: number;
  readonly onProgress?: (layer: string, loaded: number) => void;
}

export function hexColor(text: string | undefined, fallback: number): number {
  if (!text || !/^#[0-9a-f]{6}/i.test(text)) return fallback;
  return parseInt(text.slice(1, 7), 16);
}

/** code → colour for a layer's categorised (code-list) field. */
export function codeColors(layer: LayerInfo | undefined, field: string): Map<string, number> {
  const out = new Map<string, number>();
  const def = layer?.fields.find((f) => f.key === field);
  for (const e of def?.codeList?.entries ?? []) if (e.color) out.set(e.code, hexColor(e.color, COLORS.zone));
  return out;
}

async function fetchAll(api: PlanDeskApi, layerId: string, bbox: BBox, capped: string[], onProgress?: (layer: string, n: number) => void): Promise<ApiFeature[]> {
  const out: ApiFeature[] = [];
  for (let offset = 0; out.length < SCENE_FEATURE_CAP; offset += PAGE) {
    const page = await api.features(layerId, { bbox, limit: Math.min(PAGE, SCENE_FEATURE_CAP - out.length), offset });
    out.push(...page.features);
    onProgress?.(layerId, out.length);
    if (!page.truncated || page.features.length === 0) return out;
    if (offset + page.features.length >= page.numberMatched) return out;
  }
  capped.push(layerId);
  return out;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Polygons of a (Multi)Polygon geometry. */
function polygons(g: GeoJSONGeometry): (readonly (readonly (readonly number[])[])[])[] {
  if (g.type === 'Polygon') return [g.coordinates];
  if (g.type === 'MultiPolygon') return g.coordinates.map((p) => p);
  return [];
}

function linesOf(g: GeoJSONGeometry): (readonly (readonly number[])[])[] {
  if (g.type === 'LineString') return [g.coordinates];
  if (g.type === 'MultiLineString') return g.coordinates.map((l) => l);
  return [];
}

/** Grows `box` to cover a geometry. */
function extendBox(box: [number, number, number, number], g: GeoJSONGeometry): void {
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number') {
      const x = c[0];
      const y = c[1] as number;
      if (x < box[0]) box[0] = x;
      if (y < box[1]) box[1] = y;
      if (x > box[2]) box[2] = x;
      if (y > box[3]) box[3] = y;
    } else for (const part of c) visit(part);
  };
  visit(g.coordinates);
}

/** Building height: height_m, else floors × storey, else one storey. */
export function buildingHeight(p: Record<string, unknown>): number {
  const h = num(p.height_m);
  if (h !== null && h > 0) return h;
  const f = num(p.floors);
  if (f !== null && f > 0) return f * STOREY_HEIGHT_M;
  return STOREY_HEIGHT_M;
}

export async function loadScene(api: PlanDeskApi, layers: readonly LayerInfo[], bbox: BBox, options: LoadOptions): Promise<LoadedScene> {
  const [minx, miny, maxx, maxy] = bbox;
  const ox = Math.round((minx + maxx) / 2);
  const oy = Math.round((miny + maxy) / 2);
  const local = (ring: readonly (readonly number[])[]) => ring.map((p) => [p[0]! - ox, p[1]! - oy]);
  const has = (id: string) => layers.some((l) => l.id === id);
  const capped: string[] = [];
  const get = (id: string) => (has(id) ? fetchAll(api, id, bbox, capped, options.onProgress) : Promise.resolve([]));
  const [buildingF, zoneF, roadF, redF, poleF, mainF, pipeF] = await Promise.all([
    get('buildings'),
    get('zoning'),
    get('roads'),
    get('red_lines'),
    get('lighting_poles'),
    get('water_mains'),
    get('drainage_pipes'),
  ]);

  // The ground covers what was loaded (features reach out of the box), at most half the box's size beyond it.
  const grow = 0.5 * Math.max(maxx - minx, maxy - miny);
  const box: [number, number, number, number] = [minx, miny, maxx, maxy];
  for (const f of [...buildingF, ...zoneF, ...roadF]) extendBox(box, f.geometry);
  const sx0 = Math.max(minx - grow, box[0]);
  const sy0 = Math.max(miny - grow, box[1]);
  const sx1 = Math.min(maxx + grow, box[2]);
  const sy1 = Math.min(maxy + grow, box[3]);
  const sceneBox: BBox = [sx0, sy0, sx1, sy1];
  const localBox = [sx0 - ox, sy0 - oy, sx1 - ox, sy1 - oy] as const;
  options.onProgress?.('terrain', 0);

  // The terrain as numbers (null: the project has no DEM, or the core cannot read it → flat ground).
  const side = TERRAIN_CELLS;
  const columns = sx1 - sx0 >= sy1 - sy0 ? side : Math.max(2, Math.round((side * (sx1 - sx0)) / (sy1 - sy0)));
  const rows = sy1 - sy0 >= sx1 - sx0 ? side : Math.max(2, Math.round((side * (sy1 - sy0)) / (sx1 - sx0)));
  const terrainP: Promise<TerrainInput | null> = api.terrainGrid(sceneBox, columns, rows).then(
    (g) => {
      if (g.min === null) return null;
      const values = Float32Array.from(g.values, (v) => (v === null ? NaN : v));
      return { columns: g.columns, rows: g.rows, values, bbox: localBox };
    },
    () => null,
  );

  const terrain = await terrainP;

  const byId = new Map(layers.map((l) => [l.id as string, l]));
  const useColors = codeColors(byId.get('buildings'), 'use_code');
  const fnColors = codeColors(byId.get('zoning'), 'function_code');

  const buildings: PolygonInput[] = [];
  const buildingFeatures: ApiFeature[] = [];
  for (const f of buildingF) {
    for (const poly of polygons(f.geometry)) {
      buildings.push({ rings: poly.map(local), height: buildingHeight(f.properties), color: useColors.get(String(f.properties.use_code)) ?? COLORS.building });
      buildingFeatures.push(f);
    }
  }
  const zones: ZoneInput[] = [];
  const zoneFeatures: ApiFeature[] = [];
  for (const f of zoneF) {
    const p = f.properties;
    for (const poly of polygons(f.geometry)) {
      zones.push({
        rings: poly.map(local),
        height: 0,
        color: fnColors.get(String(p.function_code)) ?? COLORS.zone,
        maxFloors: num(p.max_floors),
        maxHeightM: num(p.max_height_m),
        setbackM: num(p.setback_m),
        maxDensityPct: num(p.max_density_pct),
      });
      zoneFeatures.push(f);
    }
  }
  const roads: LineInput[] = roadF.flatMap((f) =>
    linesOf(f.geometry).map((c) => ({ coords: local(c), width: num(f.properties.carriageway_width_m) ?? (num(f.properties.red_line_width_m) ?? 10) * 0.6, color: COLORS.road })),
  );
  const redLines: LineInput[] = redF.flatMap((f) => linesOf(f.geometry).map((c) => ({ coords: local(c), width: 0, color: COLORS.redLine })));
  const poles: PoleInput[] = poleF.flatMap((f) => (f.geometry.type === 'Point' ? [{ x: f.geometry.coordinates[0]! - ox, y: f.geometry.coordinates[1]! - oy, height: num(f.properties.height_m) ?? 8 }] : []));
  const pipes: PipeInput[] = [
    ...mainF.flatMap((f) => linesOf(f.geometry).map((c) => ({ coords: local(c), fromInvert: NaN, toInvert: NaN, color: COLORS.water }))),
    ...pipeF.flatMap((f) =>
      linesOf(f.geometry).map((c) => ({
        coords: local(c),
        fromInvert: num(f.properties.upstream_invert_m) ?? NaN,
        toInvert: num(f.properties.downstream_invert_m) ?? NaN,
        color: COLORS.drainage,
      })),
    ),
  ];
  return {
    input: {
      bbox: localBox,
      exaggeration: options.exaggeration,
      groundLevel: options.groundLevel,
      terrain,
      buildings,
      zones,
      roads,
      redLines,
      poles,
      pipes,
    },
    origin: [ox, oy],
    viewBox: [minx - ox, miny - oy, maxx - ox, maxy - oy],
    features: { buildings: buildingFeatures, zones: zoneFeatures },
    capped,
  };
}
