/**
 * Vite builds the renderer (root: this folder) into dist/renderer/, which `plandesk serve` and the
 * Electron shell load. Relative asset paths (`base: './'`) so the same build works from file://
 * (Electron) and from http://127.0.0.1:N/ (serve mode). No CDN, no remote fonts: offline by design.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = new URL('.', import.meta.url).pathname;

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    // Two pages: the app, and the public kiosk (`plandesk serve --kiosk`, renderer/src/kiosk/).
    rollupOptions: { input: { main: `${root}index.html`, kiosk: `${root}kiosk.html` } },
    outDir: new URL('../dist/renderer/', import.meta.url).pathname,
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    sourcemap: true,
  },
  server: { port: 5173, strictPort: false },
});
