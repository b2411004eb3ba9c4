/**
 * Boots the built main-process bundle (out/main/index.js, exactly what ships) in plain Node with
 * a fake `electron` module, in demo mode against the built-in simulator: it must open its window
 * on the bundled preload and page, answer the API over IPC from the real engine, and shut down
 * cleanly — all without a path that exists only in the source tree.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeChannel } from '../../src/shared/api/api-contract';
import {
  createFakeElectron,
  type FakeBrowserWindow,
  type FakeElectron,
} from '../main/electron/fake-electron';
import { OUT_DIR, PROJECT_ROOT, ensureBuilt } from './ensure-build';

const BUNDLE = join(OUT_DIR, 'main', 'index.js');

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleInternals = Module as unknown as { _load: Loader };

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the built main bundle', () => {
  let root = '';
  let electron: FakeElectron;
  let originalLoad: Loader;
  const savedMode = process.env['CHAINLENS_MODE'];

  beforeAll(async () => {
    await ensureBuilt({ rebuildIfStale: true });
    root = mkdtempSync(join(tmpdir(), 'chainlens-bundle-'));
    electron = createFakeElectron({
      userData: join(root, 'userData'),
      logs: join(root, 'logs'),
      isPackaged: true,
      version: '0.1.0',
    });
    originalLoad = moduleInternals._load;
    moduleInternals._load = function load(request, parent, isMain) {
      return request === 'electron' ? electron : originalLoad.call(this, request, parent, isMain);
    };
    process.env['CHAINLENS_MODE'] = 'demo';
    createRequire(__filename)(BUNDLE);
    await until(
      () => electron.windows.created.length === 1 && electron.ipcMain.handlers.size === 14,
      'the window and its IPC handlers',
    );
  }, 300_000);

  afterAll(async () => {
    if (electron !== undefined && electron.app.exitCodes.length === 0) {
      electron.app.quit();
      await until(() => electron.app.exitCodes.length > 0, 'exit').catch(() => undefined);
    }
    if (originalLoad !== undefined) moduleInternals._load = originalLoad;
    if (savedMode === undefined) delete process.env['CHAINLENS_MODE'];
    else process.env['CHAINLENS_MODE'] = savedMode;
    const requireHere = createRequire(__filename);
    delete requireHere.cache[requireHere.resolve(BUNDLE)];
    if (root !== '') rmSync(root, { recursive: true, force: true });
  });

  it('opens its window on the preload and page that ship next to it', () => {
    const window = electron.windows.created[0] as FakeBrowserWindow;
    expect(window.options.webPreferences.preload).toBe(join(OUT_DIR, 'preload', 'index.cjs'));
    expect(window.options.webPreferences.sandbox).toBe(true);
    expect(window.options.webPreferences.devTools).toBe(false);
    expect(window.loaded).toEqual([{ file: join(OUT_DIR, 'renderer', 'index.html') }]);
    expect([
      existsSync(window.options.webPreferences.preload),
      existsSync(join(OUT_DIR, 'renderer', 'index.html')),
    ]).toEqual([true, true]);
  });

  it('contains no path of the source tree', () => {
    const mainDir = join(OUT_DIR, 'main');
    const text = readdirSync(mainDir, { recursive: true })
      .map(String)
      .filter((file) => file.endsWith('.js'))
      .map((file) => readFileSync(join(mainDir, file), 'utf8'))
      .join('\n');
    expect(text.includes(PROJECT_ROOT)).toBe(false);
    expect(/["'`][^"'`]*\/src\/(main|shared|sim|renderer)\//.test(text)).toBe(false);
  });

  it('answers the API over IPC from the real engine in demo mode', async () => {
    const window = electron.windows.created[0] as FakeBrowserWindow;
    const result = (await electron.ipcMain.invoke(
      invokeChannel('getAppState'),
      window.webContents.mainFrameEvent(),
      null,
    )) as {
      ok: boolean;
      value?: { mode: string };
    };
    expect(result.ok).toBe(true);
    expect(result.value?.mode).toBe('demo');
  });

  it('keeps updates off in demo mode even when packaged', () => {
    expect(electron.dialog.boxes).toEqual([]);
    expect(electron.dialog.errorBoxes).toEqual([]);
  });

  it('writes its log into the OS log folder', async () => {
    await until(() => existsSync(join(root, 'logs', 'chainlens.log')), 'the log file');
    expect(existsSync(join(root, 'logs', 'chainlens.log'))).toBe(true);
  });

  it('shuts down cleanly when the window closes', async () => {
    electron.app.emit('window-all-closed');
    await until(() => electron.app.exitCodes.length > 0, 'exit', 15_000);
    expect(electron.app.exitCodes).toEqual([0]);
    expect(electron.ipcMain.handlers.size).toBe(0);
  });
});
