/**
 * A credential store that lives and dies with the process. Demo runs use it so that credentials
 * typed into a demo never reach (or overwrite) the real ones in the OS keychain; tests use it,
 * optionally failing like an unavailable keychain.
 */
import { AppError } from '../../shared/errors/app-error';
import type { DhanCredentials } from '../dhan/dhan-credentials';
import type { CredentialStore } from './credential-store';

export class MemoryCredentialStore implements CredentialStore {
  readonly description = 'memory (this run only)';

  /**
   * @param saved what the store starts with (default nothing).
   * @param unavailable when given, every call fails as KEYCHAIN_UNAVAILABLE with this reason.
   */
  constructor(
    private saved: DhanCredentials | null = null,
    private readonly unavailable: string | null = null,
  ) {}

  load(): Promise<DhanCredentials | null> {
    return this.unavailable ? this.fail('read') : Promise.resolve(this.saved);
  }

  save(credentials: DhanCredentials): Promise<void> {
    if (this.unavailable) return this.fail('write');
    this.saved = credentials;
    return Promise.resolve();
  }

  clear(): Promise<boolean> {
    if (this.unavailable) return this.fail('delete');
    const had = this.saved !== null;
    this.saved = null;
    return Promise.resolve(had);
  }

  /** What is saved, for tests. */
  peek(): DhanCredentials | null {
    return this.saved;
  }

  private fail(action: string): Promise<never> {
    return Promise.reject(new AppError('KEYCHAIN_UNAVAILABLE', `Could not ${action} the OS keychain: ${String(this.unavailable)}`, { action }));
  }
}
