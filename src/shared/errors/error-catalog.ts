/**
 * Every stable error code the app can report, listed once, with the title and the remedy
 * shown to the user. Codes are part of the support contract (doctor JSON, support bundle,
 * diagnostics panel): add codes freely, never rename one.
 */
export type Severity = 'info' | 'warning' | 'error';

export interface CatalogEntry {
  readonly title: string;
  readonly remedy: string;
  readonly severity: Severity;
}

const entry = (severity: Severity, title: string, remedy: string): CatalogEntry => ({ severity, title, remedy });

export const ERROR_CATALOG = {
  // Credentials
  CRED_MISSING: entry(
    'error',
    'DhanHQ credentials are missing',
    'Open Credentials and enter your DhanHQ client id and access token (web.dhan.co → My Profile → Access DhanHQ APIs), or set DHAN_CLIENT_ID and DHAN_ACCESS_TOKEN.',
  ),
  CRED_INVALID: entry(
    'error',
    'DhanHQ rejected the client id or access token',
    'Generate a new access token on web.dhan.co, check that it belongs to this client id, and enter both again.',
  ),
  CRED_EXPIRED: entry(
    'error',
    'The DhanHQ access token has expired',
    'Tokens live at most 24 hours. Generate a new one on web.dhan.co and enter it in Credentials; subscriptions resume by themselves.',
  ),
  CRED_EXPIRING_SOON: entry(
    'warning',
    'The DhanHQ access token expires soon',
    'Generate a new token on web.dhan.co before it expires and enter it in Credentials to avoid a gap in prices.',
  ),
  CRED_NO_DATA_PLAN: entry(
    'error',
    'This DhanHQ account has no active Data API plan',
    'The token is valid, but live data needs the Data API subscription: activate it on web.dhan.co (DhanHQ → Data APIs), then reconnect.',
  ),
  CRED_UNREACHABLE: entry(
    'error',
    'DhanHQ could not be reached to check the credentials',
    'Check the internet connection, proxy and firewall (api.dhan.co must be reachable over HTTPS), then press Reconnect.',
  ),
  KEYCHAIN_UNAVAILABLE: entry(
    'warning',
    'The OS keychain is not available',
    'Credentials cannot be saved on this machine. Start the Secret Service (e.g. gnome-keyring) or set DHAN_CLIENT_ID and DHAN_ACCESS_TOKEN in the environment. Nothing is written to disk in plain text.',
  ),

  // Instrument master and skeleton
  MASTER_DOWNLOAD_FAILED: entry(
    'error',
    'The instrument master could not be downloaded',
    'Check that images.dhan.co is reachable, then press Reload instrument master.',
  ),
  MASTER_STALE_CACHE: entry(
    'warning',
    "Using an older instrument master",
    "Today's download failed, so the last saved copy is in use; new contracts listed today are missing. Press Reload instrument master when the network is back.",
  ),
  MASTER_EMPTY: entry(
    'error',
    'The instrument master lists no index options',
    'The file downloaded but holds none of the configured underlyings\' options (a truncated or foreign file). Press Reload instrument master; if it persists, export a support bundle for support.',
  ),
  MASTER_BAD_HEADER: entry(
    'error',
    'The instrument master has an unexpected header',
    'DhanHQ may have changed the file format. Export a support bundle and send it to support; the app keeps the last good copy if it has one.',
  ),
  MASTER_ROWS_REJECTED: entry(
    'warning',
    'Some instrument master rows were malformed and skipped',
    'No action is needed unless contracts are missing; the support bundle lists how many rows were skipped and why.',
  ),
  MASTER_NOT_LOADED: entry(
    'error',
    'The instrument master is not loaded yet',
    'Wait for the download to finish; if it failed, the message above says why. Press Reload instrument master to retry.',
  ),
  SKELETON_NO_UNDERLYINGS: entry(
    'error',
    'No configured underlying was found in the instrument master',
    'Check the configured underlyings (NIFTY, BANKNIFTY, …) and reload the instrument master.',
  ),
  SKELETON_NO_EXPIRIES: entry(
    'error',
    'The instrument master lists no option expiries',
    'The file may be truncated or from a holiday build; reload the instrument master.',
  ),
  SKELETON_NO_STRIKES: entry(
    'error',
    'The instrument master lists no option strikes',
    'The file may be truncated; reload the instrument master.',
  ),
  SKELETON_NO_TOKENS: entry(
    'error',
    'The instrument master lists no option contracts',
    'The file may be truncated or its format changed; reload it, and export a support bundle if this persists.',
  ),
  CHAIN_UNKNOWN_UNDERLYING: entry(
    'error',
    'That underlying is not in the instrument master',
    'Pick one of the listed underlyings.',
  ),
  CHAIN_UNKNOWN_EXPIRY: entry(
    'error',
    'That expiry is not in the instrument master',
    'Pick one of the listed expiries; expired contracts drop out of the file every day.',
  ),
  CACHE_EMPTY: entry(
    'warning',
    'No prices have arrived for this chain yet',
    'Prices appear when the option-chain snapshot or the first feed tick arrives; the feed state above says what it is waiting for.',
  ),
  MARKET_CLOSED: entry(
    'info',
    'The market is closed: showing the last known prices',
    'Prices resume at 09:15 IST on the next trading day. Each price shows its age.',
  ),

  // Feed
  FEED_NOT_CONNECTED: entry(
    'error',
    'The live feed is not connected',
    'Press Reconnect. If it keeps failing, the disconnect history in Diagnostics shows the reason.',
  ),
  FEED_SILENT: entry(
    'warning',
    'The live feed is connected but silent',
    'No packet arrived for a while during market hours; the app reconnects by itself. If this repeats, check the network.',
  ),
  FEED_DROPPED: entry(
    'warning',
    'The live feed connection dropped',
    'The app reconnects with back-off and restores every subscription; no action is needed unless it keeps happening.',
  ),
  FEED_PING_TIMEOUT: entry(
    'warning',
    'The live feed stopped answering keep-alive pings',
    'The app reconnects by itself. If it repeats, the network or a proxy is dropping idle connections.',
  ),
  FEED_TOO_MANY_CONNECTIONS: entry(
    'warning',
    'DhanHQ closed a feed connection: too many connections (805)',
    'Another app or device is using the same account\'s five feed connections. Close it; this app waits before reconnecting.',
  ),
  FEED_NO_DATA_PLAN: entry(
    'error',
    'DhanHQ closed the feed: Data APIs not subscribed (806)',
    'Activate the Data API plan on web.dhan.co, then press Reconnect.',
  ),
  FEED_AUTH_EXPIRED: entry(
    'error',
    'DhanHQ closed the feed: access token expired (807)',
    'Generate a new access token on web.dhan.co and enter it in Credentials; the feed resumes with every subscription.',
  ),
  FEED_AUTH_FAILED: entry(
    'error',
    'DhanHQ closed the feed: authentication failed (808)',
    'The client id or access token is invalid. Enter both again in Credentials.',
  ),
  FEED_TOKEN_INVALID: entry(
    'error',
    'DhanHQ closed the feed: access token invalid (809)',
    'Generate a new access token on web.dhan.co and enter it in Credentials.',
  ),
  FEED_CLIENT_ID_INVALID: entry(
    'error',
    'DhanHQ closed the feed: client id invalid (810)',
    'Check the client id in Credentials (it is the number shown on web.dhan.co → My Profile).',
  ),
  FEED_DISCONNECTED: entry(
    'warning',
    'DhanHQ closed the feed with an unlisted reason code',
    'The app reconnects with back-off. If it repeats, export a support bundle for support.',
  ),
  FEED_HANDSHAKE_RATE_LIMITED: entry(
    'warning',
    'DhanHQ refused the feed connection: too many attempts (HTTP 429)',
    'The app cools off before trying again. Close other apps using this account\'s feed.',
  ),
  FEED_HANDSHAKE_UNAUTHORIZED: entry(
    'error',
    'DhanHQ refused the feed connection: unauthorised (HTTP 401)',
    'Check the credentials: generate a new access token and enter it in Credentials.',
  ),
  FEED_HANDSHAKE_FAILED: entry(
    'warning',
    'The feed connection could not be opened',
    'Check that api-feed.dhan.co is reachable; the app retries with back-off.',
  ),
  FEED_SUBSCRIPTION_LIMIT: entry(
    'info',
    'Some instruments are not subscribed: DhanHQ allows 5 × 5000',
    'The chain on screen is always subscribed. Switch chains to stream others; Diagnostics lists what is left out.',
  ),
  FEED_CONSUMER_FAILED: entry(
    'warning',
    'The app failed to process some feed frames',
    'The connection stays up and later frames are processed. Export a support bundle if the count in Diagnostics keeps rising.',
  ),

  // Codec
  CODEC_TRUNCATED: entry(
    'warning',
    'A feed packet was cut short',
    'Counted and skipped. A few are harmless; many mean a broken connection or proxy.',
  ),
  CODEC_BAD_LENGTH: entry(
    'warning',
    'A feed packet declared an impossible length',
    'Counted; the rest of that frame was skipped. Export a support bundle if this keeps rising.',
  ),
  CODEC_LENGTH_MISMATCH: entry(
    'warning',
    'A feed packet is shorter than its type requires',
    'Counted and skipped. DhanHQ may have changed a packet layout: export a support bundle.',
  ),
  CODEC_UNKNOWN_CODE: entry(
    'info',
    'A feed packet of an unknown type was skipped',
    'Counted and skipped by its declared length; harmless unless the count grows fast.',
  ),

  // REST
  REST_AUTH_INVALID: entry(
    'error',
    'DhanHQ answered: client id or access token invalid or expired (DH-901)',
    'Generate a new access token on web.dhan.co and enter it in Credentials.',
  ),
  REST_NO_DATA_PLAN: entry(
    'error',
    'DhanHQ answered: Data APIs not subscribed (806)',
    'Activate the Data API plan on web.dhan.co.',
  ),
  REST_RATE_LIMITED: entry(
    'warning',
    'DhanHQ answered: too many requests',
    'The app slows down and retries by itself.',
  ),
  REST_BAD_REQUEST: entry(
    'error',
    'DhanHQ rejected a request as invalid',
    'The message names the field; usually an expiry that no longer exists. Reload the instrument master.',
  ),
  REST_SERVER_ERROR: entry(
    'warning',
    'DhanHQ had a server error',
    'The app retries by itself; if it persists, DhanHQ may be having an outage.',
  ),
  REST_NOT_JSON: entry(
    'warning',
    'DhanHQ answered with a page instead of data',
    'Often an expired token or a proxy page. Check the credentials; the status code is in Diagnostics.',
  ),
  REST_TIMEOUT: entry(
    'warning',
    'A DhanHQ request timed out',
    'The app retries where it is safe. Check the network if this repeats.',
  ),
  REST_UNREACHABLE: entry(
    'error',
    'DhanHQ could not be reached',
    'Check the internet connection, proxy and firewall (api.dhan.co over HTTPS).',
  ),
  REST_CANCELLED: entry(
    'info',
    'A DhanHQ request was cancelled because the app is closing',
    'No action is needed.',
  ),
  REST_UNEXPECTED: entry(
    'warning',
    'DhanHQ answered in an unexpected way',
    'Export a support bundle and send it to support.',
  ),
  REST_AUTH_EXPIRED: entry(
    'error',
    'DhanHQ answered: access token expired (807)',
    'Tokens live at most 24 hours. Generate a new one on web.dhan.co and enter it in Credentials.',
  ),
  REST_ACCOUNT_PROBLEM: entry(
    'error',
    'DhanHQ answered: there is a problem with the account (DH-903)',
    'A segment may not be activated for this account. Check the account on web.dhan.co or ask Dhan support.',
  ),

  // Analytics (IV, greeks, forward, chain aggregates)
  ANALYTICS_INVALID_INPUT: entry(
    'error',
    'Option analytics were given invalid input',
    'This is a bug in the caller: export a support bundle and send it to support. Prices are unaffected; IV, greeks and chain figures may be missing for this chain.',
  ),

  // The app's own API (IPC and browser mode)
  API_BAD_REQUEST: entry('error', 'The request was malformed', 'This is a bug in the caller; nothing was changed.'),
  API_UNKNOWN_METHOD: entry('error', 'Unknown operation', 'This is a bug in the caller; nothing was changed.'),
  API_FORBIDDEN: entry('error', 'The request came from an untrusted sender', 'Nothing was changed.'),
  API_UNAUTHORIZED: entry(
    'error',
    'This browser session is not authorised',
    'Open the exact URL printed by `npm run serve`; it carries this run\'s access key.',
  ),
  API_INTERNAL: entry(
    'error',
    'The app hit an internal error',
    'Export a support bundle and send it to support; the engine keeps running.',
  ),
  API_DISCONNECTED: entry(
    'error',
    'The connection to the engine was lost',
    'The page reconnects by itself with back-off. If it does not come back, check that `npm run serve` (or the app) is still running, then reload the page.',
  ),
  API_TIMEOUT: entry(
    'warning',
    'The engine did not answer in time',
    'Nothing is lost: try again. If it repeats, the engine is overloaded or stuck; export a support bundle.',
  ),
  BUNDLE_FAILED: entry('error', 'The support bundle could not be written', 'Check free disk space and try again.'),
  RECORDING_FAILED: entry('error', 'The feed recording could not be written', 'Check free disk space and try again.'),
  UPDATE_FAILED: entry(
    'warning',
    'Checking for updates failed',
    'The app keeps working; it tries again in a few hours.',
  ),

  // Desktop shell (Electron main process: window, IPC host, updater, shutdown)
  UPDATE_NOT_READY: entry(
    'info',
    'No downloaded update is waiting to be installed',
    'The app checks for updates every few hours, downloads them in the background and asks before restarting.',
  ),
  SHELL_LINK_BLOCKED: entry(
    'warning',
    'That link is not on the list of sites the app may open',
    'Only https links to DhanHQ sites open in the browser. Copy the address by hand if you trust it.',
  ),
  SHELL_RENDERER_LOAD_FAILED: entry(
    'error',
    'The app window could not load its page',
    'Reinstall the app; if it persists, send the log files (Help → Open logs folder) to support.',
  ),
  SHELL_RENDERER_CRASHED: entry(
    'error',
    'The app window crashed',
    'The window reloads by itself; prices resume within seconds. If it repeats, send the log files to support.',
  ),
  SHELL_WINDOW_STATE_INVALID: entry(
    'info',
    'The saved window size and position could not be used',
    'The window opened at its default size; nothing else is affected.',
  ),
  SHELL_UNCAUGHT_ERROR: entry(
    'error',
    'The app hit an unexpected error in its main process',
    'The app keeps running. Export a support bundle and send it to support.',
  ),
  SHELL_SHUTDOWN_TIMEOUT: entry(
    'warning',
    'The app took too long to close cleanly and was closed anyway',
    'Nothing is needed; if a feed recording was running, its last seconds may be missing.',
  ),
  SHELL_STARTUP_FAILED: entry(
    'error',
    'The app could not start',
    'Restart the app. If it keeps failing, send the log files (in the folder named in the message) to support.',
  ),
  // Simulated DhanHQ (src/sim) and feed recordings
  SIM_INVALID_OPTIONS: entry(
    'error',
    'The simulated DhanHQ was started with invalid options',
    'Check the simulator options or command-line flags named in the message (host must be 127.0.0.1, rates and ports positive).',
  ),
  SIM_START_FAILED: entry(
    'error',
    'The simulated DhanHQ could not start',
    'Usually the port is already in use: choose another port, or 0 for a free one.',
  ),
  RECORDING_UNREADABLE: entry(
    'error',
    'The feed recording could not be read',
    'The file is not a ChainLens feed recording, or it is damaged or truncated. Record it again or pick another file.',
  ),
  // Browser mode (`npm run serve`, `npm run demo`)
  SERVE_RENDERER_MISSING: entry(
    'error',
    'The built user interface was not found',
    'Build it once with `npx electron-vite build` (it writes out/renderer), then start `npm run serve` again.',
  ),
  SERVE_START_FAILED: entry(
    'error',
    'The browser mode could not start its server',
    'Usually the port is already in use: pass another one with --port N, or --port 0 for a free one.',
  ),
  SERVE_INVALID_ARGUMENTS: entry(
    'error',
    'The command-line arguments were not understood',
    'Run `npm run serve -- --help` for the accepted flags.',
  ),
  SERVE_NOT_FOUND: entry(
    'error',
    'The browser mode has no such page or file',
    'Open the exact URL printed by `npm run serve`; the JSON endpoint is /api/v2/options/live.',
  ),
  SERVE_CLIENT_TOO_SLOW: entry(
    'warning',
    'A browser tab fell too far behind and was disconnected',
    'Nothing is lost: the page reconnects by itself and receives a fresh snapshot. If it repeats, the machine or the browser is overloaded.',
  ),
} as const satisfies Record<string, CatalogEntry>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

export const ERROR_CODES = Object.keys(ERROR_CATALOG) as ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CATALOG, value);
}
