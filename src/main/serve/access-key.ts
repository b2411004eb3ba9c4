/**
 * The browser mode's per-run access key: 256 random bits, base64url, required on every HTTP
 * request and WebSocket upgrade. It arrives as `?key=…` (the printed URL), as a cookie (the
 * page's relative asset loads) or as `Authorization: Bearer …` (scripts).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ACCESS_KEY_PARAM } from '../../shared/api/ws-protocol';

/** 32 bytes = 256 bits, well above the 128-bit floor. */
export const ACCESS_KEY_BYTES = 32;

/** A fresh random key, base64url without padding. */
export function createAccessKey(bytes: number = ACCESS_KEY_BYTES): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * Cookies are shared by every port of a host, so the name carries the port: two browser-mode
 * runs on one machine never overwrite each other's key.
 */
export function accessCookieName(port: number): string {
  return `chainlens_key_${port}`;
}

/** Compares candidates with the key in constant time (both sides hashed to equal length first). */
export class AccessKeyCheck {
  private readonly digest: Buffer;

  constructor(key: string) {
    this.digest = sha256(key);
  }

  matches(candidate: string | null | undefined): boolean {
    if (typeof candidate !== 'string' || candidate.length === 0 || candidate.length > 512) return false;
    return timingSafeEqual(this.digest, sha256(candidate));
  }
}

/** Where a request presented a valid key; `none` means it must be refused with 401. */
export type KeySource = 'query' | 'cookie' | 'bearer' | 'none';

/** Checks every place a key may travel; the query wins so a fresh URL always refreshes the cookie. */
export function presentedKeySource(request: IncomingMessage, url: URL, check: AccessKeyCheck, cookieName: string): KeySource {
  const fromQuery = url.searchParams.getAll(ACCESS_KEY_PARAM);
  if (fromQuery.length === 1 && check.matches(fromQuery[0])) return 'query';
  if (check.matches(cookieValue(request.headers.cookie, cookieName))) return 'cookie';
  if (check.matches(bearerToken(request.headers.authorization))) return 'bearer';
  return 'none';
}

/** The Set-Cookie value that lets the page's relative asset loads carry the key. */
export function accessCookie(cookieName: string, key: string): string {
  return `${cookieName}=${key}; HttpOnly; SameSite=Strict; Path=/`;
}

function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? (match[1] ?? null) : null;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
