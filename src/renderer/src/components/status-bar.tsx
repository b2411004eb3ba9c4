/**
 * The footer: what the engine loaded (skeleton counts, labelled exactly as the diagnostics
 * label them), the chain's size on screen, any long step still running (a master reload while
 * the grid stays up), a ready update, and how this page talks to the engine.
 */
import { formatInteger } from '../util/format';
import { useAppStore, useServices } from '../store/store-context';
import { useRenderCount } from './use-render-count';

export function StatusBar(): React.JSX.Element {
  useRenderCount('StatusBar');
  const { api } = useServices();
  const counts = useAppStore((s) => s.appState?.skeleton?.counts ?? null);
  const master = useAppStore((s) => s.appState?.instrumentMaster ?? null);
  const chain = useAppStore((s) => s.chain);
  const mode = useAppStore((s) => s.appState?.mode ?? null);
  const running = useAppStore((s) => s.appState?.progress.find((step) => step.state === 'running') ?? null);
  const updater = useAppStore((s) => s.appState?.updater ?? null);
  const showPanel = useAppStore((s) => s.showPanel);
  const count = (value: number | undefined): string => (value === undefined ? '—' : formatInteger(value));
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span className="status-bar__item" data-testid="skeleton-counts">
        Underlyings <b data-testid="count-underlyings">{count(counts?.underlyings)}</b> · Expiries{' '}
        <b data-testid="count-expiries">{count(counts?.expiries)}</b> · Strikes <b data-testid="count-strikes">{count(counts?.strikes)}</b> · Tokens{' '}
        <b data-testid="count-tokens">{count(counts?.tokens)}</b>
      </span>
      <span className="status-bar__item">
        Instrument master {master?.date ?? 'not loaded'}
        {master?.source ? ` (${master.source})` : ''}
      </span>
      {chain.status === 'ready' && (
        <span className="status-bar__item" data-testid="chain-size">
          {formatInteger(chain.rowCount)} of {formatInteger(chain.totalStrikes)} strikes shown
        </span>
      )}
      {running && (
        <span className="status-bar__item status-bar__busy" role="status" data-testid="status-progress">
          <span className="spinner spinner--small" aria-hidden="true" />
          {running.label}
          {running.detail ? `: ${running.detail}` : '…'}
        </span>
      )}
      <span className="status-bar__spacer" />
      {updater?.state === 'ready' && (
        <button type="button" className="btn btn--link" onClick={() => showPanel('diagnostics')} data-testid="status-update-ready">
          Update {updater.version ?? ''} ready: restart from Diagnostics
        </button>
      )}
      <span className="status-bar__item">{mode === 'demo' ? 'Demo (simulated market)' : mode === 'live' ? 'Live DhanHQ' : ''}</span>
      <span className="status-bar__item">{api.transport === 'electron' ? 'Desktop app' : 'Browser mode'}</span>
      <span className="status-bar__item">Press ? for help</span>
    </footer>
  );
}
