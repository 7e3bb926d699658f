/**
 * The flood job's arguments and result, and the raster reads the map uses, as the API contract
 * carries them (types only: the renderer bundles this through contract.ts).
 */
import type { LayerId } from '../../layers/types.js';

export type XY = readonly [number, number];

export interface FloodJobArgs {
  /** Water level, m above the height datum. Give this or `returnPeriod`. */
  readonly level?: number;
  /** Return period, years: the level comes from the project's metadata `flood_levels`. */
  readonly returnPeriod?: number;
  /** Added to the level (sea-level rise, subsidence), m. */
  readonly rise?: number;
  /** Where the water enters (at least one). */
  readonly sources: {
    /** River and canal zones (zoning, function MN). */
    readonly water?: boolean;
    /** Every feature of these layers. */
    readonly layers?: readonly LayerId[];
    /** Points, project CRS. */
    readonly points?: readonly XY[];
    /** The DEM's border. */
    readonly edge?: boolean;
  };
  /** Temporary dike lines (project CRS) raised to their crest elevation in the DEM, in memory. */
  readonly dikes?: readonly { readonly line: readonly XY[]; readonly crestM: number }[];
  /** Also fill depressions (Priority-Flood) and show their ponding. */
  readonly fill?: boolean;
  /** A DEM GeoTIFF on the core's machine; the project's terrain when absent. */
  readonly dem?: string;
}

export interface FloodJobResult {
  /** Names this run's outputs (rasterImage / floodPolygons take it). */
  readonly floodId: string;
  /** `<project>.flood/<floodId>.depth.tif` etc. */
  readonly depthFile: string;
  readonly polygonsFile: string;
  readonly reportCsvFile: string;
  readonly epsg: number;
  readonly extent: readonly [number, number, number, number];
  readonly size: readonly [number, number];
  readonly demEpsg: number;
  readonly reprojected: boolean;
  readonly level: number;
  readonly baseLevel: number;
  readonly rise: number;
  readonly returnPeriod?: number;
  readonly urbanClass?: string;
  readonly requiredReturnPeriod?: { readonly urban: number; readonly green: number | null };
  readonly floodedCells: number;
  readonly areaM2: number;
  readonly maxDepthM: number;
  readonly meanDepthM: number;
  readonly sourceCells: number;
  readonly sourceCellsBelowLevel: number;
  readonly pondedCells?: number;
  readonly polygonCount: number;
  /** The lowest and highest level a slider can show from this run (arrival levels of the flooded area and beyond). */
  readonly levelRange: readonly [number, number];
  /** Lists capped at `reportLimit` rows each (the CSV has them all); counts are complete. */
  readonly report: FloodReport;
  readonly reportLimit: number;
}

/** A raster drawn for the map: a PNG of `width`×`height` pixels covering `bbox` (project CRS). */
export interface RasterImageRequest {
  /** 'terrain': hillshade + elevation colours of the project's DEM; 'flood': a run's depth ramp. */
  readonly source: 'terrain' | 'flood';
  /** The run (FloodJobResult.floodId) for 'flood'. */
  readonly floodId?: string;
  /** For 'flood': show the water at this level instead of the run's (any level, from the run's arrival levels). */
  readonly level?: number;
  readonly bbox: readonly [number, number, number, number];
  readonly width: number;
  readonly height: number;
}

export interface RasterImage {
  /** data:image/png;base64,… */
  readonly png: string;
  readonly bbox: readonly [number, number, number, number];
  readonly width: number;
  readonly height: number;
  /** Value range the colours span (elevation or depth, m). */
  readonly min: number;
  readonly max: number;
  /** For 'flood': the level drawn and the flooded area at it. */
  readonly level?: number;
  readonly floodedAreaM2?: number;
}

export interface RasterValue {
  readonly x: number;
  readonly y: number;
  /** Ground elevation (m), null outside the DEM or on nodata. */
  readonly elevation: number | null;
  /** Water depth of the run at its level (or `level`), null when dry or no run given. */
  readonly depth: number | null;
}

// The overlay report (report.ts computes it).

export interface FloodedArea {
  readonly layer: LayerId;
  readonly uuid: string;
  /** Zone code, sheet/parcel, name or address. */
  readonly label: string;
  /** Zone function, parcel land-law code or building use. */
  readonly category: string | null;
  readonly areaM2: number;
  readonly floodedAreaM2: number;
  readonly share: number;
  readonly maxDepthM: number;
  readonly meanDepthM: number;
}

export interface FloodedRoads {
  readonly roadClass: string;
  readonly lengthM: number;
  readonly floodedLengthM: number;
  readonly share: number;
  readonly segments: number;
  readonly floodedSegments: number;
}

export interface FloodedPoint {
  readonly layer: LayerId;
  readonly uuid: string;
  readonly label: string;
  readonly x: number;
  readonly y: number;
  readonly groundM: number;
  readonly depthM: number;
}

export interface FreeboardShortfall {
  readonly uuid: string;
  readonly label: string;
  readonly functionCode: string;
  readonly kind: 'residential' | 'industrial';
  readonly freeboardM: number;
  /** Design flood level + freeboard. */
  readonly requiredGroundM: number;
  readonly minGroundM: number;
  readonly meanGroundM: number;
  /** Share of the zone's cells below the required ground level. */
  readonly shareBelow: number;
  /** How much the lowest ground must be raised. */
  readonly raiseM: number;
}

export interface FloodReport {
  readonly level: number;
  /** The level the freeboard check uses (the scenario's level, rise included). */
  readonly designLevel: number;
  readonly cellAreaM2: number;
  readonly zones: readonly FloodedArea[];
  readonly parcels: readonly FloodedArea[];
  readonly buildings: readonly FloodedArea[];
  readonly roads: readonly FloodedRoads[];
  readonly points: readonly FloodedPoint[];
  readonly freeboard: readonly FreeboardShortfall[];
  readonly counts: {
    readonly zones: number;
    readonly parcels: number;
    readonly buildings: number;
    readonly roadLengthM: number;
    readonly points: Readonly<Record<string, number>>;
    readonly freeboard: number;
  };
}

