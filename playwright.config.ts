/**
 * End-to-end tests: Debian's Chromium (never a downloaded browser), headless, against
 * `plandesk serve` on the demo project (tests/e2e/global-setup.ts starts it).
 * Screenshots of the main screens are kept in test-results/screenshots/.
 */
import { defineConfig } from '@playwright/test';

const CHROMIUM = process.env.PLANDESK_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/e2e-output',
  globalSetup: './tests/e2e/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  forbidOnly: true,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1600, height: 1000 },
    deviceScaleFactor: 1,
    locale: 'vi-VN',
    actionTimeout: 20_000,
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});
