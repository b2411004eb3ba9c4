// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { TickLogRing, tickFilter } from '../../src/renderer/src/diagnostics/tick-log-ring';
import type { TickLogEntry } from '../../src/shared/api/view-types';
import { fail, fakeDiagnostics } from './fake-api';
import { renderApp, settle, type RenderedApp } from './helpers';

afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
});

async function openDiagnostics(app?: RenderedApp): Promise<RenderedApp> {
  const rendered = app ?? (await renderApp());
  fireEvent.click(screen.getByTestId('open-diagnostics'));
  await settle();
  return rendered;
}

const text = (testId: string): string | null => screen.getByTestId(testId).textContent;

describe('diagnostics panel', () => {
  it('asks for a fresh snapshot on open and shows the skeleton counts labelled exactly', async () => {
    const app = await openDiagnostics();
    expect(app.engine.callsOf('getDiagnostics')).toEqual([null]);
    const skeleton = screen.getByTestId('diag-skeleton');
    expect([...skeleton.querySelectorAll('dt')].map((dt) => dt.textContent)).toEqual(['Underlyings', 'Expiries', 'Strikes', 'Tokens']);
    expect([
      text('diag-skeleton-underlyings'),
      text('diag-skeleton-expiries'),
      text('diag-skeleton-strikes'),
      text('diag-skeleton-tokens'),
    ]).toEqual(['6', '28', '2,138', '4,276']);
  });

  it('shows credentials, master, subscriptions and feed rates in plain words', async () => {
    await openDiagnostics();
    expect([
      text('diag-cred-status'),
      text('diag-cred-source'),
      text('diag-master-state'),
      text('diag-master-date'),
      text('diag-master-rows'),
      text('diag-sub-skeleton-tokens'),
      text('diag-sub-subscribed'),
      text('diag-sub-left-out'),
      text('diag-feed-state'),
      text('diag-packets-per-sec'),
      text('diag-ticks-per-sec'),
      text('diag-last-packet-age'),
      text('diag-decode-errors-total'),
      text('diag-decoding'),
    ]).toEqual(['Accepted by DhanHQ', 'OS keychain', 'loaded', '2026-01-13', '18,240', '4,276', '12,500', '0', 'Live', '1,842.5', '1,760.2', '80 ms ago', '2', 'WebAssembly']);
    expect(text('diag-decode-CODEC_UNKNOWN_CODE')).toBe('CODEC_UNKNOWN_CODE × 2A feed packet of an unknown type was skipped');
  });

  it('says when packets are applied in JavaScript instead of WebAssembly, and why', async () => {
    const app = await openDiagnostics();
    const pushed = fakeDiagnostics(app.engine.appState, app.clock.nowMs());
    const feed = { ...pushed.feed, decoding: 'javascript' as const, decodingSlowerBecause: 'WebAssembly is not available in this runtime' };
    act(() => app.engine.emit('diagnostics', { ...pushed, feed }));
    expect(text('diag-decoding')).toBe('JavaScript, about twice the CPU (WebAssembly is not available in this runtime)');
    act(() => app.engine.emit('diagnostics', { ...pushed, feed: { ...feed, decoding: null, decodingSlowerBecause: null } }));
    expect(text('diag-decoding')).toBe('not started');
  });

  it('follows the snapshots the engine pushes about once a second', async () => {
    const app = await openDiagnostics();
    const pushed = fakeDiagnostics(app.engine.appState, app.clock.nowMs());
    act(() => app.engine.emit('diagnostics', { ...pushed, feed: { ...pushed.feed, ticksPerSec: 12.25 } }));
    expect(text('diag-ticks-per-sec')).toBe('12.3');
  });

  it('lists feed connections and the disconnect history with codes and meanings', async () => {
    await openDiagnostics();
    fireEvent.click(screen.getByTestId('diag-tab-feed'));
    await settle();
    expect(screen.getByTestId('diag-connection-1').textContent).toBe(
      '1open5,0003,81,00080 ms ago0——wss://api-feed.dhan.co?version=2&token=[redacted]&clientId=[redacted]&authType=2',
    );
    const history = within(screen.getByTestId('diag-disconnects')).getAllByRole('row')[1]!;
    expect(history.textContent).toBe('10:00:00 IST2805FEED_TOO_MANY_CONNECTIONSToo many connections for this accountback off, then reconnect');
  });

  it('exports a support bundle and shows where it was written', async () => {
    const app = await openDiagnostics();
    fireEvent.click(screen.getByTestId('diag-export-bundle'));
    await settle();
    expect(app.engine.callsOf('exportSupportBundle')).toEqual([null]);
    expect(text('diag-bundle-result')).toBe(
      'Support bundle written to /home/trader/ChainLens/support/chainlens-support-20260113-103000.zip (180.0 KB, 3 files).',
    );
  });

  it('records the feed to a file, showing the path and then the frame count', async () => {
    const app = await openDiagnostics();
    fireEvent.click(screen.getByTestId('diag-record'));
    await settle();
    expect(text('diag-recording-status')).toBe('Recording the feed to /home/trader/ChainLens/recordings/feed-20260113-103000.clrec · 0 frames so far');
    expect(text('diag-record')).toBe('■ Stop recording');
    fireEvent.click(screen.getByTestId('diag-record'));
    await settle();
    expect(app.engine.callsOf('startRecording').length + app.engine.callsOf('stopRecording').length).toBe(2);
    expect(text('diag-recording-status')).toBe('Recorded 18,422 frames (2.8 MB) to /home/trader/ChainLens/recordings/feed-20260113-103000.clrec');
  });

  it('shows a failed action with its code and remedy', async () => {
    const app = await renderApp();
    app.engine.handle('exportSupportBundle', () => fail('BUNDLE_FAILED', 'ENOSPC: no space left on device'));
    await openDiagnostics(app);
    fireEvent.click(screen.getByTestId('diag-export-bundle'));
    await settle();
    expect(screen.getByTestId('error-BUNDLE_FAILED').textContent).toBe(
      '✕The support bundle could not be writtenBUNDLE_FAILEDENOSPC: no space left on deviceWhat to do: Check free disk space and try again.',
    );
  });

  it('shows an action whose transport throws as API_INTERNAL with the reason', async () => {
    const app = await renderApp();
    app.engine.handle('exportSupportBundle', () => {
      throw new Error('socket gone');
    });
    await openDiagnostics(app);
    fireEvent.click(screen.getByTestId('diag-export-bundle'));
    await settle();
    expect(screen.getByTestId('error-API_INTERNAL').textContent).toBe(
      '✕The app hit an internal errorAPI_INTERNALThe call failed in the page: socket goneWhat to do: Export a support bundle and send it to support; the engine keeps running.',
    );
  });

  it('asks the engine to reconnect and to reload the instrument master', async () => {
    const app = await openDiagnostics();
    fireEvent.click(screen.getByTestId('diag-reconnect'));
    fireEvent.click(screen.getByTestId('diag-reload-master'));
    await settle();
    expect([app.engine.callsOf('reconnectFeed'), app.engine.callsOf('reloadInstrumentMaster')]).toEqual([[null], [null]]);
    expect(text('diag-reconnect-result')).toBe('Reconnect requested: every feed connection is being reopened.');
  });

  it('asks the engine for the tick log only while the tick log is shown', async () => {
    const app = await openDiagnostics();
    const push = (): boolean => app.engine.pushTickLog(app.engine.tickLog(app.engine.batch({ count: 1 }).rows));
    expect([app.engine.callsOf('watchTickLog'), push()]).toEqual([[], false]);
    fireEvent.click(screen.getByTestId('diag-tab-ticks'));
    await settle();
    expect([app.engine.callsOf('watchTickLog'), push()]).toEqual([[{ watching: true }], true]);
    fireEvent.click(screen.getByTestId('diag-tab-overview'));
    await settle();
    expect([app.engine.callsOf('watchTickLog'), push()]).toEqual([[{ watching: true }, { watching: false }], false]);
  });

  it('says so when the engine refuses the tick log', async () => {
    const app = await openDiagnostics();
    app.engine.handle('watchTickLog', () => fail('API_TIMEOUT'));
    fireEvent.click(screen.getByTestId('diag-tab-ticks'));
    await settle();
    expect(screen.getByTestId('error-API_TIMEOUT').textContent).toBe(
      '!The engine did not answer in timeAPI_TIMEOUTThe tick log could not be started: The engine did not answer in timeWhat to do: Nothing is lost: try again. If it repeats, the engine is overloaded or stuck; export a support bundle.',
    );
  });

  it('shows the live tick log newest first, pausable and filterable by security id', async () => {
    const app = await openDiagnostics();
    fireEvent.click(screen.getByTestId('diag-tab-ticks'));
    await settle();
    const batch = app.engine.batch({ strikes: [24900, 24950] });
    const entries = app.engine.tickLog(batch.rows);
    act(() => {
      expect(app.engine.pushTickLog(entries)).toBe(true);
    });
    act(() => app.scheduler.advance(500));
    await settle();
    expect(text('tick-log-count')).toBe('4 shown · 4 kept of 4 received (last 5,000 kept)');
    const wanted = entries[1]!.securityId;
    fireEvent.change(screen.getByTestId('tick-log-filter'), { target: { value: String(wanted) } });
    await settle();
    expect(text('tick-log-count')).toBe('1 shown · 4 kept of 4 received (last 5,000 kept)');
    fireEvent.click(screen.getByTestId('tick-log-pause'));
    act(() => {
      expect(app.engine.pushTickLog(app.engine.tickLog(batch.rows))).toBe(true);
    });
    act(() => app.scheduler.advance(2_000));
    await settle();
    expect(text('tick-log-count')).toBe('Paused · 1 shown · 4 kept of 4 received (last 5,000 kept)');
    fireEvent.click(screen.getByTestId('tick-log-pause'));
    await settle();
    expect(text('tick-log-count')).toBe('2 shown · 8 kept of 8 received (last 5,000 kept)');
  });
});

