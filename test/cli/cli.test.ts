/** The CLI contract, through the real bin in a child process (as `npx curve-triage` runs it). */
import { execFile } from 'node:child_process';
import { writeFileSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { FINDINGS, PATTERNS } from '../../src/diagnose/schema.js';

const run = promisify(execFile);
const BIN = join(__dirname, '../../bin/curve-triage.js');
const tmp = mkdtempSync(join(tmpdir(), 'ct-cli-'));

async function cli(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const p = run(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 20_000 });
    if (input !== undefined) {
      p.child.stdin!.write(input);
      p.child.stdin!.end();
    }
    const { stdout, stderr } = await p;
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

// a clear overfitting curve as a Keras CSVLogger file
const epochs = 40;
const rows = ['epoch,accuracy,loss,val_accuracy,val_loss'];
for (let i = 0; i < epochs; i++) {
  const train = 1.2 * Math.exp(-i / 8) + 0.05;
  const val = 0.6 + 0.7 * Math.exp(-i / 4) + 0.012 * Math.max(0, i - 12);
  rows.push(`${i},${(0.5 + 0.45 * (1 - Math.exp(-i / 8))).toFixed(4)},${train.toFixed(4)},0.8,${val.toFixed(4)}`);
}
const overfit = join(tmp, 'overfit.csv');
writeFileSync(overfit, rows.join('\r\n') + '\r\n');

describe('curve-triage diagnose', () => {
  it('--json prints one object with the contract fields', async () => {
    const r = await cli(['diagnose', overfit, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.pattern).toBe('overfitting');
    expect(PATTERNS).toContain(j.pattern);
    expect(j.confidence).toBeGreaterThan(0.5);
    expect(j.confidence).toBeLessThanOrEqual(1);
    expect(Array.isArray(j.findings)).toBe(true);
    for (const f of j.findings) expect(FINDINGS).toContain(f);
    expect(j.format).toBe('keras-csv');
    expect(j.runs).toBe(1);
    expect(j.epochs).toBe(epochs);
    expect(Array.isArray(j.warnings)).toBe(true);
    expect(j.evidence.best_x).toBeGreaterThan(8);
    expect(j.evidence.best_x).toBeLessThan(20);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('prints a short terminal report with --brief', async () => {
    const r = await cli(['diagnose', overfit, '--brief']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Overfitting \(confidence \d+%\)/);
    expect(r.stdout).toContain('Why:');
    expect(r.stdout).toContain('best point');
  });

  it('reads standard input with -', async () => {
    const r = await cli(
      ['diagnose', '-', '--json'],
      "{'loss': [1.0, 0.8, 0.6, 0.5, 0.45, 0.42], 'val_loss': [1.1, 0.9, 0.7, 0.6, 0.55, 0.53]}",
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).format).toBe('keras-history-json');
  });

  it('honours --format and --run', async () => {
    const two = join(tmp, 'two-runs.csv');
    const body = rows.slice(1, 8).join('\n');
    writeFileSync(two, `${rows[0]}\n${body}\n${rows.slice(1).join('\n')}\n`);
    const last = JSON.parse((await cli(['diagnose', two, '--json'])).stdout);
    expect(last.runs).toBe(2);
    expect(last.findings).toContain('multiple_runs');
    expect(last.epochs).toBe(epochs);
    const first = JSON.parse((await cli(['diagnose', two, '--json', '--run', '1'])).stdout);
    expect(first.epochs).toBe(7);
    const all = JSON.parse((await cli(['diagnose', two, '--json', '--run', 'all'])).stdout);
    expect(all.runs_detail).toHaveLength(2);
    const forced = await cli(['diagnose', two, '--json', '--format', 'csv']);
    expect(JSON.parse(forced.stdout).format).toBe('csv');
  });

  it('exits 2 with one clear line for bad input, never a stack trace', async () => {
    const jpeg = join(tmp, 'photo.csv');
    writeFileSync(jpeg, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]));
    const cases: [string[], RegExp][] = [
      [['diagnose', jpeg], /JPEG/],
      [['diagnose', join(tmp, 'missing.csv')], /no such file/],
      [['diagnose', overfit, '--run', '5'], /no run 5/i],
      [['diagnose', overfit, '--format', 'excel'], /Unknown format/],
      [['diagnose', overfit, '--bogus'], /unknown option/],
      [['frobnicate'], /unknown command/],
      [['sweep', '--tpe', '--trials', '0'], /--trials takes 1 to 30 \(got 0\)/],
      [['sweep', '--tpe', '--space', join(tmp, 'no-space.json')], /no such space file/],
      [['sweep', '--tpe', '--space', jpeg], /space file is neither valid JSON nor YAML|invalid search space/],
      [['sweep', '--tpe', '--param', 'units'], /give --space FILE instead of --param/],
      [['sweep', '--param', 'units', '--no-prune'], /--no-prune is for a TPE search/],
    ];
    for (const [args, msg] of cases) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    }
  });
});

