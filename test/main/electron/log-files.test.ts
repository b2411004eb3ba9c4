import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOG_FILE_NAME, openFileLog } from '../../../src/main/electron/log-files';
import { Redactor } from '../../../src/main/logging/redactor';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chainlens-logs-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const readLines = (file: string): Record<string, unknown>[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('openFileLog', () => {
  it('writes redacted JSON lines with the base fields into chainlens.log in the log folder', async () => {
    const logDir = tempDir();
    const redactor = new Redactor();
    redactor.add('eyJhbGciOiJIUzUxMiJ9.TOKEN');
    const log = openFileLog({ logDir, redactor, base: { app: 'chainlens', mode: 'live' } });
    log.logger.info(
      { url: 'wss://api-feed.dhan.co?version=2&token=eyJhbGciOiJIUzUxMiJ9.TOKEN&clientId=1100' },
      'feed connecting',
    );
    log.logger.debug({}, 'below the default level');
    await log.close();
    const lines = readLines(join(logDir, LOG_FILE_NAME));
    expect(lines.map((l) => [l.level, l.app, l.mode, l.msg, l.url])).toEqual([
      [
        30,
        'chainlens',
        'live',
        'feed connecting',
        'wss://api-feed.dhan.co?version=2&token=[REDACTED]&clientId=[REDACTED]',
      ],
    ]);
    expect(readFileSync(join(logDir, LOG_FILE_NAME), 'utf8').includes('TOKEN')).toBe(false);
  });

  it('flushes every line logged before close, even a burst', async () => {
    const logDir = tempDir();
    const log = openFileLog({ logDir, redactor: new Redactor() });
    for (let i = 0; i < 500; i += 1) log.logger.info({ i }, 'tick');
    await log.close();
    const lines = readLines(join(logDir, LOG_FILE_NAME));
    expect(lines.length).toBe(500);
    expect(lines.map((l) => l.i)).toEqual(Array.from({ length: 500 }, (_, i) => i));
  });

  it('drops lines logged after close instead of failing, and closing twice is harmless', async () => {
    const logDir = tempDir();
    const errors: Error[] = [];
    const log = openFileLog({ logDir, redactor: new Redactor(), onStreamError: (e) => errors.push(e) });
    log.logger.info({}, 'before');
    await log.close();
    log.logger.info({}, 'after');
    await log.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(readLines(join(logDir, LOG_FILE_NAME)).map((l) => l.msg)).toEqual(['before']);
    expect(errors).toEqual([]);
  });

  it('rotates by size and keeps a bounded number of old files', async () => {
    const logDir = tempDir();
    const log = openFileLog({ logDir, redactor: new Redactor(), maxFileSize: '1K', maxFiles: 2 });
    for (let i = 0; i < 200; i += 1) log.logger.info({ i, padding: 'x'.repeat(40) }, 'filler');
    await log.close();
    const logs = readdirSync(logDir).filter((name) => name.endsWith(LOG_FILE_NAME));
    expect(logs).toContain(LOG_FILE_NAME);
    expect(logs.length).toBe(3);
  });
});
