/**
 * Faults the simulated DhanHQ can produce on demand, for tests and for support staff reproducing
 * a trader's report. Every fault is observable (`FaultState`, `FaultEvent`) and resettable.
 */

/** Which feed connections an action targets: all, the oldest, the newest, or one by id. */
export type ConnectionTarget = 'all' | 'oldest' | 'newest' | number;

/** REST endpoints a fault can be limited to. */
export type RestEndpoint = 'profile' | 'expirylist' | 'optionchain' | 'any';

/**
 * How REST misbehaves:
 * - auth-invalid: HTTP 401, {"errorType":"Invalid_Authentication","errorCode":"DH-901",…}
 * - no-data-plan: 806; `envelope` 'data' (default) → {"data":{"806":"Data APIs not Subscribed"},"status":"failed"}
 *   with `httpStatus` (default 401; 200 reproduces servers that answer errors with 200);
 *   'trading' → {"errorType":"Invalid_Access","errorCode":"DH-902",…} (default 403)
 * - rate-limited: HTTP 429, DH-904 (errorType Input_Exception, as recorded)
 * - server-error: HTTP 500, {"errorCode":"INTERNAL_SERVER_ERROR","httpStatus":"INTERNAL_SERVER_ERROR","internalErrorCode":"RS-9005",…}
 * - html: HTTP 401 with a generic text/html page (what an expired token got on data endpoints)
 * - hang: the request is read and never answered (until the fault is cleared or the simulator closes)
 */
export type RestFaultSpec =
  | { readonly kind: 'auth-invalid' | 'rate-limited' | 'server-error' | 'html' | 'hang' }
  | { readonly kind: 'no-data-plan'; readonly envelope?: 'data' | 'trading'; readonly httpStatus?: number };

export type RestFault = RestFaultSpec & {
  /** Default 'any'. */
  readonly endpoint?: RestEndpoint;
  /** Answer this many requests with the fault, then behave again; default: until cleared. */
  readonly times?: number;
};

/**
 * Deliberately broken frames, each sent once as one frame:
 * - truncated: a full packet (code 8, declaring 162 bytes) cut to 100 bytes
 * - bad-length: a packet declaring a length shorter than its own 8-byte header
 * - length-mismatch: a quote packet (code 4) declaring and carrying only 20 bytes
 * - unknown-code: a packet with code 99 (declared length 20), then a valid ticker packet, in one frame
 * - concatenated: three valid packets (prev close, ticker, OI) in one frame
 */
export type MalformedKind = 'truncated' | 'bad-length' | 'length-mismatch' | 'unknown-code' | 'concatenated';

export const MALFORMED_KINDS: readonly MalformedKind[] = ['truncated', 'bad-length', 'length-mismatch', 'unknown-code', 'concatenated'];

export interface FaultState {
  /** Connected but no data frames (pings go on). */
  readonly silent: boolean;
  /** The server pings every 10 s and drops a client silent for 40 s. */
  readonly serverPings: boolean;
  /** The server answers client pings with pongs and checks the client's pongs. */
  readonly answerPings: boolean;
  /** Packets per data frame (1 = one per frame, as DhanHQ sends). */
  readonly packetsPerFrame: number;
  /** Handshakes answered with this HTTP status instead of 101, and how many remain (null = until cleared). */
  readonly handshake: { readonly status: 401 | 429; readonly remaining: number | null } | null;
  readonly rest: (RestFault & { readonly remaining: number | null }) | null;
  /** When the current token expires (JWT exp or a forced expiry), or null. */
  readonly tokenExpiresAtMs: number | null;
}

export interface FaultEvent {
  readonly atMs: number;
  readonly action: string;
  readonly detail: Readonly<Record<string, string | number | boolean | null>>;
}

/** The typed control API on the simulator handle. */
export interface FaultControl {
  /** Sends a disconnect packet (code 50) with `code` (e.g. 805–810), then closes. Returns connections affected. */
  disconnect(code: number, target?: ConnectionTarget): number;
  /** Drops TCP connections without a close frame. */
  drop(target?: ConnectionTarget): number;
  setSilent(on: boolean): void;
  /** false: the server stops pinging (and so stops checking pongs). */
  setServerPings(on: boolean): void;
  /** false: the server stops answering client pings and stops checking the client's pongs. */
  setAnswerPings(on: boolean): void;
  /** Packs up to `n` packets per frame from now on (1 restores one packet per frame). */
  setPacketsPerFrame(n: number): void;
  /** Answers the next `times` handshakes (default: all until cleared) with 401 or 429. */
  rejectHandshakes(status: 401 | 429, times?: number): void;
  /** Sends one malformed frame of `kind`; returns connections it went to. */
  sendMalformed(kind: MalformedKind, target?: ConnectionTarget): number;
  /** Makes REST misbehave (null clears). */
  setRestFault(fault: RestFault | null): void;
  /** The token expires at `epochMs`: then the feed disconnects with 807 and REST answers DH-901 / 807. */
  expireTokenAt(epochMs: number): void;
  expireTokenNow(): void;
  /** Accepts `token` from now on; the previous token answers as expired. */
  setValidToken(token: string): void;
  /** Issues a fresh demo token (24 h), installs it with setValidToken, and returns it. */
  renewToken(): string;
  state(): FaultState;
  history(): readonly FaultEvent[];
  /** Clears every fault (the valid token stays as it is). */
  reset(): void;
}
