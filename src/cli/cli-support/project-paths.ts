/**
 * Where a command-line run finds the project's own files: the repository root (these commands
 * run from a checkout through `tsx`), the built renderer and the app version.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The checkout's root: src/cli/cli-support → three levels up. */
export function projectRoot(): string {
  return resolve(__dirname, '..', '..', '..');
}

/** The renderer that `npx electron-vite build` writes. */
export function builtRendererDir(root: string): string {
  return join(root, 'out', 'renderer');
}

/** The built Electron main entry (package.json "main"). */
export function builtMainEntry(root: string): string {
  return join(root, 'out', 'main', 'index.js');
}

/** package.json's version, or 'unknown' when it cannot be read. */
export function packageVersion(root: string): string {
  try {
    const parsed = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof parsed.version === 'string' ? parsed.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
