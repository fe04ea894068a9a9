import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test-support/chromium';

// Browser specs run in the system Chromium (Playwright cannot download browsers here); Electron
// specs drive the app itself and skip, saying why, where no Electron binary exists.
// Vitest owns e2e/**/*.test.ts, Playwright **/*.spec.ts.
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: [[process.env.CI ? 'line' : 'list'], ['./test-support/playwright-closing-line.ts']],
  timeout: 60_000,
  projects: [
    {
      name: 'browser',
      testIgnore: '**/electron/**',
      use: {
        browserName: 'chromium',
        launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
      },
    },
    { name: 'electron', testMatch: '**/electron/**/*.spec.ts' },
  ],
});
