/**
 * The access token expires mid-session (DhanHQ closes the feed with 807): the screen says so
 * with the remedy, and a new token typed into the credentials dialog brings live prices back.
 * Its own demo run, because the token changes.
 */
import { problemOf } from '../../src/shared/errors/app-error';
import { ERROR_CATALOG } from '../../src/shared/errors/error-catalog';
import { startDemoRun } from './fixtures/browser-mode-runs';
import { expectProblemNotice } from './fixtures/chain-lens-page';
import { expect, test, useOwnRun } from './fixtures/e2e-test';

test.describe('token expiry (feed disconnect 807)', () => {
  const own = useOwnRun(startDemoRun);

  test('shows the expired token with its remedy, and a new token resumes live prices', async ({
    openApp,
  }) => {
    const { run, sim } = own();
    const engine = run.runtime.engine;
    const app = await openApp(own());
    await app.waitForLiveChain();

    sim.faults.expireTokenNow();
    await expect(app.page.getByTestId('feed-state')).toHaveAttribute('data-state', 'awaiting-token');
    await expect(app.page.getByTestId('feed-state')).toContainText('Waiting for working credentials');
    await expect
      .poll(() => engine.appState().problems.map((p) => p.code))
      .toEqual(['CRED_EXPIRED', 'FEED_AUTH_EXPIRED']);
    const state = engine.appState();
    const [credentialProblem, feedProblem] = state.problems;
    expect(feedProblem?.title).toBe(ERROR_CATALOG.FEED_AUTH_EXPIRED.title);

    const dialog = app.page.getByTestId('credentials-dialog');
    await expect(dialog).toBeVisible();
    await expectProblemNotice(dialog.getByTestId('cred-reason-CRED_EXPIRED'), {
      ...problemOf('CRED_EXPIRED', state.credentials.message),
      remedy: state.credentials.remedy,
    });
    await expect(dialog.getByTestId('cred-status')).toHaveText('Token expired');
    await expectProblemNotice(app.problem('CRED_EXPIRED'), credentialProblem!);
    await expectProblemNotice(app.problem('FEED_AUTH_EXPIRED'), feedProblem!);

    const token = sim.faults.renewToken();
    await dialog.getByTestId('cred-input-client-id').fill(sim.clientId);
    await dialog.getByTestId('cred-input-token').fill(token);
    await dialog.getByTestId('cred-save').click();
    await expect(dialog.getByTestId('cred-save-result')).toHaveText(
      'Saved to the OS keychain. Status: Accepted by DhanHQ.',
    );
    await expect(dialog.getByTestId('cred-input-token')).toHaveValue('');
    await dialog.getByTestId('modal-close').click();
    await expect(dialog).toHaveCount(0);

    await expect(app.page.getByTestId('feed-state')).toHaveAttribute('data-state', 'live');
    await expect(app.problem('CRED_EXPIRED')).toHaveCount(0);
    await expect(app.problem('FEED_AUTH_EXPIRED')).toHaveCount(0);
    await app.nextCeLtpChange(await app.ltps('ce'));
    expect(engine.appState().problems).toEqual([]);
  });
});
