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
