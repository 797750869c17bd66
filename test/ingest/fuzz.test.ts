/**
 * Property: for ANY input, ingest() either returns a TrainingLog that passes TrainingLogSchema (plus the
 * invariants later stages rely on: x ascending and finite, x/y the same length, no empty series, no
 * duplicate keys) or throws an IngestError whose message is non-empty and free of stack-trace / JS
 * internals text. Never another exception, never a hang (each call runs in a worker with a time bound).
 *
 * Inputs: (a) real files (fixtures/ and ../shared/corpus/real) mutated by byte flips, truncations,
 * duplicated / deleted / swapped / glued lines and inserted tokens; (b) random text, JSON-ish,
 * CSV-ish and console-ish strings.
 *
 * FUZZ_RUNS sets the total number of runs (default 300, < 20 s); `npm run fuzz` uses 100000.
 * FUZZ_SEED replays a failure reported by fast-check.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMATS } from '../../src/ingest/schema.js';
import { IsolatedIngest, LEAKY_MESSAGE, type IsolatedResult } from './helpers/isolated.js';

const TOTAL = Math.max(5, Number(process.env.FUZZ_RUNS ?? 300) || 300);
// the default (CI) run is reproducible; FUZZ_RUNS=... explores with a fresh seed unless FUZZ_SEED is given
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : process.env.FUZZ_RUNS ? undefined : 20261127;
const CALL_MS = 4000;
/** generous per-test budget: ~30 ms per run, at least a minute */
const budget = (runs: number) => Math.max(60_000, runs * 30);
const share = (f: number) => Math.max(1, Math.round(TOTAL * f));

const ROOT = join(import.meta.dirname, '..', '..');
function listFiles(dir: string, depth = 1): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const f of readdirSync(dir).sort()) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) {
      if (depth > 0) out.push(...listFiles(p, depth - 1));
    } else if (!/\.(md|tsv)$/.test(f) && f !== 'EXPECTED.json' && f !== 'MANIFEST.json') out.push(p);
  }
  return out;
}
/** Formats read by the text paths that no fixture file covers yet (pasted prints and other libraries). */
const INLINE_SEEDS: { name: string; bytes: string }[] = Object.entries({
  'inline:xgboost': Array.from(
    { length: 8 },
    (_, i) =>
      `[${i}]\tvalidation_0-logloss:${(0.6 - i * 0.04).toFixed(5)}\tvalidation_1-logloss:${(0.62 - i * 0.03).toFixed(5)}\tvalidation_1-auc:0.8${i}`,
  ).join('\n'),
  'inline:sklearn-mlp': Array.from(
    { length: 8 },
    (_, i) => `Iteration ${i + 1}, loss = ${(0.7 / (1 + i * 0.3)).toFixed(8)}`,
  ).join('\n'),
  'inline:mnist-example': Array.from(
    { length: 3 },
    (_, e) =>
      `Train Epoch: ${e + 1} [0/60000 (0%)]\tLoss: ${(2 / (e + 1)).toFixed(6)}\nTrain Epoch: ${e + 1} [30000/60000 (50%)]\tLoss: ${(1.5 / (e + 1)).toFixed(6)}\n\nTest set: Average loss: 0.0${5 - e}00, Accuracy: 98${e}0/10000 (98%)\n`,
  ).join('\n'),
  'inline:space-pairs': Array.from(
    { length: 6 },
    (_, i) => `Epoch ${i + 1} train_loss ${(0.7 - i * 0.1).toFixed(4)} val_loss ${(0.75 - i * 0.05).toFixed(4)}`,
  ).join('\n'),
  'inline:bracket-epoch': Array.from(
    { length: 5 },
    (_, i) =>
      `[Epoch ${i + 1}/5] Train Loss: ${(0.7 - i * 0.1).toFixed(4)} | Val Loss: ${(0.72 - i * 0.05).toFixed(4)} | Val Acc: 0.${55 + i}`,
  ).join('\n'),
  'inline:fastai-console': [
    'epoch     train_loss  valid_loss  accuracy  time',
    ...[0, 1, 2, 3].map((e) => `${e}         0.${9 - e}12345    0.${7 - e}01234    0.8${e}1000  00:12`),
  ].join('\n'),
  'inline:markdown-table': [
    '| Epoch | Training Loss | Validation Loss | Accuracy |',
    '|---|---|---|---|',
    '| 1 | No log | 0.401200 | 0.851200 |',
    '| 2 | 0.398100 | 0.352100 | 0.872000 |',
    '| 3 | 0.301200 | 0.341000 | 0.881000 |',
  ].join('\n'),
  'inline:decimal-comma': 'epoch;loss;val_loss\n1;0,69;0,70\n2;0,51;0,55\n3;0,40;0,50\n',
}).map(([name, bytes]) => ({ name, bytes: Buffer.from(bytes).toString('latin1') }));

