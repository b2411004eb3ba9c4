/** What the doctor checks when it is not told otherwise (shared by the runner and the command line). */

/** The chain the doctor opens when none is named. */
export const DOCTOR_DEFAULT_UNDERLYING = 'NIFTY';

/** Seconds the feed is watched when no --watch is given. */
export const DOCTOR_DEFAULT_WATCH_SECONDS = 5;
