/**
 * The printed-log reader's vocabulary: split words (train / val / test), the words that make a name a
 * metric, chatter and step words, logging prefixes to strip, and how a group of words becomes a metric
 * name with its split.
 */
import { canonicalName, INTL_METRICS, INTL_SPLITS, isBookkeeping, splitCamel } from '../names.js';
import { DATE_TIME_SOURCE } from '../text.js';

export type SplitWord = 'train' | 'val' | 'test';
export const SPLIT_WORDS: Record<string, SplitWord> = {
  train: 'train',
  training: 'train',
  trn: 'train',
  val: 'val',
  valid: 'val',
  // the Time-Series-Library's loops (Informer, Autoformer, PatchTST, TimesNet): "Train Loss: 0.74 Vali Loss: 1.47"
  vali: 'val',
  validation: 'val',
  validating: 'val',
  validate: 'val',
  evaluate: 'val',
  eval: 'val',
  evaluation: 'val',
  evaluating: 'val',
  dev: 'val',
  // the held-out set a run is validated on ("train=13.14  heldout=11.51")
  heldout: 'val',
  holdout: 'val',
  test: 'test',
  testing: 'test',
  // in Spanish and Portuguese (names.ts's), French and Italian, after the metric ("Pérdida de validación: 0.41",
  // "Perte d'entraînement : 0.52", "perdita di addestramento")
  ...Object.fromEntries(INTL_SPLITS),
  entraînement: 'train',
  entrainement: 'train',
  addestramento: 'train',
  validazione: 'val',
};
export function splitOf(word: string): SplitWord | undefined {
  const w = word.toLowerCase();
  return Object.hasOwn(SPLIT_WORDS, w) ? SPLIT_WORDS[w] : undefined;
}
/** words that qualify a name without naming it: "Average loss", "Training acc over epoch", "Total Loss" */
export const FILLER = new Set([
  // how a value was reported: "the loss was calculated at: 0.30"
  'was',
  'were',
  'calculated',
  'computed',
  'measured',
  'avg',
  'average',
  'mean',
  'running',
  'epoch',
  // an epoch's end said before its values: "== epoch 3 done avg_loss=0.041 =="
  'done',
  'finished',
  'over',
  'for',
  'per',
  'the',
  'on',
  'of',
  'at',
  'so',
  'far',
  'set',
  'total',
  'overall',
  'final',
  'current',
  'cur',
  'phase',
  'subset',
  'data',
  'dataset',
  'split',
  'results',
  'result',
  'metrics',
  'stats',
  'summary',
  'whole',
  'all',
  'with',
  'to',
  'from',
  'in',
  'by',
  'and',
  // "Pérdida de validación", "Perda do treino", "perdita di addestramento": the word between a metric and its split
  'de',
  'del',
  'da',
  'do',
  'des',
  'du',
  'di',
  'della',
]);
/** the vocabulary of metrics: a "name value" pair without ':' or '=' needs one of these words; a mean written
 * after the word is that metric (RLlib's `episode_reward_mean`, `loss_avg`), an extreme (`_max`, `_min`) is not */
export const METRIC_WORD = new RegExp(
  String.raw`(?:^|[_/])(?:loss|losses|acc|accuracy|acc@?\d|prec@?\d|mae|mse|rmse|mape|epe|aepe|f1|f1_score|f2|fbeta|f_beta|auc|roc_auc|precision|recall|perplexity|ppl|error|err|score|iou|miou|dice|bleu|rouge\w{0,4}|lr|learning_rate|m_?ap\d{0,3}|wer|cer|nll|psnr|ssim|kappa|r2|top_?\d|nll_loss|ce|crossentropy|cross_entropy|smooth_?l1|ap\d{0,3}|cost|reward|rewards|return|returns|` +
    // the loss and the accuracy in other languages (`pérdida`, `perte`, `acurácia`), as names.ts reads them
    `${Object.keys(INTL_METRICS).join('|')})(?:_(?:mean|avg|average))?$|^(?:loss|losses|acc|accuracy|error)_`,
);
/** a line whose words before the values say it reports on a checkpoint, early stopping, a best value or a tracker */
export const CHATTER =
  /^(?:sav(?:e|ed|es|ing)|restart\w*|checkpoint\w*|ckpt\w*|best\w*|early\w*|stopp\w*|patience|restor\w*|resum\w*|load(?:ed|ing|s)?|improv\w*|wandb|mlflow|tensorboard|counter|reducing|reduce\w*|lowering|decreased|increased)$/i;
