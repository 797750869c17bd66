/**
 * A throwaway XDG_DATA_HOME for bot and worker processes that tests and benches spawn: the team
 * memory's default SQLite folder ($XDG_DATA_HOME/curve-triage) then lands in a temp dir removed when
 * the test process exits, never in the machine's real ~/.local/share.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let dir: string | undefined;

export function scratchDataHome(): string {
  if (!dir) {
    const made = mkdtempSync(join(tmpdir(), 'ct-data-home-'));
    dir = made;
    process.once('exit', () => rmSync(made, { recursive: true, force: true }));
  }
  return dir;
}
