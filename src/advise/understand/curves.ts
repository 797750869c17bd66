/** Which curve a clause is about (train, val, both) and the direction or shape of that curve. */
import { parseNum } from './numbers.js';
import {
  ACC_WORDS,
  ADDITIVE,
  CURVE_WORDS,
  DATA_WORDS,
  DEGREE_BEFORE,
  GOOD_WORDS,
  HIGH_WORDS,
  isTrainWord,
  isValWord,
  LOSS_WORDS,
  LOW_WORDS,
  NEG,
  NOT_A_VALUE_AFTER,
  PREDICTION_WORDS,
} from './words.js';

export type Curve = 'train' | 'val' | 'any';
export type Metric = 'loss' | 'acc';
export type Shape =
  | 'level_bad'
  | 'notflat'
  | 'notrise'
  | 'rise'
  | 'fall'
  | 'flat'
  | 'fluct'
  | 'spike'
  | 'explode'
  | 'notfall'
  | 'good'
  | 'bad'
  | 'high'
  | 'low'
  | 'notrend'
  | 'recover'
  | 'smooth'
  | 'slow';

export const SHAPE_OF: Record<string, Shape> = {
  xrise: 'rise',
  xfall: 'fall',
  xflat: 'flat',
  xfluct: 'fluct',
  xspike: 'spike',
  xexplode: 'explode',
  xgood: 'good',
  xworse: 'bad',
  xnotrend: 'notrend',
  xrecover: 'recover',
  xsmooth: 'smooth',
  xslow: 'slow',
  up: 'rise',
  down: 'fall',
};

/** clause boundaries: punctuation and contrast words */
/** ("not yet", "hasnt yet": yet is an adverb there, not a conjunction) */
export const CLAUSE_SPLIT =
  /[,;!?]|\.(?=\s|$)|\b(?:but|while|whereas|however|although|though|meanwhile|whilst)\b|(?<!\b(?:not|hasnt|havent|isnt|arent|didnt|doesnt|never|no) )\byet\b/;

export interface Fact {
  curve: Curve;
  metric: Metric;
  shape: Shape;
}

