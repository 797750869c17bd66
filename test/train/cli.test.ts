import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cmdSweep, cmdTrain } from '../../src/cli/train.js';

const dir = mkdtempSync(join(tmpdir(), 'ct-train-cli-'));
const capture = () => {
  let text = '';
  return { out: { write: (s: string) => (text += s) }, text: () => text };
};

describe('curve-triage train / sweep', () => {
  it('train --preset --epochs --json prints the diagnosis, history and backend', async () => {
    const c = capture();
    const code = await cmdTrain(
      ['--preset', 'ideal', '--epochs', '8', '--json', '--inline', '--keras', join(dir, 'run.py')],
      c.out,
    );
    expect(code).toBe(0);
    const j = JSON.parse(c.text());
    expect(Object.keys(j)).toEqual(
      expect.arrayContaining(['pattern', 'confidence', 'findings', 'evidence', 'history', 'backend']),
    );
    expect(j.history.loss).toHaveLength(8);
    expect(['tensorflow', 'wasm', 'cpu']).toContain(j.backend);
    expect(readFileSync(join(dir, 'run.py'), 'utf8')).toMatch(/EPOCHS = 8/);
  });

  it('train reads a YAML config and an uploaded series, prints text, writes a chart or says why not', async () => {
    writeFileSync(join(dir, 'c.yaml'), 'model:\n  lstm:\n    - units: 4\nfit:\n  epochs: 5\n  batch_size: 16\n');
    writeFileSync(
      join(dir, 's.csv'),
      'value\n' + Array.from({ length: 80 }, (_, i) => Math.sin(i / 4).toFixed(4)).join('\n'),
    );
    const c = capture();
    const png = join(dir, 'chart.png');
    expect(
      await cmdTrain(
        ['--config', join(dir, 'c.yaml'), '--series', join(dir, 's.csv'), '--inline', '--chart', png],
        c.out,
      ),
    ).toBe(0);
    expect(c.text()).toMatch(/5 epochs/);
    expect(c.text()).toMatch(/uploaded series s\.csv/);
    expect(c.text()).toMatch(/chart (written|skipped)/);
    if (/chart written/.test(c.text())) expect(existsSync(png)).toBe(true);
  });

  it('bad input throws a message', async () => {
    const c = capture();
    await expect(cmdTrain(['--preset', 'nope'], c.out)).rejects.toThrow(/unknown preset "nope"; presets: ideal/);
    await expect(cmdTrain([], c.out)).rejects.toThrow(/--preset NAME or --config FILE/);
    await expect(cmdTrain(['--preset', 'ideal', '--epochs', '1000'], c.out)).rejects.toThrow(/fit.epochs/);
    await expect(cmdTrain(['--preset', 'ideal', '--epochs', 'x'], c.out)).rejects.toThrow(/--epochs takes an integer/);
    await expect(cmdTrain(['--config', join(dir, 'missing.yaml')], c.out)).rejects.toThrow(/no such config file/);
    await expect(cmdSweep(['--param', 'colour'], c.out)).rejects.toThrow(/--param takes one of/);
  });

  it('sweep prints a leaderboard', async () => {
    writeFileSync(
      join(dir, 'tiny.json'),
      JSON.stringify({
        data: { samples: 64, n_steps: 5 },
        model: { lstm: [{ units: 4 }] },
        fit: { epochs: 3, batch_size: 16 },
      }),
    );
    const c = capture();
    expect(
      await cmdSweep(
        ['--config', join(dir, 'tiny.json'), '--param', 'units', '--values', '2,4', '--repeats', '2', '--inline'],
        c.out,
      ),
    ).toBe(0);
    expect(c.text()).toMatch(/units 2/);
    expect(c.text()).toMatch(/mean ± std/);
    const j = capture();
    expect(
      await cmdSweep(
        [
          '--config',
          join(dir, 'tiny.json'),
          '--param',
          'architecture',
          '--values',
          '4;4-2',
          '--repeats',
          '1',
          '--inline',
          '--json',
        ],
        j.out,
      ),
    ).toBe(0);
    expect(
      JSON.parse(j.text())
        .leaderboard.map((r: { label: string }) => r.label)
        .sort(),
    ).toEqual(['LSTM 4', 'LSTM 4-2']);
  });
});

