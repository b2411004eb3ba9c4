/**
 * The parsed instrument master on disk: one JSON file in the cache directory, replaced
 * atomically (write, then rename) so a crash mid-write never leaves a torn cache. It records
 * the trading day it was downloaded for, which decides whether it is fresh.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { IsoDate } from '../../shared/model/instruments';
import type { InstrumentMasterData } from '../../shared/model/master-data';
import type { MasterFormat } from './scrip-master-columns';

const CACHE_FILE = 'instrument-master.json';
const CACHE_VERSION = 1;

export interface MasterCacheEntry {
  /** The IST trading day the file was downloaded for. */
  readonly date: IsoDate;
  readonly downloadedAtMs: number;
  readonly url: string;
  /** Underlyings the rows were kept for; a cache for fewer underlyings is not fresh. */
  readonly underlyings: readonly string[];
  readonly format: MasterFormat;
  readonly bytes: number;
  readonly rowsRead: number;
  readonly rowsKept: number;
  readonly rowsRejected: number;
  readonly rejectReasons: Readonly<Record<string, number>>;
  readonly data: InstrumentMasterData;
}

const entrySchema = z.object({
  version: z.literal(CACHE_VERSION),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  downloadedAtMs: z.number(),
  url: z.string(),
  underlyings: z.array(z.string()),
  format: z.enum(['detailed', 'compact']),
  bytes: z.number(),
  rowsRead: z.number(),
  rowsKept: z.number(),
  rowsRejected: z.number(),
  rejectReasons: z.record(z.string(), z.number()),
  data: z.object({
    options: z.array(z.unknown()),
    futures: z.array(z.unknown()),
    indices: z.array(z.unknown()),
  }),
});

export function masterCachePath(cacheDir: string): string {
  return join(cacheDir, CACHE_FILE);
}

export type CacheRead =
  { readonly entry: MasterCacheEntry } | { readonly entry: null; readonly problem: string | null };

/** Reads the cache; a missing file is `problem: null`, an unreadable or foreign one names why. */
export async function readMasterCache(cacheDir: string): Promise<CacheRead> {
  let text: string;
  try {
    text = await readFile(masterCachePath(cacheDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entry: null, problem: null };
    return { entry: null, problem: `cannot read the cache: ${(error as Error).message}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { entry: null, problem: `the cache is not JSON: ${(error as Error).message}` };
  }
  const parsed = entrySchema.safeParse(json);
  if (!parsed.success)
    return {
      entry: null,
      problem: `the cache has an unexpected shape at ${parsed.error.issues[0]?.path.join('.') ?? '(root)'}`,
    };
  const { version: _version, ...entry } = parsed.data;
  return { entry: entry as unknown as MasterCacheEntry };
}

/** Writes the cache atomically, creating the directory when needed. */
export async function writeMasterCache(cacheDir: string, entry: MasterCacheEntry): Promise<void> {
  await mkdir(cacheDir, { recursive: true });
  const path = masterCachePath(cacheDir);
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify({ version: CACHE_VERSION, ...entry }));
  await rename(temporary, path);
}
