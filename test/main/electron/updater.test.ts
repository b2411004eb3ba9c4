import { describe, expect, it } from 'vitest';
import type { UpdaterStatus } from '../../../src/shared/api/view-types';
import { AppError } from '../../../src/shared/errors/app-error';
import { Redactor } from '../../../src/main/logging/redactor';
import {
  UPDATE_CHECK_INTERVAL_MS,
  createUpdaterController,
  updaterDisabledReason,
  type UpdaterDisabledReason,
} from '../../../src/main/electron/updater';
import { VirtualTime } from '../../fixtures/dhan/virtual-time';
import { FakeAutoUpdater, FakeDialog } from './fake-electron';
import { LEVEL, memoryLog } from './log-lines';

const START_MS = Date.UTC(2026, 10, 2, 3, 45);
const settle = () => new Promise((resolve) => setImmediate(resolve));

function controller(disabledReason: UpdaterDisabledReason = null, redactor = new Redactor()) {
  const time = new VirtualTime(START_MS);
  const updater = new FakeAutoUpdater();
  const dialog = new FakeDialog();
  const log = memoryLog(redactor);
  let loads = 0;
  const statuses: UpdaterStatus[] = [];
  const control = createUpdaterController({
    disabledReason,
    loadUpdater: () => {
      loads += 1;
      return updater;
    },
    dialog,
    clock: time,
    scheduler: time,
    logger: log.logger,
    redactor,
  });
  control.subscribe((status) => statuses.push(status));
  return { control, updater, dialog, log, time, statuses, loads: () => loads };
}

describe('updaterDisabledReason', () => {
  it('turns updates off in development, in demo mode and by environment', () => {
    expect(updaterDisabledReason(false, 'live', {})).toBe('development');
    expect(updaterDisabledReason(true, 'demo', {})).toBe('demo');
    expect(updaterDisabledReason(true, 'live', { CHAINLENS_DISABLE_UPDATES: '1' })).toBe('environment');
    expect(updaterDisabledReason(true, 'live', {})).toBeNull();
  });
});

describe('a disabled updater', () => {
  it('reports disabled with the reason and never loads electron-updater', () => {
    const { control, statuses, loads, time } = controller('development');
    control.start();
    time.advance(UPDATE_CHECK_INTERVAL_MS * 3);
    expect(loads()).toBe(0);
    expect(statuses).toEqual([
      {
        state: 'disabled',
        version: null,
        message: 'Updates are off in development builds',
        checkedAtMs: null,
      },
    ]);
  });

  it('says so for demo mode', () => {
    expect(controller('demo').control.status.message).toBe('Updates are off in demo mode');
  });

  it('refuses restartToUpdate with UPDATE_NOT_READY', async () => {
    const error = await controller('demo')
      .control.restartToUpdate()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect([(error as AppError).code, (error as AppError).message]).toEqual([
      'UPDATE_NOT_READY',
      'Updates are off in demo mode',
    ]);
  });
});

