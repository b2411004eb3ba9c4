/**
 * The option chain on the simulated market: live prices that change and flash, the ATM row,
 * switching underlying and expiry, and the README screenshot of the chain.
 */
import { atmStrikeIndex } from '../../src/shared/analytics/atm-strike';
import type { SimExpiryListing, SimUnderlyingListing } from '../../src/sim';
import { formatInteger } from '../../src/renderer/src/util/format';
import { expect, saveScreenshot, test } from './fixtures/e2e-test';
import type { E2eRun } from './fixtures/browser-mode-runs';

/** The strike window the app opens with (strikes on each side of ATM). */
const DEFAULT_STRIKE_WINDOW = 15;

function listing(run: E2eRun, symbol: string): SimUnderlyingListing {
  const found = run.sim.market.skeleton().underlyings.find((u) => u.symbol === symbol);
  if (!found) throw new Error(`The simulator lists no ${symbol}.`);
  return found;
}

function ascendingStrikes(expiry: SimExpiryListing): number[] {
  return expiry.strikes.map((s) => s.strike).sort((a, b) => a - b);
}

/** The strikes of the NIFTY expiry the app opens on, ascending. */
function openingStrikes(run: E2eRun): number[] {
  return ascendingStrikes(listing(run, 'NIFTY').expiries[0]!);
}

/** The rows the grid should show: the window of strikes around `atm`, as row ids. */
function windowAround(strikes: readonly number[], atm: string): string[] {
  const centre = strikes.indexOf(Number(atm));
  if (centre < 0) return [];
  return strikes
    .slice(Math.max(0, centre - DEFAULT_STRIKE_WINDOW), centre + DEFAULT_STRIKE_WINDOW + 1)
    .map(String);
}

/** "24,360.55" → 24360.55 (the UI groups digits the Indian way). */
function parseShown(text: string): number {
  return Number(text.replace(/,/g, '').replace('−', '-'));
}

test('opens on the nearest NIFTY expiry with prices that change and flash', async ({ demo, openApp }) => {
  const app = await openApp(demo);
  await app.waitForLiveChain();
  const nifty = listing(demo, 'NIFTY');
  await expect(app.page.getByTestId('simulated-badge')).toHaveText('SIMULATED');
  await expect(app.page.getByTestId('select-underlying')).toHaveValue('NIFTY');
  await expect(app.page.getByTestId('select-expiry')).toHaveValue(nifty.expiries[0]?.expiry ?? '');
  await expect(app.metric('lot')).toHaveText(formatInteger(nifty.lotSize));

  const before = await app.ltps('ce');
  const change = await app.nextCeLtpChange(before);
  expect(change.to).not.toBe(change.from);
  expect(change.to).not.toBe('—');
  // A changed price keeps the direction of its last move as a mark, in step with its data-dir.
  const tick = app.cell(change.strike, 'ce.ltp').locator('.tick-cell');
  const mark = await tick.evaluate((el) => ({
    dir: el.getAttribute('data-dir'),
    mark: el.querySelector('.tick-mark')?.textContent,
  }));
  expect([
    { dir: 'up', mark: '▲' },
    { dir: 'down', mark: '▼' },
  ]).toContainEqual(mark);
  // AG Grid's flash lasts 350 ms: watch every frame rather than poll.
  const flashed = await app.page.waitForFunction(
    () =>
      document
        .querySelector('[data-testid="chain-grid"] [role="gridcell"][col-id$=".ltp"].ag-cell-data-changed')
        ?.getAttribute('col-id') ?? null,
    null,
    { polling: 'raf', timeout: 15_000 },
  );
  expect(['ce.ltp', 'pe.ltp']).toContain(await flashed.jsonValue());
});

test('highlights exactly the ATM row: the strike in the header, nearest the forward', async ({
  demo,
  openApp,
}) => {
  const app = await openApp(demo);
  await app.waitForLiveChain();
  const strikes = openingStrikes(demo);
  await expect(async () => {
    const { atm, highlighted, forward } = await app.page.evaluate(() => ({
      atm: document.querySelector('[data-testid="metric-atm"]')?.textContent ?? '',
      forward: document.querySelector('[data-testid="metric-forward"]')?.textContent ?? '',
      highlighted: [
        ...document.querySelectorAll('[data-testid="chain-grid"] [role="row"][row-id].row-atm'),
      ].map((row) => row.getAttribute('row-id')),
    }));
    expect(highlighted).toEqual([atm]);
    expect(String(strikes[atmStrikeIndex(strikes, parseShown(forward))])).toBe(atm);
  }).toPass({ timeout: 15_000 });
  const { atm } = await app.atmReading();
  await expect(app.cell(atm, 'strike')).toHaveText(atm);
});

