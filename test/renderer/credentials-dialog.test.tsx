// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fail, FAKE_NOW_MS, ok } from './fake-api';
import { applyScenario } from './harness/scenarios';
import { renderApp, settle } from './helpers';

afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
});

const TOKEN = 'eyJhbGciOiJIUzUxMiJ9.test-token.signature';

function enter(clientId: string, token: string): void {
  fireEvent.change(screen.getByTestId('cred-input-client-id'), { target: { value: clientId } });
  fireEvent.change(screen.getByTestId('cred-input-token'), { target: { value: token } });
}

async function click(testId: string): Promise<void> {
  fireEvent.click(screen.getByTestId(testId));
  await settle();
}

describe('credentials dialog', () => {
  it('opens by itself with the reason when the credentials are missing, instead of an empty grid', async () => {
    await renderApp({ prepare: (engine) => applyScenario(engine, 'cred-missing', FAKE_NOW_MS) });
    const dialog = screen.getByTestId('credentials-dialog');
    const reason = within(dialog).getByTestId('cred-reason-CRED_MISSING');
    expect(reason.textContent).toBe(
      '✕DhanHQ credentials are missingCRED_MISSINGNo client id or access token in the keychain or the environmentWhat to do: Open Credentials and enter your DhanHQ client id and access token (web.dhan.co → My Profile → Access DhanHQ APIs), or set DHAN_CLIENT_ID and DHAN_ACCESS_TOKEN.',
    );
    expect(reason.getAttribute('role')).toBe('alert');
    expect(screen.getByTestId('problem-CRED_MISSING').closest('[data-testid="main-problem"]')).not.toBeNull();
    expect(screen.queryByTestId('chain-grid')).toBeNull();
    expect(within(dialog).getByTestId('cred-source').textContent).toBe('None');
  });

  it('stays closed while the credentials are fine, and shows source, masked client id and token expiry when opened', async () => {
    await renderApp();
    expect(screen.queryByTestId('credentials-dialog')).toBeNull();
    await click('open-credentials');
    expect([
      screen.getByTestId('cred-status').textContent,
      screen.getByTestId('cred-source').textContent,
      screen.getByTestId('cred-client-id').textContent,
      screen.getByTestId('cred-token-expiry').textContent,
    ]).toEqual(['Accepted by DhanHQ', 'OS keychain', '11••••89', 'expires in 45 min']);
  });

  it('tests the entered credentials and says the result in plain words, keeping the token out of the store', async () => {
    const app = await renderApp();
    await click('open-credentials');
    enter('1100123456', TOKEN);
    await click('cred-test');
    expect(app.engine.callsOf('testCredentials')).toEqual([{ clientId: '1100123456', accessToken: TOKEN }]);
    expect(screen.getByTestId('cred-test-result').textContent).toBe(
      'DhanHQ accepted these credentials. Data API plan: Active. Token expires in 23 h 00 min. Accepted by DhanHQ',
    );
    expect(JSON.stringify(app.services.store.getState())).not.toContain('test-token');
    expect([...app.storage.data.values()].join()).not.toContain('test-token');
  });

  it('says why a check failed and what to do', async () => {
    const app = await renderApp();
    app.engine.handle('testCredentials', () =>
      ok({
        status: 'no-data-plan',
        message: 'Profile says dataPlan: Deactive',
        remedy: 'Activate the Data API plan on web.dhan.co, then press Reconnect.',
        dataPlan: 'Deactive',
        tokenExpiresAtMs: null,
      }),
    );
    await click('open-credentials');
    enter('1100123456', TOKEN);
    await click('cred-test');
    const result = screen.getByTestId('cred-test-result');
    expect([result.getAttribute('role'), result.textContent]).toEqual([
      'alert',
      'The token is valid, but this account has no active Data API plan. Data API plan: Deactive. Profile says dataPlan: DeactiveWhat to do: Activate the Data API plan on web.dhan.co, then press Reconnect.',
    ]);
  });

  it('shows the error code, message and remedy when the check itself fails', async () => {
    const app = await renderApp();
    app.engine.handle('testCredentials', () => fail('CRED_UNREACHABLE', 'api.dhan.co did not answer within 10 s'));
    await click('open-credentials');
    enter('1100123456', TOKEN);
    await click('cred-test');
    const error = screen.getByTestId('error-CRED_UNREACHABLE');
    expect(error.textContent).toBe(
      '✕DhanHQ could not be reached to check the credentialsCRED_UNREACHABLEapi.dhan.co did not answer within 10 sWhat to do: Check the internet connection, proxy and firewall (api.dhan.co must be reachable over HTTPS), then press Reconnect.',
    );
  });

  it('saves to the keychain and empties the token field', async () => {
    const app = await renderApp();
    await click('open-credentials');
    enter('1100123456', TOKEN);
    await click('cred-save');
    expect(app.engine.callsOf('saveCredentials')).toEqual([{ clientId: '1100123456', accessToken: TOKEN }]);
    expect((screen.getByTestId('cred-input-token') as HTMLInputElement).value).toBe('');
    expect(screen.getByTestId('cred-save-result').textContent).toBe('Saved to the OS keychain. Status: Accepted by DhanHQ.');
  });

  it('asks for both fields instead of sending an empty one', async () => {
    const app = await renderApp();
    await click('open-credentials');
    enter('1100123456', '');
    await click('cred-test');
    expect(screen.getByTestId('cred-input-error').textContent).toBe('Enter both the client id and the access token.');
    expect(app.engine.callsOf('testCredentials')).toEqual([]);
  });

  it('explains the environment variables and disables saving when the keychain is unavailable', async () => {
    await renderApp({ prepare: (engine) => applyScenario(engine, 'keychain-unavailable', FAKE_NOW_MS) });
    const notice = screen.getByTestId('keychain-unavailable');
    expect(within(notice).getByTestId('cred-notice-KEYCHAIN_UNAVAILABLE').textContent).toContain('set DHAN_CLIENT_ID and DHAN_ACCESS_TOKEN in the environment');
    expect(notice.textContent).toContain('DHAN_CLIENT_ID=1100123456 DHAN_ACCESS_TOKEN=eyJ… npm run serve');
    expect((screen.getByTestId('cred-save') as HTMLButtonElement).disabled).toBe(true);
  });

  it('clears the saved credentials and says what source is left', async () => {
    const app = await renderApp();
    await click('open-credentials');
    await click('cred-clear');
    expect(app.engine.callsOf('clearCredentials')).toEqual([null]);
    expect(screen.getByTestId('cred-clear-result').textContent).toBe('Saved credentials cleared. Source now: None.');
  });

  it('opens web.dhan.co through the engine, never from the page', async () => {
    const app = await renderApp();
    await click('open-credentials');
    await click('cred-open-dhan');
    expect(app.engine.callsOf('openExternal')).toEqual([{ url: 'https://web.dhan.co' }]);
  });

  it('does not reopen for the same status after being closed, but does for a new one', async () => {
    const app = await renderApp({ prepare: (engine) => applyScenario(engine, 'cred-missing', FAKE_NOW_MS) });
    await click('modal-close');
    expect(screen.queryByTestId('credentials-dialog')).toBeNull();
    const missing = app.engine.appState;
    act(() => app.engine.emit('appState', { ...missing, lastPacketAgeMs: 5 }));
    await settle();
    expect(screen.queryByTestId('credentials-dialog')).toBeNull();
    act(() =>
      app.engine.emit('appState', {
        ...missing,
        credentials: { ...missing.credentials, status: 'expired', source: 'keychain', message: 'The token expired at 09:12 IST', remedy: 'Generate a new one.' },
      }),
    );
    await settle();
    expect(within(screen.getByTestId('credentials-dialog')).getByTestId('cred-reason-CRED_EXPIRED').textContent).toBe(
      '✕The DhanHQ access token has expiredCRED_EXPIREDThe token expired at 09:12 ISTWhat to do: Generate a new one.',
    );
  });
});
