/**
 * Where command-line runs (serve, demo fallback, doctor) keep data and logs: CHAINLENS_DATA_DIR
 * and CHAINLENS_LOG_DIR when set, otherwise the operating system's convention for per-user
 * application data.
 */
import { posix, win32 } from 'node:path';

export const APP_DIR_NAME = 'ChainLens';

export interface AppDirs {
  /** Instrument-master cache, support bundles, recordings. */
  readonly dataDir: string;
  /** Rotating log files (read back into support bundles). */
  readonly logDir: string;
}

export interface AppDirsInput {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** process.platform */
  readonly platform: string;
  /** os.homedir() */
  readonly homeDir: string;
}

/**
 * Linux and other Unixes: $XDG_DATA_HOME/ChainLens (default ~/.local/share/ChainLens) and its
 * logs folder; macOS: ~/Library/Application Support/ChainLens and ~/Library/Logs/ChainLens;
 * Windows: %APPDATA%\ChainLens (default ~\AppData\Roaming\ChainLens) and its logs folder.
 */
export function resolveAppDirs({ env, platform, homeDir }: AppDirsInput): AppDirs {
  const conventional = conventionalDirs(env, platform, homeDir);
  return {
    dataDir: nonBlank(env.CHAINLENS_DATA_DIR) ?? conventional.dataDir,
    logDir: nonBlank(env.CHAINLENS_LOG_DIR) ?? conventional.logDir,
  };
}

function conventionalDirs(env: AppDirsInput['env'], platform: string, homeDir: string): AppDirs {
  if (platform === 'win32') {
    const dataDir = win32.join(nonBlank(env.APPDATA) ?? win32.join(homeDir, 'AppData', 'Roaming'), APP_DIR_NAME);
    return { dataDir, logDir: win32.join(dataDir, 'logs') };
  }
  if (platform === 'darwin') {
    return {
      dataDir: posix.join(homeDir, 'Library', 'Application Support', APP_DIR_NAME),
      logDir: posix.join(homeDir, 'Library', 'Logs', APP_DIR_NAME),
    };
  }
  // XDG says a relative XDG_DATA_HOME is invalid and must be ignored.
  const xdg = nonBlank(env.XDG_DATA_HOME);
  const base = xdg !== null && posix.isAbsolute(xdg) ? xdg : posix.join(homeDir, '.local', 'share');
  const dataDir = posix.join(base, APP_DIR_NAME);
  return { dataDir, logDir: posix.join(dataDir, 'logs') };
}

function nonBlank(value: string | undefined): string | null {
  return value !== undefined && value.trim().length > 0 ? value : null;
}
