/**
 * Browser mode only: when the socket to the engine drops, say so loudly (the values on screen
 * stop updating) and when the next attempt is due.
 */
import { formatDuration } from '../util/format-time';
import { useAppStore } from '../store/store-context';
import { useRenderCount } from './use-render-count';

export function ConnectionBanner(): React.JSX.Element | null {
  useRenderCount('ConnectionBanner');
  const connection = useAppStore((s) => s.connection);
  const hasAppState = useAppStore((s) => s.appState !== null);
  if (connection.state !== 'reconnecting' || !hasAppState) return null;
  return (
    <div className="connection-banner" role="alert" data-testid="connection-lost">
      <strong>Connection to the engine lost.</strong> The values on screen are frozen.{' '}
      {connection.retryInMs !== null && (
        <span>
          Reconnecting in {formatDuration(connection.retryInMs)} (attempt {connection.attempt}).
        </span>
      )}
      <code className="problem__code">API_DISCONNECTED</code>
    </div>
  );
}
