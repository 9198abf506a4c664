import { defineConfig } from 'vitest/config';

/** Tests that need the real servers: every file under test/, and `*.int.test.ts` in any package. */
const integrationTests = ['test/**/*.test.{ts,tsx}', '**/*.int.test.{ts,tsx}'];

export default defineConfig({
  test: {
    exclude: ['**/node_modules/**', '.data/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: a few files at once keep the servers responsive.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['**/*.test.{ts,tsx}'],
          exclude: ['**/node_modules/**', '.data/**', ...integrationTests],
          // No servers and no global setup: a connection attempt fails the test at once.
          setupFiles: ['./test/src/unitIsolation.ts'],
          // Pure code: files share a worker's module cache instead of importing zod and the domain again each.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: integrationTests,
          // Starts the real Temporal and MongoDB-wire servers once per run and bundles workflow code once.
          globalSetup: ['./test/src/globalSetup.ts'],
        },
      },
    ],
  },
});
