/** Arguments and result of the `publish` job and `plandesk publish` (types only: the contract imports them). */
import type { Label, LayerId } from '../../layers/types.js';

export interface PublishJobArgs {
  /** The site folder; absent: a `web-map` folder in the job's own folder (serve mode). */
  readonly out?: string;
  /** Layer ids; the citizen layers (zoning, parcels, roads, red_lines) when absent or empty. */
  readonly layers?: readonly LayerId[];
  /** The page title; the project name by default. */
  readonly title?: string;
  /** Replace an earlier web map in `out` (never a folder that is not one). */
  readonly force?: boolean;
}

export interface PublishedLayer {
  readonly id: LayerId;
  readonly label: Label;
  readonly features: number;
  readonly file: string;
  readonly bytes: number;
}

export interface PublishResult {
  readonly outDir: string;
  readonly title: string;
  readonly layers: readonly PublishedLayer[];
  readonly search: { readonly parcels: number; readonly names: number; readonly bytes: number };
  readonly files: number;
  /** Everything in the folder, viewer included. */
  readonly bytes: number;
}

export type PublishJobResult = PublishResult;
