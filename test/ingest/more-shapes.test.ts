/**
 * Shapes the fourth wild batch showed (bench/wild4): per-epoch records saved under a key, a loop that
 * prints each split's loss under the split's name alone, metrics in rows (name, step, value), and a
 * total loss logged beside its parts.
 */
import { describe, expect, it } from 'vitest';
import { ingest, IngestError } from '../../src/ingest/index.js';
import { readValid } from './helpers/read-valid.js';
import { isOtherRank } from '../../src/ingest/formats/print-words.js';

const read = (text: string) => readValid(text);
const ys = (log: ReturnType<typeof ingest>, key: string) => log.runs[0].series.find((s) => s.key === key)?.y;

describe('per-epoch records under a key', () => {
  it('{"history": [{"epoch": 1, "train_loss": ...}, ...], "config": {...}} is read as the list of records', () => {
    const history = [0.9, 0.7, 0.6, 0.55, 0.5].map((l, i) => ({
      epoch: i + 1,
      train_loss: l,
      train_acc: 0.5 + i / 10,
      val_loss: +(l + 0.05).toFixed(2),
      val_acc: 0.45 + i / 10,
    }));
    const log = read(JSON.stringify({ config: { lr: 0.001, name: 'cnn' }, history }, null, 2));
    expect(ys(log, 'loss')).toEqual([0.9, 0.7, 0.6, 0.55, 0.5]);
    expect(ys(log, 'val_accuracy')).toHaveLength(5);
    // two levels down, too
    const nested = read(JSON.stringify({ run: { results: { history } } }));
    expect(ys(nested, 'val_loss')).toEqual([0.95, 0.75, 0.65, 0.6, 0.55]);
  });

  it('a record per epoch holding each split under its name ({"epoch": 1, "train": {"loss": ...}, "val": {...}})', () => {
    const recs = [0.9, 0.7, 0.6, 0.55, 0.5].map((l, i) => ({
      epoch: i + 1,
      train: { loss: l, 'acc@1': 30 + i, total: 7424 },
      val: { loss: +(l + 0.1).toFixed(2), 'acc@1': 28 + i, total: 3334 },
      test: { loss: +(l + 0.2).toFixed(2) },
      lr: 0.001,
    }));
    // it was refused: "read but holds no numeric metric values"
    const log = read(JSON.stringify(recs, null, 2));
    expect(ys(log, 'loss')).toEqual([0.9, 0.7, 0.6, 0.55, 0.5]);
    expect(ys(log, 'val_loss')).toEqual([1, 0.8, 0.7, 0.65, 0.6]);
    expect(ys(log, 'test_loss')).toHaveLength(5);
    // a dict under another name is no split's, nor is a split's dict of settings
    const other = read(JSON.stringify(recs.map((r) => ({ ...r, config: { depth: 3 } }))));
    expect(other.runs[0].series.some((s) => /depth/.test(s.key))).toBe(false);
    const settings = [0.9, 0.7, 0.6, 0.55, 0.5].map((l, i) => ({
      epoch: i + 1,
      loss: l,
      train: { batch_size: 64, workers: 4 },
    }));
    expect(read(JSON.stringify(settings)).runs[0].series.map((s) => s.key)).toEqual(['loss']);
    // the same value under two spellings is one point per epoch (it was two)
    const both = [0.9, 0.7, 0.6, 0.55, 0.5].map((l, i) => ({ epoch: i + 1, train_loss: l, train: { loss: l } }));
    expect(ys(read(JSON.stringify(both)), 'loss')).toEqual([0.9, 0.7, 0.6, 0.55, 0.5]);
  });

  it('a history under "metrics" beside the class labels (text, some of them numbers) is read from "metrics"', () => {
    const metrics = { loss: [1.16, 0.57, 0.42, 0.3, 0.27], val_loss: [0.9, 0.6, 0.5, 0.45, 0.47] };
    const doc = { metrics, final_loss: 0.27, timestamp: '2025-12-21', gestures: ['1', 'hola', '4', '3', '2'] };
    const log = read(JSON.stringify(doc));
    expect(ys(log, 'loss')).toEqual(metrics.loss);
    expect(ys(log, 'val_loss')).toEqual(metrics.val_loss);
    // lists of text alone, with no history below them, are read as they are (numbers saved as text under a name no
    // metric's, Keras's `mean_io_u`), not refused as holding no numbers
    const miou = read(JSON.stringify({ mean_io_u: ['0.3', '0.4', '0.5', '0.55', '0.6'] }));
    expect(miou.runs[0].series[0].y).toEqual([0.3, 0.4, 0.5, 0.55, 0.6]);
    // a metric saved as text is still a metric's values, at the top as before
    expect(ys(read(JSON.stringify({ loss: ['0.9', '0.7', '0.6', '0.55', '0.5'], tags: ['a', 'b'] })), 'loss')).toEqual([
      0.9, 0.7, 0.6, 0.55, 0.5,
    ]);
  });

  it('a list of records without numbers, or a dict of names, is still refused with a message', () => {
    expect(() => ingest(JSON.stringify({ history: [{ a: 'x' }, { a: 'y' }] }))).toThrow(IngestError);
    expect(() => ingest(JSON.stringify({ people: [{ name: 'x' }], meta: { v: 'y' } }))).toThrow(IngestError);
  });
});

