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
