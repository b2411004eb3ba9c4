/**
 * `npm run serve` as a function of its arguments and process, so `npm run demo` can fall back
 * to it: parse flags, start the browser mode, stop cleanly on SIGINT/SIGTERM.
 */
import { isAppError } from '../../shared/errors/app-error';
import { startBrowserMode, type BrowserModeRun } from './browser-mode';
import { describeFailure } from './cli-failure';
import { SERVE_USAGE, parseServeArgs } from './serve-args';
import { shutdownOnSignals, type SignalProcess } from './shutdown-signals';

export interface ServeCommandIo {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly root: string;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly process: SignalProcess;
  /** Only used on a second signal. */
  readonly forceExit: (code: number) => void;
  /** Start on the simulated market whatever the flags say (the demo fallback). */
  readonly forceDemo?: boolean;
}

/** Resolves once the server is up (or the run failed, with exitCode 1 set and the reason printed). */
export async function runServeCommand(io: ServeCommandIo): Promise<BrowserModeRun | null> {
  let run: BrowserModeRun;
  // A signal during startup (even right after the URL is printed) must not kill the process
  // before the real handlers below exist: note it now, act on it once they do.
  let earlySignal: string | null = null;
  const noteSigint = (): void => {
    earlySignal ??= 'SIGINT';
  };
  const noteSigterm = (): void => {
    earlySignal ??= 'SIGTERM';
  };
  io.process.on('SIGINT', noteSigint);
  io.process.on('SIGTERM', noteSigterm);
  const forgetEarly = (): void => {
    io.process.off('SIGINT', noteSigint);
    io.process.off('SIGTERM', noteSigterm);
  };
  try {
    const args = parseServeArgs(io.argv);
    if (args.help) {
      forgetEarly();
      io.stdout.write(`${SERVE_USAGE}\n`);
      return null;
    }
    run = await startBrowserMode({ demo: args.demo || io.forceDemo === true, port: args.port, seed: args.seed, env: io.env, root: io.root, out: io.stdout, terminal: io.stderr });
  } catch (error) {
    forgetEarly();
    io.stderr.write(describeFailure(error));
    if (isAppError(error) && error.code === 'SERVE_INVALID_ARGUMENTS') io.stderr.write(`\n${SERVE_USAGE}\n`);
    io.process.exitCode = 1;
    return null;
  }
  const signals = shutdownOnSignals({ process: io.process, stop: () => run.stop(), logger: run.logger, forceExit: io.forceExit });
  forgetEarly();
  if (earlySignal !== null) {
    run.logger.info({ signal: earlySignal }, 'stopping: signal received during startup');
    void signals.shutdown(earlySignal);
  }
  return { ...run, stop: () => signals.shutdown('stop requested').finally(() => signals.dispose()) };
}
