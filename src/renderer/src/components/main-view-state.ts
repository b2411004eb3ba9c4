/**
 * What fills the main area, decided in one place so every way the grid can be empty has its
 * own named state, message and remedy (the product's "no silent failure" list), in the order a
 * support engineer would check them.
 */
import type { AppState, CredentialStatus } from '../../../shared/api/view-types';
import { problemOf, type AppProblem } from '../../../shared/errors/app-error';
import type { ErrorCode } from '../../../shared/errors/error-catalog';
import type { TransportStatus } from '../api/transport-status';
import type { ChainInfo } from '../store/slices/chain-slice';
import type { ChainSelection } from '../../../shared/api/view-types';
import type { ApiErrorPayload } from '../../../shared/api/api-contract';
import { problemFromError } from './problem-notice';

export type RemedyAction = 'credentials' | 'reload-master' | 'reconnect' | 'diagnostics';

export type MainView =
  | { readonly kind: 'problem'; readonly problem: AppProblem; readonly action: RemedyAction | null }
  | { readonly kind: 'progress' }
  | { readonly kind: 'waiting'; readonly message: string }
  | { readonly kind: 'grid'; readonly banner: AppProblem | null; readonly loading: boolean };

export interface MainViewInput {
  readonly connection: TransportStatus;
  readonly appState: AppState | null;
  readonly appStateError: ApiErrorPayload | null;
  readonly selection: ChainSelection | null;
  readonly chain: ChainInfo;
}

const CREDENTIAL_CODES: Partial<Record<CredentialStatus, ErrorCode>> = {
  missing: 'CRED_MISSING',
  invalid: 'CRED_INVALID',
  expired: 'CRED_EXPIRED',
  'no-data-plan': 'CRED_NO_DATA_PLAN',
  unreachable: 'CRED_UNREACHABLE',
};

/** Credential states that open the credentials dialog by themselves. */
export const CREDENTIAL_STATES_NEEDING_INPUT: readonly CredentialStatus[] = ['missing', 'invalid', 'expired', 'no-data-plan'];

/** The problem a credential status stands for, worded by the engine; null when usable. */
export function credentialProblem(appState: AppState): AppProblem | null {
  const code = CREDENTIAL_CODES[appState.credentials.status];
  if (!code) return null;
  const base = problemOf(code, appState.credentials.message || undefined);
  return appState.credentials.remedy ? { ...base, remedy: appState.credentials.remedy } : base;
}

function actionFor(code: ErrorCode): RemedyAction | null {
  if (code.startsWith('CRED_') || code === 'FEED_AUTH_EXPIRED' || code === 'FEED_AUTH_FAILED' || code === 'FEED_TOKEN_INVALID') return 'credentials';
  if (code.startsWith('MASTER_') || code.startsWith('SKELETON_')) return 'reload-master';
  if (code.startsWith('FEED_')) return 'reconnect';
  return null;
}

function problemView(problem: AppProblem): MainView {
  return { kind: 'problem', problem, action: actionFor(problem.code) };
}

function skeletonEmpty(appState: AppState): boolean {
  const counts = appState.skeleton?.counts;
  return !counts || counts.underlyings === 0 || counts.expiries === 0 || counts.strikes === 0 || counts.tokens === 0;
}

function firstError(problems: readonly AppProblem[], prefixes: readonly string[]): AppProblem | undefined {
  return problems.find((p) => p.severity === 'error' && prefixes.some((prefix) => p.code.startsWith(prefix)));
}

export function chooseMainView({ connection, appState, appStateError, selection, chain }: MainViewInput): MainView {
  if (connection.state === 'unauthorized') return problemView(problemOf('API_UNAUTHORIZED'));
  const hasRows = chain.status !== 'failed' && chain.rowCount > 0;
  if (!appState) {
    if (appStateError) return problemView(problemFromError(appStateError));
    if (connection.state === 'reconnecting') {
      return problemView(problemOf('API_DISCONNECTED', 'The page cannot reach the engine; it keeps trying with back-off.'));
    }
    return { kind: 'waiting', message: 'Connecting to the engine…' };
  }
  const credentials = credentialProblem(appState);
  if (credentials && !hasRows) return { kind: 'problem', problem: credentials, action: 'credentials' };
  const anyRunning = appState.progress.some((step) => step.state === 'running');
  if (!hasRows && (appState.phase === 'starting' || (anyRunning && skeletonEmpty(appState)))) return { kind: 'progress' };
  if (skeletonEmpty(appState)) {
    const reason = firstError(appState.problems, ['MASTER_', 'SKELETON_']) ?? problemOf('MASTER_NOT_LOADED');
    return problemView(reason);
  }
  if (!selection) return { kind: 'waiting', message: 'Choose an underlying and an expiry.' };
  if (chain.status === 'failed' && chain.error) return problemView(problemFromError(chain.error));
  if (!hasRows) {
    if (chain.status === 'loading' || chain.status === 'idle') {
      return { kind: 'waiting', message: `Loading the ${selection.underlying} ${selection.expiry} chain…` };
    }
    return problemView(chain.problem ?? problemOf('SKELETON_NO_STRIKES', `The instrument master lists no strikes for ${selection.underlying} ${selection.expiry}.`));
  }
  return { kind: 'grid', banner: chain.problem ?? credentials, loading: chain.status === 'loading' };
}

/** The problem codes the main area already shows, so the problems bar does not repeat them. */
export function codesShown(view: MainView): ReadonlySet<ErrorCode> {
  if (view.kind === 'problem') return new Set([view.problem.code]);
  if (view.kind === 'grid' && view.banner) return new Set([view.banner.code]);
  return new Set();
}
