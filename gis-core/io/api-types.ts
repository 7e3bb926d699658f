/** What the import wizard asks of the core before an import (the IoApi part of the contract): types only. */
import type { GeoJSONGeometry, LayerId } from '../../layers/types.js';
import type { EncodingChoice, FieldMapping, InspectResult } from './import.js';
import type { TextEncoding } from './vn-text.js';

export type { EncodingChoice, FieldMapping, InspectedLayer, InspectResult } from './import.js';
export type { CrsDetection, ZoneSuggestion } from './crs-detect.js';
export type { EncodingGuess, TextEncoding } from './vn-text.js';

export interface IoInspectOptions {
  /** TCVN3 typed with the upper-case fonts (.VnTimeH): samples are upper-cased. */
  readonly upperCaseFont?: boolean;
}

export type IoInspectResult = InspectResult;

/** How the preview reads the source: the wizard's current choices. */
export interface IoPreviewOptions {
  readonly sourceLayer?: string;
  /** EPSG of the source, overriding what the file says (required when it says nothing). */
  readonly srcCrs?: number;
  readonly encoding?: EncodingChoice;
  readonly upperCaseFont?: boolean;
  /** First n features (default 200, at most 1000). */
  readonly limit?: number;
}

export interface IoPreviewFeature {
  readonly type: 'Feature';
  /** 1-based row in the source. */
  readonly row: number;
  readonly properties: Record<string, unknown>;
  readonly geometry: GeoJSONGeometry | null;
}

/** The first features of a source, text decoded and geometry in the project CRS. */
export interface IoPreview {
  readonly sourceLayer: string;
  /** The project CRS the geometries are in ('EPSG:5897'). */
  readonly crs: string;
  readonly srcCrs: { readonly epsg: number | null; readonly note: string };
  readonly encodings: Record<string, TextEncoding>;
  readonly featureCount: number;
  readonly features: IoPreviewFeature[];
}

export interface IoMappingOptions {
  readonly layer: LayerId;
  readonly sourceLayer?: string;
  readonly upperCaseFont?: boolean;
}

/** The mapping the wizard starts from: the one saved from the last import of this source, else the suggestion. */
export interface IoMapping {
  readonly sourceLayer: string;
  readonly fields: string[];
  readonly suggested: FieldMapping;
  /** Null when this source was never imported into this layer. */
  readonly saved: FieldMapping | null;
}

export const IO_PREVIEW_LIMIT_DEFAULT = 200;
export const IO_PREVIEW_LIMIT_MAX = 1000;
