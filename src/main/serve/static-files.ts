/**
 * Serves the built renderer (out/renderer) and nothing outside it: the URL path is decoded
 * once, dot-segments and hidden files are refused, and the resolved real path (symlinks
 * followed) must still lie inside the real root.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { AppError } from '../../shared/errors/app-error';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export const INDEX_FILE = 'index.html';

/** The Content-Type for a file name; unknown kinds are served as opaque bytes. */
export function contentTypeOf(fileName: string): string {
  return CONTENT_TYPES[extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}

export type StaticLookup =
  | { readonly kind: 'file'; readonly body: Buffer; readonly contentType: string; readonly isHtml: boolean }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'refused'; readonly reason: string };

/**
 * Throws AppError SERVE_RENDERER_MISSING, naming the build command, when `rootDir` has no
 * index.html; returns the root's real path otherwise.
 */
export async function checkRendererDir(rootDir: string): Promise<string> {
  try {
    const real = await realpath(rootDir);
    if ((await stat(join(real, INDEX_FILE))).isFile()) return real;
  } catch {
    // Reported below with the command that fixes it.
  }
  throw new AppError(
    'SERVE_RENDERER_MISSING',
    `The built user interface is missing: ${join(rootDir, INDEX_FILE)} does not exist. Run \`npx electron-vite build\` first.`,
    { rendererDir: rootDir },
  );
}

export class StaticFiles {
  /** @param realRoot the renderer folder's real path (from checkRendererDir). */
  constructor(private readonly realRoot: string) {}

  /** Looks up a URL path ("/", "/assets/index-1a2b.js"); never reads outside the root. */
  async lookup(urlPath: string): Promise<StaticLookup> {
    const relative = this.relativePath(urlPath);
    if (typeof relative !== 'string') return relative;
    const candidate = resolve(this.realRoot, relative);
    if (!this.inside(candidate)) return { kind: 'refused', reason: 'outside the renderer folder' };
    let real: string;
    try {
      real = await realpath(candidate);
      if (!this.inside(real)) return { kind: 'refused', reason: 'a link leads outside the renderer folder' };
      if (!(await stat(real)).isFile()) return { kind: 'not-found' };
    } catch {
      return { kind: 'not-found' };
    }
    const body = await readFile(real);
    const contentType = contentTypeOf(real);
    return { kind: 'file', body, contentType, isHtml: contentType.startsWith('text/html') };
  }

  private relativePath(urlPath: string): string | StaticLookup {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return { kind: 'refused', reason: 'the path is not valid percent-encoding' };
    }
    if (decoded.includes('\0') || decoded.includes('\\')) return { kind: 'refused', reason: 'the path holds a forbidden character' };
    const segments = decoded.split('/').filter((s) => s.length > 0);
    if (segments.some((s) => s.startsWith('.'))) return { kind: 'refused', reason: 'dot segments and hidden files are not served' };
    return segments.length === 0 ? INDEX_FILE : segments.join('/');
  }

  private inside(path: string): boolean {
    return path.startsWith(this.realRoot + sep);
  }
}
