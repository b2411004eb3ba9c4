/**
 * Feed faults the screen must name: a dropped connection (shown while reconnecting, then live
 * again, and listed in the disconnect history), a handshake refused with HTTP 429 ("too many
 * attempts") and DhanHQ's 805 (too many connections), both cooling off for a minute, and
 * DhanHQ's 806 (no Data API plan), which stops the feed until the user presses Reconnect.
 */
import { problemOf, type AppProblem } from '../../src/shared/errors/app-error';
import { ERROR_CATALOG } from '../../src/shared/errors/error-catalog';
import { startDemoRun, type E2eRun } from './fixtures/browser-mode-runs';
import { expectProblemNotice, type ChainLensPage } from './fixtures/chain-lens-page';
import { expect, test, useOwnRun } from './fixtures/e2e-test';

interface SeenNotice {
  readonly code: string;
  readonly title: string;
  readonly message: string;
  readonly remedy: string;
}

interface SeenLog {
  readonly feedStates: string[];
  readonly notices: SeenNotice[];
}

/**
 * Records in the page every feed state the indicator shows and every FEED_* problem notice
 * that appears, however briefly (a reconnect takes about a second).
 */
async function watchFeed(app: ChainLensPage): Promise<void> {
  await app.page.evaluate(() => {
    const log: SeenLog = { feedStates: [], notices: [] };
    (window as unknown as { e2eFeedLog: SeenLog }).e2eFeedLog = log;
    const text = (root: Element, selector: string): string => root.querySelector(selector)?.textContent ?? '';
    const record = (): void => {
      const state = document.querySelector('[data-testid="feed-state"]')?.getAttribute('data-state') ?? '';
      if (log.feedStates[log.feedStates.length - 1] !== state) log.feedStates.push(state);
      for (const notice of document.querySelectorAll('[data-testid^="problem-FEED_"]')) {
        const seen = {
          code: text(notice, '.problem__code'),
          title: text(notice, '.problem__title'),
          message: text(notice, '.problem__message'),
          remedy: text(notice, '.problem__remedy').replace(/^What to do: /, ''),
        };
        if (!log.notices.some((n) => JSON.stringify(n) === JSON.stringify(seen))) log.notices.push(seen);
      }
    };
    record();
    new MutationObserver(record).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['data-state'],
    });
  });
}

function seenLog(app: ChainLensPage): Promise<SeenLog> {
  return app.page.evaluate(() => (window as unknown as { e2eFeedLog: SeenLog }).e2eFeedLog);
}

/**
 * A demo run whose every feed connection has been closed by `fault` and is cooling off after a
 * disconnect with `code` (DhanHQ's 805, or HTTP 429 at the handshake): a minute of a stable state.
 */
async function startCoolingOffRun(fault: (sim: E2eRun['sim']) => void, code: number): Promise<E2eRun> {
  const run = await startDemoRun();
  try {
    await run.run.started;
    const engine = run.run.runtime.engine;
    await expect.poll(() => engine.appState().feedState).toBe('live');
    fault(run.sim);
    await expect
      .poll(() => engine.diagnostics().feed.connections.every((c) => c.lastDisconnect?.code === code))
      .toBe(true);
    return run;
  } catch (error) {
    await run.stop();
    throw error;
  }
}

test('a dropped feed shows FEED_DROPPED while it reconnects, then live prices again', async ({
  demo,
  openApp,
}) => {
  const engine = demo.run.runtime.engine;
  const app = await openApp(demo);
  await app.waitForLiveChain();
  await watchFeed(app);
  const connections = engine.diagnostics().feed.connections.length;
  const droppedBefore = engine.diagnostics().disconnects.filter((r) => r.errorCode === 'FEED_DROPPED').length;
  const shownByEngine: AppProblem[] = [];
  const unsubscribe = engine.onStateChange(() => {
    const problem = engine.appState().problems.find((p) => p.code === 'FEED_DROPPED');
    if (problem && !shownByEngine.some((p) => p.message === problem.message)) shownByEngine.push(problem);
  });
  try {
    expect(demo.sim.faults.drop('all')).toBe(connections);
    await expect.poll(async () => (await seenLog(app)).feedStates).toContain('reconnecting');
    await expect(app.page.getByTestId('feed-state')).toHaveAttribute('data-state', 'live');
  } finally {
    unsubscribe();
  }
  const seen = await seenLog(app);
  expect(seen.feedStates.slice(seen.feedStates.indexOf('reconnecting'))).toContain('live');
  expect(shownByEngine.length).toBeGreaterThan(0);
  expect(seen.notices).toEqual(
    shownByEngine.map((p) => ({ code: p.code, title: p.title, message: p.message, remedy: p.remedy })),
  );
  expect(shownByEngine[0]?.title).toBe(ERROR_CATALOG.FEED_DROPPED.title);
  await expect(app.problem('FEED_DROPPED')).toHaveCount(0);
  await app.nextCeLtpChange(await app.ltps('ce'));

  const records = engine.diagnostics().disconnects.filter((r) => r.errorCode === 'FEED_DROPPED');
  expect(records.length - droppedBefore).toBe(connections);
  await app.page.getByTestId('open-diagnostics').click();
  await app.page.getByTestId('diag-tab-feed').click();
  const rows = app.page.getByTestId('diag-disconnects').getByRole('row').filter({ hasText: 'FEED_DROPPED' });
  await expect(rows).toHaveCount(records.length);
  const shown = await rows.evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].slice(1).map((td) => td.textContent ?? '')),
  );
  expect(shown).toEqual(
    records.map((r) => [String(r.connectionId), '—', 'FEED_DROPPED', r.meaning, 'reconnect']),
  );
});

