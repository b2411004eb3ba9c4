import { defineConfig } from 'vitest/config';

/**
 * Unit, integration and component tests. Browser E2E tests live in test/e2e and run under
 * Playwright; benchmarks live in bench/ and never run here.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
