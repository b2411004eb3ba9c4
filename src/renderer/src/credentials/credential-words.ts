/** Credential states and check results in plain words, for the dialog and the diagnostics. */
import type { CredentialCheckResult, CredentialSource, CredentialStatus } from '../../../shared/api/view-types';
import { formatTokenExpiry } from '../util/format-time';

export const CREDENTIAL_STATUS_WORDS: Readonly<Record<CredentialStatus, string>> = {
  unchecked: 'Not checked yet',
  ok: 'Accepted by DhanHQ',
  missing: 'Missing',
  invalid: 'Rejected by DhanHQ',
  expired: 'Token expired',
  'no-data-plan': 'No active Data API plan',
  unreachable: 'DhanHQ unreachable',
};

export const CREDENTIAL_SOURCE_WORDS: Readonly<Record<CredentialSource, string>> = {
  env: 'Environment variables (DHAN_CLIENT_ID, DHAN_ACCESS_TOKEN)',
  keychain: 'OS keychain',
  none: 'None',
};

export interface CheckWords {
  readonly ok: boolean;
  readonly headline: string;
  readonly detail: string;
  readonly remedy: string | null;
}

const HEADLINES: Readonly<Record<CredentialStatus, string>> = {
  ok: 'DhanHQ accepted these credentials.',
  unchecked: 'The credentials were not checked.',
  missing: 'Enter a client id and an access token.',
  invalid: 'DhanHQ rejected this client id or access token.',
  expired: 'This access token has expired.',
  'no-data-plan': 'The token is valid, but this account has no active Data API plan.',
  unreachable: 'DhanHQ could not be reached to check them.',
};

/** A check result as one headline, the details and, unless it passed, what to do. */
export function describeCheck(result: CredentialCheckResult, nowMs: number): CheckWords {
  const ok = result.status === 'ok';
  const facts = [
    result.dataPlan ? `Data API plan: ${result.dataPlan}.` : null,
    result.tokenExpiresAtMs !== null ? `Token ${formatTokenExpiry(result.tokenExpiresAtMs, nowMs)}.` : null,
    result.message && result.message !== HEADLINES[result.status] ? result.message : null,
  ].filter((fact): fact is string => fact !== null);
  return { ok, headline: HEADLINES[result.status], detail: facts.join(' '), remedy: ok ? null : result.remedy || null };
}
