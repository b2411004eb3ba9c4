/**
 * Runs the desktop app on the simulated market: spawns the Electron binary on the built app
 * with demo mode switched on, relays Ctrl+C and SIGTERM to it and exits with its code. Kept
 * deliberately small: it cannot be exercised where there is no Electron binary.
 */
import { spawn } from 'node:child_process';
import type { SignalProcess, ShutdownSignal } from './shutdown-signals';

export interface ElectronDemoOptions {
  readonly electronPath: string;
  readonly root: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly process: SignalProcess;
}

export function runElectronDemo(options: ElectronDemoOptions): void {
  // The shell reads `--demo` / CHAINLENS_MODE=demo; CHAINLENS_DEMO=1 is set as well for tools that look for it.
  const child = spawn(options.electronPath, [options.root, '--demo'], {
    stdio: 'inherit',
    env: { ...options.env, CHAINLENS_MODE: 'demo', CHAINLENS_DEMO: '1' },
  });
  const relay = (signal: ShutdownSignal) => () => child.kill(signal);
  const onInt = relay('SIGINT');
  const onTerm = relay('SIGTERM');
  options.process.on('SIGINT', onInt);
  options.process.on('SIGTERM', onTerm);
  child.on('error', (error) => {
    process.stderr.write(`ChainLens: Electron could not be started: ${error.message}\n`);
    options.process.exitCode = 1;
  });
  child.on('exit', (code, signal) => {
    options.process.off('SIGINT', onInt);
    options.process.off('SIGTERM', onTerm);
    options.process.exitCode = code ?? (signal ? 1 : 0);
  });
}
