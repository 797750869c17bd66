/**
 * Printed lines of toolkits and loops that were refused or split into runs: MXNet's Speedometer batch lines with a
 * hyphenated split (`Train-Perplexity=72.8`), a "prev best ... in epoch N" comparison after the values, a printer
 * that separates its fields by " ... ", a log whose first line is a status mark (`[*] GPU : 1.0000`), and the
 * plural "Epochs: 1 | Train Loss: ..." of a widely copied BERT fine-tuning loop.
 */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { diagnose } from '../../src/diagnose/index.js';
import { checkLog } from './helpers/ingest-worker.js';

const series = (log: ReturnType<typeof ingest>, key: string) => log.runs.at(-1)!.series.find((s) => s.key === key);

/** An MXNet training as mx.callback.Speedometer and a custom BLEU check print it: batch lines only, no epoch line. */
function mxnetLog(epochs: number, bleuEvery: (e: number) => string[] = () => []): string {
  const lines = ['20:05:40 INFO:root:Start training with [gpu(0)]'];
  let best = -1;
  let bestEpoch = -1;
  for (let e = 0; e < epochs; e++) {
    for (let b = 100; b <= 300; b += 100)
      lines.push(
        `20:06:24 INFO:root:Epoch[${e}] Batch [${b}]\tSpeed: 346.40 samples/sec\tTrain-Perplexity=${(600 / (1 + e * 3 + b / 100)).toFixed(6)}`,
      );
    if (e >= 2) {
      const bleu = 0.3 + 0.01 * e;
      lines.push(`20:26:39 INFO:root:BLEU: ${bleu.toFixed(4)} @ epoch ${e} batch 300`);
      if (bleu > best) {
        lines.push(`20:26:39 INFO:root:Current BLEU: ${bleu.toFixed(4)} > prev best ${best} in epoch ${bestEpoch}`);
        [best, bestEpoch] = [bleu, e];
      }
      lines.push(...bleuEvery(e));
    }
    lines.push(
      `20:09:52 INFO:root:Epoch[${e}] Resetting Data Iterator`,
      `20:09:52 INFO:root:Epoch[${e}] Time cost=245.259`,
    );
  }
  return lines.join('\n') + '\n';
}

