/**
 * Minimal reproductions of bugs the fuzzer and the fixture tests found, one test each.
 */
import { describe, expect, it } from 'vitest';
import { ingest, isIngestError, IngestError } from '../../src/ingest/index.js';
import { checkLog } from './helpers/ingest-worker.js';
import { LEAKY_MESSAGE } from './helpers/isolated.js';

function outcome(input: string, options?: Parameters<typeof ingest>[1]): { problems: string[] } | IngestError {
  try {
    return { problems: checkLog(ingest(input, options)) };
  } catch (e) {
    if (!isIngestError(e)) throw e;
    expect(e.message).not.toMatch(LEAKY_MESSAGE);
    return e;
  }
}

describe('fuzz regressions', () => {
  // Object-literal lookups by user-controlled name returned Object.prototype members:
  // canonicalName('constructor') gave key = the Object function.
  it('metric names that are Object.prototype members stay plain names', () => {
    const log = ingest(
      'Epoch 1/2\n10/10 - 0s - loss: 0.5000 - constructor: 1.0000 - toString: 2.0000\nEpoch 2/2\n10/10 - 0s - loss: 0.4000 - constructor: 1.5000 - toString: 2.5000\n',
    );
    expect(checkLog(log)).toEqual([]);
    expect(log.runs[0].series.map((s) => s.key).sort()).toEqual(['constructor', 'loss', 'to_string']);
    const csv = ingest('epoch,loss,hasOwnProperty,valueOf\n0,0.9,1,2\n1,0.5,1,2\n');
    expect(checkLog(csv)).toEqual([]);
  });

  it('--format constructor / __proto__ is an unknown format, not Object', () => {
    for (const f of ['constructor', '__proto__', 'toString']) {
      const r = outcome('epoch,loss\n0,1\n', { format: f });
      expect(r, f).toBeInstanceOf(IngestError);
      expect((r as IngestError).code).toBe('bad_format_override');
    }
  });

  // --format hf-trainer-state on text without any HF log dict: fromRecords([]) read recs[0].epoch and
  // the TypeError surfaced as "The log could not be read (Cannot read properties of undefined (reading 'epoch'))".
  it('--format hf-trainer-state on text without log dicts is a clean refusal', () => {
    const r = outcome('Epoch 1/2\n10/10 - 0s - loss: 0.5000\n', { format: 'hf-trainer-state' });
    expect(r).toBeInstanceOf(IngestError);
    expect((r as IngestError).code).toBe('no_series');
  });

  // TensorBoard JSON rows with a non-finite step put -Infinity / NaN into x.
  it('TensorBoard JSON rows with a non-finite step are skipped', () => {
    const r = outcome('[[1700000000.0, -Infinity, 0.5], [1700000001.0, NaN, 0.4], [1700000002.0, 2, 0.3]]');
    expect(r).not.toBeInstanceOf(IngestError);
    expect((r as { problems: string[] }).problems).toEqual([]);
    const log = ingest('[[1700000000.0, -Infinity, 0.5], [1700000002.0, 2, 0.3], [1700000003.0, 3, 0.2]]');
    expect(log.runs[0].series[0].x).toEqual([2, 3]);
  });
});

describe('Lightning epoch/step cells', () => {
  // Found by fuzzing (csv.ts lightning(), committed version): parseNumber('inf') is Infinity, and an inf/-inf/nan cell in the epoch or step column
  // becomes an x position (and an epochAtStep entry) of +-Infinity / NaN. x must be finite.
  it('Lightning rows with a non-finite epoch or step are not placed at x = +-Infinity', () => {
    const a = outcome('epoch,step,train_loss,val_loss\ninf,749,,0.15\n0,749,0.49,\n1,1499,,0.11\n1,1499,0.13,\n');
    expect(a).not.toBeInstanceOf(IngestError);
    expect((a as { problems: string[] }).problems).toEqual([]);
    const b = outcome('Step,epoch,loss\ninf,0\n0.0,nan,0\n');
    if (!(b instanceof IngestError)) expect(b.problems).toEqual([]);
  });
});

