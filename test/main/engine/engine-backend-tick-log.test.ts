import { afterEach, describe, expect, it } from 'vitest';
import type { TickLogEntry } from '../../../src/shared/api/view-types';
import { startHarness, waitFor, type Harness } from '../../fixtures/engine-harness';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('tick-log pushes go only to clients that watch the log', () => {
  it('starts with the newest entries at once, follows the feed while watched, and stops when asked', async () => {
    const h = (harness = await startHarness());
    const engine = h.runtime.engine;
    const other: TickLogEntry[][] = [];
    const otherSession = h.runtime.backend.connect({
      id: 'window-without-the-panel',
      emit: (event, payload) => {
        if (event === 'tickLog') other.push(payload as TickLogEntry[]);
      },
    });
    const pushes = (): TickLogEntry[][] =>
      h.events.filter((e) => e.event === 'tickLog').map((e) => e.payload as TickLogEntry[]);
    // Well past the first ticks and two push intervals: nobody watches, nothing is pushed.
    await waitFor(
      () => engine.tickLogSince(Number.MAX_SAFE_INTEGER).cursor > 300,
      8_000,
      '300 ticks in the engine log',
    );
    await sleep(600);
    expect([pushes().length, other.length]).toEqual([0, 0]);

    const before = h.events.length;
    const answer = await h.session.invoke('watchTickLog', { watching: true });
    expect(answer).toEqual({ ok: true, value: null });
    // The first push went out inside the request, before its answer.
    const first = h.events.slice(before).find((e) => e.event === 'tickLog')?.payload as
      TickLogEntry[] | undefined;
    // Only microtasks ran since (no socket read): the engine's newest entry is still the push's last.
    const total = engine.tickLogSince(Number.MAX_SAFE_INTEGER).cursor;
    expect(first?.length).toBe(200);
    expect(first?.at(-1)).toEqual(engine.tickLogSince(total - 1).entries[0]);
    // Entries are in arrival order, oldest first, each with its receive time.
    const times = (first ?? []).map((entry) => entry.atMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));

    await waitFor(() => pushes().length >= 3, 4_000, 'two more pushes while watched');
    expect(other.length).toBe(0);

    expect(await h.session.invoke('watchTickLog', { watching: false })).toEqual({ ok: true, value: null });
    const stoppedAt = pushes().length;
    await sleep(600);
    expect(pushes().length).toBe(stoppedAt);
    expect(other.length).toBe(0);
    otherSession.close();
  });

  it('refuses a request that is not a yes or no', async () => {
    const h = (harness = await startHarness());
    const answer = await h.session.invoke('watchTickLog', { watching: 'yes' } as never);
    expect(answer).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'API_BAD_REQUEST',
        message: 'Invalid watchTickLog request: watching: invalid_type',
      }),
    });
  });
});
