/**
 * Three readings bench/wild68's first read showed missing, each made general:
 * - names printed with accents (`loss validación=0.0092`, `pérdida=...`, `précision=...`): the printed-log tokenizer
 *   cut a name at its first non-ASCII letter (`validación` read as `n`, `pérdida` as `rdida`);
 * - one metric of MLflow's file store (`mlruns/<exp>/<run>/metrics/val_loss`: `timestamp value step` lines, named by
 *   the file): refused;
 * - a long table whose name column is headed by what its names are (`Epoch,Loss,Value`, a row per epoch and loss
 *   term): read as a wide table of one text column, not assessable.
 */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/diagnose/index.js';
import { ingest } from '../../src/ingest/index.js';
import { isIngestError } from '../../src/ingest/errors.js';
import { readValid } from './helpers/read-valid.js';

const keyOf = (log: ReturnType<typeof ingest>, name: string) => log.runs[0].series.find((s) => s.name === name)?.key;
const falling = (i: number, from = 1) => (from / (1 + i / 3)).toFixed(4);
const rising = (i: number) => (0.2 + 0.02 * i * i).toFixed(4);

describe('names printed with accents', () => {
  it('Spanish split words and French metric names keep their letters', () => {
    const lines = Array.from(
      { length: 12 },
      (_, i) =>
        `Epoch ${i + 1}: loss entrenamiento=${falling(i)}, loss validación=${rising(i)}, précision=${(0.5 + i / 40).toFixed(3)}`,
    );
    const log = readValid(lines.join('\n'));
    expect(log.runs[0].series.map((s) => s.key)).toContain('val_loss');
    expect(log.runs[0].series.some((s) => s.name.endsWith('précision'))).toBe(true);
    expect(log.runs[0].series.map((s) => s.name)).not.toContain('n');
    expect(diagnose(log).pattern).toBe('overfitting');
  });

  it('the epoch named in Spanish, Portuguese, French or German counts the epochs', () => {
    for (const [word, loss] of [
      ['Época', 'pérdida'],
      ['Epoca', 'perda'],
      ['Époque', 'perte'],
      ['Epoche', 'Verlust'],
    ]) {
      const lines = Array.from(
        { length: 8 },
        (_, i) => `${word} ${i + 1}: ${loss}=${falling(i)}, val_${loss}=${rising(i)}`,
      );
      const log = readValid(lines.join('\n'));
      expect(log.runs).toHaveLength(1);
      expect(log.runs[0].series.find((s) => s.key === 'val_loss')?.x).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    }
  });

  it('a metric, then its split after "de" / "di" / "d\'": Spanish, Portuguese, French and Italian word order', () => {
    for (const [loss, train, val] of [
      ['Pérdida', 'de entrenamiento', 'de validación'],
      ['Perda', 'de treino', 'de validação'],
      ['Perte', "d'entraînement", 'de validation'],
      ['perdita', 'di addestramento', 'di validazione'],
    ]) {
      const lines = Array.from(
        { length: 8 },
        (_, i) => `Época ${i + 1}/8 - ${loss} ${train}: ${falling(i)} - ${loss} ${val}: ${rising(i)}`,
      );
      const log = readValid(lines.join('\n'));
      expect(log.runs[0].series.map((s) => s.key).sort()).toEqual(['loss', 'val_loss']);
      expect(diagnose(log).pattern).toBe('overfitting');
    }
    // a GAN's D and G losses keep their names
    const gan = readValid(
      Array.from({ length: 8 }, (_, i) => `Epoch ${i + 1}: D loss: ${falling(i)} G loss: ${rising(i)}`).join('\n'),
    );
    expect(gan.runs[0].series.map((s) => s.name)).toEqual(expect.arrayContaining(['d_loss', 'g_loss']));
  });

  it('a name whose accent is its own combining mark (decomposed text) is one word', () => {
    const lines = Array.from(
      { length: 8 },
      (_, i) => `epoch ${i + 1} pe\u0301rdida=${falling(i)} pe\u0301rdida_validacio\u0301n=${falling(i, 1.2)}`,
    );
    const log = readValid(lines.join('\n'));
    expect(log.runs[0].series.map((s) => s.key).sort()).toEqual(['loss', 'val_loss']);
  });
});

/** An MLflow metric file: `timestamp value step` lines. */
const mlflow = (n: number, opts: { step?: (i: number) => number; value?: (i: number) => string } = {}) =>
  Array.from(
    { length: n },
    (_, i) => `${1774207875023 + 250000 * i} ${(opts.value ?? falling)(i)}${opts.step ? ` ${opts.step(i)}` : ''}`,
  ).join('\n') + '\n';