describe('non-finite x positions', () => {
  // Fixed (json.ts fromRecords, one line): an "epoch" of Infinity / NaN was used as x.
  it('JSON records with a non-finite epoch are numbered by position', () => {
    const log = ingest('[{"epoch": Infinity, "loss": 0.9}, {"epoch": 1, "loss": 0.5}, {"epoch": 2, "loss": 0.4}]');
    expect(checkLog(log)).toEqual([]);
    expect(log.runs[0].series[0].x).toEqual([1, 2, 3]);
  });

  // Found by fuzzing (csv.ts tensorboard(), committed version): a Step cell of "NaN" / inf becomes x = NaN / Infinity.
  it('TensorBoard CSV rows with a non-finite Step are skipped', () => {
    const r = outcome(
      'Wall time,Step,Value\r\n1700000000.1,0,0.7\r\n1700000031.6,"NaN",0.6\r\n1700000063.1,-inf,0.55\r\n1700000094.6,3,0.5\r\n',
    );
    expect(r).not.toBeInstanceOf(IngestError);
    expect((r as { problems: string[] }).problems).toEqual([]);
  });
});

describe('JSON records / JSON lines with a restarting epoch', () => {
  // Found by fuzzing: fromRecords (json.ts) uses the epoch values as x in file order and never segments,
  // so two runs appended to one JSON-lines file (epoch 0,1,0,1) give ONE run with x = 1,2,1,2 (not
  // ascending), and out-of-order records give x = 2,1,3. The CSV reader starts a new run when the epoch
  // goes back (segmentByEpoch); records should do the same. The same path serves
  // `--format hf-trainer-state` on console text whose dict lines are out of order.
  it('two runs appended to a JSON-lines file are two runs', () => {
    const log = ingest(
      '{"epoch": 0, "loss": 0.9, "val_loss": 1.0}\n{"epoch": 1, "loss": 0.5, "val_loss": 0.6}\n{"epoch": 0, "loss": 0.8, "val_loss": 0.9}\n{"epoch": 1, "loss": 0.4, "val_loss": 0.5}\n',
    );
    expect(checkLog(log)).toEqual([]);
    expect(log.runs.length).toBe(2);
    expect(log.runs[1].series.find((s) => s.key === 'loss')!.x).toEqual([1, 2]);
  });

  it('records out of epoch order still give ascending x', () => {
    const log = ingest('[{"epoch": 2, "loss": 0.5}, {"epoch": 1, "loss": 0.9}, {"epoch": 3, "loss": 0.4}]');
    expect(checkLog(log)).toEqual([]);
  });
});

describe('one-epoch console output', () => {
  // Found by the round-trip fuzzer: looksLikeKerasConsole needs two "Epoch i/N" headers or two
  // "- loss:" lines, so fit(epochs=1) output (tf.keras >= 2.2 prints no header at all when epochs == 1)
  // is refused as "No training metrics found in this text", while a one-row CSVLogger file reads fine.
  // It should read as a one-point keras-stdout log (diagnose then says not_assessable).
  for (const text of [
    'Epoch 1/1\n32/32 - 0s - loss: 0.5000 - val_loss: 0.6000 - 310ms/epoch - 10ms/step\n',
    '32/32 [==============================] - 1s 20ms/step - loss: 0.6877 - accuracy: 0.5100 - val_loss: 0.6900 - val_accuracy: 0.5100\n',
  ]) {
    it(`reads ${JSON.stringify(text.slice(0, 40))}...`, () => {
      const log = ingest(text);
      expect(log.format).toBe('keras-stdout');
      expect(log.runs[0].series.find((s) => s.key === 'val_loss')!.x).toEqual([1]);
    });
  }

  it('fit(epochs=1) called in a loop ("Iteration k" / "Epoch 1/1" each time) is one training, an epoch per call', () => {
    const calls = [7.81, 7.8, 7.78, 7.78, 7.77].map(
      (l, k) =>
        `Iteration ${k + 1}\nEpoch 1/1\n100/100 [==============================] - 150s 1s/step - loss: ${l} - val_loss: ${(l + 0.2).toFixed(2)}\nHEAD: sample text`,
    );
    const log = ingest(calls.join('\n'));
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].series.find((s) => s.key === 'loss')!.x).toEqual([1, 2, 3, 4, 5]);
    expect(log.warnings.map((w) => w.code)).toContain('one_epoch_calls');
    // two such calls are two trainings, as before
    expect(ingest(calls.slice(0, 2).join('\n')).runs).toHaveLength(2);
  });
});

