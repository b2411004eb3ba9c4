/**
 * The support view: everything needed to say why a trader sees no data, refreshed about once a
 * second by the engine, with the actions support asks for (reconnect, reload the instrument
 * master, export a support bundle, record the feed).
 */
import { useEffect, useState } from 'react';
import { Modal } from '../components/modal';
import { ErrorNotice } from '../components/problem-notice';
import { useApiAction } from '../components/use-api-action';
import { useAppStore, useServices } from '../store/store-context';
import { formatInteger } from '../util/format';
import { formatBytes } from '../util/format-time';
import { DiagnosticsOverview } from './diagnostics-overview';
import { FeedTables, RestTable } from './diagnostics-tables';
import { TickLogView } from './tick-log-view';

type Tab = 'overview' | 'feed' | 'rest' | 'ticks';

const TABS: readonly { readonly id: Tab; readonly label: string }[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'feed', label: 'Feed connections' },
  { id: 'rest', label: 'REST log' },
  { id: 'ticks', label: 'Tick log' },
];

function DiagnosticsActions(): React.JSX.Element {
  const { api, store } = useServices();
  const recording = useAppStore((s) => s.recording);
  const lastBundle = useAppStore((s) => s.lastBundle);
  const reconnect = useApiAction(api.reconnectFeed);
  const reload = useApiAction(api.reloadInstrumentMaster);
  const bundle = useApiAction(api.exportSupportBundle);
  const record = useApiAction(recording?.recording ? api.stopRecording : api.startRecording);

  const exportBundle = async (): Promise<void> => {
    const result = await bundle.run();
    if (result.ok) store.getState().setLastBundle(result.value);
  };
  const toggleRecording = async (): Promise<void> => {
    const result = await record.run();
    if (result.ok) store.getState().setRecording(result.value);
  };

  return (
    <div className="diag-actions">
      <div className="diag-actions__buttons">
        <button type="button" className="btn" onClick={() => void reconnect.run()} disabled={reconnect.busy} data-testid="diag-reconnect">
          {reconnect.busy ? 'Reconnecting…' : 'Reconnect'}
        </button>
        <button type="button" className="btn" onClick={() => void reload.run()} disabled={reload.busy} data-testid="diag-reload-master">
          {reload.busy ? 'Reloading…' : 'Reload instrument master'}
        </button>
        <button type="button" className="btn" onClick={() => void exportBundle()} disabled={bundle.busy} data-testid="diag-export-bundle">
          {bundle.busy ? 'Exporting…' : 'Export support bundle'}
        </button>
        <button
          type="button"
          className={`btn ${recording?.recording ? 'btn--danger' : ''}`}
          onClick={() => void toggleRecording()}
          disabled={record.busy}
          aria-pressed={recording?.recording ?? false}
          data-testid="diag-record"
        >
          {recording?.recording ? '■ Stop recording' : '● Record feed to a file'}
        </button>
      </div>
      <div className="diag-actions__results" aria-live="polite">
        {reconnect.succeeded && (
          <p className="result result--ok" data-testid="diag-reconnect-result">
            Reconnect requested: every feed connection is being reopened.
          </p>
        )}
        {reload.succeeded && (
          <p className="result result--ok" data-testid="diag-reload-result">
            Instrument master reload started; progress shows on the main screen.
          </p>
        )}
        {lastBundle && (
          <p className="result result--ok" data-testid="diag-bundle-result">
            Support bundle written to <code className="path">{lastBundle.path}</code> ({formatBytes(lastBundle.bytes)}, {lastBundle.files.length} files).
          </p>
        )}
        {recording && (
          <p className={`result ${recording.recording ? 'result--live' : 'result--ok'}`} data-testid="diag-recording-status">
            {recording.recording ? 'Recording the feed to ' : 'Recorded '}
            {!recording.recording && `${formatInteger(recording.frames)} frames (${formatBytes(recording.bytes)}) to `}
            <code className="path">{recording.path ?? '—'}</code>
            {recording.recording && ` · ${formatInteger(recording.frames)} frames so far`}
          </p>
        )}
        {[reconnect.error, reload.error, bundle.error, record.error].map((error) => (error ? <ErrorNotice key={error.code + error.message} error={error} /> : null))}
      </div>
    </div>
  );
}

export function DiagnosticsPanel({ onClose }: { readonly onClose: () => void }): React.JSX.Element {
  const { api, store, clock } = useServices();
  const diagnostics = useAppStore((s) => s.diagnostics);
  const diagnosticsError = useAppStore((s) => s.diagnosticsError);
  const [tab, setTab] = useState<Tab>('overview');

  useEffect(() => {
    let live = true;
    void api.getDiagnostics().then((result) => {
      if (!live) return;
      if (result.ok) store.getState().setDiagnostics(result.value);
      else store.getState().setDiagnosticsError(result.error);
    });
    return () => {
      live = false;
    };
  }, [api, store]);

  return (
    <Modal title="Diagnostics" onClose={onClose} testId="diagnostics-panel" size="wide">
      <DiagnosticsActions />
      <div className="tabs" role="tablist" aria-label="Diagnostics sections">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`diag-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`diag-tabpanel-${t.id}`}
            className="tabs__tab"
            onClick={() => setTab(t.id)}
            data-testid={`diag-tab-${t.id}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="tabs__panel" role="tabpanel" id={`diag-tabpanel-${tab}`} aria-labelledby={`diag-tab-${tab}`}>
        {diagnosticsError && !diagnostics && <ErrorNotice error={diagnosticsError} />}
        {!diagnostics && !diagnosticsError && tab !== 'ticks' && (
          <p className="note" role="status">
            Loading diagnostics…
          </p>
        )}
        {diagnostics && tab === 'overview' && <DiagnosticsOverview d={diagnostics} nowMs={clock.nowMs()} />}
        {diagnostics && tab === 'feed' && <FeedTables d={diagnostics} />}
        {diagnostics && tab === 'rest' && <RestTable d={diagnostics} />}
        {tab === 'ticks' && <TickLogView />}
      </div>
    </Modal>
  );
}
