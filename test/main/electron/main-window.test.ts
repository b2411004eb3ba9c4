import { describe, expect, it } from 'vitest';
import { createMainWindow, focusWindow } from '../../../src/main/electron/main-window';
import { secureWebPreferences } from '../../../src/main/electron/web-preferences';
import type { WindowState, WindowStateStore } from '../../../src/main/electron/window-state';
import { VirtualTime } from '../../fixtures/dhan/virtual-time';
import { createFakeElectron, type FakeBrowserWindow } from './fake-electron';
import { LEVEL, memoryLog } from './log-lines';

function memoryStore(initial: WindowState | null) {
  const saved: WindowState[] = [];
  const store: WindowStateStore = { load: () => initial, save: (s) => void saved.push(s) };
  return { store, saved };
}

function open(initial: WindowState | null = null, page: 'file' | 'url' = 'file') {
  const electron = createFakeElectron({ userData: '/u', logs: '/l' });
  const time = new VirtualTime(0);
  const log = memoryLog();
  const { store, saved } = memoryStore(initial);
  const loadFailures: Error[] = [];
  const window = createMainWindow({
    BrowserWindow: electron.BrowserWindow,
    preloadPath: '/app/out/preload/index.cjs',
    page:
      page === 'file'
        ? { kind: 'file', path: '/app/out/renderer/index.html' }
        : { kind: 'url', url: 'http://localhost:5173/' },
    allowDevTools: false,
    stateStore: store,
    displays: () => ({ all: electron.screen.getAllDisplays(), primary: electron.screen.getPrimaryDisplay() }),
    scheduler: time,
    logger: log.logger,
    onLoadFailed: (error) => loadFailures.push(error),
  }) as FakeBrowserWindow;
  return { electron, window, time, log, saved, loadFailures };
}

describe('createMainWindow', () => {
  it('creates one hidden window with the secure preferences at the saved placement and loads the bundled page', () => {
    const { electron, window } = open({
      version: 1,
      bounds: { x: 40, y: 30, width: 1280, height: 720 },
      maximized: false,
    });
    expect(electron.windows.created).toEqual([window]);
    expect(window.options).toEqual({
      x: 40,
      y: 30,
      width: 1280,
      height: 720,
      minWidth: 1024,
      minHeight: 640,
      show: false,
      title: 'ChainLens',
      backgroundColor: '#0f1419',
      webPreferences: secureWebPreferences('/app/out/preload/index.cjs', false),
    });
    expect(window.loaded).toEqual([{ file: '/app/out/renderer/index.html' }]);
  });

  it('loads the dev server URL when given one', () => {
    expect(open(null, 'url').window.loaded).toEqual([{ url: 'http://localhost:5173/' }]);
  });

  it('shows the window only when its first frame is ready, maximised if it was', () => {
    const { window } = open({
      version: 1,
      bounds: { x: 0, y: 0, width: 1280, height: 720 },
      maximized: true,
    });
    expect([window.visible, window.maximized]).toEqual([false, false]);
    window.emit('ready-to-show');
    expect([window.visible, window.maximized]).toEqual([true, true]);
  });

  it('saves the state one second after the last move or resize, once', () => {
    const { window, time, saved } = open();
    window.normalBounds = { x: 10.4, y: 20.6, width: 1300, height: 820 };
    window.emit('move');
    time.advance(600);
    window.emit('resize');
    time.advance(999);
    expect(saved).toEqual([]);
    time.advance(1);
    expect(saved).toEqual([
      { version: 1, bounds: { x: 10, y: 21, width: 1300, height: 820 }, maximized: false },
    ]);
  });

  it('saves immediately on close, and not again when a pending save would have fired', () => {
    const { window, time, saved } = open();
    window.maximized = true;
    window.emit('resize');
    window.emit('close');
    window.emit('closed');
    time.advance(5000);
    expect(saved).toEqual([
      { version: 1, bounds: { x: 100, y: 100, width: 1440, height: 900 }, maximized: true },
    ]);
  });

  it('does not save the bounds of a minimised or full-screen window', () => {
    const { window, saved } = open();
    window.minimized = true;
    window.emit('close');
    window.minimized = false;
    window.fullScreen = true;
    window.emit('close');
    expect(saved).toEqual([]);
  });

  it('reloads after a renderer crash, at most three times, and logs every crash', async () => {
    const { window, log } = open();
    for (let i = 0; i < 5; i += 1)
      window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(window.webContents.reloads).toBe(3);
    const codes = (await log.lines()).filter((l) => l.code === 'SHELL_RENDERER_CRASHED').map((l) => l.level);
    expect(codes).toEqual([
      LEVEL.error,
      LEVEL.error,
      LEVEL.error,
      LEVEL.error,
      LEVEL.error,
      LEVEL.error,
      LEVEL.error,
    ]);
  });

  it('does not reload after a clean renderer exit', () => {
    const { window } = open();
    window.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    expect(window.webContents.reloads).toBe(0);
  });

  it('reports a page that cannot be loaded', async () => {
    const electron = createFakeElectron({ userData: '/u', logs: '/l' });
    electron.windows.loadError = new Error(
      'ERR_FILE_NOT_FOUND (-6) loading file:///app/out/renderer/index.html',
    );
    const failures: Error[] = [];
    const log = memoryLog();
    createMainWindow({
      BrowserWindow: electron.BrowserWindow,
      preloadPath: '/p.cjs',
      page: { kind: 'file', path: '/app/out/renderer/index.html' },
      allowDevTools: false,
      stateStore: memoryStore(null).store,
      displays: () => ({
        all: electron.screen.getAllDisplays(),
        primary: electron.screen.getPrimaryDisplay(),
      }),
      scheduler: new VirtualTime(0),
      logger: log.logger,
      onLoadFailed: (error) => failures.push(error),
    });
    const lines = await log.lines();
    expect(failures.map((e) => e.message)).toEqual([
      'ERR_FILE_NOT_FOUND (-6) loading file:///app/out/renderer/index.html',
    ]);
    expect(lines.map((l) => [l.level, l.code])).toEqual([[LEVEL.error, 'SHELL_RENDERER_LOAD_FAILED']]);
  });

  it('logs a failing preload script', async () => {
    const { window, log } = open();
    window.webContents.emit('preload-error', {}, '/p.cjs', new Error('contextBridge failed'));
    expect((await log.lines()).map((l) => [l.code, l.error])).toEqual([
      ['SHELL_RENDERER_LOAD_FAILED', 'contextBridge failed'],
    ]);
  });
});

describe('focusWindow', () => {
  it('restores, shows and focuses a minimised hidden window', () => {
    const { window } = open();
    window.minimized = true;
    focusWindow(window);
    expect([window.minimized, window.visible, window.focused]).toEqual([false, true, 1]);
  });

  it('leaves a destroyed window alone', () => {
    const { window } = open();
    window.destroyed = true;
    focusWindow(window);
    expect(window.focused).toBe(0);
  });
});
