import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { platform } from 'node:os';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { KeytarCredentialStore } from '../../../src/main/credentials/keytar-credential-store';
import { isAppError } from '../../../src/shared/errors/app-error';

// These tests talk to the real OS keychain. On Linux, `npm test` runs Vitest inside
// scripts/with-keyring.sh, which starts a private gnome-keyring; outside it they would touch
// the user's own keyring, so they refuse to run rather than skip silently.
if (platform() === 'linux' && process.env.CHAINLENS_KEYRING_READY !== '1') {
  throw new Error('Keychain tests need a private Secret Service: run them via `npm test` (scripts/with-keyring.sh).');
}

const run = promisify(execFile);
const CLI = 'test/fixtures/credentials/keychain-cli.ts';

async function inChildProcess(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', CLI, ...args], { env, timeout: 20_000 });
    return stdout.trim();
  } catch (error) {
    const failed = error as { stdout?: string };
    return (failed.stdout ?? '').trim();
  }
}

describe('KeytarCredentialStore against the real OS keychain', () => {
  const service = `ChainLens-test-${randomUUID()}`;
  const store = new KeytarCredentialStore({ service });

  afterEach(async () => {
    await store.clear();
  });

  it('saves, reads back and deletes one entry', async () => {
    expect(await store.load()).toBeNull();
    await store.save({ clientId: '1100123456', accessToken: 'eyJ.test-token.sig' });
    expect(await store.load()).toEqual({ clientId: '1100123456', accessToken: 'eyJ.test-token.sig' });
    await store.save({ clientId: '1100123456', accessToken: 'eyJ.replaced.sig' });
    expect(await store.load()).toEqual({ clientId: '1100123456', accessToken: 'eyJ.replaced.sig' });
    expect(await store.clear()).toBe(true);
    expect(await store.load()).toBeNull();
    expect(await store.clear()).toBe(false);
  });

  it('reads in a new process what another process saved', async () => {
    const childService = `${service}-child`;
    expect(await inChildProcess([childService, 'save', '1100999888', 'eyJ.cross-process.sig'])).toBe('saved');
    expect(await inChildProcess([childService, 'load'])).toBe('{"clientId":"1100999888","accessToken":"eyJ.cross-process.sig"}');
    expect(await inChildProcess([childService, 'clear'])).toBe('true');
    expect(await inChildProcess([childService, 'load'])).toBe('null');
  });

  // Only Linux reaches its keychain over D-Bus, so only there can a test take the bus away.
  const linuxOnly = platform() === 'linux' ? it : undefined;
  linuxOnly?.('reports KEYCHAIN_UNAVAILABLE when there is no Secret Service to talk to', async () => {
    const noBus = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/chainlens-bus' };
    const answer = JSON.parse(await inChildProcess([`${service}-nobus`, 'load'], noBus)) as { error: string; message: string };
    expect(answer.error).toBe('KEYCHAIN_UNAVAILABLE');
    expect(answer.message).toMatch(/^Could not read the OS keychain: /);
  });

  it('reports KEYCHAIN_UNAVAILABLE when the native module cannot load', async () => {
    const broken = new KeytarCredentialStore({
      service,
      loadKeytar: () => Promise.reject(new Error('libsecret-1.so.0: cannot open shared object file')),
    });
    const error = await broken.save({ clientId: '1', accessToken: 'secret-value-123' }).catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe('KEYCHAIN_UNAVAILABLE');
    expect((error as Error).message).toBe('Could not write the OS keychain: libsecret-1.so.0: cannot open shared object file');
  });
});
