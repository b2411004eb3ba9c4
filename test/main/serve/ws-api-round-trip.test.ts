import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../../src/shared/api/api-contract';
import type { AppState, ChainBatch, ChainSnapshot } from '../../../src/shared/api/view-types';
import { openApiSocket, startRig, waitFor, type Rig } from './serve-fixture';

type Frame = { id?: number; result?: ApiResult<unknown>; event?: string; payload?: unknown };

describe('the API over the browser-mode WebSocket', () => {
  let rig: Rig;
  beforeAll(async () => {
    // A moving market, so the chain keeps changing after the snapshot.
    rig = await startRig({ market: 'moving' });
  });
  afterAll(() => rig.close());

  it('answers getAppState and selectChain, then streams chainBatch events for the selected chain', async () => {
    const { socket, frames } = await openApiSocket(rig);
    const parsed = (): Frame[] => frames.map((f) => JSON.parse(f) as Frame);
    socket.send(JSON.stringify({ id: 1, method: 'getAppState', request: null }));
    const state = await waitFor(() => parsed().find((f) => f.id === 1), 'the getAppState answer');
    expect(state.result?.ok).toBe(true);
    const appState = (state.result as { value: AppState }).value;
    expect(appState.mode).toBe('demo');
    expect(appState.credentials.status).toBe('ok');
    const selection = appState.defaultSelection;
    expect(selection?.underlying).toBe('NIFTY');

    socket.send(JSON.stringify({ id: 2, method: 'selectChain', request: { ...selection, strikeWindow: 10 } }));
    const chain = await waitFor(() => parsed().find((f) => f.id === 2), 'the selectChain answer');
    expect(chain.result?.ok).toBe(true);
    const snapshot = (chain.result as { value: ChainSnapshot }).value;
    expect(snapshot.selection).toEqual({ underlying: 'NIFTY', expiry: selection?.expiry, strikeWindow: 10 });
    expect(snapshot.rows.length).toBeGreaterThan(0);

    const batch = await waitFor(() => parsed().find((f) => f.event === 'chainBatch' && (f.payload as ChainBatch).rows.length > 0), 'a chainBatch with rows');
    const payload = batch.payload as ChainBatch;
    expect(payload.underlying).toBe('NIFTY');
    expect(payload.expiry).toBe(selection?.expiry);
    expect(payload.seq).toBeGreaterThan(snapshot.seq);
    expect(parsed().filter((f) => f.id !== undefined).map((f) => f.id)).toEqual([1, 2]);

    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.close(1000);
    expect(await closed).toBe(1000);
    await waitFor(() => rig.server.api.counters.open === 0, 'the session to close');
    expect(rig.logLines().some((line) => line.includes('"client":"browser-1"') && line.includes('client disconnected'))).toBe(true);
  });

  it('closes the server-side session when the tab goes away, and serves the next tab afresh', async () => {
    const before = rig.server.api.counters.connections;
    const first = await openApiSocket(rig);
    first.socket.terminate();
    await waitFor(() => rig.server.api.counters.open === 0, 'the first session to close');
    const second = await openApiSocket(rig);
    second.socket.send(JSON.stringify({ id: 1, method: 'getDiagnostics', request: null }));
    const answer = await waitFor(() => second.frames.map((f) => JSON.parse(f) as Frame).find((f) => f.id === 1), 'getDiagnostics');
    expect(answer.result?.ok).toBe(true);
    expect(rig.server.api.counters.connections).toBe(before + 2);
    second.socket.close();
  });
});
