/** Where the benchmarks find Chromium (the system package; Playwright cannot download one here). */
export const CHROMIUM_EXECUTABLE = process.env.CHAINLENS_CHROMIUM ?? '/usr/bin/chromium';
