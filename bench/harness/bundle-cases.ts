/**
 * Builds benchmark entries the way the app ships: bundled with esbuild (scope-hoisted ESM), so
 * the hot path runs as it does in the electron-vite build. Running the TypeScript through tsx
 * instead turns every import into a CommonJS getter and makes the hot path 5–10× slower.
 *
 * Packages stay external (as electron-vite keeps main's dependencies), so the output folder
 * lives under the repository's node_modules/.cache, where `ws`, `pino` and friends resolve.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

export interface BundledCases {
  /** Case entry name → bundled .mjs file. */
  readonly files: ReadonlyMap<string, string>;
  readonly dir: string;
  dispose(): void;
}

/**
 * Bundles `entries` (name → TypeScript entry path) into one temporary folder.
 * @param repoRoot the repository root (its node_modules resolves packages at run time)
 */
export async function bundleCases(
  repoRoot: string,
  entries: ReadonlyMap<string, string>,
): Promise<BundledCases> {
  const cacheRoot = join(repoRoot, 'node_modules', '.cache');
  mkdirSync(cacheRoot, { recursive: true });
  const dir = mkdtempSync(join(cacheRoot, 'chainlens-bench-'));
  const entryPoints = Object.fromEntries(entries);
  await build({
    entryPoints,
    outdir: dir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outExtension: { '.js': '.mjs' },
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  const files = new Map([...entries.keys()].map((name) => [name, join(dir, `${name}.mjs`)]));
  return { files, dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
