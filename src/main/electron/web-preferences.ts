/**
 * The main window's webPreferences. Every security-relevant switch is spelled out, even where
 * it equals Electron's default, so a future default change or a careless edit shows up in the
 * exact-value test (test/main/electron/web-preferences.test.ts) instead of in production.
 */
import type { MainWindowOptions, SecureWebPreferences } from './electron-ports';

/**
 * @param preloadPath absolute path of the bundled preload (out/preload/index.cjs).
 * @param allowDevTools true only in development builds; packaged builds have no DevTools.
 */
export function secureWebPreferences(preloadPath: string, allowDevTools: boolean): SecureWebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: allowDevTools,
  };
}

/** Smallest window in which the chain grid and its header strip stay usable. */
export const MIN_WINDOW_SIZE = { width: 1024, height: 640 } as const;

/** Used on first start and whenever the saved window state cannot be used. */
export const DEFAULT_WINDOW_SIZE = { width: 1440, height: 900 } as const;

/** Matches the renderer's dark theme, so the window never flashes white while it loads. */
export const WINDOW_BACKGROUND = '#0f1419';

/** Options for the one main window; `bounds` come from the window-state store. */
export function mainWindowOptions(
  preloadPath: string,
  bounds: { x?: number; y?: number; width: number; height: number },
  allowDevTools: boolean,
): MainWindowOptions {
  return {
    ...bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    title: 'ChainLens',
    backgroundColor: WINDOW_BACKGROUND,
    webPreferences: secureWebPreferences(preloadPath, allowDevTools),
  };
}
