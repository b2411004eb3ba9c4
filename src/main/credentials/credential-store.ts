/**
 * Where saved credentials live. The app's only backend is the OS keychain (keytar); the
 * interface keeps that choice in one file. There is deliberately no file-based store: if the
 * keychain is unavailable the user is told so and offered environment variables instead.
 */
import type { DhanCredentials } from '../dhan/dhan-credentials';

export interface CredentialStore {
  /** Human-readable backend name for diagnostics, e.g. "OS keychain (Secret Service)". */
  readonly description: string;
  /** Saved credentials, or null when none are saved. Throws AppError KEYCHAIN_UNAVAILABLE. */
  load(): Promise<DhanCredentials | null>;
  /** Throws AppError KEYCHAIN_UNAVAILABLE. */
  save(credentials: DhanCredentials): Promise<void>;
  /** Removes saved credentials; resolves true if something was removed. */
  clear(): Promise<boolean>;
}