const SEEDS: { name: string; bytes: string }[] = [
  ...listFiles(join(ROOT, 'fixtures', 'formats'), 0),
  ...listFiles(join(ROOT, 'fixtures', 'patterns'), 0),
  ...listFiles(join(ROOT, 'fixtures', 'seed'), 0),
  ...listFiles(join(ROOT, 'fixtures', 'prints'), 0),
  ...listFiles(join(ROOT, '..', 'shared', 'corpus', 'real'), 1),
]
  .map((p) => ({ name: p.slice(ROOT.length - 4), bytes: readFileSync(p).toString('latin1') }))
  .concat(INLINE_SEEDS);

/** Tokens that matter to the parsers, as latin1-encoded UTF-8 bytes. */
const TOKENS = [
  'nan',
  'NaN',
  '-nan',
  'inf',
  '-inf',
  'Infinity',
  '-Infinity',
  '"NaN"',
  'NA',
  'None',
  'null',
  'undefined',
  '',
  ',',
  ';',
  '\t',
  '\r',
  '\r\n',
  '\r\r\n',
  '\n',
  '\n\n',
  '\x08\x08\x08',
  '\x1b[32m',
  '\x1b[0m',
  '\x1b[',
  '━━━━',
  '=====>',
  '"',
  "'",
  '""',
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  'Epoch 3/10',
  'Epoch 1/1\n',
  'Epoch 00005: early stopping',
  ' - loss: ',
  ' - val_loss: 0.5',
  '- lr: 1e-3',
  '25/25 ',
  '1/Unknown',
  'np.float32(',
  'np.float64(0.5)',
  'tensor(0.5)',
  '1e308',
  '1e309',
  '-1e-400',
  '-0',
  '0x1F',
  '1_000',
  '45%',
  '00:05',
  '1:02:03',
  '__proto__',
  'constructor',
  'prototype',
  'epoch',
  'step',
  'Wall time,Step,Value',
  '"log_history": [',
  "{'loss': 0.5, 'epoch': 1}",
  ',loss,val_loss',
  'epoch,train_loss,valid_loss,accuracy,time',
  'train/box_loss',
  'lr-Adam',
  '_step',
  '_epoch',
  'eval_',
  '\u0000',
  '\ufeff',
  '\ufffd',
  'é',
  '∞',
  '9'.repeat(40),
  '1.'.repeat(30),
  '-'.repeat(50),
  ' '.repeat(200),
  '\\',
  '\\"',
  // printed-log tokens (fixtures/prints)
  'Epoch [3/25]',
  'Epoch: 0',
  'epoch=',
  '100%|',
  '██████',
  ' 45%|',
  '[Checkpoint] Saved',
  'EarlyStopping counter: 3',
  'wandb: ',
  ' | INFO | ',
  '2025-03-14 09:12:07,123 ',
  'Step [100/600], ',
  'val Loss: ',
  'Acc: 81.10%',
  ' loss 0.5',
  '9826/10000 (98%)',
  'Validation:',
  'train ',
  'is ',
].map((t) => Buffer.from(t, 'utf8').toString('latin1'));

type Mutation =
  | { op: 'flip'; pos: number; byte: number }
  | { op: 'truncate'; pos: number }
  | { op: 'dupLine' | 'delLine' | 'glue'; line: number }
  | { op: 'swap'; a: number; b: number }
  | { op: 'insert'; pos: number; text: string }
  | { op: 'replaceNumber'; nth: number; text: string }
  | { op: 'repeatBlock'; pos: number; len: number; times: number };

const tokenArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TOKENS) },
  {
    weight: 1,
    arbitrary: fc.string({ maxLength: 12, unit: 'binary' }).map((s) => Buffer.from(s, 'utf8').toString('latin1')),
  },
);
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), pos: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('truncate' as const), pos: fc.nat() }),
  fc.record({ op: fc.constantFrom('dupLine' as const, 'delLine' as const, 'glue' as const), line: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), pos: fc.nat(), text: tokenArb }),
  fc.record({ op: fc.constant('replaceNumber' as const), nth: fc.nat(), text: tokenArb }),
  fc.record({
    op: fc.constant('repeatBlock' as const),
    pos: fc.nat(),
    len: fc.integer({ min: 1, max: 200 }),
    times: fc.integer({ min: 2, max: 50 }),
  }),
);

function applyMutation(s: string, m: Mutation): string {
  const n = s.length;
  switch (m.op) {
    case 'flip': {
      if (n === 0) return String.fromCharCode(m.byte);
      const p = m.pos % n;
      return s.slice(0, p) + String.fromCharCode(m.byte) + s.slice(p + 1);
    }
    case 'truncate':
      return n === 0 ? s : s.slice(0, m.pos % n);
    case 'insert': {
      const p = n === 0 ? 0 : m.pos % (n + 1);
      return s.slice(0, p) + m.text + s.slice(p);
    }
    case 'repeatBlock': {
      if (n === 0) return s;
      const p = m.pos % n;
      const block = s.slice(p, p + m.len);
      return s.slice(0, p) + block.repeat(m.times) + s.slice(p);
    }
    case 'replaceNumber': {
      const re = /-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/gi;
      const hits: [number, number][] = [];
      for (let h = re.exec(s); h && hits.length < 5000; h = re.exec(s)) hits.push([h.index, h[0].length]);
      if (hits.length === 0) return s;
      const [p, len] = hits[m.nth % hits.length];
      return s.slice(0, p) + m.text + s.slice(p + len);
    }
    default: {
      const lines = s.split('\n');
      const L = lines.length;
      if (m.op === 'swap') {
        const a = m.a % L;
        const b = m.b % L;
        [lines[a], lines[b]] = [lines[b], lines[a]];
        return lines.join('\n');
      }
      const i = m.line % L;
      if (m.op === 'dupLine') lines.splice(i, 0, lines[i]);
      else if (m.op === 'delLine') lines.splice(i, 1);
      else if (i + 1 < L) lines.splice(i, 2, lines[i] + lines[i + 1]); // glued rows (concurrent writers)
      return lines.join('\n');
    }
  }
}

const formatArb = fc.oneof(
  { weight: 9, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constantFrom(...FORMATS) },
);

interface Case {
  input: Uint8Array | string;
  format?: string;
  label: string;
  limits?: { maxRows?: number; maxLineLength?: number; maxDepth?: number; maxBytes?: number };
}

const mutatedArb: fc.Arbitrary<Case> = fc
  .record({
    seed: fc.nat({ max: Math.max(0, SEEDS.length - 1) }),
    muts: fc.array(mutationArb, { minLength: 1, maxLength: 6 }),
    asString: fc.boolean(),
    format: formatArb,
  })
  .map(({ seed, muts, asString, format }) => {
    let s = SEEDS[seed].bytes;
    for (const m of muts) s = applyMutation(s, m);
    const bytes = Buffer.from(s, 'latin1');
    return {
      input: asString ? bytes.toString('utf8') : new Uint8Array(bytes),
      format,
      label: `${SEEDS[seed].name} + ${JSON.stringify(muts).slice(0, 300)}`,
    };
  });

