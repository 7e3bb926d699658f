/** Where the bundled demo project lives in a checkout, and the recipe it is made with. */
import { fileURLToPath } from 'node:url';

// This module sits at gis-core/project/ in the sources and dist/gis-core/project/ when built.
const checkoutRoot = fileURLToPath(new URL(import.meta.url.includes('/dist/') ? '../../../' : '../../', import.meta.url));

export const BUNDLED_DEMO = {
  file: `${checkoutRoot}resources/demo/cao-lanh.plandesk.sqlite`,
  scale: 'small',
  seed: 2025,
} as const;