describe('a split word alone names that split loss', () => {
  it('"step 250 | train 2.225 | val 2.279 | 28s elapsed" (nanoGPT-style) is train and val loss per step', () => {
    const lines = ['Training for 1000 steps ...'];
    [3.57, 2.23, 1.7, 1.48, 1.36].forEach((l, i) =>
      lines.push(
        `  step ${String(i * 250 || 1).padStart(5)} | train ${l.toFixed(3)} | val ${(l + 0.05).toFixed(3)} | ${i * 25 + 3}s elapsed`,
      ),
    );
    const log = read(lines.join('\n'));
    expect(log.runs[0].xAxis).toBe('step');
    expect(ys(log, 'loss')).toEqual([3.57, 2.23, 1.7, 1.48, 1.36]);
    expect(ys(log, 'val_loss')).toEqual([3.62, 2.28, 1.75, 1.53, 1.41]);
  });

  it('a perplexity or a learning rate beside them does not void them; an accuracy does', () => {
    const line = (e: number, tail: string) =>
      `[Unfrozen] Epoch ${e}/500 -- train: ${(0.53 - e * 0.002).toFixed(4)}  val: ${(0.62 - e * 0.003).toFixed(4)}  ${tail}`;
    const epochs = [1, 2, 3, 4, 5];
    const ppl = read(epochs.map((e) => line(e, 'ppl: 1.86  (70s)')).join('\n'));
    expect(ys(ppl, 'loss')).toEqual([0.528, 0.526, 0.524, 0.522, 0.52]);
    expect(ys(ppl, 'val_loss')).toEqual([0.617, 0.614, 0.611, 0.608, 0.605]);
    const lr = read(epochs.map((e) => line(e, 'lr: 1.00e-03')).join('\n'));
    expect(ys(lr, 'val_loss')).toHaveLength(5);
    // "val 0.88" beside a named accuracy could be the val accuracy: not read as a loss
    const acc = read(epochs.map((e) => line(e, 'acc: 0.91')).join('\n'));
    expect(ys(acc, 'val_loss')).toBeUndefined();
  });

  it('nor does a setting printed on the line, a value no metric names (bench/wild49: a teacher-forcing ratio)', () => {
    const line = (e: number) =>
      `Epoch ${e}/50 [TF=0.3] - Train: ${(4.8 - e * 0.4).toFixed(4)}, Val: ${(5.1 - e * 0.2).toFixed(4)} ✓`;
    const log = read([1, 2, 3, 4, 5, 6].map(line).join('\n'));
    expect(ys(log, 'loss')).toEqual([4.4, 4, 3.6, 3.2, 2.8, 2.4]);
    expect(ys(log, 'val_loss')).toEqual([4.9, 4.7, 4.5, 4.3, 4.1, 3.9]);
    // the setting is kept as a series of its own (no metric: never judged)
    expect(ys(log, 'tf')).toEqual([0.3, 0.3, 0.3, 0.3, 0.3, 0.3]);
    // so is early stopping's count beside them
    const patience = read([1, 2, 3, 4, 5, 6].map((e) => `${line(e).slice(0, -2)} (patience: ${e % 3}/10)`).join('\n'));
    expect(ys(patience, 'val_loss')).toEqual([4.9, 4.7, 4.5, 4.3, 4.1, 3.9]);
    // a name the metric words do not know may be a metric the split's values are (exact match): not read as losses,
    // whether it is written `EM: 0.32` or `EM=0.32` outside brackets
    // (nor is a metric's name assigned in brackets a setting: the Dice score, `[DSC=0.81]`)
    for (const em of ['EM: 0.32', 'EM=0.32', '[DSC=0.81]']) {
      const log2 = read(
        [1, 2, 3, 4, 5, 6].map((e) => `Epoch ${e}/50 - Train: 0.6${e}, Val: 0.5${e}, ${em}`).join('\n'),
      );
      expect(ys(log2, 'val_loss')).toBeUndefined();
    }
  });

  it('under an epoch line of its own, a line holding only a split word and a value is that split loss', () => {
    const v = (e: number) => (1 - e * 0.05).toFixed(4);
    const blocks = [0, 1, 2, 3, 4, 5].map((e) => `Epoch #${e}\nTraining: ${v(e)}\nValidation: ${v(e + 1)}`);
    const log = read(['Loading Dataset--', 'Creating new model ', ...blocks].join('\n'));
    expect(ys(log, 'loss')).toEqual([1, 0.95, 0.9, 0.85, 0.8, 0.75]);
    expect(ys(log, 'val_loss')).toEqual([0.95, 0.9, 0.85, 0.8, 0.75, 0.7]);
    // a "Test: 87.5" well after the last block is no epoch's (and no loss)
    const tail = read([...blocks, '', 'done', 'saving', 'Test: 87.5'].join('\n'));
    expect(ys(tail, 'test_loss')).toBeUndefined();
    // the same lines before any epoch line say nothing
    expect(() => ingest('Training: 1.0\nValidation: 0.9\nTraining: 0.8\nValidation: 0.7\n')).toThrow(IngestError);
  });

  it('"Train accuracy for epoch 1: 0.82": a metric named before its epoch takes the value after it', () => {
    const lines: string[] = [];
    for (let e = 1; e <= 26; e += 5)
      lines.push(
        `Train accuracy for epoch ${e}: ${(0.8 + e / 300).toFixed(4)} `,
        `Validation accuracy for epoch ${e}: ${(0.79 + e / 400).toFixed(4)} `,
      );
    const log = read(lines.join('\n'));
    expect(ys(log, 'accuracy')).toEqual([0.8033, 0.82, 0.8367, 0.8533, 0.87, 0.8867]);
    expect(log.runs[0].series.find((s) => s.key === 'val_accuracy')?.x).toEqual([1, 6, 11, 16, 21, 26]);
  });

  it('"Train loss for epoch 3: 0.5, val loss for epoch 3: 0.6" on one line, and "Validation Loss (Epoch 3): 4.09"', () => {
    const same: string[] = [];
    const bracketed: string[] = [];
    for (let e = 0; e < 8; e++) {
      same.push(
        `Train loss for epoch ${e}: ${(3.8 / (1 + e)).toFixed(4)}, val loss for epoch ${e}: ${(4 / (1 + e / 2)).toFixed(4)}`,
      );
      bracketed.push(
        `Validation Loss (Epoch ${e}): ${(4 / (1 + e / 2)).toFixed(4)}, Validation Accuracy (Epoch ${e}): ${(0.1 + e / 20).toFixed(4)}`,
      );
    }
    // the second epoch on the line was read as the validation loss's value (0, 1, 2...): an overfitting run
    expect(ys(read(same.join('\n')), 'val_loss')).toEqual([4, 2.6667, 2, 1.6, 1.3333, 1.1429, 1, 0.8889]);
    // it was refused: the epoch in brackets cut the name from its value
    const log = read(bracketed.join('\n'));
    expect(ys(log, 'val_loss')).toEqual([4, 2.6667, 2, 1.6, 1.3333, 1.1429, 1, 0.8889]);
    expect(ys(log, 'val_accuracy')?.[7]).toBe(0.45);
    // another epoch's value is left out, never its count read as the value (a loop printing epoch + 1 in one place
    // and epoch in the other; a best-so-far after the epoch's own); a bracket at a line's end is no epoch's
    const shifted = same.map(
      (_, e) => `Epoch ${e + 1}/10: train loss ${(3.8 / (1 + e)).toFixed(4)}, val loss for epoch ${e}: 2.2`,
    );
    expect(ys(read(shifted.join('\n')), 'val_loss')).toBeUndefined();
    const best = read(same.map((l, e) => `${l}, best val loss (epoch ${Math.max(0, e - 1)}): 0.4`).join('\n'));
    expect(ys(best, 'val_loss')).toEqual([4, 2.6667, 2, 1.6, 1.3333, 1.1429, 1, 0.8889]);
    expect(ys(read(same.map((l) => `${l} (`).join('\n')), 'loss')?.[0]).toBe(3.8);
  });

  it('print(\'loss\', loss) of a tensor: "loss tensor(0.51, grad_fn=<NllLossBackward0>)" assigns its number', () => {
    const lines: string[] = [];
    for (let e = 1; e <= 6; e++)
      lines.push(`epoch ${e}`, `loss tensor(${(0.9 / e).toFixed(4)}, grad_fn=<NllLossBackward0>)`);
    // it was refused (the wrapper's words were read as names, its number as nobody's)
    expect(ys(read(lines.join('\n')), 'loss')).toEqual([0.9, 0.45, 0.3, 0.225, 0.18, 0.15]);
    // a tag, the tensor, then the step (TensorBoard's add_scalar arguments printed)
    const tagged = Array.from(
      { length: 6 },
      (_, i) =>
        `Training/CE_Loss tensor(${(0.3 / (i + 1)).toFixed(4)}, device='cuda:0', grad_fn=<DivBackward0>) ${i + 1}`,
    );
    expect(ys(read(tagged.join('\n')), 'training/ce_loss')).toEqual([0.3, 0.15, 0.1, 0.075, 0.06, 0.05]);
    // not a word that names no metric, nor a bracket apart from its word (a setting printed in prose)
    const prose = lines.map((l, k) => (k % 2 ? `${l} | precision float (32 bit) | temperature tensor(0.07)` : l));
    expect(read(prose.join('\n')).runs[0].series.map((s) => s.key)).toEqual(['loss']);
  });

  it('a whole number or a percentage after a split word is a count or a rate, not a loss', () => {
    const lines: string[] = [];
    for (let e = 1; e <= 5; e++) lines.push(`Epoch ${e}: loss ${(1 / e).toFixed(4)} | train 60000 | val 85%`);
    const log = read(lines.join('\n'));
    expect(log.runs[0].series.map((s) => s.key)).toEqual(['loss']);
  });
});

