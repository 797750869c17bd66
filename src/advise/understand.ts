/**
 * Query understanding for why(): reads a question the way a person means it and returns concepts
 * (knowledge/concepts.ts) that score the knowledge entries together with the text search.
 *
 *  - typos (understand/typos.ts): words that are not known are corrected to a domain word one edit
 *    away (two for long words), with the same first letter ("validaiton", "plateu", "lernign rate");
 *  - numbers that mean something (understand/numbers.ts): a loss at ln K (0.693, 1.099, 2.303, 4.605)
 *    or an accuracy at 1/K is chance level, 1e10 / inf is a loss that ran away, val accuracy 100% is
 *    too good to be true;
 *  - which curve a clause is about (train, val, both), and the direction or shape of that curve
 *    ("goes up", "flat", "jumps around", "spiky", "explodes"), with negation ("never decreases")
 *    (understand/curves.ts, the words in understand/words.ts);
 *  - comparisons between the curves (understand/comparisons.ts: "val loss much lower than train",
 *    "3x the training loss", "train 0.01 val 0.9", "noisier than train");
 *  - whole-question cues (understand/cues.ts: "predicts only one class", "unexpected keyword lr").
 *
 * Linear time: the text is capped, every regex is a flat alternation (no nested quantifiers), and
 * each pass walks the tokens once with a bounded look-around.
 */
import { CONCEPTS, type Concept } from './knowledge/concepts.js';
import { comparisons, numericPairs } from './understand/comparisons.js';
import { bestThenWorse, fellLittle, levelledOff, lowR2, nearBaseline } from './understand/course.js';
import { CUES } from './understand/cues.js';
import {
  CLAUSE_SPLIT,
  clauseFacts,
  labelledFacts,
  MIN_LABELLED,
  sequenceFacts,
  sideOf,
  type Curve,
  type Fact,
  type Metric,
  type Shape,
  type Side,
} from './understand/curves.js';
import { precedence } from './understand/precedence.js';
import { epochRestarts, fewerThanPlanned, focusedRun, shortHistoryLists } from './understand/runs.js';
import { askedSettings } from './understand/settings.js';
import { readTables } from './understand/tables.js';
import { valueConcepts } from './understand/values.js';
import { classCount, onePointValues } from './understand/numbers.js';
import { correct } from './understand/typos.js';
import {
  BRIEF,
  DIRECTION_LIST,
  atLastEpoch,
  END_CUE,
  fold,
  GLUED,
  HIGH_WORDS,
  LN_OF,
  NEGATED_DIAGNOSIS,
  NEGATED_FINDING,
  isTrainWord,
  isValWord,
  LOSS_WORDS,
  MANY_SPIKES,
  MARKERS,
  ONLY_RAN,
  PLANNED_EPOCHS,
  ROOM_LEFT,
  STILL_FALLING,
  STOP_VERB,
} from './understand/words.js';
import { toEnglish } from './understand/languages.js';

export { editDistance } from './understand/typos.js';

/** questions longer than this are read up to here (Discord caps /why at 300 characters) */
export const MAX_QUESTION_CHARS = 2000;
/** "which (one) is better", "what works better": a choice; "better" then reads as no comparison of curves */
const CHOICE_BETTER = /\b(which|what)((?: \w+){0,3}) better\b(?! th[ae]n)/g;
/** the asker wants a verdict on the numbers */
const JUDGE =
  /\b(good|ok|okay|fine|bad|decent|diagnos\w*|overfit\w*|underfit\w*|tell|judge|assess\w*|results?|enough|normal|verdict)\b/;
/** a word for a curve's course (a quality word, "is the model good", is none) */
const MOVES = /\b(xrise|xfall|xflat|xfluct|xspike|xexplode|xrecover|xnotrend|xstill|up|down)\b/;
/** the asker finds the curves fine */
const LOOKS_FINE = /\b(textbook|healthy|by the book|beautiful|looks? (good|great|fine|perfect|nice|ok|okay)|nice)\b/;
/** words about a value's course over the run: with any of them, values are no single snapshot */
const COURSE =
  /\b(stay\w*|stuck|stagn\w*|around|always|every|each|since|after|then|from|until|still|ever|never|anymore|whole|throughout|keeps?|remains?|sits?|hover\w*|stop\w*|both|all|goes|went|gets|got|ep|ep\d+|epochs?|iter\w*|steps?|start\w*|end\w*|x\w+)\b/;