export function clauseFacts(clauses: string[][], defaultCurve: Curve | undefined): Fact[] {
  const facts: Fact[] = [];
  let inherited: Curve[] | undefined;
  let previous: Fact[] = [];
  const learnerNamed = clauses.some((toks) => toks.some((t) => LEARNER_WORDS.has(t)));
  for (const toks of clauses) {
    const start = facts.length;
    const curvesIn: Curve[] = [];
    toks.forEach((t, k) => {
      if (comparedAt(toks, k)) return;
      if (isValWord(t)) curvesIn.push('val');
      else if (isTrainWord(t)) curvesIn.push('train');
    });
    const clauseCurves: Curve[] = curvesIn.length
      ? [...new Set(curvesIn)]
      : (inherited ?? (defaultCurve ? [defaultCurve] : ['any']));
    if (toks.includes('both') && !curvesIn.length && !inherited)
      clauseCurves.splice(0, clauseCurves.length, 'train', 'val');
    const firstMetric = toks.find((t) => LOSS_WORDS.has(t) || ACC_WORDS.has(t) || CURVE_WORDS.has(t));
    // "the model stops learning", "after 10 epochs it doesnt improve anymore": the model's progress going
    // flat is its loss going flat (not its outputs: "it always predicts the same value")
    // (said of the learner, it is a loss that stops falling: weaker than a curve named flat)
    if (
      !firstMetric &&
      !curvesIn.length &&
      !inherited &&
      !toks.includes('both') &&
      toks.includes('xflat') &&
      learnerNamed &&
      !toks.some((t) => PREDICTION_WORDS.has(t) || OUTPUT_WORDS.has(t))
    ) {
      facts.push({ curve: 'any', metric: 'loss', shape: 'notfall' });
      previous = facts.slice(start);
      continue;
    }
    // a shape word with no curve, metric or earlier clause to attach to ("small batch more noise?") says nothing about the curves
    if (!firstMetric && !curvesIn.length && !inherited && !toks.includes('both')) continue;
    // "the predictions are a flat line": the model's output, not a learning curve
    if (toks.some((t) => PREDICTION_WORDS.has(t)) && !toks.some((t) => LOSS_WORDS.has(t) || ACC_WORDS.has(t))) continue;
    // "some features go up to 40000": the data, not a learning curve
    if (!firstMetric && !curvesIn.length && toks.some((t) => DATA_WORDS.has(t))) continue;
    facts.push(...spanFacts(toks, clauseCurves, firstMetric && ACC_WORDS.has(firstMetric) ? 'acc' : 'loss'));
    // "loss went up ..., both train and val", "train acc is low too, not only val": a clause that only
    // names curves says who the last clause was about (all its curves, or the named ones as well)
    if (facts.length === start && curvesIn.length) {
      const additive = toks.some((t) => ADDITIVE.has(t));
      for (const f of previous)
        if (f.curve === 'any' || additive) for (const c of new Set(curvesIn)) facts.push({ ...f, curve: c });
    }
    // "goes up and down and up", "down then up then down": no trend, it jumps around
    const dirs = facts.slice(start).filter((f) => f.shape === 'rise' || f.shape === 'fall');
    // (counted along each curve and metric: "acc 0 ..., loss falls fine" is two curves, not a turn)
    let turns = 0;
    const lastDir = new Map<string, Shape>();
    for (const f of dirs) {
      const key = `${f.curve}:${f.metric}`;
      if (lastDir.has(key) && lastDir.get(key) !== f.shape) turns++;
      lastDir.set(key, f.shape);
    }
    if (turns >= 2)
      facts.splice(
        start,
        facts.length - start,
        ...[...new Set(dirs.map((f) => f.curve))].map((c): Fact => ({
          curve: c,
          metric: dirs[0].metric,
          shape: 'fluct',
        })),
      );
    previous = facts.slice(start);
    inherited = curvesIn.length ? [...new Set(curvesIn)] : (inherited ?? clauseCurves);
  }
  return facts;
}

/**
 * The facts of one clause: each shape word is about the curves and metrics named since the last
 * shape word (or the last ones named). Quality words also leave a plain 'good' / 'bad' fact, so
 * "train good, val bad" can be read as a gap whatever the metric.
 */
function spanFacts(toks: string[], clauseCurves: Curve[], fallbackMetric: Metric): Fact[] {
  const facts: Fact[] = [];
  let spanCurves: Curve[] = [];
  let spanMetrics: Metric[] = [];
  let lastCurves: Curve[] = clauseCurves;
  let lastMetrics: Metric[] = [];
  toks.forEach((t, i) => {
    if (comparedAt(toks, i)) return;
    if (isValWord(t)) spanCurves.push('val');
    else if (isTrainWord(t)) spanCurves.push('train');
    else if (t === 'both' && spanCurves.length === 0 && clauseCurves.length > 1) spanCurves.push(...clauseCurves);
    // (a curve word is a curve of the clause's metric: "in my accuracy plot the upper line ...")
    if (LOSS_WORDS.has(t)) spanMetrics.push('loss');
    else if (CURVE_WORDS.has(t)) spanMetrics.push(fallbackMetric);
    else if (ACC_WORDS.has(t)) spanMetrics.push('acc');
    const shape = shapeAt(toks, i);
    if (!shape) return;
    const curves = spanCurves.length ? [...new Set(spanCurves)] : lastCurves;
    const metrics = spanMetrics.length
      ? [...new Set(spanMetrics)]
      : lastMetrics.length
        ? lastMetrics
        : [fallbackMetric];
    const quality: Shape | undefined =
      shape === 'good' ? 'good' : shape === 'bad' || shape === 'level_bad' ? 'bad' : undefined;
    for (const c of curves)
      for (const m of metrics) {
        facts.push({ curve: c, metric: m, shape: direction(shape, m) });
        if (quality) facts.push({ curve: c, metric: m, shape: quality });
      }
    lastCurves = curves;
    lastMetrics = metrics;
    spanCurves = [];
    spanMetrics = [];
  });
  return facts;
}

