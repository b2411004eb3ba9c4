#!/usr/bin/env node
// `npm test`: everything CI runs, in order, stopping at the first failure:
// lint → typecheck → build → unit/integration/component/keychain tests (Vitest, inside a
// private keyring on Linux) → browser end-to-end tests (Playwright in Chromium).
// Pass --skip-e2e or --only-e2e while developing; CI always runs everything.
import { spawnSync } from 'node:child_process';
import { platform } from 'node:os';

const args = new Set(process.argv.slice(2));
const npx = platform() === 'win32' ? 'npx.cmd' : 'npx';
const npm = platform() === 'win32' ? 'npm.cmd' : 'npm';
const withKeyring = platform() === 'linux' ? ['bash', 'scripts/with-keyring.sh'] : [];

const steps = [
  { name: 'lint', cmd: [npm, 'run', '--silent', 'lint'], e2e: false },
  { name: 'build', cmd: [npm, 'run', '--silent', 'build'], e2e: true },
  { name: 'vitest', cmd: [...withKeyring, npx, 'vitest', 'run'], e2e: false },
  { name: 'playwright', cmd: [npx, 'playwright', 'test'], e2e: true },
];

for (const step of steps) {
  if (args.has('--skip-e2e') && step.name === 'playwright') continue;
  if (args.has('--only-e2e') && !step.e2e) continue;
  console.log(`\n▶ ${step.name}: ${step.cmd.join(' ')}`);
  const [command, ...rest] = step.cmd;
  const result = spawnSync(command, rest, { stdio: 'inherit', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } });
  if (result.status !== 0) {
    console.error(`\n✖ ${step.name} failed (exit ${result.status ?? result.signal}).`);
    process.exitCode = result.status ?? 1;
    break;
  }
}
