/**
 * Builds the renderer for the tick-to-screen benchmark into a temporary folder, with the same
 * settings as the renderer section of electron.vite.config.ts (production mode, minified), so
 * the benchmark never measures a stale or development build and never touches out/.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

export interface BuiltRenderer {
  readonly dir: string;
  dispose(): void;
}

export async function buildRenderer(repoRoot: string): Promise<BuiltRenderer> {
  const dir = mkdtempSync(join(tmpdir(), 'chainlens-bench-renderer-'));
  await build({
    configFile: false,
    root: join(repoRoot, 'src', 'renderer'),
    base: './',
    mode: 'production',
    logLevel: 'warn',
    plugins: [react()],
    build: {
      outDir: dir,
      emptyOutDir: true,
      minify: true,
      rollupOptions: { input: { index: join(repoRoot, 'src', 'renderer', 'index.html') } },
    },
  });
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
