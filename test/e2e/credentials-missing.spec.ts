/**
 * A live start with no DHAN_CLIENT_ID / DHAN_ACCESS_TOKEN and nothing saved (the keychain is
 * asked under a service name of this run only): the credentials dialog opens by itself with
 * the reason, and the same state is named above a grid without prices.
 */
import { problemOf } from '../../src/shared/errors/app-error';
import { startLiveRun } from './fixtures/browser-mode-runs';
import { expectProblemNotice } from './fixtures/chain-lens-page';
import { expect, test, useOwnRun } from './fixtures/e2e-test';

test.describe('a start without credentials', () => {
  const own = useOwnRun(() => startLiveRun({ withCredentials: false }));

  test('opens the credentials dialog with CRED_MISSING, its message and remedy, and names the state over an empty grid', async ({
    openApp,
  }) => {
    const run = own();
    const app = await openApp(run);
    const state = run.run.runtime.engine.appState();
    expect(state.mode).toBe('live');
    expect(state.credentials.status).toBe('missing');
    expect(state.credentials.source).toBe('none');
    // The catalogue's title, the engine's words for this instance.
    const expected = {
      ...problemOf('CRED_MISSING', state.credentials.message),
      remedy: state.credentials.remedy,
    };

    const dialog = app.page.getByTestId('credentials-dialog');
    await expect(dialog).toBeVisible();
    await expectProblemNotice(dialog.getByTestId('cred-reason-CRED_MISSING'), expected);
    await expect(dialog.getByTestId('cred-status')).toHaveText('Missing');
    await expect(dialog.getByTestId('cred-source')).toHaveText('None');
    await expect(dialog.getByTestId('cred-client-id')).toHaveText('none');
    await expect(dialog.getByTestId('keychain-unavailable')).toHaveCount(
      state.credentials.keychainAvailable ? 0 : 1,
    );

    // Behind the dialog: the same state named once above a grid that lists the strikes without a price.
    await expectProblemNotice(app.problem('CRED_MISSING'), expected);
    await expect(app.page.getByTestId('open-credentials')).toHaveClass(/btn--warn/);
    await expect(app.page.getByTestId('feed-state')).toHaveAttribute('data-state', state.feedState);
    await app.expectStrikesWithoutPrices();
    await expect(app.page.getByTestId('simulated-badge')).toHaveCount(0);
  });
});
