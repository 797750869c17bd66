/**
 * Layouts and names bench/wild14's first read chose: a test series logged epoch by epoch is the held-out curve
 * in any format; tabulate's tables with a row per split, reprinted every epoch; a log that prints a list on its
 * first line; a bare "3/10 |" counter; and a loss that blips far below where it came down from is no leap.
 */
import { describe, expect, it } from 'vitest';
import { ingest, IngestError } from '../../src/ingest/index.js';
import { diagnose } from '../../src/diagnose/index.js';
import { advise } from '../../src/advise/index.js';
import { checkLog } from './helpers/ingest-worker.js';

const read = (text: string, fileName = 'log.txt') => {
  const log = ingest(text, { fileName });
  expect(checkLog(log)).toEqual([]);
  return log;
};
const keys = (log: ReturnType<typeof ingest>, run = -1) => log.runs.at(run)!.series.map((s) => s.key);

const train = Array.from({ length: 30 }, (_, i) => 1.3 * Math.exp(-i / 6) + 0.02);
const test = Array.from({ length: 30 }, (_, i) => 1.15 * Math.exp(-i / 5) + 0.006 * Math.max(0, i - 10) ** 1.5 + 0.5);

describe('a test series logged during training is the held-out curve', () => {
  it('in a CSV table and in JSON lists, with a warning; the user keeps their own names', () => {
    const csv = read(
      [
        'epoch,train_loss,train_acc,test_loss,test_acc',
        ...train.map((t, i) => `${i + 1},${t},0.9,${test[i]},0.8`),
      ].join('\n'),
      'history.csv',
    );
    expect(keys(csv)).toEqual(['loss', 'accuracy', 'val_loss', 'val_accuracy']);
    expect(csv.runs[0].series.find((s) => s.key === 'val_loss')!.name).toBe('test_loss');
    expect(csv.warnings.map((w) => w.code)).toContain('test_as_validation');
    const d = diagnose(csv);
    expect(d.series.val).toBe('val_loss');
    expect(d.pattern).toBe('overfitting');
    const json = read(JSON.stringify({ loss: train, test_loss: test }), 'history.json');
    expect(keys(json)).toEqual(['loss', 'val_loss']);
  });

  it("Lightning's per-step and per-epoch test columns keep the epoch aggregate as the curve; a 1-point test score stays one", () => {
    const rows = ['epoch,step,train_loss,test_loss_step,test_loss_epoch,test_f1'];
    for (let e = 0; e < 10; e++) {
      for (let k = 0; k < 3; k++)
        rows.push(`${e},${e * 3 + k},${(1 / (e + 1)).toFixed(3)},${(1.1 / (e + 1)).toFixed(3)},,`);
      rows.push(`${e},${e * 3 + 2},,,${(1.05 / (e + 1)).toFixed(3)},${e === 9 ? '0.81' : ''}`);
    }
    const log = read(rows.join('\n'), 'metrics.csv');
    const run = log.runs.at(-1)!;
    const val = run.series.find((s) => s.key === 'val_loss')!;
    expect(val.name).toBe('test_loss_epoch');
    expect(run.series.some((s) => s.key === 'val_loss_step')).toBe(true);
    expect(run.series.find((s) => s.name === 'test_f1')?.key).toBe('test_f1');
  });

  it('not beside a validation series, and not a final test score of one or two points', () => {
    const both = read(
      ['epoch,loss,val_loss,test_loss', ...train.map((t, i) => `${i + 1},${t},${test[i]},${test[i] + 0.1}`)].join('\n'),
      'h.csv',
    );
    expect(keys(both)).toEqual(['loss', 'val_loss', 'test_loss']);
    expect(both.warnings.map((w) => w.code)).not.toContain('test_as_validation');
    const lines = train.slice(0, 10).map((t, i) => `Epoch ${i + 1}/10 - loss: ${t.toFixed(4)}`);
    const final = read([...lines, 'Test loss: 0.61', 'Test accuracy: 0.83'].join('\n'));
    expect(keys(final).some((k) => k.startsWith('val_'))).toBe(false);
  });
});

