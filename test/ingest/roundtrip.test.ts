/**
 * Correctness fuzz: random curves (random length, metric names, values including tiny, negative, NaN and
 * +-Infinity), written by a random library writer with random quirks (line endings, BOM, appended runs),
 * must come back from ingest() with the right keys, x positions and values (up to the writer's printed
 * precision). The crash fuzzer (fuzz.test.ts) checks that nothing breaks; this checks that nothing is
 * silently misread.
 *
 * Run count: FUZZ_RUNS / 10 (default 100); FUZZ_SEED replays a failure.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingest, type TrainingLog } from '../../src/ingest/index.js';
import { checkLog } from './helpers/ingest-worker.js';
import { Printer, STYLES, makeTruth } from './helpers/print-styles.js';
import { mulberry32 } from '../../src/util/random.js';

const RUNS = Math.max(20, Math.round((Number(process.env.FUZZ_RUNS ?? 1000) || 1000) / 10));
// the default (CI) run is reproducible; FUZZ_RUNS=... explores with a fresh seed unless FUZZ_SEED is given
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : process.env.FUZZ_RUNS ? undefined : 20261127;

// ------------------------------------------------------------------ number spellings
const pyRepr = (x: number): string => {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  const ax = Math.abs(x);
  if (x !== 0 && (ax < 1e-4 || ax >= 1e16)) return x.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  const s = String(x);
  return /^-?\d+$/.test(s) ? `${s}.0` : s;
};
const pyJson = (x: number) =>
  Number.isNaN(x) ? 'NaN' : x === Infinity ? 'Infinity' : x === -Infinity ? '-Infinity' : pyRepr(x);
/** Keras Progbar: verbose=1 tests abs(v) > 1e-3, verbose=2 tests v > 1e-3 (negatives print %.4e). */
const kv = (v: number, verbose2: boolean): string => {
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  if (verbose2 ? v > 1e-3 : Math.abs(v) > 1e-3) return v.toFixed(4);
  return v.toExponential(4).replace(/e([+-])(\d)$/, 'e$10$2');
};
const back = (s: string): number => {
  const l = s.toLowerCase();
  if (l === 'nan') return NaN;
  if (l === 'inf' || l === 'infinity') return Infinity;
  if (l === '-inf' || l === '-infinity') return -Infinity;
  return +s;
};

// ------------------------------------------------------------------ truth
interface Metric {
  /** name as the Keras-style writer spells it (train side); val side is val_<name> */
  name: string;
  /** canonical keys ingest should give */
  key: string;
  valKey: string;
  kind: 'loss' | 'score';
}
const METRICS: Metric[] = [
  { name: 'accuracy', key: 'accuracy', valKey: 'val_accuracy', kind: 'score' },
  { name: 'acc', key: 'accuracy', valKey: 'val_accuracy', kind: 'score' },
  { name: 'auc', key: 'auc', valKey: 'val_auc', kind: 'score' },
  { name: 'precision', key: 'precision', valKey: 'val_precision', kind: 'score' },
  { name: 'dice_coef', key: 'dice_coef', valKey: 'val_dice_coef', kind: 'score' },
  { name: 'mae', key: 'mae', valKey: 'val_mae', kind: 'loss' },
  { name: 'mean_absolute_error', key: 'mae', valKey: 'val_mae', kind: 'loss' },
];

interface Curve {
  n: number;
  loss: number[];
  vloss: number[];
  metric?: Metric;
  m: number[];
  vm: number[];
}

