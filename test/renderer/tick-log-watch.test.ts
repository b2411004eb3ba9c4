import { describe, expect, it } from 'vitest';
import type { ApiResult, TickLogWatchRequest } from '../../src/shared/api/api-contract';
import { TickLogWatch } from '../../src/renderer/src/diagnostics/tick-log-watch';
import { fail } from './fake-api';

function recordingApi(answers: ApiResult<null>[] = []): {
  sent: boolean[];
  api: { watchTickLog: (r: TickLogWatchRequest) => Promise<ApiResult<null>> };
} {
  const sent: boolean[] = [];
  return {
    sent,
    api: {
      watchTickLog: (request) => {
        sent.push(request.watching);
        return Promise.resolve(answers.shift() ?? { ok: true, value: null });
      },
    },
  };
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('TickLogWatch', () => {
  it('asks once for the first watcher and stops after the last, however often a stop is called', async () => {
    const { sent, api } = recordingApi();
    const watch = new TickLogWatch(api);
    const stopA = watch.watch();
    const stopB = watch.watch();
    expect([sent, watch.watching]).toEqual([[true], true]);
    stopA();
    stopA();
    expect([sent, watch.watching]).toEqual([[true], true]);
    stopB();
    await settle();
    expect([sent, watch.watching]).toEqual([[true, false], false]);
  });

  it('asks again after a reconnect only while watched', async () => {
    const { sent, api } = recordingApi();
    const watch = new TickLogWatch(api);
    await watch.reassert();
    expect(sent).toEqual([]);
    const stop = watch.watch();
    await watch.reassert();
    expect(sent).toEqual([true, true]);
    stop();
    await watch.reassert();
    expect(sent).toEqual([true, true, false]);
  });

  it('keeps a refusal for the view and clears it when a later request succeeds', async () => {
    const refused = fail('API_DISCONNECTED');
    const { api } = recordingApi([refused]);
    const watch = new TickLogWatch(api);
    const changes: (string | null)[] = [];
    watch.onChange(() => changes.push(watch.error?.code ?? null));
    watch.watch();
    await settle();
    expect(watch.error).toEqual(refused.ok ? null : refused.error);
    await watch.reassert();
    expect([watch.error, changes]).toEqual([null, ['API_DISCONNECTED', null]]);
  });

  it('does not show a refused stop to a view that watches again, nor an answer overtaken by a newer request', async () => {
    const refused = fail('API_DISCONNECTED');
    const answers: ((result: ApiResult<null>) => void)[] = [];
    const watch = new TickLogWatch({
      watchTickLog: () => new Promise<ApiResult<null>>((resolve) => answers.push(resolve)),
    });
    const changes: (string | null)[] = [];
    watch.onChange(() => changes.push(watch.error?.code ?? null));
    const stop = watch.watch();
    answers[0]?.({ ok: true, value: null });
    await settle();
    stop();
    answers[1]?.(refused);
    await settle();
    expect([watch.error?.code, changes]).toEqual(['API_DISCONNECTED', ['API_DISCONNECTED']]);
    // Mounted again: the refusal was about stopping, so it is cleared at once, before any answer.
    watch.watch();
    expect([watch.error, changes]).toEqual([null, ['API_DISCONNECTED', null]]);
    // A reconnect asks again; the older request's refusal then arrives late and is not shown.
    void watch.reassert();
    answers[2]?.(refused);
    await settle();
    expect(watch.error).toBeNull();
    answers[3]?.({ ok: true, value: null });
    await settle();
    expect([watch.error, changes]).toEqual([null, ['API_DISCONNECTED', null]]);
  });

  it('shows a transport that throws like any refusal, with API_INTERNAL', async () => {
    const watch = new TickLogWatch({ watchTickLog: () => Promise.reject(new Error('socket gone')) });
    watch.watch();
    await settle();
    expect(watch.error).toEqual({
      code: 'API_INTERNAL',
      message: 'watchTickLog failed in the page: socket gone',
      remedy: 'Export a support bundle and send it to support; the engine keeps running.',
    });
  });
});