describe('curve-triage sweep --tpe', () => {
  it('runs a small TPE search: trials, pruning, validation, JSON and the exported files', async () => {
    const c = capture();
    const files = { keras: join(dir, 'best.py'), hyperopt: join(dir, 'search.py') };
    const err = process.stderr.write;
    const progress: string[] = [];
    process.stderr.write = ((s: string) => (progress.push(String(s)), true)) as typeof process.stderr.write;
    try {
      expect(
        await cmdSweep(
          [
            '--tpe',
            '--trials',
            '4',
            '--epochs',
            '4',
            '--validate',
            '1',
            '--seeds',
            '2',
            '--inline',
            '--json',
            '--keras',
            files.keras,
            '--hyperopt',
            files.hyperopt,
          ],
          c.out,
        ),
      ).toBe(0);
    } finally {
      process.stderr.write = err;
    }
    const j = JSON.parse(c.text());
    expect(j.spec.mode).toBe('tpe');
    expect(j.search.trials).toHaveLength(4);
    expect(j.search.best_so_far).toHaveLength(4);
    expect(j.search.space.units).toEqual({ type: 'quniform', low: 32, high: 256, q: 32 });
    expect(j.leaderboard[0].runs).toBe(2);
    expect(j.notes.join('\n')).toMatch(/Keras script .* written to .*best\.py/);
    expect(progress.join('')).toMatch(/trial 4\/4 · best so far [\d.e-]+ · \d+ pruned/);
    expect(progress.join('')).toMatch(/validation run 2\/2/);
    expect(readFileSync(files.keras, 'utf8')).toMatch(/EPOCHS = 4/);
    expect(readFileSync(files.hyperopt, 'utf8')).toMatch(/max_evals=MAX_EVALS/);
  }, 120_000);

  it('reads a --space file and refuses bad ones with the dimension named', async () => {
    const good = join(dir, 'space.yaml');
    writeFileSync(good, 'units:\n  type: choice\n  options: [4, 8]\nlr:\n  type: loguniform\n  low: -6\n  high: -3\n');
    const bad = join(dir, 'bad-space.json');
    writeFileSync(bad, JSON.stringify({ dropout: { type: 'uniform', low: 0.5, high: 0.1 } }));
    const c = capture();
    expect(
      await cmdSweep(
        ['--tpe', '--space', good, '--trials', '2', '--epochs', '2', '--validate', '0', '--inline'],
        c.out,
      ),
    ).toBe(0);
    expect(c.text()).toMatch(/space: units ∈ \{4, 8\}, lr e\^-6\.\.e\^-3 \(log\)/);
    expect(c.text()).toMatch(/the trials, best first/);
    await expect(cmdSweep(['--tpe', '--space', bad], c.out)).rejects.toThrow(
      /invalid search space: dropout: high must be above low/,
    );
    await expect(cmdSweep(['--tpe', '--trials', '0'], c.out)).rejects.toThrow(/--trials takes 1 to 30/);
    await expect(cmdSweep(['--tpe', '--trials', '30', '--vs-random'], c.out)).rejects.toThrow(
      /up to 66 models; the limit is 40/,
    );
    await expect(cmdSweep(['--tpe', '--repeats', '2'], c.out)).rejects.toThrow(
      /--validate N \(configs\) and --seeds N/,
    );
  }, 60_000);
});

describe('isBadInput', () => {
  it('tells config and usage errors from internal ones', async () => {
    const { isBadInput, ConfigError } = await import('../../src/cli/train.js');
    const { UsageError } = await import('../../src/cli/args.js');
    expect(isBadInput(new ConfigError('x'))).toBe(true);
    expect(isBadInput(new UsageError('x'))).toBe(true);
    expect(isBadInput(new Error('x'))).toBe(false);
    await cmdTrain(['--bogus'], { write: () => 0 }).catch((e) => expect(isBadInput(e)).toBe(true));
  });
});
