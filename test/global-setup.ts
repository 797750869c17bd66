// The CLI tests run the real bin (compiled dist/); build it once so they never test stale output.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup(): void {
  if (process.env.CURVE_TRIAGE_SKIP_BUILD === '1') return; // local iteration on a module whose dist is fresh
  const root = join(__dirname, '..');
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
}
