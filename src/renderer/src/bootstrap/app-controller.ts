/**
 * Wires the engine's pushed events into the UI store and the chain stream: AppState and
 * diagnostics into the store, tick-log batches into the ring, a changed selection into
 * selectChain, and a full resync (state, chain, tick-log watch) after the browser-mode socket
 * comes back.
 */
import type { AppState } from '../../../shared/api/view-types';
import type { TransportStatus } from '../api/transport-status';
import type { AppServices } from './app-services';

export class AppController {
  private readonly unsubscribers: (() => void)[] = [];
  private started = false;

  constructor(private readonly services: AppServices) {}

  /** Subscribes to everything and asks for the first AppState. */
  start(): void {
    if (this.started) return;
    this.started = true;
    const { api, store, stream, tickLog, monitor } = this.services;
    this.unsubscribers.push(
      api.onAppState((appState) => this.acceptAppState(appState)),
      api.onDiagnostics((snapshot) => store.getState().setDiagnostics(snapshot)),
      api.onTickLog((entries) => tickLog.push(entries)),
      store.subscribe((state, previous) => {
        if (state.selection && state.selection !== previous.selection) void stream.select(state.selection);
      }),
    );
    if (monitor) {
      let previous: TransportStatus = monitor.status();
      store.getState().setConnection(previous);
      this.unsubscribers.push(
        monitor.onStatus((status) => {
          store.getState().setConnection(status);
          // Events pushed while the socket was down are lost: fetch the state and chain afresh.
          if (status.state === 'open' && previous.state === 'reconnecting' && previous.everOpened) void this.resync();
          previous = status;
        }),
      );
    }
    void this.loadAppState();
  }

  dispose(): void {
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    this.services.stream.dispose();
  }

  private async loadAppState(): Promise<void> {
    const result = await this.services.api.getAppState();
    if (result.ok) this.acceptAppState(result.value);
    else this.services.store.getState().setAppStateError(result.error);
  }

  private async resync(): Promise<void> {
    await Promise.all([this.loadAppState(), this.services.tickLogWatch.reassert()]);
    const selection = this.services.store.getState().selection;
    if (selection) await this.services.stream.select(selection);
  }

  private acceptAppState(appState: AppState): void {
    const { store, clock } = this.services;
    const state = store.getState();
    state.setAppState(appState, clock.nowMs());
    if (state.selection) return;
    const fallback = appState.skeleton?.underlyings[0];
    const firstExpiry = fallback?.expiries[0];
    const initial =
      appState.defaultSelection ?? (fallback && firstExpiry ? { underlying: fallback.symbol, expiry: firstExpiry.expiry, strikeWindow: 0 } : null);
    if (initial) state.select({ ...initial, strikeWindow: state.strikeWindow });
  }
}