const lossValue = fc.oneof(
  { weight: 12, arbitrary: fc.double({ min: 1e-3, max: 20, noNaN: true }) },
  { weight: 2, arbitrary: fc.double({ min: 1e-7, max: 1e-3, noNaN: true }) },
  { weight: 1, arbitrary: fc.double({ min: -50, max: -1e-3, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, 0) },
);
const scoreValue = fc.oneof(
  { weight: 12, arbitrary: fc.double({ min: 0.01, max: 1, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, 0, 1) },
);

const curveArb: fc.Arbitrary<Curve> = fc.integer({ min: 1, max: 40 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    loss: fc.array(lossValue, { minLength: n, maxLength: n }),
    vloss: fc.array(lossValue, { minLength: n, maxLength: n }),
    metric: fc.option(fc.constantFrom(...METRICS), { nil: undefined }),
    m: fc.array(scoreValue, { minLength: n, maxLength: n }),
    vm: fc.array(scoreValue, { minLength: n, maxLength: n }),
  }),
);

/** What ingest must give for one run: key -> (x, y) with a tolerance. */
type Want = Map<string, { x: number[]; y: number[] }>;
interface Written {
  text: string;
  format: string;
  /** expected runs, last one last */
  runs: Want[];
  tol: number;
  label: string;
}

const epochsOf = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
function want(
  c: Curve,
  map: (v: number) => number | undefined = (v) => v,
  opts: { metric?: boolean; trainMetric?: boolean } = {},
): Want {
  const w: Want = new Map();
  const add = (key: string, vals: number[]) => {
    const x: number[] = [];
    const y: number[] = [];
    vals.forEach((v, i) => {
      const m = map(v);
      if (m === undefined) return;
      x.push(i + 1);
      y.push(m);
    });
    if (x.length) w.set(key, { x, y });
  };
  add('loss', c.loss);
  add('val_loss', c.vloss);
  if (c.metric && opts.metric !== false) {
    if (opts.trainMetric !== false) add(c.metric.key, c.m);
    add(c.metric.valKey, c.vm);
  }
  return w;
}

// ------------------------------------------------------------------ writers
type Eol = '\n' | '\r\n' | '\r\r\n';
interface Quirks {
  eol: Eol;
  bom: boolean;
  /** CSVLogger(separator=...) */
  sep?: ',' | ';' | '\t';
  /** an LR callback's column: 'lr' (Keras 2 / tf.keras) or 'learning_rate' (Keras 3) */
  lrName?: 'lr' | 'learning_rate';
  /** an earlier aborted run appended before this one (CSVLogger append / several fit() calls) */
  prior: Curve | undefined;
}

const lrOf = (n: number) => Array.from({ length: n }, (_, i) => Math.fround(1e-3 * 0.5 ** Math.floor(i / 4)));
function kerasCsv(c: Curve, q: Quirks): Written {
  const sep = q.sep ?? ',';
  const cols: [string, number[]][] = [
    ['loss', c.loss],
    ['val_loss', c.vloss],
  ];
  if (c.metric) cols.push([c.metric.name, c.m], [`val_${c.metric.name}`, c.vm]);
  if (q.lrName) cols.push([q.lrName, []]);
  cols.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const header = ['epoch', ...cols.map((k) => k[0])].join(sep);
  const body = (cc: Curve) => {
    const cc2: [string, number[]][] = cols.map(([k]) => [
      k,
      k === 'loss'
        ? cc.loss
        : k === 'val_loss'
          ? cc.vloss
          : k === q.lrName
            ? lrOf(cc.n)
            : k.startsWith('val_')
              ? cc.vm
              : cc.m,
    ]);
    return Array.from({ length: cc.n }, (_, i) => [String(i), ...cc2.map(([, v]) => pyRepr(v[i]))].join(sep));
  };
  const lines = [header, ...(q.prior ? body({ ...q.prior, metric: c.metric }) : []), ...body(c)];
  const withLr = (w: Want, n: number) => {
    if (q.lrName) w.set('lr', { x: epochsOf(n), y: lrOf(n) });
    return w;
  };
  const runs = q.prior
    ? [withLr(want({ ...q.prior, metric: c.metric }), q.prior.n), withLr(want(c), c.n)]
    : [withLr(want(c), c.n)];
  return {
    text: (q.bom ? '\ufeff' : '') + lines.join(q.eol) + q.eol,
    format: 'keras-csv',
    runs,
    tol: 0,
    label: 'Keras CSVLogger',
  };
}

function historyJson(c: Curve, q: Quirks, repr: boolean): Written {
  const entries: [string, number[]][] = [
    ['loss', c.loss],
    ['val_loss', c.vloss],
  ];
  if (c.metric) entries.push([c.metric.name, c.m], [`val_${c.metric.name}`, c.vm]);
  const text = repr
    ? `{${entries.map(([k, v]) => `'${k}': [${v.map((x) => (Number.isFinite(x) && x > 0 && x < 1 ? `np.float32(${pyRepr(x)})` : pyRepr(x))).join(', ')}]`).join(', ')}}`
    : `{${entries.map(([k, v]) => `"${k}": [${v.map(pyJson).join(', ')}]`).join(', ')}}`;
  return {
    text: (q.bom ? '\ufeff' : '') + text,
    format: 'keras-history-json',
    runs: [want(c)],
    tol: 0,
    label: repr ? 'print(history.history)' : 'json.dump(history.history)',
  };
}

function pandasCsv(c: Curve, q: Quirks, index: boolean): Written {
  const cols: [string, number[]][] = [
    ['loss', c.loss],
    ['val_loss', c.vloss],
  ];
  if (c.metric) cols.push([c.metric.name, c.m], [`val_${c.metric.name}`, c.vm]);
  const cell = (v: number) => (Number.isNaN(v) ? '' : pyRepr(v));
  const lines = [
    (index ? ',' : '') + cols.map((k) => k[0]).join(','),
    ...Array.from({ length: c.n }, (_, i) => (index ? `${i},` : '') + cols.map(([, v]) => cell(v[i])).join(',')),
  ];
  // a row whose every cell is empty is a blank line to any CSV reader: pandas itself skips it
  const allEmpty = (i: number) => cols.every(([, v]) => Number.isNaN(v[i]));
  const lines2 = index ? lines : lines.filter((_, li) => li === 0 || !allEmpty(li - 1));
  const w = want(c, (v) => (Number.isNaN(v) ? undefined : v));
  if (!index) {
    // rows are numbered by position, so dropped blank rows shift later epochs
    const kept = Array.from({ length: c.n }, (_, i) => i).filter((i) => !allEmpty(i));
    const pos = new Map(kept.map((i, k) => [i + 1, k + 1]));
    for (const s of w.values()) s.x = s.x.map((x) => pos.get(x) as number);
  }
  return {
    text: lines2.join(q.eol) + q.eol,
    format: 'keras-history-json',
    runs: [w],
    tol: 0,
    label: `pandas to_csv(index=${index})`,
  };
}

function pandasJson(c: Curve): Written {
  const cols: [string, number[]][] = [
    ['loss', c.loss],
    ['val_loss', c.vloss],
  ];
  if (c.metric) cols.push([c.metric.name, c.m], [`val_${c.metric.name}`, c.vm]);
  const p = (v: number) => (Number.isFinite(v) ? String(+v.toFixed(10)) : 'null');
  const text = `{${cols.map(([k, v]) => `"${k}":{${v.map((x, i) => `"${i}":${p(x)}`).join(',')}}`).join(',')}}`;
  return {
    text,
    format: 'keras-history-json',
    runs: [want(c, (v) => (Number.isFinite(v) ? +v.toFixed(10) : undefined))],
    tol: 0,
    label: 'pandas to_json',
  };
}

/** One-epoch console output is not recognised yet (regressions.test.ts 'one-epoch console output'), and a
 * headerless fit(epochs=1) before a later fit() is not a run of its own: give console runs >= 2 epochs. */
const twoPlus = (c: Curve): Curve =>
  c.n >= 2
    ? c
    : {
        ...c,
        n: 2,
        loss: [...c.loss, ...c.loss],
        vloss: [...c.vloss, ...c.vloss],
        m: [...c.m, ...c.m],
        vm: [...c.vm, ...c.vm],
      };
/** What both console writers share: runs of >= 2 epochs, and the metric keys in the order the Keras version prints them. */
function consoleSetup(c0: Curve, q0: Quirks, keras3: boolean): { c: Curve; q: Quirks; keys: string[] } {
  const c = twoPlus(c0);
  const q = { ...q0, prior: q0.prior ? twoPlus(q0.prior) : undefined };
  const keys = ['loss', 'val_loss'];
  if (c.metric) keys.push(c.metric.name, `val_${c.metric.name}`);
  if (keras3) keys.sort((a, b) => (a < b ? -1 : 1));
  else keys.sort((a, b) => Number(a.startsWith('val_')) - Number(b.startsWith('val_')));
  return { c, q, keys };
}

/** each key with its values in one curve */
const seriesFor = (keys: string[], cc: Curve): [string, number[]][] =>
  keys.map((k) => [k, k === 'loss' ? cc.loss : k === 'val_loss' ? cc.vloss : k.startsWith('val_') ? cc.vm : cc.m]);

function console2(c0: Curve, q0: Quirks, keras3: boolean): Written {
  const { c, q, keys } = consoleSetup(c0, q0, keras3);
  const fit = (cc: Curve) => {
    const ks = seriesFor(keys, cc);
    let out = '';
    for (let i = 0; i < cc.n; i++) {
      if (cc.n > 1 || !keras3) out += `Epoch ${i + 1}/${cc.n}${q.eol}`;
      const pairs = ks.map(([k, v]) => ` - ${k}: ${kv(v[i], true)}`).join('');
      out += keras3 ? `32/32 - 1s - 21ms/step${pairs}${q.eol}` : `32/32 - 0s${pairs} - 310ms/epoch - 10ms/step${q.eol}`;
    }
    return out;
  };
  const map = (v: number) => back(kv(v, true));
  const text = (q.prior ? fit({ ...q.prior, metric: c.metric }) + 'Model: "sequential_1"' + q.eol : '') + fit(c);
  const runs = q.prior ? [want({ ...q.prior, metric: c.metric }, map), want(c, map)] : [want(c, map)];
  return { text, format: 'keras-stdout', runs, tol: 0, label: keras3 ? 'Keras 3 verbose=2' : 'tf.keras verbose=2' };
}

function fastai(c: Curve, q: Quirks): Written {
  const name = c.metric ? c.metric.name : undefined;
  const header = ['epoch', 'train_loss', 'valid_loss', ...(name ? [name] : []), 'time'].join(',');
  const body = (cc: Curve) =>
    Array.from({ length: cc.n }, (_, i) =>
      [
        String(i),
        pyRepr(cc.loss[i]),
        pyRepr(cc.vloss[i]),
        ...(name ? [pyRepr(cc.vm[i])] : []),
        `00:${String(i % 60).padStart(2, '0')}`,
      ].join(','),
    );
  const lines = [header, ...(q.prior ? [...body({ ...q.prior, metric: c.metric }), header] : []), ...body(c)];
  // fastai metrics are computed on the validation set: the unprefixed column is the val metric
  const runs = q.prior
    ? [
        want({ ...q.prior, metric: c.metric }, undefined, { trainMetric: false }),
        want(c, undefined, { trainMetric: false }),
      ]
    : [want(c, undefined, { trainMetric: false })];
  return { text: lines.join('\n') + '\n', format: 'fastai-csv', runs, tol: 0, label: 'fastai history.csv' };
}

function lightning(c: Curve): Written {
  const m = c.metric ? c.metric.name : undefined;
  const cols = ['epoch', 'step', 'train_loss', ...(m ? [`train_${m}`, `val_${m}`] : []), 'val_loss'];
  const lines = [cols.join(',')];
  for (let i = 0; i < c.n; i++) {
    const step = i * 100 + 99;
    const row = (vals: Record<string, string>) =>
      cols.map((k) => (k === 'epoch' ? String(i) : k === 'step' ? String(step) : (vals[k] ?? ''))).join(',');
    lines.push(row({ val_loss: pyRepr(c.vloss[i]), ...(m ? { [`val_${m}`]: pyRepr(c.vm[i]) } : {}) }));
    lines.push(row({ train_loss: pyRepr(c.loss[i]), ...(m ? { [`train_${m}`]: pyRepr(c.m[i]) } : {}) }));
  }
  return {
    text: lines.join('\n') + '\n',
    format: 'lightning-csv',
    runs: [want(c)],
    tol: 0,
    label: 'Lightning metrics.csv (epoch-level)',
  };
}

function jsonLines(c: Curve, q: Quirks): Written {
  const lines = Array.from({ length: c.n }, (_, i) => {
    const parts = [`"epoch": ${i}`, `"loss": ${pyJson(c.loss[i])}`, `"val_loss": ${pyJson(c.vloss[i])}`];
    if (c.metric) parts.push(`"${c.metric.name}": ${pyJson(c.m[i])}`, `"val_${c.metric.name}": ${pyJson(c.vm[i])}`);
    return `{${parts.join(', ')}}`;
  });
  return {
    text: lines.join(q.eol) + q.eol,
    format: 'keras-history-json',
    runs: [want(c)],
    tol: 0,
    label: 'JSON lines',
  };
}

/** verbose=1 as captured to a file: tf.keras (\\r + \\b redraws, [====] bars) or Keras 3 (ANSI, ━ bars). */
function console1(c0: Curve, q0: Quirks, keras3: boolean): Written {
  const { c, q, keys } = consoleSetup(c0, q0, keras3);
  const fit = (cc: Curve) => {
    const ks = seriesFor(keys, cc);
    let out = '';
    for (let i = 0; i < cc.n; i++) {
      out += `Epoch ${i + 1}/${cc.n}${q.eol}`;
      let prev = 0;
      for (const cur of [1, 7, 10]) {
        const fin = cur === 10;
        const pairs = ks
          .filter(([k]) => fin || !k.startsWith('val_'))
          .map(([k, v]) => ` - ${k}: ${kv(fin ? v[i] : v[i] * 1.1 + 0.01, false)}`)
          .join('');
        const line = keras3
          ? `\x1b[1m${String(cur).padStart(2)}/10\x1b[0m \x1b[32m${'━'.repeat(cur * 2)}\x1b[0m\x1b[37m${'━'.repeat(20 - cur * 2)}\x1b[0m \x1b[1m${fin ? '1s' : '0s'}\x1b[0m 20ms/step${pairs}`
          : `${String(cur).padStart(2)}/10 [${'='.repeat(cur * 3 - 1)}${fin ? '=' : '>'}${'.'.repeat(30 - cur * 3)}] - ${fin ? '1s 20ms/step' : 'ETA: 1s'}${pairs}`;
        out += '\b'.repeat(prev) + '\r' + line;
        prev = line.length;
      }
      out += q.eol;
    }
    return out;
  };
  const map = (v: number) => back(kv(v, false));
  const text = (q.prior ? fit({ ...q.prior, metric: c.metric }) : '') + fit(c);
  const runs = q.prior ? [want({ ...q.prior, metric: c.metric }, map), want(c, map)] : [want(c, map)];
  return {
    text,
    format: 'keras-stdout',
    runs,
    tol: 0,
    label: keras3 ? 'Keras 3 verbose=1 capture' : 'tf.keras verbose=1 capture',
  };
}

/** Hugging Face trainer_state.json with one train log and one eval per epoch (sort_keys, indent=2). */
function hfState(c: Curve): Written {
  const m = c.metric ? c.metric.name : undefined;
  const entries: string[] = [];
  for (let i = 0; i < c.n; i++) {
    entries.push(
      `{"epoch": ${i + 1}.0, "grad_norm": NaN, "learning_rate": 1e-05, "loss": ${pyJson(c.loss[i])}, "step": ${(i + 1) * 10}}`,
    );
    const ev = [
      ...(m ? [`"eval_${m}": ${pyJson(c.vm[i])}`] : []),
      `"eval_loss": ${pyJson(c.vloss[i])}`,
      '"eval_runtime": 1.0',
    ].join(', ');
    entries.push(`{"epoch": ${i + 1}.0, ${ev}, "step": ${(i + 1) * 10}}`);
  }
  const text = `{\n  "epoch": ${c.n}.0,\n  "global_step": ${c.n * 10},\n  "log_history": [\n    ${entries.join(',\n    ')}\n  ]\n}`;
  // the train-side metric is not logged by the Trainer; eval_<m> is the val metric
  const w = want(c, undefined, { trainMetric: false });
  w.set('lr', { x: epochsOf(c.n), y: Array(c.n).fill(1e-5) });
  return { text, format: 'hf-trainer-state', runs: [w], tol: 0, label: 'HF trainer_state.json' };
}

/** history.history with validation_freq=2: val lists hold epochs 2, 4, ... */
function historyValFreq(c: Curve): Written {
  if (c.n < 4) return historyJson(c, { eol: '\n', bom: false, prior: undefined }, false);
  const keep = (v: number[]) => v.filter((_, i) => i % 2 === 1);
  const entries: [string, number[]][] = [
    ['loss', c.loss],
    ['val_loss', keep(c.vloss)],
  ];
  if (c.metric) entries.push([c.metric.name, c.m], [`val_${c.metric.name}`, keep(c.vm)]);
  const text = `{${entries.map(([k, v]) => `"${k}": [${v.map(pyJson).join(', ')}]`).join(', ')}}`;
  const w = want(c);
  for (const [k, s] of w) {
    if (!k.startsWith('val_')) continue;
    const x: number[] = [];
    const y: number[] = [];
    s.x.forEach((xx, i) => {
      if (xx % 2 === 0 && xx <= 2 * Math.floor(c.n / 2)) {
        x.push(xx);
        y.push(s.y[i]);
      }
    });
    w.set(k, { x, y });
  }
  // an odd number of epochs leaves floor(n/2) val entries: validation_freq still reads as 2
  return { text, format: 'keras-history-json', runs: [w], tol: 0, label: 'history.history, validation_freq=2' };
}

const writerArb: fc.Arbitrary<(c: Curve, q: Quirks) => Written> = fc.constantFrom(
  kerasCsv,
  (c: Curve, q: Quirks) => historyJson(c, q, false),
  (c: Curve, q: Quirks) => historyJson(c, q, true),
  (c: Curve, q: Quirks) => pandasCsv(c, q, true),
  (c: Curve, q: Quirks) => pandasCsv(c, q, false),
  (c: Curve) => pandasJson(c),
  (c: Curve, q: Quirks) => console2(c, q, false),
  (c: Curve, q: Quirks) => console2(c, q, true),
  fastai,
  (c: Curve) => lightning(c),
  jsonLines,
  (c: Curve, q: Quirks) => console1(c, q, false),
  (c: Curve, q: Quirks) => console1(c, q, true),
  (c: Curve) => hfState(c),
  (c: Curve) => historyValFreq(c),
);

const caseArb = fc.record({
  curve: curveArb,
  writer: writerArb,
  eol: fc.constantFrom<Eol>('\n', '\r\n', '\r\r\n'),
  bom: fc.boolean(),
  prior: fc.option(curveArb, { nil: undefined, freq: 4 }),
  sep: fc.constantFrom<',' | ';' | '\t'>(',', ',', ';', '\t'),
  lrName: fc.option(fc.constantFrom<'lr' | 'learning_rate'>('lr', 'learning_rate'), { nil: undefined, freq: 2 }),
});

function same(a: number, b: number, tol: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= tol;
}

function compare(log: TrainingLog, w: Written): string | undefined {
  const problems = checkLog(log);
  if (problems.length) return `invalid log: ${problems.join('; ')}`;
  if (log.format !== w.format) return `format ${log.format}, want ${w.format}`;
  if (log.runs.length !== w.runs.length) return `${log.runs.length} runs, want ${w.runs.length}`;
  for (let r = 0; r < w.runs.length; r++) {
    const run = log.runs[r];
    const keys = run.series.map((s) => s.key).sort();
    const wantKeys = [...w.runs[r].keys()].sort();
    if (keys.join() !== wantKeys.join()) return `run ${r}: keys ${keys.join(',')}, want ${wantKeys.join(',')}`;
    for (const [key, e] of w.runs[r]) {
      const s = run.series.find((x) => x.key === key)!;
      if (s.x.join() !== e.x.join()) return `run ${r} ${key}: x ${s.x.join(',')}, want ${e.x.join(',')}`;
      for (let i = 0; i < e.y.length; i++)
        if (!same(s.y[i], e.y[i], w.tol)) return `run ${r} ${key}[x=${e.x[i]}]: ${s.y[i]}, want ${e.y[i]}`;
    }
  }
  return undefined;
}

describe('round trip: what a library writes is what ingest reads', () => {
  it(
    `${RUNS} random curves x writers x quirks`,
    () => {
      fc.assert(
        fc.property(caseArb, ({ curve, writer, eol, bom, prior, sep, lrName }) => {
          const w = writer(curve, { eol, bom, prior, sep, lrName });
          let log: TrainingLog;
          try {
            log = ingest(w.text);
          } catch (e) {
            throw new Error(
              `${w.label}: ingest threw ${(e as Error).message}\n${JSON.stringify(w.text.slice(0, 600))}`,
            );
          }
          const bad = compare(log, w);
          if (bad) throw new Error(`${w.label}: ${bad}\n${JSON.stringify(w.text.slice(0, 800))}`);
        }),
        { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}) },
      );
    },
    Math.max(120_000, RUNS * 5),
  );
});

