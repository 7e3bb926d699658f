/** Arguments and results of the 'import' and 'export' jobs (gis-core/io/job.ts), for the API contract. */
import type { LayerId } from '../../layers/types.js';
import type { ExportFormat, ExportResult } from './export.js';
import type { EncodingChoice, FieldMapping, ImportResult } from './import.js';
import type { TextEncoding } from './vn-text.js';

export interface ImportJobArgs {
  /** The source, a path on the machine running PlanDesk. */
  readonly file: string;
  readonly layer: LayerId;
  readonly sourceLayer?: string;
  readonly srcCrs?: number;
  readonly encoding?: EncodingChoice;
  readonly fieldEncodings?: Record<string, TextEncoding>;
  readonly upperCaseFont?: boolean;
  readonly mapping?: FieldMapping;
  readonly multi?: 'split' | 'refuse';
  readonly makeValid?: boolean;
  readonly skipInvalid?: boolean;
}

export type ImportJobResult = ImportResult;

export interface ExportJobArgs {
  readonly layer: LayerId;
  readonly format: ExportFormat;
  /** A path on the machine running PlanDesk. */
  readonly out: string;
  readonly uuids?: readonly string[];
  readonly crs?: number;
}

export type ExportJobResult = ExportResult;