/** how surely a falling accuracy reads as a rising loss */
const ACC_FALL_STRENGTH = 0.9;

export interface Understood {
  /** the question, lowercased, with typos corrected: what the text search reads */
  text: string;
  corrections: { from: string; to: string }[];
  /** concept -> strength (0..1] */
  concepts: Partial<Record<Concept, number>>;
}

type Add = (c: Concept, strength: number) => void;
type Has = (curve: Curve | '*', metric: Metric | '*', shape: Shape) => boolean;

/** What one question says, read once and shared by the steps below. */
interface Reading {
  /** the analysis copy, with marker tokens (xrise, xflat, ...) */
  a: string;
  /** the question without markers: underscores and apostrophes gone, learning rate -> lr */
  plain: string;
  /** every token of the analysis copy */
  all: string[];
  facts: Fact[];
  /** the facts read from runs of values ("0.9 0.6 0.45 0.38") */
  sequences: Fact[];
  /** the question says a change lasted a moment ("for one epoch", "sometimes") */
  brief: boolean;
  has: Has;
  mentionsVal: boolean;
  mentionsTrain: boolean;
  classes?: number;
  concepts: Partial<Record<Concept, number>>;
  add: Add;
}

export function understand(question: string): Understood {
  const { text, corrections, plain } = normalise(question);
  // two runs described and one asked about: the curves read are that run's
  const focus = focusedRun(plain);
  const r = read(focus ?? plain);
  cueConcepts(focus ? { ...r, plain } : r);
  if (focus) delete r.concepts.several_runs;
  directionConcepts(r);
  shapeConcepts(r);
  comparisons(r.all, r.add);
  numericPairs(r.all, r.add);
  gapConcepts(r);
  // both curves' values barely below where the run started: the model learnt little (not "close, so fine")
  // (or a validation error about that of a trivial baseline: "val mae 12.9, baseline mae 13.0")
  // (or every R² said low: "r2 0.1 on train and 0.08 on val")
  if (fellLittle(r.all) || nearBaseline(r.all) || lowR2(r.all)) {
    r.add('both_high', 1);
    delete r.concepts.both_fall_close;
  }
  // a gap with a validation curve that jumps around (and no clean upturn): high variance, not only noise
  if ((r.concepts.train_better ?? 0) >= 1 && r.concepts.val_fluctuates && !r.concepts.val_rises) r.add('noisy_gap', 1);
  valueConcepts(r);
  precedence(r.concepts, {
    lossFell: r.has('*', 'loss', 'fall') || r.has('*', 'acc', 'rise'),
    valNoRise: r.has('val', 'loss', 'notrise'),
    looksFine: LOOKS_FINE.test(r.plain),
    stuck: STUCK.test(r.plain),
  });
  // values said once each with nothing about their course ("loss: 0.23 - accuracy: 0.90, is it good?"): one point
  if (
    Object.keys(r.concepts).length === 0 &&
    !MOVES.test(r.a) &&
    !(r.mentionsTrain && r.mentionsVal) &&
    !COURSE.test(r.a) &&
    JUDGE.test(r.plain) &&
    onePointValues(r.all)
  )
    r.add('short_log', 1);
  return {
    text,
    corrections,
    concepts: Object.fromEntries(CONCEPTS.filter((c) => r.concepts[c]).map((c) => [c, r.concepts[c]])),
  };
}