describe('several evaluations inside an epoch, each under an epoch line with its step', () => {
  it('"Epoch: 0 - (Step: 00005)" twice per epoch is points inside the epoch, not a run starting again', () => {
    const lines = ['==================== START OF MODEL TRAINING ===================='];
    let step = 0;
    for (let ep = 0; ep < 5; ep++)
      for (let k = 0; k < 2; k++, step += 5) {
        const l = 9.8 / (1 + step / 10);
        lines.push(`\tEpoch: ${ep} - (Step:  ${String(step).padStart(5, '0')})`);
        lines.push(`\t\tTraining loss: ${l}, Validation loss: ${l * 1.1}`);
      }
    const log = read(lines.join('\n'));
    expect(log.runs).toHaveLength(1);
    const loss = log.runs[0].series.find((s) => s.key === 'loss')!;
    expect(loss.y).toHaveLength(10);
    expect(loss.x.slice(0, 2)).toEqual([0.5, 1]);
    // the same epoch line printed again with the counter back at 0 is a restart, as before
    const again = read([...lines, ...lines.slice(1, 5)].join('\n'));
    expect(again.runs).toHaveLength(2);
  });
});

describe('a file stored as a string inside a JSON document', () => {
  it('reads the stored text as the upload it was, and says where it was', () => {
    const csv = ['epoch,loss,val_loss', ...[0, 1, 2, 3, 4, 5].map((e) => `${e},${1 / (e + 1)},${1.1 / (e + 1)}`)].join(
      '\n',
    );
    const log = read(JSON.stringify({ results_csv: { content: csv, sha256: 'ab12' }, note: 'run 3' }));
    expect(ys(log, 'val_loss')).toHaveLength(6);
    expect(log.warnings[0]).toMatchObject({ code: 'embedded_text' });
    expect(log.warnings[0].message).toMatch(/under "results_csv\.content"/);
  });

  it('keeps the document refusal when the stored text is no log', () => {
    const refusal = (doc: object) => {
      try {
        ingest(JSON.stringify(doc));
      } catch (e) {
        return (e as Error).message;
      }
      return 'read';
    };
    const without = refusal({ config: { lr: 0.1 } });
    expect(without).toMatch(/holds no numeric metric values|no per-epoch metric lists/);
    expect(refusal({ readme: 'line one\nline two\nline three\nline four', config: { lr: 0.1 } })).toBe(without);
  });
});

