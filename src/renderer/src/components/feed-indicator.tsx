/**
 * The feed's state and the age of the last tick, kept current by writing the DOM when a
 * summary arrives and once a second (no React render for either).
 */
import { useEffect, useRef } from 'react';
import type { FeedState } from '../../../shared/api/view-types';
import { formatDuration } from '../util/format-time';
import { useAppStore, useServices } from '../store/store-context';
import { useRenderCount } from './use-render-count';

export const FEED_STATE_WORDS: Readonly<Record<FeedState, string>> = {
  idle: 'Idle',
  connecting: 'Connecting',
  live: 'Live',
  silent: 'Silent',
  'market-closed': 'Market closed',
  reconnecting: 'Reconnecting',
  'awaiting-token': 'Waiting for working credentials',
  stopped: 'Stopped',
};

export function FeedIndicator(): React.JSX.Element {
  useRenderCount('FeedIndicator');
  const { stream, clock, scheduler, store } = useServices();
  const feedState = useAppStore((s) => s.appState?.feedState ?? null);
  const ageRef = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    const element = ageRef.current;
    if (!element) return undefined;
    const write = (): void => {
      const now = clock.nowMs();
      const lastTickAtMs = stream.summary.get()?.lastTickAtMs ?? null;
      let age: number | null = lastTickAtMs === null ? null : now - lastTickAtMs;
      if (age === null) {
        const { appState, appStateAtMs } = store.getState();
        if (appState?.lastPacketAgeMs !== null && appState?.lastPacketAgeMs !== undefined && appStateAtMs !== null) {
          age = appState.lastPacketAgeMs + (now - appStateAtMs);
        }
      }
      const text = age === null ? 'no tick yet' : age < 1000 ? 'last tick < 1 s ago' : `last tick ${formatDuration(age)} ago`;
      if (element.textContent !== text) element.textContent = text;
    };
    write();
    // Rewritten when a summary arrives (ticks flowing) and every second (ticks stopped).
    const unsubscribe = stream.summary.subscribe(write);
    const timer = scheduler.setInterval(write, 1000);
    return () => {
      unsubscribe();
      scheduler.clearInterval(timer);
    };
  }, [clock, scheduler, store, stream]);

  return (
    <div className="feed-indicator" data-state={feedState ?? 'unknown'} data-testid="feed-state" aria-live="off">
      <span className="feed-indicator__dot" aria-hidden="true" />
      <span className="feed-indicator__state">{feedState ? FEED_STATE_WORDS[feedState] : 'Feed unknown'}</span>
      <span className="feed-indicator__age" ref={ageRef} data-testid="last-tick-age" />
    </div>
  );
}