/** Lowercase, fold accents, arrows and decimal commas, correct typos. */
function normalise(question: string): { text: string; corrections: Understood['corrections']; plain: string } {
  let s = ' ' + fold(question.slice(0, MAX_QUESTION_CHARS).toLowerCase()) + ' ';
  s = s.replace(/[↑⬆↗]/g, ' goes up ').replace(/[↓⬇↘]/g, ' goes down ');
  // 0,693 (decimal comma), "50 %", "0.4 -> 0.1"
  s = s
    .replace(/\b0,(\d)/g, '0.$1')
    .replace(/(\d) %/g, '$1%')
    .replace(/->|→|=>/g, ' to ');
  // glued names: valloss, trainacc, testaccuracy, validationloss; ln(2) -> 0.693
  s = s.replace(GLUED, '$1 $2').replace(LN_OF, (_, k: string) => ` ${Math.log(Number(k)).toFixed(3)} `);
  // 10^9 / 10**9 -> 1e9, "50 percent" -> 50%
  s = s.replace(/\b10 ?(?:\^|\*\*) ?(\d{1,3})\b/g, '1e$1').replace(/(\d) ?(?:percent|pct)\b/g, '$1%');
  const corrections: { from: string; to: string }[] = [];
  s = s.replace(/[a-z]+(?:['’][a-z]*)?/g, (w) => {
    if (w.length > 20 || !/^[a-z]+$/.test(w)) return w;
    const c = correct(w);
    if (c !== w) corrections.push({ from: w, to: c });
    return c;
  });
  // the analysis copy: val_loss -> val loss, don't -> dont, learning rate -> lr
  // "loss is not nan": a finding ruled out is no cue for it (nor a word for the text search)
  s = s.replace(NEGATED_FINDING, ' ');
  const plain = s
    // French elision: "nombre d'époques", "l'arrêt" -> "de epoques", "le arret"
    .replace(/\b([dl])['’](?=[a-z])/g, '$1e ')
    .replace(/_/g, ' ')
    .replace(/['’]/g, '')
    .replace(/\blearning ?rate\b/g, 'lr');
  // (the curve words of Spanish, French and German questions, for the readings below)
  const plainEn = toEnglish(plain);
  // "no overfitting", "not underfitting": a diagnosis named to be ruled out is not what is asked about
  // "which one is better", "what is better": a choice between options, not a curve better than another
  const text = s.replace(NEGATED_DIAGNOSIS, '$1').replace(CHOICE_BETTER, '$1$2').trim();
  return { text, corrections, plain: plainEn };
}

/** a history's keys listed ("dict_keys(['loss', 'accuracy'])", "keys are loss and mae") */
const KEYS_LISTED = /\b(dict keys ?\(? ?\[?|keys (are|=|:|is) ?\[?)(loss|acc\w*|mae|mse|rmse|lr)\b/;
/** "the longer i train the worse my training loss gets": a loss rising as training goes on */
const THE_MORE =
  /\bthe (?:more|longer)(?: \w+){0,4},? the (?:higher|bigger|larger|greater|worse)(?: the| my| our)?(?: (train\w*|val\w*|test))? (?:loss|error|mse|mae|rmse)\b/;
/** the curves said to be stuck at a level */
const STUCK =
  /\b(stuck|(never|not|neither|cant|cannot|wont|doesnt|dont|unable to|fails? to)( \w+)? (go|goes|get|gets|drop|drops|fall|falls|move|moves)( \w+)? (below|under|lower))\b/;
/** settings' questions that yield to an automatic search over them */
const SEARCHED: Concept[] = ['ask_units', 'ask_layers', 'ask_lr', 'ask_batch', 'ask_optimizer', 'ask_epochs'];
/** settings named as already tried ("even with 4 layers", "despite using 128 units") */
const ALREADY_TRIED =
  /\b(even with|despite|in spite of|although i (use|used|have|tried)|already (using|use|used|tried|have))\b/;
/** data the model has not seen: the validation curve in other words ("new data" alone is too often data to add) */
const UNSEEN =
  /\b((unseen|never seen|out of sample) (data|samples|examples|inputs|sequences|points)( set)?|(new|fresh) (samples|examples|inputs|sequences|points)|held ?out( set| data)?|hold ?out( set| data)?)\b/g;
/** "neither curve drops below 0.5" */
const NEITHER_BELOW =
  /\bneither (curve|line|loss|one|of them)s? (ever )?(goes|gets|drops|falls|went|got|dropped|fell|is|was|comes|came) (below|under|lower than)\b/g;
/** "the lower line", "the bottom curve"; "the upper line", "the top curve" */
const LOWER_LINE = /\b(?:lower|bottom) (line|curve|one)\b/g;
const UPPER_LINE = /\b(?:upper|top|higher) (line|curve|one)\b/g;
/** a word naming the training or the validation curve */
const SIDE_NAMED = /\b(val\w*|train|training|trn|test|testing|dev|eval\w*|holdout)\b/;
/** a bare metric right before its validation twin ("loss and val loss", "acc/val_acc") */
const BARE_BEFORE_VAL =
  /(?<!\b(?:val|validation|valid|train|training|test|dev|eval|trn) )\b(loss|acc|accuracy|mse|mae|rmse)(?= ?(?:and|&|vs|versus|or|\/) ?(?:the )?(?:val|validation|valid|test|dev|eval) \1\b)/g;

const TOKEN = /\d*\.?\d+(?:e[+-]?\d+)?%?|[a-z][a-z0-9]*|<=?|>=?/g;

/** Marker tokens, clauses and the facts they state about the curves. */
function read(question: string): Reading {
  // a pasted table (CSVLogger, Markdown): its columns read as series, its rows replaced by the last one
  const { facts: tables, rest: plain } = readTables(question);
  // "i am training an lstm", "after training for 200 epochs": the verb, not the training curve
  let a = plain
    .replace(
      /\b(i|im|am|was|were|we|you|when|while|after|before|during|keep|keeps|start|started|stop|stopped|finished|for|by|from)\s+(train|training|trained)\b(?!\s+(loss|losses|acc|accuracy|error|errors|curve|curves|set|split|data|and|vs|mse|mae|rmse|score|metrics?|one|is|was|goes|went|keeps))/g,
      '$1 xtrainverb',
    )
    // ("in the train my net is good": after an article or a preposition, train is the training set)
    .replace(
      /(?<!\b(?:the|in|on|for|of|with) )\b(train|training|trained)\s+(a|an|the|my|our|it|this|for|on|with|model|lstm|lstms|network|rnn)\b/g,
      'xtrainverb $2',
    );
  // "r squared", "r^2": the R² score (a score: higher is better)
  a = a.replace(/\br ?(?:squared|\^ ?2)\b/g, 'r2');
  // "loss and val_loss", "acc & val_acc": Keras' keys, the bare metric before its val twin is the training one
  a = a.replace(BARE_BEFORE_VAL, 'train $1');
  // data the model has not seen is the validation curve ("the error on unseen data", "held out loss")
  a = a.replace(UNSEEN, ' val ');
  // "neither curve gets below 0.8": both curves, that never go below
  a = a.replace(NEITHER_BELOW, ' both curves never go below ');
  // matplotlib's first two colours, when no curve is named: plt.plot(loss) is blue, plt.plot(val_loss) orange;
  // and the lower / upper line of a loss plot are the training / validation curves (the other way round
  // for an accuracy)
  if (!SIDE_NAMED.test(a)) {
    a = a.replace(/\borange\b/g, 'val').replace(/\bblue\b/g, 'train');
    const [low, high] = /\b(acc|accuracy|f1|auc|r2)\b/.test(a) ? ['val', 'train'] : ['train', 'val'];
    a = a.replace(LOWER_LINE, `${low} $1`).replace(UPPER_LINE, `${high} $1`);
  }
  for (const [re, marker] of MARKERS) a = a.replace(re, marker);
  // "near zero", "zero val loss": a number like any other
  a = a.replace(/\bzero\b/g, '0');
  // "goes up, down, up, down": one clause, so its turns are counted
  a = a.replace(DIRECTION_LIST, (m) => m.replace(/,/g, ' '));
  a = a.replace(/\s+/g, ' ');
  const concepts: Partial<Record<Concept, number>> = {};
  const add: Add = (c, strength) => {
    concepts[c] = Math.max(concepts[c] ?? 0, strength);
  };
  const clauses = a
    .split(CLAUSE_SPLIT)
    .filter((c): c is string => typeof c === 'string')
    .map((c) => c.match(TOKEN) ?? [])
    .filter((c) => c.length > 0);
  const all: string[] = a.match(TOKEN) ?? [];
  const mentionsVal = all.some(isValWord);
  const mentionsTrain = all.some(isTrainWord);
  // (two Keras progress lines, "Epoch 5/30 ... Epoch 30/30", are enough for a labelled series)
  const progressLines = [...plain.matchAll(/\bepoch ?\d+ ?\/ ?\d+/g)].length;
  const sequences = [...sequenceFacts(all), ...labelledFacts(all, progressLines >= 2 ? 2 : MIN_LABELLED), ...tables];
  const facts = [
    ...clauseFacts(clauses, mentionsVal && !mentionsTrain ? 'val' : undefined),
    ...sequences,
    ...bestThenWorse(all),
    ...levelledOff(all),
  ];
  const has: Has = (curve, metric, shape) =>
    facts.some(
      (f) => (curve === '*' || f.curve === curve) && (metric === '*' || f.metric === metric) && f.shape === shape,
    );
  return {
    a,
    plain,
    all,
    facts,
    sequences,
    brief: BRIEF.test(plain),
    has,
    mentionsVal,
    mentionsTrain,
    classes: classCount(a),
    concepts,
    add,
  };
}

/** Phrases that name a concept outright, and the learning-rate keyword. */
function cueConcepts({ plain, concepts, add }: Reading): void {
  for (const [re, c, w] of CUES) if (re.test(plain)) add(c, w);
  // the lr= keyword: lr named with an argument error, or both names side by side
  if (
    /\blr\b/.test(plain) &&
    (/\b(deprecat\w*|not (a )?recogni[sz]ed|unexpected|keyword|kwarg|argument|renamed|typeerror|valueerror)\b/.test(
      plain,
    ) ||
      /\blr (or|vs|versus|and|instead of) lr\b/.test(plain))
  )
    add('lr_kwarg_error', 1);
  if (/\blr\b/.test(plain) && !concepts.lr_kwarg_error) add('lr_value', 1);
  // a question about a setting ("should i use a bigger batch size"), whatever curves it also names;
  // settings searched for automatically are the search's space, and the lr changed over time is a schedule
  if (!concepts.hp_search && !concepts.lr_kwarg_error)
    for (const c of askedSettings(plain)) add(c === 'about_lr' && concepts.lr_over_time ? 'about_lr_schedule' : c, 1);
  if (concepts.hp_search && /\b(layers?|depth|width|architectures?|stacks?|stacking)\b/.test(plain))
    add('search_architecture', 1);
  // ("even with 4 layers and 512 units ...": settings named as already tried are no question about them)
  if (ALREADY_TRIED.test(plain)) for (const c of SEARCHED) delete concepts[c];
  // ("autotune the number of units and layers": the settings are the search's space, not the question)
  if (concepts.hp_search) for (const c of SEARCHED) delete concepts[c];
  // "several runs" is about the log only when a log is in sight ("mean and std over several runs" is about seeds)
  if (
    /\b(several|multiple|many|\d+) (training )?runs\b|\b(ran|run|trained|fit|fitted|started) (\w+ )?(twice|\d+ times|two times|three times|several times|multiple times)\b/.test(
      plain,
    ) &&
    /\b(log|logs|file|output|paste\w*|txt|terminal|console)\b/.test(plain)
  )
    add('several_runs', 1);
  // "i set epochs=100 but it stopped at 18", "finished early, i said 300 epochs": fewer epochs than planned
  if (/\bepoch/.test(plain) && PLANNED_EPOCHS.test(plain) && (STOP_VERB.test(plain) || ONLY_RAN.test(plain)))
    add('stopped_early', 1);
  // "Epoch 20/20 ... Epoch 1/20", "begins at epoch 1 a second time": the epoch count starts over in one log
  if (epochRestarts(plain)) add('several_runs', 1);
  // "dict_keys(['loss', 'accuracy'])", "history keys are loss and mae": the keys listed, none of them val_
  if (KEYS_LISTED.test(plain) && !/\bval/.test(plain)) add('no_val', 1);
  // "{'loss': [0.48], 'val_loss': [0.51]}": a history pasted as lists of 1-4 values
  if (shortHistoryLists(plain)) add('short_log', 1);
  // "the more epochs i run, the higher the train loss": a curve rising with training
  const more = THE_MORE.exec(plain);
  if (more) add(more[1] && isValWord(more[1]) ? 'val_rises' : 'train_rises', 1);
  // "trained for 100 epochs but history only has 23 entries": fewer epochs in the log than planned
  if (fewerThanPlanned(plain)) add('stopped_early', 1);
  // "run A ... run B", "run 1 ... run 2": two runs compared
  if (/\brun (a|1|one)\b/.test(plain) && /\brun (b|2|two)\b/.test(plain)) add('several_runs', 1);
  if (
    /\b(great|good|well|perfect|fine) (on|for) (the )?train/.test(plain) &&
    /\b(bad|poor\w*|terrible|awful|worse) (on|for) (the )?(val|test)/.test(plain)
  )
    add('train_better', 1);
}

/** Which way the curves go: val rises (overfitting), the training loss rises (diverging), explodes. */
function directionConcepts({ has, all, brief, mentionsVal, mentionsTrain, concepts, add }: Reading): void {
  const valRise = has('val', 'loss', 'rise');
  const accAndLoss =
    (valRise && has('val', 'acc', 'rise')) ||
    (!mentionsTrain && has('any', 'loss', 'rise') && has('any', 'acc', 'rise'));
  const trainRise = !accAndLoss && (has('train', 'loss', 'rise') || (has('any', 'loss', 'rise') && !mentionsVal));
  // an accuracy that falls says the same as a loss that rises, a little less surely
  const valAccFalls = !valRise && has('val', 'acc', 'fall') && !has('val', 'loss', 'fall');
  const trainAccFalls =
    !trainRise &&
    (has('train', 'acc', 'fall') || (has('any', 'acc', 'fall') && !mentionsVal)) &&
    !has('*', 'loss', 'fall');
  if (accAndLoss) add('val_acc_and_loss_rise', 1);
  else if ((valRise && !trainRise) || valAccFalls) {
    const k = valRise ? 1 : ACC_FALL_STRENGTH;
    add('val_rises', k);
    if (has('train', 'loss', 'fall') || has('any', 'loss', 'fall') || has('train', 'acc', 'rise'))
      add('val_rises_train_falls', k);
  }
  if (!valRise && has('val', 'loss', 'notrise')) add('val_no_rise', 1);
  // (a rise that comes back, or lasts a moment, is a spike: shapeConcepts)
  const back = has('*', '*', 'recover') || brief;
  if (trainRise && !back) add('train_rises', 1);
  // "val loss is flat but train loss keeps going down"
  // ("val accuracy stays the same while the train loss goes down": the same, said with accuracy)
  if (
    !valRise &&
    (has('val', 'loss', 'flat') || has('val', 'loss', 'notfall') || has('val', 'acc', 'flat')) &&
    (has('train', 'loss', 'fall') || has('train', 'acc', 'rise')) &&
    !has('train', 'loss', 'flat') &&
    // (both accuracies flat after they rose: the curves converged, not validation stalling alone)
    !(has('val', 'acc', 'flat') && has('train', 'acc', 'flat'))
  )
    add('val_stalls_train_falls', 1);
  else if (trainAccFalls && !back && !concepts.nan) add('train_rises', ACC_FALL_STRENGTH);
  // (one that comes back down is a spike: shapeConcepts)
  if ((has('*', 'loss', 'explode') || has('*', 'acc', 'explode')) && !back)
    add(all.some((t) => t.startsWith('grad')) ? 'grad_explodes' : 'explodes', 1);
}

/** The shape of the curves: jumps around, spikes, flat, still falling at the end, together. */
function shapeConcepts({
  has,
  a,
  plain,
  all,
  sequences,
  brief,
  mentionsVal,
  mentionsTrain,
  concepts,
  add,
}: Reading): void {
  const fluctTrain = has('train', '*', 'fluct') || has('any', '*', 'fluct');
  const fluctVal = has('val', '*', 'fluct');
  if (fluctTrain) add('fluctuates', 1);
  else if (fluctVal) add('val_fluctuates', 1);
  if ((fluctTrain || fluctVal) && (has('*', '*', 'notfall') || has('*', '*', 'notrend'))) add('no_trend', 1);
  // "jumps to 5 then back", "occasional huge values then back to normal"
  const jumpBack =
    (all.includes('xrecover') || brief) &&
    all.some(
      (t) =>
        t === 'jump' ||
        t === 'jumps' ||
        t === 'jumped' ||
        t === 'xrise' ||
        t === 'xspike' ||
        t === 'xexplode' ||
        HIGH_WORDS.has(t),
    );
  if (has('*', '*', 'spike') || jumpBack) add('spike', 1);
  // spikes on the validation curve only, all along ("spiky", "full of peaks") or beside a smooth training
  // curve: the validation curve is noisy, not one spike that recovers
  if (
    has('val', '*', 'spike') &&
    !has('train', '*', 'spike') &&
    !has('any', '*', 'spike') &&
    !jumpBack &&
    (has('train', '*', 'smooth') || MANY_SPIKES.test(plain))
  ) {
    add('val_fluctuates', 1);
    delete concepts.spike;
  }
  if (has('*', 'loss', 'flat')) add('flat', 1);
  else if (has('*', 'loss', 'notfall') && !fluctTrain && !fluctVal)
    add('flat', /\b(anymore|any more|no longer)\b/.test(a) ? 1 : 0.7);
  if (has('*', 'acc', 'flat') || has('*', 'acc', 'notrise')) add('acc_flat', 1);
  // a loss that falls too slowly to get anywhere, with nothing else going on (not one still falling at the
  // end of the run: precedence)
  if (
    (has('*', 'loss', 'slow') || has('*', 'acc', 'slow')) &&
    !has('*', '*', 'rise') &&
    !has('*', '*', 'fluct') &&
    !has('*', '*', 'spike') &&
    !has('*', '*', 'explode') &&
    !STILL_FALLING.test(a)
  )
    add('slow_fall', 1);
  if (has('train', 'loss', 'high') && has('val', 'loss', 'high')) add('both_high', 1);
  // (the end of the run: "last", "final", "more epochs", or the plan's last epoch, "epoch 100/100")
  const end = END_CUE.test(a) || atLastEpoch(a);
  if (STILL_FALLING.test(a) && end) add('still_falling', 1);
  else if (/\bxstill xfall\b/.test(a) || ROOM_LEFT.test(plain)) add('still_falling', 1);
  else if (has('*', 'loss', 'notflat') && (end || /\byet\b/.test(a))) add('still_falling', 1);
  // "loss went 0.9 0.6 0.45 0.38 0.33 and training ended": values that fall to the last one, then the end
  else if (sequences.some((f) => f.shape === 'fall' && f.metric === 'loss') && end) add('still_falling', 1);
  // "loss and val_loss": a bare loss next to the validation loss is the training loss
  const bareLoss = all.some((t, i) => LOSS_WORDS.has(t) && !sideOf(all[i - 1] ?? ''));
  const bothCurves =
    (mentionsVal && (mentionsTrain || bareLoss)) ||
    (mentionsVal && all.includes('both')) ||
    /\b(both (losses|curves|loss curves|lines)|curves|the two (curves|losses))\b/.test(a);
  const together =
    (has('train', 'loss', 'fall') && has('val', 'loss', 'fall')) ||
    (has('train', 'acc', 'rise') && has('val', 'acc', 'rise')) ||
    /\b(together|close to each other|close together|overlap\w*|on top of (each other|one another)|hand in hand|in sync|in lockstep|side by side|(almost|nearly|basically|practically) (the same|identical)|(stay|stayed|stays|end|ended|ends|remain|remained) close|same value|converge to (the )?same|parallel)\b/.test(
      plain,
    );
  if (bothCurves && together && !has('*', '*', 'high') && !concepts.train_better && !concepts.val_better)
    add('both_fall_close', 1);
}

/** A gap (or none) between the curves, said in words. */
function gapConcepts({ has, a, mentionsVal, mentionsTrain, concepts, add }: Reading): void {
  // ("no gap", "small difference", "the gap is small", "the difference to train is tiny")
  const noGap =
    /\b(no|without|small|tiny|little|hardly any|minimal) (\w+ )?(gap|difference)\b|\bclosely\b/.test(a) ||
    /\b(gap|difference)( \w+){0,3} (is|was|stays|stayed|remains|remained|looks|seems|keeps|are) (very |quite |pretty |really |super |rather |fairly )?(small|tiny|minimal|negligible|low|minor|marginal|insignificant)\b/.test(
      a,
    );
  if (noGap) add('both_fall_close', 1);
  else if (
    mentionsVal &&
    mentionsTrain &&
    /\b(gap|difference|far apart|never closes)\b/.test(a) &&
    // ("what is the difference between train loss and val loss": what the two curves are, not a gap)
    !/\b(what(s| is| are)|explain\w*|meaning of|mean by|define) (\w+ ){0,2}(the )?difference\b/.test(a) &&
    !concepts.val_better
  )
    add('train_better', 1);
  // "good on train, bad on val", "train error near zero, val error high", "train acc great but val acc falls"
  const good = (c: Curve) => has(c, '*', 'good') || has(c, 'loss', 'low') || has(c, 'acc', 'high');
  const bad = (c: Curve) => has(c, '*', 'bad') || has(c, 'loss', 'high') || has(c, 'acc', 'low');
  if (
    good('train') &&
    !bad('train') &&
    !good('val') &&
    (bad('val') || has('val', 'loss', 'rise') || has('val', 'acc', 'fall'))
  )
    add('train_better', 1);
  // "the training accuracy is low too, not only validation": both curves are bad
  if (has('train', 'acc', 'low') && has('val', 'acc', 'low')) add('both_high', 1);
}