describe('TickLogRing', () => {
  const entry = (securityId: number, label = ''): TickLogEntry => ({
    atMs: securityId,
    segment: 2,
    securityId,
    kind: 'ticker',
    label,
    ltp: 1,
    ltq: null,
    oi: null,
    volume: null,
  });

  it('keeps the newest entries up to its capacity, newest first', () => {
    const ring = new TickLogRing(3);
    ring.push([entry(1), entry(2)]);
    ring.push([entry(3), entry(4), entry(5)]);
    expect([ring.size, ring.totalSeen, ring.newestFirst().map((t) => [t.n, t.entry.securityId])]).toEqual([
      3,
      5,
      [
        [4, 5],
        [3, 4],
        [2, 3],
      ],
    ]);
  });

  it('filters by exact security id, or by label text', () => {
    const ring = new TickLogRing(10);
    ring.push([entry(41, 'NIFTY 2026-01-20 25000 CE'), entry(412, 'NIFTY 2026-01-20 25000 PE'), entry(7, 'BANKNIFTY FUT')]);
    expect(ring.newestFirst(tickFilter('41')).map((t) => t.entry.securityId)).toEqual([41]);
    expect(ring.newestFirst(tickFilter(' nifty 2026 ')).map((t) => t.entry.securityId)).toEqual([412, 41]);
    expect(tickFilter('   ')).toBeUndefined();
  });

  it('tells listeners only when entries were added', () => {
    const ring = new TickLogRing(10);
    let calls = 0;
    const stop = ring.onChange(() => (calls += 1));
    ring.push([]);
    ring.push([entry(1)]);
    stop();
    ring.push([entry(2)]);
    expect(calls).toBe(1);
  });
});
