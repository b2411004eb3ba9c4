/**
 * Owns the DhanHQ credentials for the running engine: where they come from (environment
 * overrides the keychain), whether they work (GET /profile plus the token's own `exp`), and
 * what the UI may know about them (CredentialSummary — never the token). Secrets are registered
 * with the Redactor the moment they are seen.
 */
import type { CredentialCheckResult, CredentialSource, CredentialStatus, CredentialSummary } from '../../shared/api/view-types';
import { AppError, problemOf, type AppProblem } from '../../shared/errors/app-error';
import { maskIdentifier } from '../../shared/format/price';
import type { Clock } from '../../shared/util/clock';
import type { DhanCredentials } from '../dhan/dhan-credentials';
import type { Logger } from '../logging/logger';
import type { Redactor } from '../logging/redactor';
import { readAccessTokenClaims, type AccessTokenClaims } from './access-token-claims';
import type { CredentialStore } from './credential-store';
import {
  errorCodeOfStatus,
  humanDuration,
  remedyOfStatus,
  verdictFromError,
  verdictFromProfile,
  type StatusVerdict,
} from './credential-status';

export interface ProfileInfo {
  readonly dataPlan: string | null;
  readonly dataValidity: string | null;
}

/** GET /profile with the given credentials; throws AppError (REST_*) on failure. */
export type ProfileChecker = (credentials: DhanCredentials) => Promise<ProfileInfo>;

export interface CredentialServiceOptions {
  readonly store: CredentialStore;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly checkProfile: ProfileChecker;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly redactor: Redactor;
  /** Warn this long before the token's `exp`. Default 60 minutes. */
  readonly expiryWarningMs?: number;
}

interface State {
  readonly credentials: DhanCredentials | null;
  readonly source: CredentialSource;
  readonly claims: AccessTokenClaims;
  readonly verdict: StatusVerdict;
  readonly checkedAtMs: number | null;
  readonly dataPlan: string | null;
  readonly keychainAvailable: boolean;
  readonly keychainError: string | null;
}

const NO_CLAIMS: AccessTokenClaims = { expiresAtMs: null, issuedAtMs: null, clientId: null };

export class CredentialService {
  private state: State = {
    credentials: null,
    source: 'none',
    claims: NO_CLAIMS,
    verdict: { status: 'unchecked', message: 'Credentials have not been loaded yet.' },
    checkedAtMs: null,
    dataPlan: null,
    keychainAvailable: true,
    keychainError: null,
  };
  private readonly listeners = new Set<(summary: CredentialSummary) => void>();
  private readonly expiryWarningMs: number;

  constructor(private readonly options: CredentialServiceOptions) {
    this.expiryWarningMs = options.expiryWarningMs ?? 60 * 60_000;
  }

  /** The credentials in use, for the REST client and the feed only. */
  current(): DhanCredentials | null {
    return this.state.credentials;
  }

  status(): CredentialStatus {
    return this.state.verdict.status;
  }

