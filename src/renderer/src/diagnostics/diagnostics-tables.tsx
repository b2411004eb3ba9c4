/**
 * Diagnostics tables: feed connections, the disconnect history with codes and meanings, and
 * the REST log. Small, bounded lists (the engine keeps them short), so plain tables suffice.
 */
import type { DiagnosticsSnapshot } from '../../../shared/api/view-types';
import { ERROR_CATALOG } from '../../../shared/errors/error-catalog';
import { formatInteger } from '../util/format';
import { formatDuration, formatIstTime } from '../util/format-time';
import { Card } from './diagnostics-overview';

const ACTION_WORDS = { reconnect: 'reconnect', 'back-off': 'back off, then reconnect', stop: 'stop', 'await-token': 'wait for a new token' } as const;

export function FeedTables({ d }: { readonly d: DiagnosticsSnapshot }): React.JSX.Element {
  const generated = d.generatedAtMs;
  return (
    <div className="stack">
      <Card title="Connections" testId="diag-connections">
        <table className="table" data-testid="diag-connections-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">State</th>
              <th scope="col" className="num">Subscribed</th>
              <th scope="col" className="num">Packets</th>
              <th scope="col">Last packet</th>
              <th scope="col" className="num">Retries</th>
              <th scope="col">Next retry</th>
              <th scope="col">Last disconnect</th>
              <th scope="col">URL (redacted)</th>
            </tr>
          </thead>
          <tbody>
            {d.feed.connections.length === 0 && (
              <tr>
                <td colSpan={9} className="empty">
                  No feed connection is open.
                </td>
              </tr>
            )}
            {d.feed.connections.map((c) => (
              <tr key={c.id} data-testid={`diag-connection-${c.id}`}>
                <td>{c.id}</td>
                <td>{c.state}</td>
                <td className="num">{formatInteger(c.subscribed)}</td>
                <td className="num">{formatInteger(c.packets)}</td>
                <td>{c.lastPacketAtMs === null ? 'none yet' : `${formatDuration(generated - c.lastPacketAtMs)} ago`}</td>
                <td className="num">{formatInteger(c.reconnectAttempts)}</td>
                <td>{c.nextRetryAtMs === null ? '—' : `in ${formatDuration(c.nextRetryAtMs - generated)}`}</td>
                <td>{c.lastDisconnect ? `${c.lastDisconnect.code ?? '—'} ${c.lastDisconnect.meaning}` : '—'}</td>
                <td className="mono ellipsis" title={c.url}>
                  {c.url}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <Card title="Disconnect history" testId="diag-disconnects">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">#</th>
              <th scope="col">Code</th>
              <th scope="col">Error</th>
              <th scope="col">Meaning</th>
              <th scope="col">Then</th>
            </tr>
          </thead>
          <tbody>
            {d.disconnects.length === 0 && (
              <tr>
                <td colSpan={6} className="empty">
                  No disconnects.
                </td>
              </tr>
            )}
            {d.disconnects.map((r, index) => (
              <tr key={`${r.atMs}-${r.connectionId}-${index}`}>
                <td>{formatIstTime(r.atMs)}</td>
                <td>{r.connectionId}</td>
                <td>{r.code ?? '—'}</td>
                <td>
                  <code title={ERROR_CATALOG[r.errorCode]?.remedy}>{r.errorCode}</code>
                </td>
                <td>{r.meaning}</td>
                <td>{ACTION_WORDS[r.action]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}

export function RestTable({ d }: { readonly d: DiagnosticsSnapshot }): React.JSX.Element {
  return (
    <Card title="REST log (newest first)" testId="diag-rest">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Method</th>
            <th scope="col">Endpoint</th>
            <th scope="col" className="num">Status</th>
            <th scope="col" className="num">Latency</th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {d.rest.length === 0 && (
            <tr>
              <td colSpan={6} className="empty">
                No REST calls yet.
              </td>
            </tr>
          )}
          {d.rest.map((r, index) => (
            <tr key={`${r.atMs}-${index}`}>
              <td>{formatIstTime(r.atMs)}</td>
              <td>{r.method}</td>
              <td className="mono">{r.endpoint}</td>
              <td className="num">{r.status ?? '—'}</td>
              <td className="num">{formatInteger(r.latencyMs)} ms</td>
              <td>{r.errorCode ? <code title={ERROR_CATALOG[r.errorCode]?.title}>{r.errorCode}</code> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
