/**
 * The planning card, the kiosk's lookups and the planning information sheet as the API
 * contract carries them (types only: the renderer bundles this through contract.ts).
 */
import type { BBox } from '../store/types.js';
import type { GeoJSONGeometry, Label, LayerId } from '../../layers/types.js';

/** One zone a parcel falls in, with the part of the parcel inside it. */
export interface PlanningCardZone {
  readonly uuid: string;
  readonly zoneCode: string;
  readonly name: string | null;
  readonly functionCode: string | null;
  /** The function's label from the planning-function code list (the code itself when unknown). */
  readonly functionLabel: Label | null;
  readonly landLawCode: string | null;
  readonly landLawLabel: Label | null;
  /** Area of parcel ∩ zone, m² (exact polygon intersection in the project CRS). */
  readonly areaM2: number;
  /** areaM2 / the parcel's geometric area, 0 … 1. */
  readonly share: number;
  readonly maxDensityPct: number | null;
  readonly maxFar: number | null;
  readonly minFloors: number | null;
  readonly maxFloors: number | null;
  readonly maxHeightM: number | null;
  readonly setbackM: number | null;
  readonly planCode: string | null;
}

/** The plan the indicators come from (project metadata, defaults when absent). */
export interface PlanInfo {
  readonly name: string;
  readonly decisionNo: string;
  readonly decisionDate: string;
  readonly authority: string;
}

export interface PlanningCard {
  readonly parcel: {
    readonly uuid: string;
    readonly sheetNo: number | null;
    readonly parcelNo: number | null;
    readonly address: string | null;
    readonly ward: string | null;
    /** Legal area from the cadastral record (may differ from the geometry's). */
    readonly legalAreaM2: number | null;
    /** Area of the parcel's geometry, m². */
    readonly areaM2: number;
    readonly landLawCode: string | null;
    readonly landLawLabel: Label | null;
    /** Project CRS. */
    readonly bbox: BBox;
    readonly geometry: GeoJSONGeometry;
  };
  /** Largest share first. */
  readonly zones: readonly PlanningCardZone[];
  /** Part of the parcel in no zone, m² (0 when the zones cover it). */
  readonly unzonedAreaM2: number;
  /** The zones overlap on this parcel (their shares add up to more than 100 %): the plan's data needs checking. */
  readonly zonesOverlap: boolean;
  /** Shortest distance from the parcel to a red line (m, 0 when it crosses one); null when none within the search radius. */
  readonly redLineDistanceM: number | null;
  /** The road of the nearest red line, when it has one. */
  readonly redLineRoad: string | null;
  readonly plan: PlanInfo;
  readonly disclaimer: Label;
  /** The project CRS, e.g. 'EPSG:5897'. */
  readonly crs: string;
}

/**
 * A kiosk lookup: a parcel by tờ + thửa (both, exact), by address words (at least
 * PLANNING_ADDRESS_MIN_CHARS letters or digits), a zone by plan code (zone_code, exact, case
 * insensitive), or the parcel under a tapped point (project CRS).
 */
export type PlanningLookupRequest =
  | { readonly by: 'parcel'; readonly sheet: number; readonly parcel: number }
  | { readonly by: 'address'; readonly text: string }
  | { readonly by: 'plan'; readonly code: string }
  | { readonly by: 'point'; readonly x: number; readonly y: number };

export interface PlanningLookupHit {
  readonly layerId: LayerId;
  readonly uuid: string;
  readonly title: Label;
  readonly detail?: Label;
  /** Project CRS: where to zoom. */
  readonly bbox: BBox;
}

export interface PlanningLookupResult {
  readonly hits: readonly PlanningLookupHit[];
  /** More matched than PLANNING_LOOKUP_MAX_HITS: refine the query. */
  readonly truncated: boolean;
}

/** A generated document: the planning information sheet. */
export interface PlanningSheet {
  readonly fileName: string;
  readonly contentType: 'application/pdf';
  /** The PDF, base64. Over HTTP the route answers the bytes themselves (application/pdf). */
  readonly base64: string;
}
