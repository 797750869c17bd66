/**
 * Query understanding for why(): reads a question the way a person means it and returns concepts
 * (knowledge/concepts.ts) that score the knowledge entries together with the text search.
 *
 *  - typos: words that are not known are corrected to a domain word one edit away (two for long
 *    words), with the same first letter ("validaiton", "plateu", "lernign rate");
 *  - numbers that mean something: a loss at ln K (0.693, 1.099, 2.303, 4.605) or an accuracy at 1/K
 *    is chance level, 1e10 / inf is a loss that ran away, val accuracy 100% is too good to be true;
 *  - which curve a clause is about (train, val, both), and the direction or shape of that curve
 *    ("goes up", "flat", "jumps around", "spiky", "explodes"), with negation ("never decreases");
 *  - comparisons between the curves ("val loss much lower than train", "3x the training loss",
 *    "train 0.01 val 0.9", "noisier than train").
 *
 * Linear time: the text is capped, every regex is a flat alternation (no nested quantifiers), and
 * each pass walks the tokens once with a bounded look-around.
 */
import { CONCEPTS, DOMAIN_WORDS, type Concept } from './knowledge/concepts.js';
import { ENTRIES } from './knowledge/index.js';

/** questions longer than this are read up to here (Discord caps /why at 300 characters) */
export const MAX_QUESTION_CHARS = 2000;
/** typo correction: words shorter than this are left alone (too many neighbours) */
const MIN_TYPO_LENGTH = 5;
/** typo correction: from this length on, two edits are allowed */
const TWO_EDITS_FROM = 8;

export interface Understood {
  /** the question, lowercased, with typos corrected: what the text search reads */
  text: string;
  corrections: { from: string; to: string }[];
  /** concept -> strength (0..1] */
  concepts: Partial<Record<Concept, number>>;
}

// ------------------------------------------------------------------ typo correction

/** words never corrected: common English that sits one edit from a domain word */
const COMMON = new Set(
  (
    'about above after again against along always another around asked because before being below between both cannot could ' +
    'doesnt didnt different during each early every first found going great having helps improve large later least maybe might ' +
    'model models never normal other really right runs same should since small smaller still their there these thing think ' +
    'those though three times today trying under until using value values very wants where which while whole would wrong ' +
    'start starts started stays stayed stops stopped tried gives given makes making rises rising rose noise noisier ' +
    'worse worst better best lower higher bigger larger until after epoch epochs class classes label labels point points ' +
    'close closer steps layer spiky sharp weird lines faster slower train trains learn learns learnt learned ' +
    'pasted paste twice loads count counts total input inputs output outputs shape shapes turned stock stocks something ' +
    'samples sample simple classic climbing sliding combine prevent percent period combien cuantos cuantas cuanto pourquoi porque'
  ).split(/\s+/),
);

let vocab: { words: Set<string>; known: Set<string>; byFirst: Map<string, string[]> } | undefined;

/**
 * Targets: the domain words and every word of the entries' titles, questions and keywords. Known
 * (never corrected, never a target): also the words of the entries' answer text.
 */
function vocabulary() {
  if (vocab) return vocab;
  const words = new Set<string>(DOMAIN_WORDS);
  const known = new Set<string>(COMMON);
  for (const e of ENTRIES) {
    for (const t of [e.title, ...e.questions, ...e.keywords])
      for (const w of fold(t.toLowerCase()).match(/[a-z]+/g) ?? []) if (w.length >= MIN_TYPO_LENGTH - 1) words.add(w);
    for (const t of [e.why, ...(e.signs ?? []), ...(e.causes ?? []), e.guide ?? '']) for (const w of fold(t.toLowerCase()).match(/[a-z]+/g) ?? []) known.add(w);
  }
  for (const w of EXTRA_KNOWN) known.add(w);
  for (const w of COMMON) words.add(w);
  const byFirst = new Map<string, string[]>();
  for (const w of [...words].sort()) {
    if (w.length < MIN_TYPO_LENGTH - 1) continue;
    const l = byFirst.get(w[0]) ?? [];
    l.push(w);
    byFirst.set(w[0], l);
  }
  vocab = { words, known, byFirst };
  return vocab;
}

/** neighbouring keys on a QWERTY keyboard: the substitutions typos make */
const ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const NEAR = new Set<string>();
ROWS.forEach((row, r) =>
  [...row].forEach((ch, i) => {
    const around = [row[i - 1], row[i + 1], ROWS[r - 1]?.[i], ROWS[r - 1]?.[i + 1], ROWS[r + 1]?.[i - 1], ROWS[r + 1]?.[i]];
    for (const o of around) if (o) NEAR.add(ch + o);
  }),
);
const VOWELS = new Set('aeiouy');

/** a substitution a person makes by accident: a neighbouring key, or one vowel for another (gradiant) */
function subCost(x: string, y: string): number {
  if (x === y) return 0;
  return NEAR.has(x + y) || (VOWELS.has(x) && VOWELS.has(y)) ? 1 : 2;
}

/**
 * Optimal-string-alignment distance (adjacent swaps count 1, a substitution 1 only for a neighbouring
 * key or a vowel, else 2), or max+1 once it exceeds max.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + subCost(a[i - 1], b[j - 1]));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length];
}

/** an inflection of a known word: increasing, decreased, plateaus, jumps */
function knownForm(w: string, words: Set<string>): boolean {
  for (const suf of ['s', 'es', 'ed', 'd', 'ing', 'ly', 'er', 'y'])
    if (w.endsWith(suf) && (words.has(w.slice(0, -suf.length)) || words.has(w.slice(0, -suf.length) + 'e'))) return true;
  return false;
}

/** corrections already made (bounded: the vocabulary is fixed, questions are not) */
const corrected = new Map<string, string>();
const MAX_MEMO = 10_000;

function correct(w: string): string {
  if (w.length < MIN_TYPO_LENGTH || w.length > 20) return w;
  const memo = corrected.get(w);
  if (memo !== undefined) return memo;
  const c = correctUncached(w);
  if (corrected.size >= MAX_MEMO) corrected.clear();
  corrected.set(w, c);
  return c;
}