/** the learner as a clause's subject ("it", "the model", "my lstm") */
const LEARNER_WORDS = new Set(['it', 'model', 'network', 'net', 'lstm', 'rnn', 'gru', 'xtrainverb']);
/** what a model outputs: a clause about them going flat is not about learning */
const OUTPUT_WORDS = new Set([
  'predicts',
  'predict',
  'class',
  'classes',
  'label',
  'labels',
  'value',
  'values',
  'returns',
]);

/** words after which a curve is what another is compared with ("stays above train"), not the clause's subject */
const COMPARED_WITH = new Set(['than', 'above', 'below', 'beneath']);

/** toks[i] is a curve named as the object of a comparison ("above train", "than the training loss") */
function comparedAt(toks: string[], i: number): boolean {
  return COMPARED_WITH.has(toks[i - 1] ?? '') || (toks[i - 1] === 'the' && COMPARED_WITH.has(toks[i - 2] ?? ''));
}

/** "up to the end": up as a span of time ("right up to the final epoch") */
const UNTIL = new Set(['to', 'until', 'till']);
const SPAN_END = new Set(['the', 'epoch', 'epochs', 'end', 'last', 'final', 'ep', 'step', 'steps', 'iteration', 'now']);

/** the degree before a comparative said without "than" ("much higher", "way bigger") */
const DEGREE = new Set(['much', 'way', 'far', 'lot', 'significantly', 'substantially', 'considerably', 'noticeably']);
/** "shows up", "pops up": up as appearing */
const APPEAR = new Set(['show', 'shows', 'showed', 'shown', 'showing', 'pop', 'pops', 'popped']);

/** The shape (or level, or quality) word at toks[i], negation applied ("never decreases" -> notfall). */
function shapeAt(toks: string[], i: number): Shape | undefined {
  const t = toks[i];
  const next = toks[i + 1];
  let shape: Shape | undefined = SHAPE_OF[t];
  // "right up to the final epoch", "up until epoch 50": a time span, not a curve going up
  if (t === 'up' && UNTIL.has(next ?? '') && SPAN_END.has(toks[i + 2] ?? '')) shape = undefined;
  // "only one line shows up": appears, not a curve going up
  if (t === 'up' && APPEAR.has(toks[i - 1] ?? '')) shape = undefined;
  const compared = next === 'than' || next === 'then';
  if (!shape && (t === 'better' || t === 'worse') && !compared) shape = t === 'better' ? 'good' : 'bad';
  if (!shape && t === 'xbad') shape = 'level_bad';
  // "decreases a little", "a bit lower": a degree, not a level
  if (!shape && LOW_WORDS.has(t) && !(DEGREE_BEFORE.has(toks[i - 1] ?? '') && t === 'little')) shape = 'low';
  if (
    !shape &&
    HIGH_WORDS.has(t) &&
    !compared &&
    next !== 'jump' &&
    next !== 'jumps' &&
    next !== 'gap' &&
    next !== 'difference'
  )
    shape = 'high';
  if (!shape && GOOD_WORDS.has(t)) shape = 'good';
  // "val is much higher", "way higher": a comparative with its degree and no "than" is a high level
  if (!shape && (t === 'higher' || t === 'bigger' || t === 'larger') && !compared && DEGREE.has(toks[i - 1] ?? ''))
    shape = 'high';
  if (!shape) return undefined;
  const negated = (i > 0 && NEG.has(toks[i - 1])) || (i > 1 && NEG.has(toks[i - 2]) && !SHAPE_OF[toks[i - 1]]);
  if (negated && shape === 'fall') return 'notfall';
  if (negated && shape === 'flat') return 'notflat';
  // "not so good", "not great": a level word negated is a bad level; "not improving" (a marker) stays a direction
  if (negated && shape === 'good' && GOOD_WORDS.has(t)) return 'level_bad';
  if (negated && (shape === 'rise' || shape === 'good')) return 'notrise';
  // "not noisy", "no spikes", "does not explode": a shape ruled out says nothing about the curve
  if (
    negated &&
    (shape === 'fluct' || shape === 'spike' || shape === 'explode' || shape === 'smooth' || shape === 'slow')
  )
    return undefined;
  return shape;
}