describe('validation_freq inference', () => {
  // Found by the round-trip fuzzer (fixed in json.ts, one line): 5 epochs with validation_freq=2 give
  // 2 val values (epochs 2 and 4), but Math.round(5 / 2) = 3 read them as epochs 3 and 6, past the end.
  it('5 epochs, 2 val values -> epochs 2 and 4', () => {
    const log = ingest('{"loss": [1.0, 0.8, 0.7, 0.6, 0.55], "val_loss": [0.9, 0.7]}');
    expect(log.runs[0].series.find((s) => s.key === 'val_loss')!.x).toEqual([2, 4]);
  });
  it('11 epochs, 3 val values -> validation_freq 3', () => {
    const log = ingest(JSON.stringify({ loss: Array(11).fill(0.5), val_loss: [0.9, 0.7, 0.6] }));
    expect(log.runs[0].series.find((s) => s.key === 'val_loss')!.x).toEqual([3, 6, 9]);
  });
});

describe('hand-written prints and spreadsheet exports', () => {
  const keys = (input: string) => {
    const log = ingest(input);
    expect(checkLog(log)).toEqual([]);
    return log.runs[0].series.map((s) => s.key).sort();
  };

  it('"Epoch 1 train_loss 0.69 val_loss 0.68": name and value with only a space between', () => {
    const text = Array.from(
      { length: 5 },
      (_, i) => `Epoch ${i + 1} train_loss ${(0.7 - i * 0.1).toFixed(4)} val_loss ${(0.75 - i * 0.05).toFixed(4)}`,
    ).join('\n');
    expect(keys(text)).toEqual(['loss', 'val_loss']);
    expect(keys(text.replace(/train_loss/g, 'train loss').replace(/val_loss/g, 'val loss'))).toEqual([
      'loss',
      'val_loss',
    ]);
  });

  it('only metric-like names count as space-separated pairs ("took 35 seconds" is not a metric)', () => {
    const log = ingest(
      'Epoch 1 took 35 seconds, loss 0.69\nEpoch 2 took 34 seconds, loss 0.51\nEpoch 3 took 36 seconds, loss 0.40\n',
    );
    expect(log.runs[0].series.map((s) => s.key)).toEqual(['loss']);
  });

  it('"[Epoch 1/6] Train Loss: 0.69 | Val Loss: 0.68" is text, not a broken JSON list', () => {
    const text = Array.from(
      { length: 4 },
      (_, i) =>
        `[Epoch ${i + 1}/4] Train Loss: ${(0.7 - i * 0.1).toFixed(4)} | Val Loss: ${(0.72 - i * 0.05).toFixed(4)} | Val Acc: 0.${55 + i}`,
    ).join('\n');
    expect(keys(text)).toEqual(['loss', 'val_accuracy', 'val_loss']);
    // a broken JSON list still says what is wrong with it
    const bad = outcome('[0.5, 0.4, oops');
    expect(bad).toBeInstanceOf(IngestError);
  });

  it('decimal commas in a ; or tab separated table (a spreadsheet export), with a warning', () => {
    for (const sep of [';', '\t']) {
      const log = ingest(
        ['epoch', 'loss', 'val_loss'].join(sep) +
          '\n' +
          [1, 2, 3, 4].map((e) => [e, `0,${70 - e * 10}`, `0,${75 - e * 5}`].join(sep)).join('\n'),
      );
      expect(checkLog(log)).toEqual([]);
      const loss = log.runs[0].series.find((s) => s.key === 'loss')!;
      expect(loss.y).toEqual([0.6, 0.5, 0.4, 0.3]);
      expect(log.warnings.map((w) => w.code)).toContain('decimal_comma');
    }
    // a comma-separated table keeps commas as separators
    expect(ingest('epoch,loss\n1,0.5\n2,0.4\n').warnings.map((w) => w.code)).not.toContain('decimal_comma');
  });
});

