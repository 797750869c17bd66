/**
 * Regenerates fixtures/formats, fixtures/patterns and fixtures/bad deterministically.
 *
 *   npx tsx scripts/make-fixtures.ts                      # FIXTURES_OUT=dir writes elsewhere (drift check)
 *
 * Every file is written byte-for-byte the way its library writes it (see ../shared/FORMATS.md): number
 * spellings (Python repr, float32 str, %.4f console values, pandas double_precision=10), separators, line
 * endings (\r\n, \r\r\n), BOMs, redraw noise. Curves come from a seeded PRNG and closed-form shapes, so
 * re-running gives identical bytes.
 *
 * Alongside the data files it writes:
 *  - fixtures/formats/EXPECTED.json: per file, the format, run count, series keys of the last run, spot
 *    values [run, key, x, y] and warning codes that ingest() must produce (tested by
 *    test/ingest/formats.test.ts). The expected values come from the strings written here, not from ingest.
 *  - fixtures/patterns/MANIFEST.json: per file, the pattern an ML expert would name and the findings that
 *    must be present (tested by test/fixtures.test.ts).
 */
import { mkdirSync, writeFileSync, rmSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32, normal } from '../src/util/random.js';

const ROOT = process.env.FIXTURES_OUT ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

// ---------------------------------------------------------------------------------------------
// deterministic randomness
// ---------------------------------------------------------------------------------------------
/** one standard normal per draw (src/util/random.ts' normal) */
function gaussian(rand: () => number): () => number {
  return () => normal(rand);
}

// ---------------------------------------------------------------------------------------------
// number spellings
// ---------------------------------------------------------------------------------------------
/** Python repr() of a float (shortest round-trip, Python's exponent rules). */
function pyRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const ax = Math.abs(x);
  if (ax < 1e-4 || ax >= 1e16) {
    // JS: 1e-5, 1.5e-7; Python: 1e-05, 1.5e-07
    const e = x
      .toExponential()
      .replace('e+', 'e+')
      .replace(/e([+-])(\d)$/, 'e$10$2');
    return e;
  }
  const s = String(x);
  if (/^-?\d+$/.test(s)) return `${s}.0`;
  return s;
}
/** Python json.dumps of a float: repr, but NaN / Infinity / -Infinity bare. */
function pyJson(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return pyRepr(x);
}
/** A float32 value widened to a Python float (what .item() / float() gives): long digits. */
function f32long(x: number): number {
  return Math.fround(x);
}
/** str(np.float32(x)): the shortest float32 round-trip spelling (Keras 2.3.1 short values). */
function f32str(x: number): string {
  if (!Number.isFinite(x)) return pyRepr(x);
  const f = Math.fround(x);
  for (let p = 1; p <= 9; p++) {
    const s = f.toPrecision(p);
    if (Math.fround(+s) === f) return pyRepr(+s);
  }
  return pyRepr(f);
}
/** Keras Progbar value: %.4f when v > 1e-3 (abs for verbose=1), else %.4e. */
function kv(v: number, verbose2 = false): string {
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  const big = verbose2 ? v > 1e-3 : Math.abs(v) > 1e-3;
  if (big) return v.toFixed(4);
  return v.toExponential(4).replace(/e([+-])(\d)$/, 'e$10$2');
}
/** The number ingest should read back from a written string. */
function back(s: string): number {
  const l = s.toLowerCase();
  if (l === 'nan') return NaN;
  if (l === 'inf' || l === 'infinity') return Infinity;
  if (l === '-inf' || l === '-infinity') return -Infinity;
  return +s;
}
/** pandas to_json(double_precision=10). */
function pdJson(x: number): string {
  if (!Number.isFinite(x)) return 'null';
  let s = x.toFixed(10).replace(/0+$/, '');
  if (s.endsWith('.')) s += '0';
  return s;
}
const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

// ---------------------------------------------------------------------------------------------
// curves
// ---------------------------------------------------------------------------------------------
interface Curves {
  loss: number[];
  val_loss: number[];
  acc: number[];
  val_acc: number[];
}
/** A healthy classifier run: both losses fall and flatten, small gap. */
function classifier(n: number, seed: number, opts: { noise?: number; gap?: number } = {}): Curves {
  const g = gaussian(mulberry32(seed));
  const noise = opts.noise ?? 0.006;
  const gap = opts.gap ?? 0.04;
  const c: Curves = { loss: [], val_loss: [], acc: [], val_acc: [] };
  for (let e = 0; e < n; e++) {
    const d = Math.exp(-e / 4);
    c.loss.push(0.22 + 0.5 * d + noise * g());
    c.val_loss.push(0.22 + gap + 0.46 * d + noise * 1.5 * g());
    c.acc.push(0.93 - 0.38 * d + noise * g());
    c.val_acc.push(0.93 - gap / 2 - 0.36 * d + noise * 1.5 * g());
  }
  return c;
}

// ---------------------------------------------------------------------------------------------
// output bookkeeping
// ---------------------------------------------------------------------------------------------
type Num = number | 'NaN' | 'Infinity' | '-Infinity';
interface Expected {
  format: string;
  runs: number;
  /** sorted canonical keys of the last run (exactly these) */
  keys?: string[];
  /** keys the last run must have (when `keys` is not given) */
  keysInclude?: string[];
  xAxis?: 'epoch' | 'step';
  /** [run index, key, x, y] */
  points: [number, string, number, Num][];
  /** warning codes that must be present */
  warnings?: string[];
  /** warning codes that must be absent */
  noWarnings?: string[];
  /** series lengths: [run, key, length] */
  lengths?: [number, string, number][];
  /** pass this fileName to ingest() */
  fileName?: string;
  /** what the file shows, for people reading the test output */
  about: string;
}
const expected: Record<string, Expected> = {};
function num(x: number): Num {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return x;
}
function write(rel: string, data: string | Uint8Array): void {
  const p = join(ROOT, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, data);
}
function formats(name: string, data: string | Uint8Array, exp: Expected): void {
  write(join('formats', name), data);
  expected[name] = exp;
}

// =============================================================================================
// 1. history.history
// =============================================================================================
function historyFixtures(): void {
  // tf.keras 2.x json.dump(history.history): loss, metrics, val_*; loss goes NaN at epoch 9 and stays,
  // val_loss inf at epoch 9 (Python json writes bare NaN / Infinity)
  {
    const c = classifier(10, 11);
    const loss = c.loss.map((v, i) => (i >= 8 ? NaN : v));
    const vloss = c.val_loss.map((v, i) => (i === 8 ? Infinity : i === 9 ? NaN : v));
    const acc = c.acc.map((v, i) => (i >= 8 ? 0.1 : v));
    const vacc = c.val_acc.map((v, i) => (i >= 8 ? 0.1 : v));
    const dict = { loss, accuracy: acc, val_loss: vloss, val_accuracy: vacc };
    const text = `{${Object.entries(dict)
      .map(([k, v]) => `"${k}": [${v.map(pyJson).join(', ')}]`)
      .join(', ')}}`;
    formats('history-tfkeras-nan.json', text, {
      about: 'tf.keras json.dump(history.history) with bare NaN / Infinity',
      format: 'keras-history-json',
      runs: 1,
      keys: ['accuracy', 'loss', 'val_accuracy', 'val_loss'],
      xAxis: 'epoch',
      points: [
        [0, 'loss', 1, loss[0]],
        [0, 'loss', 8, loss[7]],
        [0, 'loss', 9, 'NaN'],
        [0, 'loss', 10, 'NaN'],
        [0, 'val_loss', 9, 'Infinity'],
        [0, 'val_loss', 10, 'NaN'],
        [0, 'val_accuracy', 1, vacc[0]],
      ],
      lengths: [
        [0, 'loss', 10],
        [0, 'val_loss', 10],
      ],
    });
  }
  // Keras 3: alphabetical keys, learning_rate as a long float32 widened value, json.dump
  {
    const c = classifier(12, 12);
    const lr = [1e-3, 1e-3, 1e-3, 1e-3, 1e-3, 2e-4, 2e-4, 2e-4, 4e-5, 4e-5, 4e-5, 4e-5].map(f32long);
    const dict = {
      accuracy: c.acc.map(f32long),
      learning_rate: lr,
      loss: c.loss.map(f32long),
      val_accuracy: c.val_acc.map(f32long),
      val_loss: c.val_loss.map(f32long),
    };
    const text = `{${Object.entries(dict)
      .map(([k, v]) => `"${k}": [${v.map(pyJson).join(', ')}]`)
      .join(', ')}}`;
    formats('history-keras3.json', text, {
      about: 'Keras 3 history.history, alphabetical keys, learning_rate float32 widened (0.0010000000474974513)',
      format: 'keras-history-json',
      runs: 1,
      keys: ['accuracy', 'loss', 'lr', 'val_accuracy', 'val_loss'],
      xAxis: 'epoch',
      points: [
        [0, 'lr', 1, Math.fround(1e-3)],
        [0, 'lr', 6, Math.fround(2e-4)],
        [0, 'loss', 12, Math.fround(c.loss[11])],
        [0, 'val_loss', 1, Math.fround(c.val_loss[0])],
      ],
    });
  }
  // print(history.history) under NumPy 2: single quotes, np.float32(...) for tf.keras lr, nan
  {
    const c = classifier(8, 13);
    const lr = [1e-3, 1e-3, 1e-3, 1e-3, 2e-4, 2e-4, 2e-4, 4.0000001e-5];
    const vloss = c.val_loss.map((v, i) => (i === 3 ? NaN : v));
    const parts = [
      `'loss': [${c.loss.map(pyRepr).join(', ')}]`,
      `'accuracy': [${c.acc.map(pyRepr).join(', ')}]`,
      `'val_loss': [${vloss.map(pyRepr).join(', ')}]`,
      `'val_accuracy': [${c.val_acc.map(pyRepr).join(', ')}]`,
      `'lr': [${lr.map((v) => `np.float32(${f32str(v)})`).join(', ')}]`,
    ];
    formats('history-repr-numpy2.txt', `{${parts.join(', ')}}\n`, {
      about: 'print(history.history) with NumPy 2: single quotes, np.float32(0.001), nan',
      format: 'keras-history-json',
      runs: 1,
      keys: ['accuracy', 'loss', 'lr', 'val_accuracy', 'val_loss'],
      xAxis: 'epoch',
      points: [
        [0, 'lr', 1, 0.001],
        [0, 'lr', 5, 0.0002],
        [0, 'lr', 8, back(f32str(4.0000001e-5))],
        [0, 'val_loss', 4, 'NaN'],
        [0, 'loss', 2, c.loss[1]],
      ],
    });
  }
  // Keras 2.3.1 repr under NumPy 1: val_* first, np.float32 values print short (0.6931472)
  {
    const c = classifier(6, 14);
    const parts = [
      `'val_loss': [${c.val_loss.map(pyRepr).join(', ')}]`,
      `'val_accuracy': [${c.val_acc.map(pyRepr).join(', ')}]`,
      `'loss': [${c.loss.map(f32str).join(', ')}]`,
      `'accuracy': [${c.acc.map(f32str).join(', ')}]`,
    ];
    formats('history-repr-keras231.txt', `{${parts.join(', ')}}`, {
      about: 'Keras 2.3.1 print(history.history): val_* keys first, short float32 training values',
      format: 'keras-history-json',
      runs: 1,
      keys: ['accuracy', 'loss', 'val_accuracy', 'val_loss'],
      points: [
        [0, 'loss', 1, back(f32str(c.loss[0]))],
        [0, 'val_loss', 6, c.val_loss[5]],
      ],
    });
  }
  // pandas to_json(): column-oriented, string index keys, null for NaN, double_precision=10
  {
    const c = classifier(9, 15);
    const vloss = c.val_loss.map((v, i) => (i === 4 ? NaN : v));
    const cols: Record<string, number[]> = { loss: c.loss, accuracy: c.acc, val_loss: vloss, val_accuracy: c.val_acc };
    const text = `{${Object.entries(cols)
      .map(([k, v]) => `"${k}":{${v.map((x, i) => `"${i}":${pdJson(x)}`).join(',')}}`)
      .join(',')}}`;
    formats('history-pandas.json', text, {
      about: 'pd.DataFrame(history.history).to_json(): {"loss":{"0":...}}, NaN as null',
      format: 'keras-history-json',
      runs: 1,
      keys: ['accuracy', 'loss', 'val_accuracy', 'val_loss'],
      points: [
        [0, 'loss', 1, +pdJson(c.loss[0])],
        [0, 'val_loss', 4, +pdJson(vloss[3])],
        [0, 'val_loss', 6, +pdJson(vloss[5])],
      ],
      lengths: [
        [0, 'loss', 9],
        [0, 'val_loss', 8], // null at epoch 5 is a missing cell
      ],
    });
  }
  // pandas to_csv(): empty first header cell, index column, NaN as empty cell, inf as 'inf'; CRLF (Windows)
  {
    const c = classifier(10, 16);
    const vloss = c.val_loss.map((v, i) => (i === 2 ? NaN : i === 7 ? Infinity : v));
    const rows = [',loss,accuracy,val_loss,val_accuracy'];
    for (let i = 0; i < 10; i++) {
      rows.push(
        [
          String(i),
          pyRepr(c.loss[i]),
          pyRepr(c.acc[i]),
          Number.isNaN(vloss[i]) ? '' : pyRepr(vloss[i]),
          pyRepr(c.val_acc[i]),
        ].join(','),
      );
    }
    formats('history-pandas-index.csv', rows.join('\r\n') + '\r\n', {
      about:
        'pd.DataFrame(history.history).to_csv() on Windows: empty first header cell, index 0..n-1, empty NaN cell, inf, CRLF',
      format: 'keras-history-json',
      runs: 1,
      keys: ['accuracy', 'loss', 'val_accuracy', 'val_loss'],
      points: [
        [0, 'loss', 1, c.loss[0]],
        [0, 'loss', 10, c.loss[9]],
        [0, 'val_loss', 8, 'Infinity'],
        [0, 'val_loss', 4, vloss[3]],
      ],
      lengths: [[0, 'val_loss', 9]],
    });
  }
  // pandas to_csv(index=False)
  {
    const c = classifier(7, 17);
    const rows = ['loss,accuracy,val_loss,val_accuracy'];
    for (let i = 0; i < 7; i++) rows.push([c.loss[i], c.acc[i], c.val_loss[i], c.val_acc[i]].map(pyRepr).join(','));
    formats('history-pandas-noindex.csv', rows.join('\n') + '\n', {
      about: 'pd.DataFrame(history.history).to_csv(index=False): no epoch column, rows numbered 1..n',
      format: 'keras-history-json',
      runs: 1,
      keys: ['accuracy', 'loss', 'val_accuracy', 'val_loss'],
      points: [
        [0, 'loss', 1, c.loss[0]],
        [0, 'val_accuracy', 7, c.val_acc[6]],
      ],
    });
  }
  // validation_freq=2: val lists half as long; their values belong to epochs 2, 4, ...
  {
    const c = classifier(10, 18);
    const vl = c.val_loss.filter((_, i) => i % 2 === 1);
    const va = c.val_acc.filter((_, i) => i % 2 === 1);
    const text = JSON.stringify({ loss: c.loss, accuracy: c.acc, val_loss: vl, val_accuracy: va });
    formats('history-validation-freq.json', text, {
      about: 'fit(validation_freq=2): val_* lists have 5 entries for 10 epochs',
      format: 'keras-history-json',
      runs: 1,
      keys: ['accuracy', 'loss', 'val_accuracy', 'val_loss'],
      points: [
        [0, 'val_loss', 2, vl[0]],
        [0, 'val_loss', 4, vl[1]],
        [0, 'val_loss', 10, vl[4]],
        [0, 'loss', 1, c.loss[0]],
        [0, 'loss', 10, c.loss[9]],
      ],
      lengths: [
        [0, 'loss', 10],
        [0, 'val_loss', 5],
      ],
      warnings: ['validation_freq'],
    });
  }
}

