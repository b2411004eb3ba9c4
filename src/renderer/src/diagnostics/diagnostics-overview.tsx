/**
 * The diagnostics overview: credentials, instrument master, skeleton counts, subscriptions,
 * feed rates and decode errors, updater, versions and the active problems, each labelled the
 * way support staff and the doctor command name them.
 */
import type { ReactNode } from 'react';
import type { DiagnosticsSnapshot } from '../../../shared/api/view-types';
import { ERROR_CATALOG, isErrorCode } from '../../../shared/errors/error-catalog';
import { ErrorNotice, ProblemNotice } from '../components/problem-notice';
import { useApiAction } from '../components/use-api-action';
import { CREDENTIAL_SOURCE_WORDS, CREDENTIAL_STATUS_WORDS } from '../credentials/credential-words';
import { FEED_STATE_WORDS } from '../components/feed-indicator';
import { useServices } from '../store/store-context';
import { formatInteger, formatNumber } from '../util/format';
import { formatBytes, formatDuration, formatIstTime, formatTokenExpiry } from '../util/format-time';

export function Card({ title, children, testId }: { readonly title: string; readonly children: ReactNode; readonly testId?: string }): React.JSX.Element {
  return (
    <section className="card" data-testid={testId} aria-label={title}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}

export type Fact = readonly [label: string, value: ReactNode, testId?: string];

export function Facts({ rows }: { readonly rows: readonly Fact[] }): React.JSX.Element {
  return (
    <dl className="facts">
      {rows.map(([label, value, testId]) => (
        <div key={label} className="facts__row">
          <dt>{label}</dt>
          <dd data-testid={testId}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** How the engine applies feed packets, and the cost when it had to fall back. */
function decodingWords(f: DiagnosticsSnapshot['feed']): string {
  if (f.decoding === null) return 'not started';
  if (f.decoding === 'webassembly') return 'WebAssembly';
  return `JavaScript, about twice the CPU (${f.decodingSlowerBecause ?? 'reason not given'})`;
}

function UpdaterCard({ d }: { readonly d: DiagnosticsSnapshot }): React.JSX.Element {
  const { api } = useServices();
  const restart = useApiAction(api.restartToUpdate);
  return (
    <Card title="Updates" testId="diag-updater">
      <Facts
        rows={[
          ['State', d.updater.state],
          ['Version', d.updater.version ?? '—'],
          ['Message', d.updater.message || '—'],
          ['Checked', formatIstTime(d.updater.checkedAtMs)],
        ]}
      />
      {d.updater.state === 'ready' && (
        <button type="button" className="btn btn--primary" onClick={() => void restart.run()} disabled={restart.busy} data-testid="diag-restart-update">
          Restart to update
        </button>
      )}
      {restart.error && <ErrorNotice error={restart.error} />}
    </Card>
  );
}

export function DiagnosticsOverview({ d, nowMs }: { readonly d: DiagnosticsSnapshot; readonly nowMs: number }): React.JSX.Element {
  const c = d.credentials;
  const m = d.instrumentMaster;
  const s = d.subscriptions;
  const f = d.feed;
  const decodeCodes = Object.entries(f.decodeErrors).filter(([, count]) => count > 0);
  const count = (value: number | undefined): string => (value === undefined ? '—' : formatInteger(value));
  return (
    <div className="cards">
      <Card title="Credentials" testId="diag-credentials">
        <Facts
          rows={[
            ['Status', CREDENTIAL_STATUS_WORDS[c.status], 'diag-cred-status'],
            ['Source', CREDENTIAL_SOURCE_WORDS[c.source], 'diag-cred-source'],
            ['Client id', c.clientIdMasked ?? 'none'],
            ['Token', c.source === 'none' ? 'none' : formatTokenExpiry(c.tokenExpiresAtMs, nowMs)],
            ['Data API plan', c.dataPlan ?? 'not checked'],
            ['Keychain', c.keychainAvailable ? 'available' : 'not available'],
            ['Checked', formatIstTime(c.checkedAtMs)],
          ]}
        />
      </Card>
      <Card title="Instrument master" testId="diag-master">
        <Facts
          rows={[
            ['State', m.state, 'diag-master-state'],
            ['Source', m.source ?? '—'],
            ['Trading day', m.date ?? '—', 'diag-master-date'],
            ['Rows read', formatInteger(m.rowsRead)],
            ['Rows kept', formatInteger(m.rowsKept), 'diag-master-rows'],
            ['Rows rejected', formatInteger(m.rowsRejected)],
            ['Size', formatBytes(m.bytes)],
            ['Loaded', formatIstTime(m.loadedAtMs)],
            ...(m.warning ? ([['Warning', m.warning]] as Fact[]) : []),
          ]}
        />
      </Card>
      <Card title="Skeleton" testId="diag-skeleton">
        <Facts
          rows={[
            ['Underlyings', count(d.skeleton?.underlyings), 'diag-skeleton-underlyings'],
            ['Expiries', count(d.skeleton?.expiries), 'diag-skeleton-expiries'],
            ['Strikes', count(d.skeleton?.strikes), 'diag-skeleton-strikes'],
            ['Tokens', count(d.skeleton?.tokens), 'diag-skeleton-tokens'],
          ]}
        />
      </Card>
      <Card title="Subscriptions" testId="diag-subscriptions">
        <Facts
          rows={[
            ['Skeleton tokens', formatInteger(s.skeletonTokens), 'diag-sub-skeleton-tokens'],
            ['Planned', formatInteger(s.planned)],
            ['Subscribed', formatInteger(s.subscribed), 'diag-sub-subscribed'],
            ['Ticker / quote / full', `${formatInteger(s.byMode.ticker)} / ${formatInteger(s.byMode.quote)} / ${formatInteger(s.byMode.full)}`],
            ['Left out', formatInteger(s.leftOut), 'diag-sub-left-out'],
          ]}
        />
        {s.leftOutReasons.length > 0 && (
          <ul className="reasons" data-testid="diag-sub-reasons">
            {s.leftOutReasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Feed" testId="diag-feed">
        <Facts
          rows={[
            ['State', FEED_STATE_WORDS[f.state], 'diag-feed-state'],
            ['Market', f.marketOpen ? 'open' : 'closed'],
            ['Connections', formatInteger(f.connections.length)],
            ['Packets/s', formatNumber(f.packetsPerSec, 1), 'diag-packets-per-sec'],
            ['Ticks/s', formatNumber(f.ticksPerSec, 1), 'diag-ticks-per-sec'],
            ['Last packet', f.lastPacketAgeMs === null ? 'none yet' : `${formatDuration(f.lastPacketAgeMs)} ago`, 'diag-last-packet-age'],
            ['Packets', formatInteger(f.packetsTotal)],
            ['Decode errors', formatInteger(f.decodeErrorsTotal), 'diag-decode-errors-total'],
            ['Last disconnect code', f.lastDisconnectCode === null ? '—' : String(f.lastDisconnectCode)],
            ['Decoding', decodingWords(f), 'diag-decoding'],
          ]}
        />
      </Card>
      <Card title={`Decode errors (${formatInteger(f.decodeErrorsTotal)})`} testId="diag-decode-errors">
        {decodeCodes.length === 0 ? (
          <p className="note">None.</p>
        ) : (
          <ul className="code-list">
            {decodeCodes.map(([code, n]) => (
              <li key={code} data-testid={`diag-decode-${code}`}>
                <code>{code}</code> <b>× {formatInteger(n)}</b>
                <span className="note">{isErrorCode(code) ? ERROR_CATALOG[code].title : 'Unlisted decode error'}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <UpdaterCard d={d} />
      <Card title="Versions" testId="diag-versions">
        <Facts
          rows={[
            ['App', d.versions.app],
            ['Node', d.versions.node],
            ['Electron', d.versions.electron ?? '—'],
            ['Chromium', d.versions.chromium ?? '—'],
            ['Platform', d.versions.platform],
            ['Mode', d.mode === 'demo' ? 'demo (simulated market)' : 'live'],
            ['Snapshot', formatIstTime(d.generatedAtMs)],
          ]}
        />
      </Card>
      <Card title={`Active problems (${d.problems.length})`} testId="diag-problems">
        {d.problems.length === 0 ? (
          <p className="note">None.</p>
        ) : (
          d.problems.map((problem) => <ProblemNotice key={problem.code} problem={problem} testIdPrefix="diag-problem" />)
        )}
      </Card>
    </div>
  );
}
