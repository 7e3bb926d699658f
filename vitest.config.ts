import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // SQLite files and child processes (ogrinfo, cs2cs): forks keep native modules isolated.
    pool: 'forks',
  },
});
