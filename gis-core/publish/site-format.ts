/**
 * The files of a published web map package and their formats — shared by the writer
 * (gis-core/publish/) and the viewer that reads them (renderer/publish/). Types and constants
 * only, so the viewer bundles nothing of the core.
 *
 *   index.html, assets/…       the viewer (dist/publish-viewer/)
 *   data/site.json             SiteManifest: title, project, CRS, layers with styles and legends
 *   data/layers/<layer>.json   one GeoJSON FeatureCollection per layer, project CRS, 1 cm
 *   data/search.json           SiteSearchIndex: parcels by tờ/thửa, names folded for search
 *   README.txt                 for the portal administrator
 */
import type { LayerId } from '../../layers/types.js';
import type { CrsInfo, LayerInfo } from '../api/contract.js';
import type { BBox } from '../store/types.js';

export const SITE_FORMAT = 'plandesk-web-map';
export const SITE_FORMAT_VERSION = 1;

export const SITE_MANIFEST_FILE = 'data/site.json';
export const SITE_SEARCH_FILE = 'data/search.json';
export const SITE_LAYER_DIR = 'data/layers';
export const SITE_README_FILE = 'README.txt';

/** Coordinates are rounded to this many decimals of the project CRS's metres (1 cm). */
export const COORDINATE_DECIMALS = 2;

export interface SiteLayer extends LayerInfo {
  /** The layer's GeoJSON, relative to the site root. */
  readonly file: string;
  /** Whether the viewer shows it when it opens. */
  readonly visible: boolean;
}

export interface SiteManifest {
  readonly format: typeof SITE_FORMAT;
  readonly version: number;
  /** The page title (--title, or the project name). */
  readonly title: string;
  readonly project: { readonly name: string; readonly province: string; readonly crsEpsg: number; readonly updatedAt: string };
  readonly publishedAt: string;
  /** The project CRS (proj4 definition: the viewer draws in VN-2000 like the app) and WGS 84 for the pointer readout. */
  readonly crs: CrsInfo;
  readonly partnerCrs: readonly CrsInfo[];
  /** Union of the published layers' extents, project CRS. */
  readonly extent: BBox | null;
  /** Bottom first (drawing order). */
  readonly layers: readonly SiteLayer[];
  readonly search: string;
}

/**
 * One parcel in the search index: [số tờ, số thửa, uuid, bbox, address]. Addresses live here,
 * not among the names, because nearly every parcel has its own: one short row per parcel.
 */
export type SiteParcelRow = readonly [number, number, string, BBox, string?];

export type SiteNameKind = 'ward' | 'address' | 'road' | 'zone' | 'plan';

/** A searchable name: one text and every feature that carries it (a road of many segments). */
export interface SiteNameEntry {
  readonly kind: SiteNameKind;
  readonly layer: LayerId;
  /** The text as written (Vietnamese with diacritics). */
  readonly text: string;
  /** A second line for the result list (the zone's name beside its code). */
  readonly detail?: string;
  readonly ids: readonly string[];
  readonly bbox: BBox;
}

export interface SiteSearchIndex {
  readonly version: number;
  readonly parcels: readonly SiteParcelRow[];
  readonly names: readonly SiteNameEntry[];
}
