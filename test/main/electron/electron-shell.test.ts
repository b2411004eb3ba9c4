import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { INVOKE_METHODS, invokeChannel } from '../../../src/shared/api/api-contract';
import { dispatchInvoke, type ApiHandlers } from '../../../src/shared/api/api-session';
import type { UpdaterStatus } from '../../../src/shared/api/view-types';
import type { AppRuntime } from '../../../src/main/app/app-runtime';
import {
  startElectronShell,
  type DemoMarket,
  type DesktopRuntimeOptions,
} from '../../../src/main/electron/electron-shell';
import { CONTENT_SECURITY_POLICY_HEADER } from '../../../src/main/electron/session-hardening';
import { secureWebPreferences } from '../../../src/main/electron/web-preferences';
import { VirtualTime } from '../../fixtures/dhan/virtual-time';
import {
  FakeAutoUpdater,
  FakeProcess,
  FakeWebContents,
  createFakeElectron,
  preventable,
  type FakeBrowserWindow,
  type FakeElectron,
} from './fake-electron';

const PRELOAD = '/opt/chainlens/out/preload/index.cjs';
const RENDERER = '/opt/chainlens/out/renderer/index.html';

/** A runtime stand-in: a real validating session over handlers that answer simply. */
function fakeRuntime() {
  const statuses: UpdaterStatus[] = [];
  const counts = { start: 0, stop: 0 };
  const handlers = Object.fromEntries(
    INVOKE_METHODS.map((m) => [m, async () => ({ answeredBy: m })]),
  ) as unknown as ApiHandlers;
  const runtime: AppRuntime = {
    backend: {
      connect: () => ({
        invoke: (method, payload) => dispatchInvoke(handlers, method, payload, () => undefined),
        close: () => undefined,
      }),
    },
    start: async () => {
      counts.start += 1;
    },
    stop: async () => {
      counts.stop += 1;
    },
    setUpdaterStatus: (status) => void statuses.push(status),
  };
  return { runtime, statuses, counts };
}

interface Setup {
  readonly packaged?: boolean;
  readonly argv?: string[];
  readonly env?: Record<string, string>;
  readonly gotLock?: boolean;
  readonly failRuntime?: Error;
}