describe('an enabled updater', () => {
  it('downloads in the background and installs on quit', () => {
    const { control, updater } = controller();
    control.start();
    expect([updater.autoDownload, updater.autoInstallOnAppQuit]).toEqual([true, true]);
  });

  it('checks at start and then every four hours', () => {
    const { control, updater, time } = controller();
    control.start();
    expect(updater.checks).toBe(1);
    time.advance(UPDATE_CHECK_INTERVAL_MS - 1);
    expect(updater.checks).toBe(1);
    time.advance(1);
    expect(updater.checks).toBe(2);
    time.advance(UPDATE_CHECK_INTERVAL_MS * 2);
    expect(updater.checks).toBe(4);
    control.dispose();
    time.advance(UPDATE_CHECK_INTERVAL_MS * 2);
    expect(updater.checks).toBe(4);
  });

  it('maps each electron-updater event to the status the diagnostics panel shows', () => {
    const { control, updater, statuses, time } = controller();
    control.start();
    updater.emit('checking-for-update');
    time.advance(1000);
    updater.emit('update-available', { version: '1.3.0' });
    updater.emit('download-progress', { percent: 12.7 });
    updater.emit('download-progress', { percent: 12.9 });
    updater.emit('download-progress', { percent: 100 });
    updater.emit('update-downloaded', { version: '1.3.0' });
    expect(statuses).toEqual([
      { state: 'idle', version: null, message: 'No update check yet', checkedAtMs: null },
      { state: 'checking', version: null, message: 'Checking for updates', checkedAtMs: null },
      {
        state: 'available',
        version: '1.3.0',
        message: 'Version 1.3.0 found; downloading in the background',
        checkedAtMs: START_MS + 1000,
      },
      {
        state: 'downloading',
        version: '1.3.0',
        message: 'Downloading version 1.3.0: 12%',
        checkedAtMs: START_MS + 1000,
      },
      {
        state: 'downloading',
        version: '1.3.0',
        message: 'Downloading version 1.3.0: 100%',
        checkedAtMs: START_MS + 1000,
      },
      {
        state: 'ready',
        version: '1.3.0',
        message: 'Version 1.3.0 is ready: restart to install it',
        checkedAtMs: START_MS + 1000,
      },
    ]);
  });

  it('reports up-to-date with the time of the check', () => {
    const { control, updater, time } = controller();
    control.start();
    time.advance(5000);
    updater.emit('update-not-available', { version: '1.2.3' });
    expect(control.status).toEqual({
      state: 'up-to-date',
      version: '1.2.3',
      message: 'ChainLens 1.2.3 is the latest version',
      checkedAtMs: START_MS + 5000,
    });
  });

  it('asks before restarting and installs silently, relaunching, when the user agrees', async () => {
    const { control, updater, dialog } = controller();
    control.start();
    dialog.nextResponse = 0;
    updater.emit('update-downloaded', { version: '1.3.0' });
    await settle();
    expect(dialog.boxes.map((b) => [b.title, b.message, b.buttons, b.defaultId, b.cancelId])).toEqual([
      ['Update ready', 'ChainLens 1.3.0 is ready to install', ['Restart Now', 'Later'], 0, 1],
    ]);
    expect(updater.installs).toEqual([{ isSilent: true, isForceRunAfter: true }]);
  });

  it('does not restart when the user chooses Later, but restartToUpdate installs it afterwards', async () => {
    const { control, updater, dialog } = controller();
    control.start();
    dialog.nextResponse = 1;
    updater.emit('update-downloaded', { version: '1.3.0' });
    await settle();
    expect(updater.installs).toEqual([]);
    await expect(control.restartToUpdate()).resolves.toBeNull();
    expect(updater.installs).toEqual([{ isSilent: true, isForceRunAfter: true }]);
  });

  it('refuses restartToUpdate before an update is downloaded', async () => {
    const { control } = controller();
    control.start();
    const error = (await control.restartToUpdate().catch((e: unknown) => e)) as AppError;
    expect([error.code, error.message]).toEqual(['UPDATE_NOT_READY', 'No downloaded update is waiting']);
  });

  it('reports a failed check once, as an error status and an UPDATE_FAILED log line, with secrets redacted', async () => {
    const redactor = new Redactor();
    redactor.add('ghp_SECRET_TOKEN_123');
    const { control, updater, statuses, log, time } = controller(null, redactor);
    const failure = new Error('HttpError: 401 for https://api.github.com/?access_token=ghp_SECRET_TOKEN_123');
    updater.checkError = failure;
    time.advance(2000);
    control.start();
    updater.emit('error', failure);
    await settle();
    expect(statuses.at(-1)).toEqual({
      state: 'error',
      version: null,
      message: 'Update check failed: HttpError: 401 for https://api.github.com/?access_token=[REDACTED]',
      checkedAtMs: START_MS + 2000,
    });
    expect(statuses.filter((s) => s.state === 'error')).toHaveLength(1);
    const failures = (await log.lines()).filter((l) => l.code === 'UPDATE_FAILED');
    expect(failures.map((l) => [l.level, l.error])).toEqual([
      [LEVEL.warn, 'HttpError: 401 for https://api.github.com/?access_token=[REDACTED]'],
    ]);
  });

  it('loads electron-updater only once, however often it is started', () => {
    const { control, loads, updater } = controller();
    control.start();
    control.start();
    expect([loads(), updater.checks]).toEqual([1, 1]);
  });
});