describe('tables with a row per split', () => {
  /** tabulate's "simple" format, one table per epoch, as a Lasagne/Theano loop prints it */
  const tabulated = (epochs: number, lead = ''): string => {
    const out = lead ? [lead] : [];
    out.push('Compiling functions...', 'Compiling done.');
    for (let e = 0; e < epochs; e++) {
      out.push(
        'dset      epoch    cost    cerr     p     r     f',
        '------  -------  ------  ------  ----  ----  ----',
      );
      out.push(`trn     ${String(e).padStart(7)}  ${train[e].toFixed(4)}  0.18  0.69  0.00  0.00`);
      out.push(`dev     ${String(e).padStart(7)}  ${test[e].toFixed(4)}  0.20  0.65  0.00  0.00`);
    }
    return out.join('\n') + '\n';
  };

  it('becomes one row per epoch, each metric once per split; the reprinted table is one table', () => {
    const log = read(tabulated(20));
    expect(log.runs).toHaveLength(1);
    expect(keys(log)).toEqual(expect.arrayContaining(['loss', 'val_loss', 'cerr', 'val_cerr']));
    const loss = log.runs[0].series.find((s) => s.key === 'loss')!;
    expect(loss.x).toHaveLength(20);
    expect(loss.y[3]).toBeCloseTo(train[3], 4);
    expect(log.runs[0].series.find((s) => s.key === 'val_loss')!.y[19]).toBeCloseTo(test[19], 4);
  });

  it('after a vocabulary printed as a list on the first line', () => {
    const vocab = "['c=!', 'c=#', 'c=$', 'c=A', 'c=B', 'c=a', 'c=b']";
    const log = read(tabulated(12, vocab));
    expect(log.runs[0].series.find((s) => s.key === 'loss')!.x).toHaveLength(12);
    // a list alone, or a list and a few lines, is still judged as the document it is
    expect(() => ingest("['c=!', 'c=#']\n")).toThrow(IngestError);
  });

  it('a column of words that are not splits leaves the table as it was', () => {
    const rows = ['model   epoch   loss', '-----  ------  -----'];
    for (let e = 1; e <= 6; e++) rows.push(`lstm    ${e}   ${train[e].toFixed(4)}`);
    const codes = (() => {
      try {
        return read(rows.join('\n')).runs[0].series.map((s) => s.key);
      } catch (e) {
        expect(e).toBeInstanceOf(IngestError);
        return [];
      }
    })();
    expect(codes.some((k) => k.startsWith('val_') || k.startsWith('train_'))).toBe(false);
  });
});