test('shades the in-the-money side of each row: calls below the forward, puts above it', async ({
  demo,
  openApp,
}) => {
  const app = await openApp(demo);
  await app.waitForLiveChain();
  const { atm } = await app.atmReading();
  const strikes = openingStrikes(demo);
  const at = strikes.indexOf(Number(atm));
  // Two strikes either side of ATM: the forward lies between them whatever it does meanwhile.
  const [below, above] = [strikes[at - 2], strikes[at + 2]];
  const shading = await app.page.evaluate(
    ([low, high]) => {
      const background = (strike: number | undefined, colId: string): string => {
        const cell = document.querySelector(
          `[data-testid="chain-grid"] [role="row"][row-id="${strike}"] [col-id="${colId}"]`,
        );
        return cell ? getComputedStyle(cell).backgroundColor : 'no cell';
      };
      return {
        itm: [background(low, 'ce.iv'), background(high, 'pe.iv')],
        otm: [background(low, 'pe.iv'), background(high, 'ce.iv')],
      };
    },
    [below, above],
  );
  expect(shading.itm[0]).toBe(shading.itm[1]);
  expect(shading.otm[0]).toBe(shading.otm[1]);
  expect(shading.itm[0]).not.toBe(shading.otm[0]);
  expect(shading.itm[0]).not.toBe('no cell');
});

test('switches to BANKNIFTY and a later expiry: header and strikes follow the instrument master', async ({
  demo,
  openApp,
}) => {
  const app = await openApp(demo);
  await app.waitForLiveChain();
  const bank = listing(demo, 'BANKNIFTY');
  const later = bank.expiries[1];
  if (!later) throw new Error('The simulator lists fewer than two BANKNIFTY expiries.');
  const strikes = ascendingStrikes(later);

  await app.page.getByTestId('select-underlying').selectOption('BANKNIFTY');
  await expect(app.page.getByTestId('select-expiry')).toHaveValue(bank.expiries[0]?.expiry ?? '');
  const offered = await app.page
    .getByTestId('select-expiry')
    .locator('option')
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  expect(offered).toEqual(bank.expiries.map((e) => e.expiry));
  await app.page.getByTestId('select-expiry').selectOption(later.expiry);

  await expect(app.page.getByTestId('select-underlying')).toHaveValue('BANKNIFTY');
  await expect(app.page.getByTestId('select-expiry')).toHaveValue(later.expiry);
  await expect(app.metric('lot')).toHaveText(formatInteger(bank.lotSize));
  await app.waitForLiveChain();
  await expect(async () => {
    const { atm } = await app.atmReading();
    expect(await app.rowIds()).toEqual(windowAround(strikes, atm));
  }).toPass({ timeout: 15_000 });
  const shown = windowAround(strikes, (await app.atmReading()).atm).length;
  await expect(app.page.getByTestId('chain-size')).toHaveText(
    `${formatInteger(shown)} of ${formatInteger(strikes.length)} strikes shown`,
  );
  const spot = parseShown(await app.metric('spot').innerText());
  const simSpot = demo.sim.market.spot('BANKNIFTY') ?? NaN;
  // The index ticks between the two reads; within 1 % it is BANKNIFTY's level, not NIFTY's.
  expect(Math.abs(spot - simSpot) / simSpot).toBeLessThan(0.01);
});

test('shows a full live chain with charts (README screenshot docs/screenshots/chain.png)', async ({
  demo,
  openApp,
}, testInfo) => {
  const app = await openApp(demo);
  await app.waitForLiveChain();
  await expect(app.page.getByTestId('chart-oi')).toBeVisible();
  await expect(app.page.getByTestId('chart-smile')).toBeVisible();
  await expect(app.page.getByTestId('chart-straddle')).toBeVisible();
  for (const metric of ['spot', 'forward', 'atm', 'pcr', 'max-pain', 'atm-iv', 'straddle'])
    await expect(app.metric(metric)).not.toHaveText('—');
  const strikes = openingStrikes(demo);
  await expect(async () => {
    const { atm } = await app.atmReading();
    expect(await app.rowIds()).toEqual(windowAround(strikes, atm));
  }).toPass({ timeout: 15_000 });
  // A chain that has been live a moment shows the direction marks of recent moves.
  await expect(app.grid.locator('[col-id="ce.ltp"] .tick-cell[data-dir]').first()).toBeAttached();
  await expect(app.grid.locator('[col-id="pe.ltp"] .tick-cell[data-dir]').first()).toBeAttached();
  await saveScreenshot(app.page, testInfo, 'chain');
});
