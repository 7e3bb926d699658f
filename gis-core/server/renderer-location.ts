/** Where the built renderer (Vite output) lives in a checkout: dist/renderer/. */
import { fileURLToPath } from 'node:url';

// This module sits at gis-core/server/ in the sources and dist/gis-core/server/ when built.
const checkoutRoot = fileURLToPath(new URL(import.meta.url.includes('/dist/') ? '../../../' : '../../', import.meta.url));

export const RENDERER_DIR = `${checkoutRoot}dist/renderer`;