test.describe('a feed handshake refused with HTTP 429', () => {
  // Every connection retries after about a second, is refused, and cools off for a minute.
  const own = useOwnRun(() =>
    startCoolingOffRun((sim) => {
      sim.faults.rejectHandshakes(429);
      sim.faults.drop('all');
    }, 429),
  );

  test('lists the refusal in the diagnostics disconnect history with its meaning', async ({ openApp }) => {
    const { run } = own();
    const app = await openApp(own());
    await expect(app.page.getByTestId('feed-state')).toHaveAttribute('data-state', 'reconnecting');
    const records = run.runtime.engine
      .diagnostics()
      .disconnects.filter((r) => r.errorCode === 'FEED_HANDSHAKE_RATE_LIMITED');
    expect(records.length).toBe(run.runtime.engine.diagnostics().feed.connections.length);
    await app.page.getByTestId('open-diagnostics').click();
    await app.page.getByTestId('diag-tab-feed').click();
    const rows = app.page
      .getByTestId('diag-disconnects')
      .getByRole('row')
      .filter({ hasText: 'FEED_HANDSHAKE_RATE_LIMITED' });
    await expect(rows).toHaveCount(records.length);
    const shown = await rows.evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].slice(1).map((td) => td.textContent ?? '')),
    );
    expect(shown).toEqual(
      records.map((r) => [
        String(r.connectionId),
        '429',
        'FEED_HANDSHAKE_RATE_LIMITED',
        r.meaning,
        'back off, then reconnect',
      ]),
    );
  });

  test('names "too many attempts" with its remedy on the main screen while cooling off', async ({
    openApp,
  }) => {
    const { run } = own();
    const app = await openApp(own());
    await expect(app.page.getByTestId('feed-state')).toHaveAttribute('data-state', 'reconnecting');
    const notice = app.problem('FEED_HANDSHAKE_RATE_LIMITED');
    // The engine is already cooling off (see beforeAll): the page only has to draw it.
    await expect(notice).toBeVisible({ timeout: 5_000 });
    const problem = run.runtime.engine
      .appState()
      .problems.find((p) => p.code === 'FEED_HANDSHAKE_RATE_LIMITED');
    expect(problem?.title).toBe(ERROR_CATALOG.FEED_HANDSHAKE_RATE_LIMITED.title);
    await expectProblemNotice(notice, problem!);
    await expect(app.problem('FEED_DROPPED')).toHaveCount(0);
  });
});

test.describe('DhanHQ closes the feed with 805 (too many connections)', () => {
  const own = useOwnRun(() => startCoolingOffRun((sim) => sim.faults.disconnect(805, 'all'), 805));

  test('names the other app using the connections, with the remedy, while cooling off', async ({
    openApp,
  }) => {
    const { run } = own();
    const app = await openApp(own());
    await expect(app.page.getByTestId('feed-state')).toHaveAttribute('data-state', 'reconnecting');
    const state = run.runtime.engine.appState();
    expect(state.credentials.status).toBe('ok');
    const problem = state.problems.find((p) => p.code === 'FEED_TOO_MANY_CONNECTIONS');
    expect(problem?.title).toBe(ERROR_CATALOG.FEED_TOO_MANY_CONNECTIONS.title);
    await expectProblemNotice(app.problem('FEED_TOO_MANY_CONNECTIONS'), problem!);
    await expect(app.problem('FEED_DROPPED')).toHaveCount(0);
  });
});

test.describe('DhanHQ closes the feed with 806 (Data APIs not subscribed)', () => {
  const own = useOwnRun(startDemoRun);

  test('names the missing Data API plan; Reconnect brings live prices back once the plan is active', async ({
    openApp,
  }) => {
    const { run, sim } = own();
    const engine = run.runtime.engine;
    const app = await openApp(own());
    await app.waitForLiveChain();

    // One 806 from the server: the account's plan itself stays active in the simulator.
    sim.faults.disconnect(806, 'all');
    await expect
      .poll(() => engine.appState().problems.map((p) => p.code))
      .toEqual(['CRED_NO_DATA_PLAN', 'FEED_NO_DATA_PLAN']);
    await expect(app.page.getByTestId('feed-state')).toHaveAttribute('data-state', 'stopped');
    const state = engine.appState();
    const [credentialProblem, feedProblem] = state.problems;
    expect(feedProblem?.title).toBe(ERROR_CATALOG.FEED_NO_DATA_PLAN.title);
    const dialog = app.page.getByTestId('credentials-dialog');
    await expectProblemNotice(dialog.getByTestId('cred-reason-CRED_NO_DATA_PLAN'), {
      ...problemOf('CRED_NO_DATA_PLAN', state.credentials.message),
      remedy: state.credentials.remedy,
    });
    await dialog.getByTestId('modal-close').click();
    await expectProblemNotice(app.problem('CRED_NO_DATA_PLAN'), credentialProblem!);
    await expectProblemNotice(app.problem('FEED_NO_DATA_PLAN'), feedProblem!);

    await app.page.getByTestId('open-diagnostics').click();
    await app.page.getByTestId('diag-reconnect').click();
    await expect(app.page.getByTestId('diag-reconnect-result')).toHaveText(
      'Reconnect requested: every feed connection is being reopened.',
    );
    await app.page.getByTestId('modal-close').click();
    await expect(app.page.getByTestId('feed-state')).toHaveAttribute('data-state', 'live');
    await expect(app.problem('CRED_NO_DATA_PLAN')).toHaveCount(0);
    await expect(app.problem('FEED_NO_DATA_PLAN')).toHaveCount(0);
    await app.nextCeLtpChange(await app.ltps('ce'));
    expect(engine.appState().problems).toEqual([]);
  });
});
