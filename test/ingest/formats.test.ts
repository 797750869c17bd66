/**
 * Every file in fixtures/formats parses to the expected format, runs, series keys, values (NaN and
 * Infinity kept at the right epoch, validation_freq x positions, 1-based epochs) and warnings.
 * Expectations live in fixtures/formats/EXPECTED.json, written by scripts/make-fixtures.ts from the
 * strings it wrote (not from ingest's output).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest, IngestError, type TrainingLog } from '../../src/ingest/index.js';
import { checkLog } from './helpers/ingest-worker.js';

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'formats');

type Num = number | 'NaN' | 'Infinity' | '-Infinity';
interface Expected {
  format: string;
  runs: number;
  keys?: string[];
  keysInclude?: string[];
  xAxis?: 'epoch' | 'step';
  points: [number, string, number, Num][];
  warnings?: string[];
  noWarnings?: string[];
  lengths?: [number, string, number][];
  fileName?: string;
  about: string;
}
const EXPECTED = JSON.parse(readFileSync(join(DIR, 'EXPECTED.json'), 'utf8')) as Record<string, Expected>;

function load(name: string, fileName = EXPECTED[name]?.fileName ?? name): TrainingLog {
  return ingest(readFileSync(join(DIR, name)), { fileName });
}
function series(log: TrainingLog, run: number, key: string) {
  const r = log.runs[run];
  const s = r?.series.find((x) => x.key === key);
  if (!s) throw new Error(`run ${run} has no series "${key}" (has: ${r?.series.map((x) => x.key).join(', ')})`);
  return s;
}
function toNum(v: Num): number {
  return v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v;
}

describe('fixtures/formats', () => {
  it('every data file has an expectation and vice versa', () => {
    const files = readdirSync(DIR)
      .filter((f) => f !== 'EXPECTED.json')
      .sort();
    expect(files).toEqual(Object.keys(EXPECTED).sort());
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  for (const [name, exp] of Object.entries(EXPECTED)) {
    describe(`${name}: ${exp.about}`, () => {
      it(`is read as ${exp.format} with ${exp.runs} run(s) and keys ${(exp.keys ?? exp.keysInclude ?? []).join(', ')}`, () => {
        const log = load(name);
        expect(log.format).toBe(exp.format);
        expect(log.detectedBy).toBe('content');
        expect(log.runs.length).toBe(exp.runs);
        const last = log.runs[log.runs.length - 1];
        const keys = last.series.map((s) => s.key).sort();
        if (exp.keys) expect(keys).toEqual([...exp.keys].sort());
        for (const k of exp.keysInclude ?? []) expect(keys).toContain(k);
        if (exp.xAxis) expect(last.xAxis).toBe(exp.xAxis);
        expect(checkLog(log)).toEqual([]);
      });

      it('has the written values at the right x positions', () => {
        const log = load(name);
        for (const [run, key, x, y] of exp.points) {
          const s = series(log, run, key);
          const i = s.x.indexOf(x);
          expect(i, `${key} has no point at x=${x} (x: ${s.x.slice(0, 12).join(', ')}...)`).toBeGreaterThanOrEqual(0);
          const want = toNum(y);
          if (Number.isNaN(want)) expect(s.y[i], `${key}@${x}`).toBeNaN();
          else expect(s.y[i], `${key}@${x}`).toBe(want);
        }
        for (const [run, key, n] of exp.lengths ?? []) {
          expect(series(log, run, key).x.length, `length of run ${run} ${key}`).toBe(n);
        }
      });

      if (exp.warnings?.length || exp.noWarnings?.length) {
        it(`warns ${exp.warnings?.join(', ') || '-'}; does not warn ${exp.noWarnings?.join(', ') || '-'}`, () => {
          const codes = load(name).warnings.map((w) => w.code);
          for (const w of exp.warnings ?? []) expect(codes).toContain(w);
          for (const w of exp.noWarnings ?? []) expect(codes).not.toContain(w);
        });
      }
    });
  }
});

describe('format details', () => {
  it('epochs are 1-based for 0-based writers (CSVLogger, fastai, Lightning, pandas index)', () => {
    for (const f of [
      'csvlogger-comma.csv',
      'fastai-history.csv',
      'lightning-metrics.csv',
      'history-pandas-index.csv',
      'history-tfkeras-nan.json',
    ]) {
      const log = load(f);
      const loss = series(log, log.runs.length - 1, 'loss');
      expect(loss.x[0], f).toBe(1);
    }
  });

  it('validation_freq=2 puts val values at epochs 2, 4, ..., 10', () => {
    const log = load('history-validation-freq.json');
    expect(series(log, 0, 'val_loss').x).toEqual([2, 4, 6, 8, 10]);
    expect(series(log, 0, 'val_accuracy').x).toEqual([2, 4, 6, 8, 10]);
    expect(series(log, 0, 'loss').x).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('keeps NaN where training produced it but drops NA / null / empty cells', () => {
    const nanInf = load('csvlogger-nan-inf-na.csv');
    const vl = series(nanInf, 0, 'val_loss');
    expect(vl.x).toEqual([1, 2, 3, 4, 5, 6, 7]); // epoch 8 (0-based 7) is NA
    expect(vl.y[5]).toBe(Infinity);
    expect(vl.y[6]).toBeNaN();
    const pandas = load('history-pandas.json');
    expect(series(pandas, 0, 'val_loss').x).not.toContain(5); // null
    const pcsv = load('history-pandas-index.csv');
    expect(series(pcsv, 0, 'val_loss').x).not.toContain(3); // empty cell
  });

  it('\\r\\r\\n, \\r\\n and a BOM leave no stray characters in names or rows', () => {
    for (const f of [
      'csvlogger-crcrlf.csv',
      'csvlogger-bom.csv',
      'csvlogger-comma.csv',
      'history-pandas-index.csv',
      'run-validation-tag-epoch_loss.csv',
    ]) {
      const log = load(f);
      for (const s of log.runs.flatMap((r) => r.series)) {
        expect(s.name, f).not.toMatch(/[\r\ufeff]/);
        expect(
          s.y.every((v) => typeof v === 'number'),
          f,
        ).toBe(true);
      }
      expect(
        log.warnings.map((w) => w.code),
        f,
      ).not.toContain('skipped_rows');
    }
  });

  it('console redraw noise and ANSI escapes never leak into series names', () => {
    for (const f of ['console-keras3-ansi.txt', 'console-tfkeras-capture.txt']) {
      const log = load(f);
      for (const s of log.runs[0].series) expect(s.name, f).toMatch(/^[a-z_]+$/);
    }
  });

  it('callback lines (ReduceLROnPlateau, EarlyStopping, ModelCheckpoint) are not epochs', () => {
    const k3 = load('console-keras3-ansi.txt');
    expect(series(k3, 0, 'loss').x).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const tf2 = load('console-tfkeras-verbose2.txt');
    expect(series(tf2, 0, 'loss').x).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(tf2.runs.length).toBe(1);
  });

  it('evaluate() lines after the last epoch do not overwrite it', () => {
    const log = load('console-tfkeras-capture.txt');
    const exp = EXPECTED['console-tfkeras-capture.txt'];
    const [, , , y] = exp.points.find(([, k, x]) => k === 'accuracy' && x === 8)!;
    expect(series(log, 0, 'accuracy').y[7]).toBe(y);
  });

  it('Lightning: the epoch aggregate is the main series, per-step values are kept apart', () => {
    const log = load('lightning-metrics.csv');
    const loss = series(log, 0, 'loss');
    expect(loss.name).toBe('train_loss_epoch');
    expect(loss.x).toEqual([1, 2, 3, 4, 5]);
    const step = series(log, 0, 'loss_step');
    expect(step.name).toBe('train_loss_step');
    expect(log.runs[0].epochAtStep?.epoch).toEqual([1, 2, 3, 4, 5]);
  });

  it('HF trainer_state: eval_* become val_*, grad_norm (NaN) and runtimes are not series, the summary entry is not a point', () => {
    const log = load('hf-trainer_state.json');
    const keys = log.runs[0].series.map((s) => s.key);
    expect(keys).not.toContain('grad_norm');
    expect(keys.some((k) => /runtime|per_second|flos/.test(k))).toBe(false);
    expect(series(log, 0, 'val_loss').name).toBe('eval_loss');
    expect(series(log, 0, 'loss').y.every(Number.isFinite)).toBe(true);
  });

  it("HF trainer_state whose every step's entry carries train_runtime (include_num_input_tokens_seen): the steps are points, the summary is not", () => {
    const log_history = Array.from({ length: 12 }, (_, i) => ({
      epoch: (i + 1) / 8,
      grad_norm: 0.5,
      learning_rate: 1e-4,
      loss: +(1.4 * Math.exp(-0.2 * i)).toFixed(4),
      num_input_tokens_seen: 14000 * (i + 1),
      step: i + 1,
      train_runtime: 15 * (i + 1),
      train_tokens_per_second: 900,
    }));
    const summary = {
      epoch: 1.5,
      step: 12,
      total_flos: 4e16,
      train_loss: 0.7,
      train_runtime: 190,
      train_samples_per_second: 1.2,
    };
    const log = ingest(JSON.stringify({ global_step: 12, log_history: [...log_history, summary] }), {
      fileName: 'trainer_state.json',
    });
    // it was refused: "an empty log_history", every entry being taken for the summary
    expect(series(log, 0, 'loss').y).toEqual(log_history.map((e) => e.loss));
    expect(log.runs[0].series.map((s) => s.key)).not.toContain('train_loss');
    // a summary merged with the evaluation's metrics (trainer.log({**train_result.metrics, **eval_metrics})) is
    // still no point; an evaluation that carries a running time is one
    const merged = { ...summary, eval_loss: 0.5, eval_runtime: 3 };
    const evalTimed = { epoch: 1.5, step: 12, eval_loss: 0.62, eval_runtime: 3, train_runtime: 190 };
    const log2 = ingest(JSON.stringify({ log_history: [...log_history, evalTimed, merged] }), {
      fileName: 'trainer_state.json',
    });
    expect(series(log2, 0, 'val_loss').y).toEqual([0.62]);
  });

  it('TensorBoard: the series is named from run-<run>-tag-<tag> file names', () => {
    expect(series(load('run-validation-tag-epoch_loss.csv'), 0, 'val_loss').x[0]).toBe(0);
    const unnamed = load('train.csv');
    expect(unnamed.warnings.map((w) => w.code)).toContain('unnamed_series');
  });

  it('a JSON file holding one string (json.dump(str(history.history))) is read as the dict inside it', () => {
    const dict = "{'loss': [0.9, 0.6, 0.5, 0.45, 0.43], 'val_loss': [0.95, 0.7, 0.62, 0.6, 0.61]}";
    const log = ingest(JSON.stringify(dict) + '\n');
    expect(log.format).toBe('keras-history-json');
    expect(series(log, 0, 'val_loss').y).toEqual([0.95, 0.7, 0.62, 0.6, 0.61]);
    // a quoted string that is not a document is not read as one (it gets the table reader's answer, as before)
    expect(() => ingest('"just a sentence, with a comma"')).toThrow(/header .*no data rows/);
  });

  it('a per-step printed log keeps its step curve when a few epoch-like lines would read as a curve-less epoch log', () => {
    const steps = (name: string, start: number) => [
      `--- Training ${name} ---`,
      ...[0, 100, 200, 300, 400, 499].map(
        (s, i) =>
          `step ${s}: train loss ${(start * Math.exp(-0.2 * i)).toFixed(4)}, val loss ${(start * 1.01 * Math.exp(-0.2 * i)).toFixed(4)}`,
      ),
      `[${name}] Final Val Loss: ${(start * Math.exp(-1)).toFixed(4)} | Time: 8.4s`,
    ];
    // three "Final Val Loss" lines alone would be three epochs of val_loss, read in order
    const log = ingest([...steps('DENSE', 4.3), ...steps('SPARSE', 4.4), ...steps('BIGBIRD', 4.2)].join('\n') + '\n');
    expect(log.runs).toHaveLength(3);
    expect(log.runs[2].xAxis).toBe('step');
    expect(series(log, 2, 'val_loss').x).toEqual([0, 100, 200, 300, 400, 499]);
    // "1 epoch = 41 batches" is not an epoch log around a per-step one
    const gpt = [
      '1 epoch = 41 batches',
      ...Array.from(
        { length: 8 },
        (_, i) =>
          `step ${String(i * 50).padStart(4)} | loss: ${(11 / (i + 1)).toFixed(6)} | lr: 6.00e-04 | time: 26.1ms`,
      ),
      'Final loss: 0.095127',
    ];
    const g = ingest(gpt.join('\n') + '\n');
    expect(g.runs[0].xAxis).toBe('step');
    expect(series(g, 0, 'loss').y).toHaveLength(8);
  });

  it('JSON lines addressed by an iteration counter (detectron2 metrics.json): a step axis, a run per relaunch', () => {
    const rec = (it: number, loss: number) => JSON.stringify({ iteration: it, lr: 1e-5 * it, total_loss: loss });
    const text = [
      rec(19, 190.6),
      rec(39, 153.9),
      rec(59, 135.1),
      rec(19, 453.8),
      rec(39, 300.2),
      rec(59, 210.4),
      rec(79, 150.3),
    ].join('\n');
    const log = ingest(text + '\n');
    expect(log.runs.length).toBe(2);
    expect(log.runs.every((r) => r.xAxis === 'step')).toBe(true);
    expect(series(log, 1, 'total_loss').x).toEqual([19, 39, 59, 79]);
    expect(series(log, 1, 'total_loss').y).toEqual([453.8, 300.2, 210.4, 150.3]);
  });

  it("JSON lines with records of other kinds between the epochs': the epochs' are read, a run per restart", () => {
    const note = JSON.stringify({ kind: 'provenance', note: 'dataset v2' });
    const bench = (h: number) => JSON.stringify({ kind: 'horizon_curve', horizon: h, mse: 0.01 * h });
    const ep = (run: string, e: number, loss: number) =>
      JSON.stringify({ kind: 'train_epoch', run_id: run, epoch: e, train_loss: loss, val_loss: loss * 1.1 });
    const first = [1, 2, 3, 4, 5].map((e) => ep('a', e, 1 / e));
    const second = [1, 2, 3, 4, 5, 6].map((e) => ep('b', e, 2 / e));
    const log = ingest([note, ...first, bench(1), bench(2), ...second, bench(4)].join('\n') + '\n');
    expect(log.runs).toHaveLength(2);
    expect(series(log, 1, 'loss').x).toEqual([1, 2, 3, 4, 5, 6]);
    expect(series(log, 1, 'loss').y).toEqual([2, 1, 2 / 3, 0.5, 0.4, 2 / 6]);
    expect(log.runs[1].series.some((s) => /mse|horizon/.test(s.name))).toBe(false);
    expect(log.warnings.find((w) => w.code === 'skipped_rows')?.message).toMatch(
      /Left out 4 record\(s\) without an epoch/,
    );
    // a few epoch records among many others stay read in order (too few count epochs to be the run)
    const few = ingest([...first.slice(0, 2), ...Array.from({ length: 6 }, (_, i) => bench(i))].join('\n') + '\n');
    expect(few.warnings.some((w) => /without an epoch/.test(w.message))).toBe(false);
  });

  it('a counter that steps back by one is two writers numbering one step, not a relaunch (detectron2 metrics.json)', () => {
    // a hook's record at iteration 76, then the trainer's at 75; the last launch's records zigzag 3, 2, 4, 3
    const rec = (it: number, loss?: number) =>
      JSON.stringify(
        loss === undefined ? { iteration: it, eta_seconds: 100 - it } : { iteration: it, total_loss: loss },
      );
    const text = [
      rec(19, 2.9),
      rec(39, 1.3),
      rec(59, 0.42),
      rec(76),
      rec(75, 0.41),
      rec(5, 2.8),
      rec(19, 2.6),
      rec(39, 1.1),
      rec(3),
      rec(2, 3.3),
      rec(4),
      rec(3, 3.2),
    ].join('\n');
    const log = ingest(text + '\n');
    expect(log.runs.length).toBe(3);
    expect(series(log, 0, 'total_loss').x).toEqual([19, 39, 59, 75]);
    expect(series(log, 2, 'total_loss').x).toEqual([2, 3]);
    // a column whose rows came out of order is read in step order
    const csv = ingest('iteration,loss\n10,0.9\n20,0.8\n31,0.7\n30,0.72\n40,0.6\n50,0.5\n');
    expect(csv.runs.length).toBe(1);
    expect(series(csv, 0, 'loss').x).toEqual([10, 20, 30, 31, 40, 50]);
    expect(series(csv, 0, 'loss').y).toEqual([0.9, 0.8, 0.72, 0.7, 0.6, 0.5]);
  });

  it('a batch counter that starts again under the next epoch header counts within the epoch: one run goes on', () => {
    const epochBlock = (e: number, of: number, start: number) => [
      '='.repeat(40),
      `Epoch ${e}/${of} | LR: 2.00e-03 | Effective batch: 96`,
      '='.repeat(40),
      ...[100, 200, 300, 400].map(
        (b, i) => `  batch ${b}/400 | loss=${(start - 0.2 * i).toFixed(4)} ppl=${Math.exp(start - 0.2 * i).toFixed(2)}`,
      ),
      '',
      `Epoch ${e} Summary:`,
      `  Train Loss: ${(start - 0.5).toFixed(4)} | Train PPL: ${Math.exp(start - 0.5).toFixed(2)}`,
      `  Val Loss:   ${(start - 0.4).toFixed(4)} | Val PPL:   ${Math.exp(start - 0.4).toFixed(2)}`,
      '  Time: 265.9s | Tokens: 10,113,024 | Skipped: 0',
    ];
    const three = [...epochBlock(1, 3, 8), ...epochBlock(2, 3, 7), ...epochBlock(3, 3, 6.5)];
    const log = ingest(three.join('\n') + '\n');
    expect(log.runs.length).toBe(1);
    expect(log.runs[0].xAxis).toBe('step');
    expect(series(log, 0, 'loss').x).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100, 1200]);
    expect(series(log, 0, 'val_loss').x).toEqual([400, 800, 1200]);
    // a relaunch prints "Epoch 1/3" again after "Epoch 2/3": a new run
    const relaunched = ingest(
      [...epochBlock(1, 3, 8), ...epochBlock(2, 3, 7), ...epochBlock(1, 3, 8.1)].join('\n') + '\n',
    );
    expect(relaunched.runs.length).toBe(2);
    expect(series(relaunched, 1, 'loss').x).toEqual([100, 200, 300, 400]);
  });

  it('a batch counter from 0 under each epoch header: batch 0 starts a new step, one printing interval on', () => {
    const block = (e: number, every: number, start: number) => [
      `Epoch ${e}/3 | LR: 2.00e-03 | Effective batch: 96`,
      ...[0, 1, 2, 3].map((i) => `  batch ${i * every}/${4 * every} | loss=${(start - 0.1 * i).toFixed(4)}`),
      `Epoch ${e} Summary:`,
      `  Train Loss: ${(start - 0.2).toFixed(4)} | Train PPL: ${Math.exp(start - 0.2).toFixed(2)}`,
      `  Val Loss:   ${(start - 0.1).toFixed(4)} | Val PPL:   ${Math.exp(start - 0.1).toFixed(2)}`,
    ];
    const log = ingest([...block(1, 100, 2), ...block(2, 100, 1.6), ...block(3, 100, 1.3)].join('\n') + '\n');
    expect(log.runs.length).toBe(1);
    expect(log.runs[0].xAxis).toBe('step');
    const loss = series(log, 0, 'loss');
    expect(loss.x).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100]);
    // the first batch of an epoch keeps its own value: it is not written over the last one of the epoch before
    expect(loss.y.slice(3, 5)).toEqual([1.8, 1.6]);
    // a loop printing every batch: one step on
    const everyBatch = ingest([...block(1, 1, 2), ...block(2, 1, 1.6)].join('\n') + '\n');
    expect(series(everyBatch, 0, 'loss').x).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('headerless numbers that say what they are: one column, or a counter and a value, read as the training loss', () => {
    const one = ingest('1.5897e+04\n7.6023e+03\n5.4269e+03\n4.5155e+03\n4.0419e+03\n');
    expect(one.runs[0].series.map((s) => s.key)).toEqual(['loss']);
    expect(series(one, 0, 'loss').x).toEqual([1, 2, 3, 4, 5]);
    expect(one.warnings.map((w) => w.code)).toContain('unnamed_series');
    const steps = ingest('100,3.2316\n200,2.9706\n300,2.6480\n400,2.5816\n500,2.5810\n');
    expect(steps.runs[0].xAxis).toBe('step');
    expect(series(steps, 0, 'loss').x).toEqual([100, 200, 300, 400, 500]);
    const epochs = ingest('0,0.91\n1,0.72\n2,0.64\n3,0.60\n4,0.58\n');
    expect(epochs.runs[0].xAxis).toBe('epoch');
    expect(series(epochs, 0, 'loss').x).toEqual([1, 2, 3, 4, 5]);
    // numpy.savetxt's default: space-separated, every number in scientific notation
    const savetxt = ingest(
      [1, 2, 3, 4, 5].map((i) => `${i.toExponential(18)} ${(3.2 - 0.1 * i).toExponential(18)}`).join('\n'),
    );
    expect(savetxt.runs[0].xAxis).toBe('epoch');
    expect(series(savetxt, 0, 'loss').x).toEqual([1, 2, 3, 4, 5]);
    const resumed = ingest('10,0.51\n11,0.50\n12,0.48\n13,0.47\n14,0.47\n');
    expect(resumed.runs[0].xAxis).toBe('epoch');
    expect(series(resumed, 0, 'loss').x).toEqual([10, 11, 12, 13, 14]);
    // what the warning suggests for something else reads
    expect(series(ingest('epoch,val_loss\n0,0.9\n1,0.8\n2,0.75\n3,0.73\n4,0.72\n'), 0, 'val_loss').y).toHaveLength(5);
    // two unnamed values that both fall like losses on one scale: the training and validation loss, in that order
    const pair = ingest('\n0.84,0.67\n0.77,0.66\n0.68,0.56\n0.58,0.50\n0.52,0.49\n');
    expect(series(pair, 0, 'loss').y).toEqual([0.84, 0.77, 0.68, 0.58, 0.52]);
    expect(series(pair, 0, 'val_loss').y).toEqual([0.67, 0.66, 0.56, 0.5, 0.49]);
    expect(pair.warnings.find((w) => w.code === 'unnamed_series')?.message).toMatch(
      /training loss and the validation loss/,
    );
    // Keras with dropout: the first train loss (a mean over a falling epoch) sits well above val
    const dropout = ingest('0.26,0.057\n0.089,0.042\n0.068,0.035\n0.055,0.031\n0.047,0.029\n');
    expect(series(dropout, 0, 'val_loss').y).toEqual([0.057, 0.042, 0.035, 0.031, 0.029]);
    const counted = ingest('0 0.84 0.67\n1 0.77 0.66\n2 0.68 0.56\n3 0.58 0.50\n4 0.52 0.49\n');
    expect(series(counted, 0, 'val_loss').x).toEqual([1, 2, 3, 4, 5]);
    // two unnamed values that are not two losses of one model: still a request for a header
    for (const text of [
      '0.84,0.55\n0.77,0.61\n0.68,0.66\n0.58,0.70\n0.52,0.72\n', // a loss beside a rising accuracy
      '0.84,67.1\n0.77,66.2\n0.68,55.9\n0.58,50.3\n0.52,49.8\n', // two scales
      '0.84,-0.67\n0.77,-0.76\n0.68,-0.86\n0.58,-0.90\n0.52,-0.93\n', // a negative score
      '0.84,0.67,0.5\n0.77,0.66,0.4\n0.68,0.56,0.3\n0.58,0.50,0.2\n0.52,0.49,0.1\n', // three values, no counter
      '0.21,1.05\n0.18,0.93\n0.15,0.81\n0.13,0.72\n0.12,0.66\n', // two quantities that start 5x apart (MSE beside MAE)
    ])
      expect(() => ingest(text), text).toThrow(/no header row/);
    // a counter that goes back is not a counter
    expect(() => ingest('3,0.84\n1,0.67\n2,0.56\n5,0.50\n6,0.49\n')).toThrow(/no header row/);
  });

  it('one column under a header naming a metric (a DataFrame of one list written with to_csv): that series per epoch', () => {
    const loss = ingest('loss\n0.0\n0.143\n0.0543\n0.0577\n0.0487\n0.0503\n');
    expect(series(loss, 0, 'loss').y).toEqual([0, 0.143, 0.0543, 0.0577, 0.0487, 0.0503]);
    expect(series(loss, 0, 'loss').x).toEqual([1, 2, 3, 4, 5, 6]);
    const acc = ingest('"val_accuracy"\n0.5\n0.6\n0.7\n0.72\n0.74\n');
    expect(acc.runs[0].series.map((s) => s.key)).toEqual(['val_accuracy']);
    // a column under a word that is not a metric, or too short, is not a curve
    for (const text of [
      'user_id\n1.5\n2.5\n3.5\n4.5\n5.5\n',
      'date\n2020\n2021\n2022\n2023\n2024\n',
      'loss\n0.9\n0.8\n',
    ])
      expect(() => ingest(text), text).toThrow(IngestError);
  });

  it('a loss list written as one row (csv.writer.writerow), or a training row and a validation row', () => {
    const one = ingest(',0.724,0.389,0.332,0.272,0.246,0.232\n');
    expect(series(one, 0, 'loss').y).toEqual([0.724, 0.389, 0.332, 0.272, 0.246, 0.232]);
    expect(series(one, 0, 'loss').x).toEqual([1, 2, 3, 4, 5, 6]);
    expect(one.warnings.find((w) => w.code === 'unnamed_series')?.message).toMatch(/one row of numbers/);
    const two = ingest('0.9,0.8,0.7,0.65,0.6\n0.95,0.85,0.8,0.76,0.75\n');
    expect(series(two, 0, 'val_loss').y).toEqual([0.95, 0.85, 0.8, 0.76, 0.75]);
    // whole numbers, too few values, rows of unequal length, three rows: refused with a message
    for (const text of [
      '1,2,3,4,5\n',
      '0.9,0.8,0.7\n',
      '0.9,0.8,0.7,0.65,0.6\n0.95,0.85,0.8,0.76\n',
      '0.9,0.8,0.7,0.65,0.6\n0.95,0.85,0.8,0.76,0.75\n0.9,0.8,0.7,0.65,0.6\n',
    ])
      expect(() => ingest(text), text).toThrow(IngestError);
  });

  it('history keys with a split prefix (dev_, trn_, va_, tr_) are splits of one run, not phases; other prefixes are phases', () => {
    const h = (a: string, b: string) =>
      JSON.stringify({
        [`${a}loss`]: [1.38, 1.2, 0.4, 0.26, 0.19],
        [`${b}loss`]: [1.38, 0.58, 0.36, 0.33, 0.31],
        [`${b}acc`]: [0.24, 0.79, 0.88, 0.89, 0.9],
      });
    const dev = ingest(h('train_', 'dev_'));
    expect(dev.runs).toHaveLength(1);
    expect(series(dev, 0, 'val_loss').y).toEqual([1.38, 0.58, 0.36, 0.33, 0.31]);
    expect(series(dev, 0, 'val_accuracy').y).toHaveLength(5);
    const short = ingest(h('tr_', 'va_'));
    expect(short.runs).toHaveLength(1);
    expect(series(short, 0, 'loss').y).toEqual([1.38, 1.2, 0.4, 0.26, 0.19]);
    expect(series(short, 0, 'val_loss').y).toEqual([1.38, 0.58, 0.36, 0.33, 0.31]);
    // fine_tune_loss beside loss of another length is a second fit() merged into one dict
    const phases = ingest(
      JSON.stringify({ loss: [1, 0.8, 0.7, 0.6, 0.5, 0.45], fine_tune_loss: [0.4, 0.35, 0.33, 0.32, 0.31] }),
    );
    expect(phases.runs.map((r) => r.label)).toEqual(['run 1 of 2 (main)', 'run 2 of 2 (fine_tune)']);
    // a split then a part (train_total_loss, val_position_loss) is one run's components, not a phase per key
    const parts = ingest(
      JSON.stringify({
        train_total_loss: [0.53, 0.35, 0.28, 0.24, 0.21],
        train_position_loss: [0.3, 0.2, 0.16, 0.14, 0.12],
        val_total_loss: [0.39, 0.27, 0.22, 0.2, 0.19],
        val_position_loss: [0.2, 0.14, 0.12, 0.11, 0.1],
      }),
    );
    expect(parts.runs).toHaveLength(1);
    expect(series(parts, 0, 'val_loss').y).toEqual([0.39, 0.27, 0.22, 0.2, 0.19]);
  });

  it('a named loss and its val_ twin (mse_loss, val_mse_loss) are one run, not a phase and a main run split apart', () => {
    const fall = [0.69, 0.6, 0.55, 0.52, 0.5];
    const val = [0.7, 0.62, 0.58, 0.56, 0.55];
    const one = ingest(JSON.stringify({ mse_loss: fall, val_mse_loss: val }));
    expect(one.runs).toHaveLength(1);
    expect(one.runs[0].series.map((s) => s.name)).toEqual(['mse_loss', 'val_mse_loss']);
    // a VAE's parts and their twins: one run, the parts summed into its loss as for train_/val_ parts
    const vae = ingest(JSON.stringify({ recon_loss: fall, kl_loss: fall, val_recon_loss: val, val_kl_loss: val }));
    expect(vae.runs).toHaveLength(1);
    expect(series(vae, 0, 'val_loss').y).toEqual(val.map((v) => v * 2));
    // a phase keeps its prefix first: fine_tune_val_loss is the fine-tune's own validation
    const phase = ingest(
      JSON.stringify({
        loss: [1, 0.8, 0.7, 0.6, 0.5, 0.45],
        val_loss: [1.1, 0.9, 0.8, 0.7, 0.6, 0.55],
        fine_tune_loss: fall,
        fine_tune_val_loss: val,
      }),
    );
    expect(phase.runs.map((r) => r.label)).toEqual(['run 1 of 2 (main)', 'run 2 of 2 (fine_tune)']);
    expect(series(phase, 1, 'val_loss').y).toEqual(val);
    // the twin is the name under a whole split prefix: val_shift_loss is no twin of ft_loss
    const near = ingest(
      JSON.stringify({
        loss: [1, 0.8, 0.7, 0.6, 0.5, 0.45],
        val_loss: [1.1, 0.9, 0.8, 0.7, 0.6, 0.55],
        shift_loss: [1, 0.8, 0.7, 0.6, 0.5, 0.45],
        val_shift_loss: [1.1, 0.9, 0.8, 0.7, 0.6, 0.55],
        ft_loss: fall,
        ft_val_loss: val,
      }),
    );
    expect(near.runs.map((r) => r.label)).toEqual(['run 1 of 2 (main)', 'run 2 of 2 (ft)']);
  });

  it('history dicts side by side under names (a stage or a model each) are a run each, in the file order', () => {
    const stage = (from: number) => ({
      train_loss: [0, 1, 2, 3, 4].map((i) => from * 0.8 ** i),
      val_loss: [0, 1, 2, 3, 4].map((i) => from * 0.85 ** i),
    });
    const log = ingest(
      JSON.stringify({ phase1_initial: stage(0.5), config: { lr: 0.001, epochs: 5 }, phase2_finetune: stage(0.2) }),
    );
    expect(log.runs.map((r) => r.label)).toEqual(['run 1 of 2 (phase1_initial)', 'run 2 of 2 (phase2_finetune)']);
    expect(series(log, 1, 'val_loss').y[0]).toBe(0.2);
    // one named dict alone is still the history it holds (found under any key)
    expect(ingest(JSON.stringify({ results: stage(0.5), config: { lr: 0.001 } })).runs).toHaveLength(1);
    // the same a level down, beside the run's settings: a run each (the first alone was read)
    const nested = ingest(
      JSON.stringify({ config: { lr: 0.001 }, results: { HistoMoE: stage(0.5), Baseline: stage(0.2) } }),
    );
    expect(nested.runs.map((r) => r.label)).toEqual(['run 1 of 2 (HistoMoE)', 'run 2 of 2 (Baseline)']);
    expect(series(nested, 1, 'val_loss').y[0]).toBe(0.2);
    // settings that hold lists of numbers (Adam's betas, milestones) hold no history
    const settings = { lr: 0.001, betas: [0.9, 0.999], milestones: [30, 60] };
    const withLists = ingest(JSON.stringify({ config: settings, results: { A: stage(0.5), B: stage(0.2) } }));
    expect(withLists.runs).toHaveLength(2);
    // not: a train and a validation set under their names (one run's splits), a history beside other named dicts
    // (the history is the run), one run's parts that share no metric
    for (const sets of [
      { train: stage(0.5), val: stage(0.2) },
      { trainset: stage(0.5), valset: stage(0.2) },
      { train_metrics: stage(0.5), val_metrics: stage(0.2) },
    ])
      expect(ingest(JSON.stringify({ config: { lr: 0.001 }, history: sets })).runs).toHaveLength(1);
    const beside = ingest(JSON.stringify({ history: stage(0.3), baselines: { A: stage(0.5), B: stage(0.2) } }));
    expect(beside.runs).toHaveLength(1);
    expect(series(beside, 0, 'val_loss').y[0]).toBe(0.3);
    const parts = {
      losses: stage(0.5),
      accuracies: { train_acc: [0.5, 0.6, 0.7, 0.8, 0.85], val_acc: [0.5, 0.55, 0.6, 0.6, 0.62] },
    };
    expect(ingest(JSON.stringify({ config: {}, history: parts })).runs).toHaveLength(1);
  });

  it('a history dict alone in a list is the history it holds, under a name or as the whole file', () => {
    const stage = (from: number, val = true) => ({
      loss: [0, 1, 2, 3, 4].map((i) => from * 0.8 ** i),
      ...(val ? { val_loss: [0, 1, 2, 3, 4].map((i) => from * 0.85 ** i) } : {}),
    });
    // {"training": [history.history], "fine_tuning": [history.history]}: a list per stage that got one history
    const staged = ingest(JSON.stringify({ training: [stage(0.5)], fine_tuning: [stage(0.2, false)] }));
    expect(staged.runs.map((r) => r.label)).toEqual(['run 1 of 2 (training)', 'run 2 of 2 (fine_tuning)']);
    expect(series(staged, 0, 'val_loss').y[0]).toBe(0.5);
    expect(series(staged, 1, 'loss').y[0]).toBe(0.2);
    // json.dump([history.history], f)
    const alone = ingest(JSON.stringify([stage(0.5)]));
    expect(alone.runs).toHaveLength(1);
    expect(series(alone, 0, 'val_loss').y).toHaveLength(5);
    // two in the list are a run each, as before
    expect(ingest(JSON.stringify([stage(0.5), stage(0.2)])).runs).toHaveLength(2);
    // under the splits' names it is one run's splits, as the same dicts without their lists read
    const splits = { training: [stage(0.5, false)], validation: [stage(0.6, false)] };
    const tv = ingest(JSON.stringify(splits));
    expect(tv.runs).toHaveLength(1);
    expect(series(tv, 0, 'val_loss').y[0]).toBe(0.6);
  });

  it('a table whose cells hold whole curves (a DataFrame of lists written with to_csv): a run per row', () => {
    const text = [
      'Model,Loss,val_loss',
      'BOW,"[0.71, 0.67, 0.65, 0.63, 0.59]","[0.75, 0.70, 0.69, 0.68, 0.68]"',
      'BOW_LN,"[0.70, 0.66, 0.61, 0.55, 0.49]","[0.72, 0.69, 0.66, 0.64, 0.66]"',
    ].join('\n');
    const log = ingest(text + '\n');
    expect(log.runs.map((r) => r.label)).toEqual(['run 1 of 2 (BOW)', 'run 2 of 2 (BOW_LN)']);
    expect(series(log, 1, 'val_loss').y).toEqual([0.72, 0.69, 0.66, 0.64, 0.66]);
    expect(series(log, 1, 'loss').x).toEqual([1, 2, 3, 4, 5]);
    expect(log.warnings.map((w) => w.code)).toContain('curves_in_cells');
    // a sweep table whose other cells are numbers (hyperparameters): still a run per row, labelled by them
    const sweep = ingest(
      'lr,batch_size,loss\n0.01,32,"[0.9, 0.7, 0.6, 0.55, 0.5]"\n0.001,32,"[0.9, 0.85, 0.8, 0.77, 0.75]"\n',
    );
    expect(sweep.runs.map((r) => r.label)).toEqual(['run 1 of 2 (0.01 32)', 'run 2 of 2 (0.001 32)']);
    expect(series(sweep, 1, 'loss').y).toEqual([0.9, 0.85, 0.8, 0.77, 0.75]);
    // one row per metric (pd.Series(history.history).to_csv()): one run, a series per row
    for (const head of ['metric,values', ',0']) {
      const rows = ingest(`${head}\nloss,"[0.9, 0.7, 0.6, 0.55, 0.5]"\nval_loss,"[0.95, 0.8, 0.72, 0.7, 0.71]"\n`);
      expect(rows.runs).toHaveLength(1);
      expect(series(rows, 0, 'val_loss').y).toEqual([0.95, 0.8, 0.72, 0.7, 0.71]);
    }
    // a cell holding a list of lists (each fit's history appended to one list per metric): a run per inner list
    const fits = `loss,accuracy\n"[[0.9, 0.7, 0.6, 0.55, 0.5], [0.52, 0.5, 0.47, 0.45, 0.44]]","[[0.5, 0.6, 0.7, 0.72, 0.75], [0.76, 0.78, 0.8, 0.8, 0.81]]"\n`;
    const nested = ingest(fits);
    expect(nested.runs.map((r) => r.label)).toEqual(['run 1 of 2', 'run 2 of 2']);
    expect(series(nested, 1, 'loss').y).toEqual([0.52, 0.5, 0.47, 0.45, 0.44]);
    expect(series(nested, 1, 'accuracy').x).toEqual([1, 2, 3, 4, 5]);
    // a list of lists under a name that is no metric (a confusion matrix) is no curve: the loss lists are the runs
    const matrix = '[[50, 2, 3, 1, 0], [1, 45, 2, 0, 1], [0, 1, 47, 2, 0], [2, 0, 1, 44, 3], [0, 1, 0, 2, 48]]';
    const withMatrix = ingest(
      `model,loss,confusion\nA,"[0.9, 0.7, 0.6, 0.5, 0.4]","${matrix}"\nB,"[0.8, 0.7, 0.65, 0.6, 0.58]","${matrix}"\n`,
    );
    expect(withMatrix.runs).toHaveLength(2);
    expect(series(withMatrix, 1, 'loss').y).toEqual([0.8, 0.7, 0.65, 0.6, 0.58]);
    // cells of one row holding different numbers of curves say nothing about which goes with which
    expect(() =>
      ingest(
        `loss,accuracy\n"[[0.9, 0.7, 0.6, 0.55, 0.5], [0.52, 0.5, 0.47, 0.45, 0.44]]","[0.5, 0.6, 0.7, 0.72, 0.75]"\n`,
      ),
    ).toThrow(/Row 1 holds different numbers of curves in its cells \(loss: 2, accuracy: 1\)/);
    // one list alone in a one-cell frame under pandas' default names (`,0` / `0,"[...]"`): named by the file's name
    const lone = ',0\n0,"[0.032, 0.031, 0.028, 0.019, 0.013, 0.009]"\n';
    const lossLog = ingest(lone, { fileName: 'result/result_loss.csv' });
    expect(series(lossLog, 0, 'loss').y).toEqual([0.032, 0.031, 0.028, 0.019, 0.013, 0.009]);
    expect(lossLog.warnings.find((w) => w.code === 'named_by_file')?.message).toMatch(
      /one list of 6 numbers in a table cell, without a name inside: it is read as loss, from the file's name result_loss\.csv/,
    );
    expect(series(ingest(lone, { fileName: 'val_loss.csv' }), 0, 'val_loss').x).toEqual([1, 2, 3, 4, 5, 6]);
    // a name that says nothing, or more than a loss (which of acc and loss is it?): refused with what would name it
    for (const fileName of ['result.csv', 'acc_loss.csv', 'losses_and_acc.csv', undefined])
      expect(() => ingest(lone, { fileName })).toThrow(
        /one list of 6 numbers in a table cell \(pandas' default names\), and nothing names it as a loss or a metric: name the column/,
      );
    expect(series(ingest(lone, { fileName: 'val_loss_history.csv' }), 0, 'val_loss').y).toHaveLength(6);
    // a word of the name that an object inherits (constructor) is no split word
    expect(series(ingest(lone, { fileName: 'constructor_loss.csv' }), 0, 'loss').y).toHaveLength(6);
    // two lists, a row named by a word, or a column named by the user: not this shape (no "one list" reading)
    for (const other of [
      lone + '1,"[0.5, 0.4, 0.3, 0.2, 0.1, 0.05]"\n',
      lone.replace('0,"', 'resnet,"'),
      lone.replace(',0', ',run1'),
    ])
      expect(() => ingest(other, { fileName: 'losses.csv' })).toThrow(/^(?![\s\S]*one list of)/);
    // a history table with one per-batch list column beside its loss columns is a per-epoch table (the lists are not curves)
    const hist = ingest(
      ',loss,val_loss,batch_losses\n' +
        [0, 1, 2, 3, 4, 5]
          .map((i) => `${i},${(1 / (i + 1)).toFixed(3)},${(1.1 / (i + 1)).toFixed(3)},"[0.9, 0.8, 0.7, 0.6, 0.5]"`)
          .join('\n') +
        '\n',
    );
    expect(hist.runs).toHaveLength(1);
    expect(series(hist, 0, 'val_loss').y).toHaveLength(6);
    // a comparison table whose other columns are bookkeeping-like (train_time, epochs) is still a table of curves
    const timed = ingest(
      'model,train_time,Epochs,loss\nA,12.5,10,"[0.9, 0.7, 0.6, 0.55, 0.5]"\nB,13.1,10,"[0.8, 0.7, 0.65, 0.6, 0.58]"\n',
    );
    expect(timed.runs.map((r) => r.label)).toEqual(['run 1 of 2 (A 12.5 10)', 'run 2 of 2 (B 13.1 10)']);
    // an epoch table whose cells hold per-batch lists is not a table of runs
    const perBatch = 'epoch,batch_losses\n0,"[0.9, 0.8, 0.7, 0.6, 0.5]"\n1,"[0.5, 0.45, 0.4, 0.38, 0.36]"\n';
    expect(() => ingest(perBatch)).toThrow(
      /Each row holds a list of values in "batch_losses" beside a counter: whether a list is one epoch's batches or a whole run cannot be told/,
    );
    // lists of words, or too short to be a curve: not curves
    for (const bad of ["Model,Tags\nA,\"['x', 'y', 'z', 'w', 'v']\"\n", 'Model,Loss\nA,"[0.7, 0.6]"\n'])
      expect(() => ingest(bad), bad).toThrow(IngestError);
  });

  it('numbers that are not a loss are not read as one: IDs, years, all-NaN, too few rows', () => {
    for (const text of [
      '1001\n1002\n1003\n1004\n1005\n1006\n',
      '1,17\n2,42\n3,8\n4,19\n5,33\n',
      'nan\nnan\nnan\nnan\nnan\n',
      '0.9\n0.8\n0.7\n',
    ])
      expect(() => ingest(text), text).toThrow(IngestError);
  });

  it('append-mode CSVLogger: two runs, labelled, the second restarting at epoch 1', () => {
    const log = load('csvlogger-append-two-runs.csv');
    expect(log.runs.map((r) => series(log, r.index, 'loss').x[0])).toEqual([1, 1]);
    expect(log.runs[1].label).toMatch(/run 2 of 2/);
  });

  it('overriding --format with the detected format changes nothing (every fixture)', () => {
    const sig = (l: TrainingLog) =>
      l.runs.map((r) => ({ xAxis: r.xAxis, series: r.series.map((s) => [s.key, s.x, s.y.map(String)]) }));
    for (const [name, exp] of Object.entries(EXPECTED)) {
      const bytes = readFileSync(join(DIR, name));
      const fileName = exp.fileName ?? name;
      const auto = ingest(bytes, { fileName });
      const forced = ingest(bytes, { fileName, format: exp.format });
      expect(forced.detectedBy, name).toBe('override');
      expect(sig(forced), name).toEqual(sig(auto));
    }
  });

  it('a --format override is honoured and reported', () => {
    const text = readFileSync(join(DIR, 'csvlogger-comma.csv'));
    const log = ingest(text, { format: 'csvlogger' });
    expect(log.detectedBy).toBe('override');
    expect(log.format).toBe('keras-csv');
  });

  describe('dialect', () => {
    const cases: [string, string][] = [
      ['console-keras3-ansi.txt', 'keras3'],
      ['console-keras3-notebook.txt', 'keras3'],
      ['csvlogger-keras3-no-val.csv', 'keras3'],
      ['history-keras3.json', 'keras3'],
      ['csvlogger-keras22-acc.csv', 'keras2'],
      ['console-keras231-nontty.txt', 'keras2'],
      ['history-repr-keras231.txt', 'keras2'],
      ['console-tfkeras-verbose2.txt', 'tfkeras'],
      // \b redraw noise only happens with tf.keras's posix-based dynamic display; 'lr' is shared by
      // Keras 2.x and tf.keras, so it should not outvote it
      ['console-tfkeras-capture.txt', 'tfkeras'],
    ];
    for (const [f, flavour] of cases) {
      it(`${f} -> ${flavour}`, () => {
        expect(load(f).dialect.flavour).toBe(flavour);
      });
    }
  });

  describe('fastai semantics', () => {
    // fastai computes `metrics=` on the validation set only; without train_metrics=True the column is
    // just "accuracy" (docs/ingest.md#other-frameworks). Reading it as a training metric makes a train/val metric
    // gap impossible to compute and mislabels the validation accuracy.
    it('an unprefixed fastai metric column is a validation metric', () => {
      const log = load('fastai-history.csv');
      const keys = log.runs[log.runs.length - 1].series.map((s) => s.key);
      expect(keys).toContain('val_accuracy');
    });

    // A cancelled phase leaves a short row (docs/ingest.md#other-frameworks); it should be padded, not treated as
    // glued rows from concurrent writers (which drops it and renumbers epochs by position).
    it('a short (cancelled) row is kept and does not trigger glued-row salvage', () => {
      const log = load('fastai-history.csv');
      const codes = log.warnings.map((w) => w.code);
      expect(codes).not.toContain('salvaged_rows');
      const loss = series(log, 1, 'loss');
      expect(loss.x).toEqual([1, 2, 3, 4, 5, 6]);
    });
  });
});
