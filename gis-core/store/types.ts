/** Shapes the project store takes and returns. JSON-serialisable: they cross the API as they are. */
import type { GeoJSONGeometry, GeometryType, Label, LayerId } from '../../layers/types.js';

/** [minx, miny, maxx, maxy] in the CRS of its context (the project CRS unless said otherwise). */
export type BBox = [number, number, number, number];

export interface NewFeature {
  /** A UUIDv7 made by the client; made by the store when absent. */
  readonly uuid?: string;
  readonly properties: Readonly<Record<string, unknown>>;
  /** In the project CRS. */
  readonly geometry: GeoJSONGeometry;
  /** Source attributes that have no field in the layer (kept by imports, never dropped). */
  readonly extraAttributes?: Readonly<Record<string, unknown>>;
}

export interface StoredFeature {
  /** The row's integer key (stable within this file only). */
  readonly fid: number;
  readonly uuid: string;
  readonly properties: Record<string, unknown>;
  readonly geometry: GeoJSONGeometry;
  readonly extraAttributes: Record<string, unknown> | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly updatedBy: string | null;
}

export interface ProjectInfo {
  readonly file: string;
  readonly name: string;
  readonly province: string;
  /** Working CRS of every layer, e.g. 5897 for VN-2000 / TM-3 105°00′. */
  readonly crsEpsg: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly schemaVersion: number;
}

export interface LayerSummary {
  readonly id: LayerId;
  readonly label: Label;
  readonly geometryType: GeometryType;
  readonly srid: number;
  readonly featureCount: number;
  /** Null for an empty layer. */
  readonly extent: BBox | null;
}

export type FilterOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'like' | 'in' | 'is_null' | 'not_null';

/** One condition on a field; a filter is a list of them, all of which must hold. */
export interface FieldCondition {
  readonly field: string;
  readonly op: FilterOperator;
  /** A scalar; an array for `in`; absent for `is_null` / `not_null`. `like` uses SQL wildcards (%, _), case-insensitive for ASCII. */
  readonly value?: string | number | boolean | readonly (string | number)[];
}

export interface FeatureQuery {
  readonly bbox?: BBox;
  /** `envelope` (default): bounding boxes intersect, as map rendering needs. `exact`: the geometry intersects the box. */
  readonly bboxTest?: 'envelope' | 'exact';
  readonly where?: readonly FieldCondition[];
  /** Without it: key order, or with a box the spatial index's order (stable while the file is unchanged). */
  readonly orderBy?: { readonly field: string; readonly descending?: boolean };
  readonly limit?: number;
  readonly offset?: number;
}