describe('more fuzz regressions', () => {
  it('a UTF-16BE file with an odd trailing byte is read, not a RangeError', () => {
    const body = Buffer.from('epoch,loss\n0,0.5\n1,0.4\n', 'utf16le').swap16();
    const input = new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), body, Buffer.from([0x41])]));
    const r = outcome(input as unknown as string);
    expect(r instanceof IngestError ? r.message : r.problems).toEqual([]);
  });

  it('rows of one epoch after a fractional epoch value stay ascending (8.8 then 9, 9)', () => {
    const log = ingest('epoch,loss\n7,0.6\n8.83877224,0.5\n9,0.45\n9,0.4\n10,0.3\n');
    expect(checkLog(log)).toEqual([]);
    const x = log.runs[0].series[0].x;
    for (let i = 1; i < x.length; i++) expect(x[i]).toBeGreaterThan(x[i - 1]);
  });
});

describe('pasted tables', () => {
  const keysOf = (input: string) => {
    const log = ingest(input);
    expect(checkLog(log)).toEqual([]);
    return { log, keys: log.runs[0].series.map((s) => s.key).sort() };
  };

  it("fastai's whitespace-aligned console table (learn.fit_one_cycle output)", () => {
    const text = [
      'epoch     train_loss  valid_loss  accuracy  time    ',
      ...[0, 1, 2, 3, 4].map(
        (e) =>
          `${String(e).padEnd(10)}${(0.9 - e * 0.15).toFixed(6)}    ${(0.7 - e * 0.05).toFixed(6)}    0.${80 + e}0000  00:12     `,
      ),
    ].join('\n');
    const { log, keys } = keysOf(text);
    expect(log.format).toBe('fastai-csv');
    expect(keys).toEqual(['loss', 'val_accuracy', 'val_loss']);
    expect(log.runs[0].series.find((s) => s.key === 'loss')!.x).toEqual([1, 2, 3, 4, 5]);
  });

  it('a Markdown pipe table (a Hugging Face notebook table pasted in chat): its metric columns are evaluation metrics', () => {
    const text = [
      'Training finished:',
      '| Epoch | Training Loss | Validation Loss | Accuracy |',
      '|-------|---------------|-----------------|----------|',
      '| 1     | No log        | 0.401200        | 0.851200 |',
      '| 2     | 0.398100      | 0.352100        | 0.872000 |',
      '| 3     | 0.301200      | 0.341000        | 0.881000 |',
    ].join('\n');
    const { keys, log } = keysOf(text);
    expect(keys).toEqual(['loss', 'val_accuracy', 'val_loss']);
    expect(log.runs[0].series.find((s) => s.key === 'loss')!.y).toEqual([0.3981, 0.3012]); // "No log" is missing, not 0
  });

  it('prose with a few words per line is not taken for a table', () => {
    expect(() => ingest('my loss goes down\nthen it goes up\nwhy is that\n')).toThrow(IngestError);
  });
});

describe("PyTorch's MNIST example output", () => {
  it('reads "Test set: Average loss: ..., Accuracy: 9826/10000 (98%)" as the epoch\'s validation metrics', () => {
    const lines: string[] = [];
    for (let e = 1; e <= 4; e++) {
      for (let b = 0; b < 5; b++)
        lines.push(`Train Epoch: ${e} [${b * 12800}/60000 (${b * 21}%)]\tLoss: ${(2 / (e + b / 5)).toFixed(6)}`);
      lines.push(
        '',
        `Test set: Average loss: ${(0.2 / e).toFixed(4)}, Accuracy: ${9500 + e * 100}/10000 (${95 + e}%)`,
        '',
      );
    }
    const log = ingest(lines.join('\n'));
    expect(checkLog(log)).toEqual([]);
    const run = log.runs[0];
    const val = run.series.find((s) => s.key === 'val_loss')!;
    expect(val.x).toEqual([1, 2, 3, 4]);
    expect(val.y).toEqual([0.2, 0.1, 0.0667, 0.05]);
    expect(run.series.find((s) => s.key === 'val_accuracy')!.y).toEqual([0.96, 0.97, 0.98, 0.99]);
    expect(run.series.find((s) => s.key === 'loss')!.y.length).toBe(20);
  });
});

