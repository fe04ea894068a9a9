import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['common/**/*.test.ts', 'main/**/*.test.ts', 'preload/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'e2e/**/*.test.ts'],
    environment: 'node',
    // Processed by Vite so that a test's vi.mock('electron') reaches electron-store's own import of it.
    server: { deps: { inline: ['electron-store'] } },
    testTimeout: 30_000,
    hookTimeout: 30_000,
    globalSetup: ['./test-support/build-once.ts'],
    reporters: ['default', './test-support/closing-line-reporter.ts'],
  },
});