/** words that count batches, not epochs */
export const STEP_WORD =
  /^(?:step|steps|global_step|iter|iters|iteration|iterations|it|batch|batches|update|updates|num_updates|minibatch|mini_batch|timesteps|num_timesteps|total_timesteps)$/i;
/** lines from trackers and shells, read as nothing (a Python prompt's "... " continues code; a line that separates
 * its fields by " ... " throughout, "... Iteration 100 ... G Loss 5.187 ... D Loss 0.026", is a printer's) */
export const IGNORED_LINE =
  /^\s*(?:wandb:|mlflow|\[?W&B|\$ |>>> |\.\.\. (?!.*\s\.\.\.\s)|Namespace\(|usage:|Traceback|File "|Downloading|Extracting|Loading checkpoint|Saving(?! dict for global step)|Saved|Checkpoint)/i;

// logging prefixes, each anchored and with bounded repetition; stripped repeatedly (at most 8 times)
const PREFIXES: RegExp[] = [
  // 2025-03-14 09:12:07,398 / [2025-03-14T09:12:07.123Z] / 2025/03/14 09:12:07
  new RegExp(String.raw`^\s*${DATE_TIME_SOURCE}`),
  // 03/14/2025 09:12:07 (HF example scripts), [03/14 09:12:07 d2.utils.events]
  /^\s*[[(]?\d{1,2}[-/.]\d{1,2}(?:[-/.]\d{2,4})?[ T]\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,9})?(?:\s+[A-Za-z_][\w.]{0,60})?[\])]?/,
  // 09:12:07 / [09:12:07.123]
  /^\s*[[(]?\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,9})?[\])]?/,
  // glog: I0314 09:12:07.123456  1234 train.py:42]
  /^\s*[IWEF]\d{4}\s+\d{1,2}:\d{2}:\d{2}(?:\.\d{1,9})?\s+\d{1,10}\s+[\w.\-]{1,120}:\d{1,7}\]/,
  // INFO:root: / INFO:__main__: / [INFO] / INFO - / (INFO) / <INFO>; a whole word ("Errors  Loss" is a header)
  /^\s*[[(<]?(?:INFO|DEBUG|WARNING|WARN|ERROR|CRITICAL|TRACE|NOTICE|FATAL)(?![A-Za-z_])[\])>]?(?::[\w.<>-]{1,80}:)?\s*[:|\-]?/i,
  // a logger or module name before a level: "- mmdet - INFO -", "__main__ - INFO -"
  /^\s*[\w.<>]{1,80}\s*[-|:]\s*(?=(?:INFO|DEBUG|WARNING|WARN|ERROR)\b)/,
  // rank / pid / horovod tags
  /^\s*(?:\[rank\s?\d{1,5}\]:?|rank\s?0\s*\|(?=\s)|\(pid=\d{1,10}(?:,\s?ip=[\d.]{1,40})?\)|\[\d{1,5},\d{1,5}\]<std(?:out|err)>:|\[GPU\s?\d{1,3}\])/i,
  // train.py:42] / [train.py:42] / main.py:120 -
  /^\s*\[?[\w.\\/-]{1,200}\.py:\d{1,7}\]?/,
  // separators left between prefix parts
  /^\s*[|:>\]\-]{1,4}(?=\s|$)/,
];

/** "[rank1]: ...", "[rank 3] ...", "Rank 2 | ...": a line printed by a process other than rank 0 ("rank 1:
 * 85.2%" with a colon is re-ID's rank-1 accuracy, not a tag; "[GPU1]" may be the only process, on cuda:1) */
export const OTHER_RANK = /^\s*(?:\[rank\s?0*[1-9]\d{0,4}\]|rank\s?0*[1-9]\d{0,4}\s*\|)/i;

/** The logging prefixes that may stand before a rank tag: times, dates, levels, logger names, separators. */
const BEFORE_RANK = PREFIXES.filter((re) => !/rank/.test(re.source) && !/\\\.py/.test(re.source));

/** A line another rank printed: its rank tag at the head, or after a timestamp or logging level
 * ("2024-01-01 10:00:00 | Rank 1 | ...", "INFO:root:[rank1] ..."). */
export function isOtherRank(line: string): boolean {
  let s = line;
  for (let round = 0; round < 6; round++) {
    if (OTHER_RANK.test(s)) return true;
    const re = BEFORE_RANK.find((r) => {
      const m = r.exec(s);
      return m !== null && m[0].trim() !== '';
    });
    if (!re) return false;
    s = s.slice(re.exec(s)![0].length);
  }
  return OTHER_RANK.test(s);
}

