/**
 * Every number a user can check (issue 18): each number in the headline, in each reason and in each
 * evidence line is recomputed here from the raw series of the log, by the definition its claim states,
 * with this file's own arithmetic, and must match to the precision shown. Points named by epoch must
 * exist in the file with that label (CSVLogger's 0-based `epoch`, the console's 1-based count).
 * Over generated curves (fast-check) and every bundled fixture that can be diagnosed.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diagnoseDetailed, type Claim, type Diagnosis } from '../../src/diagnose/index.js';
import { EPOCH_CONVENTION } from '../../src/diagnose/explain.js';
import { tellApart } from '../../src/diagnose/borderline.js';
import { PATTERNS } from '../../src/diagnose/schema.js';
import { ingest } from '../../src/ingest/index.js';
import type { Run, Series, TrainingLog } from '../../src/ingest/schema.js';
import { evidenceLines } from '../../src/advise/advise.js';
import { triage } from '../../src/pipeline.js';
import { toText } from '../../src/cli/report.js';

const FIX = join(import.meta.dirname, '..', '..', 'fixtures');

/** Words that say a number is a statistic, not a value read off the file. */
const STAT_WORDS = /smoothed|noise|typical|median|trend|ln\(/;
/** Counts and constants (how many points, classes, NaN values): numbers, not smoothed statistics. */
const COUNTS = new Set(['points', 'min_points', 'non_finite_count', 'class_count', 'val_below_train_fraction']);

/** The number a shown string carries, and half a unit of its last shown digit (the precision). */
function parseShown(shown: string, sig3 = false): { v: number; tol: number } {
  const m = /-?[\d.]+(?:e[-+]?\d+)?/i.exec(shown.replace(/,/g, ''));
  if (!m) throw new Error(`no number in "${shown}"`);
  const txt = m[0];
  const v = Number(txt);
  const [mant, exp] = txt.toLowerCase().split('e');
  // a value (num(): 3 significant digits, util/format.ts compact) of more integer digits is rounded in
  // its last ones ("1670" for 1671.9); percentages and everything else in their last decimal
  const intDigits = mant.replace(/^-/, '').length;
  const decimals = mant.includes('.') ? mant.split('.')[1].length : sig3 ? -Math.max(0, intDigits - 3) : 0;
  const tol = 0.5 * 10 ** (-decimals + (exp ? Number(exp) : 0));
  return { v, tol: tol * 1.0001 + 1e-12 };
}

/** The shown number equals `actual` to its precision (signed: a magnitude is passed as one). */
function near(actual: number, shown: string, what: string, sig3 = false): void {
  const { v, tol } = parseShown(shown, sig3);
  expect(Math.abs(actual - v), `${what}: shown ${shown}, recomputed ${actual}`).toBeLessThanOrEqual(tol);
}

function rawAt(s: Series, x: number): number {
  const i = s.x.findIndex((v) => v === x);
  expect(i, `${s.key} has a point at x=${x}`).toBeGreaterThanOrEqual(0);
  return s.y[i];
}

/** The label the user's file gives x: this test's own reading of the numbering. */
function label(run: Run, x: number): number {
  if (run.xAxis !== 'epoch') return x;
  // several rows of one epoch sit inside it and carry its number; a 0-based column counts from 0
  const whole = Math.abs(x - Math.round(x)) < 1e-9;
  const base = run.rowsWithinEpochs && !whole ? Math.ceil(x) : Math.round(x * 1e6) / 1e6;
  return run.epochNumbering === 'from0' ? base - 1 : base;
}

function checkClaim(c: Claim, text: string, run: Run, d: Diagnosis): void {
  expect(text, `"${c.shown}" is in the sentence`).toContain(c.shown);
  const series = (k: string) => {
    const s = run.series.find((x) => x.key === k);
    expect(s, `series ${k}`).toBeDefined();
    return s as Series;
  };
  switch (c.kind) {
    case 'value':
      near(rawAt(series(c.series), c.x), c.shown, `${c.series} at ${c.x} in "${text}"`, true);
      break;
    case 'change': {
      const s = series(c.series);
      const a = rawAt(s, c.from);
      const b = rawAt(s, c.to);
      const v = (Math.abs(b - a) / Math.abs(a)) * 100; // shown unsigned, its direction in words
      near(v, c.shown, `${c.series} ${c.from} -> ${c.to} in "${text}"`);
      expect(a, 'a share is relative to a start above 0').toBeGreaterThan(0);
      expect(b, 'a share runs to an end not below 0').toBeGreaterThanOrEqual(0);
      break;
    }
    case 'difference': {
      const s = series(c.series);
      const a = rawAt(s, c.from);
      const b = rawAt(s, c.to);
      near(Math.abs(b - a), c.shown, `${c.series} ${c.from} -> ${c.to} in "${text}"`, true);
      expect(a > 0 && b >= 0, 'a difference only where a share would mean nothing').toBe(false);
      break;
    }
    case 'label': {
      const xs = new Set(run.series.flatMap((s) => s.x));
      expect(xs.has(c.x), `x=${c.x} is a point of the file`).toBe(true);
      const l = label(run, c.x);
      expect(l, 'file labels are never negative').toBeGreaterThanOrEqual(0);
      expect(Number(c.shown), `"${text}" names the file's label`).toBeCloseTo(l, 2);
      break;
    }
    case 'count': {
      const s = series(c.series);
      const n = s.x.filter((x, i) => x > c.from && x <= c.to && Number.isFinite(s.y[i])).length;
      expect(Number(c.shown), `count in "${text}"`).toBe(n);
      break;
    }
    case 'stat': {
      near(c.as === 'pct' ? c.value * 100 : c.value, c.shown, `${c.name} in "${text}"`, c.as === 'num');
      const ev = (d.evidence as Record<string, unknown>)[c.name];
      if (typeof ev === 'number' && c.name !== 'non_finite_count' && c.name !== 'points')
        // (its sign is worded: "worse", "fell")
        expect(Math.abs(Math.abs(ev) - Math.abs(c.value)), `${c.name} is the JSON evidence`).toBeLessThanOrEqual(
          Math.abs(c.value) * 1e-3 + 1e-9,
        );
      if (!COUNTS.has(c.name)) expect(text, `"${c.shown}" (${c.name}) is worded as a statistic`).toMatch(STAT_WORDS);
      break;
    }
  }
}

/** Numbers left in a sentence once its claims and the series names are taken out: there must be none. */
function unclaimed(text: string, claims: Claim[], run: Run): string[] {
  let rest = text;
  for (const s of run.series) rest = rest.split(s.name).join(' ').split(s.key).join(' ');
  for (const c of [...claims].sort((a, b) => b.shown.length - a.shown.length)) rest = rest.replace(c.shown, ' ');
  return rest.match(/\d+(?:\.\d+)?/g) ?? [];
}

const ADVICE = new Set<string>([
  ...Object.values(EPOCH_CONVENTION),
  ...(['loss', 'higher', 'reward'] as const).flatMap((k) =>
    PATTERNS.flatMap((a) => PATTERNS.flatMap((b) => [tellApart(a, b, k), tellApart(a, b, k, true)])),
  ),
]);

function checkLog(log: TrainingLog, where: string): void {
  const { diagnosis: d, quotes } = diagnoseDetailed(log);
  const run = log.runs[d.run.index];
  const said = [
    { text: d.headline, claims: quotes.headline as Claim[] | null },
    ...d.reasons.map((t, i) => ({ text: t.replace(/^Could also be [a-z ]+: /, ''), claims: quotes.reasons[i] })),
  ];
  expect(quotes.reasons.length).toBe(d.reasons.length);
  for (const { text, claims } of said) {
    if (claims === null) {
      expect(ADVICE.has(text), `${where}: "${text}" is advice`).toBe(true);
      continue;
    }
    for (const c of claims) checkClaim(c, text, run, d);
    expect(text, `${where}: nothing unmeasured ("?", undefined, NaN) in "${text}"`).not.toMatch(
      /(^|[\s(])\?([\s).,;]|$)|\bundefined\b|\bNaN(%|x|\))/,
    );
    const headPrefix = text === d.headline ? text.replace(/^[^:]*:/, '') : text;
    expect(unclaimed(headPrefix, claims, run), `${where}: numbers without a definition in "${text}"`).toEqual([]);
  }
  checkEvidenceLines(d, run, where);
}