// ---------------------------------------------------------------- generated inputs
const numberish = fc.oneof(
  { weight: 6, arbitrary: fc.double({ noNaN: false }).map((d) => String(d)) },
  {
    weight: 4,
    arbitrary: fc
      .double({ min: 0, max: 5, noNaN: true })
      .map((d) => d.toFixed(fc.sample(fc.integer({ min: 0, max: 17 }), 1)[0])),
  },
  { weight: 3, arbitrary: fc.integer({ min: -5, max: 100000 }).map(String) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'nan',
      'NaN',
      'inf',
      '-inf',
      'NA',
      'None',
      '',
      'null',
      'np.float32(0.5)',
      '1e-05',
      '6.9000e-04',
      '00:05',
      '45%',
      'x',
    ),
  },
);
const metricName = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.constantFrom(
      'loss',
      'val_loss',
      'accuracy',
      'val_accuracy',
      'acc',
      'val_acc',
      'lr',
      'learning_rate',
      'mae',
      'val_mae',
      'train_loss',
      'valid_loss',
      'eval_loss',
      'train_loss_step',
      'train_loss_epoch',
      'lr-Adam',
      'epoch',
      'step',
      'time',
      'Wall time',
      'Step',
      'Value',
      '',
      'grad_norm',
      'train/box_loss',
      'metrics/mAP50(B)',
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
);

const csvArb: fc.Arbitrary<Case> = fc
  .record({
    header: fc.array(metricName, { minLength: 1, maxLength: 8 }),
    rows: fc.array(fc.array(numberish, { minLength: 0, maxLength: 9 }), { minLength: 0, maxLength: 40 }),
    delim: fc.constantFrom(',', ';', '\t', ', ', ' '),
    eol: fc.constantFrom('\n', '\r\n', '\r\r\n', '\r'),
    repeatHeaderAt: fc.option(fc.nat({ max: 40 })),
    bom: fc.boolean(),
    format: formatArb,
  })
  .map(({ header, rows, delim, eol, repeatHeaderAt, bom, format }) => {
    const lines = [header.join(delim), ...rows.map((r) => r.join(delim))];
    if (repeatHeaderAt !== null) lines.splice(Math.min(repeatHeaderAt, lines.length), 0, header.join(delim));
    return { input: (bom ? '\ufeff' : '') + lines.join(eol) + eol, format, label: 'csv-ish' };
  });

