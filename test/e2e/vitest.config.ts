// The bot's tests alone (`npx vitest run -c test/e2e/vitest.config.ts`): no dist/ build needed,
// so they run while other modules are mid-change. `npm test` runs them with everything else.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/e2e/**/*.test.ts', 'test/bot/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