// =============================================================================================
// 2. Keras CSVLogger
// =============================================================================================
function csvRows(header: string[], rows: string[][], sep: string, eol: string): string {
  return [header.join(sep), ...rows.map((r) => r.join(sep))].map((l) => l + eol).join('');
}
function csvLoggerFixtures(): void {
  // tf.keras 2.x default: comma, \r\n, long values
  const c = classifier(15, 21);
  const header = ['epoch', 'accuracy', 'loss', 'val_accuracy', 'val_loss'];
  const longRows = (cc: Curves, n: number, start = 0) =>
    Array.from({ length: n }, (_, i) => [
      String(i + start),
      pyRepr(f32long(cc.acc[i])),
      pyRepr(f32long(cc.loss[i])),
      pyRepr(f32long(cc.val_acc[i])),
      pyRepr(f32long(cc.val_loss[i])),
    ]);
  formats('csvlogger-comma.csv', csvRows(header, longRows(c, 15), ',', '\r\n'), {
    about: 'tf.keras CSVLogger: epoch first then sorted keys, 0-based epochs, \\r\\n',
    format: 'keras-csv',
    runs: 1,
    keys: ['accuracy', 'loss', 'val_accuracy', 'val_loss'],
    xAxis: 'epoch',
    points: [
      [0, 'loss', 1, f32long(c.loss[0])],
      [0, 'val_loss', 15, f32long(c.val_loss[14])],
    ],
    lengths: [[0, 'loss', 15]],
    noWarnings: ['multiple_runs', 'skipped_rows'],
  });
  // Keras 2.3.1 separator=';': short float32 training values, long val values in the same row
  {
    const cc = classifier(8, 22);
    const rows = Array.from({ length: 8 }, (_, i) => [
      String(i),
      f32str(cc.acc[i]),
      f32str(cc.loss[i]),
      pyRepr(cc.val_acc[i]),
      pyRepr(cc.val_loss[i]),
    ]);
    formats('csvlogger-semicolon.csv', csvRows(header, rows, ';', '\r\n'), {
      about: "Keras 2.3.1 CSVLogger(separator=';'): short float32 and long val values mixed",
      format: 'keras-csv',
      runs: 1,
      keys: ['accuracy', 'loss', 'val_accuracy', 'val_loss'],
      points: [
        [0, 'loss', 1, back(f32str(cc.loss[0]))],
        [0, 'val_loss', 8, cc.val_loss[7]],
      ],
    });
  }
  // separator='\t'
  {
    const cc = classifier(6, 23);
    formats('csvlogger-tab.tsv', csvRows(header, longRows(cc, 6), '\t', '\r\n'), {
      about: "CSVLogger(separator='\\t')",
      format: 'keras-csv',
      runs: 1,
      keys: ['accuracy', 'loss', 'val_accuracy', 'val_loss'],
      points: [
        [0, 'accuracy', 1, f32long(cc.acc[0])],
        [0, 'val_loss', 6, f32long(cc.val_loss[5])],
      ],
    });
  }
  // Keras 3 on Windows: text-mode open turns \r\n into \r\r\n
  {
    const cc = classifier(9, 24);
    formats('csvlogger-crcrlf.csv', csvRows(header, longRows(cc, 9), ',', '\r\r\n'), {
      about: 'Keras 3 CSVLogger on Windows: every line ends \\r\\r\\n',
      format: 'keras-csv',
      runs: 1,
      keys: ['accuracy', 'loss', 'val_accuracy', 'val_loss'],
      points: [
        [0, 'loss', 1, f32long(cc.loss[0])],
        [0, 'val_loss', 9, f32long(cc.val_loss[8])],
      ],
      lengths: [[0, 'val_loss', 9]],
      noWarnings: ['skipped_rows'],
    });
  }
  // UTF-8 BOM (the file was re-saved by Excel / Notepad)
  {
    const cc = classifier(5, 25);
    const body = csvRows(header, longRows(cc, 5), ',', '\r\n');
    formats('csvlogger-bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)]), {
      about: 'CSVLogger file re-saved with a UTF-8 BOM',
      format: 'keras-csv',
      runs: 1,
      keys: ['accuracy', 'loss', 'val_accuracy', 'val_loss'],
      points: [[0, 'loss', 1, f32long(cc.loss[0])]],
    });
  }
  // nan / inf cells, and the NA row Keras 2.3.1 writes on the stop_training epoch (TerminateOnNaN)
  {
    const cc = classifier(8, 26);
    const rows = longRows(cc, 8);
    rows[5] = ['5', pyRepr(f32long(cc.acc[5])), pyRepr(f32long(cc.loss[5])), pyRepr(f32long(cc.val_acc[5])), 'inf'];
    rows[6] = ['6', '0.1', 'nan', '0.1', 'nan'];
    rows[7] = ['7', '0.1', 'nan', 'NA', 'NA'];
    formats('csvlogger-nan-inf-na.csv', csvRows(header, rows, ',', '\r\n'), {
      about: "loss turns nan, val_loss inf, then TerminateOnNaN's stop epoch with NA cells",
      format: 'keras-csv',
      runs: 1,
      keys: ['accuracy', 'loss', 'val_accuracy', 'val_loss'],
      points: [
        [0, 'val_loss', 6, 'Infinity'],
        [0, 'loss', 7, 'NaN'],
        [0, 'loss', 8, 'NaN'],
        [0, 'val_loss', 7, 'NaN'],
      ],
      lengths: [
        [0, 'loss', 8],
        [0, 'val_loss', 7], // NA is a missing cell, not a value
        [0, 'val_accuracy', 7],
      ],
    });
  }
  // append=True: a 4-epoch aborted run, then a resumed run restarting at epoch 0 with no second header
  {
    const a = classifier(4, 27);
    const b = classifier(12, 28);
    const rows = [...longRows(a, 4), ...longRows(b, 12)];
    formats('csvlogger-append-two-runs.csv', csvRows(header, rows, ',', '\r\n'), {
      about: 'CSVLogger(append=True): second run restarts at epoch 0, no second header',
      format: 'keras-csv',
      runs: 2,
      keys: ['accuracy', 'loss', 'val_accuracy', 'val_loss'],
      points: [
        [0, 'loss', 1, f32long(a.loss[0])],
        [0, 'loss', 4, f32long(a.loss[3])],
        [1, 'loss', 1, f32long(b.loss[0])],
        [1, 'val_loss', 12, f32long(b.val_loss[11])],
      ],
      lengths: [
        [0, 'loss', 4],
        [1, 'loss', 12],
      ],
      warnings: ['multiple_runs'],
    });
  }
  // Keras 2.2: 'acc' names
  {
    const cc = classifier(10, 29);
    const h = ['epoch', 'acc', 'loss', 'val_acc', 'val_loss'];
    const rows = Array.from({ length: 10 }, (_, i) => [
      String(i),
      f32str(cc.acc[i]),
      f32str(cc.loss[i]),
      pyRepr(cc.val_acc[i]),
      pyRepr(cc.val_loss[i]),
    ]);
    formats('csvlogger-keras22-acc.csv', csvRows(h, rows, ',', '\r\n'), {
      about: "Keras 2.2 CSVLogger: metrics=['accuracy'] logged as 'acc' / 'val_acc'",
      format: 'keras-csv',
      runs: 1,
      keys: ['accuracy', 'loss', 'val_accuracy', 'val_loss'],
      points: [
        [0, 'accuracy', 1, back(f32str(cc.acc[0]))],
        [0, 'val_accuracy', 10, cc.val_acc[9]],
      ],
    });
  }
  // tf.keras with ReduceLROnPlateau: 'lr' column, printed short (0.001) while others are long
  {
    const cc = classifier(12, 30);
    const lr = [0.001, 0.001, 0.001, 0.001, 0.001, 0.0002, 0.0002, 0.0002, 4e-5, 4e-5, 4e-5, 4e-5];
    const h = ['epoch', 'accuracy', 'loss', 'lr', 'val_accuracy', 'val_loss'];
    const rows = Array.from({ length: 12 }, (_, i) => [
      String(i),
      pyRepr(f32long(cc.acc[i])),
      pyRepr(f32long(cc.loss[i])),
      f32str(lr[i]),
      pyRepr(f32long(cc.val_acc[i])),
      pyRepr(f32long(cc.val_loss[i])),
    ]);
    formats('csvlogger-lr.csv', csvRows(h, rows, ',', '\r\n'), {
      about: "tf.keras CSVLogger with ReduceLROnPlateau: 'lr' column (0.001, 0.0002, 4e-05)",
      format: 'keras-csv',
      runs: 1,
      keys: ['accuracy', 'loss', 'lr', 'val_accuracy', 'val_loss'],
      points: [
        [0, 'lr', 1, 0.001],
        [0, 'lr', 6, 0.0002],
        [0, 'lr', 12, 4e-5],
      ],
    });
  }
  // Keras 3 with ReduceLROnPlateau: 'learning_rate' column with float32-widened digits
  {
    const cc = classifier(10, 31);
    const lr = [1e-3, 1e-3, 1e-3, 1e-3, 5e-4, 5e-4, 5e-4, 2.5e-4, 2.5e-4, 2.5e-4];
    const h = ['epoch', 'accuracy', 'learning_rate', 'loss', 'val_accuracy', 'val_loss'];
    const rows = Array.from({ length: 10 }, (_, i) => [
      String(i),
      pyRepr(f32long(cc.acc[i])),
      pyRepr(f32long(lr[i])),
      pyRepr(f32long(cc.loss[i])),
      pyRepr(f32long(cc.val_acc[i])),
      pyRepr(f32long(cc.val_loss[i])),
    ]);
    formats('csvlogger-learning-rate.csv', csvRows(h, rows, ',', '\r\n'), {
      about: "Keras 3 CSVLogger: 'learning_rate' (0.0010000000474974513)",
      format: 'keras-csv',
      runs: 1,
      keys: ['accuracy', 'loss', 'lr', 'val_accuracy', 'val_loss'],
      points: [
        [0, 'lr', 1, f32long(1e-3)],
        [0, 'lr', 10, f32long(2.5e-4)],
      ],
    });
  }
  // Keras 3 without validation: NA-filled val_* columns, including val_learning_rate
  {
    const cc = classifier(8, 32);
    const h = ['epoch', 'accuracy', 'learning_rate', 'loss', 'val_accuracy', 'val_learning_rate', 'val_loss'];
    const rows = Array.from({ length: 8 }, (_, i) => [
      String(i),
      pyRepr(f32long(cc.acc[i])),
      pyRepr(f32long(1e-3)),
      pyRepr(f32long(cc.loss[i])),
      'NA',
      'NA',
      'NA',
    ]);
    formats('csvlogger-keras3-no-val.csv', csvRows(h, rows, ',', '\r\n'), {
      about: 'Keras 3 CSVLogger, fit() without validation: val_* columns all NA',
      format: 'keras-csv',
      runs: 1,
      keys: ['accuracy', 'loss', 'lr'],
      points: [
        [0, 'loss', 1, f32long(cc.loss[0])],
        [0, 'loss', 8, f32long(cc.loss[7])],
      ],
    });
  }
}

