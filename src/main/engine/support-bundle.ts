/**
 * The support bundle a trader sends to support: one zip with the diagnostics snapshot, the app
 * state, versions and the recent logs. Every file passes through the Redactor, and the bundle
 * is refused outright if a registered secret survives redaction.
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import type { AppState, DiagnosticsSnapshot, SupportBundleResult } from '../../shared/api/view-types';
import { AppError } from '../../shared/errors/app-error';
import type { Redactor } from '../logging/redactor';

export interface SupportBundleInput {
  readonly dir: string;
  readonly nowMs: number;
  readonly diagnostics: DiagnosticsSnapshot;
  readonly appState: AppState;
  readonly logFiles: readonly string[];
  readonly redactor: Redactor;
  /** Secrets that must not appear in any file (checked after redaction). */
  readonly secrets: readonly string[];
  /** Bytes kept from the end of each log file. Default 2 MiB. */
  readonly logTailBytes?: number;
}

const README = `ChainLens support bundle
========================
diagnostics.json  credential status (never the token), instrument master, skeleton counts,
                  feed connections, disconnect history, REST call log, decode errors, problems
app-state.json    startup progress and the problems shown on screen
logs/             the most recent application log lines
Every file was redacted: access tokens and feed URL credentials are replaced by [REDACTED].
`;

export async function writeSupportBundle(input: SupportBundleInput): Promise<SupportBundleResult> {
  try {
    const files: Record<string, string> = {
      'README.txt': README,
      'diagnostics.json': JSON.stringify(input.diagnostics, null, 2),
      'app-state.json': JSON.stringify(input.appState, null, 2),
    };
    for (const file of input.logFiles) {
      files[`logs/${basename(file)}`] = await tail(file, input.logTailBytes ?? 2 * 1024 * 1024);
    }
    const entries: Record<string, Uint8Array> = {};
    for (const [name, text] of Object.entries(files)) {
      const clean = input.redactor.redact(text);
      for (const secret of input.secrets) {
        if (secret.length > 0 && clean.includes(secret)) {
          throw new AppError('BUNDLE_FAILED', `Refusing to write the bundle: ${name} still holds a secret after redaction.`);
        }
      }
      entries[name] = strToU8(clean);
    }
    const zip = zipSync(entries, { level: 6 });
    await mkdir(input.dir, { recursive: true });
    const path = join(input.dir, `chainlens-support-${timestamp(input.nowMs)}.zip`);
    await writeFile(path, zip);
    return { path, bytes: zip.length, files: Object.keys(entries) };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('BUNDLE_FAILED', `The support bundle could not be written: ${(error as Error).message}`, {}, { cause: error });
  }
}

async function tail(file: string, maxBytes: number): Promise<string> {
  const size = (await stat(file)).size;
  const bytes = await readFile(file);
  const start = Math.max(0, size - maxBytes);
  const text = bytes.subarray(start).toString('utf8');
  // Drop the partial first line when the file was cut.
  return start > 0 ? text.slice(text.indexOf('\n') + 1) : text;
}

function timestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}