const pyValue: fc.Arbitrary<string> = fc.oneof(
  numberish.map((s) => (s === '' ? 'None' : s)),
  fc.constantFrom('True', 'False', 'None', "'x'", '"NaN"', 'NaN', 'Infinity', '-Infinity'),
);
const jsonArb: fc.Arbitrary<Case> = fc.oneof(
  // dict of lists (history.history), JSON or Python repr
  fc
    .record({
      entries: fc.array(fc.tuple(metricName, fc.array(pyValue, { maxLength: 30 })), { maxLength: 6 }),
      quote: fc.constantFrom('"', "'"),
      wrap: fc.constantFrom('', 'history', 'log_history'),
      format: formatArb,
    })
    .map(({ entries, quote, wrap, format }) => {
      const body = `{${entries.map(([k, v]) => `${quote}${k}${quote}: [${v.join(', ')}]`).join(', ')}}`;
      return {
        input: wrap ? `{${quote}${wrap}${quote}: ${wrap === 'log_history' ? `[${body}]` : body}}` : body,
        format,
        label: 'dict-of-lists',
      };
    }),
  // records / HF log_history entries / pandas columns
  fc
    .record({
      recs: fc.array(fc.array(fc.tuple(metricName, pyValue), { maxLength: 6 }), { maxLength: 30 }),
      hf: fc.boolean(),
      format: formatArb,
    })
    .map(({ recs, hf, format }) => {
      const arr = `[${recs.map((r) => `{${r.map(([k, v]) => `"${k}": ${v}`).join(', ')}}`).join(', ')}]`;
      return { input: hf ? `{"log_history": ${arr}, "global_step": 5}` : arr, format, label: 'records' };
    }),
  // TensorBoard JSON-ish
  fc
    .array(fc.tuple(pyValue, pyValue, pyValue), { maxLength: 40 })
    .map((rows) => ({ input: `[${rows.map((r) => `[${r.join(', ')}]`).join(', ')}]`, label: 'tb-json' })),
  // arbitrary JSON values, sometimes pythonised
  fc.record({ v: fc.jsonValue({ maxDepth: 8 }), py: fc.boolean() }).map(({ v, py }) => {
    let s = JSON.stringify(v) ?? 'null';
    if (py)
      s = s
        .replace(/"/g, "'")
        .replace(/\bnull\b/g, 'None')
        .replace(/\btrue\b/g, 'True');
    return { input: s, label: 'json-value' };
  }),
);

const consoleLine = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 })).map(([a, b]) => `Epoch ${a}/${b}`),
  fc
    .array(fc.tuple(metricName, numberish), { maxLength: 6 })
    .map((ps) => `25/25 [====] - 1s 20ms/step${ps.map(([k, v]) => ` - ${k}: ${v}`).join('')}`),
  fc
    .array(fc.tuple(metricName, numberish), { maxLength: 6 })
    .map((ps) => `\x1b[1m25/25\x1b[0m \x1b[32m━━━━\x1b[0m 1s${ps.map(([k, v]) => ` - ${k}: ${v}`).join('')}`),
  fc
    .array(fc.tuple(metricName, numberish), { maxLength: 4 })
    .map((ps) => `\r 3/25 [>...] - ETA: 2s${ps.map(([k, v]) => ` - ${k}: ${v}`).join('')}\x08\x08\x08\r`),
  fc
    .integer({ min: 0, max: 99 })
    .map((n) => `Epoch ${String(n).padStart(5, '0')}: ReduceLROnPlateau reducing learning rate to 0.0002.`),
  fc
    .tuple(fc.integer({ min: 0, max: 60 }), numberish, numberish)
    .map(([e, a, b]) => `INFO:Epoch ${e}: Train Loss=${a}, Val Loss=${b}`),
  fc
    .array(fc.tuple(metricName, pyValue), { maxLength: 5 })
    .map((ps) => `{${ps.map(([k, v]) => `'${k}': ${v}`).join(', ')}}`),
  fc.string({ maxLength: 60 }),
  fc.constant(''),
);
const consoleArb: fc.Arbitrary<Case> = fc
  .record({ lines: fc.array(consoleLine, { maxLength: 60 }), eol: fc.constantFrom('\n', '\r\n'), format: formatArb })
  .map(({ lines, eol, format }) => ({ input: lines.join(eol), format, label: 'console-ish' }));

const textArb: fc.Arbitrary<Case> = fc.oneof(
  fc.string({ maxLength: 3000, unit: 'binary' }).map((s) => ({ input: s, label: 'binary-unit string' })),
  fc.string({ maxLength: 3000, unit: 'grapheme' }).map((s) => ({ input: s, label: 'grapheme string' })),
  fc.uint8Array({ maxLength: 3000 }).map((b) => ({ input: b, label: 'random bytes' })),
  fc.array(fc.constantFrom(...TOKENS), { maxLength: 300 }).map((t) => ({ input: t.join(''), label: 'token soup' })),
);

/** Any input under tiny limits: every cap must surface as an IngestError, never as a RangeError or a partial log. */
const limitsArb: fc.Arbitrary<Case> = fc
  .record({
    base: fc.oneof(
      { weight: 3, arbitrary: mutatedArb },
      { weight: 1, arbitrary: csvArb },
      { weight: 1, arbitrary: jsonArb },
      { weight: 1, arbitrary: consoleArb },
    ),
    limits: fc.record(
      {
        maxRows: fc.integer({ min: 0, max: 60 }),
        maxLineLength: fc.integer({ min: 0, max: 3000 }),
        maxDepth: fc.integer({ min: 0, max: 8 }),
        maxBytes: fc.integer({ min: 0, max: 200_000 }),
      },
      { requiredKeys: [] },
    ),
  })
  .map(({ base, limits }) => ({ ...base, limits, label: `${base.label} under limits` }));

