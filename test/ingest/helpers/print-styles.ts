/**
 * How hand-written training loops print, one renderer per style (written from reading how popular
 * repositories and tutorials print their loops; no file copied). Each renderer prints a curve and records,
 * for every value it prints, the (epoch, value) that value spells: the expectation comes from the printed
 * string, never from ingest. Used by scripts/make-print-fixtures.ts (fixtures/prints) and by the
 * round-trip test (random curves in every style).
 */

export interface Truth {
  n: number;
  loss: number[];
  vloss: number[];
  acc: number[];
  vacc: number[];
  lr: number[];
}

export type Pt = { x: number[]; y: number[] };

/** The value a printed number spells, as a reader must give it back. */
export function back(s: string): number {
  const t = s.trim();
  if (t.endsWith('%')) return +t.slice(0, -1).trim() / 100;
  const l = t.toLowerCase();
  if (l === 'nan' || l === '-nan') return NaN;
  if (l === 'inf' || l === 'infinity' || l === '+inf') return Infinity;
  if (l === '-inf' || l === '-infinity') return -Infinity;
  return +t;
}

/** Printer: lines of text, and what each printed value must read back as, per run. */
export class Printer {
  readonly lines: string[] = [];
  readonly runs: Map<string, Pt>[] = [new Map()];
  private stepBuf = new Map<string, { epoch: number; vals: number[] }>();

  line(...ls: string[]): void {
    this.lines.push(...ls);
  }
  /** a value printed at 1-based epoch x under canonical key; returns the string */
  v(key: string, x: number, s: string, scale = 1): string {
    const pending = this.stepBuf.get(key);
    if (pending && pending.epoch !== x) this.flushSteps(key);
    const run = this.runs[this.runs.length - 1];
    let p = run.get(key);
    if (!p) run.set(key, (p = { x: [], y: [] }));
    p.x.push(x);
    p.y.push(scale === 1 ? back(s) : back(s) / scale);
    return s;
  }
  /** a batch value inside epoch x: read as points spread inside the epoch when the epoch prints no summary of it */
  step(key: string, x: number, s: string): string {
    let b = this.stepBuf.get(key);
    if (!b || b.epoch !== x) {
      this.flushSteps(key);
      this.stepBuf.set(key, (b = { epoch: x, vals: [] }));
    }
    b.vals.push(back(s));
    return s;
  }
  private flushSteps(only?: string): void {
    for (const [key, b] of this.stepBuf) {
      if (only !== undefined && key !== only) continue;
      const run = this.runs[this.runs.length - 1];
      let p = run.get(key);
      if (!p) run.set(key, (p = { x: [], y: [] }));
      const m = b.vals.length;
      const at = b.epoch;
      // an epoch that printed its summary of this metric: its batch values are not read
      if (p.x.includes(at)) {
        this.stepBuf.delete(key);
        continue;
      }
      const lo = p.x.length > 0 ? Math.max(at - 1, p.x[p.x.length - 1]) : at - 1;
      b.vals.forEach((y, k) => {
        p.x.push(m === 1 ? at : lo + ((k + 1) / m) * (at - lo));
        p.y.push(y);
      });
      this.stepBuf.delete(key);
    }
  }
  newRun(): void {
    this.flushSteps();
    this.runs.push(new Map());
  }
  done(eol = '\n'): { text: string; runs: Map<string, Pt>[] } {
    this.flushSteps();
    return { text: this.lines.join(eol) + eol, runs: this.runs.filter((r) => r.size > 0) };
  }
}

export interface Style {
  name: string;
  family: 1 | 2 | 3 | 4 | 5;
  about: string;
  /** warning codes ingest must give */
  warnings?: string[];
  /** a style whose printed accuracy is in percent without a '%' (ingest divides by 100 with a warning) */
  render(t: Truth, p: Printer, rand: () => number): void;
  /** styles that can only print finite positive values (e.g. ratios n/N) */
  finiteOnly?: boolean;
  /** line ending the style's writer uses */
  eol?: string;
}

const f = (d: number) => (v: number) =>
  Number.isFinite(v) ? v.toFixed(d) : Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
