// Rendering in worker threads (the bot renders in a worker pool). node-canvas segfaults the whole
// process when a worker that loaded it exits, unless the main thread keeps it loaded:
// keepRendererLoaded(). This runs the compiled dist/ (built by test/global-setup.ts).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const dist = join(root, 'dist/render/index.js');

const script = `
import { Worker } from 'node:worker_threads';
const { keepRendererLoaded } = await import(${JSON.stringify(dist)});
keepRendererLoaded();
const code = \`
const { render } = await import(${JSON.stringify(dist)});
const { sampleLog, sketchDiagnosis } = await import(${JSON.stringify(join(root, 'dist/render/synthetic.js'))});
const { parentPort } = await import('node:worker_threads');
const log = sampleLog('overfitting');
const png = await render(log, sketchDiagnosis(log, 'overfitting'));
parentPort.postMessage(png.length);
\`;
const sizes = [];
for (let round = 0; round < 2; round++) {
  const ws = [0, 1].map(() => new Worker(code, { eval: true, type: 'module' }));
  for (const w of ws) w.on('message', (m) => sizes.push(m));
  await Promise.all(ws.map((w) => new Promise((r, j) => w.on('exit', r).on('error', j))));
}
console.log(JSON.stringify(sizes));
`;

describe.runIf(existsSync(dist))('render in worker threads', () => {
  it('renders in workers that then exit, without crashing the process', () => {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(0);
    const sizes = JSON.parse(r.stdout.trim().split('\n').pop()!) as number[];
    expect(sizes).toHaveLength(4);
    for (const n of sizes) expect(n).toBeGreaterThan(10_000);
  });
});