// =============================================================================================
// 3. model.fit console output
// =============================================================================================
const TF_SUMMARY = `Model: "sequential"
_________________________________________________________________
 Layer (type)                Output Shape              Param #   
=================================================================
 flatten (Flatten)           (None, 784)               0         
                                                                 
 dense (Dense)               (None, 128)               100480    
                                                                 
 dropout (Dropout)           (None, 128)               0         
                                                                 
 dense_1 (Dense)             (None, 10)                1290      
                                                                 
=================================================================
Total params: 101,770
Trainable params: 101,770
Non-trainable params: 0
_________________________________________________________________
`;
const K3_SUMMARY = `Model: "sequential"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
│ flatten (Flatten)               │ (None, 784)            │             0 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ dense (Dense)                   │ (None, 128)            │       100,480 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ dense_1 (Dense)                 │ (None, 10)             │         1,290 │
└─────────────────────────────────┴────────────────────────┴───────────────┘
 Total params: 101,770 (397.54 KB)
 Trainable params: 101,770 (397.54 KB)
 Non-trainable params: 0 (0.00 B)
`;

/** Keras 2.x bar: [=====>....] of width 30. */
function k2bar(current: number, target: number): string {
  const width = 30;
  const progWidth = Math.floor((width * current) / target);
  let bar = '[';
  if (progWidth > 0) {
    bar += '='.repeat(progWidth - 1);
    bar += current < target ? '>' : '=';
  }
  bar += '.'.repeat(width - progWidth) + ']';
  const digits = String(target).length;
  return `${String(current).padStart(digits)}/${target} ${bar}`;
}
function pairs(vals: [string, number][], verbose2 = false): string {
  return vals.map(([k, v]) => ` - ${k}: ${kv(v, verbose2)}`).join('');
}

function consoleFixtures(): void {
  // --- Keras 2.3.1, verbose=1, stdout redirected (non-dynamic): blank line after Epoch i/N, one line per
  // update, sample counters, us/step, trailing padding
  {
    const n = 6;
    const c = classifier(n, 41);
    const out: string[] = ['Using TensorFlow backend.', 'Train on 800 samples, validate on 200 samples'];
    const finals: [string, number][][] = [];
    for (let e = 0; e < n; e++) {
      out.push(`Epoch ${e + 1}/${n}`);
      let prevWidth = 0;
      let text = '';
      for (const cur of [32, 256, 512, 768]) {
        const frac = cur / 800;
        const l = c.loss[e] + 0.05 * (1 - frac);
        const a = c.acc[e] - 0.03 * (1 - frac);
        const bar = k2bar(cur, 800);
        const info =
          ` - ETA: ${Math.max(0, Math.round(1 - frac))}s` +
          pairs([
            ['loss', l],
            ['accuracy', a],
          ]);
        let line = bar + info;
        if (prevWidth > line.length) line += ' '.repeat(prevWidth - line.length);
        prevWidth = bar.length + info.length;
        text += '\n' + line;
      }
      const fin: [string, number][] = [
        ['loss', c.loss[e]],
        ['accuracy', c.acc[e]],
        ['val_loss', c.val_loss[e]],
        ['val_accuracy', c.val_acc[e]],
      ];
      finals.push(fin);
      text += '\n' + k2bar(800, 800) + ` - 0s ${60 + e}us/step` + pairs(fin) + '\n';
      out.push(text.slice(0, -1)); // the text already starts with "\n" = the blank line
    }
    const file = out.join('\n') + '\n';
    formats('console-keras231-nontty.txt', file, {
      about: 'Keras 2.3.1 verbose=1 redirected to a file: blank line after Epoch i/N, sample counters, us/step',
      format: 'keras-stdout',
      runs: 1,
      keys: ['accuracy', 'loss', 'val_accuracy', 'val_loss'],
      points: [
        [0, 'loss', 1, back(kv(c.loss[0]))],
        [0, 'val_loss', 1, back(kv(c.val_loss[0]))],
        [0, 'val_accuracy', 6, back(kv(c.val_acc[5]))],
        [0, 'loss', 6, back(kv(c.loss[5]))],
      ],
      lengths: [
        [0, 'loss', 6],
        [0, 'val_loss', 6],
      ],
    });
  }
  // --- tf.keras 2.4 captured with `python train.py > log.txt` on Linux: \r and \b redraw noise, val and
  // '- lr:' appended to the final line, an old-style "Epoch 00005:" ReduceLROnPlateau line
  {
    const n = 8;
    const c = classifier(n, 42);
    const lr = [0.001, 0.001, 0.001, 0.001, 0.001, 0.0002, 0.0002, 0.0002];
    let file =
      '2023-05-01 10:00:00.123456: I tensorflow/core/platform/cpu_feature_guard.cc:142] This TensorFlow binary is optimized with oneAPI Deep Neural Network Library (oneDNN)\n';
    file += TF_SUMMARY;
    for (let e = 0; e < n; e++) {
      file += `Epoch ${e + 1}/${n}\n`;
      let prev = 0;
      const target = 25;
      for (const cur of [1, 5, 10, 15, 20, 25]) {
        const final = cur === target;
        let line = k2bar(cur, target);
        const frac = cur / target;
        let info: string;
        if (!final) {
          info =
            ` - ETA: ${Math.round(3 * (1 - frac))}s` +
            pairs([
              ['loss', c.loss[e] + 0.04 * (1 - frac)],
              ['accuracy', c.acc[e] - 0.02 * (1 - frac)],
            ]);
        } else {
          info =
            ` - 1s ${20 + e}ms/step` +
            pairs([
              ['loss', c.loss[e]],
              ['accuracy', c.acc[e]],
              ['val_loss', c.val_loss[e]],
              ['val_accuracy', c.val_acc[e]],
              ['lr', lr[e]],
            ]);
        }
        line += info;
        const width = line.length;
        if (prev > width) line += ' '.repeat(prev - width);
        file += '\b'.repeat(prev) + '\r' + line;
        prev = width;
      }
      file += '\n';
      if (e === 4) file += '\nEpoch 00005: ReduceLROnPlateau reducing learning rate to 0.00020000000949949026.\n';
    }
    file += `313/313 [==============================] - 0s 1ms/step - loss: ${kv(c.val_loss[n - 1])} - accuracy: ${kv(c.val_acc[n - 1])}\n`;
    file += `Test accuracy: ${c.val_acc[n - 1]}\n`;
    formats('console-tfkeras-capture.txt', file, {
      about:
        'tf.keras 2.4 stdout captured to a file: \\r and \\x08 redraw noise, val and lr on the final line, model.summary() and evaluate() around it',
      format: 'keras-stdout',
      runs: 1,
      keys: ['accuracy', 'loss', 'lr', 'val_accuracy', 'val_loss'],
      points: [
        [0, 'loss', 1, back(kv(c.loss[0]))],
        [0, 'lr', 5, 0.001],
        [0, 'lr', 6, 0.0002],
        [0, 'val_loss', 8, back(kv(c.val_loss[7]))],
        [0, 'accuracy', 8, back(kv(c.acc[7]))],
      ],
      lengths: [
        [0, 'loss', 8],
        [0, 'val_loss', 8],
      ],
    });
  }
  // --- tf.keras 2.12, verbose=2 (or 'auto' in a non-interactive job): '- 345ms/epoch - 14ms/step',
  // new-style callback lines, EarlyStopping after 12 of 30 epochs
  {
    const n = 12;
    const c = classifier(n, 43);
    let file = TF_SUMMARY;
    for (let e = 0; e < n; e++) {
      file += `Epoch ${e + 1}/30\n`;
      const ms = 300 + ((e * 37) % 90);
      file +=
        `25/25 - 0s` +
        pairs(
          [
            ['loss', c.loss[e]],
            ['accuracy', c.acc[e]],
            ['val_loss', c.val_loss[e]],
            ['val_accuracy', c.val_acc[e]],
          ],
          true,
        ) +
        ` - ${ms}ms/epoch - ${Math.round(ms / 25)}ms/step\n`;
      if (e === 0)
        file += 'Epoch 1: val_loss improved from inf to ' + c.val_loss[0].toFixed(5) + ', saving model to best.h5\n';
    }
    file += 'Epoch 12: early stopping\n';
    formats('console-tfkeras-verbose2.txt', file, {
      about: "tf.keras >= 2.7 verbose=2: '25/25 - 0s - loss: ... - 345ms/epoch - 14ms/step', EarlyStopping at 12/30",
      format: 'keras-stdout',
      runs: 1,
      keys: ['accuracy', 'loss', 'val_accuracy', 'val_loss'],
      points: [
        [0, 'loss', 1, back(kv(c.loss[0], true))],
        [0, 'val_accuracy', 12, back(kv(c.val_acc[11], true))],
      ],
      lengths: [[0, 'loss', 12]],
      warnings: ['stopped_early'],
    });
  }
  // --- Keras 3, verbose=1 in a terminal/file: ANSI colours, ━ bars, alphabetical keys, learning_rate,
  // ReduceLROnPlateau and EarlyStopping lines
  {
    const n = 12;
    const c = classifier(n, 44);
    const lr = [0.001, 0.001, 0.001, 0.001, 0.001, 0.0002, 0.0002, 0.0002, 0.0002, 4e-5, 4e-5, 4e-5];
    let file = K3_SUMMARY;
    const target = 25;
    for (let e = 0; e < n; e++) {
      file += `Epoch ${e + 1}/50\n`;
      let prev = 0;
      let line = '';
      for (const cur of [1, 8, 16, 25]) {
        const final = cur === target;
        const progWidth = Math.floor((20 * cur) / target);
        let bar = `\x1b[1m${String(cur).padStart(2)}/${target}\x1b[0m `;
        let special = 8;
        if (progWidth > 0) {
          bar += '\x1b[32m' + '━'.repeat(progWidth) + '\x1b[0m';
          special += 9;
        }
        bar += '\x1b[37m' + '━'.repeat(20 - progWidth) + '\x1b[0m';
        special += 9;
        let info: string;
        if (!final) {
          info =
            ` \x1b[1m${Math.round(2 * (1 - cur / target))}s\x1b[0m 21ms/step` +
            pairs([
              ['accuracy', c.acc[e] - 0.02],
              ['loss', c.loss[e] + 0.03],
            ]);
        } else {
          special += 8;
          info =
            ` \x1b[1m1s\x1b[0m 22ms/step` +
            pairs([
              ['accuracy', c.acc[e]],
              ['learning_rate', lr[e]],
              ['loss', c.loss[e]],
              ['val_accuracy', c.val_acc[e]],
              ['val_loss', c.val_loss[e]],
            ]);
        }
        const width = bar.length + info.length - special;
        if (prev > width) info += ' '.repeat(prev - width);
        if (final) info += '\n';
        line += '\b'.repeat(prev) + '\r' + bar + info;
        prev = width;
      }
      file += line;
      if (e === 4) file += '\nEpoch 5: ReduceLROnPlateau reducing learning rate to 0.00020000000949949026.\n';
      if (e === 8) file += '\nEpoch 9: ReduceLROnPlateau reducing learning rate to 4.0000001899898055e-05.\n';
    }
    file += 'Epoch 12: early stopping\nRestoring model weights from the end of the best epoch: 9.\n';
    formats('console-keras3-ansi.txt', file, {
      about:
        'Keras 3 verbose=1 captured raw: ANSI colours, ━ bars, \\r/\\b redraws, learning_rate, callback lines, early stopping at 12/50',
      format: 'keras-stdout',
      runs: 1,
      keys: ['accuracy', 'loss', 'lr', 'val_accuracy', 'val_loss'],
      points: [
        [0, 'loss', 1, back(kv(c.loss[0]))],
        [0, 'lr', 10, back(kv(4e-5))],
        [0, 'lr', 1, 0.001],
        [0, 'val_loss', 12, back(kv(c.val_loss[11]))],
      ],
      lengths: [
        [0, 'loss', 12],
        [0, 'val_accuracy', 12],
      ],
      warnings: ['stopped_early'],
    });
  }
  // --- Keras 3 verbose=2, with the summary, callback lines and some prints mixed in
  {
    const n = 10;
    const c = classifier(n, 45);
    let file =
      'Loading data...\nx_train shape: (60000, 28, 28)\n60000 train samples\n10000 test samples\n' + K3_SUMMARY;
    for (let e = 0; e < n; e++) {
      file += `Epoch ${e + 1}/${n}\n`;
      file +=
        `469/469 - ${2 + (e % 2)}s - ${4 + (e % 3)}ms/step` +
        pairs(
          [
            ['accuracy', c.acc[e]],
            ['loss', c.loss[e]],
            ['val_accuracy', c.val_acc[e]],
            ['val_loss', c.val_loss[e]],
          ],
          true,
        ) +
        '\n';
      if (e === 2)
        file += `\nEpoch 3: val_loss improved from ${c.val_loss[1].toFixed(5)} to ${c.val_loss[2].toFixed(5)}, saving model to model.keras\n`;
    }
    file += `Test loss: ${c.val_loss[n - 1]}\nTest accuracy: ${c.val_acc[n - 1]}\n`;
    formats('console-keras3-verbose2.txt', file, {
      about: "Keras 3 verbose=2: '469/469 - 2s - 4ms/step - accuracy: ...', prints and a checkpoint line mixed in",
      format: 'keras-stdout',
      runs: 1,
      keys: ['accuracy', 'loss', 'val_accuracy', 'val_loss'],
      points: [
        [0, 'accuracy', 1, back(kv(c.acc[0], true))],
        [0, 'val_loss', 10, back(kv(c.val_loss[9], true))],
      ],
      lengths: [[0, 'loss', 10]],
      noWarnings: ['stopped_early'],
    });
  }
  // --- Keras 3 output copied from a notebook (no escapes, bars kept), epochs=1 per call? no: one fit()
  {
    const n = 7;
    const c = classifier(n, 46);
    let file = '';
    for (let e = 0; e < n; e++) {
      file += `Epoch ${e + 1}/${n}\n`;
      file +=
        `25/25 ━━━━━━━━━━━━━━━━━━━━ 1s 20ms/step` +
        pairs([
          ['accuracy', c.acc[e]],
          ['loss', c.loss[e]],
          ['val_accuracy', c.val_acc[e]],
          ['val_loss', c.val_loss[e]],
        ]) +
        '\n';
    }
    formats('console-keras3-notebook.txt', file, {
      about: 'Keras 3 output copied from a notebook cell: ━ bars without escapes',
      format: 'keras-stdout',
      runs: 1,
      keys: ['accuracy', 'loss', 'val_accuracy', 'val_loss'],
      points: [
        [0, 'loss', 1, back(kv(c.loss[0]))],
        [0, 'val_accuracy', 7, back(kv(c.val_acc[6]))],
      ],
    });
  }
}