describe('long tables: one row per (name, step, value)', () => {
  it('TensorBoard scalars dumped with pandas (filename,tag,step,value): a series per tag, repeated rows once', () => {
    const f = './tensorboard/events.out.tfevents.1745944791.host.0';
    const rows = ['filename,tag,step,value'];
    for (let i = 1; i <= 6; i++) {
      rows.push(`${f},train/loss,${i * 100},${(2 / i).toFixed(4)}`);
      rows.push(`${f},val/loss,${i * 100},${(2.2 / i).toFixed(4)}`);
      rows.push(`${f},val/loss,${i * 100},${(2.2 / i).toFixed(4)}`); // written twice
    }
    const log = read(rows.join('\n'));
    expect(log.format).toBe('tensorboard-csv');
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].xAxis).toBe('step');
    expect(ys(log, 'loss')).toEqual([2, 1, 0.6667, 0.5, 0.4, 0.3333]);
    expect(ys(log, 'val_loss')).toHaveLength(6);
  });

  it("MLflow's metric history (key,value,step,timestamp), two runs: a run per run id", () => {
    const rows = ['run_id,key,value,step,timestamp'];
    for (const run of ['a1', 'b2'])
      for (let e = 0; e < 5; e++) {
        rows.push(`${run},loss,${(1 - e / 10).toFixed(2)},${e},17000000${e}`);
        rows.push(`${run},val_loss,${(1.1 - e / 10).toFixed(2)},${e},17000000${e}`);
      }
    const log = read(rows.join('\n'));
    expect(log.runs).toHaveLength(2);
    expect(log.runs[1].series.find((s) => s.key === 'val_loss')!.y).toEqual([1.1, 1, 0.9, 0.8, 0.7]);
  });

  it("pd.melt of a history with pandas' index (,epoch,variable,value): one run, a series per variable", () => {
    const rows = [',epoch,variable,value'];
    let i = 0;
    for (const name of ['loss', 'val_loss'])
      for (let e = 1; e <= 5; e++)
        rows.push(`${i++},${e},${name},${((name === 'loss' ? 1 : 1.1) - e / 10).toFixed(2)}`);
    const log = read(rows.join('\n'));
    expect(log.runs).toHaveLength(1);
    expect(ys(log, 'val_loss')).toEqual([1, 0.9, 0.8, 0.7, 0.6]);
    expect(log.runs[0].series.find((s) => s.key === 'loss')!.x).toEqual([1, 2, 3, 4, 5]);
  });

  it('a long table without numbers is refused with a message', () => {
    expect(() => ingest('tag,step,value\nloss,a,b\nloss,c,d\n')).toThrow(IngestError);
  });
});

describe('a total loss beside its parts', () => {
  it('detectron2-style total_loss with loss_cls and loss_box: the total is the loss, the parts are not added to it', () => {
    const lines = [0, 1, 2, 3, 4].map((i) =>
      JSON.stringify({
        iteration: i * 20 + 19,
        total_loss: 4 - i * 0.5,
        loss_cls: 2.6 - i * 0.3,
        loss_box_reg: 1.4 - i * 0.2,
      }),
    );
    const log = read(lines.join('\n'));
    expect(ys(log, 'loss')).toEqual([4, 3.5, 3, 2.5, 2]);
  });
});

