/**
 * A credential store that lives and dies with the process. Demo runs use it so that credentials
 * typed into a demo never reach (or overwrite) the real ones in the OS keychain.
 */
import type { CredentialStore } from '../../main/credentials/credential-store';
import type { DhanCredentials } from '../../main/dhan/dhan-credentials';

export class MemoryCredentialStore implements CredentialStore {
  readonly description = 'memory (this run only)';
  private saved: DhanCredentials | null = null;

  load(): Promise<DhanCredentials | null> {
    return Promise.resolve(this.saved);
  }

  save(credentials: DhanCredentials): Promise<void> {
    this.saved = credentials;
    return Promise.resolve();
  }

  clear(): Promise<boolean> {
    const had = this.saved !== null;
    this.saved = null;
    return Promise.resolve(had);
  }
}
