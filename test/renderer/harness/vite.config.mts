import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The visual harness: the real renderer on a FakeEngine injected as window.chainlens. Built
 * (not served by the dev server) so the page runs under the app's strict CSP, which forbids the
 * dev server's inline scripts.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: process.env.HARNESS_OUT_DIR ?? resolve(import.meta.dirname, '../../../test-results/renderer-harness/dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    modulePreload: { polyfill: false },
  },
});