describe("gradient boosting's evals_result", () => {
  const rounds = (a: number, step: number) => Array.from({ length: 6 }, (_, i) => +(a - i * step).toFixed(4));

  it('LightGBM (training, valid_0): one history, the sets as splits; l2 is an error to minimise', () => {
    const log = read(JSON.stringify({ training: { l2: rounds(0.5, 0.05) }, valid_0: { l2: rounds(0.55, 0.04) } }));
    expect(ys(log, 'l2')).toEqual(rounds(0.5, 0.05));
    expect(log.runs[0].series.find((s) => s.key === 'val_l2')!.kind).toBe('error');
  });

  it('XGBoost (validation_0, validation_1): the first set is read as training, and a warning says so', () => {
    const log = read(
      JSON.stringify({ validation_0: { rmse: rounds(0.5, 0.05) }, validation_1: { rmse: rounds(0.55, 0.04) } }),
    );
    expect(ys(log, 'val_rmse')).toEqual(rounds(0.55, 0.04));
    expect(log.warnings.map((w) => w.code)).toContain('eval_set_order');
  });

  it('a nested history by split ({"train": {"loss": [...]}, "val": {"loss": [...]}}) keeps both splits', () => {
    const log = read(JSON.stringify({ train: { loss: rounds(1, 0.1) }, val: { loss: rounds(1.1, 0.1) } }));
    expect(ys(log, 'loss')).toEqual(rounds(1, 0.1));
    expect(ys(log, 'val_loss')).toEqual(rounds(1.1, 0.1));
  });
});

describe('three unnamed columns: a counter, a falling loss and a rising fraction', () => {
  const rows = (acc: (i: number) => number) =>
    Array.from({ length: 8 }, (_, i) => `${i} ${(0.2 - i * 0.01).toFixed(4)} ${acc(i).toFixed(4)}`).join('\n');

  it('is read as the training loss and an accuracy, and the warning says the split is a guess', () => {
    const log = read(rows((i) => 0.87 + i * 0.015));
    expect(ys(log, 'loss')).toHaveLength(8);
    expect(ys(log, 'accuracy')![7]).toBeCloseTo(0.975, 6);
    expect(log.runs[0].series.find((s) => s.key === 'loss')!.x[0]).toBe(1);
    expect(log.warnings.find((w) => w.code === 'unnamed_series')!.message).toMatch(/training accuracy/);
  });

  it('a third column above 1 or falling is not an accuracy: the table is refused with a request for a header', () => {
    expect(() => ingest(rows((i) => 1.5 + i * 0.1))).toThrow(IngestError);
    expect(() => ingest(rows((i) => 0.9 - i * 0.05))).toThrow(IngestError);
  });

  it('a third column that is exp of the second on every row is its perplexity; a restart of the counter starts a run', () => {
    const run = (n: number) =>
      Array.from({ length: n }, (_, i) => {
        const l = 37.3 / (1 + i) + 4;
        return `${i}, ${l}, ${Math.exp(l)}`;
      });
    // a language model's log appended to by three launches, the first two stopped early; it was refused
    const log = ingest([...run(2), ...run(3), ...run(12)].join('\n'));
    expect(log.runs).toHaveLength(3);
    const last = log.runs[2];
    expect(last.series.map((s) => s.key)).toEqual(['loss', 'perplexity']);
    expect(last.series[0].x).toHaveLength(12);
    expect(last.epochNumbering).toBe('from0');
    // printed rounded, it still names itself; a third column that is not exp of the second does not
    const rounded = run(8).map((r) =>
      r
        .split(', ')
        .map((c) => (+c).toFixed(2))
        .join(', '),
    );
    expect(ingest(rounded.join('\n')).runs[0].series[1].key).toBe('perplexity');
    const near = run(8).map((r) => r.replace(/, ([^,]+)$/, (_, p) => `, ${+p * 1.5}`));
    expect(() => ingest(near.join('\n'))).toThrow(IngestError);
    // ln(lr) beside the lr, or a near-zero loss beside an accuracy of 1.0, is no loss and its perplexity
    const lnLr = Array.from({ length: 8 }, (_, i) => `${i}, ${Math.log(1e-3 / (i + 1))}, ${1e-3 / (i + 1)}`);
    expect(() => ingest(lnLr.join('\n'))).toThrow(IngestError);
    const acc = Array.from({ length: 8 }, (_, i) => `${i}, ${(0.004 / (i + 1)).toFixed(5)}, 1.0`);
    expect(() => ingest(acc.join('\n'))).toThrow(/no header row/);
  });
});

describe('a headerless table whose every row ends in an empty cell', () => {
  // mljar-supervised's learner_fold_0_training.log for a model validated only at the end: "0,0.497,"
  const rows = (n: number, tail: (i: number) => string) =>
    Array.from({ length: n }, (_, i) => `${i},${(0.5 / (1 + i) + 0.02).toFixed(5)},${tail(i)}`).join('\n') + '\n';

  it('leaves the empty cell out: a counter and the training loss', () => {
    const log = read(rows(12, () => ''));
    expect(log.runs[0].series.map((s) => s.key)).toEqual(['loss']);
    expect(log.runs[0].series[0].x.slice(0, 3)).toEqual([1, 2, 3]);
    expect(log.warnings.find((w) => w.code === 'unnamed_series')?.message).toMatch(
      /first column is read as an epoch counter/,
    );
  });

  it('keeps a last column that holds a value on some row, and reads three full columns as before', () => {
    // one value in the last column: the table is not two columns, and cannot be named
    expect(() => ingest(rows(12, (i) => (i === 11 ? '0.3' : '')))).toThrow(/no header row/);
    const full = read(rows(12, (i) => (0.5 / (1 + i) + 0.1).toFixed(5)));
    expect(full.runs[0].series.map((s) => s.key).sort()).toEqual(['loss', 'val_loss']);
  });
});

