/**
 * The window: header, connection and problem banners, the chain (or the state explaining why
 * there is none) beside the charts, the status bar, and at most one dialog.
 */
import { useEffect, useMemo, useRef } from 'react';
import type { AppServices } from './bootstrap/app-services';
import { ChartsPanel } from './charts/charts-panel';
import { ChainArea } from './components/chain-area';
import { ColumnChooser } from './components/column-chooser';
import { ConnectionBanner } from './components/connection-banner';
import { HeaderStrip } from './components/header-strip';
import { HelpOverlay } from './components/help-overlay';
import { chooseMainView, codesShown, CREDENTIAL_STATES_NEEDING_INPUT, type MainView } from './components/main-view-state';
import { ProblemsBar } from './components/problems-bar';
import { StatusBar } from './components/status-bar';
import { CredentialsDialog } from './credentials/credentials-dialog';
import { DiagnosticsPanel } from './diagnostics/diagnostics-panel';
import { useShortcuts } from './keyboard/use-shortcuts';
import { ServicesContext, useAppStore, useServices } from './store/store-context';
import { useRenderCount } from './components/use-render-count';

function useMainView(): MainView {
  const connection = useAppStore((s) => s.connection);
  const appState = useAppStore((s) => s.appState);
  const appStateError = useAppStore((s) => s.appStateError);
  const selection = useAppStore((s) => s.selection);
  const chain = useAppStore((s) => s.chain);
  return useMemo(
    () => chooseMainView({ connection, appState, appStateError, selection, chain }),
    [connection, appState, appStateError, selection, chain],
  );
}

/** Opens the credentials dialog by itself once per credential state that needs input. */
function useAutoCredentials(): void {
  const { store } = useServices();
  const status = useAppStore((s) => s.appState?.credentials.status ?? null);
  const handled = useRef<string | null>(null);
  useEffect(() => {
    if (status === null || !CREDENTIAL_STATES_NEEDING_INPUT.includes(status)) {
      handled.current = null;
      return;
    }
    if (handled.current === status) return;
    handled.current = status;
    if (store.getState().openPanel === null) store.getState().showPanel('credentials');
  }, [status, store]);
}

/** The page's colours follow the theme and the mode (an amber frame in demo mode). */
function useDocumentAttributes(): void {
  const theme = useAppStore((s) => s.theme);
  const mode = useAppStore((s) => s.appState?.mode ?? null);
  useEffect(() => {
    const root = document.documentElement;
    root.dataset.theme = theme;
    root.style.colorScheme = theme;
    if (mode) root.dataset.mode = mode;
    else delete root.dataset.mode;
  }, [theme, mode]);
}

function Shell(): React.JSX.Element {
  useRenderCount('Shell');
  useShortcuts();
  useAutoCredentials();
  useDocumentAttributes();
  const view = useMainView();
  const chartsOpen = useAppStore((s) => s.chartsOpen);
  const openPanel = useAppStore((s) => s.openPanel);
  const closePanel = useAppStore((s) => s.closePanel);
  const shownCodes = useMemo(() => codesShown(view), [view]);

  return (
    <div className="app">
      <HeaderStrip />
      <ConnectionBanner />
      <ProblemsBar exclude={shownCodes} />
      <main className="workspace">
        <ChainArea view={view} />
        {chartsOpen && view.kind === 'grid' && <ChartsPanel />}
      </main>
      <StatusBar />
      {openPanel === 'credentials' && <CredentialsDialog onClose={closePanel} />}
      {openPanel === 'diagnostics' && <DiagnosticsPanel onClose={closePanel} />}
      {openPanel === 'help' && <HelpOverlay onClose={closePanel} />}
      {openPanel === 'columns' && <ColumnChooser onClose={closePanel} />}
    </div>
  );
}

export function App({ services }: { readonly services: AppServices }): React.JSX.Element {
  return (
    <ServicesContext.Provider value={services}>
      <Shell />
    </ServicesContext.Provider>
  );
}
