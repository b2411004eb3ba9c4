/**
 * `npm run sim [-- flags]`: starts the simulated DhanHQ standalone, prints the environment that
 * points the app at it (NAME=value, one per line, on stdout), logs to stderr, and exits cleanly
 * on SIGINT/SIGTERM by closing the server and setting process.exitCode.
 */
import { isAppError } from '../shared/errors/app-error';
import { CLI_USAGE, parseCliArgs } from './cli-args';
import { startSimulator } from './simulator';
import { createLineLogger, redactSecrets } from './util/sim-logger';

async function main(): Promise<void> {
  const plan = parseCliArgs(process.argv.slice(2));
  if (plan.help) {
    process.stdout.write(`${CLI_USAGE}\n`);
    return;
  }
  // Reads the current token at each line, so a token renewed through the control API is redacted too.
  let currentToken = (): string[] => [];
  const logger = createLineLogger((line) => process.stderr.write(line), {
    level: plan.verbose ? 'debug' : 'info',
    redact: (text) => redactSecrets(text, currentToken()),
  });
  const sim = await startSimulator({ ...plan.options, logger });
  currentToken = () => [sim.accessToken];
  const f = plan.startupFaults;
  if (f.rejectHandshakes !== undefined) sim.faults.rejectHandshakes(f.rejectHandshakes);
  if (f.restFault !== undefined) sim.faults.setRestFault(f.restFault);
  if (f.expireTokenInMs !== undefined) sim.faults.expireTokenAt(Date.now() + f.expireTokenInMs);
  if (f.silent === true) sim.faults.setSilent(true);
  if (f.noServerPings === true) sim.faults.setServerPings(false);

  for (const [name, value] of Object.entries(sim.env())) process.stdout.write(`${name}=${value}\n`);
  logger.info({ controlUrl: sim.controlUrl }, 'control API: POST /control/fault, POST /control/reset, GET /control/state');

  // Keeps the process alive (the simulator's own timers are unref'd) until a signal arrives.
  const keepAlive = setInterval(() => undefined, 1 << 30);
  const stop = (signal: string): void => {
    logger.info({ signal }, 'stopping');
    clearInterval(keepAlive);
    sim.close().then(
      () => {
        process.exitCode = 0;
      },
      (error: unknown) => {
        logger.error({ error: (error as Error).message }, 'close failed');
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  const code = isAppError(error) ? error.code : 'SIM_START_FAILED';
  process.stderr.write(`${JSON.stringify({ level: 'error', code, msg: (error as Error).message })}\n`);
  if (code === 'SIM_INVALID_OPTIONS') process.stderr.write(`${CLI_USAGE}\n`);
  process.exitCode = 1;
});