export function stripPrefix(line: string): string {
  let s = line;
  for (let round = 0; round < 8; round++) {
    let changed = false;
    for (const re of PREFIXES) {
      const m = re.exec(s);
      if (m && m[0].length > 0 && m[0].trim() !== '') {
        s = s.slice(m[0].length);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return s;
}

export function normalise(words: string[]): string {
  return splitCamel(words.join('_')).toLowerCase();
}
export const EXPLICIT_SPLIT =
  /^(?:train|training|trn|tr|val|valid|validation|eval|evaluation|dev|test|testing)[_/-]|[_/-](?:val|valid|validation|train|training|test)$/;

/** What a split word may be followed by without naming anything ("on the test images"; FILLER, which runs first,
 * drops data, dataset, split and set already). */
const SPLIT_NOUNS = new Set(['datasets', 'images', 'samples', 'examples', 'batch', 'batches']);
/** A word that ties a metric to the split after it ("loss during evaluation"; FILLER drops in, with, from). */
const BEFORE_SPLIT = new Set(['during']);

/** The metric named before a split word: the words up to its last metric word (at most two), or none. */
function metricBefore(words: string[]): string[] {
  const kept = words.filter((w) => !BEFORE_SPLIT.has(w.toLowerCase()));
  let last = -1;
  for (let k = kept.length - 1; k >= 0 && last < 0; k--) if (METRIC_WORD.test(kept[k].toLowerCase())) last = k;
  return last < 0 ? [] : kept.slice(Math.max(0, last - 1), last + 1);
}

/** The metric name a group of words spells, with its split; undefined when it is not a metric. */
export function nameOf(group: string[], carry: SplitWord | undefined, assigned: boolean): string | undefined {
  let words = group.filter((w) => !FILLER.has(w.toLowerCase()));
  if (words.length === 0) return undefined;
  // start at the last split word when there is one ("finished train loss"), else keep the last two words
  let si = -1;
  for (let k = words.length - 1; k >= 0; k--) {
    if (splitOf(words[k])) {
      si = k;
      break;
    }
  }
  let split: SplitWord | undefined;
  if (si >= 0) {
    // "best val loss: 0.25" is the best so far, not this epoch's value (the split word would cut "best" off)
    if (si > 0 && /^best$/i.test(words[si - 1])) return undefined;
    split = splitOf(words[si]);
    const after = words.slice(si + 1).filter((w) => !SPLIT_NOUNS.has(w.toLowerCase()));
    // "Accuracy on test data", "Total reward during evaluation", "Accuracy of the network on the test images":
    // the split comes after the metric it qualifies (up to its last metric word)
    words = after.length > 0 || si === 0 ? after : metricBefore(words.slice(0, si));
  } else if (words.length > 2) words = words.slice(-2);
  if (words.length === 0) return undefined;
  if (words.some((w) => /best|\.(?:py|pt|pth|h5|ckpt|json|csv|txt|log)$/i.test(w))) return undefined;
  let base = normalise(words)
    // "avg_loss", "epoch_val_acc": the qualifier is not part of the name
    .replace(/^(?:avg|average|mean|running|epoch|total)_(?=[a-z])/, '');
  // TensorBoard-style tags: "Loss/train", "Accuracy/val", "loss-valid" -> val_loss
  const tag = /^([a-z][\w@]{0,40})[/-](train|training|val|valid|validation|eval|test|dev)$/.exec(base);
  if (tag) base = `${SPLIT_WORDS[tag[2]] === 'train' ? 'train' : SPLIT_WORDS[tag[2]]}_${tag[1]}`;
  if (
    !base ||
    base.length > 60 ||
    isBookkeeping(base) ||
    /(?:^|_)(?:time|speed|throughput|elapsed)(?:_|$)/.test(base) ||
    /^(?:v_num|epoch\w*|num_\w+|n_\w+|batch_size|bs|seed|gpu\w*|cuda|cpu|device|rank|pid|port|workers?|mem\w*|eta|lr_scale|size|samples?|images?|it_s|s_it|wps|ups|wpb|bsz|gnorm|clip|oom|wall|ntokens|nsentences|sample_size|loss_scale|ids?|count|total|correct)$/.test(
      base,
    )
  )
    return undefined;
  const metricLike =
    METRIC_WORD.test(base) ||
    METRIC_WORD.test(base.replace(/^(?:train|training|val|valid|validation|eval|dev|test)_/, ''));
  if (!assigned && !metricLike) return undefined;
  if (!split && !EXPLICIT_SPLIT.test(base)) split = carry;
  if (!split || EXPLICIT_SPLIT.test(base) || canonicalName(base).kind === 'lr') return base;
  return split === 'train' ? `train_${base}` : `${split}_${base}`;
}