describe("MLflow's file-store metric", () => {
  it('read as the metric its file is named for, one value per epoch when the steps count by one from 0', () => {
    const log = readValid(mlflow(8, { step: (i) => i }), { fileName: 'mlruns/3/4274a5bb/metrics/val_loss' });
    const s = log.runs[0].series[0];
    expect(s.key).toBe('val_loss');
    expect(s.x).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(log.runs[0].xAxis).toBe('epoch');
    expect(log.warnings.map((w) => w.code)).toContain('named_by_file');
    expect(diagnose(log).pattern).not.toBe('not_assessable');
  });

  it('global steps stay steps; a step logged twice keeps its last value; a test metric is the held-out curve', () => {
    const text = mlflow(10, { step: (i) => 100 * i }) + '1774207875023 0.9 0\n';
    const log = readValid(text, { fileName: 'test_loss' });
    const s = log.runs[0].series[0];
    expect(log.runs[0].xAxis).toBe('step');
    expect(s.x[0]).toBe(0);
    expect(s.y[0]).toBe(0.9);
    expect(s.y).toHaveLength(10);
    expect(s.split).toBe('val');
  });

  it('the first stores kept no step: the values in the order logged; NaN as Python prints it', () => {
    const log = readValid(mlflow(7, { value: (i) => (i === 3 ? 'nan' : falling(i)) }), { fileName: 'loss' });
    const s = log.runs[0].series[0];
    expect(s.x).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(Number.isNaN(s.y[3])).toBe(true);
  });

  it('without its name, or too short, it is refused with what to send', () => {
    const unnamed = (() => {
      try {
        ingest(mlflow(8, { step: (i) => i }));
      } catch (e) {
        return e;
      }
    })();
    expect(isIngestError(unnamed)).toBe(true);
    expect(String((unnamed as Error).message)).toMatch(/MLflow.*file's name/);
    expect(() => ingest(mlflow(3, { step: (i) => i }), { fileName: 'val_loss' })).toThrow(/3 value\(s\)/);
  });

  it('logged without a step (every line at step 0), or nested (metrics/val/loss): in order, by its whole name', () => {
    const unstepped = readValid(mlflow(9, { step: () => 0 }), { fileName: 'val_loss' });
    expect(unstepped.runs[0].series[0].y).toHaveLength(9);
    expect(unstepped.warnings[0].message).toContain('every line at step 0');
    const nested = readValid(mlflow(8, { step: (i) => i }), { fileName: 'mlruns/0/3fa9/metrics/val/loss' });
    expect(nested.runs[0].series[0].split).toBe('val');
    expect(nested.runs[0].series[0].kind).toBe('loss');
  });

  it('under a folder of its own called metrics, by the run folder; lines with and without a step mixed are refused', () => {
    const deep = readValid(mlflow(8, { step: (i) => i }), {
      fileName: '/home/u/metrics/mlruns/0/0123456789abcdef0123456789abcdef/metrics/val_loss',
    });
    expect(deep.runs[0].series[0].key).toBe('val_loss');
    const mixed = mlflow(100, { step: (i) => i }) + '1774217875023 0.4\n';
    expect(() => ingest(mixed, { fileName: 'val_loss' })).toThrow(/Line 101 .* has no step/);
    // a store's lines with their steps under a name that names no metric: what to send
    expect(() => ingest(mlflow(8, { step: (i) => i }), { fileName: 'data.txt' })).toThrow(/metric's name/);
  });

  it("a loop's own `time loss` lines are left to the other readers, unless a store's path or a metric's name says", () => {
    const printed = mlflow(8);
    // no name: a printed time and loss per line, read as before (never the store's refusal)
    expect(() => ingest(printed)).not.toThrow(/MLflow/);
    // a file named for no metric: not the store's reading
    const named = (() => {
      try {
        return ingest(printed, { fileName: 'output.txt' });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(named instanceof Error ? named.message : named.warnings.map((w) => w.message).join(' ')).not.toMatch(
      /MLflow/,
    );
    // in a store's metrics folder, any name is the metric's
    const stored = readValid(printed, { fileName: 'mlruns/0/ab12/metrics/epoch_mae' });
    expect(stored.runs[0].series[0].name).toBe('epoch_mae');
  });

  it('lines that only look like it for a while are no store metric', () => {
    // another line among the first: not a store's file at all
    expect(() => ingest(mlflow(6, { step: (i) => i }) + 'total 12 rows\n', { fileName: 'val_loss' })).toThrow(
      /^(?![\s\S]*MLflow)/,
    );
    // another line further down: said where
    expect(() => ingest(mlflow(30, { step: (i) => i }) + 'total 12 rows\n', { fileName: 'val_loss' })).toThrow(
      /Line 31 of the MLflow metric file/,
    );
    // a blank line counts as a line
    expect(() => ingest(mlflow(30, { step: (i) => i }) + '\ntotal 12 rows\n', { fileName: 'val_loss' })).toThrow(
      /Line 32 of the MLflow metric file/,
    );
    const log = ingest('epoch,loss\n' + Array.from({ length: 6 }, (_, i) => `${i},${falling(i)}`).join('\n'), {
      fileName: 'val_loss',
    });
    expect(log.format).not.toBe('text');
  });
});

describe('a long table whose name column says what its names are', () => {
  const rows = (header: string, terms: string[]) => {
    const lines = [header];
    for (let e = 0; e < 20; e++)
      for (const [k, t] of terms.entries()) lines.push(`${e},${t},${falling(e, 10 * (k + 1))}`);
    return lines.join('\n') + '\n';
  };

  it('Epoch,Loss,Value: each loss term a series, the total the loss', () => {
    const log = readValid(rows('Epoch,Loss,Value', ['recon_loss', 'kl_loss', 'loss']));
    expect(log.runs[0].series.map((s) => s.name).sort()).toEqual(['kl_loss', 'loss', 'recon_loss']);
    expect(diagnose(log).pattern).not.toBe('not_assessable');
  });

  it('a `loss` column of numbers beside `value` is no name column', () => {
    const lines = ['epoch,loss,value'];
    for (let e = 0; e < 10; e++) lines.push(`${e},${falling(e)},${(0.5 + e / 50).toFixed(3)}`);
    const log = readValid(lines.join('\n'));
    expect(log.runs[0].series.find((s) => s.name === 'loss')?.y).toHaveLength(10);
  });

  it('words that never repeat at an x are no names of a long table', () => {
    const lines = ['epoch,type,value'];
    for (let e = 0; e < 10; e++) lines.push(`${e},run${e},${falling(e)}`);
    expect(() => ingest(lines.join('\n'))).not.toThrow(/too many/);
    const log = (() => {
      try {
        return ingest(lines.join('\n'));
      } catch {
        return undefined;
      }
    })();
    expect(log?.runs[0].series.some((s) => s.name.startsWith('run'))).not.toBe(true);
  });
});
