/**
 * The overlay report of a flood scenario: what is under water and how deep, read from the depth
 * grid and the project's layers (all in the grid's CRS, the project CRS).
 *
 * - Polygons (zones, parcels, buildings) cover the cells whose centre is inside them
 *   (rasterize.ts); flooded area = flooded cells × cell area, share = flooded / covered cells,
 *   max and mean depth over the flooded cells. A polygon too small to hold a cell centre takes
 *   the cell under its first vertex.
 * - Roads are cut at cell boundaries: the flooded length is the length of the pieces in flooded
 *   cells (exact for the grid), summed by road class.
 * - Manholes, hydrants, valves and lighting cabinets are under water when their cell is flooded.
 * - Zones whose lowest ground is below the design flood level + the QCVN 01:2021 freeboard
 *   (0.3 m civil/residential, 0.5 m industrial; water zones skipped), with the raise needed.
 */
import type { LayerId } from '../../layers/types.js';
import type { FloodReport, FloodedArea, FloodedPoint, FloodedRoads, FreeboardShortfall } from './types.js';
import type { Dem } from '../raster/grid.js';
import type { Project } from '../store/project.js';
import type { StoredFeature } from '../store/types.js';
import { gridExtent } from '../raster/grid.js';
import { freeboardFor } from './design-flood.js';
import { forEachLinePiece, pointCell, polygonCells } from './rasterize.js';

export type { FloodReport, FloodedArea, FloodedPoint, FloodedRoads, FreeboardShortfall };

const POINT_LAYERS: readonly LayerId[] = ['drainage_manholes', 'water_hydrants', 'water_valves', 'lighting_cabinets'];

function text(v: unknown): string | null {
  return v === null || v === undefined || v === '' ? null : String(v);
}

function featureLabel(layer: LayerId, f: StoredFeature): string {
  const p = f.properties;
  if (layer === 'zoning') return text(p.zone_code) ?? f.uuid;
  if (layer === 'parcels') return p.sheet_no != null && p.parcel_no != null ? `${p.sheet_no}/${p.parcel_no}` : (text(p.address) ?? f.uuid);
  return text(p.code) ?? text(p.name) ?? text(p.address) ?? f.uuid;
}

function category(layer: LayerId, f: StoredFeature): string | null {
  const p = f.properties;
  if (layer === 'zoning') return text(p.function_code);
  if (layer === 'parcels') return text(p.land_law_code);
  if (layer === 'buildings') return text(p.use_code);
  return null;
}

function polygonsOf(f: StoredFeature): number[][][][] {
  const g = f.geometry;
  if (g.type === 'Polygon') return [g.coordinates as unknown as number[][][]];
  if (g.type === 'MultiPolygon') return g.coordinates as unknown as number[][][][];
  return [];
}

export interface ReportInput {
  readonly project: Project;
  readonly dem: Dem;
  /** Depth per cell, NaN where dry. */
  readonly depth: Float32Array;
  readonly level: number;
  readonly designLevel?: number;
  /** Called between layers; may throw (cancel). */
  readonly onLayer?: (layer: LayerId, index: number, of: number) => void;
}