  onChange(listener: (summary: CredentialSummary) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Loads credentials from the environment or, failing that, the keychain. No network. */
  async resolve(): Promise<CredentialSummary> {
    const fromEnv = this.fromEnv();
    let keychainAvailable = true;
    let keychainError: string | null = null;
    let stored: DhanCredentials | null = null;
    try {
      stored = await this.options.store.load();
    } catch (error) {
      keychainAvailable = false;
      keychainError = error instanceof Error ? error.message : String(error);
      this.options.logger.warn({ code: 'KEYCHAIN_UNAVAILABLE', reason: keychainError }, 'keychain unavailable');
    }
    const credentials = fromEnv ?? stored;
    const source: CredentialSource = fromEnv ? 'env' : stored ? 'keychain' : 'none';
    this.adopt(credentials, source, { keychainAvailable, keychainError });
    this.options.logger.info({ source, clientId: credentials ? maskIdentifier(credentials.clientId) : null }, 'credentials resolved');
    return this.summary();
  }

  /** Checks the credentials in use against DhanHQ and the token's expiry claim. */
  async verify(): Promise<CredentialSummary> {
    const { credentials } = this.state;
    const verdict = credentials ? await this.check(credentials) : missingVerdict();
    this.state = { ...this.state, verdict: verdict.verdict, checkedAtMs: this.options.clock.nowMs(), dataPlan: verdict.dataPlan };
    this.options.logger.info({ status: verdict.verdict.status, source: this.state.source }, 'credentials checked');
    this.emit();
    return this.summary();
  }

  /** "Test connection": checks credentials the user typed, without saving or adopting them. */
  async test(input: DhanCredentials): Promise<CredentialCheckResult> {
    const credentials = normalise(input);
    this.registerSecrets(credentials);
    const { verdict, dataPlan } = await this.check(credentials);
    return {
      status: verdict.status,
      message: verdict.message,
      remedy: remedyOfStatus(verdict.status),
      dataPlan,
      tokenExpiresAtMs: readAccessTokenClaims(credentials.accessToken).expiresAtMs,
    };
  }

  /**
   * Saves to the keychain and adopts the new credentials for this session. Credentials the user
   * types win over environment ones until the app restarts (when the environment overrides the
   * keychain again). Throws AppError KEYCHAIN_UNAVAILABLE when it cannot save.
   */
  async save(input: DhanCredentials): Promise<CredentialSummary> {
    const credentials = normalise(input);
    this.registerSecrets(credentials);
    await this.options.store.save(credentials);
    this.options.logger.info(
      { clientId: maskIdentifier(credentials.clientId), replacedEnvironment: this.state.source === 'env' },
      'credentials saved to the keychain and in use',
    );
    this.adopt(credentials, 'keychain', { keychainAvailable: true, keychainError: null });
    return this.verify();
  }

  /** Removes saved credentials; environment credentials, if any, stay in use. */
  async clear(): Promise<CredentialSummary> {
    await this.options.store.clear();
    this.options.logger.info({}, 'saved credentials cleared');
    if (this.state.source === 'keychain') this.adopt(null, 'none', { keychainAvailable: true, keychainError: null });
    return this.verify();
  }

  /** The feed or REST learned the token is dead (807, DH-901…): record it without a network call. */
  markRejected(status: 'expired' | 'invalid' | 'no-data-plan', message: string): void {
    if (this.state.verdict.status === status && this.state.verdict.message === message) return;
    this.state = { ...this.state, verdict: { status, message }, checkedAtMs: this.options.clock.nowMs() };
    this.emit();
  }

  summary(): CredentialSummary {
    const { credentials, source, claims, verdict, checkedAtMs, dataPlan, keychainAvailable } = this.state;
    const status = verdict.status;
    return {
      source,
      status,
      clientIdMasked: credentials ? maskIdentifier(credentials.clientId) : null,
      tokenExpiresAtMs: claims.expiresAtMs,
      checkedAtMs,
      message: this.describe(verdict),
      remedy: remedyOfStatus(status),
      keychainAvailable,
      dataPlan,
    };
  }

  /** Active credential problems: the status itself, an imminent expiry, an unavailable keychain. */
  problems(): AppProblem[] {
    const { verdict, claims, keychainAvailable, keychainError, checkedAtMs } = this.state;
    const out: AppProblem[] = [];
    const code = errorCodeOfStatus(verdict.status);
    if (code) out.push(problemOf(code, this.describe(verdict), checkedAtMs ?? undefined));
    const now = this.options.clock.nowMs();
    if (verdict.status === 'ok' && claims.expiresAtMs !== null && claims.expiresAtMs - now <= this.expiryWarningMs) {
      out.push(problemOf('CRED_EXPIRING_SOON', `The access token expires in ${humanDuration(claims.expiresAtMs - now)}.`));
    }
    if (!keychainAvailable) {
      out.push(problemOf('KEYCHAIN_UNAVAILABLE', keychainError ?? 'The OS keychain could not be opened.'));
    }
    return out;
  }

  private describe(verdict: StatusVerdict): string {
    if (verdict.status === 'missing' && !this.state.keychainAvailable) {
      return 'No credentials: the OS keychain is unavailable and DHAN_CLIENT_ID / DHAN_ACCESS_TOKEN are not set.';
    }
    return verdict.message;
  }

  private async check(credentials: DhanCredentials): Promise<{ verdict: StatusVerdict; dataPlan: string | null }> {
    const claims = readAccessTokenClaims(credentials.accessToken);
    const now = this.options.clock.nowMs();
    if (claims.clientId !== null && claims.clientId !== credentials.clientId) {
      return {
        verdict: { status: 'invalid', message: 'The access token was issued for a different client id.' },
        dataPlan: null,
      };
    }
    if (claims.expiresAtMs !== null && claims.expiresAtMs <= now) {
      return { verdict: verdictFromError(new AppError('REST_AUTH_INVALID', 'expired', { dhanCode: '807' }), claims, now), dataPlan: null };
    }
    try {
      const profile = await this.options.checkProfile(credentials);
      return { verdict: verdictFromProfile(profile.dataPlan, profile.dataValidity), dataPlan: profile.dataPlan };
    } catch (error) {
      return { verdict: verdictFromError(error, claims, now), dataPlan: null };
    }
  }

  private fromEnv(): DhanCredentials | null {
    const clientId = this.options.env.DHAN_CLIENT_ID?.trim();
    const accessToken = this.options.env.DHAN_ACCESS_TOKEN?.trim();
    return clientId && accessToken ? { clientId, accessToken } : null;
  }

  private adopt(
    credentials: DhanCredentials | null,
    source: CredentialSource,
    keychain: { keychainAvailable: boolean; keychainError: string | null },
  ): void {
    if (credentials) this.registerSecrets(credentials);
    const claims = credentials ? readAccessTokenClaims(credentials.accessToken) : NO_CLAIMS;
    this.state = {
      credentials,
      source,
      claims,
      verdict: credentials ? { status: 'unchecked', message: 'Checking the credentials with DhanHQ…' } : missingVerdict().verdict,
      checkedAtMs: null,
      dataPlan: null,
      ...keychain,
    };
    this.emit();
  }

  private registerSecrets(credentials: DhanCredentials): void {
    this.options.redactor.add(credentials.accessToken);
  }

  private emit(): void {
    const summary = this.summary();
    for (const listener of this.listeners) listener(summary);
  }
}

function missingVerdict(): { verdict: StatusVerdict; dataPlan: null } {
  return { verdict: { status: 'missing', message: 'No DhanHQ client id and access token are set.' }, dataPlan: null };
}

function normalise(input: DhanCredentials): DhanCredentials {
  return { clientId: input.clientId.trim(), accessToken: input.accessToken.trim() };
}
