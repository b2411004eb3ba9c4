/**
 * `npm run demo`: the desktop app on the built-in simulated market. Where the Electron binary is
 * not installed (a headless box, CI) it says so in one line and starts the browser mode on the
 * simulated market instead, exactly like `npm run serve -- --demo`.
 */
import { existsSync } from 'node:fs';
import { findElectronBinary } from './cli-support/electron-binary';
import { runElectronDemo } from './cli-support/electron-demo';
import { builtMainEntry, projectRoot } from './cli-support/project-paths';
import { runServeCommand } from './cli-support/serve-command';

const root = projectRoot();
const electron = findElectronBinary(root, process.env);

if (!electron.found) {
  process.stdout.write(`The Electron binary is not installed here (${electron.reason}); starting the browser mode on the simulated market instead.\n`);
  void runServeCommand({
    argv: process.argv.slice(2),
    env: process.env,
    root,
    stdout: process.stdout,
    stderr: process.stderr,
    process,
    forceExit: (code) => process.exit(code),
    forceDemo: true,
  });
} else if (!existsSync(builtMainEntry(root))) {
  process.stderr.write('ChainLens: the app is not built yet. Run `npx electron-vite build`, then `npm run demo` again.\n');
  process.exitCode = 1;
} else {
  runElectronDemo({ electronPath: electron.path, root, env: process.env, process });
}