// ------------------------------------------------------------------ printed logs (hand-written loops)
/** Random curves printed in every style of helpers/print-styles.ts (the styles of fixtures/prints), with
 * NaN, +-Infinity, zero, negative, tiny and huge losses where the style can print them: every run, key,
 * epoch and value printed must come back (values exactly as the printed string spells them). */
const printCaseArb = fc.record({
  style: fc.constantFrom(...STYLES),
  n: fc.integer({ min: 4, max: 30 }),
  seed: fc.integer({ min: 1, max: 2 ** 30 }),
  shape: fc.constantFrom<'good' | 'overfit' | 'underfit'>('good', 'overfit', 'underfit'),
  specials: fc.array(
    fc.tuple(fc.nat(), fc.boolean(), fc.constantFrom(NaN, Infinity, -Infinity, 0, -0.75, 1e-6, 12345.678)),
    { maxLength: 4 },
  ),
});

describe('round trip: printed training logs', () => {
  it(
    `${RUNS} random curves x ${STYLES.length} print styles`,
    () => {
      fc.assert(
        fc.property(printCaseArb, ({ style, n, seed, shape, specials }) => {
          const truth = makeTruth(n, mulberry32(seed), shape);
          for (const [at, val, v] of specials) {
            if (style.finiteOnly && !(Number.isFinite(v) && v > 0)) continue;
            (val ? truth.vloss : truth.loss)[at % n] = v;
          }
          const p = new Printer();
          style.render(truth, p, mulberry32(seed + 1));
          const { text, runs } = p.done(style.eol ?? '\n');
          let log: TrainingLog;
          try {
            log = ingest(text);
          } catch (e) {
            throw new Error(
              `${style.name}: ingest threw ${(e as Error).message}\n${JSON.stringify(text.slice(0, 600))}`,
            );
          }
          const w: Written = {
            text,
            format: 'text',
            runs: runs.map((r) => new Map([...r].map(([k, s]) => [k, { x: s.x, y: s.y }]))),
            tol: 0,
            label: style.name,
          };
          const bad = compare(
            { ...log, runs: log.runs.map((r) => ({ ...r, series: r.series.filter((s) => !s.derived) })) },
            w,
          );
          if (bad) throw new Error(`${style.name}: ${bad}\n${JSON.stringify(text.slice(0, 800))}`);
          const codes = log.warnings.map((x) => x.code);
          for (const code of style.warnings ?? [])
            if (!codes.includes(code)) throw new Error(`${style.name}: no ${code} warning`);
        }),
        { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}) },
      );
    },
    Math.max(120_000, RUNS * 5),
  );
});

void expect;