// =============================================================================================
// 4. other frameworks
// =============================================================================================
function otherFixtures(): void {
  // --- Lightning 2.2+ metrics.csv: sorted columns, sparse rows, _step/_epoch fork, lr-Adam rows
  {
    const n = 5;
    const g = gaussian(mulberry32(51));
    const header = ['epoch', 'lr-Adam', 'step', 'train_loss_epoch', 'train_loss_step', 'val_acc', 'val_loss'];
    const lines = [header.join(',')];
    const epochLoss: number[] = [];
    const valLoss: number[] = [];
    const valAcc: number[] = [];
    for (let e = 0; e < n; e++) {
      const lr = e < 3 ? 0.001 : 0.0001;
      for (const s of [49, 99, 149, 199]) {
        const step = e * 200 + s;
        const l = 0.3 + 0.6 * Math.exp(-step / 300) + 0.02 * g();
        lines.push([String(e), pyRepr(lr), String(step), '', '', '', ''].join(','));
        lines.push([String(e), '', String(step), '', pyRepr(l), '', ''].join(','));
      }
      const last = e * 200 + 199;
      const vl = 0.33 + 0.55 * Math.exp(-last / 300) + 0.01 * g();
      const va = 0.9 - 0.4 * Math.exp(-last / 300) + 0.01 * g();
      const el = 0.3 + 0.6 * Math.exp(-(e * 200 + 100) / 300);
      valLoss.push(vl);
      valAcc.push(va);
      epochLoss.push(el);
      lines.push([String(e), '', String(last), '', '', pyRepr(va), pyRepr(vl)].join(','));
      lines.push([String(e), '', String(last), pyRepr(el), '', '', ''].join(','));
    }
    formats('lightning-metrics.csv', lines.join('\n') + '\n', {
      about:
        'PyTorch Lightning 2.2+ CSVLogger metrics.csv: sorted columns, sparse rows, train_loss_step/_epoch, lr-Adam',
      format: 'lightning-csv',
      runs: 1,
      keys: ['loss', 'loss_step', 'lr', 'val_accuracy', 'val_loss'],
      xAxis: 'epoch',
      points: [
        [0, 'val_loss', 1, valLoss[0]],
        [0, 'val_loss', 5, valLoss[4]],
        [0, 'loss', 1, epochLoss[0]],
        [0, 'val_accuracy', 3, valAcc[2]],
      ],
      lengths: [
        [0, 'val_loss', 5],
        [0, 'loss', 5],
        [0, 'loss_step', 20],
      ],
    });
  }
  // --- Lightning 1.x metrics.csv (first-seen column order, 'default' logger), per-epoch val only
  {
    const n = 6;
    const c = classifier(n, 52);
    const header = ['train_loss', 'epoch', 'step', 'val_loss', 'val_acc'];
    const lines = [header.join(',')];
    for (let e = 0; e < n; e++) {
      lines.push([pyRepr(c.loss[e] + 0.05), String(e), String(e * 100 + 49), '', ''].join(','));
      lines.push([pyRepr(c.loss[e]), String(e), String(e * 100 + 99), '', ''].join(','));
      lines.push(['', String(e), String(e * 100 + 99), pyRepr(c.val_loss[e]), pyRepr(c.val_acc[e])].join(','));
    }
    formats('lightning-metrics-v1.csv', lines.join('\n') + '\n', {
      about: 'Lightning 1.x metrics.csv: first-seen column order, train_loss every 50 steps, val once per epoch',
      format: 'lightning-csv',
      runs: 1,
      keys: ['loss', 'val_accuracy', 'val_loss'],
      xAxis: 'epoch',
      points: [
        [0, 'val_loss', 1, c.val_loss[0]],
        [0, 'val_loss', 6, c.val_loss[5]],
        [0, 'loss', 6, c.loss[5]],
      ],
      lengths: [
        [0, 'val_loss', 6],
        [0, 'loss', 12],
      ],
    });
  }
  // --- Hugging Face trainer_state.json: sort_keys, indent=2, NaN grad_norm, eval entries, final summary
  {
    const g = gaussian(mulberry32(53));
    const log: Record<string, number>[] = [];
    const stepsPerEpoch = 100;
    const epochs = 3;
    const evalLoss: number[] = [];
    const trainLoss: { step: number; loss: number }[] = [];
    for (let step = 25; step <= stepsPerEpoch * epochs; step += 25) {
      const loss = Math.round((0.35 + 0.4 * Math.exp(-step / 120) + 0.02 * g()) * 1e4) / 1e4;
      trainLoss.push({ step, loss });
      log.push({
        epoch: step / stepsPerEpoch,
        grad_norm: step === 75 || step === 150 ? NaN : Math.abs(2 + g()),
        learning_rate: 5e-5 * (1 - step / (stepsPerEpoch * epochs)),
        loss,
        step,
      });
      if (step % stepsPerEpoch === 0) {
        const el = 0.4 + 0.35 * Math.exp(-step / 120) + 0.01 * g();
        evalLoss.push(el);
        log.push({
          epoch: step / stepsPerEpoch,
          eval_accuracy: Math.round((0.78 + 0.03 * (step / 100)) * 1e4) / 1e4,
          eval_loss: el,
          eval_runtime: 12.3456,
          eval_samples_per_second: 81.0,
          eval_steps_per_second: 10.125,
          step,
        });
      }
    }
    log.push({
      epoch: 3.0,
      step: 300,
      total_flos: 1234567890123456.0,
      train_loss: 0.4567,
      train_runtime: 345.6789,
      train_samples_per_second: 27.77,
      train_steps_per_second: 0.868,
    });
    const entry = (o: Record<string, number>) =>
      '    {\n' +
      Object.keys(o)
        .sort()
        .map((k) => `      "${k}": ${k === 'step' ? String(o[k]) : pyJson(o[k])}`)
        .join(',\n') +
      '\n    }';
    const text =
      '{\n' +
      [
        '  "best_metric": ' + pyJson(Math.min(...evalLoss)),
        '  "best_model_checkpoint": "out/checkpoint-300"',
        '  "epoch": 3.0',
        '  "eval_steps": 500',
        '  "global_step": 300',
        '  "is_hyper_param_search": false',
        '  "is_local_process_zero": true',
        '  "is_world_process_zero": true',
        '  "log_history": [\n' + log.map(entry).join(',\n') + '\n  ]',
        '  "logging_steps": 25',
        '  "max_steps": 300',
        '  "num_input_tokens_seen": 0',
        '  "num_train_epochs": 3',
        '  "save_steps": 500',
        '  "total_flos": 1234567890123456.0',
        '  "train_batch_size": 8',
        '  "trial_name": null',
        '  "trial_params": null',
      ].join(',\n') +
      '\n}';
    formats('hf-trainer_state.json', text, {
      about:
        'Hugging Face trainer_state.json: sort_keys, train entries every 25 steps with NaN grad_norm, eval_* each epoch, final summary',
      format: 'hf-trainer-state',
      runs: 1,
      keys: ['loss', 'lr', 'val_accuracy', 'val_loss'],
      xAxis: 'epoch',
      points: [
        [0, 'loss', 0.25, trainLoss[0].loss],
        [0, 'loss', 3, trainLoss[trainLoss.length - 1].loss],
        [0, 'val_loss', 1, evalLoss[0]],
        [0, 'val_loss', 3, evalLoss[2]],
      ],
      lengths: [
        [0, 'loss', 12],
        [0, 'val_loss', 3],
      ],
    });
  }
  // --- fastai history.csv: append=True repeats the header per fit(); None; a short (cancelled) row
  {
    const c1 = classifier(3, 54);
    const c2 = classifier(5, 55);
    const lines = ['epoch,train_loss,valid_loss,accuracy,time'];
    for (let e = 0; e < 3; e++)
      lines.push(
        [
          String(e),
          pyRepr(c1.loss[e] + 0.2),
          pyRepr(c1.val_loss[e] + 0.2),
          pyRepr(c1.val_acc[e] - 0.1),
          `00:0${5 + e}`,
        ].join(','),
      );
    lines.push('epoch,train_loss,valid_loss,accuracy,time');
    for (let e = 0; e < 5; e++) {
      const vl = e === 2 ? 'None' : pyRepr(c2.val_loss[e]);
      const va = e === 2 ? 'None' : pyRepr(c2.val_acc[e]);
      lines.push([String(e), pyRepr(c2.loss[e]), vl, va, `00:1${e}`].join(','));
    }
    lines.push(`5,${pyRepr(c2.loss[4] - 0.01)}`);
    formats('fastai-history.csv', lines.join('\n') + '\n', {
      about: 'fastai CSVLogger(append=True): header repeated at each fit(), None cells, a cancelled short row',
      format: 'fastai-csv',
      runs: 2,
      // the accuracy column's key and the short row are asserted in formats.test.ts 'fastai semantics'
      keysInclude: ['loss', 'val_loss'],
      xAxis: 'epoch',
      points: [
        [0, 'loss', 1, c1.loss[0] + 0.2],
        [1, 'loss', 1, c2.loss[0]],
        [1, 'val_loss', 2, c2.val_loss[1]],
        [1, 'val_loss', 4, c2.val_loss[3]],
      ],
      lengths: [[1, 'val_loss', 4]],
      warnings: ['multiple_runs'],
    });
  }
  // --- Hugging Face Trainer console: tqdm redraws and the printed log dicts (nan grad_norm under fp16)
  {
    const g = gaussian(mulberry32(58));
    let out =
      '***** Running training *****\n  Num examples = 2,400\n  Num Epochs = 3\n  Total optimization steps = 900\n';
    const losses: number[] = [];
    const evals: number[] = [];
    for (let i = 1; i <= 9; i++) {
      const ep = Math.round((i / 3) * 100) / 100;
      const loss = Math.round((0.35 + 0.4 * Math.exp(-i / 3) + 0.01 * g()) * 1e4) / 1e4;
      losses.push(loss);
      out += `\r ${String(Math.round((i * 100) / 9)).padStart(3)}%|${'█'.repeat(i)}${' '.repeat(9 - i)}| ${i * 100}/900 [0${i}:00<0${9 - i}:00,  1.66it/s]`;
      out += `{'loss': ${pyRepr(loss)}, 'grad_norm': ${i === 4 ? 'nan' : pyRepr(Math.round((1.5 + 0.3 * g()) * 1e4) / 1e4)}, 'learning_rate': ${pyRepr(5e-5 * (1 - i / 9))}, 'epoch': ${pyRepr(ep)}}\n`;
      if (i % 3 === 0) {
        const el = Math.round((0.4 + 0.35 * Math.exp(-i / 3) + 0.01 * g()) * 1e4) / 1e4;
        evals.push(el);
        out += `{'eval_loss': ${pyRepr(el)}, 'eval_accuracy': ${pyRepr(0.8 + 0.02 * (i / 3))}, 'eval_runtime': 12.3456, 'eval_samples_per_second': 81.0, 'eval_steps_per_second': 10.125, 'epoch': ${pyRepr(i / 3)}}\n`;
      }
    }
    out +=
      "{'train_runtime': 545.6789, 'train_samples_per_second': 13.2, 'train_steps_per_second': 1.65, 'train_loss': 0.4567, 'epoch': 3.0}\n";
    out += 'TrainOutput(global_step=900, training_loss=0.4567, metrics={...})\n';
    formats('hf-console.txt', out, {
      about:
        "Hugging Face Trainer console: tqdm \\r redraws, printed log dicts {'loss': ..., 'epoch': 0.33}, eval dicts, nan grad_norm",
      format: 'hf-trainer-state',
      runs: 1,
      keys: ['loss', 'lr', 'val_accuracy', 'val_loss'],
      xAxis: 'epoch',
      points: [
        [0, 'loss', 0.33, losses[0]],
        [0, 'loss', 3, losses[8]],
        [0, 'val_loss', 1, evals[0]],
        [0, 'val_loss', 3, evals[2]],
      ],
      lengths: [
        [0, 'loss', 9],
        [0, 'val_loss', 3],
      ],
    });
  }
  // --- tf.keras 2.1 output copied from a notebook: "Train on N samples", sample counters, us/sample
  {
    const n = 5;
    const c = classifier(n, 59);
    let out = 'Train on 60000 samples, validate on 10000 samples\n';
    for (let e = 0; e < n; e++) {
      out +=
        `Epoch ${e + 1}/${n}\n60000/60000 [==============================] - 5s ${80 + e}us/sample` +
        pairs([
          ['loss', c.loss[e]],
          ['accuracy', c.acc[e]],
          ['val_loss', c.val_loss[e]],
          ['val_accuracy', c.val_acc[e]],
        ]) +
        '\n';
    }
    formats('console-tfkeras21-samples.txt', out, {
      about: "tf.keras 2.1 copied from a notebook: 'Train on 60000 samples', '80us/sample'",
      format: 'keras-stdout',
      runs: 1,
      keys: ['accuracy', 'loss', 'val_accuracy', 'val_loss'],
      points: [
        [0, 'loss', 1, back(kv(c.loss[0]))],
        [0, 'val_accuracy', 5, back(kv(c.val_acc[4]))],
      ],
    });
  }
  // --- CSVLogger with an array-valued metric (per-class F1): the cell is written \"\"\"[0.81, 0.77]\"\"\"
  {
    const cc = classifier(6, 60);
    const h = ['epoch', 'accuracy', 'f1_score', 'loss', 'val_accuracy', 'val_f1_score', 'val_loss'];
    const arr = (a: number) => `"""[${pyRepr(f32long(a))}, ${pyRepr(f32long(a - 0.04))}]"""`;
    const rows = Array.from({ length: 6 }, (_, i) => [
      String(i),
      pyRepr(f32long(cc.acc[i])),
      arr(cc.acc[i]),
      pyRepr(f32long(cc.loss[i])),
      pyRepr(f32long(cc.val_acc[i])),
      arr(cc.val_acc[i]),
      pyRepr(f32long(cc.val_loss[i])),
    ]);
    formats('csvlogger-array-cell.csv', csvRows(h, rows, ',', '\r\n'), {
      about:
        'CSVLogger with F1Score(average=None): per-class arrays quoted as """[0.81, 0.77]""" (not a scalar series)',
      format: 'keras-csv',
      runs: 1,
      keysInclude: ['accuracy', 'loss', 'val_accuracy', 'val_loss'],
      points: [
        [0, 'loss', 1, f32long(cc.loss[0])],
        [0, 'val_loss', 6, f32long(cc.val_loss[5])],
      ],
      lengths: [[0, 'loss', 6]],
      noWarnings: ['skipped_rows'],
    });
  }
  // --- Ultralytics YOLOv8 results.csv (8.0.x): every header and cell right-aligned with spaces
  {
    const n = 8;
    const g = gaussian(mulberry32(61));
    const names = [
      'epoch',
      'train/box_loss',
      'train/cls_loss',
      'train/dfl_loss',
      'metrics/precision(B)',
      'metrics/recall(B)',
      'metrics/mAP50(B)',
      'metrics/mAP50-95(B)',
      'val/box_loss',
      'val/cls_loss',
      'val/dfl_loss',
      'lr/pg0',
      'lr/pg1',
      'lr/pg2',
    ];
    const r5 = (v: number) => String(Math.round(v * 1e5) / 1e5);
    const rows: string[][] = [];
    for (let e = 0; e < n; e++) {
      const d = Math.exp(-e / 3);
      rows.push([
        String(e),
        r5(1.2 + 0.6 * d + 0.01 * g()),
        r5(1.0 + 2.2 * d + 0.01 * g()),
        r5(1.3 + 0.8 * d + 0.01 * g()),
        r5(0.7 - 0.5 * d),
        r5(0.6 - 0.4 * d),
        r5(0.65 - 0.5 * d),
        r5(0.4 - 0.35 * d),
        r5(1.4 + 0.9 * d + 0.01 * g()),
        r5(1.2 + 1.6 * d + 0.01 * g()),
        r5(1.5 + 1.8 * d + 0.01 * g()),
        r5(0.00333 * (1 - e / n)),
        r5(0.00333 * (1 - e / n)),
        r5(0.0703 - 0.06 * (e / n)),
      ]);
    }
    const pad = (cells: string[]) => cells.map((c, i) => c.padStart(i === 0 ? 23 : 24)).join(',');
    const text = [pad(names), ...rows.map(pad)].join('\n') + '\n';
    const sum = (r: string[], a: number, b: number, c: number) => +r[a] + +r[b] + +r[c];
    formats('ultralytics-results.csv', text, {
      about:
        'Ultralytics YOLOv8 results.csv: space-padded cells, train/val box/cls/dfl losses (total loss derived), metrics/*(B), lr/pg0..2',
      format: 'ultralytics-csv',
      runs: 1,
      keysInclude: [
        'box_loss',
        'cls_loss',
        'dfl_loss',
        'val_box_loss',
        'val_cls_loss',
        'val_dfl_loss',
        'val_precision',
        'val_recall',
        'loss',
        'val_loss',
        'lr',
      ],
      xAxis: 'epoch',
      points: [
        [0, 'box_loss', 1, +rows[0][1]],
        [0, 'val_dfl_loss', 8, +rows[7][10]],
        [0, 'loss', 1, sum(rows[0], 1, 2, 3)],
        [0, 'val_loss', 8, sum(rows[7], 8, 9, 10)],
      ],
      lengths: [[0, 'loss', 8]],
    });
  }
  // --- a hand-written PyTorch loop logging through Python logging
  {
    const n = 15;
    const c = classifier(n, 62);
    const lines = [
      '2023-05-15 22:50:12,001 INFO:Loading dataset (12000 windows)',
      '2023-05-15 22:50:13,114 INFO:Model has 1.2M parameters',
    ];
    for (let e = 0; e < n; e++)
      lines.push(
        `2023-05-15 22:50:${String(17 + e * 4).padStart(2, '0')},398 INFO:Epoch ${e + 1}: Train Loss=${c.loss[e].toFixed(4)}, Val Loss=${c.val_loss[e].toFixed(4)}`,
      );
    lines.push('2023-05-15 22:51:20,011 INFO:Saved best model (epoch 15)');
    formats('text-python-logging.log', lines.join('\n') + '\n', {
      about: "a custom loop's Python logging lines: 'INFO:Epoch 3: Train Loss=0.0395, Val Loss=0.0432'",
      format: 'text',
      runs: 1,
      keys: ['loss', 'val_loss'],
      xAxis: 'epoch',
      points: [
        [0, 'loss', 1, +c.loss[0].toFixed(4)],
        [0, 'val_loss', 15, +c.val_loss[14].toFixed(4)],
      ],
      lengths: [[0, 'loss', 15]],
    });
  }
  // --- any other CSV: 1-based epochs, train_time bookkeeping, test_loss
  {
    const n = 10;
    const c = classifier(n, 63);
    const lines = ['epoch,train_time,train_loss,test_loss,test_acc'];
    for (let e = 0; e < n; e++)
      lines.push(
        [
          String(e + 1),
          (12.5 + e * 0.1).toFixed(2),
          pyRepr(c.loss[e]),
          pyRepr(c.val_loss[e]),
          pyRepr(c.val_acc[e]),
        ].join(','),
      );
    formats('csv-generic.csv', lines.join('\n') + '\n', {
      about:
        'a hand-made CSV: 1-based epoch column, train_time (not a metric), test_loss / test_acc (the held-out curve: no validation series beside them)',
      format: 'csv',
      runs: 1,
      keys: ['loss', 'val_accuracy', 'val_loss'],
      xAxis: 'epoch',
      points: [
        [0, 'loss', 1, c.loss[0]],
        [0, 'val_loss', 10, c.val_loss[9]],
      ],
    });
  }
  // --- TensorBoard "Download CSV": legacy file name run-<run>-tag-<tag>.csv, CRLF, nan
  {
    const n = 20;
    const c = classifier(n, 56);
    const vals = c.val_loss.map((v, i) => (i === 13 ? NaN : v));
    const lines = ['Wall time,Step,Value'];
    for (let e = 0; e < n; e++)
      lines.push([(1700000000.123456 + e * 31.5).toFixed(6), String(e), pyRepr(vals[e])].join(','));
    formats('run-validation-tag-epoch_loss.csv', lines.join('\r\n') + '\r\n', {
      about: 'TensorBoard scalar "Download CSV" (Wall time,Step,Value) for run=validation tag=epoch_loss',
      fileName: 'run-validation-tag-epoch_loss.csv',
      format: 'tensorboard-csv',
      runs: 1,
      keys: ['val_loss'],
      xAxis: 'step',
      points: [
        [0, 'val_loss', 0, vals[0]],
        [0, 'val_loss', 13, 'NaN'],
        [0, 'val_loss', 19, vals[19]],
      ],
      lengths: [[0, 'val_loss', 20]],
      noWarnings: ['unnamed_series'],
    });
    // the same export saved by the Time Series dialog as <run>.csv: one unnamed scalar
    formats('train.csv', lines.join('\r\n') + '\r\n', {
      about: 'TensorBoard Time Series export named <run>.csv: the tag is unknown',
      fileName: 'train.csv',
      format: 'tensorboard-csv',
      runs: 1,
      keys: ['loss'],
      xAxis: 'step',
      points: [[0, 'loss', 0, vals[0]]],
      warnings: ['unnamed_series'],
    });
  }
  // --- TensorBoard "Download JSON": [[wall, step, value]], NaN as the string "NaN", downsampled step gaps
  {
    const g = gaussian(mulberry32(57));
    const rows: [number, number, number][] = [];
    for (let i = 0; i < 40; i++) {
      const step = i * 250 + (i % 3) * 7;
      rows.push([1700000000.5 + i * 12.25, step, 0.3 + 0.6 * Math.exp(-step / 3000) + 0.02 * g()]);
    }
    rows[25][2] = NaN;
    const text =
      '[' + rows.map(([w, s, v]) => `[${pyRepr(w)}, ${s}, ${Number.isNaN(v) ? '"NaN"' : pyRepr(v)}]`).join(', ') + ']';
    formats('run-train-tag-batch_loss.json', text, {
      about: 'TensorBoard "Download JSON": [[wall, step, value]] with NaN as the string "NaN", downsampled steps',
      fileName: 'run-train-tag-batch_loss.json',
      format: 'tensorboard-json',
      runs: 1,
      keys: ['batch_loss'],
      xAxis: 'step',
      points: [
        [0, 'batch_loss', 0, rows[0][2]],
        [0, 'batch_loss', rows[25][1], 'NaN'],
        [0, 'batch_loss', rows[39][1], rows[39][2]],
      ],
      lengths: [[0, 'batch_loss', 40]],
    });
  }
}