describe('other libraries people paste', () => {
  it("scikit-learn's MLP verbose output: 'Iteration N, loss = X'", () => {
    const text =
      Array.from({ length: 12 }, (_, i) => `Iteration ${i + 1}, loss = ${(0.7 / (1 + i * 0.3)).toFixed(8)}`).join(
        '\n',
      ) + '\nTraining loss did not improve more than tol=0.000100 for 10 consecutive epochs. Stopping.\n';
    const log = ingest(text);
    expect(checkLog(log)).toEqual([]);
    expect(log.runs[0].series.map((s) => s.key)).toEqual(['loss']);
    expect(log.runs[0].series[0].x).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    // its iterations are epochs (counted one by one), not steps
    expect(log.runs[0].xAxis).toBe('epoch');
  });

  it("Caffe's solver log: 'Iteration N' every 100 iterations counts steps, its test net outputs the held-out curve", () => {
    const t = (i: number) => `I1226 00:10:${String(30 + (i % 30)).padStart(2, '0')}.7 10276 solver.cpp:`;
    const lines = ['I1226 00:10:28.738517 10276 caffe.cpp:218] Using GPUs 0'];
    for (let it = 0; it <= 2000; it += 100) {
      if (it % 500 === 0) {
        lines.push(`${t(it)}330] Iteration ${it}, Testing net (#0)`);
        lines.push(`${t(it)}397]     Test net output #0: accuracy = ${(0.9 + it / 40000).toFixed(4)}`);
        lines.push(
          `${t(it)}397]     Test net output #1: loss = ${(0.3 - it / 10000).toFixed(5)} (* 1 = ${(0.3 - it / 10000).toFixed(5)} loss)`,
        );
      }
      lines.push(`${t(it)}218] Iteration ${it} (3.2 iter/s, 31.2s/100 iters), loss = ${(0.35 - it / 9000).toFixed(5)}`);
      lines.push(
        `${t(it)}237]     Train net output #0: loss = ${(0.35 - it / 9000).toFixed(5)} (* 1 = ${(0.35 - it / 9000).toFixed(5)} loss)`,
      );
      lines.push(`${t(it)}sgd_solver.cpp:105] Iteration ${it}, lr = 0.01`);
    }
    const log = ingest(lines.join('\n'), { fileName: 'mnist.log' });
    expect(checkLog(log)).toEqual([]);
    const run = log.runs[0];
    expect(run.xAxis).toBe('step');
    expect(run.epochNumbering).toBeUndefined();
    expect(run.series.find((s) => s.key === 'loss')!.x.slice(0, 3)).toEqual([0, 100, 200]);
    expect(run.series.find((s) => s.key === 'val_loss')!.x).toEqual([0, 500, 1000, 1500, 2000]);
  });

  it("XGBoost's evals output: train/eval sets, validation_0 (the training set) and validation_1, AUC kept as a score", () => {
    const a = ingest(
      Array.from(
        { length: 6 },
        (_, i) => `[${i}]\ttrain-rmse:${(3 - i * 0.3).toFixed(5)}\teval-rmse:${(3.2 - i * 0.25).toFixed(5)}`,
      ).join('\n'),
    );
    expect(checkLog(a)).toEqual([]);
    expect(a.runs[0].series.map((s) => s.key).sort()).toEqual(['loss', 'val_loss']);
    expect(a.runs[0].series[0].x).toEqual([1, 2, 3, 4, 5, 6]);
    expect(a.warnings.map((w) => w.code)).toContain('boosting_rounds');
    const b = ingest(
      Array.from(
        { length: 6 },
        (_, i) =>
          `[${i}]\tvalidation_0-logloss:${(0.6 - i * 0.05).toFixed(5)}\tvalidation_0-auc:0.9${i}\tvalidation_1-logloss:${(0.62 - i * 0.04).toFixed(5)}\tvalidation_1-auc:0.8${i}`,
      ).join('\n'),
    );
    expect(checkLog(b)).toEqual([]);
    expect(b.runs[0].series.map((s) => s.key).sort()).toEqual(['auc', 'loss', 'val_auc', 'val_loss']);
  });
});

