/**
 * Makes sure out/ holds an electron-vite build of the current sources before a packaging test
 * reads it: builds when out/main/index.js is missing (or, if asked, older than any source).
 * Test files run in parallel, so a lock directory keeps two of them from building at once.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';

export const PROJECT_ROOT = resolve(__dirname, '../..');
export const OUT_DIR = join(PROJECT_ROOT, 'out');
const OUTPUTS = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];

function newestSourceMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceMs(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function buildNeeded(rebuildIfStale: boolean): boolean {
  const outputs = OUTPUTS.map((file) => join(PROJECT_ROOT, file));
  if (!outputs.every((file) => existsSync(file))) return true;
  if (!rebuildIfStale) return false;
  const oldestOutput = Math.min(...outputs.map((file) => statSync(file).mtimeMs));
  const newestInput = Math.max(
    newestSourceMs(join(PROJECT_ROOT, 'src')),
    statSync(join(PROJECT_ROOT, 'electron.vite.config.ts')).mtimeMs,
  );
  return newestInput > oldestOutput;
}

async function withLock<T>(run: () => T): Promise<T> {
  const lock = join(
    tmpdir(),
    `chainlens-build-${createHash('sha1').update(PROJECT_ROOT).digest('hex').slice(0, 12)}.lock`,
  );
  for (let waited = 0; ; waited += 100) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (waited > 300_000)
        throw new Error(`build lock ${lock} held for 5 minutes; remove it if no build is running`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    return run();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Runs `electron-vite build` if needed; throws with its output when the build fails. */
export async function ensureBuilt(options: { rebuildIfStale: boolean }): Promise<void> {
  if (!buildNeeded(options.rebuildIfStale)) return;
  await withLock(() => {
    if (!buildNeeded(options.rebuildIfStale)) return;
    const cli = join(PROJECT_ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
    execFileSync(process.execPath, [cli, 'build'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
      stdio: 'pipe',
      timeout: 240_000,
    });
  });
}