// =============================================================================================
// 5. pattern fixtures: shapes an expert would label without hesitation
// =============================================================================================
interface PatternEntry {
  pattern: string;
  findings: string[];
  about: string;
}
const manifest: Record<string, PatternEntry> = {};
function pattern(name: string, data: string, entry: PatternEntry): void {
  write(join('patterns', name), data);
  manifest[name] = entry;
}
function kerasCsv(cols: Record<string, number[]>): string {
  const keys = Object.keys(cols).sort();
  const n = cols[keys[0]].length;
  const lines = [['epoch', ...keys].join(',')];
  for (let i = 0; i < n; i++) lines.push([String(i), ...keys.map((k) => pyRepr(f32long(cols[k][i])))].join(','));
  return lines.map((l) => l + '\r\n').join('');
}
function historyJson(cols: Record<string, number[]>): string {
  return `{${Object.entries(cols)
    .map(([k, v]) => `"${k}": [${v.map((x) => pyJson(x)).join(', ')}]`)
    .join(', ')}}`;
}
function kerasVerbose2(cols: Record<string, number[]>, total?: number): string {
  const keys = Object.keys(cols);
  const n = cols[keys[0]].length;
  let out = '';
  for (let i = 0; i < n; i++) {
    out += `Epoch ${i + 1}/${total ?? n}\n`;
    out += `50/50 - 1s - 12ms/step${keys.map((k) => ` - ${k}: ${kv(cols[k][i], true)}`).join('')}\n`;
  }
  return out;
}
function fastaiCsv(loss: number[], vloss: number[], metric: number[]): string {
  const lines = ['epoch,train_loss,valid_loss,accuracy,time'];
  for (let i = 0; i < loss.length; i++)
    lines.push(
      [
        String(i),
        pyRepr(loss[i]),
        pyRepr(vloss[i]),
        pyRepr(metric[i]),
        `00:${String(10 + (i % 40)).padStart(2, '0')}`,
      ].join(','),
    );
  return lines.join('\n') + '\n';
}

