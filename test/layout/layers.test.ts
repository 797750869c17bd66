/**
 * The layer rule in eslint.config.js (core never imports a surface; surfaces never import each other;
 * the job queue never imports training) and the size bar, checked on code written for the test: the
 * same config `npm run lint` runs over the tree.
 */
import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });
const errorsFor = async (path: string, code: string) =>
  (await eslint.lintText(code, { filePath: path }))[0]!.messages.filter((m) => m.severity === 2).map((m) => m.ruleId);

describe('import directions', () => {
  const forbidden: [string, string][] = [
    ['src/diagnose/x.ts', "import { createBot } from '../bot/bot.js';"],
    ['src/ingest/x.ts', "import { diagnose } from '../diagnose/index.js';"],
    ['src/render/x.ts', "import { train } from '../train/index.js';"],
    ['src/train/x.ts', "import { parseArgs } from '../cli/args.js';"],
    ['src/jobs/x.ts', "import { train } from '../train/index.js';"],
    ['src/jobs/x.ts', "import { TRAIN_WORK } from '../requests/training.js';"],
    ['src/cli/x.ts', "import { createBot } from '../bot/bot.js';"],
    ['src/bot/x.ts', "import { main } from '../cli/main.js';"],
    ['commands/x.ts', "import { main } from '../src/cli/main.js';"],
    ['src/requests/x.ts', "import { createBot } from '../bot/bot.js';"],
    ['src/worker/x.ts', "import { createBot } from '../bot/bot.js';"],
    ['src/bot/x.ts', "import { main } from '../worker/index.js';"],
    ['src/jobs/x.ts', "import { main } from '../worker/index.js';"],
    ['src/memory/x.ts', "import { createBot } from '../bot/bot.js';"],
    ['src/memory/x.ts', "import { main } from '../cli/main.js';"],
    ['src/memory/x.ts', "import { renderOverlay } from '../render/index.js';"],
  ];
  test.each(forbidden)('%s: %s is refused', async (path, code) => {
    expect(await errorsFor(path, code)).toContain('no-restricted-imports');
  });

  const allowed: [string, string][] = [
    ['src/diagnose/x.ts', "import { ingest } from '../ingest/index.js';"],
    ['src/bot/x.ts', "import { diagnoseFile } from '../requests/diagnose.js';"],
    ['src/cli/x.ts', "import { train } from '../train/index.js';"],
    ['src/bot/x.ts', "import { createQueue } from '../jobs/index.js';"],
    ['src/worker/x.ts', "import { TRAIN_WORK } from '../requests/training.js';"],
    ['src/worker/x.ts', "import { startRedisWorker } from '../jobs/redis-worker.js';"],
    ['src/worker/x.ts', "import { createPool } from '../bot/work/pool.js';"],
    ['src/memory/x.ts', "import type { Diagnosis } from '../diagnose/index.js';"],
    ['src/cli/x.ts', "import { openMemory } from '../memory/index.js';"],
    ['src/bot/x.ts', "import { openMemory } from '../memory/index.js';"],
  ];
  test.each(allowed)('%s: %s is allowed', async (path, code) => {
    expect(await errorsFor(path, code)).toEqual([]);
  });
});

test('a function over 80 lines in the product is refused; in a test it is not', async () => {
  const long = `export function f(): number {\n${Array.from({ length: 85 }, (_, i) => `  const a${i} = ${i};`).join('\n')}\n  return a0;\n}\n`;
  expect(await errorsFor('src/diagnose/x.ts', long)).toContain('max-lines-per-function');
  expect(await errorsFor('test/x.test.ts', long)).toEqual([]);
});
