/**
 * Live starts that fail before any price can arrive, each against a simulator prepared before
 * the engine starts: DhanHQ answers 806 (no Data API plan), and the instrument master cannot
 * be downloaded. The screen names the state with its message and remedy instead of an empty grid.
 */
import { problemOf } from '../../src/shared/errors/app-error';
import { ERROR_CATALOG } from '../../src/shared/errors/error-catalog';
import { startLiveRun, unreachableUrl } from './fixtures/browser-mode-runs';
import { expectProblemNotice } from './fixtures/chain-lens-page';
import { expect, test, useOwnRun } from './fixtures/e2e-test';

test.describe('REST 806 at startup', () => {
  const own = useOwnRun(() =>
    startLiveRun({ prepare: (sim) => sim.faults.setRestFault({ kind: 'no-data-plan' }) }),
  );

  test('names "no Data API plan" with its remedy in the credentials dialog and above the grid', async ({
    openApp,
  }) => {
    const run = own();
    const app = await openApp(run);
    const state = run.run.runtime.engine.appState();
    expect(state.credentials.status).toBe('no-data-plan');
    // The catalogue's title, the engine's words for this instance.
    const expected = {
      ...problemOf('CRED_NO_DATA_PLAN', state.credentials.message),
      remedy: state.credentials.remedy,
    };

    const dialog = app.page.getByTestId('credentials-dialog');
    await expect(dialog).toBeVisible();
    await expectProblemNotice(dialog.getByTestId('cred-reason-CRED_NO_DATA_PLAN'), expected);
    await expect(dialog.getByTestId('cred-status')).toHaveText('No active Data API plan');
    await expect(dialog.getByTestId('cred-source')).toHaveText(
      'Environment variables (DHAN_CLIENT_ID, DHAN_ACCESS_TOKEN)',
    );

    await expectProblemNotice(app.problem('CRED_NO_DATA_PLAN'), expected);
    await expect(app.page.getByTestId('feed-state')).toHaveAttribute('data-state', state.feedState);
    await app.expectStrikesWithoutPrices();
    expect(run.sim.faults.history().some((e) => e.action === 'rest-fault')).toBe(true);
  });
});

test.describe('instrument master unreachable', () => {
  const own = useOwnRun(async () =>
    startLiveRun({ scripMasterUrl: await unreachableUrl('/api-scrip-master-detailed.csv') }),
  );

  test('names "instrument master could not be downloaded" with the reason and a Reload button', async ({
    openApp,
  }) => {
    const run = own();
    const app = await openApp(run);
    const state = run.run.runtime.engine.appState();
    expect(state.phase).toBe('failed');
    expect(state.credentials.status).toBe('ok');
    const problem = state.problems.find((p) => p.code === 'MASTER_DOWNLOAD_FAILED');
    if (!problem)
      throw new Error(`The engine shows no MASTER_DOWNLOAD_FAILED: ${JSON.stringify(state.problems)}`);
    expect(problem.title).toBe(ERROR_CATALOG.MASTER_DOWNLOAD_FAILED.title);

    const main = app.page.getByTestId('main-problem');
    await expectProblemNotice(main.getByTestId('problem-MASTER_DOWNLOAD_FAILED'), problem);
    await expect(main.getByTestId('remedy-reload-master')).toBeVisible();
    for (const field of ['underlyings', 'expiries', 'strikes', 'tokens'])
      await expect(app.page.getByTestId(`count-${field}`)).toHaveText('—');
    await expect(app.page.getByTestId('chain-grid')).toHaveCount(0);
    await expect(app.page.getByTestId('credentials-dialog')).toHaveCount(0);
  });
});