describe('three unnamed columns: a step counter and two falling losses', () => {
  const rows = (every: number, jitter = 0) =>
    Array.from(
      { length: 12 },
      (_, i) =>
        `${i * every + (i === 5 ? jitter : 0)},${(5 / (i + 1) + 1).toFixed(4)},${(5 / (i + 1) + 1.4).toFixed(4)}`,
    ).join('\n');

  it('a counter rising by the same interval every row is the step: training and validation loss on a step axis', () => {
    const log = read(rows(200));
    expect(log.runs[0].xAxis).toBe('step');
    expect(log.runs[0].series.find((s) => s.key === 'val_loss')?.x.slice(0, 3)).toEqual([0, 200, 400]);
    expect(log.warnings.find((w) => w.code === 'unnamed_series')?.message).toMatch(
      /^The table has no header: its first column is read as the step \(it rises by 200 each row\) and the next two as the training loss and the validation loss/,
    );
    // an epoch counter is still epochs
    expect(read(rows(1)).runs[0].xAxis).toBe('epoch');
  });

  it('a counter whose interval changes is no step counter: the table is refused with a request for a header', () => {
    expect(() => ingest(rows(200, 50))).toThrow(IngestError);
  });

  it('years, seconds or IDs rising by a constant, a term below its total, a loss beside an accuracy: refused', () => {
    const train = (i: number) => (5 / (i + 1) + 1).toFixed(4);
    /** a headerless counter, the falling loss above and a third column: refused with the request for a header */
    const refused = (counter: (i: number) => number, third: (i: number) => string) =>
      expect(() =>
        ingest(Array.from({ length: 12 }, (_, i) => `${counter(i)},${train(i)},${third(i)}`).join('\n')),
      ).toThrow(IngestError);
    // a counter that starts past its interval (1960, 1965, ...; Unix seconds by 60) is no step counter
    refused(
      (i) => 1960 + 5 * i,
      (i) => (5 / (i + 1) + 1.4).toFixed(4),
    );
    // per step, a column below the first on every row is a term of that loss more likely than its validation loss
    refused(
      (i) => 100 * i,
      (i) => (2 / (i + 1) + 0.3).toFixed(4),
    );
    // a falling loss beside a rising fraction, by a step counter: not read as epochs 1, 201, 401, ...
    refused(
      (i) => 200 * i,
      (i) => (0.5 + i / 30).toFixed(4),
    );
    // the request for a header names the step
    expect(read(rows(200)).warnings.find((w) => w.code === 'unnamed_series')?.message).toMatch(
      /add a header row \(e\.g\. "step,loss,val_loss"\)\.$/,
    );
  });
});