/** quality words in the metric's direction: a loss that gets better falls, an accuracy rises */
export function direction(s: Shape, m: Metric): Shape {
  if (s === 'level_bad') return m === 'loss' ? 'high' : 'low';
  if (s === 'good') return m === 'loss' ? 'fall' : 'rise';
  if (s === 'bad') return m === 'loss' ? 'rise' : 'fall';
  return s;
}

/** "loss goes 0.5 0.8 1.5 3.2 7.9", "val_loss: 0.31 0.29 0.30 0.34 0.39": the shape of a run of values */
export function sequenceFacts(toks: string[]): Fact[] {
  const facts: Fact[] = [];
  let i = 0;
  while (i < toks.length) {
    const run: number[] = [];
    let joinedByTo = true;
    let lastValueAt = -1;
    // epochs said between the values ("at 20 its 0.38, at 40 0.47"), and the filler words in a row
    let sawEpoch = false;
    let fillers = 0;
    let j = i;
    // "epoch 1 val_loss 0.50, epoch 10 val_loss 0.41, ...": the same label said again before each value joins the run
    let k0 = i;
    while (
      k0 > 0 &&
      i - k0 < 3 &&
      (sideOf(toks[k0 - 1]) || LOSS_WORDS.has(toks[k0 - 1]) || ACC_WORDS.has(toks[k0 - 1]))
    )
      k0--;
    const label = toks.slice(k0, i);
    const labelAt = (at: number) => label.length > 0 && label.every((w, n) => toks[at + n] === w);
    for (; j < toks.length; j++) {
      if (run.length && labelAt(j) && parseNum(toks[j + label.length] ?? '')) {
        j += label.length - 1;
        continue;
      }
      // "from 0.35 at epoch 8 to 0.61 at epoch 40": the epoch said between the values is not one
      if (run.length && EPOCH_WORDS.has(toks[j]) && parseNum(toks[j + 1] ?? '')) {
        // ("Epoch 20/50": the planned total after the epoch is not a value either)
        j += parseNum(toks[j + 1])!.decimals === 0 && parseNum(toks[j + 2] ?? '')?.decimals === 0 ? 2 : 1;
        sawEpoch = true;
        continue;
      }
      if (run.length && AT_WORDS.has(toks[j]) && EPOCH_WORDS.has(toks[j + 1] ?? '')) continue;
      // "0.30, at 30 it was 0.36": a whole number after "at" / "by" between values with decimals is an epoch
      if (
        run.length &&
        AT_WORDS.has(toks[j]) &&
        parseNum(toks[j + 1] ?? '')?.decimals === 0 &&
        !parseNum(toks[j + 1])!.pct &&
        run.every((x) => !Number.isInteger(x))
      ) {
        j++;
        sawEpoch = true;
        joinedByTo = false;
        continue;
      }
      // "from 0.12 to 1.8 and the next epoch it was 0.13 again": a few filler words between two values
      if (run.length && FILLERS.has(toks[j]) && fillers < MAX_FILLERS) {
        fillers++;
        joinedByTo = false;
        continue;
      }
      const n = parseNum(toks[j]);
      // ("3 classes", "64 units": a count, not a value)
      if (n && n.decimals === 0 && !n.pct && NOT_A_VALUE_AFTER.has(toks[j + 1] ?? '')) break;
      if (n) {
        // two values with nothing between them are not "from ... to ..."
        if (run.length && lastValueAt === j - 1) joinedByTo = false;
        run.push(n.v);
        lastValueAt = j;
        fillers = 0;
      } else if (!['to', 'then', 'and', 'x'].includes(toks[j]) || run.length === 0) break;
      else if (toks[j] !== 'to') joinedByTo = false;
    }
    let curve: Curve = 'any';
    let metric: Metric | undefined;
    for (let k = i - 1; k >= Math.max(0, i - 5); k--) {
      const sd = sideOf(toks[k]);
      if (sd && curve === 'any') curve = sd;
      if (ACC_WORDS.has(toks[k])) metric ??= 'acc';
      if (LOSS_WORDS.has(toks[k])) metric ??= 'loss';
    }
    // "went from 0.3 to 5000": two values joined by "to", about a named curve or metric (not "between 0.3 and 1.2", not "range 0 to 10000")
    const fromTo =
      run.length >= 2 && joinedByTo && toks[i - 1] !== 'between' && (metric !== undefined || curve !== 'any');
    // (trailing fillers are no part of the run)
    while (j > lastValueAt + 1 && FILLERS.has(toks[j - 1])) j--;
    // three values with their epochs said, or three that spike, are enough ("0.12 to 1.8 ... 0.13 again")
    const three = run.length === 3 && (sawEpoch || sequenceShape(run) === 'spike');
    if (run.length >= MIN_SEQUENCE || fromTo || three) {
      metric ??= 'loss';
      const shape = sequenceShape(run);
      if (shape) facts.push({ curve, metric, shape });
      if (shape === 'fall' && run.length >= MIN_SEQUENCE && creeps(run)) facts.push({ curve, metric, shape: 'slow' });
    }
    i = Math.max(j, i + 1);
  }
  return facts;
}

