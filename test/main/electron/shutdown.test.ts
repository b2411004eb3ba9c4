import { describe, expect, it } from 'vitest';
import { SHUTDOWN_TIMEOUT_MS, installShutdown } from '../../../src/main/electron/shutdown';
import { VirtualTime } from '../../fixtures/dhan/virtual-time';
import { FakeApp, FakeProcess, preventable } from './fake-electron';
import { LEVEL, memoryLog } from './log-lines';

const settle = async () => {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

function install(stop: () => Promise<void>) {
  const app = new FakeApp({ userData: '/u', logs: '/l' });
  const proc = new FakeProcess();
  const time = new VirtualTime(0);
  const log = memoryLog();
  const order: string[] = [];
  let stops = 0;
  const controller = installShutdown({
    app,
    process: proc,
    scheduler: time,
    logger: log.logger,
    stop: () => {
      stops += 1;
      order.push('stop');
      return stop();
    },
    finalize: async () => {
      order.push('finalize');
    },
  });
  const exit = app.exit.bind(app);
  app.exit = (code?: number) => {
    order.push(`exit:${code}`);
    exit(code);
  };
  return { app, proc, time, log, controller, order, stops: () => stops };
}

describe('installShutdown', () => {
  it('holds the first quit, stops the app once, closes the logs, then exits with 0', async () => {
    const { app, controller, order, stops } = install(async () => undefined);
    const first = preventable();
    app.emit('before-quit', first);
    const second = preventable();
    app.emit('before-quit', second);
    expect([first.defaultPrevented, second.defaultPrevented, controller.phase]).toEqual([
      true,
      true,
      'stopping',
    ]);
    await settle();
    expect(stops()).toBe(1);
    expect(order).toEqual(['stop', 'finalize', 'exit:0']);
    expect(app.exitCodes).toEqual([0]);
    expect(controller.phase).toBe('exited');
  });

  it('exits with 1 and says so when stopping takes longer than the timeout', async () => {
    const { app, time, log, order } = install(() => new Promise<void>(() => undefined));
    app.quit();
    await settle();
    time.advance(SHUTDOWN_TIMEOUT_MS - 1);
    await settle();
    expect(app.exitCodes).toEqual([]);
    time.advance(1);
    await settle();
    expect(order).toEqual(['stop', 'finalize', 'exit:1']);
    expect(
      (await log.lines())
        .filter((l) => l.code === 'SHELL_SHUTDOWN_TIMEOUT')
        .map((l) => [l.level, l.timeoutMs]),
    ).toEqual([[LEVEL.warn, 10_000]]);
  });

  it('exits with 1 when stopping fails, after logging why', async () => {
    const { app, log } = install(async () => {
      throw new Error('recording flush failed');
    });
    app.quit();
    await settle();
    expect(app.exitCodes).toEqual([1]);
    expect((await log.lines()).filter((l) => l.code === 'SHELL_UNCAUGHT_ERROR').map((l) => l.error)).toEqual([
      'Error: recording flush failed',
    ]);
  });

  it('turns SIGTERM and SIGINT into a normal quit', async () => {
    const { app, proc, order } = install(async () => undefined);
    proc.emit('SIGTERM');
    await settle();
    expect(app.quitCalls).toBe(1);
    expect(order).toEqual(['stop', 'finalize', 'exit:0']);
  });

  it('exits at once with 130 on a second signal while stopping', async () => {
    const { app, proc } = install(() => new Promise<void>(() => undefined));
    proc.emit('SIGINT');
    proc.emit('SIGINT');
    expect(app.exitCodes).toEqual([130]);
  });

  it('logs uncaught exceptions and unhandled rejections with a stable code and keeps running', async () => {
    const { proc, log, controller, app } = install(async () => undefined);
    proc.emit('uncaughtException', new TypeError('x is undefined'));
    proc.emit('unhandledRejection', 'socket reset');
    expect(controller.uncaughtErrors).toBe(2);
    expect(app.exitCodes).toEqual([]);
    expect((await log.lines()).map((l) => [l.level, l.code, l.error])).toEqual([
      [LEVEL.error, 'SHELL_UNCAUGHT_ERROR', 'TypeError: x is undefined'],
      [LEVEL.error, 'SHELL_UNCAUGHT_ERROR', 'socket reset'],
    ]);
  });

  it('removes its process listeners once it has exited', async () => {
    const { app, proc } = install(async () => undefined);
    expect(
      ['SIGINT', 'SIGTERM', 'uncaughtException', 'unhandledRejection'].map((e) => proc.listenerCount(e)),
    ).toEqual([1, 1, 1, 1]);
    app.quit();
    await settle();
    expect(
      ['SIGINT', 'SIGTERM', 'uncaughtException', 'unhandledRejection'].map((e) => proc.listenerCount(e)),
    ).toEqual([0, 0, 0, 0]);
  });

  it('exits with the requested code after a clean stop when quit(1) was asked for', async () => {
    const { app, controller } = install(async () => undefined);
    controller.quit(1);
    await settle();
    expect(app.exitCodes).toEqual([1]);
  });

  it('lets a quit through once the app has exited', async () => {
    const { app } = install(async () => undefined);
    app.quit();
    await settle();
    const late = preventable();
    app.emit('before-quit', late);
    expect(late.defaultPrevented).toBe(false);
  });
});