/** The evidence lines people read: x positions carry the file's labels, raw changes match the file. */
function checkEvidenceLines(d: Diagnosis, run: Run, where: string): void {
  const e = d.evidence;
  const lines = evidenceLines(d).map((l) => l.text);
  const val = run.series.find((s) => s.key === d.series.val);
  if (e.best_x !== undefined && val) {
    const line = lines.find((l) => l.startsWith('best val at'));
    expect(line, `${where}: best line`).toBe(`best val at: ${run.xUnit ?? run.xAxis} ${label(run, e.best_x)}`);
    // the best is the file's best (min of a loss, max of an accuracy)
    const ys = val.y.filter(Number.isFinite);
    const inv = val.kind === 'accuracy' || val.kind === 'score';
    const best = inv ? Math.max(...ys) : Math.min(...ys);
    // the JSON field is the value to 4 significant digits (a number carries no precision of its own)
    const raw = rawAt(val, e.best_x);
    expect(
      Math.abs(raw - (e.best_val as number)),
      `${where}: best_val ${e.best_val}, recomputed ${raw}`,
    ).toBeLessThanOrEqual(Math.abs(raw) * 5.0001e-4);
    // (+ 0: a file's "-0.000" is its best 0 too)
    expect(rawAt(val, e.best_x) + 0, `${where}: the best is the file's best`).toBe(best + 0);
  }
  for (const l of lines) expect(l, `${where}: no negative rise`).not.toMatch(/rise[^:]*: -/);
  if (val && e.best_x !== undefined && e.val_last !== undefined) {
    const [best, end] = [rawAt(val, e.best_x), val.y.filter(Number.isFinite).at(-1) as number];
    // from a best at or below 0, or to an end below it, a relative change means nothing: there is none
    const bestIsLast = e.best_x === val.x[val.y.findLastIndex(Number.isFinite)];
    expect(e.val_change_since_best === undefined, `${where}: val_change_since_best`).toBe(
      !(best > 0 && end >= 0) && !bestIsLast,
    );
  }
  if (e.val_change_since_best !== undefined && val && e.best_val !== undefined && e.val_last !== undefined) {
    const last = val.y.filter(Number.isFinite).at(-1) as number;
    const bestRaw = rawAt(val, e.best_x as number);
    const expected = last === bestRaw ? 0 : (last - bestRaw) / Math.abs(bestRaw);
    expect(Math.abs((e.val_change_since_best as number) - expected)).toBeLessThan(Math.abs(expected) * 1e-3 + 1e-9);
  }
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe('every number a user can check', () => {
  it('the demo says what its file says: best at epoch 18 (0-based), +38% to the end, loss -82%', () => {
    const log = ingest(readFileSync(join(FIX, 'demo', 'lstm-overfitting.csv')));
    const { diagnosis: d } = diagnoseDetailed(log);
    expect(d.headline).toContain('epoch 18 (0.44)');
    expect(d.headline).toContain('38%');
    expect(d.reasons.join(' ')).toContain('fell 82% (0.237 -> 0.0434)');
    expect(d.reasons.join(' ')).toContain(EPOCH_CONVENTION.from0);
    checkLog(log, 'demo');
  });

  it('a change its file ends went against quotes the levels it was measured between, and they check', () => {
    // a first point far above the rest: 7 -> 5 in the file, a level that rose from 4.1 to 5 (ended worse)
    const loss = [7, ...Array.from({ length: 24 }, (_, i) => 4.1 + (0.9 * i) / 23)];
    for (const history of [{ loss }, { loss: loss.map((v) => v / 10), val_loss: [3, ...loss.slice(1)] }]) {
      const log = ingest(JSON.stringify(history));
      const { diagnosis: d } = diagnoseDetailed(log);
      expect([d.headline, ...d.reasons].join(' ')).toContain('but its typical level was');
      checkLog(log, 'contrary ends');
    }
  });

  it('a six-point history: 74% from 1.1 to 0.29, and no rise for a curve whose best is its last point', () => {
    const log = ingest(
      JSON.stringify({ val_loss: [1.1, 0.6, 0.4, 0.35, 0.3, 0.29], loss: [1, 0.55, 0.38, 0.3, 0.27, 0.25] }),
    );
    const { diagnosis: d } = diagnoseDetailed(log);
    const all = [d.headline, ...d.reasons].join(' ');
    expect(all).not.toMatch(/\b40%/);
    expect(all).toContain('74%');
    expect(d.evidence.val_change_since_best).toBe(0);
    checkLog(log, 'six points');
  });

  it('no share from a start at or below 0: a reward from -205 rose to its end, a negative val loss ends a difference higher', () => {
    const n = 30;
    const reward = Array.from({ length: n }, (_, i) =>
      Math.round(-205 + (4235 * (1 - Math.exp(-i / 6))) / (1 - Math.exp(-29 / 6))),
    );
    const rl = ingest(`episode,reward\n${reward.map((r, i) => `${i + 1},${r}`).join('\n')}\n`);
    const said = [diagnoseDetailed(rl).diagnosis.headline, ...diagnoseDetailed(rl).diagnosis.reasons].join(' ');
    expect(said).toContain('rose (-205 -> 4030)');
    expect(said).not.toMatch(/\d%/);
    checkLog(rl, 'reward');
    // a negative log-likelihood below 0: best -2.86 at epoch 6, then up to 10.1
    const val = [-1, -1.8, -2.3, -2.6, -2.8, -2.86, -2.2, -0.5, 1.6, 3.9, 6.2, 8.3, 10.1];
    const train = val.map((_, i) => -1.2 - 0.3 * i);
    const nll = ingest(JSON.stringify({ loss: train, val_loss: val }));
    const d = diagnoseDetailed(nll).diagnosis;
    expect(d.pattern).toBe('overfitting');
    expect(d.headline).toContain('rose 13 after it');
    expect(d.headline).not.toMatch(/\d%/);
    expect(d.reasons.join(' ')).toContain('ends 13 higher (10.1 at epoch 13)');
    expect(d.evidence.val_change_since_best).toBeUndefined();
    expect(toText(triage(JSON.stringify({ loss: train, val_loss: val })))).not.toMatch(/best -> end/);
    // a negative val loss whose best is its last point: no rise after it is listed (its change is 0)
    const falling = val.map((_, i) => -2 - 0.1 * i + 0.15 * Math.sin(i * 2.1));
    falling[falling.length - 1] = Math.min(...falling) - 0.2;
    const best = diagnoseDetailed(ingest(JSON.stringify({ loss: train, val_loss: falling }))).diagnosis;
    expect(best.evidence.val_change_since_best).toBe(0);
    expect(evidenceLines(best).map((l) => l.text)).not.toContainEqual(expect.stringMatching(/rise/));
    checkLog(nll, 'negative val loss');
  });

  it("the CLI's brief view: the file's epoch labels, the raw change since the best, none for a curve that only fell", () => {
    const demo = toText(triage(readFileSync(join(FIX, 'demo', 'lstm-overfitting.csv'))));
    expect(demo).toMatch(/best point\s+epoch 18\n/);
    expect(demo).toMatch(/val, best -> end\s+\+38\.1%\n/);
    const fell = toText(triage('epoch,loss,val_loss\n0,1.0,1.1\n1,0.8,0.9\n2,0.7,0.85\n'));
    expect(fell).toMatch(/best point\s+epoch 2\n/);
    expect(fell).not.toMatch(/best -> end|rise/);
  });

  it('every bundled fixture that can be diagnosed', () => {
    let checked = 0;
    for (const f of files(FIX)) {
      if (f.includes(`${join('fixtures', 'bad')}`) || f.endsWith('MANIFEST.json') || f.endsWith('.md')) continue;
      let log: TrainingLog;
      try {
        log = ingest(readFileSync(f), { fileName: f.split('/').pop() });
      } catch {
        continue;
      }
      checkLog(log, f);
      checked++;
    }
    expect(checked).toBeGreaterThan(60);
  });

  it('generated curves, as a Keras history and as a CSVLogger file', () => {
    const curve = fc.record({
      n: fc.integer({ min: 2, max: 70 }),
      start: fc.double({ min: 0.05, max: 50, noNaN: true }),
      fall: fc.double({ min: 0, max: 0.95, noNaN: true }),
      rise: fc.double({ min: 0, max: 1, noNaN: true }),
      riseAt: fc.double({ min: 0.2, max: 0.9, noNaN: true }),
      noise: fc.double({ min: 0, max: 0.3, noNaN: true }),
      seed: fc.integer({ min: 1, max: 1e6 }),
      accuracy: fc.boolean(),
      csv: fc.boolean(),
      nanAt: fc.option(fc.integer({ min: 0, max: 69 }), { nil: undefined }),
      // CSVLogger-like files: several rows per epoch (val on the last), an epoch column from 0 or from 1
      perEpoch: fc.integer({ min: 1, max: 3 }),
      oneBased: fc.boolean(),
      only: fc.constantFrom('both', 'both', 'train', 'val'),
    });
    fc.assert(
      fc.property(curve, (c) => {
        let s = c.seed;
        const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647 - 0.5) * 2;
        const t: number[] = [];
        const v: number[] = [];
        for (let i = 0; i < c.n; i++) {
          const p = i / Math.max(1, c.n - 1);
          const base = c.start * (1 - c.fall * (1 - Math.exp(-4 * p)));
          t.push(base * (1 + c.noise * 0.3 * rnd()));
          const up = p > c.riseAt ? c.rise * (p - c.riseAt) : 0;
          v.push(base * (1.1 + up) * (1 + c.noise * rnd()));
        }
        const toAcc = (y: number[]) => y.map((x) => Math.min(0.999, Math.max(0.001, 1 - x / (c.start * 1.2))));
        const cols: Record<string, number[]> = c.accuracy
          ? { accuracy: toAcc(t), val_accuracy: toAcc(v) }
          : { loss: t, val_loss: v };
        if (c.nanAt !== undefined && c.nanAt < c.n) cols[c.accuracy ? 'accuracy' : 'loss'][c.nanAt] = NaN;
        const [trainKey, valKey] = c.accuracy ? ['accuracy', 'val_accuracy'] : ['loss', 'val_loss'];
        if (c.only === 'train') delete cols[valKey];
        if (c.only === 'val') delete cols[trainKey];
        const keys = Object.keys(cols);
        const rows: string[] = ['epoch,' + keys.join(',')];
        for (let i = 0; i < c.n; i++)
          for (let r = 0; r < c.perEpoch; r++) {
            const last = r === c.perEpoch - 1;
            // earlier rows of an epoch: the train value a little higher (mid-epoch), no val
            const cell = (k: string) =>
              last ? cols[k][i] : k === valKey ? '' : cols[k][i] * (1 + (0.05 * (c.perEpoch - r)) / c.perEpoch);
            rows.push([i + (c.oneBased ? 1 : 0), ...keys.map(cell)].join(','));
          }
        const text = c.csv
          ? rows.join('\n')
          : JSON.stringify(cols, (_, x) => (typeof x === 'number' && Number.isNaN(x) ? 'NaN' : x));
        checkLog(ingest(text), JSON.stringify(c));
      }),
      { numRuns: 200, seed: 18 },
    );
  });

  it("generated agents' rewards: rises, collapses, rewards that never move, with and without evaluation", () => {
    const curve = fc.record({
      n: fc.integer({ min: 5, max: 120 }),
      level: fc.double({ min: -2000, max: 500, noNaN: true }),
      gain: fc.double({ min: 0, max: 1000, noNaN: true }),
      peakAt: fc.double({ min: 0.2, max: 1, noNaN: true }),
      keep: fc.double({ min: -0.3, max: 1, noNaN: true }),
      scatter: fc.double({ min: 0, max: 0.5, noNaN: true }),
      seed: fc.integer({ min: 1, max: 1e6 }),
      evalEvery: fc.constantFrom(0, 0, 5),
    });
    fc.assert(
      fc.property(curve, (c) => {
        let s = c.seed;
        const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647 - 0.5) * 2;
        const rows = [c.evalEvery ? 'episode,reward,eval_reward' : 'episode,reward'];
        for (let i = 0; i < c.n; i++) {
          const p = i / Math.max(1, c.n - 1);
          // up to the peak, then kept (keep = 1) or given back (keep < 0: below the start)
          const r = c.level + c.gain * (p <= c.peakAt ? p / c.peakAt : c.keep) + c.scatter * c.gain * rnd();
          const ev = c.evalEvery ? `,${(i + 1) % c.evalEvery === 0 ? (r + c.scatter * rnd()).toFixed(3) : ''}` : '';
          rows.push(`${i + 1},${r.toFixed(3)}${ev}`);
        }
        checkLog(ingest(rows.join('\n'), { fileName: 'agent.csv' }), JSON.stringify(c));
      }),
      { numRuns: 150, seed: 21 },
    );
  });
});