describe('what the new readers must not take (a wrong reading is worse than a refusal)', () => {
  const keys = (text: string) => ingest(text).runs.map((r) => r.series.map((s) => `${s.key}=${s.y.join(',')}`));

  it('a split word before a value names no loss when the line names its metrics or times', () => {
    const named = [1, 2, 3, 4, 5].map(
      (e) => `Epoch ${e}: loss=0.${9 - e}, val_loss=0.${9 - e}5 (train 12.5${e} val 3.2${e} sec)`,
    );
    expect(keys(named.join('\n'))).toEqual([['loss=0.8,0.7,0.6,0.5,0.4', 'val_loss=0.85,0.75,0.65,0.55,0.45']]);
    // the metric named before its splits: accuracies, not losses (names-in-words.test.ts)
    const acc = [1, 2, 3, 4, 5].map((e) => `Epoch ${e} - acc: train 0.5${e} val 0.4${e}`);
    expect(keys(acc.join('\n'))).toEqual([
      ['accuracy=0.51,0.52,0.53,0.54,0.55', 'val_accuracy=0.41,0.42,0.43,0.44,0.45'],
    ]);
    const preamble = [
      'Splitting: train 0.8, val 0.1, test 0.1',
      ...[1, 2, 3, 4, 5].map((e) => `Epoch ${e}: loss 0.${9 - e}`),
    ];
    expect(keys(preamble.join('\n'))).toEqual([['loss=0.8,0.7,0.6,0.5,0.4']]);
    // a value printed with trailing zeros is still a value
    const zeros = ['step 250 | train 2.1000 | val 2.2000', 'step 500 | train 1.900 | val 2.000'];
    for (let s = 750; s <= 1250; s += 250) zeros.push(`step ${s} | train 1.${s / 250} | val 1.9`);
    expect(read(zeros.join('\n')).runs[0].series.find((s) => s.key === 'val_loss')!.x).toHaveLength(5);
  });

  it('a trailing unit after the last cell is no pandas index: it belongs to the time cell, nothing is shifted', () => {
    const text = [
      'epoch  loss  val_loss  time',
      '1  0.50  0.60  12.3 s',
      '2  0.40  0.55  12.1 s',
      '3  0.35  0.52  12.2 s',
    ];
    const run = ingest(text.join('\n')).runs[0];
    expect(run.series.map((s) => s.key)).toEqual(['loss', 'val_loss']);
    expect(run.series[0].x).toEqual([1, 2, 3]);
    expect(run.series[0].y).toEqual([0.5, 0.4, 0.35]);
    expect(run.series[1].y).toEqual([0.6, 0.55, 0.52]);
    // a word that is no unit after the last cell still refuses the table
    expect(() => ingest(text.map((l, i) => (i ? l.replace(' s', ' done') : l)).join('\n'))).toThrow(IngestError);
  });

  it('printed tables of epochs and of steps stay separate runs (no reader for one layout takes both)', () => {
    const text = [
      'epoch train_loss val_loss',
      '1 0.9 0.95',
      '2 0.7 0.8',
      '3 0.6 0.7',
      '',
      'step loss lr',
      '100 0.5 0.001',
      '200 0.4 0.001',
      '300 0.3 0.001',
    ];
    const log = read(text.join('\n'));
    expect(log.runs).toHaveLength(2);
    expect(log.runs[0].series.find((s) => s.key === 'val_loss')!.y).toEqual([0.95, 0.8, 0.7]);
    expect(log.runs[1].series.find((s) => s.key === 'loss')!.y).toEqual([0.5, 0.4, 0.3]);
  });

  it('an indexed frame with a spaced name and a named x column is read by its names', () => {
    const log = read(
      [
        '   Epoch  Loss  Val Loss',
        '0      1  0.90      0.95',
        '1      2  0.80      0.85',
        '2      3  0.70      0.80',
      ].join('\n'),
    );
    expect(ys(log, 'val_loss')).toEqual([0.95, 0.85, 0.8]);
    expect(log.runs[0].series.find((s) => s.key === 'loss')!.x).toEqual([1, 2, 3]);
  });

  it('long tables: a tbparse dir_name column splits runs; a (name, step) read twice with two values is said', () => {
    const rows = ['dir_name,step,tag,value'];
    for (const [k, r] of ['runA', 'runB'].entries())
      for (let i = 1; i <= 5; i++) rows.push(`${r},${i},loss,${(1 / i + k).toFixed(3)}`);
    expect(read(rows.join('\n')).runs).toHaveLength(2);
    const merged = ['step,tag,value'];
    for (const k of [0, 1]) for (let i = 1; i <= 5; i++) merged.push(`${i},loss,${(1 / i + k).toFixed(3)}`);
    expect(read(merged.join('\n')).warnings.map((w) => w.code)).toContain('repeated_steps');
    // a metric column beside name/value makes it a table of another kind
    const wide = ['epoch,metric,value,loss', ...[1, 2, 3, 4, 5].map((i) => `${i},f1,0.${5 + i},${(1 / i).toFixed(3)}`)];
    expect(read(wide.join('\n')).runs[0].series.map((s) => s.key)).toContain('loss');
  });

  it('a JSON config list beside the history is not the history; named eval sets are not reordered', () => {
    const log = [1, 2, 3, 4, 5].map((e) => ({ epoch: e, train_loss: 1 / e, val_loss: 1.2 / e }));
    const doc = read(
      JSON.stringify({
        layers: [
          { units: 64, dropout: 0.1 },
          { units: 32, dropout: 0.2 },
        ],
        log,
      }),
    );
    expect(doc.runs[0].series.map((s) => s.key).sort()).toEqual(['loss', 'val_loss']);
    const sets = read(
      JSON.stringify({ val: { loss: [1, 0.9, 0.8, 0.7, 0.6] }, test: { loss: [1.1, 1, 0.9, 0.8, 0.7] } }),
    );
    expect(sets.runs[0].series.map((s) => s.key)).toEqual(['val_loss']);
    expect(sets.warnings.map((w) => w.code)).not.toContain('eval_set_order');
  });
});

describe('shapes the fifth wild batch showed (bench/wild5)', () => {
  it('json.dump(losses, f): a bare list of numbers is the training loss, named by guess; a list of IDs is not', () => {
    const log = read(JSON.stringify([0.95, 0.76, 0.66, 0.58, 0.5, 0.44]));
    expect(ys(log, 'loss')).toEqual([0.95, 0.76, 0.66, 0.58, 0.5, 0.44]);
    expect(log.warnings.map((w) => w.code)).toContain('unnamed_series');
    expect(() => ingest(JSON.stringify([3, 7, 12, 15, 21, 30]))).toThrow(IngestError);
    expect(() => ingest(JSON.stringify([0.9, 0.8]))).toThrow(IngestError);
  });

  it('{"train": [records], "val": [records]}: per-epoch records per split, read as one history', () => {
    const recs = (a: number) => [0, 1, 2, 3, 4].map((i) => ({ loss: +(a - i * 0.1).toFixed(2), auroc: 0.9 + i / 100 }));
    const log = read(JSON.stringify({ train: recs(1), val: recs(1.2) }));
    expect(ys(log, 'val_loss')).toEqual([1.2, 1.1, 1, 0.9, 0.8]);
    expect(log.runs[0].series.find((s) => s.key === 'val_auroc')!.kind).toBe('score');
  });

  it('"Loss at step 3: 8.1": the metric named before "at step" is the value after the counter', () => {
    const lines = [8.5, 8.53, 8.05, 7.94, 7.37, 7.5].map(
      (l, i) => `2017-08-18 02:43:5${i},360:\tLoss at step ${i + 1}: ${l}`,
    );
    const log = read(lines.join('\n'));
    expect(ys(log, 'loss')).toEqual([8.5, 8.53, 8.05, 7.94, 7.37, 7.5]);
  });

  it('lines other ranks print ("Rank 2 | ...") are left out; rank 0 is read; "[GPU1]" alone is a run on cuda:1', () => {
    const lines: string[] = [];
    for (let e = 1; e <= 5; e++) {
      for (const r of [1, 3, 0, 2]) lines.push(`Rank ${r} | Epoch Loss: ${(0.2 - e * 0.01 + r * 0.003).toFixed(4)}`);
      lines.push(`[GPU2] Epoch ${e} | Batchsize: 32`);
      lines.push(`Epoch [${e}/5], Avg Loss: ${(0.2 - e * 0.01).toFixed(4)}`);
    }
    const log = read(lines.join('\n'));
    expect(ys(log, 'loss')).toEqual([0.19, 0.18, 0.17, 0.16, 0.15]);
    const gpu1 = [1, 2, 3, 4, 5, 6].map((e) => `[GPU1] Epoch ${e} | Batchsize: 32 | Steps: 28 | Loss: 0.${9 - e}1`);
    expect(ys(read(gpu1.join('\n')), 'loss')).toEqual([0.81, 0.71, 0.61, 0.51, 0.41, 0.31]);
  });
});

