/**
 * The web map viewer (renderer/publish/, built by Vite into dist/publish-viewer/) copied into a
 * published site. The site's data folder is written next to it.
 */
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PlanDeskError } from '../errors.js';

// This module sits at gis-core/publish/ in the sources and dist/gis-core/publish/ when built.
const checkoutRoot = fileURLToPath(new URL(import.meta.url.includes('/dist/') ? '../../../' : '../../', import.meta.url));

export const PUBLISH_VIEWER_DIR = process.env.PLANDESK_PUBLISH_VIEWER ?? join(checkoutRoot, 'dist/publish-viewer');

/** Copies the built viewer into `outDir`; NOT_BUILT-style error when it has not been built. */
export function copyViewer(outDir: string, viewerDir: string = PUBLISH_VIEWER_DIR): void {
  if (!existsSync(join(viewerDir, 'index.html'))) {
    throw new PlanDeskError(
      'FILE_NOT_FOUND',
      `The web map viewer is not built (${viewerDir}/index.html is missing): run \`npx vite build --config renderer/publish/vite.config.ts\` (part of \`npm run build\`)`,
    );
  }
  cpSync(viewerDir, outDir, { recursive: true, filter: (source) => !source.endsWith('.map') });
}
