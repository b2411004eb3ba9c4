/**
 * Composition root of the Electron main process: hands the real Electron module, the engine
 * factory, the updater and the simulated market (demo mode) to the shell, and nothing else.
 * Everything with behaviour lives in src/main/electron and is tested there against a fake.
 */
import { join } from 'node:path';
import * as electron from 'electron';
import { autoUpdater } from 'electron-updater';
import { createAppRuntime } from './app/create-app-runtime';
import { startElectronShell, type DemoMarket } from './electron/electron-shell';
import { systemClock, systemScheduler } from './util/system-clock';

async function startDemoMarket(): Promise<DemoMarket> {
  // Loaded on demand: live users never parse the simulator.
  const { startSimulator } = await import('../sim');
  const simulator = await startSimulator({ port: 0, host: '127.0.0.1', marketHours: 'always-open' });
  return { env: () => simulator.env(), close: () => simulator.close() };
}

startElectronShell({
  electron,
  process,
  // The engine reaches the two desktop-only operations through these overrides.
  createRuntime: ({ desktop, ...options }) =>
    createAppRuntime(options, {
      marketHours: options.mode === 'demo' ? 'always-open' : 'ist',
      openExternal: async (url) => (await desktop.openExternal(url)).opened,
      restartToUpdate: async () => {
        await desktop.restartToUpdate();
      },
    }),
  // A property read, not a call at import: electron-updater builds its updater on first access.
  loadAutoUpdater: () => autoUpdater,
  startDemoMarket,
  paths: {
    preload: join(__dirname, '../preload/index.cjs'),
    rendererHtml: join(__dirname, '../renderer/index.html'),
  },
  clock: systemClock,
  scheduler: systemScheduler,
}).catch((error: unknown) => {
  // Start-up threw before the log file existed: stderr and a non-zero exit are all that is left.
  process.stderr.write(
    `ChainLens failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  electron.app.exit(1);
});
