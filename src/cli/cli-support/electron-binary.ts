/**
 * Finds the Electron executable the way the `electron` package does, without loading that
 * package: requiring it starts a download when the binary is missing, and this machine may
 * have no network or no display.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** `reason` says what is missing, for a one-line message. */
export type ElectronBinary = { readonly found: true; readonly path: string } | { readonly found: false; readonly reason: string };

/**
 * Reads node_modules/electron/path.txt and checks that dist/<that path> exists; honours
 * ELECTRON_OVERRIDE_DIST_PATH like the package does.
 */
export function findElectronBinary(root: string, env: Readonly<Record<string, string | undefined>>): ElectronBinary {
  const packageDir = join(root, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = env.ELECTRON_OVERRIDE_DIST_PATH?.trim();
  if (override) {
    const path = join(override, relative || 'electron');
    return existsSync(path) ? { found: true, path } : { found: false, reason: `ELECTRON_OVERRIDE_DIST_PATH points at no binary: ${path} is missing` };
  }
  if (!relative) return { found: false, reason: 'node_modules/electron/path.txt is missing' };
  const path = join(packageDir, 'dist', relative);
  return existsSync(path) ? { found: true, path } : { found: false, reason: `${path} is missing` };
}
