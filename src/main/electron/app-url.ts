/**
 * Decides whether a URL is our own renderer page: the bundled index.html over file:// in a
 * packaged app, or the electron-vite dev server's origin in development. The IPC host trusts
 * only frames showing this page, and navigation is allowed only within it.
 */
import { pathToFileURL } from 'node:url';

export interface AppUrlOptions {
  /** Absolute path of out/renderer/index.html. */
  readonly rendererHtmlPath: string;
  /** The dev server (ELECTRON_RENDERER_URL), honoured only in unpackaged development runs; default none. */
  readonly devServerUrl?: string | null;
  /** process.platform; Windows paths compare case-insensitively. Default 'linux'. */
  readonly platform?: string;
}

export type AppUrlMatcher = (url: string) => boolean;

/** Builds the matcher; the query string and fragment of a candidate URL are ignored. */
export function createAppUrlMatcher(options: AppUrlOptions): AppUrlMatcher {
  const fileUrl = pathToFileURL(options.rendererHtmlPath);
  const foldCase = (options.platform ?? 'linux') === 'win32';
  const normalisePath = (pathname: string): string => {
    const decoded = safeDecode(pathname);
    return foldCase ? decoded.toLowerCase() : decoded;
  };
  const filePath = normalisePath(fileUrl.pathname);
  const devOrigin = options.devServerUrl ? (parseUrl(options.devServerUrl)?.origin ?? null) : null;

  return (candidate: string): boolean => {
    const url = parseUrl(candidate);
    if (url === null) return false;
    if (url.protocol === 'file:') return url.host === '' && normalisePath(url.pathname) === filePath;
    return devOrigin !== null && devOrigin !== 'null' && url.origin === devOrigin;
  };
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    // Not a URL at all: treated as "not our page", which refuses it.
    return null;
  }
}

function safeDecode(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    // A malformed escape cannot name our file; keep it raw so it fails the comparison.
    return pathname;
  }
}