describe('the second review: what the fifth batch readers must not take', () => {
  const tr = Array.from({ length: 20 }, (_, i) => ({ epoch: i + 1, loss: +(1 / (i + 1)).toFixed(3) }));

  it('per-split records that do not line up (validation every 5 epochs, one final test record) keep the training run', () => {
    const every5 = read(JSON.stringify({ train: tr, val: [5, 10, 15, 20].map((epoch) => ({ epoch, loss: 0.5 })) }));
    expect(ys(every5, 'loss')).toHaveLength(20);
    const final = read(JSON.stringify({ train: tr.slice(0, 10), test: [{ loss: 0.6, acc: 0.8 }] }));
    expect(ys(final, 'loss')).toHaveLength(10);
  });

  it('per-split records beside a config, with split-prefixed keys, and bare lists per split', () => {
    const rows = (k: string, d: number) =>
      tr.slice(0, 8).map((r) => ({ epoch: r.epoch, [k]: +(r.loss + d).toFixed(3) }));
    const log = read(JSON.stringify({ train: rows('train_loss', 0), val: rows('val_loss', 0.1), config: { lr: 1 } }));
    expect(log.runs[0].series.map((s) => s.key).sort()).toEqual(['loss', 'val_loss']);
    const bare = read(JSON.stringify({ train: [0.9, 0.8, 0.7, 0.6, 0.5], val: [1, 0.9, 0.85, 0.8, 0.78] }));
    expect(ys(bare, 'val_loss')).toEqual([1, 0.9, 0.85, 0.8, 0.78]);
  });

  it('records keyed by sample name are no history, and read fast', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => ({ [`sample_${i}`]: 0.1 }));
    const t0 = performance.now();
    try {
      ingest(JSON.stringify({ train: many, val: [{ loss: 0.5 }] }));
    } catch (e) {
      expect(e).toBeInstanceOf(IngestError);
    }
    expect(performance.now() - t0).toBeLessThan(5000); // linear: ~0.1 s; the quadratic version took minutes
  });

  it('a bare list that rises or goes negative (accuracies, rewards) is refused, not read as a loss', () => {
    expect(() => ingest(JSON.stringify([0.52, 0.61, 0.7, 0.75, 0.79]))).toThrow(IngestError);
    expect(() => ingest(JSON.stringify([-120.5, -80, -50, -30, -22.3]))).toThrow(IngestError);
  });

  it('"loss scale at step 100: 65536" names no loss; "Loss at step 3: 8.1" does', () => {
    const lines = [1, 2, 3, 4, 5, 6].flatMap((i) => [
      `step ${i * 100}: loss ${(2 - i * 0.1).toFixed(2)}`,
      `loss scale at step ${i * 100}: 65536`,
    ]);
    expect(ys(read(lines.join('\n')), 'loss')).toEqual([1.9, 1.8, 1.7, 1.6, 1.5, 1.4]);
  });
});

describe('other ranks after a logging prefix', () => {
  it('"2024-01-01 10:00:00 | Rank 1 | ..." is another rank; "... - INFO - rank 1: 85.2%" is a re-ID metric', () => {
    const lines: string[] = [];
    for (let e = 1; e <= 5; e++)
      for (const r of [0, 1, 2])
        lines.push(`2024-01-01 10:0${e}:00 | Rank ${r} | Epoch ${e} | loss: ${(1 / e + r).toFixed(3)}`);
    const log = read(lines.join('\n'));
    expect(log.runs).toHaveLength(1);
    expect(ys(log, 'loss')).toEqual([1, 0.5, 0.333, 0.25, 0.2]);
    expect(isOtherRank('2024-01-01 10:00:00 - INFO - rank 1: 0.85')).toBe(false);
    expect(isOtherRank('INFO:root:[rank1] epoch 1 loss 2')).toBe(true);
    expect(isOtherRank('2024-01-01 10:00:00 | Rank 0 | Epoch 1')).toBe(false);
  });

  it('lines of pairs without epoch numbers leave other ranks out too', () => {
    const lines: string[] = [];
    for (let e = 1; e <= 5; e++)
      for (const r of [1, 0])
        lines.push(`[rank${r}]: loss=${(1 / e + r).toFixed(3)} val_loss=${(1.1 / e + r).toFixed(3)}`);
    expect(ys(read(lines.join('\n')), 'loss')).toEqual([1, 0.5, 0.333, 0.25, 0.2]);
  });
});