export function floodReport(input: ReportInput): FloodReport {
  const { project, dem, depth } = input;
  const grid = dem.grid;
  const cellArea = grid.cellX * grid.cellY;
  const bbox = gridExtent(grid);
  const present = new Set(project.layers().map((l) => l.id));
  const designLevel = input.designLevel ?? input.level;
  const layers: LayerId[] = ['zoning', 'parcels', 'buildings', 'roads', ...POINT_LAYERS];
  let step = 0;
  const load = (layer: LayerId): StoredFeature[] => {
    input.onLayer?.(layer, step++, layers.length);
    return present.has(layer) ? project.features(layer, { bbox }) : [];
  };

  const areas = (layer: LayerId, features: readonly StoredFeature[], freeboard?: FreeboardShortfall[]): FloodedArea[] => {
    const out: FloodedArea[] = [];
    for (const f of features) {
      let cells = polygonsOf(f).flatMap((p) => polygonCells(grid, p));
      if (cells.length === 0) {
        const first = polygonsOf(f)[0]?.[0]?.[0];
        const cell = first ? pointCell(grid, first[0] as number, first[1] as number) : -1;
        cells = cell >= 0 ? [cell] : [];
      }
      if (cells.length === 0) continue;
      let flooded = 0;
      let sum = 0;
      let max = 0;
      for (const c of cells) {
        const d = depth[c] as number;
        if (d > 0) {
          flooded++;
          sum += d;
          if (d > max) max = d;
        }
      }
      if (flooded > 0) {
        out.push({
          layer,
          uuid: f.uuid,
          label: featureLabel(layer, f),
          category: category(layer, f),
          areaM2: cells.length * cellArea,
          floodedAreaM2: flooded * cellArea,
          share: flooded / cells.length,
          maxDepthM: max,
          meanDepthM: sum / flooded,
        });
      }
      if (freeboard) {
        const fb = freeboardFor(text(f.properties.function_code));
        if (!fb) continue;
        const required = designLevel + fb.metres;
        let min = Infinity;
        let total = 0;
        let valid = 0;
        let below = 0;
        for (const c of cells) {
          const e = dem.values[c] as number;
          if (Number.isNaN(e)) continue;
          valid++;
          total += e;
          if (e < min) min = e;
          if (e < required) below++;
        }
        if (valid > 0 && min < required) {
          freeboard.push({
            uuid: f.uuid,
            label: featureLabel(layer, f),
            functionCode: String(f.properties.function_code),
            kind: fb.kind,
            freeboardM: fb.metres,
            requiredGroundM: required,
            minGroundM: min,
            meanGroundM: total / valid,
            shareBelow: below / valid,
            raiseM: required - min,
          });
        }
      }
    }
    return out.sort((a, b) => b.floodedAreaM2 - a.floodedAreaM2);
  };

  const freeboard: FreeboardShortfall[] = [];
  const zones = areas('zoning', load('zoning'), freeboard);
  const parcels = areas('parcels', load('parcels'));
  const buildings = areas('buildings', load('buildings'));

  const byClass = new Map<string, { length: number; flooded: number; segments: number; floodedSegments: number }>();
  for (const f of load('roads')) {
    const lines = f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.type === 'MultiLineString' ? f.geometry.coordinates : [];
    const key = text(f.properties.road_class) ?? '';
    const entry = byClass.get(key) ?? { length: 0, flooded: 0, segments: 0, floodedSegments: 0 };
    let flooded = 0;
    for (const line of lines) {
      forEachLinePiece(grid, line as unknown as number[][], (cell, length) => {
        entry.length += length;
        if (cell >= 0 && (depth[cell] as number) > 0) flooded += length;
      });
    }
    entry.flooded += flooded;
    entry.segments++;
    if (flooded > 0) entry.floodedSegments++;
    byClass.set(key, entry);
  }
  const roads: FloodedRoads[] = [...byClass.entries()]
    .map(([roadClass, e]) => ({
      roadClass,
      lengthM: e.length,
      floodedLengthM: e.flooded,
      share: e.length > 0 ? e.flooded / e.length : 0,
      segments: e.segments,
      floodedSegments: e.floodedSegments,
    }))
    .sort((a, b) => b.floodedLengthM - a.floodedLengthM || a.roadClass.localeCompare(b.roadClass));

  const points: FloodedPoint[] = [];
  const pointCounts: Record<string, number> = {};
  for (const layer of POINT_LAYERS) {
    pointCounts[layer] = 0;
    for (const f of load(layer)) {
      if (f.geometry.type !== 'Point') continue;
      const [x, y] = f.geometry.coordinates as unknown as [number, number];
      const cell = pointCell(grid, x, y);
      if (cell < 0) continue;
      const d = depth[cell] as number;
      if (!(d > 0)) continue;
      pointCounts[layer]++;
      points.push({ layer, uuid: f.uuid, label: featureLabel(layer, f), x, y, groundM: dem.values[cell] as number, depthM: d });
    }
  }
  points.sort((a, b) => b.depthM - a.depthM);
  freeboard.sort((a, b) => b.raiseM - a.raiseM);

  return {
    level: input.level,
    designLevel,
    cellAreaM2: cellArea,
    zones,
    parcels,
    buildings,
    roads,
    points,
    freeboard,
    counts: {
      zones: zones.length,
      parcels: parcels.length,
      buildings: buildings.length,
      roadLengthM: roads.reduce((s, r) => s + r.floodedLengthM, 0),
      points: pointCounts,
      freeboard: freeboard.length,
    },
  };
}

export { floodReportCsv } from './report-csv.js';