const f4 = f(4);
const f3 = f(3);
const f6 = f(6);
const pc = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(2)}%` : f4(v));
const sci = (v: number) => (Number.isFinite(v) ? v.toExponential(4) : f4(v));
const pad2 = (x: number) => String(x).padStart(2, '0');
function stamp(i: number, base = Date.UTC(2025, 2, 14, 9, 0, 0)): string {
  const d = new Date(base + i * 4137);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}
const bar = (pct: number, w = 10) =>
  '█'.repeat(Math.round((pct / 100) * w)) + ' '.repeat(w - Math.round((pct / 100) * w));
/** a batch-level value near the epoch value (a running loss) */
const jitter = (v: number, k: number) => (Number.isFinite(v) ? v * (1.3 - 0.1 * k) : v);

export const STYLES: Style[] = [
  // ------------------------------------------------------------------ family 1: a block per epoch
  {
    name: 'tutorial-blocks',
    family: 1,
    about:
      "the PyTorch transfer-learning tutorial: 'Epoch 0/24', dashes, 'train Loss: .. Acc: ..' / 'val Loss: .. Acc: ..', 0-based epochs, a 'Best val Acc' line at the end",
    render(t, p) {
      for (let i = 0; i < t.n; i++) {
        p.line(`Epoch ${i}/${t.n - 1}`, '----------');
        p.line(`train Loss: ${p.v('loss', i + 1, f4(t.loss[i]))} Acc: ${p.v('accuracy', i + 1, f4(t.acc[i]))}`);
        p.line(
          `val Loss: ${p.v('val_loss', i + 1, f4(t.vloss[i]))} Acc: ${p.v('val_accuracy', i + 1, f4(t.vacc[i]))}`,
          '',
        );
      }
      p.line('Training complete in 3m 12s', `Best val Acc: ${f4(Math.max(...t.vacc.filter(Number.isFinite), 0))}`);
    },
  },
  {
    name: 'tutorial-blocks-1based-titlecase',
    family: 1,
    about:
      "tutorial descendant: 'Epoch 1/25', '==========', 'Train Loss: .. Acc: ..' / 'Val Loss: ..', with the time per epoch",
    render(t, p) {
      for (let i = 0; i < t.n; i++) {
        p.line(`Epoch ${i + 1}/${t.n}`, '='.repeat(10));
        p.line(`Train Loss: ${p.v('loss', i + 1, f4(t.loss[i]))} Acc: ${p.v('accuracy', i + 1, f4(t.acc[i]))}`);
        p.line(`Val Loss: ${p.v('val_loss', i + 1, f4(t.vloss[i]))} Acc: ${p.v('val_accuracy', i + 1, f4(t.vacc[i]))}`);
        p.line(`Epoch time: 0m ${10 + (i % 7)}s`, '');
      }
    },
  },
  {
    name: 'epoch-colon-header-semicolons',
    family: 1,
    about: "'Epoch: 3' alone, then 'Training loss: 0.41; Acc: 0.81' and 'Validation loss: 0.30; Acc: 0.88'",
    render(t, p) {
      p.line('Using device: cuda', 'Model parameters: 11,689,512', '');
      for (let i = 0; i < t.n; i++) {
        p.line(`Epoch: ${i + 1}`);
        p.line(`Training loss: ${p.v('loss', i + 1, f4(t.loss[i]))}; Acc: ${p.v('accuracy', i + 1, f4(t.acc[i]))}`);
        p.line(
          `Validation loss: ${p.v('val_loss', i + 1, f4(t.vloss[i]))}; Acc: ${p.v('val_accuracy', i + 1, f4(t.vacc[i]))}`,
        );
      }
    },
  },
  {
    name: 'header-padded-space-pairs',
    family: 1,
    about: "'Epoch 3' alone, then 'Train loss 0.41' / 'Val   loss 0.30' padded, no ':'",
    render(t, p) {
      for (let i = 0; i < t.n; i++) {
        p.line(`Epoch ${i + 1}`);
        p.line(`  Train loss ${p.v('loss', i + 1, f4(t.loss[i]))}   acc ${p.v('accuracy', i + 1, f4(t.acc[i]))}`);
        p.line(
          `  Val   loss ${p.v('val_loss', i + 1, f4(t.vloss[i]))}   acc ${p.v('val_accuracy', i + 1, f4(t.vacc[i]))}`,
        );
      }
    },
  },
  {
    name: 'banner-split-prefix',
    family: 1,
    about: "'=== Epoch 3/20 ===' then indented 'train: loss=0.41 acc=0.81' / 'valid: loss=0.30 acc=0.88'",
    render(t, p) {
      for (let i = 0; i < t.n; i++) {
        p.line(`=== Epoch ${i + 1}/${t.n} ===`);
        p.line(`  train: loss=${p.v('loss', i + 1, f4(t.loss[i]))} acc=${p.v('accuracy', i + 1, f4(t.acc[i]))}`);
        p.line(
          `  valid: loss=${p.v('val_loss', i + 1, f4(t.vloss[i]))} acc=${p.v('val_accuracy', i + 1, f4(t.vacc[i]))}`,
        );
      }
    },
  },
  {
    name: 'keras-custom-loop',
    family: 1,
    about:
      "Keras 'writing a training loop from scratch': 'Start of epoch 3', per-step loss lines, 'Training acc over epoch', 'Validation acc', 'Time taken'",
    render(t, p) {
      for (let i = 0; i < t.n; i++) {
        p.line('', `Start of epoch ${i}`);
        for (let k = 0; k < 3; k++) {
          p.line(
            `Training loss (for one batch) at step ${k * 200}: ${p.step('loss', i + 1, f4(jitter(t.loss[i], k)))}`,
            `Seen so far: ${(k * 200 + 1) * 64} samples`,
          );
        }
        p.line(`Training acc over epoch: ${p.v('accuracy', i + 1, f4(t.acc[i]))}`);
        p.line(`Validation acc: ${p.v('val_accuracy', i + 1, f4(t.vacc[i]))}`);
        p.line(`Time taken: ${(2 + (i % 3) * 0.17).toFixed(2)}s`);
      }
    },
  },
  {
    name: 'blocks-with-bars',
    family: 1,
    about:
      "an epoch header, tqdm bars for train and val (one line each, 100%), then 'train Loss: .. Acc: ..' / 'val Loss: .. Acc: ..'",
    render(t, p) {
      for (let i = 0; i < t.n; i++) {
        p.line(`Epoch ${i + 1}/${t.n}`);
        p.line(`100%|${bar(100)}| 157/157 [00:41<00:00,  3.80it/s]`);
        p.line(`train Loss: ${p.v('loss', i + 1, f4(t.loss[i]))} Acc: ${p.v('accuracy', i + 1, f4(t.acc[i]))}`);
        p.line(`100%|${bar(100)}| 40/40 [00:05<00:00,  7.91it/s]`);
        p.line(`val Loss: ${p.v('val_loss', i + 1, f4(t.vloss[i]))} Acc: ${p.v('val_accuracy', i + 1, f4(t.vacc[i]))}`);
      }
    },
  },
  // ------------------------------------------------------------------ family 2: one line per epoch
  {
    name: 'dash-commas',
    family: 2,
    about:
      "'Epoch 12 - loss: 0.2231, accuracy: 0.9112, val_loss: 3.87, val_accuracy: 0.52' (was refused as Keras output without values)",
    render(t, p) {
      for (let i = 0; i < t.n; i++) {
        p.line(
          `Epoch ${i + 1} - loss: ${p.v('loss', i + 1, f4(t.loss[i]))}, accuracy: ${p.v('accuracy', i + 1, f4(t.acc[i]))}, val_loss: ${p.v('val_loss', i + 1, f4(t.vloss[i]))}, val_accuracy: ${p.v('val_accuracy', i + 1, f4(t.vacc[i]))}`,
        );
      }
    },
  },
  {
    name: 'dash-commas-total',
    family: 2,
    about:
      "'Epoch 12/50 - loss: 0.2231, accuracy: ..., val_loss: ...': comma pairs the Keras reader saw only the last of",
    render(t, p) {
      for (let i = 0; i < t.n; i++) {
        p.line(
          `Epoch ${i + 1}/${t.n} - loss: ${p.v('loss', i + 1, f4(t.loss[i]))}, accuracy: ${p.v('accuracy', i + 1, f4(t.acc[i]))}, val_loss: ${p.v('val_loss', i + 1, f4(t.vloss[i]))}, val_accuracy: ${p.v('val_accuracy', i + 1, f4(t.vacc[i]))}`,
        );
      }
    },
  },
  {
    name: 'dash-commas-cut',
    family: 2,
    about:
      'dash-and-commas lines whose last epoch is cut mid-line (no val values): kept as a partial point, with a warning',
    warnings: ['partial_last_epoch'],
    render(t, p) {
      for (let i = 0; i < t.n - 1; i++) {
        p.line(
          `Epoch ${i + 1} - loss: ${p.v('loss', i + 1, f4(t.loss[i]))}, accuracy: ${p.v('accuracy', i + 1, f4(t.acc[i]))}, val_loss: ${p.v('val_loss', i + 1, f4(t.vloss[i]))}, val_accuracy: ${p.v('val_accuracy', i + 1, f4(t.vacc[i]))}`,
        );
      }
      const i = t.n - 1;
      p.line(
        `Epoch ${i + 1} - loss: ${p.v('loss', i + 1, f4(t.loss[i]))}, accuracy: ${p.v('accuracy', i + 1, f4(t.acc[i]))}, val_lo`,
      );
    },
  },
  {
    name: 'bracket-commas-percent',
    family: 2,
    about: "'Epoch [3/25], Loss: 0.4123, Accuracy: 85.12%, Val Loss: 0.3012, Val Accuracy: 88.24%'",
    render(t, p) {
      for (let i = 0; i < t.n; i++) {
        p.line(
          `Epoch [${i + 1}/${t.n}], Loss: ${p.v('loss', i + 1, f4(t.loss[i]))}, Accuracy: ${p.v('accuracy', i + 1, pc(t.acc[i]))}, Val Loss: ${p.v('val_loss', i + 1, f4(t.vloss[i]))}, Val Accuracy: ${p.v('val_accuracy', i + 1, pc(t.vacc[i]))}`,
        );
      }
    },
  },
  {
    name: 'pipes-space-pairs',
    family: 2,
    about: "'epoch 3 | train_loss 0.4123 | val_loss 0.3012 | val_acc 0.8824 | lr 1.0e-03 | 12.3s'",
    render(t, p) {
      for (let i = 0; i < t.n; i++) {
        p.line(
          `epoch ${i + 1} | train_loss ${p.v('loss', i + 1, f4(t.loss[i]))} | val_loss ${p.v('val_loss', i + 1, f4(t.vloss[i]))} | val_acc ${p.v('val_accuracy', i + 1, f4(t.vacc[i]))} | lr ${p.v('lr', i + 1, t.lr[i].toExponential(1))} | ${(12 + (i % 4) * 0.3).toFixed(1)}s`,
        );
      }
    },
  },
  {
    name: 'd2l-test-acc',
    family: 2,
    about:
      "d2l.ai style: 'epoch 3, loss 0.412, train acc 0.851, test acc 0.832' (the test set is the held-out set when nothing says val)",
    render(t, p) {
      for (let i = 0; i < t.n; i++) {
        p.line(
          `epoch ${i + 1}, loss ${p.v('loss', i + 1, f3(t.loss[i]))}, train acc ${p.v('accuracy', i + 1, f3(t.acc[i]))}, test acc ${p.v('val_accuracy', i + 1, f3(t.vacc[i]))}`,
        );
      }
      p.line(`${(5012.3).toFixed(1)} examples/sec on cuda:0`);
    },
  },
  {
    name: 'upper-equals-with-batches',
    family: 2,
    about:
      "'EPOCH = 3, loss = 0.300, accuracy = 0.900, val_loss = ..., val_accuracy = ...' after '[step = 50] loss: 0.3,' batch lines and '=====...2025-03-14 09:12:07' rules",
    render(t, p) {
      p.line('Start Training...', '='.repeat(80) + stamp(0));
      for (let i = 0; i < t.n; i++) {
        for (let k = 1; k <= 2; k++) p.line(`[step = ${k * 50}] loss: ${f3(jitter(t.loss[i], k))}, `);
        p.line(
          '',
          `EPOCH = ${i + 1}, loss = ${p.v('loss', i + 1, f3(t.loss[i]))}, accuracy = ${p.v('accuracy', i + 1, f3(t.acc[i]))}, val_loss = ${p.v('val_loss', i + 1, f3(t.vloss[i]))}, val_accuracy = ${p.v('val_accuracy', i + 1, f3(t.vacc[i]))}`,
        );
        p.line('', '='.repeat(80) + stamp(i + 1));
      }
      p.line('Finished Training...');
    },
  },
  {
    name: 'name-dash-value',
    family: 2,
    about:
      "'epoch - 3/25 loss - 0.412 acc - 0.812 val_loss - 0.301 val_acc - 0.882' (a spaced dash between name and value)",
    render(t, p) {
      for (let i = 0; i < t.n; i++) {
        p.line(
          `epoch - ${i + 1}/${t.n} loss - ${p.v('loss', i + 1, f3(t.loss[i]))} acc - ${p.v('accuracy', i + 1, f3(t.acc[i]))} val_loss - ${p.v('val_loss', i + 1, f3(t.vloss[i]))} val_acc - ${p.v('val_accuracy', i + 1, f3(t.vacc[i]))}`,
        );
      }
    },
  },
  {
    name: 'zero-padded-best-marks',
    family: 2,
    about:
      "'Epoch 003: train_loss=0.4123 val_loss=0.3012 val_f1=0.7712 (best) -> saved': marks after the values do not drop the line",
    render(t, p) {
      let best = Infinity;
      for (let i = 0; i < t.n; i++) {
        const better = t.vloss[i] < best;
        if (better) best = t.vloss[i];
        p.line(
          `Epoch ${String(i + 1).padStart(3, '0')}: train_loss=${p.v('loss', i + 1, f4(t.loss[i]))} val_loss=${p.v('val_loss', i + 1, f4(t.vloss[i]))} val_f1=${p.v('val_f1', i + 1, f4(t.vacc[i]))}${better ? ' (best) -> saved' : ''}`,
        );
      }
    },
  },
  {
    name: 'bracket-epoch-pipes',
    family: 2,
    about:
      "'[Epoch 3/25] Train Loss: 0.6931 | Val Loss: 0.6812 | Val Acc: 55.00%' (starts with a bracket: not a JSON list)",
    render(t, p) {
      for (let i = 0; i < t.n; i++) {
        p.line(
          `[Epoch ${i + 1}/${t.n}] Train Loss: ${p.v('loss', i + 1, f4(t.loss[i]))} | Val Loss: ${p.v('val_loss', i + 1, f4(t.vloss[i]))} | Val Acc: ${p.v('val_accuracy', i + 1, pc(t.vacc[i]))}`,
        );
      }
    },
  },
  {
    name: 'seq2seq-ppl',
    family: 2,
    about:
      "seq2seq tutorial style: 'Epoch: 03 | Time: 0m 12s' then '\\tTrain Loss: 4.123 | Train PPL:  61.753' / '\\t Val. Loss: 3.912 |  Val. PPL:  50.012'",
    render(t, p) {
      for (let i = 0; i < t.n; i++) {
        p.line(`Epoch: ${pad2(i + 1)} | Time: 0m ${10 + (i % 9)}s`);
        p.line(
          `\tTrain Loss: ${p.v('loss', i + 1, f3(t.loss[i]))} | Train PPL: ${p.v('ppl', i + 1, f3(Math.exp(+f3(t.loss[i]))).padStart(7))}`,
        );
        p.line(
          `\t Val. Loss: ${p.v('val_loss', i + 1, f3(t.vloss[i]))} |  Val. PPL: ${p.v('val_ppl', i + 1, f3(Math.exp(+f3(t.vloss[i]))).padStart(7))}`,
        );
      }
    },
    finiteOnly: true,
  },
  {
    name: 'split-word-carry',
    family: 2,
    about:
      "'Epoch 3, Train Loss: 0.41, Accuracy: 0.81, Valid Loss: 0.30, Accuracy: 0.88': the split word carries to the next name",
    render(t, p) {
      for (let i = 0; i < t.n; i++) {
        p.line(
          `Epoch ${i + 1}, Train Loss: ${p.v('loss', i + 1, f4(t.loss[i]))}, Accuracy: ${p.v('accuracy', i + 1, f4(t.acc[i]))}, Valid Loss: ${p.v('val_loss', i + 1, f4(t.vloss[i]))}, Accuracy: ${p.v('val_accuracy', i + 1, f4(t.vacc[i]))}`,
        );
      }
    },
  },
  {
    name: 'dict-per-epoch',
    family: 2,
    about:
      "\"Epoch 3: {'train_loss': 0.4123, 'val_loss': 0.3012, 'val_acc': 0.8824}\" (a printed dict after the epoch)",
    render(t, p) {
      for (let i = 0; i < t.n; i++) {
        p.line(
          `Epoch ${i + 1}: {'train_loss': ${p.v('loss', i + 1, String(+f6(t.loss[i])))}, 'val_loss': ${p.v('val_loss', i + 1, String(+f6(t.vloss[i])))}, 'val_acc': ${p.v('val_accuracy', i + 1, String(+f6(t.vacc[i])))}}`,
        );
      }
    },
  },
  {
    name: 'double-dash-sci-lr',
    family: 2,
    about: "'Epoch 3 -- train loss: 0.41 -- val loss: 0.30 -- val f1: 0.77 -- lr: 1.00e-04'",
    render(t, p) {
      for (let i = 0; i < t.n; i++) {
        p.line(
          `Epoch ${i + 1} -- train loss: ${p.v('loss', i + 1, f4(t.loss[i]))} -- val loss: ${p.v('val_loss', i + 1, f4(t.vloss[i]))} -- val f1: ${p.v('val_f1', i + 1, f4(t.vacc[i]))} -- lr: ${p.v('lr', i + 1, t.lr[i].toExponential(2))}`,
        );
      }
    },
  },
  // ------------------------------------------------------------------ family 3: logging prefixes
  {
    name: 'logging-pipes-checkpoints-restart',
    family: 3,
    about:
      "'2025-03-14 09:12:07 | INFO | Epoch [004/50] TrainLoss=.. TrainAcc=71.20% | ValLoss=.. ValAcc=66.05% | LR=3.00e-04 | Time=212.9s', checkpoint and early-stopping lines with numbers, and a first start that printed its config and stopped before epoch 1: one run",
    render(t, p) {
      let li = 0;
      const L = (s: string, level = 'INFO') => p.line(`${stamp(li++)} | ${level} | ${s}`);
      L('Config: lr=3e-4, batch_size=64, epochs=50, seed=42');
      L('Loading dataset: 48000 train / 12000 val images');
      L('CUDA out of memory. Tried to allocate 2.00 GiB', 'ERROR');
      L('Config: lr=3e-4, batch_size=32, epochs=50, seed=42');
      L('Loading dataset: 48000 train / 12000 val images');
      let best = -Infinity;
      let wait = 0;
      for (let i = 0; i < t.n; i++) {
        const e = String(i + 1).padStart(3, '0');
        L(
          `Epoch [${e}/050] TrainLoss=${p.v('loss', i + 1, f4(t.loss[i]))} TrainAcc=${p.v('accuracy', i + 1, pc(t.acc[i]))} | ValLoss=${p.v('val_loss', i + 1, f4(t.vloss[i]))} ValAcc=${p.v('val_accuracy', i + 1, pc(t.vacc[i]))} | LR=${p.v('lr', i + 1, t.lr[i].toExponential(2))} | Time=${(200 + i * 1.3).toFixed(1)}s`,
        );
        if (t.vacc[i] > best) {
          best = t.vacc[i];
          wait = 0;
          L(
            `[Checkpoint] Saved best model to runs/exp3/best.pt (epoch=${i + 1}, val_acc=${(t.vacc[i] * 100).toFixed(4)})`,
          );
        } else {
          wait++;
          L(`[EarlyStopping] counter ${wait}/10 (best val_acc=${(best * 100).toFixed(4)} at epoch ${i})`);
        }
      }
    },
  },
  {
    name: 'logging-info-colon',
    family: 3,
    about: "'2023-05-15 22:50:17,398 INFO:Epoch 1: Train Loss=0.0717, Val Loss=0.0766' and 'INFO:root:' lines",
    render(t, p) {
      p.line('INFO:root:Starting training with 12000 windows');
      for (let i = 0; i < t.n; i++) {
        p.line(
          `2023-05-15 22:${pad2(10 + Math.floor(i / 15))}:${pad2((i * 4) % 60)},${String(100 + i * 7).padStart(3, '0')} INFO:Epoch ${i + 1}: Train Loss=${p.v('loss', i + 1, f4(t.loss[i]))}, Val Loss=${p.v('val_loss', i + 1, f4(t.vloss[i]))}`,
        );
      }
      p.line('INFO:root:Training finished');
    },
  },
  {
    name: 'hydra-slash-names',
    family: 3,
    about:
      "hydra/lightning-style '[2025-03-14 09:12:07,123][__main__][INFO] - epoch=3 train/loss=0.41 train/acc=0.81 val/loss=0.30 val/acc=0.88'",
    render(t, p) {
      p.line(`[${stamp(0)},001][__main__][INFO] - Instantiating model <src.models.ResNet18>`);
      for (let i = 0; i < t.n; i++) {
        p.line(
          `[${stamp(i + 1)},${String(i * 37).padStart(3, '0')}][__main__][INFO] - epoch=${i} train/loss=${p.v('loss', i + 1, f4(t.loss[i]))} train/acc=${p.v('accuracy', i + 1, f4(t.acc[i]))} val/loss=${p.v('val_loss', i + 1, f4(t.vloss[i]))} val/acc=${p.v('val_accuracy', i + 1, f4(t.vacc[i]))}`,
        );
      }
    },
  },
  {
    name: 'hf-script-eval-dict',
    family: 3,
    about:
      "Hugging Face example scripts: '03/14/2025 09:12:07 - INFO - __main__ - epoch 3: {'accuracy': 0.8812, 'eval_loss': 0.3012, 'train_loss': 0.4123}'",
    render(t, p) {
      p.line(
        '03/14/2025 09:11:58 - INFO - __main__ - ***** Running training *****',
        '03/14/2025 09:11:58 - INFO - __main__ -   Num examples = 3668',
        '03/14/2025 09:11:58 - INFO - __main__ -   Num Epochs = ' + t.n,
      );
      for (let i = 0; i < t.n; i++) {
        p.line(
          `03/14/2025 09:${pad2(12 + i)}:07 - INFO - __main__ - epoch ${i}: {'eval_accuracy': ${p.v('val_accuracy', i + 1, String(+f6(t.vacc[i])))}, 'eval_loss': ${p.v('val_loss', i + 1, String(+f6(t.vloss[i])))}, 'train_loss': ${p.v('loss', i + 1, String(+f6(t.loss[i])))}}`,
        );
      }
    },
  },
  {
    name: 'glog-prefix',
    family: 3,
    about:
      "glog prefixes: 'I0314 09:12:07.123456  1234 train.py:88] Epoch 3 train_loss: 0.41 val_loss: 0.30 val_auc: 0.91'",
    render(t, p) {
      for (let i = 0; i < t.n; i++) {
        p.line(
          `I0314 09:${pad2(12 + i)}:07.${String(123456 + i).padStart(6, '0')}  1234 train.py:88] Epoch ${i + 1} train_loss: ${p.v('loss', i + 1, f4(t.loss[i]))} val_loss: ${p.v('val_loss', i + 1, f4(t.vloss[i]))} val_auc: ${p.v('val_auc', i + 1, f4(t.vacc[i]))}`,
        );
        p.line(`I0314 09:${pad2(12 + i)}:08.000001  1234 train.py:95] Saved checkpoint to /tmp/ckpt-${i + 1}`);
      }
    },
  },
  {
    name: 'mmdet-iter-and-val',
    family: 3,
    about:
      "mmdetection 2.x text log: 'Epoch [3][50/200]\\tlr: 2.000e-02, eta: .., time: .., loss_cls: .., loss_bbox: .., loss: ..' batch lines and 'Epoch(val) [3][50]\\tbbox_mAP: ..'",
    render(t, p) {
      for (let i = 0; i < t.n; i++) {
        for (let k = 1; k <= 4; k++) {
          const l = jitter(t.loss[i], k);
          p.line(
            `2023-03-14 09:${pad2(10 + i)}:${pad2(k * 11)},123 - mmdet - INFO - Epoch [${i + 1}][${k * 50}/200]\tlr: ${p.step('lr', i + 1, '2.000e-02')}, eta: 0:${pad2(40 - i)}:03, time: 0.512, data_time: 0.012, memory: 3456, loss_cls: ${p.step('loss_cls', i + 1, f4(l * 0.4))}, loss_bbox: ${p.step('loss_bbox', i + 1, f4(l * 0.6))}, loss: ${p.step('loss', i + 1, f4(l))}`,
          );
        }
        p.line(
          `2023-03-14 09:${pad2(10 + i)}:59,001 - mmdet - INFO - Epoch(val) [${i + 1}][50]\tbbox_mAP: ${p.v('val_bbox_m_ap', i + 1, f4(t.vacc[i] * 0.5))}, bbox_mAP_50: ${p.v('val_bbox_m_ap_50', i + 1, f4(t.vacc[i] * 0.8))}`,
        );
      }
    },
  },
  {
    name: 'fairseq-train-valid',
    family: 3,
    about:
      "fairseq: '| INFO | train_inner | epoch 003:    100 / 1000 loss=..' updates, '| INFO | train | epoch 003 | loss 4.021 | nll_loss .. | ppl ..' and '| INFO | valid | epoch 003 | valid on 'valid' subset | loss .. | best_loss ..'",
    render(t, p) {
      for (let i = 0; i < t.n; i++) {
        const e = String(i + 1).padStart(3, '0');
        for (const k of [1, 2])
          p.line(
            `${stamp(i * 3 + k)} | INFO | train_inner | epoch ${e}:    ${k * 100} / 300 loss=${f3(jitter(t.loss[i], k))}, nll_loss=${f3(jitter(t.loss[i], k) * 0.7)}, ppl=${p.step('ppl', i + 1, '5.31')}, wps=11234.5, lr=0.0005`,
          );
        p.line(
          `${stamp(i * 3 + 3)} | INFO | valid | epoch ${e} | valid on 'valid' subset | loss ${p.v('val_loss', i + 1, f3(t.vloss[i]))} | nll_loss ${p.v('val_nll_loss', i + 1, f3(t.vloss[i] * 0.7))} | wps 31234.5 | num_updates ${(i + 1) * 300} | best_loss ${f3(Math.min(...t.vloss.slice(0, i + 1).filter(Number.isFinite), 9))}`,
        );
        p.line(
          `${stamp(i * 3 + 3)} | INFO | train | epoch ${e} | loss ${p.v('loss', i + 1, f3(t.loss[i]))} | nll_loss ${p.v('nll_loss', i + 1, f3(t.loss[i] * 0.7))} | wps 11012.3 | ups 3.21 | wpb 3500 | bsz 120 | num_updates ${(i + 1) * 300} | lr ${p.v('lr', i + 1, String(+t.lr[i].toPrecision(3)))} | gnorm 0.812 | train_wall 93 | wall ${(i + 1) * 100}`,
        );
      }
    },
  },
  {
    name: 'logger-dash-level-module',
    family: 3,
    about:
      "'2025-03-14 09:12:07,123 - trainer - INFO - Epoch 3/30 | train_loss: 0.41 | val_loss: 0.30 | val_acc: 0.88' with WARNING lines in between",
    render(t, p) {
      for (let i = 0; i < t.n; i++) {
        p.line(
          `${stamp(i)},${String(i * 13).padStart(3, '0')} - trainer - INFO - Epoch ${i + 1}/${t.n} | train_loss: ${p.v('loss', i + 1, f4(t.loss[i]))} | val_loss: ${p.v('val_loss', i + 1, f4(t.vloss[i]))} | val_acc: ${p.v('val_accuracy', i + 1, f4(t.vacc[i]))}`,
        );
        if (i % 4 === 1)
          p.line(
            `${stamp(i)},999 - py.warnings - WARNING - UserWarning: epoch ${i + 1} took 12.3% longer than the previous one`,
          );
      }
    },
  },
  // ------------------------------------------------------------------ family 4: progress bars and tracker chatter
  {
    name: 'tqdm-validation-set-trackers',
    family: 4,
    about:
      "'Train Epoch 3: 100%|████| 40/40 [01:02<00:00, 1.55s/it]', 'Validation Set: - Accuracy: .. Precision: .., Recall: .., F1 Score: ..', 'Train Loss:  0.4410  Val Loss:  0.4873', 'saved model weights at epoch: 2', a shell prompt and wandb lines",
    render(t, p) {
      p.line(
        '$ python train.py --epochs 20 --lr 3e-4 --batch-size 32',
        'wandb: Currently logged in as: someone. Use `wandb login --relogin` to force relogin',
        'wandb: Tracking run with wandb version 0.16.1',
      );
      for (let i = 0; i < t.n; i++) {
        p.line(`Train Epoch ${i + 1}: 100%|${bar(100)}| 40/40 [01:02<00:00, 1.55s/it]`);
        p.line(
          `Validation Set: - Accuracy: ${p.v('val_accuracy', i + 1, f4(t.vacc[i]))} Precision: ${p.v('val_precision', i + 1, f4(t.vacc[i] * 0.97))}, Recall: ${p.v('val_recall', i + 1, f4(t.vacc[i] * 0.91))}, F1 Score: ${p.v('val_f1_score', i + 1, f4(t.vacc[i] * 0.94))}`,
        );
        p.line(
          `Train Loss:  ${p.v('loss', i + 1, f4(t.loss[i]))}  Val Loss:  ${p.v('val_loss', i + 1, f4(t.vloss[i]))}`,
        );
        if (i % 3 === 0) p.line(`saved model weights at epoch: ${i + 1}`);
      }
      p.line(
        'wandb: Waiting for W&B process to finish... (success).',
        'wandb: Run history:',
        'wandb:   train_loss █▆▅▄▃▃▂▂▁▁',
        'wandb: Run summary:',
        `wandb:   train_loss ${f4(t.loss[t.n - 1])}`,
        `wandb:     val_loss ${f4(t.vloss[t.n - 1])}`,
      );
    },
  },
  {
    name: 'lightning-bar-redraws',
    family: 4,
    about:
      "Lightning's progress bar captured with \\r redraws: 'Epoch 3: 100%|██████████| 40/40 [00:05<00:00, 7.50it/s, v_num=0, train_loss=0.412, val_loss=0.398, val_acc=0.880]'",
    render(t, p) {
      p.line(
        'GPU available: True (cuda), used: True',
        'TPU available: False, using: 0 TPU cores',
        '  | Name  | Type   | Params',
        '0 | model | ResNet | 11.2 M',
      );
      for (let i = 0; i < t.n; i++) {
        const segs: string[] = [];
        for (const k of [10, 20, 30, 40]) {
          const fin = k === 40;
          const post =
            i === 0
              ? `v_num=0, train_loss=${f3(jitter(t.loss[i], 1))}`
              : `v_num=0, train_loss=${fin ? f3(t.loss[i]) : f3(jitter(t.loss[i], 1))}, val_loss=${f3(t.vloss[i - 1])}, val_acc=${f3(t.vacc[i - 1])}`;
          segs.push(
            `Epoch ${i}: ${String(Math.round((k / 40) * 100)).padStart(3)}%|${bar((k / 40) * 100)}| ${k}/40 [00:0${k / 10}<00:0${4 - k / 10}, 7.50it/s, ${post}]`,
          );
        }
        // the validation loop redraws the same bar with the new val values at the end of the epoch
        segs.push(
          `Epoch ${i}: 100%|${bar(100)}| 40/40 [00:05<00:00, 7.50it/s, v_num=0, train_loss=${p.v('loss', i + 1, f3(t.loss[i]))}, val_loss=${p.v('val_loss', i + 1, f3(t.vloss[i]))}, val_acc=${p.v('val_accuracy', i + 1, f3(t.vacc[i]))}]`,
        );
        p.line('\r' + segs.join('\r'));
      }
      p.line(`\`Trainer.fit\` stopped: \`max_epochs=${t.n}\` reached.`);
    },
  },
  {
    name: 'tqdm-lines-postfix',
    family: 4,
    about:
      "tqdm bars written one per update (a non-TTY capture) with 'loss=.., acc=..' postfix, then 'Epoch 3: val_loss=.., val_acc=..'; unfinished bars are batches",
    render(t, p) {
      for (let i = 0; i < t.n; i++) {
        for (const k of [0, 50, 100]) {
          const post =
            k === 0
              ? ''
              : `, loss=${k === 100 ? p.v('loss', i + 1, f3(t.loss[i])) : f3(jitter(t.loss[i], 1))}, acc=${k === 100 ? p.v('accuracy', i + 1, f3(t.acc[i])) : f3(t.acc[i] * 0.9)}`;
          p.line(
            `Epoch ${i + 1}/${t.n}: ${String(k).padStart(3)}%|${bar(k)}| ${k}/100 [00:${pad2(k / 10)}<00:${pad2(10 - k / 10)},  9.81it/s${post}]`,
          );
        }
        p.line(
          `Epoch ${i + 1}: val_loss=${p.v('val_loss', i + 1, f4(t.vloss[i]))}, val_acc=${p.v('val_accuracy', i + 1, f4(t.vacc[i]))}`,
        );
      }
    },
  },
  {
    name: 'tqdm-description-metrics',
    family: 4,
    about:
      "metrics in the bar's description: 'Training Epoch 3 | Loss = 0.41234, Accuracy = 81.10%: 100%|████| 40/40 [..]' and 'Validation Epoch 3 | Loss = .., Accuracy = ..%: 100%|██| 10/10'",
    render(t, p) {
      for (let i = 0; i < t.n; i++) {
        p.line(
          `Training Epoch ${i + 1} | Loss = ${p.v('loss', i + 1, f(5)(t.loss[i]))}, Accuracy = ${p.v('accuracy', i + 1, pc(t.acc[i]))}: 100%|${bar(100)}| 40/40 [00:12<00:00,  3.21it/s]`,
        );
        p.line(
          `Validation Epoch ${i + 1} | Loss = ${p.v('val_loss', i + 1, f(5)(t.vloss[i]))}, Accuracy = ${p.v('val_accuracy', i + 1, pc(t.vacc[i]))}: 100%|${bar(100)}| 10/10 [00:01<00:00,  8.02it/s]`,
        );
      }
    },
  },
  {
    name: 'mlflow-wandb-chatter',
    family: 4,
    about: "'epoch 3: train_loss=.., val_loss=..' among mlflow and wandb lines, a pip warning and a run URL",
    render(t, p) {
      p.line(
        "2025/03/14 09:12:07 INFO mlflow.tracking.fluent: Experiment with name 'resnet' does not exist. Creating a new experiment.",
        'wandb: Syncing run dazzling-sun-12',
        'wandb: ⭐️ View project at https://wandb.ai/someone/resnet',
        'wandb: 🚀 View run at https://wandb.ai/someone/resnet/runs/3x9k2',
      );
      for (let i = 0; i < t.n; i++) {
        p.line(
          `epoch ${i + 1}: train_loss=${p.v('loss', i + 1, f4(t.loss[i]))}, val_loss=${p.v('val_loss', i + 1, f4(t.vloss[i]))}, val_accuracy=${p.v('val_accuracy', i + 1, f4(t.vacc[i]))}`,
        );
        if (i % 5 === 4)
          p.line(
            `wandb: WARNING Step only supports monotonically increasing values, use define_metric to set a custom x axis. step=${i}`,
          );
      }
      p.line(
        '🏃 View run resnet-3 at: http://127.0.0.1:5000/#/experiments/1/runs/abc',
        'wandb: Run summary:',
        `wandb:   epoch ${t.n}`,
        `wandb:   val_loss ${f4(t.vloss[t.n - 1])}`,
      );
    },
  },
  {
    name: 'ansi-colours-crlf',
    family: 4,
    eol: '\r\n',
    about:
      'coloured prints (ANSI escapes) written on Windows (CRLF): \x1b[32mEpoch 3\x1b[0m | loss 0.41 | val_loss 0.30',
    render(t, p) {
      for (let i = 0; i < t.n; i++) {
        p.line(
          `\x1b[1;32mEpoch ${i + 1}/${t.n}\x1b[0m | loss \x1b[33m${p.v('loss', i + 1, f4(t.loss[i]))}\x1b[0m | val_loss \x1b[36m${p.v('val_loss', i + 1, f4(t.vloss[i]))}\x1b[0m | val_acc ${p.v('val_accuracy', i + 1, f4(t.vacc[i]))}`,
        );
      }
    },
  },
  // ------------------------------------------------------------------ family 5: spellings, units, batches, header-only epochs
  {
    name: 'uppercase-sci-percent',
    family: 5,
    about: "'EPOCH 3 | TRAIN LOSS 4.1230e-1 | VALID LOSS 3.0120e-1 | VALID ACC 88.24%'",
    render(t, p) {
      for (let i = 0; i < t.n; i++) {
        p.line(
          `EPOCH ${i + 1} | TRAIN LOSS ${p.v('loss', i + 1, sci(t.loss[i]))} | VALID LOSS ${p.v('val_loss', i + 1, sci(t.vloss[i]))} | VALID ACC ${p.v('val_accuracy', i + 1, pc(t.vacc[i]))}`,
        );
      }
    },
  },
  {
    name: 'header-batches-eval',
    family: 5,
    about:
      "'Epoch 3' header, '  [ 100/1000] loss: 0.512' batch lines, then '  train: loss 0.4123, acc 0.8110' / '  eval : loss 0.3012, acc 0.8824'",
    render(t, p) {
      for (let i = 0; i < t.n; i++) {
        p.line(`Epoch ${i + 1}`);
        for (const k of [1, 2, 3]) p.line(`  [${String(k * 300).padStart(4)}/1000] loss: ${f3(jitter(t.loss[i], k))}`);
        p.line(`  train: loss ${p.v('loss', i + 1, f4(t.loss[i]))}, acc ${p.v('accuracy', i + 1, f4(t.acc[i]))}`);
        p.line(
          `  eval : loss ${p.v('val_loss', i + 1, f4(t.vloss[i]))}, acc ${p.v('val_accuracy', i + 1, f4(t.vacc[i]))}`,
        );
      }
    },
  },
  {
    name: 'step-only-yunjey',
    family: 5,
    about:
      "pytorch-tutorial style: only 'Epoch [1/5], Step [100/600], Loss: 0.2171' batch lines: points inside each epoch, never epochs",
    render(t, p) {
      for (let i = 0; i < t.n; i++) {
        for (let k = 1; k <= 3; k++)
          p.line(
            `Epoch [${i + 1}/${t.n}], Step [${k * 200}/600], Loss: ${p.step('loss', i + 1, f4(jitter(t.loss[i], k)))}`,
          );
      }
      p.line('Test Accuracy of the model on the 10000 test images: 97.12 %');
    },
  },
  {
    name: 'cifar-tutorial-brackets',
    family: 5,
    about:
      "the PyTorch CIFAR-10 tutorial: '[1,  2000] loss: 2.193' (epoch, batch) with no 'epoch' word, then 'Finished Training'",
    render(t, p) {
      for (let i = 0; i < t.n; i++) {
        for (let k = 1; k <= 3; k++)
          p.line(
            `[${i + 1}, ${String(k * 2000).padStart(5)}] loss: ${p.step('loss', i + 1, f3(jitter(t.loss[i], k)))}`,
          );
      }
      p.line('Finished Training');
    },
  },
  {
    name: 'mnist-example',
    family: 5,
    about:
      "PyTorch's MNIST example: 'Train Epoch: 3 [12800/60000 (21%)]\\tLoss: 0.123456' and 'Test set: Average loss: 0.0512, Accuracy: 9826/10000 (98%)'",
    finiteOnly: true,
    render(t, p) {
      for (let i = 0; i < t.n; i++) {
        for (let k = 0; k < 3; k++)
          p.line(
            `Train Epoch: ${i + 1} [${k * 20480}/60000 (${Math.round((k * 20480) / 600)}%)]\tLoss: ${p.step('loss', i + 1, f6(jitter(t.loss[i], k)))}`,
          );
        const correct = Math.round(Math.min(1, Math.max(0, t.vacc[i])) * 10000);
        p.v('val_accuracy', i + 1, String(correct / 10000));
        p.line(
          '',
          `Test set: Average loss: ${p.v('val_loss', i + 1, f4(t.vloss[i]))}, Accuracy: ${correct}/10000 (${Math.round(correct / 100)}%)`,
          '',
        );
      }
    },
  },
  {
    name: 'equals-sci-percent',
    family: 5,
    about: "'epoch=3 loss=4.1230e-01 acc=81.10% val_loss=3.0120e-01 val_acc=88.24%'",
    render(t, p) {
      for (let i = 0; i < t.n; i++) {
        p.line(
          `epoch=${i + 1} loss=${p.v('loss', i + 1, sci(t.loss[i]))} acc=${p.v('accuracy', i + 1, pc(t.acc[i]))} val_loss=${p.v('val_loss', i + 1, sci(t.vloss[i]))} val_acc=${p.v('val_accuracy', i + 1, pc(t.vacc[i]))}`,
        );
      }
    },
  },
  {
    name: 'tf-tutorial-batches',
    family: 5,
    about:
      "TensorFlow tutorial style: 'Epoch 3 Batch 100 Loss 0.5123 Accuracy 0.3012' batch lines, then 'Epoch 3 Loss 0.4012 Accuracy 0.8123' and 'Time taken for 1 epoch: 12.31 secs'",
    render(t, p) {
      for (let i = 0; i < t.n; i++) {
        for (const k of [0, 100, 200])
          p.line(`Epoch ${i + 1} Batch ${k} Loss ${f4(jitter(t.loss[i], k / 100))} Accuracy ${f4(t.acc[i] * 0.9)}`);
        p.line(
          `Epoch ${i + 1} Loss ${p.v('loss', i + 1, f4(t.loss[i]))} Accuracy ${p.v('accuracy', i + 1, f4(t.acc[i]))}`,
        );
        p.line(`Time taken for 1 epoch: ${(12.31 + i * 0.07).toFixed(2)} secs`, '');
      }
    },
  },
  {
    name: 'restart-two-runs',
    family: 5,
    about: 'a run stopped at epoch 6, then a restart from epoch 1 with other values: two runs, the second diagnosed',
    render(t, p) {
      const k = Math.min(6, t.n - 1);
      for (let i = 0; i < k; i++)
        p.line(
          `Epoch ${i + 1}: train_loss=${p.v('loss', i + 1, f4(t.loss[i] * 1.5))} val_loss=${p.v('val_loss', i + 1, f4(t.vloss[i] * 1.5))}`,
        );
      p.line('KeyboardInterrupt', 'Restarting with lr=1e-4');
      p.newRun();
      for (let i = 0; i < t.n; i++)
        p.line(
          `Epoch ${i + 1}: train_loss=${p.v('loss', i + 1, f4(t.loss[i]))} val_loss=${p.v('val_loss', i + 1, f4(t.vloss[i]))}`,
        );
    },
  },
  {
    name: 'crashed-header-then-restart',
    family: 5,
    about: "a first start printed its config and 'Epoch 1/30' and crashed (traceback), a second start trained: one run",
    render(t, p) {
      p.line(
        'Namespace(batch_size=64, epochs=30, lr=0.001, seed=1)',
        'Epoch 1/30',
        'Traceback (most recent call last):',
        '  File "train.py", line 88, in <module>',
        'RuntimeError: CUDA error: device-side assert triggered',
      );
      p.line('Namespace(batch_size=32, epochs=30, lr=0.001, seed=1)');
      for (let i = 0; i < t.n; i++) {
        p.line(`Epoch ${i + 1}/30`);
        p.line(
          `loss: ${p.v('loss', i + 1, f4(t.loss[i]))} - acc: ${p.v('accuracy', i + 1, f4(t.acc[i]))} | val loss: ${p.v('val_loss', i + 1, f4(t.vloss[i]))} - val acc: ${p.v('val_accuracy', i + 1, f4(t.vacc[i]))}`,
        );
      }
    },
  },
  {
    name: 'val-every-other-epoch',
    family: 5,
    about: "train values every epoch, 'Validation: loss 0.30 acc 0.88' every second epoch only",
    render(t, p) {
      for (let i = 0; i < t.n; i++) {
        p.line(
          `Epoch ${i + 1}: Training loss ${p.v('loss', i + 1, f4(t.loss[i]))}, training accuracy ${p.v('accuracy', i + 1, f4(t.acc[i]))}`,
        );
        if (i % 2 === 1)
          p.line(
            `Validation: loss ${p.v('val_loss', i + 1, f4(t.vloss[i]))} acc ${p.v('val_accuracy', i + 1, f4(t.vacc[i]))}`,
          );
      }
    },
  },
  {
    name: 'dev-split-is',
    family: 5,
    about: "'Epoch 3 finished. Train loss is 0.41, dev loss is 0.30, dev accuracy is 0.88'",
    render(t, p) {
      for (let i = 0; i < t.n; i++) {
        p.line(
          `Epoch ${i + 1} finished. Train loss is ${p.v('loss', i + 1, f4(t.loss[i]))}, dev loss is ${p.v('val_loss', i + 1, f4(t.vloss[i]))}, dev accuracy is ${p.v('val_accuracy', i + 1, f4(t.vacc[i]))}`,
        );
      }
    },
  },
  {
    name: 'epoch-of-total-words',
    family: 5,
    about: "'Epoch 3 of 25: training loss = 0.4123 (acc 81.1%), validation loss = 0.3012 (acc 88.2%)'",
    render(t, p) {
      for (let i = 0; i < t.n; i++) {
        p.line(
          `Epoch ${i + 1} of ${t.n}: training loss = ${p.v('loss', i + 1, f4(t.loss[i]))} (acc ${p.v('accuracy', i + 1, Number.isFinite(t.acc[i]) ? `${(t.acc[i] * 100).toFixed(1)}%` : f4(t.acc[i]))}), validation loss = ${p.v('val_loss', i + 1, f4(t.vloss[i]))} (acc ${p.v('val_accuracy', i + 1, Number.isFinite(t.vacc[i]) ? `${(t.vacc[i] * 100).toFixed(1)}%` : f4(t.vacc[i]))})`,
        );
      }
    },
  },
  {
    name: 'final-test-report',
    family: 5,
    about:
      "'Epoch 3/20 | Loss: 0.5 | Val Loss: 0.6' lines, then a final report ('Accuracy : 0.748', 'F1 Score: 0.569') that is not the last epoch's values",
    warnings: ['final_evaluation'],
    render(t, p) {
      for (let i = 0; i < t.n; i++)
        p.line(
          `Epoch ${i + 1}/${t.n} | Loss: ${p.v('loss', i + 1, f4(t.loss[i]))} | Val Loss: ${p.v('val_loss', i + 1, f4(t.vloss[i]))}`,
        );
      p.line(
        `Accuracy : ${String(t.vacc[t.n - 1])}`,
        `Precision: ${String(t.vacc[t.n - 1] * 0.97)}`,
        `F1 Score : ${String(t.vacc[t.n - 1] * 0.9)}`,
      );
    },
  },
  {
    name: 'printed-history-lists',
    family: 5,
    about:
      "no epoch lines, only the history lists printed at the end: 'Train losses: [0.69, 0.51, ...]', 'val_acc = [...]' (one value per epoch, numbered in order)",
    warnings: ['epochs_by_position'],
    render(t, p) {
      p.line(
        'Training finished in 312.4 s',
        `Train losses: [${t.loss.map((v, i) => p.v('loss', i + 1, String(+f6(v)))).join(', ')}]`,
      );
      p.line(`Val losses: [${t.vloss.map((v, i) => p.v('val_loss', i + 1, String(+f6(v)))).join(', ')}]`);
      p.line(`val_acc = [${t.vacc.map((v, i) => p.v('val_accuracy', i + 1, String(+f6(v)))).join(', ')}]`);
    },
  },
  {
    name: 'no-epoch-numbers',
    family: 5,
    about:
      "one line per epoch with no epoch number: 'train_loss: 0.6931 | val_loss: 0.7012 | val_acc: 0.5123' (numbered in order, with a warning)",
    warnings: ['epochs_by_position'],
    render(t, p) {
      p.line('Starting training...');
      for (let i = 0; i < t.n; i++)
        p.line(
          `train_loss: ${p.v('loss', i + 1, f4(t.loss[i]))} | val_loss: ${p.v('val_loss', i + 1, f4(t.vloss[i]))} | val_acc: ${p.v('val_accuracy', i + 1, f4(t.vacc[i]))}`,
        );
    },
  },
  {
    name: 'tensor-reprs',
    family: 5,
    about:
      "values printed without .item(): 'Epoch: 3.0 loss: tensor(0.4123, device=\'cuda:0\', grad_fn=<NllLossBackward0>) Acc: 81.10 % LR: [0.001]'",
    render(t, p) {
      for (let i = 0; i < t.n; i++) {
        p.line(
          `Epoch: ${i + 1}.0 loss: tensor(${p.v('loss', i + 1, f4(t.loss[i]))}, device='cuda:0', grad_fn=<NllLossBackward0>) Acc: ${p.v('accuracy', i + 1, Number.isFinite(t.acc[i]) ? `${(t.acc[i] * 100).toFixed(2)} %` : f4(t.acc[i]))} LR: [${p.v('lr', i + 1, String(t.lr[i]))}]`,
        );
        p.line(`Val loss: tensor(${p.v('val_loss', i + 1, f4(t.vloss[i]))}, device='cuda:0')`);
      }
    },
  },
  {
    name: 'logging-dash-restart-test',
    family: 3,
    about:
      "'2025-05-09 19:17:05,018 - Epoch [1/20] | Train Loss: .. Acc: .. | Test Loss: .. Acc: ..' where the script was started twice (3 epochs, then all): two runs, test read as the held-out set",
    render(t, p) {
      const k = Math.min(3, t.n - 1);
      const L = (i: number, scale: number) =>
        p.line(
          `${stamp(i)},${String(18 + i).padStart(3, '0')} - Epoch [${i + 1}/${t.n}] | Train Loss: ${p.v('loss', i + 1, f4(t.loss[i] * scale))} Acc: ${p.v('accuracy', i + 1, f4(t.acc[i]))} | Test Loss: ${p.v('val_loss', i + 1, f4(t.vloss[i] * scale))} Acc: ${p.v('val_accuracy', i + 1, f4(t.vacc[i]))}`,
        );
      for (let i = 0; i < k; i++) L(i, 1.1);
      p.newRun();
      for (let i = 0; i < t.n; i++) L(i, 1);
    },
  },
  {
    name: 'info-args-dict-save-lines',
    family: 3,
    about:
      "'2025-07-07 13:55:26.649 INFO: Epoch [001/300] - Train Loss: 145.13359, Valid Loss: 70.66399, LR: [0.001]' after a pretty-printed args dict (with 'epoch': 300.0), and '[SAVE] Best model at epoch 1.' lines",
    render(t, p) {
      p.line(
        '2025-07-07 13:50:09.939 INFO: Parsed arguments:',
        "{'batch_size': 32,",
        " 'epoch': 300.0,",
        " 'learning_rate': 0.001,",
        " 'lr_patience': 0,",
        " 'train_ratio': 0.8,",
        " 'valid_ratio': 0.1}",
      );
      let best = Infinity;
      for (let i = 0; i < t.n; i++) {
        const ts = `2025-07-07 ${pad2(14 + Math.floor(i / 60))}:${pad2(i % 60)}:26.${String(649 + i).padStart(3, '0')}`;
        p.line(
          `${ts} INFO: Epoch [${String(i + 1).padStart(3, '0')}/300] - Train Loss: ${p.v('loss', i + 1, f(5)(t.loss[i] * 100))}, Valid Loss: ${p.v('val_loss', i + 1, f(5)(t.vloss[i] * 100))}, LR: [${p.v('lr', i + 1, String(t.lr[i]))}]`,
        );
        if (t.vloss[i] < best) {
          best = t.vloss[i];
          p.line(`${ts} INFO:   [SAVE] Best model at epoch ${i + 1}.`);
        }
      }
    },
  },
  {
    name: 'dots-step-only',
    family: 5,
    about:
      "char-RNN notebook style: 'Epoch: 1/10... Step: 10... Loss: 3.2101... Val Loss: 3.1987' (batch lines only: points inside each epoch)",
    render(t, p) {
      for (let i = 0; i < t.n; i++) {
        for (const k of [1, 2]) {
          const step = (i * 2 + k) * 10;
          p.line(
            `Epoch: ${i + 1}/${t.n}... Step: ${step}... Loss: ${p.step('loss', i + 1, f4(jitter(t.loss[i], k)))}... Val Loss: ${p.step('val_loss', i + 1, f4(jitter(t.vloss[i], k)))}`,
          );
        }
      }
    },
  },
  {
    name: 'vae-example',
    family: 1,
    about:
      "PyTorch's VAE example: 'Train Epoch: 3 [0/60000 (0%)]\tLoss: 543.2' batches, '====> Epoch: 3 Average loss: 164.1234', '====> Test set loss: 127.8000'",
    render(t, p) {
      for (let i = 0; i < t.n; i++) {
        for (const k of [0, 1])
          p.line(`Train Epoch: ${i + 1} [${k * 12800}/60000 (${k * 21}%)]	Loss: ${f6(jitter(t.loss[i], k) * 150)}`);
        p.line(`====> Epoch: ${i + 1} Average loss: ${p.v('loss', i + 1, f4(t.loss[i] * 120))}`);
        p.line(`====> Test set loss: ${p.v('val_loss', i + 1, f4(t.vloss[i] * 120))}`);
      }
    },
  },
  {
    name: 'ep-abbrev-prefixed-names',
    family: 5,
    about: "'ep 3 | trn_loss 0.4123 | dev_loss 0.3012 | dev_acc 0.8824' (abbreviated epoch, trn_/dev_ prefixes)",
    render(t, p) {
      for (let i = 0; i < t.n; i++)
        p.line(
          `ep ${i + 1} | trn_loss ${p.v('loss', i + 1, f4(t.loss[i]))} | dev_loss ${p.v('val_loss', i + 1, f4(t.vloss[i]))} | dev_acc ${p.v('val_accuracy', i + 1, f4(t.vacc[i]))}`,
        );
    },
  },
  {
    name: 'bar-glued-to-print',
    family: 4,
    about:
      "a tqdm bar and a print on one line: 'Epoch Progress:   5%|▌   | 1/20 [00:01<00:24,  1.26s/it]Epoch: 2, Train Loss: 11.0043, Val Loss: 10.9979'",
    render(t, p) {
      p.line(
        'Model is on device cuda and has 1622688 parameters',
        '',
        `Epoch Progress:   0%|          | 0/${t.n} [00:00<?, ?it/s]`,
      );
      for (let i = 0; i < t.n; i++) {
        const pct = Math.round((i / t.n) * 100);
        p.line(
          `Epoch Progress: ${String(pct).padStart(3)}%|${bar(pct)}| ${i}/${t.n} [00:0${i % 10}<00:24,  1.26s/it]Epoch: ${i + 1}, Train Loss: ${p.v('loss', i + 1, String(t.loss[i]))}, Val Loss: ${p.v('val_loss', i + 1, String(t.vloss[i]))}`,
        );
      }
    },
  },
  {
    name: 'trailer-finished-epoch',
    family: 1,
    about:
      "values printed before their epoch line: 'train loss: 0.4123, val loss: 0.3012' then 'Finished epoch 3/25' (an epoch trailer)",
    render(t, p) {
      for (let i = 0; i < t.n; i++) {
        p.line(
          `train loss: ${p.v('loss', i + 1, f4(t.loss[i]))}, val loss: ${p.v('val_loss', i + 1, f4(t.vloss[i]))}, val acc: ${p.v('val_accuracy', i + 1, f4(t.vacc[i]))}`,
        );
        p.line(`Finished epoch ${i + 1}/${t.n}`, '');
      }
    },
  },
  {
    name: 'lightning-checkpoint-reached',
    family: 4,
    about:
      "Lightning console without val in the bar: 'Epoch 3: 100%|██████████| 50/50 [.., loss=0.412, v_num=3]' and \"Epoch 3, global step 200: 'val_loss' reached 0.30120 (best 0.30120), saving model to ...\"",
    render(t, p) {
      let best = Infinity;
      for (let i = 0; i < t.n; i++) {
        p.line(
          `Epoch ${i}: 100%|${bar(100)}| 50/50 [00:03<00:00, 15.2it/s, loss=${p.v('loss', i + 1, f3(t.loss[i]))}, v_num=3]`,
        );
        p.line(`Validation: 100%|${bar(100)}| 10/10 [00:00<00:00, 40.1it/s]`);
        if (t.vloss[i] < best || Number.isNaN(best)) {
          best = t.vloss[i];
          p.line(
            `Epoch ${i}, global step ${(i + 1) * 50}: 'val_loss' reached ${p.step('val_loss', i + 1, f(5)(t.vloss[i]))} (best ${f(5)(t.vloss[i])}), saving model to '/runs/epoch=${i}-step=${(i + 1) * 50}.ckpt' as top 1`,
          );
        } else p.line(`Epoch ${i}, global step ${(i + 1) * 50}: 'val_loss' was not in top 1`);
      }
    },
  },
  {
    name: 'mxnet-speedometer',
    family: 3,
    about:
      "MXNet's module.fit log: 'INFO:root:Epoch[0] Batch [100]\tSpeed: 1200.50 samples/sec\taccuracy=0.51', 'Epoch[0] Train-accuracy=0.61', 'Epoch[0] Time cost=12.3', 'Epoch[0] Validation-accuracy=0.55'",
    render(t, p) {
      for (let i = 0; i < t.n; i++) {
        for (const k of [100, 200])
          p.line(
            `INFO:root:Epoch[${i}] Batch [${k}]\tSpeed: ${(1200.5 + k).toFixed(2)} samples/sec\taccuracy=${p.step('accuracy', i + 1, f(6)(t.acc[i] * (0.9 + k / 2000)))}`,
          );
        p.line(`INFO:root:Epoch[${i}] Train-accuracy=${p.v('accuracy', i + 1, f(6)(t.acc[i]))}`);
        p.line(`INFO:root:Epoch[${i}] Time cost=${(12.3 + i * 0.1).toFixed(3)}`);
        p.line(`INFO:root:Epoch[${i}] Validation-accuracy=${p.v('val_accuracy', i + 1, f(6)(t.vacc[i]))}`);
      }
    },
  },
  {
    name: 'history-dict-assignment',
    family: 5,
    about:
      "\"history = {'loss': [np.float32(0.69), ...], 'val_loss': [...]}\" printed after an assignment (numbered in order)",
    warnings: ['epochs_by_position'],
    render(t, p) {
      p.line('>>> print(model_name)', 'cnn_v2');
      p.line(
        `history = {'loss': [${t.loss.map((v, i) => `np.float32(${p.v('loss', i + 1, String(+f6(v)))})`).join(', ')}], 'val_loss': [${t.vloss.map((v, i) => p.v('val_loss', i + 1, String(+f6(v)))).join(', ')}]}`,
      );
    },
  },
  {
    name: 'tensorboard-tags-block',
    family: 1,
    about:
      "SummaryWriter tags printed per epoch: '### Epoch 3 ###' then 'Loss/train: 0.41', 'Loss/val: 0.30', 'Accuracy/val: 0.88'",
    render(t, p) {
      for (let i = 0; i < t.n; i++) {
        p.line(
          `### Epoch ${i + 1} ###`,
          `Loss/train: ${p.v('loss', i + 1, f4(t.loss[i]))}`,
          `Loss/val: ${p.v('val_loss', i + 1, f4(t.vloss[i]))}`,
          `Accuracy/val: ${p.v('val_accuracy', i + 1, f4(t.vacc[i]))}`,
        );
      }
    },
  },
  {
    name: 'avg-prefixed-names',
    family: 2,
    about:
      "'Epoch 3 completed: avg_loss=0.4123 avg_val_loss=0.3012 epoch_val_acc=0.8824' (qualifiers glued to the names)",
    render(t, p) {
      for (let i = 0; i < t.n; i++)
        p.line(
          `Epoch ${i + 1} completed: avg_loss=${p.v('loss', i + 1, f4(t.loss[i]))} avg_val_loss=${p.v('val_loss', i + 1, f4(t.vloss[i]))} epoch_val_acc=${p.v('val_accuracy', i + 1, f4(t.vacc[i]))}`,
        );
    },
  },
  {
    name: 'ddp-rank-copies',
    family: 3,
    about:
      "torchrun --tee: every rank prints its own copy ('[rank0]: Epoch 3 | train_loss: .. | val_loss: ..', '[rank1]: ...' with other values): rank 0 is read, and the copies are not restarts",
    render(t, p) {
      for (let i = 0; i < t.n; i++) {
        p.line(
          `[rank0]: Epoch ${i + 1} | train_loss: ${p.v('loss', i + 1, f4(t.loss[i]))} | val_loss: ${p.v('val_loss', i + 1, f4(t.vloss[i]))}`,
        );
        p.line(`[rank1]: Epoch ${i + 1} | train_loss: ${f4(t.loss[i] * 1.01)} | val_loss: ${f4(t.vloss[i] * 1.02)}`);
      }
    },
  },
  {
    name: 'tabs-mixed-case-valid',
    family: 5,
    about:
      "tab-separated 'Epoch\\t3\\tTrain_Loss\\t0.4123\\tValid_Loss\\t0.3012\\tValid_Acc\\t0.8824' (names and values in tab columns)",
    render(t, p) {
      for (let i = 0; i < t.n; i++)
        p.line(
          `Epoch\t${i + 1}\tTrain_Loss\t${p.v('loss', i + 1, f4(t.loss[i]))}\tValid_Loss\t${p.v('val_loss', i + 1, f4(t.vloss[i]))}\tValid_Acc\t${p.v('val_accuracy', i + 1, f4(t.vacc[i]))}`,
        );
    },
  },
  {
    name: 'step-counter-pipes',
    family: 5,
    about:
      "no epoch anywhere, a step counter on every line: 'step: 40 | loss: 2.6882 | grad_norm: 0.6233 | lr: 0.000155 | time: 5067ms', resumed once with the counter back at 0 (two runs on a step axis)",
    render(t, p) {
      const resume = Math.max(1, Math.floor(t.n / 3));
      for (let i = 0; i < t.n; i++) {
        if (i === resume) {
          p.newRun();
          p.line('Resuming from checkpoint ckpt.pt');
        }
        const step = (i < resume ? i : i - resume) * 5;
        p.line(
          `step: ${step} | loss: ${p.v('loss', step, f4(t.loss[i]))} | grad_norm: 1.2345 | lr: ${p.v('lr', step, String(t.lr[i]))} | time: 5067ms`,
        );
      }
    },
  },
  {
    name: 'step-eval-lines',
    family: 5,
    about:
      "no epoch anywhere, an evaluation line per step count: 'step 500: train loss 2.1034, val loss 2.2101' (a step axis)",
    render(t, p) {
      p.line('tokens per iteration will be: 16,384', 'number of parameters: 10.65M');
      for (let i = 0; i < t.n; i++) {
        const step = i * 250;
        p.line(
          `step ${step}: train loss ${p.v('loss', step, f4(t.loss[i]))}, val loss ${p.v('val_loss', step, f4(t.vloss[i]))}`,
        );
      }
    },
  },
];

/** A plausible training curve (closed form + seeded noise), rounded so every style prints it the same. */
export function makeTruth(n: number, rand: () => number, shape: 'good' | 'overfit' | 'underfit' = 'good'): Truth {
  const loss: number[] = [];
  const vloss: number[] = [];
  const acc: number[] = [];
  const vacc: number[] = [];
  const lr: number[] = [];
  for (let i = 0; i < n; i++) {
    const e = i / Math.max(1, n - 1);
    const base = shape === 'underfit' ? 1.2 - 0.15 * e : 0.25 + 0.9 * Math.exp(-4 * e);
    const tr = base * (1 + 0.03 * (rand() - 0.5));
    const gap = shape === 'overfit' ? 0.6 * e * e : 0.04;
    const va = (base + gap) * (1 + 0.06 * (rand() - 0.5));
    loss.push(tr);
    vloss.push(va);
    acc.push(Math.min(0.999, 1 - 0.45 * tr));
    vacc.push(Math.min(0.999, 0.98 - 0.45 * va));
    lr.push(3e-4 * 0.5 ** Math.floor(i / 5));
  }
  return { n, loss, vloss, acc, vacc, lr };
}