describe('printed toolkit lines', () => {
  it("MXNet's Speedometer: Train-Perplexity on batch lines is the training curve, and a best's epoch starts no run", () => {
    const log = ingest(mxnetLog(12), { fileName: 'trainingLog.txt' });
    expect(checkLog(log)).toEqual([]);
    // it was refused (Train- joined by a hyphen was no metric name); then every "prev best in epoch N" line
    // went back to an earlier epoch and began a run
    expect(log.runs).toHaveLength(1);
    const ppl = series(log, 'perplexity')!;
    expect(ppl.split).toBe('train');
    expect(ppl.y).toHaveLength(36);
    expect(ppl.y[0]).toBeCloseTo(300, 4);
    // one BLEU a checked epoch, at that epoch
    expect(series(log, 'bleu')!.y).toHaveLength(10);
    expect(diagnose(log).pattern).toBe('good_fit');
  });

  it('the hyphen is the split only: a hyphenated metric name on a validation line stays unread on a batch line', () => {
    const lines = Array.from(
      { length: 5 },
      (_, i) => `step ${(i + 1) * 100}: loss ${(1 / (i + 1)).toFixed(3)}, val_f1-score ${(0.5 + i / 20).toFixed(3)}`,
    );
    const log = ingest(lines.join('\n'));
    expect(log.runs[0].series.map((s) => s.key)).toEqual(['loss']);
    // nor, as MXNet would print it, a split the names do not read with a hyphen (a review found valid-loss read as a
    // second training series), nor a hyphenated name after a split they do read
    const other = Array.from(
      { length: 6 },
      (_, i) =>
        `Epoch[${i}] Batch [100]\tSpeed: 900.1 samples/sec\tTrain-loss=${(1 / (i + 1)).toFixed(3)}\tvalid-loss=${(1 + i / 10).toFixed(2)}\teval-loss=0.9\tval_f1-score=0.5`,
    );
    expect(ingest(other.join('\n')).runs[0].series.map((s) => s.key)).toEqual(['loss']);
    // MXNet's hyphenated metric names are one name each: Train-cross-entropy is the cross-entropy
    const mx = Array.from(
      { length: 6 },
      (_, i) => `Epoch[${i}] Batch [100]\tSpeed: 900.1 samples/sec\tTrain-cross-entropy=${(2 / (i + 1)).toFixed(4)}`,
    );
    const ce = ingest(mx.join('\n')).runs[0].series;
    expect(ce.map((s) => [s.key, s.split, s.kind])).toEqual([['crossentropy', 'train', 'error']]);
  });

  it('an epoch after the word best marks its line unless a preposition or a bracket ties it to the best', () => {
    const own = Array.from(
      { length: 10 },
      (_, i) =>
        `loss ${(1 / (i + 1)).toFixed(4)} val_loss ${(1.2 / (i + 1)).toFixed(4)} best ${(1.2 / (i + 1)).toFixed(4)} epoch ${(i + 1) * 5}`,
    );
    expect(series(ingest(own.join('\n')), 'val_loss')!.x).toEqual([5, 10, 15, 20, 25, 30, 35, 40, 45, 50]);
    const total = Array.from(
      { length: 10 },
      (_, i) => `acc: 0.81 (best: 0.81) Epoch [${i + 1}/10] loss: ${(1 / (i + 1)).toFixed(4)}`,
    );
    expect(series(ingest(total.join('\n')), 'loss')!.y).toHaveLength(10);
    const tied = Array.from(
      { length: 8 },
      (_, i) => `Epoch ${i + 5}: val_loss ${(0.5 - i / 100).toFixed(3)} (best 0.40 at epoch 3)`,
    );
    const log = ingest(tied.join('\n'));
    expect(log.runs).toHaveLength(1);
    expect(series(log, 'val_loss')!.x).toEqual([5, 6, 7, 8, 9, 10, 11, 12]);
    // with no epoch of its own, a line's best's epoch (tied by at, @, in or a bracket) numbers nothing: the lines
    // are read in order, one run, where every "epoch 3" had begun a run of its own
    for (const tie of [
      '(best 0.40 at epoch 3)',
      'best 0.40 @ epoch 3',
      '| prev best 0.40 in epoch 3',
      'best (epoch 3)',
    ]) {
      const lines = Array.from({ length: 6 }, (_, i) => `val_loss ${(0.5 - i / 100).toFixed(3)} ${tie}`);
      const read = ingest(lines.join('\n'));
      expect(read.runs).toHaveLength(1);
      expect(series(read, 'val_loss')!.x).toEqual([1, 2, 3, 4, 5, 6]);
    }
    // ... but an epoch with its total is the line's own, tied or not
    const counted = Array.from(
      { length: 6 },
      (_, i) => `val_loss ${(0.5 - i / 100).toFixed(3)} best 0.4 at epoch ${i + 3}/10`,
    );
    expect(series(ingest(counted.join('\n')), 'val_loss')!.x).toEqual([3, 4, 5, 6, 7, 8]);
  });

  it('"... Iteration 100 ... G Loss 5.187 ... D Loss 0.026": a printer\'s separators, not a Python prompt', () => {
    const lines = ['nohup: ignoring input', 'Epoch 0 Starting @ 2020-07-23 12:20:54'];
    for (let i = 1; i <= 6; i++)
      lines.push(
        `... Iteration ${i * 100} ... Epoch ${(i / 100).toFixed(2)} ... G Loss ${(5 + (i % 3)).toFixed(3)} ... D Loss ${(0.02 * i).toFixed(3)} ... D_x 0.986`,
      );
    const log = ingest(lines.join('\n'), { fileName: 'gan.out' });
    expect(checkLog(log)).toEqual([]);
    expect(series(log, 'g_loss')!.y).toEqual([6, 7, 5, 6, 7, 5]);
    expect(series(log, 'd_loss')!.y).toHaveLength(6);
    // a REPL's continuation lines are still code, not output: only the printed lines are read
    const repl = ['>>> for e in range(6):'];
    for (let e = 1; e <= 6; e++) repl.push(`...     epoch ${e} loss 9.${e}`);
    for (let e = 1; e <= 6; e++) repl.push(`epoch ${e} loss 0.${e}`);
    const printed = ingest(repl.join('\n'));
    expect(printed.runs).toHaveLength(1);
    expect(series(printed, 'loss')!.y).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]);
  });

  it('a status mark at the head ("[*] GPU : 1.0000") opens no list: the text readers take the log', () => {
    const config = ["{'batch_size': 32,", " 'learning_rate': 0.00025}"];
    const evals = Array.from({ length: 6 }, (_, i) => `epoch ${i + 1}: loss=${(1 / (i + 1)).toFixed(3)}`);
    const log = ingest([' [*] GPU : 1.0000', ...config, ' [*] Loading checkpoints...', ...evals].join('\n'));
    expect(series(log, 'loss')!.y).toHaveLength(6);
    // it said "The JSON/dict could not be read: unexpected character "*""; with nothing to read it now says so
    expect(() => ingest([' [*] GPU : 1.0000', ...config, 'avg_r: 0.06, avg_q: 6.4'].join('\n'))).toThrow(
      /No training metrics found/,
    );
    for (const mark of ['[+] done', '[!] warning', '[-] skipped'])
      expect(() => ingest(`${mark}\nnothing else`)).toThrow(/No training metrics found/);
  });

  it('"Epochs: 1 | Train Loss: 0.260 | ...": the plural heads an epoch line, and a setting named epochs marks none', () => {
    const lines = ['Config: lr=3e-4, batch_size=64, epochs=50, seed=42', 'Max epochs : 30', 'Epochs: 30'];
    for (let run = 0; run < 3; run++) {
      lines.push(`Running experiment: #${run + 1}`, 'Training model');
      for (let e = 1; e <= 5; e++)
        lines.push(
          `Epochs: ${e} | Train Loss:  ${(0.26 / e ** 2).toFixed(3)} | Train Accuracy:  ${(0.85 + e * 0.03).toFixed(3)} | Val Loss:  ${(0.07 / e).toFixed(3)} | Val Accuracy:  ${(0.96 + e * 0.005).toFixed(3)}`,
        );
      lines.push('Evaluating model', `Test Accuracy:  0.98${run}`);
    }
    const log = ingest(lines.join('\n'), { fileName: 'exp.log' });
    expect(checkLog(log)).toEqual([]);
    // it was one run of 15 epochs numbered by position (the ten appended experiments of a real log read as one
    // unstable run); the settings above add no run of their own
    expect(log.runs).toHaveLength(3);
    expect(log.warnings.map((w) => w.code)).not.toContain('epochs_by_position');
    expect(series(log, 'val_loss')!.x).toEqual([1, 2, 3, 4, 5]);
    expect(series(log, 'loss')!.y[0]).toBeCloseTo(0.26, 6);
  });

  it("the reviews' cases: a short MXNet log stays one run, settings and closed brackets mark nothing", () => {
    // three epochs of Speedometer and epoch lines: the batch lines' epochs say where each epoch starts (it was a run
    // an epoch once Train- on batch lines was read)
    const mx: string[] = [];
    for (let e = 0; e < 3; e++) {
      for (const b of [50, 100, 150])
        mx.push(
          `Epoch[${e}] Batch [${b}]\tSpeed: 1234.5 samples/sec\tTrain-accuracy=${(0.1 + e * 0.2 + b / 1000).toFixed(3)}`,
        );
      mx.push(`Epoch[${e}] Train-accuracy=${(0.5 + e * 0.1).toFixed(2)}`, `Epoch[${e}] Time cost=12.3`);
      mx.push(`Epoch[${e}] Validation-accuracy=${(0.4 + e * 0.1).toFixed(2)}`);
    }
    const short = ingest(mx.join('\n'));
    expect(short.runs).toHaveLength(1);
    expect(series(short, 'val_accuracy')!.y).toEqual([0.4, 0.5, 0.6]);
    // "Epochs: 4 | ... | LR: 2e-05 | Loss: BCEWithLogits" is a setting: no run of its own before the loop's lines
    const loop = Array.from(
      { length: 5 },
      (_, i) => `Epochs: ${i + 1} | Train Loss: ${(1 / (i + 1)).toFixed(2)} | Val Loss: ${(0.5 / (i + 1)).toFixed(2)}`,
    );
    for (const setting of [
      'Epochs: 4 | Batch size: 16 | LR: 2e-05 | Loss: BCEWithLogits',
      'Epochs: 10 loss_weight: 1.0',
      'Epochs: 50 | Target accuracy: 0.95',
    ])
      expect(ingest([setting, ...loop].join('\n')).runs).toHaveLength(1);
    // a held-out NLL named with hyphens is that split's loss (test-nll-loss: the test set's, read as the held-out
    // curve), never a second training loss to sum with the training one
    const csv = [
      'epoch,nll-loss,test-nll-loss',
      ...Array.from({ length: 6 }, (_, i) => `${i},${1 / (i + 1)},${1.2 / (i + 1)}`),
    ];
    expect(
      ingest(csv.join('\n') + '\n')
        .runs[0].series.filter((s) => s.kind === 'loss')
        .map((s) => s.key),
    ).toEqual(['nll_loss', 'val_nll_loss']);
    // "(best 0.61) at epoch 5": the best's bracket closed, the epoch is the line's; best_acc is a best too
    const closed = Array.from(
      { length: 6 },
      (_, i) =>
        `Validation accuracy ${(0.5 + i / 50).toFixed(2)} (best ${(0.5 + i / 50).toFixed(2)}) at epoch ${(i + 1) * 5}`,
    );
    expect(series(ingest(closed.join('\n')), 'val_accuracy')!.x).toEqual([5, 10, 15, 20, 25, 30]);
    const named: string[] = [];
    for (let e = 1; e <= 6; e++)
      named.push(`Epoch ${e} loss ${(1 / e).toFixed(2)}`, `val_acc: 0.7${e}, best_acc: 0.7${e} (epoch 1)`);
    expect(ingest(named.join('\n')).runs).toHaveLength(1);
  });
});