describe('a bare "3/10 |" counter numbers the lines when no line says epoch', () => {
  it('reads a run per restart of the counter', () => {
    const lines: string[] = [];
    for (const [r, name] of ['SGD', 'Adam'].entries()) {
      lines.push(`${r + 1}/2. ${name}, lr=0.01`);
      for (let e = 1; e <= 8; e++)
        lines.push(
          `${e}/8 | accuracy: ${(0.8 + e / 50).toFixed(3)} | val_accuracy: ${(0.78 + e / 60).toFixed(3)} | time: 13.2 s.`,
        );
    }
    const log = read(lines.join('\n'));
    expect(log.runs).toHaveLength(2);
    expect(log.runs[1].series.find((s) => s.key === 'val_accuracy')!.x).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe('an accuracy that barely moves neither collapses nor swings', () => {
  it('train at 0.9998-1.0 and val at 0.978-0.982 for 10 epochs: settled, not unstable', () => {
    const tr = [0.99997, 1.0, 0.99993, 0.99983, 0.99997, 0.99977, 0.99987, 0.99997, 0.99992, 0.99987];
    const va = [0.9804, 0.9808, 0.9806, 0.9783, 0.9822, 0.9795, 0.9791, 0.9794, 0.9795, 0.9808];
    const lines = tr.map((t, i) => `${i + 1}/10 | accuracy: ${t} | val_accuracy: ${va[i]} | time: 178.6 s.`);
    const d = diagnose(read(lines.join('\n')));
    expect(d.pattern).not.toBe('unstable');
    expect(d.findings).not.toContain('diverging');
  });

  it('a val accuracy above the training accuracy is said to be above it', () => {
    const tr = Array.from({ length: 20 }, (_, i) => 0.5 + 0.4 * (1 - Math.exp(-i / 4)));
    const log = read(JSON.stringify({ accuracy: tr, val_accuracy: tr.map((t) => t + 0.05) }), 'history.json');
    const d = diagnose(log);
    expect(d.findings).toContain('val_better_than_train');
    const said = d.reasons.find((r) => r.includes('of the points'))!;
    expect(said).toMatch(/val_accuracy is above accuracy/);
  });

  it('an accuracy pair is titled in curves, not losses', () => {
    const tr = Array.from({ length: 30 }, (_, i) => 0.5 + 0.45 * (1 - Math.exp(-i / 4)));
    const va = tr.map((_, i) => Math.min(0.8, 0.5 + 0.35 * (1 - Math.exp(-i / 3))) - 0.004 * Math.max(0, i - 10));
    const log = read(JSON.stringify({ accuracy: tr, val_accuracy: va }), 'history.json');
    const d = diagnose(log);
    expect(d.pattern).toBe('overfitting');
    const r = advise(d, log);
    expect(r.title).toMatch(/^Overfitting: the validation curve turns worse while the training curve improves/);
    expect(r.title).not.toMatch(/loss/);
    // the why, the findings and the buttons too; a button keeps Discord's 80 characters without a cut word
    const why = r.summary.split('\n\n')[1];
    expect(why).toMatch(/The validation curve improves, reaches its best, then turns worse/);
    expect(why).not.toMatch(/loss/);
    const also = r.summary.split('\n\n').find((p) => p.startsWith('Also: '));
    if (also) expect(also).not.toMatch(/loss/);
    const explain = r.actions.filter((a) => a.kind.startsWith('explain_')).map((a) => a.label);
    expect(explain).toContain('Explain: Overfitting');
    for (const l of explain) expect(l.length).toBeLessThanOrEqual(80);
    for (const l of explain) expect(l).not.toMatch(/loss/);
    // the gap measured as errors is train's accuracy minus val's: said so, with its positive sign
    const gap = r.evidence.find((e) => e.name === 'gap_last')!;
    expect(gap.text).toMatch(/^final gap \(train - val\), median of the last points: 0\.\d+/);
  });

  it('an accuracy that falls from 0.95 to 0.5 still collapses', () => {
    const tr = [0.9, 0.93, 0.95, 0.95, 0.94, 0.85, 0.7, 0.6, 0.52, 0.5, 0.5, 0.49];
    const lines = tr.map((t, i) => `${i + 1}/12 | accuracy: ${t} | val_accuracy: ${(t - 0.03).toFixed(3)}`);
    expect(diagnose(read(lines.join('\n'))).pattern).toBe('unstable');
  });
});

describe('a blip far below where the loss came down from is no leap', () => {
  const down = Array.from({ length: 40 }, (_, i) => 0.3 * Math.exp(-i / 1.5) + 1e-5);
  const blip = (v: number[], at: number, to: number) => v.map((y, i) => (i === at ? to : y));

  it('0.3 -> 6e-4 then 0.03 for one epoch, in both curves: a good fit, not unstable', () => {
    const tl = blip(down, 8, 0.031);
    const vl = blip(
      down.map((y) => y * 1.2),
      8,
      0.052,
    );
    const log = read(['epoch,loss,val_loss', ...tl.map((t, i) => `${i + 1},${t},${vl[i]}`)].join('\n'), 'h.csv');
    expect(diagnose(log).pattern).not.toBe('unstable');
  });

  it('a jump back up to where the loss started still is one', () => {
    const tl = blip(blip(down, 8, 0.35), 9, 0.3);
    const vl = blip(
      blip(
        down.map((y) => y * 1.2),
        8,
        0.4,
      ),
      9,
      0.33,
    );
    const log = read(['epoch,loss,val_loss', ...tl.map((t, i) => `${i + 1},${t},${vl[i]}`)].join('\n'), 'h.csv');
    const d = diagnose(log);
    expect(d.pattern).toBe('unstable');
    expect(d.headline).toMatch(/leapt/);
  });
});
