#!/usr/bin/env node
// `pretest`: on Linux, make sure Chromium, gnome-keyring and dbus are installed (installing
// them as root with apt-get, or naming them and failing otherwise). Elsewhere there is nothing
// to check: macOS and Windows have their own keychain, and Playwright brings its own browser.
import { spawnSync } from 'node:child_process';
import { platform } from 'node:os';

if (platform() === 'linux') {
  const result = spawnSync('bash', ['scripts/ensure-system-deps.sh'], { stdio: 'inherit' });
  process.exitCode = result.status ?? 1;
}
