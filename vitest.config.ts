import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['**/node_modules/**', '.data/**'],
    // Starts the real Temporal and MongoDB-wire servers once per run and bundles workflow code once.
    globalSetup: ['./test/src/globalSetup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: a few files at once keep the servers responsive.
    maxWorkers: 2,
  },
});
