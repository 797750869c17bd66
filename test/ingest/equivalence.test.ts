/**
 * One curve, written the way each library writes it, must ingest to the same canonical series:
 * keys `loss` / `val_loss` (and accuracy where the format has it), x = 1..n epochs, and the same values
 * up to the format's printed precision. Catches canonicalisation and x-axis drift between readers.
 */
import { describe, expect, it } from 'vitest';
import { ingest, type TrainingLog } from '../../src/ingest/index.js';
import { checkLog } from './helpers/ingest-worker.js';

const N = 12;
const loss = Array.from({ length: N }, (_, e) => 0.25 + 0.5 * Math.exp(-e / 3) + 0.001 * Math.sin(e * 7));
const vloss = Array.from({ length: N }, (_, e) => 0.3 + 0.45 * Math.exp(-e / 3) + 0.002 * Math.cos(e * 5));
const acc = Array.from({ length: N }, (_, e) => 0.92 - 0.4 * Math.exp(-e / 3));
const vacc = Array.from({ length: N }, (_, e) => 0.9 - 0.38 * Math.exp(-e / 3));
const epochs = Array.from({ length: N }, (_, e) => e);
const py = (x: number) => String(x); // JS and Python agree on shortest repr for these magnitudes
const k4 = (x: number) => x.toFixed(4);

interface Variant {
  name: string;
  text: string;
  /** absolute tolerance of the written numbers */
  tol: number;
  hasAcc: boolean;
  /** fastai writes only the validation metric */
  valAccOnly?: boolean;
  format: string;
}

