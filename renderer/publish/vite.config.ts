/**
 * Vite builds the web map viewer (the page of a `plandesk publish` package) into
 * dist/publish-viewer/, which the publisher copies into every site. Relative paths
 * (`base: './'`) so the site works under any folder of any static server; no CDN, no remote
 * fonts, no source maps shipped to the portal.
 */
import { defineConfig } from 'vite';

const root = new URL('.', import.meta.url).pathname;

export default defineConfig({
  root,
  base: './',
  build: {
    outDir: new URL('../../dist/publish-viewer/', import.meta.url).pathname,
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    sourcemap: false,
  },
});
