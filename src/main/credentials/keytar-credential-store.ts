/**
 * Credentials in the OS keychain through keytar: macOS Keychain, Windows Credential Manager,
 * or the Secret Service (gnome-keyring, KWallet) on Linux. One entry per app: service = the
 * app's name, account "dhanhq", secret = JSON {clientId, accessToken}.
 */
import { AppError } from '../../shared/errors/app-error';
import type { DhanCredentials } from '../dhan/dhan-credentials';
import type { CredentialStore } from './credential-store';

/** The subset of keytar this store uses (injectable for tests of failure paths). */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface KeytarStoreOptions {
  /** Default "ChainLens". Tests use their own service name. */
  readonly service?: string;
  /** Default "dhanhq". */
  readonly account?: string;
  /** Default: the real keytar module, loaded on first use. */
  readonly loadKeytar?: () => Promise<KeytarLike>;
}

const loadRealKeytar = async (): Promise<KeytarLike> => {
  const module = (await import('keytar')) as unknown as KeytarLike & { default?: KeytarLike };
  return module.default ?? module;
};

export class KeytarCredentialStore implements CredentialStore {
  readonly description: string;
  private readonly service: string;
  private readonly account: string;
  private readonly loadKeytar: () => Promise<KeytarLike>;
  private keytar: Promise<KeytarLike> | null = null;

  constructor(options: KeytarStoreOptions = {}) {
    this.service = options.service ?? 'ChainLens';
    this.account = options.account ?? 'dhanhq';
    this.loadKeytar = options.loadKeytar ?? loadRealKeytar;
    this.description = `OS keychain (service "${this.service}")`;
  }

  async load(): Promise<DhanCredentials | null> {
    const secret = await this.call('read', (k) => k.getPassword(this.service, this.account));
    if (secret === null) return null;
    return parseSecret(secret);
  }

  async save(credentials: DhanCredentials): Promise<void> {
    const secret = JSON.stringify({ clientId: credentials.clientId, accessToken: credentials.accessToken });
    await this.call('write', (k) => k.setPassword(this.service, this.account, secret));
  }

  async clear(): Promise<boolean> {
    return this.call('delete', (k) => k.deletePassword(this.service, this.account));
  }

  private async call<T>(action: string, operation: (keytar: KeytarLike) => Promise<T>): Promise<T> {
    try {
      this.keytar ??= this.loadKeytar();
      return await operation(await this.keytar);
    } catch (error) {
      // keytar's messages name the D-Bus/Keychain failure and never contain the secret.
      const reason = error instanceof Error ? error.message : String(error);
      throw new AppError('KEYCHAIN_UNAVAILABLE', `Could not ${action} the OS keychain: ${reason}`, { action }, { cause: error });
    }
  }
}

function parseSecret(secret: string): DhanCredentials | null {
  try {
    const value = JSON.parse(secret) as { clientId?: unknown; accessToken?: unknown };
    if (typeof value.clientId === 'string' && typeof value.accessToken === 'string') {
      return { clientId: value.clientId, accessToken: value.accessToken };
    }
  } catch {
    // Falls through: an entry we did not write is reported, never guessed at.
  }
  throw new AppError('KEYCHAIN_UNAVAILABLE', 'The saved keychain entry is not in the expected format; clear it and enter the credentials again.');
}