const variants: Variant[] = [
  {
    name: 'Keras CSVLogger',
    format: 'keras-csv',
    tol: 0,
    hasAcc: true,
    text:
      [
        'epoch,accuracy,loss,val_accuracy,val_loss',
        ...epochs.map((e) => [e, acc[e], loss[e], vacc[e], vloss[e]].map(py).join(',')),
      ].join('\r\n') + '\r\n',
  },
  {
    name: 'history.history JSON (tf.keras order)',
    format: 'keras-history-json',
    tol: 0,
    hasAcc: true,
    text: JSON.stringify({ loss, accuracy: acc, val_loss: vloss, val_accuracy: vacc }),
  },
  {
    name: 'print(history.history) (Keras 2.2 acc names, single quotes)',
    format: 'keras-history-json',
    tol: 0,
    hasAcc: true,
    text: `{'val_loss': [${vloss.map(py).join(', ')}], 'val_acc': [${vacc.map(py).join(', ')}], 'loss': [${loss.map((v) => `np.float64(${py(v)})`).join(', ')}], 'acc': [${acc.map(py).join(', ')}]}`,
  },
  {
    name: 'pandas to_json',
    format: 'keras-history-json',
    tol: 1e-10,
    hasAcc: true,
    text: JSON.stringify({
      loss: Object.fromEntries(loss.map((v, i) => [String(i), +v.toFixed(10)])),
      accuracy: Object.fromEntries(acc.map((v, i) => [String(i), +v.toFixed(10)])),
      val_loss: Object.fromEntries(vloss.map((v, i) => [String(i), +v.toFixed(10)])),
      val_accuracy: Object.fromEntries(vacc.map((v, i) => [String(i), +v.toFixed(10)])),
    }),
  },
  {
    name: 'pandas to_csv (index)',
    format: 'keras-history-json',
    tol: 0,
    hasAcc: true,
    text:
      [
        ',loss,accuracy,val_loss,val_accuracy',
        ...epochs.map((e) => [e, loss[e], acc[e], vloss[e], vacc[e]].map(py).join(',')),
      ].join('\n') + '\n',
  },
  {
    name: 'pandas to_csv (index=False)',
    format: 'keras-history-json',
    tol: 0,
    hasAcc: true,
    text:
      [
        'loss,accuracy,val_loss,val_accuracy',
        ...epochs.map((e) => [loss[e], acc[e], vloss[e], vacc[e]].map(py).join(',')),
      ].join('\n') + '\n',
  },
  {
    name: 'tf.keras verbose=2 console',
    format: 'keras-stdout',
    tol: 5e-5,
    hasAcc: true,
    text:
      epochs
        .map(
          (e) =>
            `Epoch ${e + 1}/${N}\n50/50 - 1s - loss: ${k4(loss[e])} - accuracy: ${k4(acc[e])} - val_loss: ${k4(vloss[e])} - val_accuracy: ${k4(vacc[e])} - 512ms/epoch - 10ms/step`,
        )
        .join('\n') + '\n',
  },
  {
    name: 'Keras 3 verbose=1 console (raw, ANSI)',
    format: 'keras-stdout',
    tol: 5e-5,
    hasAcc: true,
    text:
      epochs
        .map(
          (e) =>
            `Epoch ${e + 1}/${N}\n\r\x1b[1m50/50\x1b[0m \x1b[32m━━━━━━━━━━━━━━━━━━━━\x1b[0m\x1b[37m\x1b[0m \x1b[1m1s\x1b[0m 10ms/step - accuracy: ${k4(acc[e])} - loss: ${k4(loss[e])} - val_accuracy: ${k4(vacc[e])} - val_loss: ${k4(vloss[e])}`,
        )
        .join('\n') + '\n',
  },
  {
    name: 'fastai history.csv',
    format: 'fastai-csv',
    tol: 0,
    hasAcc: true,
    valAccOnly: true,
    text:
      [
        'epoch,train_loss,valid_loss,accuracy,time',
        ...epochs.map((e) => `${e},${py(loss[e])},${py(vloss[e])},${py(vacc[e])},00:0${e % 10}`),
      ].join('\n') + '\n',
  },
  {
    name: 'Lightning metrics.csv (epoch-level rows)',
    format: 'lightning-csv',
    tol: 0,
    hasAcc: true,
    text:
      [
        'epoch,step,train_acc_epoch,train_loss_epoch,val_acc,val_loss',
        ...epochs.flatMap((e) => [
          `${e},${e * 100 + 99},,,${py(vacc[e])},${py(vloss[e])}`,
          `${e},${e * 100 + 99},${py(acc[e])},${py(loss[e])},,`,
        ]),
      ].join('\n') + '\n',
  },
  {
    name: 'HF trainer_state.json (one log + one eval per epoch)',
    format: 'hf-trainer-state',
    tol: 0,
    hasAcc: false,
    text: JSON.stringify(
      {
        global_step: N * 100,
        log_history: epochs.flatMap((e) => [
          { epoch: e + 1, learning_rate: 1e-5, loss: loss[e], step: (e + 1) * 100 },
          { epoch: e + 1, eval_loss: vloss[e], eval_runtime: 1.5, step: (e + 1) * 100 },
        ]),
      },
      null,
      2,
    ),
  },
  {
    name: 'JSON lines of per-epoch records',
    format: 'keras-history-json',
    tol: 0,
    hasAcc: true,
    text:
      epochs
        .map((e) =>
          JSON.stringify({ epoch: e, loss: loss[e], accuracy: acc[e], val_loss: vloss[e], val_accuracy: vacc[e] }),
        )
        .join('\n') + '\n',
  },
  {
    name: 'free-text training loop',
    format: 'text',
    tol: 5e-7,
    hasAcc: false,
    text:
      epochs
        .map(
          (e) =>
            `2024-01-01 12:00:0${e % 10} INFO Epoch ${e + 1}/${N}: train_loss=${loss[e].toFixed(6)}, val_loss=${vloss[e].toFixed(6)}`,
        )
        .join('\n') + '\n',
  },
];

function expectSeries(log: TrainingLog, key: string, truth: number[], tol: number, what: string): void {
  const run = log.runs[log.runs.length - 1];
  const s = run.series.find((x) => x.key === key);
  expect(s, `${what}: no "${key}" (has ${run.series.map((x) => x.key).join(', ')})`).toBeDefined();
  expect(s!.x, `${what}: ${key} x`).toEqual(epochs.map((e) => e + 1));
  s!.y.forEach((v, i) => {
    if (tol === 0) expect(v, `${what}: ${key}[${i}]`).toBe(truth[i]);
    else expect(Math.abs(v - truth[i]), `${what}: ${key}[${i}] = ${v}, want ${truth[i]}`).toBeLessThanOrEqual(tol);
  });
}

describe('one curve in every format reads the same', () => {
  for (const v of variants) {
    it(v.name, () => {
      const log = ingest(v.text);
      expect(checkLog(log)).toEqual([]);
      expect(log.format).toBe(v.format);
      expect(log.runs.length).toBe(1);
      expect(log.runs[0].xAxis).toBe('epoch');
      expectSeries(log, 'loss', loss, v.tol, v.name);
      expectSeries(log, 'val_loss', vloss, v.tol, v.name);
      if (v.hasAcc) {
        expectSeries(log, 'val_accuracy', vacc, v.tol, v.name);
        if (!v.valAccOnly) expectSeries(log, 'accuracy', acc, v.tol, v.name);
      }
    });
  }
});
