// Runs only the advise tests, without the project's global build step (handy while other folders are mid-edit):
//   npx vitest run --config test/advise/vitest.config.ts
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/advise/**/*.test.ts'],
    testTimeout: 120_000,
    root: new URL('../..', import.meta.url).pathname,
  },
});
