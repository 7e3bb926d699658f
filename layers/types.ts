/**
 * The shape of a PlanDesk domain layer: pure data plus pure functions, no I/O.
 *
 * A layer definition is what every other part of PlanDesk reads to know a layer:
 * the store makes its table from `fields` and `geometryType`, the renderer styles it from
 * `style`, forms are generated from `fields`, and the rule engine runs `rules`.
 */

/** A text in both UI languages. Vietnamese is the default UI language. */
export interface Label {
  readonly vi: string;
  readonly en: string;
}

export type LayerId =
  | 'zoning'
  | 'parcels'
  | 'buildings'
  | 'roads'
  | 'red_lines'
  | 'drainage_pipes'
  | 'drainage_manholes'
  | 'water_mains'
  | 'water_valves'
  | 'water_hydrants'
  | 'water_meters'
  | 'lighting_poles'
  | 'lighting_cabinets';

/** Domain groups as the layer panel shows them. */
export type LayerGroupId = 'planning' | 'cadastre' | 'transport' | 'drainage' | 'water' | 'lighting';

/** Geometry types a layer may hold. Every layer holds exactly one (single-part) type, 2D. */
export type GeometryType = 'Point' | 'LineString' | 'Polygon';

/**
 * Storage type of an attribute.
 * - `text`, `integer`, `real`: as in SQLite.
 * - `boolean`: stored as INTEGER 0/1.
 * - `date`: ISO 8601 date text (YYYY-MM-DD).
 */
export type FieldType = 'text' | 'integer' | 'real' | 'boolean' | 'date';

export interface CodeListEntry {
  readonly code: string;
  readonly label: Label;
  /** Fill or stroke colour used by the legend and categorized styles, `#rrggbb`. */
  readonly color?: string;
}

export interface CodeList {
  readonly id: string;
  readonly label: Label;
  readonly entries: readonly CodeListEntry[];
}

export interface FieldDefinition {
  /** Column name: English snake_case, stable (tools, tests and sync rely on it). */
  readonly key: string;
  readonly label: Label;
  readonly type: FieldType;
  /** Display unit, e.g. `m`, `m²`, `mm`, `%`, `W`, `kVA`, `m (cao độ)`. */
  readonly unit?: string;
  readonly required?: boolean;
  /** When set, the value must be one of the list's codes. */
  readonly codeList?: CodeList;
  /** Inclusive numeric range for `integer` / `real` fields. */
  readonly min?: number;
  readonly max?: number;
  readonly maxLength?: number;
  /** Filled by PlanDesk from the geometry or other fields (area, length, slope); read-only in forms. */
  readonly derived?: boolean;
  readonly description?: Label;
}

/** Colours are `#rrggbb` or `#rrggbbaa`. */
export interface StrokeSymbol {
  readonly color: string;
  readonly width: number;
  readonly dash?: readonly number[];
}

export interface FillSymbol {
  readonly color: string;
}

export interface PointSymbol {
  readonly shape: 'circle' | 'square' | 'triangle' | 'diamond' | 'cross';
  /** Diameter in pixels. */
  readonly size: number;
  readonly fill?: FillSymbol;
  readonly stroke?: StrokeSymbol;
}

export interface Symbol {
  readonly fill?: FillSymbol;
  readonly stroke?: StrokeSymbol;
  readonly point?: PointSymbol;
}

export interface LabelStyle {
  /** Field whose value is drawn as the label. */
  readonly field: string;
  /** Labels are drawn only at map resolutions (m/pixel) at or below this. */
  readonly maxResolution: number;
  readonly color: string;
  readonly haloColor: string;
  /** Font size in pixels. */
  readonly size: number;
  /** Lines draw their label along the line. */
  readonly placement: 'point' | 'line';
}

export type LayerStyle =
  | { readonly kind: 'single'; readonly symbol: Symbol; readonly label?: LabelStyle }
  | {
      readonly kind: 'categorized';
      /** A field with a code list; each entry's colour becomes its category symbol. */
      readonly field: string;
      /** The symbol used for the field's categories, with the category's colour put in. */
      readonly base: Symbol;
      /** For values not in the code list or NULL. */
      readonly fallback: Symbol;
      readonly label?: LabelStyle;
    };

export type Severity = 'error' | 'warning' | 'info';

/** A feature as the rule engine hands it to a rule: attributes and GeoJSON geometry in the project CRS (metres). */
export interface RuleFeature {
  readonly uuid: string;
  readonly properties: Readonly<Record<string, unknown>>;
  readonly geometry: GeoJSONGeometry;
}

/**
 * What a rule may ask of the project while checking one feature. Implemented by the rule
 * engine in gis-core over the layers a run loads into memory (with a spatial index), and by
 * tests over a few hand-made features; rules stay pure.
 */
export interface RuleContext {
  /** Features of another (or the same) layer whose bounding box intersects `bbox` [minx, miny, maxx, maxy]. */
  featuresIn(layer: LayerId, bbox: readonly [number, number, number, number]): Iterable<RuleFeature>;
  /** One feature by uuid, or undefined. */
  feature(layer: LayerId, uuid: string): RuleFeature | undefined;
  /**
   * Features of `layer` whose attributes equal all of `values` (e.g. `{ sheet_no: 12, parcel_no: 7 }`),
   * through an index the engine builds on first use for that set of fields. Numbers and their
   * text match (12 = "12").
   */
  featuresWhere(layer: LayerId, values: Readonly<Record<string, string | number>>): readonly RuleFeature[];
  /**
   * A value about `feature` computed once per run and shared by every rule asking for the same
   * `name` (e.g. 'zones-of-parcel'): work several rules or features need (a parcel's zones, a
   * main's hydrants) is done once. `compute` must be pure; the name says what it holds.
   */
  memo<T>(name: string, feature: RuleFeature, compute: () => T): T;
}

export interface RuleFinding {
  readonly message: Label;
  /** Optional numbers that explain the finding (e.g. actual vs allowed density). */
  readonly details?: Readonly<Record<string, number | string>>;
}

/** One validation rule: one concern, one code (`layers/rules/`, one file each). */
export interface LayerRule {
  /** Stable code, e.g. `ZONING_DENSITY_MAX`. */
  readonly code: string;
  readonly severity: Severity;
  readonly title: Label;
  /** Other layers the rule reads through the context (the engine loads them too). */
  readonly reads?: readonly LayerId[];
  check(feature: RuleFeature, context: RuleContext): readonly RuleFinding[];
}

export interface LayerDefinition {
  readonly id: LayerId;
  readonly label: Label;
  readonly group: LayerGroupId;
  readonly geometryType: GeometryType;
  /** Attribute fields, in form order. Bookkeeping columns (id, uuid, created_at, …) are not listed here. */
  readonly fields: readonly FieldDefinition[];
  readonly style: LayerStyle;
  readonly rules: readonly LayerRule[];
}

/** Minimal GeoJSON geometry types (RFC 7946 shapes; coordinates in the CRS of their context). */
export type Position = readonly number[];
export type GeoJSONGeometry =
  | { readonly type: 'Point'; readonly coordinates: Position }
  | { readonly type: 'LineString'; readonly coordinates: readonly Position[] }
  | { readonly type: 'Polygon'; readonly coordinates: readonly (readonly Position[])[] }
  | { readonly type: 'MultiPoint'; readonly coordinates: readonly Position[] }
  | { readonly type: 'MultiLineString'; readonly coordinates: readonly (readonly Position[])[] }
  | { readonly type: 'MultiPolygon'; readonly coordinates: readonly (readonly (readonly Position[])[])[] };
