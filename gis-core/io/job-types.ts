/** Arguments and results of the 'import' and 'export' jobs (gis-core/io/job.ts), for the API contract. */
import type { LayerId } from '../../layers/types.js';
import type { ExportFormat, ExportResult } from './export.js';
import type { ImportOptions, ImportResult } from './import.js';
import type { PlanningExportFormat, PlanningExportResult } from './planning-export.js';

/** The import options a client may set (author and archive limits are the core's), plus the source path. */
export interface ImportJobArgs extends Omit<ImportOptions, 'author' | 'limits'> {
  /** The source, a path on the machine running PlanDesk. */
  readonly file: string;
}

export type ImportJobResult = ImportResult;

/** One layer (or some of its features) to a file format. */
export interface LayerExportJobArgs {
  readonly layer: LayerId;
  readonly format: ExportFormat;
  /**
   * A path on the machine running PlanDesk. Omitted: the file is written into the job's own
   * folder (result.out says where) and, in serve mode, downloaded from GET /api/jobs/{id}/download.
   */
  readonly out?: string;
  /** Replace an existing `out` (the desktop app's save dialog has asked the user; `plandesk serve` never replaces a file). */
  readonly overwrite?: boolean;
  readonly uuids?: readonly string[];
  readonly crs?: number;
}

/**
 * The planning database of Circular 16/2025/TT-BXD Appendix II: the mapped layers (`_A/_L/_P`)
 * into one GeoPackage (io/planning-export.ts). Without `out` it is written into the job's own
 * folder as QuyHoach.gpkg (the appendix's file name).
 */
export interface PlanningExportJobArgs {
  readonly format: PlanningExportFormat;
  readonly out?: string;
  /** As LayerExportJobArgs.overwrite. */
  readonly overwrite?: boolean;
  /** Only these layers; every mapped layer by default. */
  readonly layers?: readonly LayerId[];
  /** Mã thông tin quy hoạch (≤ 15 characters), for features without their own plan_code. */
  readonly maThongTinQH?: string;
  /** Mã hồ sơ quy hoạch (≤ 15 characters). */
  readonly maHoSoQH?: string;
  readonly crs?: number;
}

/** Told apart by `format`: 'planning-gpkg' is the planning database, every other format one layer. */
export type ExportJobArgs = LayerExportJobArgs | PlanningExportJobArgs;

export type ExportJobResult = ExportResult | PlanningExportResult;
