/** Arguments and results of the 'import' and 'export' jobs (gis-core/io/job.ts), for the API contract. */
import type { LayerId } from '../../layers/types.js';
import type { ExportFormat, ExportResult } from './export.js';
import type { ImportOptions, ImportResult } from './import.js';

/** The import options a client may set (author and archive limits are the core's), plus the source path. */
export interface ImportJobArgs extends Omit<ImportOptions, 'author' | 'limits'> {
  /** The source, a path on the machine running PlanDesk. */
  readonly file: string;
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
