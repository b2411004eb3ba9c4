/**
 * Enter, test, save or clear the DhanHQ client id and access token. The token lives only in
 * the password field: it is never put in React state or the store, and the field is emptied
 * when the credentials are saved.
 */
import { useRef, useState, type FormEvent } from 'react';
import type { CredentialInput } from '../../../shared/api/api-contract';
import { problemOf } from '../../../shared/errors/app-error';
import { credentialProblem } from '../components/main-view-state';
import { Modal } from '../components/modal';
import { ErrorNotice, ProblemNotice } from '../components/problem-notice';
import { useApiAction } from '../components/use-api-action';
import { useAppStore, useServices } from '../store/store-context';
import { formatIstTime, formatTokenExpiry } from '../util/format-time';
import { CREDENTIAL_SOURCE_WORDS, CREDENTIAL_STATUS_WORDS, describeCheck } from './credential-words';

const DHAN_WEB_URL = 'https://web.dhan.co';

export function CredentialsDialog({ onClose }: { readonly onClose: () => void }): React.JSX.Element {
  const { api, clock } = useServices();
  const appState = useAppStore((s) => s.appState);
  const clientIdRef = useRef<HTMLInputElement>(null);
  const tokenRef = useRef<HTMLInputElement>(null);
  const [inputError, setInputError] = useState<string | null>(null);
  const test = useApiAction(api.testCredentials);
  const save = useApiAction(api.saveCredentials);
  const clear = useApiAction(api.clearCredentials);
  const openSite = useApiAction(api.openExternal);
  const credentials = appState?.credentials ?? null;
  const reason = appState ? credentialProblem(appState) : null;
  const now = clock.nowMs();

  const readInput = (): CredentialInput | null => {
    const clientId = clientIdRef.current?.value.trim() ?? '';
    const accessToken = tokenRef.current?.value.trim() ?? '';
    if (clientId === '' || accessToken === '') {
      setInputError('Enter both the client id and the access token.');
      return null;
    }
    setInputError(null);
    return { clientId, accessToken };
  };

  const onTest = (): void => {
    const input = readInput();
    if (input) void test.run(input);
  };

  const onSave = (event: FormEvent): void => {
    event.preventDefault();
    const input = readInput();
    if (!input) return;
    if (tokenRef.current) tokenRef.current.value = '';
    test.reset();
    void save.run(input);
  };

  const onClear = (): void => {
    if (tokenRef.current) tokenRef.current.value = '';
    test.reset();
    save.reset();
    void clear.run();
  };

  const keychainAvailable = credentials?.keychainAvailable ?? true;
  const checked = test.value ? describeCheck(test.value, now) : null;

  return (
    <Modal title="DhanHQ credentials" onClose={onClose} testId="credentials-dialog">
      {reason && <ProblemNotice problem={reason} testIdPrefix="cred-reason" />}
      {credentials && (
        <dl className="facts" data-testid="cred-summary">
          <dt>Status</dt>
          <dd data-testid="cred-status">{CREDENTIAL_STATUS_WORDS[credentials.status]}</dd>
          <dt>Source</dt>
          <dd data-testid="cred-source">{CREDENTIAL_SOURCE_WORDS[credentials.source]}</dd>
          <dt>Client id</dt>
          <dd data-testid="cred-client-id">{credentials.clientIdMasked ?? 'none'}</dd>
          <dt>Access token</dt>
          <dd data-testid="cred-token-expiry">
            {credentials.source === 'none' ? 'none' : formatTokenExpiry(credentials.tokenExpiresAtMs, now)}
          </dd>
          <dt>Data API plan</dt>
          <dd>{credentials.dataPlan ?? 'not checked'}</dd>
          <dt>Last checked</dt>
          <dd>{credentials.checkedAtMs === null ? 'never' : formatIstTime(credentials.checkedAtMs)}</dd>
        </dl>
      )}
      {credentials?.source === 'env' && (
        <p className="note">
          These credentials come from the environment. Values saved here are used when DHAN_CLIENT_ID and DHAN_ACCESS_TOKEN are not set.
        </p>
      )}
      {!keychainAvailable && (
        <div data-testid="keychain-unavailable">
          <ProblemNotice problem={problemOf('KEYCHAIN_UNAVAILABLE')} testIdPrefix="cred-notice" />
          <p className="note">
            Without a keychain, start the app with the environment variables set, for example{' '}
            <code>DHAN_CLIENT_ID=1100123456 DHAN_ACCESS_TOKEN=eyJ… npm run serve</code>. You can still test a token here.
          </p>
        </div>
      )}
      <form className="form" onSubmit={onSave} autoComplete="off">
        <label className="form__field">
          <span>Client id</span>
          <input ref={clientIdRef} name="clientId" data-testid="cred-input-client-id" data-autofocus spellCheck={false} autoComplete="off" inputMode="numeric" />
        </label>
        <label className="form__field">
          <span>Access token</span>
          <input ref={tokenRef} name="accessToken" type="password" data-testid="cred-input-token" spellCheck={false} autoComplete="new-password" />
        </label>
        <p className="note">
          Generate the token on web.dhan.co → My Profile → Access DhanHQ APIs. It lives at most 24 hours and is never written to disk in plain text.{' '}
          <button type="button" className="btn btn--link" onClick={() => void openSite.run({ url: DHAN_WEB_URL })} data-testid="cred-open-dhan">
            Open web.dhan.co
          </button>
        </p>
        {openSite.error && <ErrorNotice error={openSite.error} />}
        {inputError && (
          <p className="form__error" role="alert" data-testid="cred-input-error">
            {inputError}
          </p>
        )}
        <div className="form__actions">
          <button type="button" className="btn" onClick={onTest} disabled={test.busy} data-testid="cred-test">
            {test.busy ? 'Testing…' : 'Test connection'}
          </button>
          <button type="submit" className="btn btn--primary" disabled={save.busy || !keychainAvailable} data-testid="cred-save">
            {save.busy ? 'Saving…' : 'Save to keychain'}
          </button>
          <button type="button" className="btn btn--danger" onClick={onClear} disabled={clear.busy} data-testid="cred-clear">
            Clear saved
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {checked && (
          <div className={`result ${checked.ok ? 'result--ok' : 'result--bad'}`} data-testid="cred-test-result" role={checked.ok ? 'status' : 'alert'}>
            <strong>{checked.headline}</strong> {checked.detail}
            {checked.remedy && <p className="problem__remedy">What to do: {checked.remedy}</p>}
          </div>
        )}
        {test.error && <ErrorNotice error={test.error} />}
        {save.value && (
          <div className="result result--ok" role="status" data-testid="cred-save-result">
            Saved to the OS keychain. Status: {CREDENTIAL_STATUS_WORDS[save.value.status]}.
          </div>
        )}
        {save.error && <ErrorNotice error={save.error} />}
        {clear.value && (
          <div className="result" role="status" data-testid="cred-clear-result">
            Saved credentials cleared. Source now: {CREDENTIAL_SOURCE_WORDS[clear.value.source]}.
          </div>
        )}
        {clear.error && <ErrorNotice error={clear.error} />}
      </div>
    </Modal>
  );
}