function patternFixtures(): void {
  // ---------------- good fit: both fall and flatten, small stable gap
  {
    const n = 30;
    const g = gaussian(mulberry32(61));
    const loss: number[] = [];
    const vloss: number[] = [];
    const acc: number[] = [];
    const vacc: number[] = [];
    for (let e = 0; e < n; e++) {
      const d = Math.exp(-e / 5);
      loss.push(0.2 + 0.7 * d + 0.004 * g());
      vloss.push(0.235 + 0.66 * d + 0.005 * g());
      acc.push(0.94 - 0.45 * d + 0.003 * g());
      vacc.push(0.925 - 0.43 * d + 0.004 * g());
    }
    pattern('good_fit-keras.csv', kerasCsv({ accuracy: acc, loss, val_accuracy: vacc, val_loss: vloss }), {
      pattern: 'good_fit',
      findings: [],
      about: '30 epochs: loss 0.90 -> 0.20, val 0.90 -> 0.235 (gap ~0.035, 17%), both flat over the last third',
    });
  }
  {
    const n = 25;
    const g = gaussian(mulberry32(62));
    const loss: number[] = [];
    const vloss: number[] = [];
    for (let e = 0; e < n; e++) {
      const d = Math.exp(-e / 4);
      loss.push(0.05 + 0.45 * d + 0.002 * g());
      vloss.push(0.058 + 0.44 * d + 0.002 * g());
    }
    pattern(
      'good_fit-history.json',
      historyJson({
        loss,
        mae: loss.map((v) => Math.sqrt(v) * 0.8),
        val_loss: vloss,
        val_mae: vloss.map((v) => Math.sqrt(v) * 0.8),
      }),
      {
        pattern: 'good_fit',
        findings: [],
        about: 'regression, 25 epochs: mse 0.50 -> 0.05, val 0.50 -> 0.058, both flatten',
      },
    );
  }
  // a short clean run: six epochs that fall and flatten together. The zoo calls short runs that more
  // epochs would still improve underfitting; the guide's good fit is the shape, whatever the length
  pattern(
    'good_fit-short-run-history.json',
    historyJson({ loss: [1.0, 0.5, 0.3, 0.25, 0.2, 0.19], val_loss: [1.1, 0.6, 0.35, 0.3, 0.28, 0.27] }),
    {
      pattern: 'good_fit',
      findings: [],
      about:
        '6 epochs: loss 1.0 -> 0.19, val 1.1 -> 0.27 alongside, both flattening (the last epoch improves them 5% and 4%)',
    },
  );
  {
    const n = 20;
    const g = gaussian(mulberry32(63));
    const loss: number[] = [];
    const vloss: number[] = [];
    const vacc: number[] = [];
    for (let e = 0; e < n; e++) {
      const d = Math.exp(-e / 3.5);
      loss.push(0.3 + 0.9 * d + 0.005 * g());
      vloss.push(0.33 + 0.85 * d + 0.006 * g());
      vacc.push(0.9 - 0.5 * d + 0.004 * g());
    }
    pattern('good_fit-fastai.csv', fastaiCsv(loss, vloss, vacc), {
      pattern: 'good_fit',
      findings: [],
      about: 'fastai, 20 epochs: both losses fall and flatten, val 10% above train',
    });
  }
  // ---------------- overfitting: val min at ~35% then rises steadily while train keeps falling
  {
    const n = 40;
    const g = gaussian(mulberry32(64));
    const loss: number[] = [];
    const vloss: number[] = [];
    const acc: number[] = [];
    const vacc: number[] = [];
    const best = 13;
    for (let e = 0; e < n; e++) {
      loss.push(0.05 + 0.85 * Math.exp(-e / 8) + 0.004 * g());
      const v = e <= best ? 0.42 + 0.5 * (1 - e / best) ** 2 : 0.42 + 0.012 * (e - best) + 0.00012 * (e - best) ** 2;
      vloss.push(v + 0.006 * g());
      acc.push(0.99 - 0.5 * Math.exp(-e / 8) + 0.003 * g());
      vacc.push((e <= best ? 0.86 - 0.35 * (1 - e / best) ** 2 : 0.86 - 0.0025 * (e - best)) + 0.004 * g());
    }
    pattern('overfitting-keras.csv', kerasCsv({ accuracy: acc, loss, val_accuracy: vacc, val_loss: vloss }), {
      pattern: 'overfitting',
      findings: [],
      about:
        '40 epochs: val_loss min 0.42 at epoch 14 (35%), then rises steadily to ~0.83 (+95%) while train 0.90 -> 0.06',
    });
  }
  {
    const n = 30;
    const g = gaussian(mulberry32(65));
    const loss: number[] = [];
    const vloss: number[] = [];
    const acc: number[] = [];
    const vacc: number[] = [];
    const best = 10;
    for (let e = 0; e < n; e++) {
      loss.push(0.1 + 1.3 * Math.exp(-e / 6) + 0.005 * g());
      const v = e <= best ? 0.6 + 0.75 * (1 - e / best) ** 2 : 0.6 + 0.022 * (e - best);
      vloss.push(v + 0.006 * g());
      acc.push(0.97 - 0.6 * Math.exp(-e / 6) + 0.003 * g());
      vacc.push((e <= best ? 0.79 - 0.4 * (1 - e / best) ** 2 : 0.79 - 0.002 * (e - best)) + 0.004 * g());
    }
    pattern(
      'overfitting-console.txt',
      TF_SUMMARY + kerasVerbose2({ loss, accuracy: acc, val_loss: vloss, val_accuracy: vacc }),
      {
        pattern: 'overfitting',
        findings: [],
        about:
          'tf.keras verbose=2, 30 epochs: val_loss min 0.60 at epoch 11 (~35%), then +73% to ~1.04; train 1.40 -> 0.11',
      },
    );
  }
  {
    // HF: eval every half epoch; eval_loss bottoms at epoch 2 of 6 then climbs; train loss keeps dropping
    const g = gaussian(mulberry32(66));
    const log: string[] = [];
    for (let step = 50; step <= 1200; step += 50) {
      const ep = step / 200;
      const loss = Math.round((0.02 + 0.7 * Math.exp(-ep / 1.2) + 0.005 * g()) * 1e4) / 1e4;
      log.push(
        `{"epoch": ${pyRepr(ep)}, "grad_norm": ${pyRepr(1.5 + 0.2 * g())}, "learning_rate": ${pyRepr(2e-5 * (1 - step / 1200))}, "loss": ${pyRepr(loss)}, "step": ${step}}`,
      );
      if (step % 100 === 0) {
        const v = ep <= 2 ? 0.35 + 0.25 * (1 - ep / 2) ** 2 : 0.35 + 0.07 * (ep - 2) + 0.005 * (ep - 2) ** 2;
        log.push(
          `{"epoch": ${pyRepr(ep)}, "eval_accuracy": ${pyRepr(0.88 - (ep > 2 ? 0.008 * (ep - 2) : 0.1 * (1 - ep / 2)))}, "eval_loss": ${pyRepr(v + 0.004 * g())}, "eval_runtime": 3.2, "eval_samples_per_second": 312.5, "eval_steps_per_second": 39.1, "step": ${step}}`,
        );
      }
    }
    const text = `{\n  "best_metric": null,\n  "epoch": 6.0,\n  "global_step": 1200,\n  "log_history": [\n    ${log.join(',\n    ')}\n  ],\n  "max_steps": 1200,\n  "num_train_epochs": 6\n}`;
    pattern('overfitting-trainer_state.json', text, {
      pattern: 'overfitting',
      findings: [],
      about:
        'HF Trainer, 6 epochs, eval every 0.5 epoch: eval_loss min 0.35 at epoch 2 (33%), rises to ~0.78 (+120%); train 0.7 -> 0.03',
    });
  }
  // ---------------- underfitting: barely improves, near chance, train ~ val
  {
    const n = 30;
    const g = gaussian(mulberry32(67));
    const loss: number[] = [];
    const vloss: number[] = [];
    const acc: number[] = [];
    const vacc: number[] = [];
    for (let e = 0; e < n; e++) {
      loss.push(2.302 - 0.04 * (1 - Math.exp(-e / 10)) + 0.003 * g());
      vloss.push(2.301 - 0.038 * (1 - Math.exp(-e / 10)) + 0.004 * g());
      acc.push(0.105 + 0.025 * (1 - Math.exp(-e / 10)) + 0.003 * g());
      vacc.push(0.104 + 0.024 * (1 - Math.exp(-e / 10)) + 0.004 * g());
    }
    pattern('underfitting-keras.csv', kerasCsv({ accuracy: acc, loss, val_accuracy: vacc, val_loss: vloss }), {
      pattern: 'underfitting',
      findings: ['stuck_at_chance'],
      about: '10-class, 30 epochs: loss 2.30 -> 2.27 (1.7%), accuracy 0.10 -> 0.13 (chance 0.10), train = val',
    });
  }
  {
    const n = 40;
    const g = gaussian(mulberry32(68));
    const loss: number[] = [];
    const vloss: number[] = [];
    for (let e = 0; e < n; e++) {
      // regression stuck at predicting the mean: mse ~ target variance 1.0
      loss.push(0.98 - 0.03 * (1 - Math.exp(-e / 8)) + 0.004 * g());
      vloss.push(0.975 - 0.028 * (1 - Math.exp(-e / 8)) + 0.005 * g());
    }
    pattern('underfitting-history.json', historyJson({ loss, val_loss: vloss }), {
      pattern: 'underfitting',
      findings: [],
      about: 'regression, 40 epochs: mse 0.98 -> 0.95 (3%) with val equal to train: the model learns almost nothing',
    });
  }
  {
    const n = 20;
    const g = gaussian(mulberry32(69));
    const loss: number[] = [];
    const acc: number[] = [];
    const vloss: number[] = [];
    const vacc: number[] = [];
    for (let e = 0; e < n; e++) {
      loss.push(0.6931 - 0.004 * (1 - Math.exp(-e / 5)) + 0.0015 * g());
      acc.push(0.5 + 0.008 * (1 - Math.exp(-e / 5)) + 0.004 * g());
      vloss.push(0.6929 - 0.003 * (1 - Math.exp(-e / 5)) + 0.0015 * g());
      vacc.push(0.5 + 0.006 * (1 - Math.exp(-e / 5)) + 0.005 * g());
    }
    pattern('underfitting-console.txt', kerasVerbose2({ loss, accuracy: acc, val_loss: vloss, val_accuracy: vacc }), {
      pattern: 'underfitting',
      findings: ['stuck_at_chance'],
      about: 'binary classifier, 20 epochs: loss stays at ln2 = 0.693, accuracy 0.50 (chance), train = val',
    });
  }
  // ---------------- high variance: train falls smoothly, val well above and jumping ±20-40%, no min-then-rise
  {
    const n = 30;
    const rand = mulberry32(70);
    const g = gaussian(mulberry32(71));
    const loss: number[] = [];
    const vloss: number[] = [];
    const acc: number[] = [];
    const vacc: number[] = [];
    // alternate up/down jumps so there is no trend in val, only scatter
    for (let e = 0; e < n; e++) {
      loss.push(0.15 + 0.6 * Math.exp(-e / 6) + 0.004 * g());
      acc.push(0.95 - 0.35 * Math.exp(-e / 6) + 0.003 * g());
      const base = 0.75 - 0.15 * (1 - Math.exp(-e / 6));
      const jump = (e % 2 === 0 ? 1 : -1) * (0.2 + 0.2 * rand());
      vloss.push(base * (1 + jump));
      vacc.push(0.72 - (e % 2 === 0 ? 1 : -1) * (0.05 + 0.06 * rand()));
    }
    pattern('high_variance-keras.csv', kerasCsv({ accuracy: acc, loss, val_accuracy: vacc, val_loss: vloss }), {
      pattern: 'high_variance',
      findings: ['noisy_validation'],
      about:
        '30 epochs: train 0.75 -> 0.15 smoothly; val_loss centred ~0.6-0.75, jumping ±20-40% every epoch, always 2-5x train, no minimum-then-rise',
    });
  }
  {
    const n = 25;
    const rand = mulberry32(72);
    const g = gaussian(mulberry32(73));
    const loss: number[] = [];
    const vloss: number[] = [];
    const vacc: number[] = [];
    for (let e = 0; e < n; e++) {
      loss.push(0.25 + 0.9 * Math.exp(-e / 5) + 0.005 * g());
      const base = 0.95 - 0.2 * (1 - Math.exp(-e / 5));
      const sign = [1, -1, 1, 1, -1, -1, 1, -1][e % 8];
      vloss.push(base * (1 + sign * (0.2 + 0.18 * rand())));
      vacc.push(0.68 - sign * (0.04 + 0.05 * rand()));
    }
    pattern('high_variance-fastai.csv', fastaiCsv(loss, vloss, vacc), {
      pattern: 'high_variance',
      findings: ['noisy_validation'],
      about:
        'fastai, 25 epochs: train 1.15 -> 0.25 smoothly; valid_loss ~0.75-0.95 jumping ±20-38%, far above train, no trend',
    });
  }
  // ---------------- unstable: no trend with big jumps, or divergence to NaN
  {
    const n = 30;
    const rand = mulberry32(74);
    const loss: number[] = [];
    const vloss: number[] = [];
    const acc: number[] = [];
    const vacc: number[] = [];
    for (let e = 0; e < n; e++) {
      // learning rate far too high: loss bounces between 0.9 and 3+ with no downward trend
      const l = 1.2 + 1.6 * rand() + (rand() < 0.15 ? 3 * rand() : 0);
      loss.push(l);
      vloss.push(1.1 + 1.8 * rand() + (rand() < 0.15 ? 4 * rand() : 0));
      acc.push(0.2 + 0.35 * rand());
      vacc.push(0.2 + 0.35 * rand());
    }
    pattern('unstable-keras.csv', kerasCsv({ accuracy: acc, loss, val_accuracy: vacc, val_loss: vloss }), {
      pattern: 'unstable',
      // bounces all the time: that is the unstable verdict; a loss_spike is a blip over a calm stretch
      findings: [],
      about:
        '30 epochs, LR far too high: both losses jump between ~1.1 and 3-6 with no trend; accuracy 0.2-0.55 at random',
    });
  }
  {
    const n = 15;
    const g = gaussian(mulberry32(75));
    const loss: number[] = [];
    const vloss: number[] = [];
    for (let e = 0; e < n; e++) {
      if (e < 4) {
        loss.push(0.9 - 0.12 * e + 0.01 * g());
        vloss.push(0.95 - 0.11 * e + 0.01 * g());
      } else if (e < 11) {
        loss.push(0.6 * Math.pow(3.2, e - 4));
        vloss.push(0.7 * Math.pow(3.5, e - 4));
      } else {
        loss.push(NaN);
        vloss.push(NaN);
      }
    }
    pattern('unstable-diverging-history.json', historyJson({ loss, val_loss: vloss }), {
      pattern: 'unstable',
      findings: ['nan_inf', 'diverging'],
      about: '15 epochs: falls for 4 epochs, then grows x3 per epoch to ~640 and turns NaN from epoch 12',
    });
  }
  {
    const n = 20;
    const rand = mulberry32(76);
    const loss: number[] = [];
    const acc: number[] = [];
    const vloss: number[] = [];
    const vacc: number[] = [];
    // no trend: each epoch jumps to a random level in [0.9, 3.4]; the run ends mid-range, not at a low
    for (let e = 0; e < n; e++) {
      const hi = e % 2 === 0;
      loss.push(e === 7 ? NaN : e === n - 1 ? 2.1 : hi ? 2.2 + 1.2 * rand() : 0.9 + 1.0 * rand());
      acc.push(0.3 + 0.3 * rand());
      vloss.push(e === 7 ? NaN : e === n - 1 ? 2.3 : hi ? 1.0 + 1.0 * rand() : 2.3 + 1.2 * rand());
      vacc.push(0.3 + 0.3 * rand());
    }
    pattern('unstable-console.txt', kerasVerbose2({ loss, accuracy: acc, val_loss: vloss, val_accuracy: vacc }), {
      pattern: 'unstable',
      findings: ['nan_inf'],
      about:
        'verbose=2, 20 epochs: loss and val_loss jump between ~0.9 and ~3.4 every epoch with no trend, a nan epoch at 8, ending mid-range',
    });
  }
  {
    // a learning rate far too high for one stretch: both losses leap ~13x at epoch 12 after coming down,
    // then recover over 4 epochs (issue 10: "a big transient jump in both losses" is unstable, not a good fit)
    const n = 30;
    const g = gaussian(mulberry32(84));
    const leap = [14, 5, 2.1, 1.35];
    const loss: number[] = [];
    const vloss: number[] = [];
    for (let e = 0; e < n; e++) {
      const d = Math.exp((-4 * e) / (n - 1));
      const m = e >= 11 && e < 15 ? leap[e - 11] : 1;
      loss.push((0.9 * d + 0.22) * m * (1 + 0.01 * g()));
      vloss.push((0.9 * d + 0.26) * m * (1 + 0.02 * g()));
    }
    pattern('unstable-transient-jump-console.txt', kerasVerbose2({ loss, val_loss: vloss }), {
      pattern: 'unstable',
      findings: [],
      about:
        'verbose=2, 30 epochs: both losses fall 1.1 -> 0.45 by epoch 11, leap ~13x at epoch 12, come back over 4 epochs and end ~0.24 / 0.28',
    });
  }
  {
    // unscaled targets (a series in the thousands) at a learning rate far too high: after its first fall,
    // both losses swing +-30% around a flat level for the rest of the run (the guide's "fluctuate violently
    // with no clear downward trend"; issue 10 found such runs called good fit or underfitting)
    const n = 40;
    const g = gaussian(mulberry32(91));
    const loss: number[] = [];
    const vloss: number[] = [];
    for (let e = 0; e < n; e++) {
      const start = 1 + 3 * Math.exp(-1.5 * e);
      loss.push(2400 * start * Math.exp(0.25 * g()));
      vloss.push(2600 * start * Math.exp(0.3 * g()));
    }
    pattern('unstable-flat-swings-history.json', historyJson({ loss, val_loss: vloss }), {
      pattern: 'unstable',
      findings: [],
      about:
        'regression on unscaled targets, 40 epochs: loss ~12,000 -> ~2,400 in 3 epochs, then both losses swing +-25-30% around a flat level with no downward trend',
    });
  }
  // ---------------- findings in context
  {
    // dropout / augmentation: val below train the whole run, both fall and flatten
    const n = 25;
    const g = gaussian(mulberry32(77));
    const cols: Record<string, number[]> = { accuracy: [], loss: [], val_accuracy: [], val_loss: [] };
    for (let e = 0; e < n; e++) {
      const d = Math.exp(-e / 4);
      cols.accuracy.push(0.86 - 0.4 * d + 0.003 * g());
      cols.loss.push(0.38 + 0.6 * d + 0.004 * g());
      cols.val_accuracy.push(0.9 - 0.38 * d + 0.003 * g());
      cols.val_loss.push(0.29 + 0.55 * d + 0.004 * g());
    }
    pattern('good_fit-val-below-train-history.json', historyJson(cols), {
      pattern: 'good_fit',
      findings: ['val_better_than_train'],
      about: 'Keras 3 with dropout, 25 epochs: both fall and flatten, val_loss 0.29 stays below loss 0.38 throughout',
    });
  }
  {
    // Keras 3 CSVLogger without validation: NA-filled val_* columns; loss falls and flattens
    const n = 30;
    const g = gaussian(mulberry32(78));
    const lines = ['epoch,accuracy,loss,val_accuracy,val_loss'];
    for (let e = 0; e < n; e++) {
      const d = Math.exp(-e / 5);
      lines.push(
        [
          String(e),
          pyRepr(f32long(0.95 - 0.45 * d + 0.003 * g())),
          pyRepr(f32long(0.15 + 0.75 * d + 0.004 * g())),
          'NA',
          'NA',
        ].join(','),
      );
    }
    pattern('good_fit-no-validation-keras3.csv', lines.map((l) => l + '\r\n').join(''), {
      pattern: 'good_fit',
      findings: ['no_validation'],
      about: 'Keras 3 CSVLogger, fit() without validation (val_* all NA), 30 epochs: loss 0.90 -> 0.15 and flat',
    });
  }
  {
    // CSVLogger(append=True): an aborted 5-epoch run, then a 35-epoch run that overfits
    const g = gaussian(mulberry32(79));
    const rows: string[] = ['epoch,accuracy,loss,val_accuracy,val_loss'];
    for (let e = 0; e < 5; e++)
      rows.push(
        [
          String(e),
          pyRepr(0.6 + 0.05 * e),
          pyRepr(0.9 - 0.08 * e),
          pyRepr(0.6 + 0.04 * e),
          pyRepr(0.92 - 0.07 * e),
        ].join(','),
      );
    const best = 12;
    for (let e = 0; e < 35; e++) {
      const v = e <= best ? 0.45 + 0.45 * (1 - e / best) ** 2 : 0.45 + 0.014 * (e - best);
      rows.push(
        [
          String(e),
          pyRepr(0.99 - 0.45 * Math.exp(-e / 8)),
          pyRepr(0.04 + 0.85 * Math.exp(-e / 8) + 0.004 * g()),
          pyRepr(0.84 - 0.002 * Math.max(0, e - best)),
          pyRepr(v + 0.005 * g()),
        ].join(','),
      );
    }
    pattern('overfitting-two-runs-keras.csv', rows.map((l) => l + '\r\n').join(''), {
      pattern: 'overfitting',
      findings: ['multiple_runs'],
      about:
        'CSVLogger append: aborted 5-epoch run, then 35 epochs where val_loss bottoms at epoch 13 (0.45) and climbs to ~0.76 while train falls to 0.05',
    });
  }
  {
    // EarlyStopping(patience=10) ends a 100-epoch fit at epoch 22: val bottomed at 12 and rose since
    const g = gaussian(mulberry32(80));
    const loss: number[] = [];
    const vloss: number[] = [];
    const acc: number[] = [];
    const vacc: number[] = [];
    for (let e = 0; e < 22; e++) {
      loss.push(0.1 + 0.9 * Math.exp(-e / 6) + 0.004 * g());
      vloss.push((e <= 11 ? 0.5 + 0.5 * (1 - e / 11) ** 2 : 0.5 + 0.016 * (e - 11)) + 0.004 * g());
      acc.push(0.97 - 0.5 * Math.exp(-e / 6));
      vacc.push(e <= 11 ? 0.82 - 0.3 * (1 - e / 11) ** 2 : 0.82 - 0.003 * (e - 11));
    }
    let text = kerasVerbose2({ loss, accuracy: acc, val_loss: vloss, val_accuracy: vacc }, 100);
    text += 'Restoring model weights from the end of the best epoch: 12.\nEpoch 22: early stopping\n';
    pattern('overfitting-early-stopped-console.txt', text, {
      pattern: 'overfitting',
      findings: ['early_stopped'],
      about:
        'tf.keras verbose=2, EarlyStopping(patience=10) stops at 22/100: val_loss min 0.50 at epoch 12, then +32% over 10 epochs while train keeps falling',
    });
  }
  {
    // HF Trainer, binary classification stuck at chance: loss ~ ln 2, eval_accuracy ~ 0.5
    const g = gaussian(mulberry32(81));
    const log: string[] = [];
    for (let step = 50; step <= 1500; step += 50) {
      const ep = step / 300;
      log.push(
        `{"epoch": ${pyRepr(ep)}, "grad_norm": ${pyRepr(0.2 + 0.05 * Math.abs(g()))}, "learning_rate": ${pyRepr(2e-5 * (1 - step / 1500))}, "loss": ${pyRepr(Math.round((0.6935 - 0.002 * (step / 1500) + 0.0015 * g()) * 1e4) / 1e4)}, "step": ${step}}`,
      );
      if (step % 150 === 0)
        log.push(
          `{"epoch": ${pyRepr(ep)}, "eval_accuracy": ${pyRepr(0.5 + 0.006 * g())}, "eval_loss": ${pyRepr(0.6932 - 0.0015 * (step / 1500) + 0.001 * g())}, "eval_runtime": 4.1, "step": ${step}}`,
        );
    }
    const text = `{\n  "epoch": 5.0,\n  "global_step": 1500,\n  "log_history": [\n    ${log.join(',\n    ')}\n  ],\n  "max_steps": 1500,\n  "num_train_epochs": 5\n}`;
    pattern('underfitting-stuck-at-chance-trainer_state.json', text, {
      pattern: 'underfitting',
      findings: ['stuck_at_chance'],
      about: 'HF Trainer, 5 epochs, binary: loss stays at ln 2 = 0.693, eval_accuracy 0.50 throughout',
    });
  }
  {
    // Lightning epoch-level rows: train smooth, val scattered +-25-40% far above, no trend
    const rand = mulberry32(82);
    const g = gaussian(mulberry32(83));
    const lines = ['epoch,step,train_loss_epoch,val_loss'];
    for (let e = 0; e < 30; e++) {
      const sign = [1, -1, -1, 1, 1, -1, 1, -1, -1, 1][e % 10];
      lines.push(`${e},${e * 200 + 199},,${pyRepr(0.9 * (1 + sign * (0.25 + 0.15 * rand())))}`);
      lines.push(`${e},${e * 200 + 199},${pyRepr(0.2 + 0.8 * Math.exp(-e / 6) + 0.004 * g())},`);
    }
    pattern('high_variance-lightning.csv', lines.join('\n') + '\n', {
      pattern: 'high_variance',
      findings: ['noisy_validation'],
      about:
        'Lightning, 30 epochs: train 1.0 -> 0.2 smoothly; val_loss scattered 0.5-1.3 around 0.9 (+-25-40%) with no trend, far above train',
    });
  }
  // ---------------- not assessable: too short
  {
    pattern(
      'not_assessable-3-epochs-keras.csv',
      kerasCsv({
        accuracy: [0.61, 0.72, 0.76],
        loss: [0.92, 0.71, 0.63],
        val_accuracy: [0.66, 0.7, 0.73],
        val_loss: [0.81, 0.74, 0.69],
      }),
      {
        pattern: 'not_assessable',
        findings: [],
        about: '3 epochs only',
      },
    );
    pattern(
      'not_assessable-2-epochs-console.txt',
      kerasVerbose2({ loss: [0.6931, 0.5123], accuracy: [0.5, 0.75], val_loss: [0.7, 0.61], val_accuracy: [0.5, 0.6] }),
      {
        pattern: 'not_assessable',
        findings: [],
        about: '2 epochs only',
      },
    );
    pattern(
      'not_assessable-3-epochs-history.json',
      historyJson({ loss: [1.2, 0.9, 0.8], val_loss: [1.1, 0.95, 0.9] }),
      {
        pattern: 'not_assessable',
        findings: [],
        about: '3 epochs only',
      },
    );
  }
}

