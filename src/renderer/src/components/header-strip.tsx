/**
 * The header: brand, SIMULATED badge, chain pickers, feed state and tools on the first line;
 * the chain's live numbers on the second.
 */
import { useAppStore, useServices } from '../store/store-context';
import { ChainSelectors } from './chain-selectors';
import { FeedIndicator } from './feed-indicator';
import { SimulatedBadge } from './simulated-badge';
import { SummaryMetrics } from './summary-metrics';
import { CREDENTIAL_STATES_NEEDING_INPUT } from './main-view-state';
import { useRenderCount } from './use-render-count';

export function HeaderStrip(): React.JSX.Element {
  useRenderCount('HeaderStrip');
  const { stream } = useServices();
  const units = useAppStore((s) => s.units);
  const theme = useAppStore((s) => s.theme);
  const chartsOpen = useAppStore((s) => s.chartsOpen);
  const credentialStatus = useAppStore((s) => s.appState?.credentials.status ?? null);
  const toggleUnits = useAppStore((s) => s.toggleUnits);
  const toggleTheme = useAppStore((s) => s.toggleTheme);
  const toggleCharts = useAppStore((s) => s.toggleCharts);
  const showPanel = useAppStore((s) => s.showPanel);
  const credentialsBad = credentialStatus !== null && (CREDENTIAL_STATES_NEEDING_INPUT.includes(credentialStatus) || credentialStatus === 'unreachable');

  return (
    <header className="header" data-testid="header-strip">
      <div className="header__row">
        <span className="brand">ChainLens</span>
        <SimulatedBadge />
        <ChainSelectors />
        <button type="button" className="btn btn--ghost" onClick={() => stream.recentre()} title="Re-centre on the ATM strike (C)" data-testid="recentre">
          Centre ATM
        </button>
        <FeedIndicator />
        <span className="header__spacer" />
        <nav className="toolbar" aria-label="Tools">
          <button
            type="button"
            className="btn btn--ghost"
            aria-pressed={units === 'lots'}
            onClick={toggleUnits}
            title="Show OI and volume as quantity or lots (L)"
            data-testid="toggle-units"
          >
            {units === 'lots' ? 'Lots' : 'Qty'}
          </button>
          <button type="button" className="btn btn--ghost" onClick={() => showPanel('columns')} title="Choose columns (O)" data-testid="open-columns">
            Columns
          </button>
          <button type="button" className="btn btn--ghost" aria-pressed={chartsOpen} onClick={toggleCharts} title="Show or hide the charts (G)" data-testid="toggle-charts">
            Charts
          </button>
          <button type="button" className="btn btn--ghost" onClick={toggleTheme} title="Switch between dark and light (T)" data-testid="toggle-theme">
            {theme === 'dark' ? 'Light' : 'Dark'}
          </button>
          <button
            type="button"
            className={`btn ${credentialsBad ? 'btn--warn' : 'btn--ghost'}`}
            onClick={() => showPanel('credentials')}
            title="DhanHQ credentials (K)"
            data-testid="open-credentials"
          >
            Credentials
          </button>
          <button type="button" className="btn btn--ghost" onClick={() => showPanel('diagnostics')} title="Diagnostics (D)" data-testid="open-diagnostics">
            Diagnostics
          </button>
          <button type="button" className="btn btn--ghost btn--icon" onClick={() => showPanel('help')} title="Help and keyboard shortcuts (?)" aria-label="Help" data-testid="open-help">
            ?
          </button>
        </nav>
      </div>
      <div className="header__row header__row--metrics">
        <SummaryMetrics />
      </div>
    </header>
  );
}
