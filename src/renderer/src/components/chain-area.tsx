/**
 * The main area: the grid when there are rows, otherwise the one named state that explains
 * why not (with its code, message, remedy and the button that acts on it).
 */
import type { MainView, RemedyAction } from './main-view-state';
import { ChainGrid } from '../chain/chain-grid';
import { useAppStore, useServices } from '../store/store-context';
import { ErrorNotice, ProblemNotice } from './problem-notice';
import { ProgressView } from './progress-view';
import { useApiAction } from './use-api-action';
import { useRenderCount } from './use-render-count';

function RemedyButton({ action }: { readonly action: RemedyAction }): React.JSX.Element {
  const { api } = useServices();
  const showPanel = useAppStore((s) => s.showPanel);
  const reload = useApiAction(api.reloadInstrumentMaster);
  const reconnect = useApiAction(api.reconnectFeed);
  switch (action) {
    case 'credentials':
      return (
        <button type="button" className="btn btn--primary" onClick={() => showPanel('credentials')} data-testid="remedy-credentials">
          Open credentials
        </button>
      );
    case 'diagnostics':
      return (
        <button type="button" className="btn" onClick={() => showPanel('diagnostics')}>
          Open diagnostics
        </button>
      );
    case 'reload-master':
      return (
        <>
          <button type="button" className="btn btn--primary" disabled={reload.busy} onClick={() => void reload.run()} data-testid="remedy-reload-master">
            {reload.busy ? 'Reloading…' : 'Reload instrument master'}
          </button>
          {reload.error && <ErrorNotice error={reload.error} />}
        </>
      );
    case 'reconnect':
      return (
        <>
          <button type="button" className="btn btn--primary" disabled={reconnect.busy} onClick={() => void reconnect.run()} data-testid="remedy-reconnect">
            {reconnect.busy ? 'Reconnecting…' : 'Reconnect'}
          </button>
          {reconnect.error && <ErrorNotice error={reconnect.error} />}
        </>
      );
  }
}

export function ChainArea({ view }: { readonly view: MainView }): React.JSX.Element {
  useRenderCount('ChainArea');
  const showPanel = useAppStore((s) => s.showPanel);
  if (view.kind === 'progress') return <ProgressView />;
  if (view.kind === 'waiting') {
    return (
      <section className="main-message" role="status" data-testid="main-waiting">
        <span className="spinner" aria-hidden="true" />
        <p>{view.message}</p>
      </section>
    );
  }
  if (view.kind === 'problem') {
    return (
      <section className="main-message" data-testid="main-problem">
        <ProblemNotice problem={view.problem} variant="panel">
          {view.action && <RemedyButton action={view.action} />}
          {view.action !== 'diagnostics' && (
            <button type="button" className="btn" onClick={() => showPanel('diagnostics')}>
              Diagnostics
            </button>
          )}
        </ProblemNotice>
      </section>
    );
  }
  return (
    <section className="chain-area">
      {view.banner && <ProblemNotice problem={view.banner} variant="banner" />}
      {view.loading && (
        <div className="chain-loading" role="status" data-testid="chain-loading">
          Loading…
        </div>
      )}
      <ChainGrid />
    </section>
  );
}
