/**
 * `npm run serve [-- --demo] [--port N]`: the engine headless, its screen served to a browser on
 * 127.0.0.1 (src/cli/cli-support/serve-command.ts; docs/browser-mode.md).
 */
import { projectRoot } from './cli-support/project-paths';
import { runServeCommand } from './cli-support/serve-command';

void runServeCommand({
  argv: process.argv.slice(2),
  env: process.env,
  root: projectRoot(),
  stdout: process.stdout,
  stderr: process.stderr,
  process,
  // The composition root is the one place allowed to end the process: a second Ctrl+C.
  forceExit: (code) => process.exit(code),
});
