/**
 * The diagnostics panel against the engine it describes: skeleton counts exactly as the engine
 * counted them, the README screenshot of the panel, and a support bundle that holds no token.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { DiagnosticsSnapshot } from '../../src/shared/api/view-types';
import { formatInteger } from '../../src/renderer/src/util/format';
import { formatBytes } from '../../src/renderer/src/util/format-time';
import { expect, saveScreenshot, test } from './fixtures/e2e-test';
import { findNeedles, tokenNeedles } from './fixtures/secret-needles';

const COUNT_FIELDS = ['underlyings', 'expiries', 'strikes', 'tokens'] as const;

test('shows the skeleton counts the engine built, formatted as the UI formats them (README screenshot)', async ({
  demo,
  openApp,
}, testInfo) => {
  const app = await openApp(demo);
  await app.waitForLiveChain();
  const counts = demo.run.runtime.engine.appState().skeleton?.counts;
  if (!counts) throw new Error('The engine has no skeleton.');
  // The engine counted what the simulated instrument master lists.
  const listed = demo.sim.market.skeleton().counts;
  expect(counts).toEqual({
    underlyings: listed.underlyings,
    expiries: listed.expiries,
    strikes: listed.strikes,
    tokens: listed.options,
  });

  for (const field of COUNT_FIELDS)
    await expect(app.page.getByTestId(`count-${field}`)).toHaveText(formatInteger(counts[field]));
  await app.page.getByTestId('open-diagnostics').click();
  const panel = app.page.getByTestId('diagnostics-panel');
  await expect(panel).toBeVisible();
  for (const field of COUNT_FIELDS)
    await expect(panel.getByTestId(`diag-skeleton-${field}`)).toHaveText(formatInteger(counts[field]));
  await expect(panel.getByTestId('diag-master-state')).toHaveText('loaded');
  await expect(panel.getByTestId('diag-master-date')).toHaveText(demo.sim.market.skeleton().tradingDate);
  await expect(panel.getByTestId('diag-feed-state')).toHaveText('Live');
  await expect(panel.getByTestId('diag-cred-status')).toHaveText('Accepted by DhanHQ');
  await expect(panel.getByTestId('diag-sub-left-out')).toHaveText('0');
  await expect(panel.getByTestId('diag-problems')).toContainText('None.');
  await expect(panel.getByTestId('diag-packets-per-sec')).not.toHaveText('0.0');
  await saveScreenshot(app.page, testInfo, 'diagnostics');
});

test('exports a support bundle with diagnostics.json and without the access token', async ({
  demo,
  openApp,
}) => {
  const app = await openApp(demo);
  await app.waitForLiveChain();
  await app.page.getByTestId('open-diagnostics').click();
  await app.page.getByTestId('diag-export-bundle').click();
  const result = app.page.getByTestId('diag-bundle-result');
  await expect(result).toBeVisible();
  const path = await result.locator('code').innerText();
  expect(path.startsWith(join(demo.run.dirs.dataDir, 'support'))).toBe(true);

  const zip = await readFile(path);
  const files = unzipSync(new Uint8Array(zip));
  const names = Object.keys(files).sort();
  expect(names).toEqual(['README.txt', 'app-state.json', 'diagnostics.json', 'logs/chainlens-serve.log']);
  await expect(result).toHaveText(
    `Support bundle written to ${path} (${formatBytes(zip.length)}, ${names.length} files).`,
  );

  const tokens = new Set([
    demo.sim.accessToken,
    demo.run.runtime.engine.credentials.current()?.accessToken ?? '',
  ]);
  const needles = [...[...tokens].flatMap(tokenNeedles), demo.run.server.accessKey];
  // The scan finds a token where one is (so an empty result below means something).
  expect(findNeedles(`header ${demo.sim.accessToken} trailer`, needles).length).toBeGreaterThan(0);
  const leaks = names.flatMap((name) =>
    findNeedles(strFromU8(files[name]!), needles).map((needle) => `${name}: ${needle.slice(0, 6)}…`),
  );
  expect(leaks).toEqual([]);

  const diagnostics = JSON.parse(strFromU8(files['diagnostics.json']!)) as DiagnosticsSnapshot;
  expect(diagnostics.mode).toBe('demo');
  expect(diagnostics.skeleton).toEqual(demo.run.runtime.engine.appState().skeleton?.counts);
  expect(diagnostics.credentials.status).toBe('ok');
});

test('fills the tick log from the engine once its tab is open, newest entries first', async ({ demo, openApp }) => {
  const app = await openApp(demo);
  await app.waitForLiveChain();
  await app.page.getByTestId('open-diagnostics').click();
  await app.page.getByTestId('diag-tab-ticks').click();
  const log = app.page.getByTestId('tick-log');
  // The engine starts a watcher with its newest 200 entries, then pushes a few times a second.
  await expect(log.getByTestId('tick-log-count')).toHaveText(/^([2-9]\d\d|[\d,]{4,}) shown · \1 kept of \1 received \(last 5,000 kept\)$/);
  const label = log.locator('.ag-row[row-index="0"] [col-id="label"]');
  await expect(label).toHaveText(/^(NIFTY|BANKNIFTY|FINNIFTY|MIDCPNIFTY|SENSEX|BANKEX) (spot|\d{4}-\d{2}-\d{2} (FUT|\d+(\.\d+)? (CE|PE)))$/);
  // HH:MM:SS.mmm of one session day: newest first reads as non-increasing text.
  const times = await log.locator('.ag-row [col-id="time"]').evaluateAll((cells) =>
    cells
      .map((cell) => ({ row: Number(cell.closest('.ag-row')?.getAttribute('row-index')), time: cell.textContent ?? '' }))
      .sort((a, b) => a.row - b.row)
      .map((c) => c.time),
  );
  expect(times.length).toBeGreaterThan(5);
  expect(times).toEqual([...times].sort().reverse());
});
