/**
 * Turns one pino JSON line into a line a person watching a terminal can read:
 * `10:42:07 WARN  feed dropped  code=805 connection=2`. Lines that are not pino JSON pass
 * through unchanged, so nothing is ever hidden from the terminal.
 */

const LEVEL_NAMES: Readonly<Record<number, string>> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
/** Fields every line carries or that the layout already shows. */
const SKIPPED_FIELDS = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'app', 'mode', 'frontDoor']);

/** Formats one line (without its newline); `timeZone` is for tests (default: the machine's). */
export function humanLogLine(jsonLine: string, timeZone?: string): string {
  let record: unknown;
  try {
    record = JSON.parse(jsonLine);
  } catch {
    return jsonLine;
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return jsonLine;
  const fields = record as Record<string, unknown>;
  const level = typeof fields.level === 'number' ? (LEVEL_NAMES[fields.level] ?? String(fields.level)) : 'INFO';
  const time = typeof fields.time === 'number' ? clockTime(fields.time, timeZone) : '--:--:--';
  const message = typeof fields.msg === 'string' ? fields.msg : '';
  const rest = Object.entries(fields)
    .filter(([key]) => !SKIPPED_FIELDS.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return [`${time} ${level.padEnd(5)} ${message}`, ...rest].join('  ');
}

function clockTime(epochMs: number, timeZone: string | undefined): string {
  return new Date(epochMs).toLocaleTimeString('en-GB', { hour12: false, ...(timeZone ? { timeZone } : {}) });
}
