/**
 * What the 3D scene is built from and what the build answers: plain data (structured-clone and
 * transfer friendly) so the build runs in a Web Worker. Coordinates are local metres: x east and
 * y north from `origin` (the view's centre in the project CRS), z up (elevation × exaggeration).
 */

/** A polygon feature to extrude (building) or drape (zone). Rings: [[x, y], …], outer first. */
export interface PolygonInput {
  readonly rings: readonly (readonly (readonly number[])[])[];
  /** Extrusion height in metres (0: flat). */
  readonly height: number;
  /** 0xRRGGBB. */
  readonly color: number;
}

export interface LineInput {
  readonly coords: readonly (readonly number[])[];
  /** Ribbon width (roads) in metres; 0 for a plain line. */
  readonly width: number;
  readonly color: number;
}

/** A pipe at invert elevations (absolute metres); NaN ends are put `defaultDepth` below ground. */
export interface PipeInput {
  readonly coords: readonly (readonly number[])[];
  readonly fromInvert: number;
  readonly toInvert: number;
  readonly color: number;
}

export interface PoleInput {
  readonly x: number;
  readonly y: number;
  readonly height: number;
}

/** A north-up elevation grid over `bbox` (local metres); NaN = nodata; row 0 is the north row. */
export interface TerrainInput {
  readonly columns: number;
  readonly rows: number;
  readonly bbox: readonly [number, number, number, number];
  readonly values: Float32Array;
}

export interface ZoneInput extends PolygonInput {
  /** Zone indicators for the planned massing. */
  readonly maxFloors: number | null;
  readonly maxHeightM: number | null;
  readonly setbackM: number | null;
  readonly maxDensityPct: number | null;
}

export interface SceneInput {
  /** Local bbox of the scene (metres). */
  readonly bbox: readonly [number, number, number, number];
  readonly exaggeration: number;
  /** Ground elevation used where there is no terrain (metres). */
  readonly groundLevel: number;
  readonly terrain: TerrainInput | null;
  readonly buildings: readonly PolygonInput[];
  readonly zones: readonly ZoneInput[];
  readonly roads: readonly LineInput[];
  readonly redLines: readonly LineInput[];
  readonly poles: readonly PoleInput[];
  readonly pipes: readonly PipeInput[];
}

/** One merged mesh: non-indexed triangles; `feature[t]` = input index of triangle t. */
export interface MeshData {
  readonly position: Float32Array;
  readonly normal: Float32Array;
  readonly color: Float32Array;
  readonly feature: Uint32Array;
}

/** A run of triangles in a MeshData (triangle indices, not floats). */
export interface TriangleRange {
  readonly start: number;
  readonly count: number;
}

/**
 * One spatial tile of a tiled layer (level of detail): the features whose footprint centre
 * lies in the tile's square, as the full extrusions (`near`, a range of the layer's merged
 * triangles) and as a simplified version (`far`, a range of the layer's `far` mesh).
 */
export interface LodTile {
  /** Column and row of the tile's square (TILE_SIZE metres) from the scene bbox's south-west. */
  readonly column: number;
  readonly row: number;
  /** Bounds of the tile's near geometry: x0, y0, z0, x1, y1, z1 (local metres). */
  readonly bounds: readonly [number, number, number, number, number, number];
  readonly near: TriangleRange;
  readonly far: TriangleRange;
}

/**
 * A layer split into tiles: the merged full geometry (the MeshData itself, triangles grouped
 * by tile) plus a far version per tile; `far.feature[t]` is the feature a simplified triangle
 * stands for (the largest of those it replaces).
 */
export interface TiledMeshData extends MeshData {
  readonly far: MeshData;
  readonly tiles: readonly LodTile[];
}

export interface LineData {
  readonly position: Float32Array;
  readonly color: Float32Array;
}

export interface SceneData {
  readonly terrain: MeshData | null;
  readonly buildings: TiledMeshData;
  /** Planned massing; `feature[t]` indexes `zones` of the input. */
  readonly massing: TiledMeshData;
  readonly zones: MeshData;
  readonly roads: MeshData;
  readonly redLines: LineData;
  readonly pipes: LineData;
  /** x, y, z (base), height per pole. */
  readonly poles: Float32Array;
  /** Tallest building / massing top above its base (metres, not exaggerated). */
  readonly maxBuildingHeight: number;
  readonly maxMassingHeight: number;
  readonly massingCount: number;
  readonly minGround: number;
  readonly maxGround: number;
}

export type Progress = (fraction: number, stage: string) => void;