/** OURS: a label needs this many values to be read as a series ("loss: 0.31 ... loss: 0.28 ... loss: 0.27") */
export const MIN_LABELLED = 3;

/**
 * Pasted log lines ("Epoch 3/50 - loss: 0.41 - val_loss: 0.52", one per line): the values are grouped
 * by the label right before each (loss, val loss, train acc ...) and each group read as a series. A
 * bare metric next to its val twin is the training one (Keras' keys).
 */
export function labelledFacts(toks: string[], minValues = MIN_LABELLED): Fact[] {
  const series = new Map<string, number[]>();
  toks.forEach((t, i) => {
    const n = parseNum(t);
    if (!n || i === 0) return;
    let k = i;
    while (k > 0 && i - k < 3 && (sideOf(toks[k - 1]) || LOSS_WORDS.has(toks[k - 1]) || ACC_WORDS.has(toks[k - 1])))
      k--;
    const label = toks.slice(k, i);
    if (!label.some((w) => LOSS_WORDS.has(w) || ACC_WORDS.has(w))) return;
    const key = label.join(' ');
    const values = series.get(key);
    if (values) values.push(n.v);
    else series.set(key, [n.v]);
  });
  const anyVal = [...series.keys()].some((key) => key.split(' ').some((w) => sideOf(w) === 'val'));
  const facts: Fact[] = [];
  for (const [key, values] of series) {
    if (values.length < minValues) continue;
    const words = key.split(' ');
    const side = words.map(sideOf).find(Boolean);
    const metric: Metric = words.some((w) => ACC_WORDS.has(w)) ? 'acc' : 'loss';
    const shape = sequenceShape(values);
    const curve = side ?? (anyVal ? 'train' : 'any');
    if (shape) facts.push({ curve, metric, shape });
    if (shape === 'fall' && creeps(values)) facts.push({ curve, metric, shape: 'slow' });
  }
  return facts;
}