// =============================================================================================
// 6. bad inputs (small ones; the huge ones are generated at test time)
// =============================================================================================
async function badFixtures(): Promise<void> {
  const { default: sharp } = await import('sharp');
  const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .jpeg({ quality: 80 })
    .toBuffer();
  write('bad/photo-renamed.csv', jpeg);
  const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: { r: 0, g: 0, b: 0 } } })
    .png()
    .toBuffer();
  write('bad/screenshot-renamed.log', png);
  const rand = mulberry32(81);
  const garbage = Buffer.alloc(4096);
  for (let i = 0; i < garbage.length; i++) garbage[i] = Math.floor(rand() * 256);
  garbage[0] = 0x13; // no accidental magic number
  write('bad/garbage.bin', garbage);
  write(
    'bad/proto-keys.json',
    '{"__proto__": {"polluted": "yes", "loss": [9, 9, 9]}, "constructor": {"prototype": {"polluted": "yes"}}, "loss": [0.9, 0.6, 0.45, 0.4], "val_loss": [0.95, 0.7, 0.55, 0.5]}\n',
  );
  write(
    'bad/proto-keys-repr.txt',
    "{'__proto__': {'polluted': 'yes'}, 'constructor': {'prototype': {'polluted': 'yes'}}, 'loss': [0.9, 0.6, 0.45, 0.4], 'val_loss': [0.95, 0.7, nan, 0.5]}\n",
  );
  write(
    'bad/proto-only.json',
    '{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}\n',
  );
  write('bad/header-only.csv', 'epoch,accuracy,loss,val_accuracy,val_loss\r\n');
  write(
    'bad/one-row.csv',
    'epoch,accuracy,loss,val_accuracy,val_loss\r\n0,0.5,0.6931471824645996,0.51,0.6900123476982117\r\n',
  );
  write(
    'bad/all-nan.csv',
    'epoch,loss,val_loss\r\n' + Array.from({ length: 6 }, (_, i) => `${i},nan,nan\r\n`).join(''),
  );
  write('bad/all-na.csv', 'epoch,loss,val_loss\r\n' + Array.from({ length: 6 }, (_, i) => `${i},NA,NA\r\n`).join(''));
  write('bad/empty.csv', '');
  write('bad/whitespace.txt', '  \r\n\r\n\t\n');
  write(
    'bad/no-metrics.txt',
    'Meeting notes 2024-03-02\n\nWe trained the model again and it looked better than last week.\nNext steps: collect more data, try a bigger batch size, ask Sam about the GPU quota.\n',
  );
  write('bad/empty-history.json', '{"loss": [], "val_loss": []}\n');
  write(
    'bad/hf-empty-log-history.json',
    '{\n  "epoch": 0.0,\n  "global_step": 0,\n  "log_history": [],\n  "max_steps": 300\n}\n',
  );
  write('bad/no-header-numbers.csv', '0,0.69,0.70\n1,0.51,0.55\n2,0.40,0.47\n');
  write(
    'bad/tfevents.bin',
    Buffer.concat([
      Buffer.alloc(12, 0),
      Buffer.from('\x09\x00\x00\x00brain.Event:2\x00\x00\x00\x00\x00\x00\x00\x00', 'latin1'),
    ]),
  );
}

async function main(): Promise<void> {
  for (const d of ['formats', 'patterns', 'bad']) {
    const p = join(ROOT, d);
    try {
      for (const f of readdirSync(p)) rmSync(join(p, f));
    } catch {
      // first run
    }
  }
  historyFixtures();
  csvLoggerFixtures();
  consoleFixtures();
  otherFixtures();
  patternFixtures();
  await badFixtures();
  write('formats/EXPECTED.json', JSON.stringify(expected, null, 1) + '\n');
  write('patterns/MANIFEST.json', JSON.stringify(manifest, null, 2) + '\n');
  console.log(
    `fixtures: ${Object.keys(expected).length} format files, ${Object.keys(manifest).length} pattern files -> ${ROOT}`,
  );
}

void r4;
await main();