describe('XGBoost: two trainings pasted one after the other', () => {
  it('a round number that goes back starts a new run', () => {
    const one = (k: number) =>
      Array.from(
        { length: 5 },
        (_, i) => `[${i}]\ttrain-rmse:${(3 - i * 0.3 + k).toFixed(5)}\teval-rmse:${(3.2 - i * 0.25 + k).toFixed(5)}`,
      );
    const log = ingest([...one(0), ...one(1), '[4]\ttrain-rmse:1.0\teval-rmse:1.1'].join('\n'));
    expect(checkLog(log)).toEqual([]);
    expect(log.runs.length).toBe(3);
  });
});

describe('printed logs (issue: hand-written training prints)', () => {
  const lossKeys = (text: string) => {
    const log = ingest(text);
    expect(checkLog(log)).toEqual([]);
    return log;
  };

  it('a Rich box-drawing table (┃ Epoch ┃ Train Loss ┃ Val Loss ┃) is read like a pipe table', () => {
    const rows = [1, 2, 3, 4].map(
      (e) => `│ ${String(e).padStart(5)} │ ${(0.9 / e).toFixed(4).padStart(10)} │ ${(1 / e).toFixed(4).padStart(8)} │`,
    );
    const log = lossKeys(
      [
        '┏━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━┓',
        '┃ Epoch ┃ Train Loss ┃ Val Loss ┃',
        '┡━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━┩',
        ...rows,
        '└───────┴────────────┴──────────┘',
      ].join('\n'),
    );
    expect(log.runs[0].series.map((s) => s.key).sort()).toEqual(['loss', 'val_loss']);
    expect(log.runs[0].series.find((s) => s.key === 'val_loss')!.y).toEqual([1, 0.5, 0.3333, 0.25]);
  });

  it('"Epoch 12 - loss: 0.2231, accuracy: ..." is no longer refused as Keras output without values', () => {
    const text = Array.from(
      { length: 6 },
      (_, i) =>
        `Epoch ${i + 1} - loss: ${(0.7 - i * 0.05).toFixed(4)}, accuracy: 0.${80 + i}, val_loss: ${(0.8 - i * 0.03).toFixed(4)}, val_accuracy: 0.${70 + i}`,
    ).join('\n');
    const log = lossKeys(text);
    expect(log.format).toBe('text');
    expect(log.runs[0].series.map((s) => s.key).sort()).toEqual(['accuracy', 'loss', 'val_accuracy', 'val_loss']);
  });

  it('checkpoint and early-stopping lines that carry epoch numbers are not epochs or new runs', () => {
    const lines: string[] = ['2025-03-14 09:00:00 | INFO | Config: lr=3e-4, epochs=50'];
    for (let e = 1; e <= 8; e++) {
      lines.push(
        `2025-03-14 09:0${e}:00 | INFO | Epoch [00${e}/050] TrainLoss=0.${90 - e * 5} | ValLoss=0.${95 - e * 4} ValAcc=6${e}.00%`,
      );
      lines.push(`2025-03-14 09:0${e}:01 | INFO | [Checkpoint] Saved runs/best.pt (epoch=${e}, val_acc=6${e}.0512)`);
      if (e > 4) lines.push(`2025-03-14 09:0${e}:02 | INFO | EarlyStopping counter: ${e - 4} out of 10 (best epoch=4)`);
    }
    const log = lossKeys(lines.join('\n'));
    expect(log.runs.length).toBe(1);
    expect(log.runs[0].series.find((s) => s.key === 'val_accuracy')!.x).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('prose that mentions a metric is still refused with what we accept', () => {
    expect(() =>
      ingest(
        'We trained for 10 epochs with a learning rate of 0.001 and reached 93% accuracy.\nSee the notebook for details.\n',
      ),
    ).toThrow(/Accepted:/);
  });
});
