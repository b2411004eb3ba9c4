/**
 * Ages and durations in plain words ("3 s", "12 min", "expires in 45 min"), and IST clock
 * times, independent of the machine's time zone.
 */
import { UNKNOWN } from './format';

const IST_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Kolkata',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

const IST_HOUR_MINUTE = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Kolkata',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** A duration: "80 ms", "4.2 s", "12 s", "3 min", "2 h 05 min", "3 d 4 h". Negative durations count as 0. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return UNKNOWN;
  const safe = Math.max(0, ms);
  if (safe < 1_000) return `${Math.floor(safe)} ms`;
  if (safe < 10_000) return `${(Math.floor(safe / 100) / 10).toFixed(1)} s`;
  if (safe < 60_000) return `${Math.floor(safe / 1000)} s`;
  const minutes = Math.floor(safe / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** "expires in 45 min" / "expired 5 min ago" / "expiry unknown". */
export function formatTokenExpiry(expiresAtMs: number | null, nowMs: number): string {
  if (expiresAtMs === null) return 'expiry unknown';
  const left = expiresAtMs - nowMs;
  return left > 0 ? `expires in ${formatDuration(left)}` : `expired ${formatDuration(-left)} ago`;
}

/** Wall-clock time in India: "14:05:09 IST". */
export function formatIstTime(epochMs: number | null | undefined): string {
  if (epochMs === null || epochMs === undefined || !Number.isFinite(epochMs)) return UNKNOWN;
  return `${IST_TIME.format(epochMs)} IST`;
}

/** Hours and minutes in India, for chart axes: "14:05". */
export function formatIstHourMinute(epochMs: number): string {
  return IST_HOUR_MINUTE.format(epochMs);
}

/** A byte count: "512 B", "12.4 MB". */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return UNKNOWN;
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
