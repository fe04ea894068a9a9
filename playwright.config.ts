import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './e2e/support/chromium';

// Browser specs run in the system Chromium (Playwright cannot download browsers here); an
// Electron project joins this list later. Vitest owns e2e/**/*.test.ts, Playwright **/*.spec.ts.
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? 'line' : 'list',
  timeout: 30_000,
  projects: [
    {
      // Every spec that drives a web page; Electron specs get their own project.
      name: 'browser',
      testIgnore: '**/electron/**',
      use: {
        browserName: 'chromium',
        launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
      },
    },
  ],
});
