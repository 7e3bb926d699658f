/** Arguments and result of the `print` job (types only: the contract and the renderer import them). */
import type { BBox } from '../store/types.js';
import type { LayerId } from '../../layers/types.js';
import type { Orientation, PaperSize, PrintLayout } from './layout.js';

export type PrintFormat = 'pdf' | 'png';

export interface PrintJobArgs {
  /** The layout, or `template` (a template saved in the project); `center` / `extent` given here override the template's. */
  readonly layout?: PrintLayout;
  readonly template?: string;
  readonly center?: readonly [number, number];
  readonly extent?: BBox;
  readonly format: PrintFormat;
  /** PNG only: 36 … 1200 (default 150). */
  readonly dpi?: number;
  /** Output file; absent: a file in the job's own folder (serve mode always). */
  readonly out?: string;
}

export interface PrintJobResult {
  readonly out: string;
  readonly format: PrintFormat;
  readonly pages: number;
  readonly bytes: number;
  readonly dpi?: number;
  readonly paper: PaperSize;
  readonly orientation: Orientation;
  readonly paperMm: readonly [number, number];
  /** The printed scale denominator (true on paper). */
  readonly scale: number;
  /** The map frame's ground extent, project CRS. */
  readonly extent: BBox;
  /** Layers not drawn completely (feature cap): the sheet carries a visible warning. */
  readonly truncated: readonly LayerId[];
}