/** words a person says between the values of one run ("at 30 it was 0.36", "the next epoch it was 0.13") */
/** (to, then, and, x join values on their own: "from 0.3 to 5000" stays a from-to) */
const FILLERS = new Set(['it', 'its', 'is', 'was', 'were', 'now', 'the', 'next', 'epoch', 'after', 'again', 'by']);
/** OURS: at most this many filler words in a row between two values of one run */
const MAX_FILLERS = 6;
const EPOCH_WORDS = new Set(['epoch', 'epochs', 'ep', 'step', 'steps', 'iteration', 'iter']);
const AT_WORDS = new Set(['at', 'in', 'by', 'after', 'on', 'around', 'of']);

/** OURS: a U whose both ends are this far above its bottom reads as rising at the end */
const U_RISE = 1.15;

/** at least this many values in a row make a sequence worth reading */
export const MIN_SEQUENCE = 4;

export function sequenceShape(v: number[]): Shape | undefined {
  if (v.length === 2) return v[1] > v[0] * 1.2 ? 'rise' : v[1] < v[0] / 1.2 ? 'fall' : 'flat';
  let ups = 0;
  let downs = 0;
  let turns = 0;
  for (let k = 1; k < v.length; k++) {
    const d = Math.sign(v[k] - v[k - 1]);
    if (d > 0) ups++;
    if (d < 0) downs++;
    if (k > 1 && d !== 0 && d === -Math.sign(v[k - 1] - v[k - 2])) turns++;
  }
  const lo = Math.min(...v);
  const hi = Math.max(...v);
  if (hi - lo <= 0.01 * Math.max(Math.abs(hi), 1e-9)) return 'flat';
  // "0.041, 0.871, 0.046": one value far above both neighbours, the next one back near where it was
  // (its own two turns are no jumping around)
  if (turns <= 2 && oneJumpBack(v)) return 'spike';
  if (turns >= Math.max(2, (v.length - 1) / 2)) return 'fluct';
  const last = v[v.length - 1];
  // down then up ("0.8, 0.6, 0.5, 0.55, 0.63, 0.71"): a U, rising at the end
  const k = v.indexOf(lo);
  if (
    k > 0 &&
    k < v.length - 1 &&
    v[0] > lo * U_RISE &&
    last > lo * U_RISE &&
    v.slice(k).every((x, n, w) => n === 0 || x >= w[n - 1])
  )
    return 'rise';
  if (last >= hi && ups > downs) return 'rise';
  if (last <= lo && downs > ups) return 'fall';
  return undefined;
}

/** OURS: a fall of 4+ values that loses less than this share of its first value, every step small, creeps */
const CREEP = 0.1;
/** OURS: no single step of a creeping fall drops more than this share of the value before it */
const CREEP_STEP = 0.04;

/** "1.02 1.01 1.00 0.99 0.99 0.98": values that fall, but barely (a run learning too little) */
export function creeps(v: number[]): boolean {
  const first = v[0];
  const last = v[v.length - 1];
  return (
    first > 0 && (first - last) / first < CREEP && v.every((x, k) => k === 0 || v[k - 1] - x <= CREEP_STEP * v[k - 1])
  );
}

/** OURS: a value this many times both its neighbours, the next one back within BACK_RATIO of the one before, is a spike */
const SPIKE_RATIO = 2;
const BACK_RATIO = 1.5;

/** exactly one value jumps far above its neighbours and the run comes back right after */
function oneJumpBack(v: number[]): boolean {
  let jumps = 0;
  for (let k = 1; k < v.length - 1; k++)
    if (v[k] > 0 && v[k] >= SPIKE_RATIO * Math.max(v[k - 1], v[k + 1]) && v[k + 1] <= BACK_RATIO * v[k - 1]) jumps++;
  return jumps === 1;
}

export type Side = 'val' | 'train';

export function sideOf(t: string): Side | undefined {
  return isValWord(t) ? 'val' : isTrainWord(t) ? 'train' : undefined;
}