// ---------------------------------------------------------------- the property
function verdict(c: Case, r: IsolatedResult): string | undefined {
  switch (r.kind) {
    case 'timeout':
      return `hang: no answer within ${CALL_MS} ms`;
    case 'other_error':
      return `threw ${r.name} (not IngestError): ${r.message}\n${r.stack.split('\n').slice(0, 6).join('\n')}`;
    case 'ingest_error':
      if (r.message.trim() === '') return `IngestError ${r.code} with an empty message`;
      if (LEAKY_MESSAGE.test(r.message)) return `IngestError ${r.code} leaks internals: ${r.message.slice(0, 300)}`;
      return undefined;
    case 'ok':
      return r.valid ? undefined : `invalid TrainingLog (${r.format}): ${r.problems.join(' | ').slice(0, 500)}`;
  }
  return `unexpected result ${JSON.stringify(r)}`;
  void c;
}

const iso = new IsolatedIngest();
const stats = { ok: 0, refused: 0 };

async function check(c: Case, alsoDiagnose = false): Promise<void> {
  const r = await iso.run(
    c.input,
    { ...(c.format ? { format: c.format } : {}), ...(c.limits ? { limits: c.limits } : {}) },
    CALL_MS,
    alsoDiagnose,
  );
  if (r.kind === 'ok') stats.ok++;
  else if (r.kind === 'ingest_error') stats.refused++;
  let bad = verdict(c, r);
  if (!bad && r.kind === 'ok' && r.diagnoseProblems?.length)
    bad = `diagnose failed on a valid ${r.format} log: ${r.diagnoseProblems.join(' | ').slice(0, 800)}`;
  if (bad) {
    const preview = typeof c.input === 'string' ? c.input : Buffer.from(c.input).toString('latin1');
    throw new Error(
      `${bad}\n  input (${c.label}${c.format ? `, format=${c.format}` : ''}${c.limits ? `, limits=${JSON.stringify(c.limits)}` : ''}): ${JSON.stringify(preview.slice(0, 400))}${preview.length > 400 ? `... (${preview.length} chars)` : ''}`,
    );
  }
}

function params(runs: number): fc.Parameters<[Case]> {
  return { numRuns: runs, ...(SEED !== undefined ? { seed: SEED } : {}), endOnFailure: runs > 5000 };
}

describe('ingest fuzz', () => {
  beforeAll(() => iso.ready(), 60_000);
  afterAll(async () => {
    await iso.close();
    console.log(`fuzz: ${TOTAL} runs requested; ${stats.ok} read, ${stats.refused} refused with IngestError`);
  });

  it('has seeds to mutate', () => {
    expect(SEEDS.length).toBeGreaterThanOrEqual(40);
  });

  const cases: [string, fc.Arbitrary<Case>, number][] = [
    ['mutated real files (fixtures + corpus)', mutatedArb, share(0.4)],
    ['any input under tiny limits', limitsArb, share(0.05)],
    ['random CSV-ish tables', csvArb, share(0.15)],
    ['random JSON-ish / Python-literal values', jsonArb, share(0.15)],
    ['random console-ish logs', consoleArb, share(0.1)],
    ['random text and bytes', textArb, share(0.05)],
  ];
  for (const [name, arb, runs] of cases) {
    it(
      `${name}: ${runs} runs -> valid TrainingLog or clean IngestError`,
      async () => {
        await fc.assert(
          fc.asyncProperty(arb, (c) => check(c)),
          params(runs),
        );
      },
      budget(runs),
    );
  }

  // Not ingest's contract, but the pipeline's: whatever ingest accepts, diagnose() must answer (every run)
  // with a Diagnosis that passes DiagnosisSchema, never throw.
  const diagRuns = share(0.1);
  it(
    `diagnose() answers every run of every log ingest accepts: ${diagRuns} runs`,
    async () => {
      const arb = fc.oneof(
        { weight: 4, arbitrary: mutatedArb },
        { weight: 2, arbitrary: csvArb },
        { weight: 2, arbitrary: jsonArb },
        { weight: 2, arbitrary: consoleArb },
      );
      await fc.assert(
        fc.asyncProperty(arb, (c) => check(c, true)),
        params(diagRuns),
      );
    },
    budget(diagRuns * 2),
  );
});