const dirs: string[] = [];
const running: FakeElectron[] = [];
afterEach(async () => {
  // Quit every app still running so its log file is closed before its folder is removed.
  for (const electron of running.splice(0)) {
    if (electron.app.exitCodes.length === 0) electron.app.quit();
    await exited(electron);
  }
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function boot(setup: Setup = {}) {
  const root = mkdtempSync(join(tmpdir(), 'chainlens-shell-'));
  dirs.push(root);
  const electron: FakeElectron = createFakeElectron({
    userData: join(root, 'userData'),
    logs: join(root, 'logs'),
    isPackaged: setup.packaged ?? false,
    gotLock: setup.gotLock ?? true,
  });
  const proc = new FakeProcess(setup.argv ?? ['ChainLens'], setup.env ?? {});
  const time = new VirtualTime(Date.UTC(2026, 0, 5, 4, 0));
  const updater = new FakeAutoUpdater();
  const fake = fakeRuntime();
  const runtimeOptions: DesktopRuntimeOptions[] = [];
  const demo = { started: 0, closed: 0 };
  const shell = await startElectronShell({
    electron,
    process: proc,
    createRuntime: async (options) => {
      runtimeOptions.push(options);
      if (setup.failRuntime !== undefined) throw setup.failRuntime;
      return fake.runtime;
    },
    loadAutoUpdater: () => updater,
    startDemoMarket: async (): Promise<DemoMarket> => {
      demo.started += 1;
      return {
        env: () => ({ DHAN_API_URL: 'http://127.0.0.1:40001/v2', DHAN_ACCESS_TOKEN: 'demo-token-123456' }),
        close: async () => {
          demo.closed += 1;
        },
      };
    },
    paths: { preload: PRELOAD, rendererHtml: RENDERER },
    clock: time,
    scheduler: time,
  });
  if (shell !== null) running.push(electron);
  const window = electron.windows.created[0] as FakeBrowserWindow | undefined;
  return { root, electron, proc, time, updater, fake, runtimeOptions, demo, shell, window };
}

const settle = async () => {
  for (let i = 0; i < 10; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

/** Waits (on real time: the log file is real I/O) until the fake app has exited. */
async function exited(electron: FakeElectron): Promise<number[]> {
  for (let waited = 0; electron.app.exitCodes.length === 0 && waited < 5000; waited += 5) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return electron.app.exitCodes;
}

describe('startElectronShell', () => {
  it('quits at once in a second instance, before creating anything', async () => {
    const { shell, electron, runtimeOptions } = await boot({ gotLock: false });
    expect(shell).toBeNull();
    expect(electron.app.quitCalls).toBe(1);
    expect(electron.windows.created).toEqual([]);
    expect(runtimeOptions).toEqual([]);
  });

  it('enables the sandbox for all renderers and opens one secure window on the bundled page', async () => {
    const { electron, window } = await boot();
    expect(electron.app.sandboxEnabled).toBe(true);
    expect(electron.windows.created).toHaveLength(1);
    expect(window?.options.webPreferences).toEqual(secureWebPreferences(PRELOAD, true));
    expect(window?.loaded).toEqual([{ file: RENDERER }]);
  });

  it('gives the engine its folders, versions, mode and desktop actions', async () => {
    const { runtimeOptions, root } = await boot({ env: { DHAN_CLIENT_ID: '1100' } });
    const options = runtimeOptions[0] as DesktopRuntimeOptions;
    expect([options.mode, options.dataDir, options.logDir]).toEqual([
      'live',
      join(root, 'userData', 'data'),
      join(root, 'logs'),
    ]);
    expect(options.versions).toEqual({
      app: '1.2.3',
      node: '22.20.0',
      electron: '45.5.0',
      chromium: '142.0.0.0',
      platform: 'linux-x64',
    });
    expect(options.env['DHAN_CLIENT_ID']).toBe('1100');
    await expect(options.desktop.openExternal('https://evil.example/')).rejects.toMatchObject({
      code: 'SHELL_LINK_BLOCKED',
    });
    await expect(options.desktop.restartToUpdate()).rejects.toMatchObject({ code: 'UPDATE_NOT_READY' });
  });

  it('serves every API operation to the window over IPC and refuses strangers', async () => {
    const { electron, window } = await boot();
    const contents = window?.webContents as FakeWebContents;
    expect(electron.ipcMain.handlers.size).toBe(14);
    await expect(
      electron.ipcMain.invoke(invokeChannel('getAppState'), contents.mainFrameEvent(), null),
    ).resolves.toEqual({
      ok: true,
      value: { answeredBy: 'getAppState' },
    });
    const stranger = new FakeWebContents(77, pathToFileURL(RENDERER).href);
    await expect(
      electron.ipcMain.invoke(invokeChannel('getAppState'), stranger.mainFrameEvent(), null),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'API_FORBIDDEN' },
    });
  });

  it('hardens the session and every new webContents', async () => {
    const { electron } = await boot();
    const session = electron.session.defaultSession;
    expect(session.headersFor({ url: 'http://localhost/' })).toEqual({
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY_HEADER],
    });
    let granted: boolean | null = null;
    session.permissionRequestHandler?.({}, 'media', (g) => (granted = g));
    expect(granted).toBe(false);
    const later = new FakeWebContents(50, 'about:blank');
    electron.app.emit('web-contents-created', {}, later);
    const navigation = preventable('https://evil.example/');
    later.emit('will-navigate', navigation);
    expect(navigation.defaultPrevented).toBe(true);
    expect(later.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('installs the native menu with the development items in an unpackaged run', async () => {
    const { electron } = await boot();
    const labels = (electron.Menu.applied ?? []).map((item) => item.label ?? item.role);
    expect(labels).toEqual(['File', 'editMenu', 'View', 'windowMenu', 'help']);
    const view = electron.Menu.applied?.[2]?.submenu?.map((item) => item.role ?? item.type);
    expect(view?.slice(0, 3)).toEqual(['reload', 'forceReload', 'toggleDevTools']);
  });

  it('opens the logs folder from the menu, creating it if needed', async () => {
    const { electron, root } = await boot();
    electron.Menu.applied?.[0]?.submenu?.[0]?.click?.();
    await settle();
    expect(electron.shell.openedPaths).toEqual([join(root, 'logs')]);
  });

  it('starts the engine and reports the updater as disabled in development', async () => {
    const { fake, updater } = await boot();
    expect(fake.counts.start).toBe(1);
    expect(fake.statuses).toEqual([
      {
        state: 'disabled',
        version: null,
        message: 'Updates are off in development builds',
        checkedAtMs: null,
      },
    ]);
    expect(updater.checks).toBe(0);
  });

  it('checks for updates when packaged and live, and reports the check to the engine', async () => {
    const { fake, updater } = await boot({ packaged: true });
    expect(updater.checks).toBe(1);
    updater.emit('checking-for-update');
    expect(fake.statuses.map((s) => s.state)).toEqual(['idle', 'checking']);
  });

  it('never checks for updates in demo mode, starts the simulated market and points the engine at it', async () => {
    const { updater, demo, runtimeOptions, fake } = await boot({
      packaged: true,
      argv: ['ChainLens', '--demo'],
    });
    expect(updater.checks).toBe(0);
    expect(demo.started).toBe(1);
    expect(runtimeOptions[0]?.mode).toBe('demo');
    expect(runtimeOptions[0]?.env['DHAN_API_URL']).toBe('http://127.0.0.1:40001/v2');
    expect(fake.statuses[0]?.message).toBe('Updates are off in demo mode');
  });

  it('writes its log into the OS log folder, never printing the demo token', async () => {
    const { root, electron } = await boot({ argv: ['ChainLens', '--demo'] });
    electron.app.emit('window-all-closed');
    await exited(electron);
    const text = readFileSync(join(root, 'logs', 'chainlens.log'), 'utf8');
    const first = JSON.parse(text.split('\n')[0] ?? '{}') as Record<string, unknown>;
    expect([first.msg, first.mode, first.app]).toEqual(['starting', 'demo', 'chainlens']);
    expect(text.includes('demo-token-123456')).toBe(false);
  });

  it('quits when the window closes: stops the engine and the simulator once, then exits 0', async () => {
    const { electron, fake, demo } = await boot({ argv: ['ChainLens', '--demo'] });
    electron.app.emit('window-all-closed');
    electron.app.emit('window-all-closed');
    expect(await exited(electron)).toEqual([0]);
    expect([fake.counts.stop, demo.closed]).toEqual([1, 1]);
    expect(electron.ipcMain.handlers.size).toBe(0);
  });

  it('tells the user and exits 1 when the engine cannot be created', async () => {
    const { shell, electron, root } = await boot({ failRuntime: new Error('data folder is read-only') });
    expect(await exited(electron)).toEqual([1]);
    expect(shell).toBeNull();
    expect(electron.dialog.errorBoxes).toEqual([
      {
        title: 'ChainLens could not start',
        content: `The engine could not be created: data folder is read-only\n\nThe log files are in ${join(root, 'logs')}`,
      },
    ]);
    expect(electron.windows.created).toEqual([]);
    expect(existsSync(join(root, 'logs', 'chainlens.log'))).toBe(true);
  });

  it('loads the dev server only when unpackaged', async () => {
    const dev = await boot({ env: { ELECTRON_RENDERER_URL: 'http://localhost:5173/' } });
    expect(dev.window?.loaded).toEqual([{ url: 'http://localhost:5173/' }]);
    const packaged = await boot({ packaged: true, env: { ELECTRON_RENDERER_URL: 'http://localhost:5173/' } });
    expect(packaged.window?.loaded).toEqual([{ file: RENDERER }]);
    expect(packaged.window?.options.webPreferences.devTools).toBe(false);
  });

  it('focuses the existing window when the app is launched again', async () => {
    const { electron, window } = await boot();
    (window as FakeBrowserWindow).minimized = true;
    electron.app.emit('second-instance', {}, [], '/', {});
    expect([(window as FakeBrowserWindow).minimized, (window as FakeBrowserWindow).focused]).toEqual([
      false,
      1,
    ]);
  });
});