function correctUncached(w: string): string {
  const { words, known, byFirst } = vocabulary();
  if (words.has(w) || known.has(w) || knownForm(w, words) || knownForm(w, known)) return w;
  const max = w.length >= TWO_EDITS_FROM ? 2 : 1;
  let best = w;
  let bestD = max + 1;
  for (const c of byFirst.get(w[0]) ?? []) {
    const d = editDistance(w, c, Math.min(max, bestD));
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return bestD <= max ? best : w;
}

// ------------------------------------------------------------------ phrases -> marker tokens

/** multi-word phrases become one marker token (checked in this order) */
const MARKERS: [RegExp, string][] = [
  [/\b(no (clear )?trend|no direction|randomly|with no pattern)\b/g, ' xnotrend '],
  [/\b(u|v)[ -]?shaped?\b/g, ' xfall xrise '],
  // a plateau (however it is spelt) is a loss curve going flat, even with no curve named
  [/\bplat(eau|eaux|eu|au|o|oe|ou|ue|eua)(s|ed|ing)?\b/g, ' loss xflat '],
  [/\b(not (yet )?converged?|havent converged|hasnt converged|didnt converge|not converging|never converged?)\b/g, ' xstill xfall '],
  [/\b(fluctu\w*|oscil+(at|e)\w*|wiggl\w*|jitter\w*|shaky|bumpy|wavy|sawtooth|roller ?coaster|see ?saw|(vary|varies|varying) (a lot|wildly|a great deal)|inconsistent|going crazy|all over|(not|never|isnt|arent|wasnt|not very) stable|zig ?zag\w*|wobbl\w*|bounc\w*|jump(s|ing|ed)? (around|everywhere|up and down|all over)|jumps between|jumping between|jumpy|up and down|up down|all over the place|erratic\w*|chaotic|noisy|noisier|noise|unstable|instable|unsteady|swing(s|ing)?|volatile|back and forth)\b/g, ' xfluct '],
  [/\b(spik\w*|peaks?|blips?|bursts?|sudden\w* (jump|jumps|peak|peaks|increase|increases|rise)|sharp (jump|jumps|peak|peaks|increase|increases|rise)|(big|huge|large) jumps?)\b/g, ' xspike '],
  [/\b(comes back( down)?|came back|back to normal|then back|and back|recover\w*)\b/g, ' xrecover '],
  [/\b(explod\w*|blows? up|blew up|blowing up|exponential\w*|skyrocket\w*|shoots? up|to infinity)\b/g, ' xexplode '],
  [/\b(stops? (decreasing|improving|going down|dropping|learning|falling)|stopped (decreasing|improving|going down|dropping|learning|falling)|not improving|isnt improving|no longer improv\w*|nothing (changes|changed|improves|happens)|no (change|progress|improvement)|(doesnt|does not|dont|do not|didnt|wont) (change|move|budge)|not (changing|moving)|(stays?|stayed|remains?|staying) (at|around|the same|constant|same)|level\w* off|evens? out|saturat\w*|hover\w*|sits? (at|around)|(wont|cant|doesnt|does not|never|not|cannot) (go|get|going|getting|drop|fall) (below|under|lower|any lower)|(doesnt|does not|dont|wont|not) (improve|decrease)s?|(and|then) (stays|stayed|remains|remained)(?= *(?:$|[,.;!?]))|the same value|same value|flat\w*|plateau\w*|stagnat\w*|stall\w*|stuck|frozen|constant|unchanged|forever)\b/g, ' xflat '],
  [/\b(goes up|go up|going up|went up|gone up|turns? up|deteriorat\w*|degrad\w*|creep\w* up|ascend\w*|(goes|go|going|went) higher|(getting|gets|get|got|become|becomes|became|becoming) (higher|bigger|larger|worse|greater)|(higher|bigger|worse) and (higher|bigger|worse)|increas\w*|rises|rise|rising|rose|climb\w*|grow\w*|grew|upward\w*|worsen\w*)\b/g, ' xrise '],
  [/\b(goes down|go down|going down|went down|decreas\w*|drop\w*|falls?|falling|fell|declin\w*|downward\w*|reduc\w*|shrink\w*|descend\w*|diminish\w*|(goes|go|going|went|gets|getting|become|becomes|became|becoming) (lower|smaller|better)|lower and lower)\b/g, ' xfall '],
  [/\b(improv\w*|better and better)\b/g, ' xgood '],
  [/\b(bad|poor\w*|terrible|awful|horrible)\b/g, ' xbad '],
];

// word classes (after markers)
const NEG = new Set(['not', 'never', 'no', 'dont', 'doesnt', 'didnt', 'isnt', 'wont', 'cant', 'cannot', 'barely', 'hardly', 'nor', 'instead', 'hasnt', 'havent', 'arent', 'wasnt', 'werent']);
const isValWord = (t: string) => t === 'val' || t === 'dev' || t === 'test' || t === 'holdout' || t === 'eval' || t.startsWith('valid') || t.startsWith('evaluat');
const isTrainWord = (t: string) => t.startsWith('train') || t === 'trn';
const LOSS_WORDS = new Set(['loss', 'losses', 'error', 'errors', 'mse', 'mae', 'rmse', 'mape', 'nll', 'cost', 'entropy', 'crossentropy', 'bce', 'perplexity']);
const ACC_WORDS = new Set(['acc', 'accuracy', 'accuracies', 'auc', 'f1', 'precision', 'recall', 'score', 'metric', 'metrics', 'r2', 'iou', 'dice']);
const CURVE_WORDS = new Set(['curve', 'curves', 'graph', 'plot', 'line']);
const LOW_WORDS = new Set(['tiny', 'small', 'low', 'little', 'lowest']);
const HIGH_WORDS = new Set(['big', 'huge', 'large', 'high', 'highest', 'massive']);
const GOOD_WORDS = new Set(['great', 'good', 'well', 'fine', 'perfect', 'excellent']);
/** numbers after these words are not metric values (epoch 20, 128 units, lr 0.01, batch size 8) */
const NOT_A_VALUE_BEFORE = new Set(['epoch', 'epochs', 'layer', 'layers', 'units', 'unit', 'size', 'batch', 'lr', 'rate', 'patience', 'dropout', 'classes', 'window', 'steps', 'step', 'of', 'seed', 'run', 'fold', 'folds', 'lstm', 'top', 'keras', 'python', 'version', 'x', 'l2', 'decay', 'momentum', 'between']);
const NOT_A_VALUE_AFTER = new Set(['epoch', 'epochs', 'layer', 'layers', 'units', 'unit', 'classes', 'class', 'categories', 'labels', 'samples', 'points', 'steps', 'times', 'x', 'days', 'rows', 'models', 'runs', 'folds', 'hours', 'minutes', 'seconds', 'features', 'neurons', 'batches', 'sequences', 'timesteps']);

// ------------------------------------------------------------------ numbers

interface Num {
  v: number;
  decimals: number;
  pct: boolean;
}

function parseNum(t: string): Num | undefined {
  const m = /^(\d*\.?\d+)(e[+-]?\d+)?(%?)$/.exec(t);
  if (!m) return undefined;
  const v = Number(m[1] + (m[2] ?? ''));
  if (!Number.isFinite(v)) return { v: Infinity, decimals: 0, pct: false };
  const dot = m[1].indexOf('.');
  return { v: m[3] ? v / 100 : v, decimals: m[2] ? 0 : dot < 0 ? 0 : m[1].length - dot - 1, pct: m[3] === '%' };
}

/** chance-level losses: cross-entropy of a uniform guess over K classes is ln K */
const CHANCE_CLASSES = [2, 3, 4, 5, 10, 100, 1000];

function lossAtChance(n: Num, classes?: number): boolean {
  if (n.decimals < 2) return false;
  const tol = 0.6 * 10 ** -n.decimals + 0.0015;
  return [...CHANCE_CLASSES, ...(classes ? [classes] : [])].some((k) => Math.abs(n.v - Math.log(k)) <= tol);
}

function accAtChance(n: Num, classes?: number): boolean {
  const ks = classes ? [classes] : [2, 3, 4, 5, 10, 100];
  return ks.some((k) => Math.abs(n.v - 1 / k) <= Math.min(0.01, 0.2 / k) + 0.002);
}

function classCount(s: string): number | undefined {
  const m = /\b(\d{1,4}) ?(classes|class|categories|labels|way)\b/.exec(s);
  if (m) return Number(m[1]);
  if (/\b(binary|cats? (vs|and|or) dogs?|yes ?no|two classes)\b/.test(s)) return 2;
  if (/\b(mnist|cifar10|cifar 10|digits)\b/.test(s)) return 10;
  if (/\bcifar ?100\b/.test(s)) return 100;
  return undefined;
}

// ------------------------------------------------------------------ clause facts

type Curve = 'train' | 'val' | 'any';
type Metric = 'loss' | 'acc';
type Shape = 'level_bad' | 'notflat' | 'notrise' | 'rise' | 'fall' | 'flat' | 'fluct' | 'spike' | 'explode' | 'notfall' | 'good' | 'bad' | 'high' | 'low' | 'notrend' | 'recover';

const SHAPE_OF: Record<string, Shape> = {
  xrise: 'rise', xfall: 'fall', xflat: 'flat', xfluct: 'fluct', xspike: 'spike', xexplode: 'explode', xgood: 'good', xnotrend: 'notrend', xrecover: 'recover', up: 'rise', down: 'fall',
};

/** clause boundaries: punctuation and contrast words */
const CLAUSE_SPLIT = /[,;!?]|\.(?=\s|$)|\b(?:but|while|whereas|however|although|though|meanwhile|yet|whilst)\b/;

interface Fact {
  curve: Curve;
  metric: Metric;
  shape: Shape;
}

function clauseFacts(clauses: string[][], defaultCurve: Curve | undefined): Fact[] {
  const facts: Fact[] = [];
  let inherited: Curve[] | undefined;
  let previous: Fact[] = [];
  for (const toks of clauses) {
    const start = facts.length;
    const curvesIn: Curve[] = [];
    for (const t of toks) if (isValWord(t)) curvesIn.push('val');
    else if (isTrainWord(t)) curvesIn.push('train');
    const clauseCurves: Curve[] = curvesIn.length ? [...new Set(curvesIn)] : (inherited ?? (defaultCurve ? [defaultCurve] : ['any']));
    if (toks.includes('both') && !curvesIn.length && !inherited) clauseCurves.splice(0, clauseCurves.length, 'train', 'val');
    let spanCurves: Curve[] = [];
    let spanMetrics: Metric[] = [];
    let lastCurves: Curve[] = clauseCurves;
    let lastMetrics: Metric[] = [];
    const firstMetric = toks.find((t) => LOSS_WORDS.has(t) || ACC_WORDS.has(t) || CURVE_WORDS.has(t));
    // a shape word with no curve, metric or earlier clause to attach to ("small batch more noise?") says nothing about the curves
    if (!firstMetric && !curvesIn.length && !inherited) continue;
    const fallbackMetric: Metric = firstMetric && ACC_WORDS.has(firstMetric) ? 'acc' : 'loss';
    toks.forEach((t, i) => {
      if (isValWord(t)) spanCurves.push('val');
      else if (isTrainWord(t)) spanCurves.push('train');
      else if (t === 'both' && spanCurves.length === 0 && clauseCurves.length > 1) spanCurves.push(...clauseCurves);
      if (LOSS_WORDS.has(t) || CURVE_WORDS.has(t)) spanMetrics.push('loss');
      else if (ACC_WORDS.has(t)) spanMetrics.push('acc');
      let shape: Shape | undefined = SHAPE_OF[t];
      const compared = toks[i + 1] === 'than' || toks[i + 1] === 'then';
      if (!shape && (t === 'better' || t === 'worse') && !compared) shape = t === 'better' ? 'good' : 'bad';
      if (!shape && t === 'xbad') shape = 'level_bad';
      if (!shape && LOW_WORDS.has(t)) shape = 'low';
      if (!shape && HIGH_WORDS.has(t) && toks[i + 1] !== 'than' && toks[i + 1] !== 'jump') shape = 'high';
      if (!shape && GOOD_WORDS.has(t)) shape = 'good';
      if (!shape) return;
      const negated = (i > 0 && NEG.has(toks[i - 1])) || (i > 1 && NEG.has(toks[i - 2]) && !SHAPE_OF[toks[i - 1]]);
      if (negated && shape === 'fall') shape = 'notfall';
      else if (negated && shape === 'flat') shape = 'notflat';
      else if (negated && (shape === 'rise' || shape === 'good')) shape = 'notrise';
      if (!shape) return;
      const curves = spanCurves.length ? [...new Set(spanCurves)] : lastCurves;
      const metrics = spanMetrics.length ? [...new Set(spanMetrics)] : lastMetrics.length ? lastMetrics : [fallbackMetric];
      for (const c of curves) for (const m of metrics) facts.push({ curve: c, metric: m, shape: direction(shape, m) });
      lastCurves = curves;
      lastMetrics = metrics;
      spanCurves = [];
      spanMetrics = [];
    });
    // "loss went up ..., both train and val": a clause that only names curves says who the last clause was about
    if (facts.length === start && curvesIn.length && previous.some((f) => f.curve === 'any'))
      for (const f of previous) if (f.curve === 'any') for (const c of new Set(curvesIn)) facts.push({ ...f, curve: c });
    // "goes up and down and up", "down then up then down": no trend, it jumps around
    const dirs = facts.slice(start).filter((f) => f.shape === 'rise' || f.shape === 'fall');
    let turns = 0;
    for (let k = 1; k < dirs.length; k++) if (dirs[k].shape !== dirs[k - 1].shape && dirs[k].curve === dirs[k - 1].curve) turns++;
    if (turns >= 2) facts.splice(start, facts.length - start, ...[...new Set(dirs.map((f) => f.curve))].map((c): Fact => ({ curve: c, metric: dirs[0].metric, shape: 'fluct' })));
    previous = facts.slice(start);
    inherited = curvesIn.length ? [...new Set(curvesIn)] : (inherited ?? clauseCurves);
  }
  return facts;
}

/** quality words in the metric's direction: a loss that gets better falls, an accuracy rises */
function direction(s: Shape, m: Metric): Shape {
  if (s === 'level_bad') return m === 'loss' ? 'high' : 'low';
  if (s === 'good') return m === 'loss' ? 'fall' : 'rise';
  if (s === 'bad') return m === 'loss' ? 'rise' : 'fall';
  return s;
}

/** "loss goes 0.5 0.8 1.5 3.2 7.9", "val_loss: 0.31 0.29 0.30 0.34 0.39": the shape of a run of values */
function sequenceFacts(toks: string[]): Fact[] {
  const facts: Fact[] = [];
  let i = 0;
  while (i < toks.length) {
    const run: number[] = [];
    let joinedByTo = true;
    let j = i;
    for (; j < toks.length; j++) {
      const n = parseNum(toks[j]);
      if (n) run.push(n.v);
      else if (!['to', 'then', 'and', 'x'].includes(toks[j]) || run.length === 0) break;
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
    const fromTo = run.length === 2 && joinedByTo && toks[i - 1] !== 'between' && (metric !== undefined || curve !== 'any');
    if (run.length >= MIN_SEQUENCE || fromTo) {
      metric ??= 'loss';
      const shape = sequenceShape(run);
      if (shape) facts.push({ curve, metric, shape });
    }
    i = Math.max(j, i + 1);
  }
  return facts;
}

/** at least this many values in a row make a sequence worth reading */
const MIN_SEQUENCE = 4;

function sequenceShape(v: number[]): Shape | undefined {
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
  if (turns >= Math.max(2, (v.length - 1) / 2)) return 'fluct';
  const last = v[v.length - 1];
  if (last >= hi && ups > downs) return 'rise';
  if (last <= lo && downs > ups) return 'fall';
  return undefined;
}

// ------------------------------------------------------------------ comparisons

type Side = 'val' | 'train';

function sideOf(t: string): Side | undefined {
  return isValWord(t) ? 'val' : isTrainWord(t) ? 'train' : undefined;
}

/**
 * "val loss lower than train", "validation below the training loss", "val < train", "3x the training
 * loss", "val loss much noisier than train": which curve is better (or noisier), and how strongly.
 */
function comparisons(toks: string[], add: (c: Concept, s: number) => void): void {
  toks.forEach((t, i) => {
    const next = toks[i + 1];
    let kind: 'lower' | 'higher' | 'better' | 'worse' | 'noisier' | undefined;
    if (['lower', 'less', 'smaller', 'lesser'].includes(t) && (next === 'than' || next === 'then')) kind = 'lower';
    else if (['below', 'under', 'beneath', '<', '<='].includes(t)) kind = 'lower';
    else if (['higher', 'bigger', 'larger', 'greater', 'more'].includes(t) && (next === 'than' || next === 'then')) kind = 'higher';
    else if (['above', 'exceeds', 'exceed', '>', '>='].includes(t)) kind = 'higher';
    else if (['beats', 'outperforms'].includes(t)) kind = 'better';
    else if (t === 'easier' && (next === 'than' || next === 'then')) kind = 'better';
    else if (t === 'harder' && (next === 'than' || next === 'then')) kind = 'worse';
    else if (t === 'better' && (next === 'than' || next === 'then')) kind = 'better';
    else if (t === 'worse' && (next === 'than' || next === 'then')) kind = 'worse';
    else if ((t === 'xfluct' || t === 'xspike') && (next === 'than' || next === 'then' || (next === 'compared' && toks[i + 2] === 'to'))) kind = 'noisier';
    else if (['twice', 'double', 'triple', 'thrice'].includes(t) && toks.slice(i + 1, i + 4).some((w) => sideOf(w))) kind = 'higher';
    else if (t === 'half' && toks.slice(i + 1, i + 4).some((w) => sideOf(w))) kind = 'lower';
    else if (t === 'x' || t === 'times') {
      // "val loss is 3x the training loss"
      const n = parseNum(toks[i - 1] ?? '');
      if (n && n.v >= 1.5 && toks.slice(i + 1, i + 4).some((w) => sideOf(w))) kind = 'higher';
    }
    if (!kind) return;
    let left: Side | undefined;
    for (let j = i - 1; j >= Math.max(0, i - 8) && !left; j--) left = sideOf(toks[j]);
    // "loss higher than validation loss": a bare loss against the validation loss is the training loss
    if (!left && toks.slice(Math.max(0, i - 3), i).some((w) => LOSS_WORDS.has(w)) && toks.slice(i + 1, i + 5).some(isValWord)) left = 'train';
    let right: Side | undefined;
    for (let j = i + 1; j < Math.min(toks.length, i + 8) && !right; j++)
      right = sideOf(toks[j]) ?? (left === 'val' && LOSS_WORDS.has(toks[j]) ? 'train' : undefined);
    if (!left || !right || left === right) return;
    const near = toks.slice(Math.max(0, i - 5), i + 5);
    const before = toks.slice(Math.max(0, i - 3), i);
    const slight = before.some((w) => ['slightly', 'bit', 'little', 'marginally'].includes(w));
    const much = before.some((w) => ['much', 'far', 'way', 'lot', 'significantly', 'hugely', 'massively', 'always', 'constantly'].includes(w)) || ['x', 'times', 'twice', 'double', 'triple', 'thrice', 'half'].includes(t);
    if (kind === 'noisier') return add(left === 'val' ? 'val_fluctuates' : 'fluctuates', 1);
    if (slight) return add('both_fall_close', 0.8);
    const accLike = near.some((w) => ACC_WORDS.has(w)) && !near.some((w) => LOSS_WORDS.has(w));
    // "left <kind> right": is the left curve the better one?
    const leftBetter = kind === 'better' ? true : kind === 'worse' ? false : (kind === 'lower') !== accLike;
    const valBetter = (left === 'val') === leftBetter;
    add(valBetter ? 'val_better' : 'train_better', much || valBetter ? 1 : 0.8);
  });
}

/** "train 0.01 val 0.9", "training acc 99% but val acc 70%": the two numbers compared */
function numericPairs(toks: string[], add: (c: Concept, s: number) => void): void {
  const seen: Partial<Record<`${Side}:${Metric}`, Num>> = {};
  let unsided: Num | undefined;
  toks.forEach((t, i) => {
    const n = parseNum(t);
    if (!n || NOT_A_VALUE_BEFORE.has(toks[i - 1] ?? '') || (n.decimals === 0 && !n.pct && NOT_A_VALUE_AFTER.has(toks[i + 1] ?? ''))) return;
    let side: Side | undefined;
    let metric: Metric | undefined;
    for (let j = i - 1; j >= Math.max(0, i - 5); j--) {
      if (parseNum(toks[j])) break;
      side ??= sideOf(toks[j]);
      metric ??= LOSS_WORDS.has(toks[j]) ? 'loss' : ACC_WORDS.has(toks[j]) ? 'acc' : undefined;
    }
    // "98% on train, 65% on test": a curve named right after the number wins
    if (['on', 'for', 'in', 'of'].includes(toks[i + 1] ?? '')) side = sideOf(toks[i + 2] ?? '') ?? sideOf(toks[i + 3] ?? '') ?? side;
    metric ??= n.pct ? 'acc' : 'loss';
    if (!side) {
      // "val_loss is 0.9 and loss is 0.1": a bare "loss" next to a named val_loss is the training loss
      if (metric === 'loss' && toks.slice(Math.max(0, i - 3), i).includes('loss')) unsided = n;
      return;
    }
    // the last value said is the end of the run ("epoch 1 loss 0.05 ..., epoch 50 loss 0.01")
    seen[`${side}:${metric}`] = n;
  });
  if (unsided && seen['val:loss'] && !seen['train:loss'] && unsided !== seen['val:loss']) seen['train:loss'] = unsided;
  for (const m of ['loss', 'acc'] as Metric[]) {
    const tr = seen[`train:${m}`];
    const va = seen[`val:${m}`];
    if (!tr || !va) continue;
    const [t, v] = m === 'acc' && (tr.v > 1 || va.v > 1) ? [tr.v / 100, va.v / 100] : [tr.v, va.v];
    if (m === 'loss') {
      if (v < t * 0.9) add('val_better', 1);
      else if (v > t * 1.5 && v - t > 0.02) add('train_better', v > t * 3 ? 1 : 0.8);
      else if (Math.abs(v - t) <= 0.2 * Math.max(t, v)) add('both_fall_close', 0.8);
    } else {
      if (v > t + 0.01) add('val_better', 1);
      else if (t - v >= 0.08) add('train_better', t - v >= 0.15 ? 1 : 0.8);
      else add('both_fall_close', 0.6);
    }
  }
}

// ------------------------------------------------------------------ cues on the whole question

/** whole-question cues: [pattern, concept, strength] */
const CUES: [RegExp, Concept, number][] = [
  [/\b(nan|nans|inf|infinity|infinite|not a number)\b/, 'nan', 1],
  [/\b((val\w*|test) (loss|error|mse|mae) (is |of |at |=|goes to |went to )?(almost |nearly |near |basically |exactly |practically )?(0|zero|0\.0+)(?![.\d])|(0|zero) (val\w*|test) (loss|error)|(same|duplicate\w*|overlap\w*|identical|shared) (\w+ ){0,2}(in|between|across) (both |the )?(train\w*|val\w*|test))\b/, 'suspicious', 1],
  [/\b(suspicious\w*|too good|too perfect|too high to be|to be (true|real)|leak\w*|makes no sense|impossible)\b/, 'suspicious', 1],
  [/\b(predicts? (only )?(one|the same|a single) (class|label|value|output|thing)|only predicts?|always predicts?|same (prediction|output|class) for (every|all|each)|outputs? the same|constant predictions?|all predictions are the same|predicts? (only )?(zeros|ones|0s|1s))\b/, 'one_class', 1],
  [/\b(no val\w*|without (a )?val\w*|(did not|didnt|dont|do not) (use|have|pass) (a |any )?val\w*|keyerror val\w*|keyerror \w* val\w*|(only|just) (has|have|shows?|contains?|got|gives?|logs?) (the )?(train\w*|loss|error|mse|mae|acc\w*)|(only|just) (the )?train\w* (loss|curve|error|acc\w*)|no (val\w*|test) (curve|loss|data|set|split|acc\w*)|there is no val\w*|missing val\w*|val\w* (is )?missing|add val\w* (data|split)|validation data to (model )?fit)\b/, 'no_val', 1],
  [/\b((concatenat\w*|merged|combined|appended|joined|pasted) (the )?(two |2 |several |multiple |\d+ )?(logs|runs|files|trainings|experiments|outputs)|(logs|outputs|runs) (of|from) (two|2|several|multiple|\d+) (experiments|runs|trainings)|(ran|run|trained|fit|fitted|pasted|appears?|printed|logged|started) (\w+ )?twice|two (runs|trainings|logs|fits)|back to back|restarts? (at|from) (epoch )?1|epoch\w* (counter |count |number )?(resets?|restarts?|starts? (again|over)|begins? again)|appears? twice|pasted (both|two|all)|more than one run|runs? (in|found in) (one|the same|my) log)\b/, 'several_runs', 1],
  [/\b(stop\w* (at|after|around) epoch \d+|(run|training|train|fit) finish\w* before|stopped (training )?(early|before)|ended early|(run|training|train|fit) (ended|stopped|finished|ends|stops|finishes) (early|before|at epoch)|(ended|stopped|stops?|finished|ends) at epoch \d+ (of|out of|instead of) \d+|stop(ped|s)? training before|early stopping (triggered|kicked in|fired)|epoch \d+ early stopping|\d+ early stopping|restoring model weights)\b/, 'stopped_early', 1],
  [/\b((only|just) (trained |ran |run )?(for )?[1-4] (epochs?|points|rows|steps|lines)|(only|just|have) ((has|have|contains?|got|shows?) )?(one|two|three|four|a single|1|2|3|4) (epochs?|points?|rows?|steps?|lines?|values?)|(only|just) [1-4] (points|epochs?) in|too (few|short)|not enough (epochs|data|points) to|not assessable|cant tell|can you tell anything)\b/, 'short_log', 1],
  [/\b(lr ?= ?[\d.e-]+\)? (gives|throws|raises)|unexpected (keyword )?(argument )?lr|lr (is )?deprecated|lr or learning rate|(old|older) code uses lr|lr= and|argument\S* not recognized|keyword (argument )?lr)\b/, 'lr_kwarg_error', 1],
  [/\b((learning rate|lr) (should |to )?(go|goes|going) down|(learning rate|lr) over (the )?(epochs|time|training)|(decay|reduce|lower|anneal|drop)\w* (the )?(learning rate|lr) (during|over|as|while|each|every)|(learning rate|lr) (decay|schedul\w*|warm ?up|annealing)|warm ?up)\b/, 'lr_over_time', 1],
  [/\b(stop (the )?(training|train) (automatically|when|once|if)|automatic\w* stop\w*|(how|where) (to|do i|should i|can i) (use|add|set|configure|put)\w* (an? )?early ?stop\w*|early ?stop\w* (callback|monitor|example|patience|how)|patience (for|of|\d+ or)|earlystopping (callback|monitor))\b/, 'early_stop_howto', 1],
  [/\b((different|differs?|change\w*|vary|varies|varying) (results? )?(every|each|between|across) (run|time|training)s?|results different|(every|each) (run|time) (different|gives)|another (run|one) (bad|worse|good|better)|same code|not reproducible|reproducib\w*|(set|fix) (the )?(random )?seeds?|(many|several|multiple) (times|seeds)|variance between (training )?runs|run (the )?same model)\b/, 'seed_variance', 1],
  [/\b((average|averaging|mean|combine|combining|blend\w*) (of )?(the )?(predictions|outputs) (of|from) (several|multiple|many|\d+)|(several|multiple|many|\d+) models? (outputs|predictions|together)|combine (\d+|several|multiple|many) models?|(average|averaging|mean) (of )?(several|multiple|many|\d+) (models|lstms|networks))\b/, 'several_models', 1],
  [/\b(inverse ?transform\w*|unscaled|not scaled|raw (values|prices|inputs|features|data)|different scales|(inputs?|features?|values?|data) (range|ranges|ranging|go|goes|are|is|from) (from |between )?-?\d+ (to|and) \d{3,})\b/, 'unscaled_inputs', 1],
  [/\b((how many|number of|enough|more|less|fewer) epochs?|\d+ (or|vs|versus) \d+ epochs?|epochs? (is |are )?(enough|too many))\b/, 'ask_epochs', 1],
  [/\b((how many|number of|how much|how big|how large|more|fewer|less|\d+) (lstm |hidden |recurrent )?(units|neurons|cells|hidden size)|hidden size)\b/, 'ask_units', 1],
  [/\b((how many|number of|more|fewer|\d+) (lstm |recurrent |hidden |stacked )?layers?)\b/, 'ask_layers', 1],
  [/\b((which|what|best|choose|choosing|pick|good|right|recommended|ideal|optimal|change|switch) (\w+ )?optimi[sz]ers?|optimi[sz]ers? (to use|for|is best))\b/, 'ask_optimizer', 1],
  [/\b((which|what|best|choose|choosing|pick|good|right|recommended|ideal|optimal|find) (a |the |an )?(good |best |initial )?lr|lr (too|is too|should|to use|for))\b/, 'ask_lr', 1],
  [/\b((which|what|best|choose|choosing|pick|good|right|ideal|optimal|small|smaller|big|bigger|large|larger|tiny) batch(es| size)?|batch ?size)\b/, 'ask_batch', 1],
  [/\b((save|keep|store|load)\w* (the |my )?(best|lowest|model|weights)|best (model|weights|checkpoint))\b/, 'ask_checkpoint', 1],
  [/\b(memori[sz]\w*|memoris\w*|by heart|learns? the training (data|set) (too well|perfectly))\b/, 'memorizes', 1],
  [/\b(too (small|simple|weak|shallow)|(cant|cannot|can not|unable to|doesnt|does not|wont) (even )?fit|not enough capacity)\b/, 'too_simple', 1],
  [/\b((no|without|not) (any )?(sign|signs|trace) of (over|under)fit\w*|no (over|under)fit\w* (and |or |nor )?(no )?((over|under)fit\w*)?)\b/, 'no_problem', 1],
  [/\b(walk ?forward|rolling (window |origin )?(validation|val|test|cv|evaluation|origin)|expanding window|backtest\w*|time ?series ?split|folds?|cross ?-?validat\w*|k ?-?fold|kfold)\b/, 'validation_scheme', 1],
  [/\b(stack\w* (two |2 |several |multiple )?(lstm|layers|rnn|gru)s?|return sequences)\b/, 'stacking', 1],
  [/\b(automatic\w* (search|tun\w*|find\w*)|(search|tun\w*|find\w*) [a-z0-9 ]{0,60}automatic\w*|grid search|random search|hyper ?param\w* (search|tuning|optimi[sz]ation)|(search|tune|tuning) (over |for )?(the )?(best )?hyper ?param\w*)\b/, 'hp_search', 1],
  [/\b(n ?steps|past (time )?steps|past (values|days|points|observations)|history length|window (size|length)|sliding window|look ?back|time ?steps|sequence length|input length|how long (should )?(the |my )?(input )?(sequence|window)s?)\b/, 'ask_window', 1],
  [/\b(exploding gradients?|gradients? (explod\w*|blows? up|norm gets huge|get huge|are huge|too large))\b/, 'grad_explodes', 1],
];

const END_CUE = /\b(last|final|end|ended|finished|longer|more epochs?|train more|training more|more training|stopped|stops|after \d+ epochs?|until the)\b/;
const ROOM_LEFT = /\b((could|can|would|might) (go|get) (even )?lower|room (to|for) improv\w*|not (done|finished) (learning|improving)|hasnt (finished|stopped) (improving|learning|decreasing))\b/;
const STILL_FALLING = /\b(still|keeps?|kept|continues?|continuing)( to)? (xfall|xgood)/;

/** how surely a falling accuracy reads as a rising loss */
const ACC_FALL_STRENGTH = 0.9;

// ------------------------------------------------------------------ entry point

export function understand(question: string): Understood {
  let s = ' ' + fold(question.slice(0, MAX_QUESTION_CHARS).toLowerCase()) + ' ';
  s = s.replace(/[↑⬆↗]/g, ' goes up ').replace(/[↓⬇↘]/g, ' goes down ');
  // 0,693 (decimal comma), "50 %", "0.4 -> 0.1"
  s = s.replace(/\b0,(\d)/g, '0.$1').replace(/(\d) %/g, '$1%').replace(/->|→|=>/g, ' to ');
  const corrections: { from: string; to: string }[] = [];
  s = s.replace(/[a-z]+(?:['’][a-z]*)?/g, (w) => {
    if (w.length > 20 || !/^[a-z]+$/.test(w)) return w;
    const c = correct(w);
    if (c !== w) corrections.push({ from: w, to: c });
    return c;
  });
  const text = s.trim();

  // the analysis copy: val_loss -> val loss, don't -> dont, learning rate -> lr, then phrase markers
  const plain = s.replace(/_/g, ' ').replace(/['’]/g, '').replace(/\blearning ?rate\b/g, 'lr');
  // "i am training an lstm", "after training for 200 epochs": the verb, not the training curve
  let a = plain
    .replace(/\b(i|im|am|was|were|we|you|when|while|after|before|during|keep|keeps|start|started|stop|stopped|finished|for|by|from)\s+(train|training|trained)\b(?!\s+(loss|losses|acc|accuracy|error|errors|curve|curves|set|split|data|and|vs|mse|mae|rmse|score|metrics?|one|is|was|goes|went|keeps))/g, '$1 xtrainverb')
    .replace(/\b(train|training|trained)\s+(a|an|the|my|our|it|this|for|on|with|model|lstm|lstms|network|rnn)\b/g, 'xtrainverb $2');
  for (const [re, marker] of MARKERS) a = a.replace(re, marker);
  a = a.replace(/\s+/g, ' ');

  const concepts: Partial<Record<Concept, number>> = {};
  const add = (c: Concept, strength: number) => {
    concepts[c] = Math.max(concepts[c] ?? 0, strength);
  };

  for (const [re, c, w] of CUES) if (re.test(plain)) add(c, w);
  // the lr= keyword: lr named with an argument error, or both names side by side
  if (/\blr\b/.test(plain) && (/\b(deprecat\w*|not (a )?recogni[sz]ed|unexpected|keyword|kwarg|argument|renamed|typeerror|valueerror)\b/.test(plain) || /\blr (or|vs|versus|and|instead of) lr\b/.test(plain)))
    add('lr_kwarg_error', 1);
  if (/\blr\b/.test(plain) && !concepts.lr_kwarg_error) add('lr_value', 1);
  if (concepts.hp_search && /\b(layers?|depth|width|architectures?|stacks?|stacking)\b/.test(plain)) add('search_architecture', 1);
  // "several runs" is about the log only when a log is in sight ("mean and std over several runs" is about seeds)
  if (/\b(several|multiple|many|\d+) (training )?runs\b|\b(ran|run|trained|fit|fitted|started) (\w+ )?(twice|\d+ times|two times|three times|several times|multiple times)\b/.test(plain) && /\b(log|logs|file|output|paste\w*|txt|terminal|console)\b/.test(plain))
    add('several_runs', 1);
  if (/\b(great|good|well|perfect|fine) (on|for) (the )?train/.test(plain) && /\b(bad|poor\w*|terrible|awful|worse) (on|for) (the )?(val|test)/.test(plain)) add('train_better', 1);
  const classes = classCount(a);

  const clauses = a
    .split(CLAUSE_SPLIT)
    .filter((c): c is string => typeof c === 'string')
    .map((c) => c.match(/\d*\.?\d+(?:e[+-]?\d+)?%?|[a-z][a-z0-9]*|<=?|>=?/g) ?? [])
    .filter((c) => c.length > 0);
  const all: string[] = a.match(/\d*\.?\d+(?:e[+-]?\d+)?%?|[a-z][a-z0-9]*|<=?|>=?/g) ?? [];
  const mentionsVal = all.some(isValWord);
  const mentionsTrain = all.some(isTrainWord);
  const facts = [...clauseFacts(clauses, mentionsVal && !mentionsTrain ? 'val' : undefined), ...sequenceFacts(all)];
  const has = (curve: Curve | '*', metric: Metric | '*', shape: Shape) =>
    facts.some((f) => (curve === '*' || f.curve === curve) && (metric === '*' || f.metric === metric) && f.shape === shape);

  // directions
  const valRise = has('val', 'loss', 'rise');
  const accAndLoss = (valRise && has('val', 'acc', 'rise')) || (!mentionsTrain && has('any', 'loss', 'rise') && has('any', 'acc', 'rise'));
  const trainRise = !accAndLoss && (has('train', 'loss', 'rise') || (has('any', 'loss', 'rise') && !mentionsVal));
  // an accuracy that falls says the same as a loss that rises, a little less surely
  const valAccFalls = !valRise && has('val', 'acc', 'fall') && !has('val', 'loss', 'fall');
  const trainAccFalls = !trainRise && (has('train', 'acc', 'fall') || (has('any', 'acc', 'fall') && !mentionsVal)) && !has('*', 'loss', 'fall');
  if (accAndLoss) add('val_acc_and_loss_rise', 1);
  else if ((valRise && !trainRise) || valAccFalls) {
    const k = valRise ? 1 : ACC_FALL_STRENGTH;
    add('val_rises', k);
    if (has('train', 'loss', 'fall') || has('any', 'loss', 'fall') || has('train', 'acc', 'rise')) add('val_rises_train_falls', k);
  }
  if (trainRise && !has('*', '*', 'recover')) add('train_rises', 1);
  else if (trainAccFalls && !has('*', '*', 'recover') && !concepts.nan) add('train_rises', ACC_FALL_STRENGTH);
  if (has('*', 'loss', 'explode') || has('*', 'acc', 'explode')) add(all.some((t) => t.startsWith('grad')) ? 'grad_explodes' : 'explodes', 1);

  // shapes
  const fluctTrain = has('train', '*', 'fluct') || has('any', '*', 'fluct');
  const fluctVal = has('val', '*', 'fluct');
  if (fluctTrain) add('fluctuates', 1);
  else if (fluctVal) add('val_fluctuates', 1);
  if ((fluctTrain || fluctVal) && (has('*', '*', 'notfall') || has('*', '*', 'notrend'))) add('no_trend', 1);
  const spikeWord = has('*', '*', 'spike');
  const jumpBack = all.includes('xrecover') && (all.includes('jump') || all.includes('jumps') || all.includes('xrise') || all.includes('xspike'));
  if (spikeWord || jumpBack) add('spike', 1);
  if (has('*', 'loss', 'flat')) add('flat', 1);
  else if (has('*', 'loss', 'notfall') && !fluctTrain && !fluctVal) add('flat', /\b(anymore|any more|no longer)\b/.test(a) ? 1 : 0.7);
  if (has('*', 'acc', 'flat') || has('*', 'acc', 'notrise')) add('acc_flat', 1);
  if (has('train', 'loss', 'high') && has('val', 'loss', 'high')) add('both_high', 1);
  if (STILL_FALLING.test(a) && END_CUE.test(a)) add('still_falling', 1);
  else if (/\bxstill xfall\b/.test(a) || ROOM_LEFT.test(plain)) add('still_falling', 1);
  else if (has('*', 'loss', 'notflat') && (END_CUE.test(a) || /\byet\b/.test(a))) add('still_falling', 1);
  const bothCurves = (mentionsVal && mentionsTrain) || (mentionsVal && all.includes('both')) || /\b(both (losses|curves|loss curves|lines)|curves|the two (curves|losses))\b/.test(a);
  if (
    bothCurves &&
    ((has('train', 'loss', 'fall') && has('val', 'loss', 'fall')) || /\b(together|close to each other|close together|(stay|stayed|stays|end|ended|ends|remain|remained) close|same value|converge to (the )?same)\b/.test(a)) &&
    !has('*', '*', 'high') &&
    !concepts.train_better &&
    !concepts.val_better
  )
    add('both_fall_close', 1);

  // comparisons and gaps
  comparisons(all, add);
  numericPairs(all, add);
  const noGap = /\b(no|without|small|tiny|little|hardly any|minimal) (\w+ )?(gap|difference)\b|\bclosely\b/.test(a);
  if (noGap) add('both_fall_close', 1);
  else if (mentionsVal && mentionsTrain && /\b(gap|difference|far apart|never closes)\b/.test(a) && !concepts.val_better) add('train_better', 1);
  if (has('train', '*', 'good') && (has('val', '*', 'rise') || has('val', 'loss', 'high') || has('val', 'acc', 'fall'))) add('train_better', 1);
  if (has('train', 'loss', 'low') && has('val', 'loss', 'high')) add('train_better', 1);

  // numbers that mean something
  const flatAnywhere = has('*', '*', 'flat') || /\b(always|every epoch|each epoch|all epochs|never above|never goes above|doesnt go above|not above|wont go above|no matter)\b/.test(a);
  all.forEach((t, i) => {
    const n = parseNum(t);
    if (!n) return;
    const prev = all[i - 1] ?? '';
    if (NOT_A_VALUE_BEFORE.has(prev) || (n.decimals === 0 && !n.pct && NOT_A_VALUE_AFTER.has(all[i + 1] ?? ''))) return;
    if (n.v >= 1e6) return add('huge_value', 1);
    let metric: Metric | undefined;
    let side: Side | undefined;
    for (let j = i - 1; j >= Math.max(0, i - 5) && !parseNum(all[j]); j--) {
      metric ??= LOSS_WORDS.has(all[j]) ? 'loss' : ACC_WORDS.has(all[j]) ? 'acc' : undefined;
      side ??= sideOf(all[j]);
    }
    // "0 validation loss": the metric (and curve) named after the number
    if (!metric)
      for (let j = i + 1; j < Math.min(all.length, i + 3) && !metric; j++) {
        side ??= sideOf(all[j]);
        metric = LOSS_WORDS.has(all[j]) ? 'loss' : ACC_WORDS.has(all[j]) ? 'acc' : undefined;
      }
    metric ??= n.pct ? 'acc' : undefined;
    if (metric === 'loss' || (!metric && lossAtChance(n, classes) && all.some((w) => LOSS_WORDS.has(w)))) {
      if (lossAtChance(n, classes)) add('loss_at_chance', flatAnywhere || classes ? 1 : 0.6);
      else if (side === 'val' && n.v <= 0.001 && !mentionsTrain) add('val_perfect', 1);
    } else if (metric === 'acc' || (!metric && classes !== undefined)) {
      const v = n.v > 1 && n.v <= 100 ? n.v / 100 : n.v;
      const trainSide = side === 'train' || (!side && mentionsTrain && !mentionsVal);
      if (v >= 0.999 && !trainSide) add('val_perfect', 1);
      else if (accAtChance({ ...n, v }, classes) && (flatAnywhere || classes !== undefined || v === 0.5)) add('acc_at_chance', 1);
      else if (v > 0.02 && v < 0.98 && flatAnywhere && !accAtChance({ ...n, v }, classes)) add('acc_not_chance', 1);
    }
  });

  // a chance-level number explains "stuck" better than a plateau does
  if (concepts.loss_at_chance === 1 || concepts.acc_at_chance) delete concepts.acc_not_chance;
  return { text, corrections, concepts: Object.fromEntries(CONCEPTS.filter((c) => concepts[c]).map((c) => [c, concepts[c]])) };
}

// the text search's synonyms and stop words are known words too
import { SEARCH_WORDS as EXTRA_KNOWN } from './search-words.js';

function fold(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
}
