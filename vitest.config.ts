import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Compiling all 31 specs takes seconds; subprocess runs of the CLI take a few hundred ms each.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Subprocess tests run the built CLI: dist/ is rebuilt once when src/ or rules/ is newer.
    globalSetup: ['test/helpers/buildOnce.ts'],
  },
});