describe('curve-triage diagnose --max-size', () => {
  /** a per-step Lightning metrics.csv of a long run: train_loss every step, val_loss once an epoch */
  function lightningLog(path: string, steps: number): number {
    const rows = ['epoch,step,train_loss,val_loss'];
    for (let i = 0; i < steps; i++) {
      const e = Math.floor(i / 5000);
      rows.push(`${e},${i},${(1 / (1 + i / 20000) + 0.01 * Math.sin(i)).toFixed(12)},`);
      if ((i + 1) % 5000 === 0) rows.push(`${e},${i},,${(0.3 + 0.5 / (1 + e) + 0.01 * e).toFixed(12)}`);
    }
    writeFileSync(path, rows.join('\n') + '\n');
    return statSync(path).size;
  }

  it("reads a 31 MB local Lightning log by default (10 MiB is Discord's cap, not a laptop's); --max-size still refuses", async () => {
    const big = join(tmp, 'metrics.csv');
    const size = lightningLog(big, 1_200_000);
    expect(size).toBeGreaterThan(31 * 1000 * 1000);
    const r = await cli(['diagnose', big, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).format).toBe('lightning-csv');
    const small = await cli(['diagnose', big, '--max-size', '10MiB']);
    expect(small.code).toBe(2);
    expect(small.stderr).toMatch(/over the 10\.0 MiB limit; pass --max-size/);
    expect(small.stderr.trim().split('\n')).toHaveLength(1);
  }, 60_000);
});

describe('curve-triage with charts and advice', () => {
  it('diagnose --json adds advice with code in the asked dialect, and --chart writes a PNG', async () => {
    const png = join(tmp, 'c.png');
    const r = await cli(['diagnose', overfit, '--json', '--dialect', 'keras2', '--chart', png]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.advice.length).toBeGreaterThan(0);
    for (const a of j.advice) {
      expect(typeof a.title).toBe('string');
      expect(typeof a.why).toBe('string');
      expect(a.code).toMatch(/from keras|import keras/);
      expect(a.code).not.toMatch(/tensorflow\.keras/);
    }
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    expect(j.chart.bytes).toBeGreaterThan(1000);
  });

  it('diagnose prints the reply as Markdown', async () => {
    const r = await cli(['diagnose', overfit]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# Overfitting/);
    expect(r.stdout).toContain('```python');
    expect(r.stdout).toContain('format: keras-csv');
  });

  it('column names from the log are inert in the Markdown; ours (val_loss, ~2x) read as written', async () => {
    const named = rows.map((l, i) =>
      i === 0 ? 'epoch,accuracy,[x](https://evil)*loss*,val_accuracy,val_[x](https://evil)*loss*' : l,
    );
    const hostile = join(tmp, 'hostile-names.csv');
    writeFileSync(hostile, named.join('\n') + '\n');
    const r = await cli(['diagnose', hostile]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# Overfitting/);
    // every quote of the name is escaped: no link, no emphasis
    expect(r.stdout).toContain('val\\_\\[x\\](https://evil)\\*loss\\*');
    expect(r.stdout).not.toMatch(/(?<!\\)\[x\\?\]\(https/); // an unescaped [ opens a link
    expect(r.stdout).not.toMatch(/(?<!\\)\*loss/); // an unescaped * opens emphasis
    expect(r.stdout).not.toContain('loss*'); // nor a closing one
    const plain = await cli(['diagnose', overfit]);
    expect(plain.stdout).toContain('val_loss');
    expect(plain.stdout).not.toContain('\\');
  });

  it('chart overlays several logs', async () => {
    const png = join(tmp, 'overlay.png');
    const r = await cli(['chart', overfit, overfit, '--out', png, '--theme', 'light']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/overfit\.csv: overfitting/);
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
  });

  it('explain and why answer from the knowledge base; unknown names exit 2', async () => {
    const ex = await cli(['explain', 'underfitting']);
    expect(ex.code).toBe(0);
    expect(ex.stdout).toMatch(/^# Underfitting/);
    const why = await cli(['why', 'why does my loss become nan']);
    expect(why.code).toBe(0);
    expect(why.stdout.toLowerCase()).toContain('nan');
    const bad = await cli(['explain', 'bogus']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/patterns: good_fit/);
  });

  it('an unwritable --chart path exits 2 with one line, and never hangs (mkdir -p spins under /proc on Node 20)', async () => {
    const fileAsDir = join(tmp, 'a-file');
    writeFileSync(fileAsDir, 'x');
    for (const [path, msg] of [
      ['/proc/curve-triage-nope/x.png', /no such folder/],
      [join(fileAsDir, 'x.png'), /is a file, not a folder/],
      [tmp, /that is a folder/],
    ] as const) {
      const r = await cli(['diagnose', overfit, '--chart', path, '--json']);
      expect(r.code, path).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    const nested = join(tmp, 'new', 'deeper', 'c.png');
    expect((await cli(['diagnose', overfit, '--chart', nested])).code).toBe(0);
    expect(readFileSync(nested).subarray(1, 4).toString()).toBe('PNG');
  });
});
