/**
 * Metric-name canonicalisation: the many spellings of "validation accuracy" become `val_accuracy`,
 * while the name as written is kept for display. The rules: docs/ingest.md#metric-names.
 */
import type { Kind, Split } from './schema.js';

export interface CanonicalName {
  key: string;
  base: string;
  split: Split;
  kind: Kind;
  /** Lightning `_step` / `_epoch` fork, so the caller can prefer the epoch aggregate */
  granularity?: 'step' | 'epoch';
  /** the name itself says its split (`val_loss`, `loss_train`, `metrics/mAP50`), not the training default */
  splitNamed?: true;
}

/** Split words in Spanish and Portuguese, as prefixes and suffixes of a name (`perdida_validacion`); the printed-log
 * reader takes them as split words too (print-words.ts). */
export const INTL_SPLITS: [string, Exclude<Split, 'none'>][] = [
  ['entrenamiento', 'train'],
  ['validacion', 'val'],
  ['validación', 'val'],
  ['prueba', 'test'],
  ['treinamento', 'train'],
  ['treino', 'train'],
  ['validacao', 'val'],
  ['validação', 'val'],
  ['teste', 'test'],
];
/** The words a loop's saved list of a metric's values may carry after its name (`loss_val_hist`, `valloss_history`). */
const LIST_WORDS = '(?:history|hist|list|values|vals|plot|curve|arr|array|records?)';
/** The split after the name (`loss_val`, `acc_train`), and the word a loop's saved list may carry after it
 * (`loss_val_hist`, `total_loss_validation_plot`: dropped, as the list's values are the metric's). */
const SPLIT_SUFFIX = new RegExp(
  `^(.+?)_(val|valid|validation|train|training|test|${INTL_SPLITS.map(([w]) => w).join('|')})(?:_(?:${LIST_WORDS}|set))?$`,
);
/** A TensorBoard tag with its split after a slash (`Loss/train`, `Accuracy/test`: the PyTorch SummaryWriter tutorial's
 * own tags; `F1/val`, `loss/dev`, and pooled over the epoch, `Loss/train_avg`), as the printed lines' reader reads
 * them (print-words.ts). */
const TAG_SPLIT = /^([^/]+)\/(train|training|val|valid|validation|eval|dev|test)(?:_(?:avg|average|mean|set))?$/;

/** Split prefixes, longest first. `eval/` is HF's W&B style; `val/` is YOLO and many PyTorch loops; `tr_`/`va_`
 * are hand-written loops' short forms (`tr_loss`, `va_acc`); `vali_` is the Time-Series-Library's (Informer, Autoformer,
 * PatchTST: `vali_loss`). A hyphen before a letter is `_` by now (normaliseWords): `val-loss` is `val_loss`. */
const SPLIT_PREFIXES: [string, Split][] = [
  ['validation_', 'val'],
  ['validation/', 'val'],
  ['validate_', 'val'],
  ['valid_', 'val'],
  ['vali_', 'val'],
  ['valid/', 'val'],
  ['val_', 'val'],
  ['val/', 'val'],
  ['va_', 'val'],
  ['eval_', 'val'],
  ['eval/', 'val'],
  ['dev_', 'val'],
  ['heldout_', 'val'],
  ['holdout_', 'val'],
  ['test_', 'test'],
  ['test/', 'test'],
  ['training_', 'train'],
  ['train_', 'train'],
  ['train/', 'train'],
  ['trn_', 'train'],
  ['tr_', 'train'],
  // CatBoost calls its training set `learn` (learn_error.tsv, evals_result's "learn"); `learn_rate` is a rate
  ['learn_', 'train'],
  // Spanish and Portuguese (`entrenamiento_perdida`, `validacao_perda`; as suffixes too: SPLIT_SUFFIX)
  ...INTL_SPLITS.map(([w, sp]) => [`${w}_`, sp] as [string, Split]),
];

/** German writes a split and its metric as one word (`Trainingsverlust`, `Validierungsgenauigkeit`, `Testverlust`;
 * with a hyphen, `Trainings-Verlust`): the split, then the metric word INTL_METRICS reads. */
const GERMAN_COMPOUND = /^(trainings?|validierungs?|validations?|tests?)_?(verlust|genauigkeit)$/;

/**
 * A split run into its metric with no mark between them (`valloss`, `trainacc`, `trloss`, `testaccuracy`: hand-written
 * loops' dict keys and CSV headers, as `trainLoss` is in camel case). Only before a metric's own name, whole, so a
 * word that merely begins with a split's letters (`trace`, `development`, `testing_samples`) keeps its meaning.
 * Longest split first: `validloss` is `valid` + `loss`, not `val` + `idloss`.
 */
const GLUED_SPLIT = new RegExp(
  `^(training|train|trn|tr|validation|valid|vali|val|eval|dev|test)(loss(?:es)?|acc(?:s|uracy|uracies)?|err(?:or)?|mae|mse|rmse|auc|f1|nll|ppl|perplexity|iou|dice|bleu)(?:_${LIST_WORDS})?$`,
);

/** The unit a value was pooled over, after the metric: Lightning's `_step` / `_epoch` (`train_loss_step`), or a tag's
 * last level (`loss/train/step`, `Loss/val/epoch`). */
const GRANULARITY = /^(.*?)[_/](step|epoch)$/;

/** A name that begins with `learn_rate` (`learn_rate_decay`): a learning rate's setting, not CatBoost's learn set. */
const LEARN_RATE = /^learn_rate(?:_|$)/;

/** Does this kind measure the model (a loss, accuracy, score or error), rather than a learning rate or bookkeeping? */
export function isMetricKind(kind: Kind): boolean {
  return kind !== 'lr' && kind !== 'other';
}

/** Does a name, read canonically (`val_loss`, `Train Acc`, `训练损失`), name a metric (isMetricKind)? */
export function isMetricName(name: string): boolean {
  return isMetricKind(canonicalName(name).kind);
}

/** Does a prefix begin with a split (`dev_`, `val_`; `train_total_`, `val_position_`: a split and a part), so it
 * names no phase? The split list serves both questions. */
export function startsWithSplit(prefix: string): boolean {
  // words joined by a hyphen as canonicalName reads them (`val-log` is `val_log`)
  const p = joinWordHyphens(prefix.toLowerCase());
  return SPLIT_PREFIXES.some(([sp]) => p.startsWith(sp));
}

/** Is a prefix exactly a split, nothing more (`val_`, `eval/`, `train_`; not `val_shi`)? */
export function isSplitPrefix(prefix: string): boolean {
  const p = joinWordHyphens(prefix.toLowerCase());
  return SPLIT_PREFIXES.some(([sp]) => p === sp);
}

/** Base-name aliases (after lower-casing and joining words with `_`). */
/** The loss and the accuracy in Spanish, Portuguese, French, Italian and German, whole (as a CSV header or a JSON key
 * writes them: `epoca,perdida`, `val_perda`; printed, print-words.ts's METRIC_WORD); names in Chinese, Japanese or
 * Korean are terms.ts's. */
export const INTL_METRICS: Record<string, 'loss' | 'accuracy'> = {
  perdida: 'loss',
  pérdida: 'loss',
  perda: 'loss',
  perte: 'loss',
  verlust: 'loss',
  perdita: 'loss',
  exactitud: 'accuracy',
  accuratezza: 'accuracy',
  acuracia: 'accuracy',
  acurácia: 'accuracy',
  genauigkeit: 'accuracy',
};

const BASE_ALIASES: Record<string, string> = {
  acc: 'accuracy',
  accuracy: 'accuracy',
  // a loop's lists named in the plural (`val_accuracies`, `accs`), as `losses` is the loss
  accuracies: 'accuracy',
  accs: 'accuracy',
  lr: 'lr',
  learning_rate: 'lr',
  learningrate: 'lr',
  learn_rate: 'lr',
  mae: 'mae',
  mean_absolute_error: 'mae',
  mse: 'mse',
  mean_squared_error: 'mse',
  rmse: 'rmse',
  root_mean_squared_error: 'rmse',
  mape: 'mape',
  mean_absolute_percentage_error: 'mape',
  ce: 'crossentropy',
  // binary cross-entropy by its abbreviation (`train_bce,val_bce`; PyTorch's BCELoss), under Keras's name
  bce: 'binary_crossentropy',
  crossentropy: 'crossentropy',
  cross_entropy: 'crossentropy', // Gluon's metric.Loss('CrossEntropy') prints "CrossEntropy=0.86"
  loss: 'loss',
  losses: 'loss',
  // "Cost after iteration 100: 0.69", "epoch 3 mean cost 15.5": the loss under its textbook name
  cost: 'loss',
  error: 'error',
  err: 'error',
  // the same names in Spanish, Portuguese, French, Italian and German (INTL_METRICS), and the learning rate
  ...INTL_METRICS,
  tasa_de_aprendizaje: 'lr',
  taxa_de_aprendizado: 'lr',
};

/** A reinforcement-learning loop's episode reward or return (`ep_rew_mean`, `episode_reward`, `avg_return`). */
/** (`eprewmean`: OpenAI Baselines; `ep_ret`, `test_ep_ret`: Spinning Up's episode return) */
const REWARD_WORDS = /(?:^|_)(?:rew|rewards?|returns?|eprew(?:mean)?|ep_ret)(?:_|$)/;
/** Words that say "higher is better" for a non-loss metric (an agent's evaluation: `win_rate`, `success_rate`). */
const SCORE_WORDS = new RegExp(
  /(accuracy|acc$|^acc_|f1|auc|auroc|auprc|precision|recall|iou|dice|dsc|jaccard|(?:^|_)m_?ap(?:\d|@|_|-|$)|(?:^|_)ap(?:@?\d{1,3}(?:[-_]\d{1,3})?|_?[sml])?$|bleu|rouge|r2|sensitivity|specificity|kappa|mcc|fbeta|f_beta|(?:^|_)f(?:0_?5|2)(?:_score)?$|(?:^|[_/])top[_-]?\d|hit|ndcg|coef|score|similarity|psnr|ssim|(?:^|_)(?:win|success)_?rate(?:_|$))/
    .source + `|${REWARD_WORDS.source}`,
);
/** A top-k error or miss rate: lower is better. */
const TOP_K_ERROR = /(?:^|[_/])(?:top[_-]?\d{1,2}[_-](?:err|error|miss)|err(?:or)?[_-]top[_-]?\d{1,2})(?:_|$)/;
/** A Pearson or Spearman correlation between predictions and targets (higher is better), the whole name: `pcc`,
 * `pearson_r`, `spearman_rho`, `corr`; not a p-value or an error of one (`pearson_p`, `corr_mse`) nor `bias_corr`. */
const CORRELATION =
  /^(?:mean_|avg_)?(?:pccs?|(?:pearson|spearman)(?:_?(?:r|rho|corr|correlation|coef))?|corr|correlation)$/;
/** Distances between a generator's samples and real data (lower is better) that their names would make scores or
 * errors: `fid_score`, and torch-fidelity's `frechet_inception_distance` and `kernel_inception_distance_mean`. */
const SAMPLE_DISTANCE =
  /(?:^|_)(?:fid|kid|lpips)(?:_?\d{1,3}k(?:_full)?)?_score$|^(?:frechet|kernel)_inception_distance(?:_mean|_std)?$/;
const ERROR_WORDS =
  /(loss|error|mae|mse|rmse|m_?ape|wer|cer|perplexity|ppl|distance|divergence|nll|cross_?entropy|hinge|huber|logcosh|(?:^|_)a?epe(?:_?[23]d)?(?:_|$)|^l[12]$|(?:^|_)smooth_?l1(?:_|$))/;

/** Objectives CatBoost logs under their own name: losses with no loss word in it (its other objectives, Focal,
 * PairLogit, YetiRank and the like, stay unread). */
const CATBOOST_OBJECTIVE =
  /^(?:multi_?class(?:_?one_?vs_?all)?|(?:multi_?|log_?lin_?)?quantile|expectile|tweedie|poisson|lq)$/;
/** A CatBoost metric's parameters after its name (`Quantile:alpha=0.5`, `NDCG:top=10;type=Base`): CatBoost's names
 * are capitalised, and a split is no metric (`train:loss=0.5` is a printed value, not a name). */
export const METRIC_PARAMS =
  /^(?!(?:Train|Training|Val|Valid|Validation|Test|Eval|Dev|Learn):)([A-Z][A-Za-z0-9]{0,40}):[A-Za-z_]\w{0,40}=[^:\s]*$/;

/** MXNet's metrics whose names carry a hyphen (mx.metric's `cross-entropy`, `nll-loss`; printed as
 * `Train-cross-entropy=0.41`): the words of one name, as `cross_entropy` and `nll_loss` are. Alone, after `_` or
 * `/`, or after a split. For the printed lines' reader (print-steps.ts), which keeps other hyphens; a name read
 * whole joins every word's hyphen (joinWordHyphens). */
export function joinHyphenated(name: string): string {
  return name.replace(/(^|[_/]|^(?:train|val|validation)-)(cross|nll)-(entropy|loss)$/i, '$1$2_$3');
}

/** Words run together in camel case, apart: trainLoss -> train_Loss. Intersection over union is one word (mIoU ->
 * m_Iou, not m_Io_U). */
export function splitCamel(s: string): string {
  return s.replace(/IoU/g, 'Iou').replace(/([a-z0-9])([A-Z])/g, '$1_$2');
}

/** Words a lower-case name joins by a hyphen, joined by `_` (`average-episode-return`, `test-accuracy`,
 * `avg-val-loss`, mx.metric's `cross-entropy`), but for Lightning's `lr-Adam` (canonicalName reads its `lr-`) and
 * digits (`mAP50-95`, `top-5`). */
function joinWordHyphens(s: string): string {
  return s.replace(/(\p{Ll})-(?=\p{Ll})/gu, (hyphen, letter: string, at: number) =>
    at === 1 && s.startsWith('lr-') ? hyphen : `${letter}_`,
  );
}

/** A name as canonicalName reads its words: lower case, words joined by `_`, camel case and hyphenated names apart
 * (joinWordHyphens). */
export function normaliseWords(name: string): string {
  // an accent stored apart from its letter (`validação` from some editors) is the same name
  const written = name
    .normalize('NFC')
    .trim()
    .replace(METRIC_PARAMS, '$1')
    .replace(/\([^()]*\)$/, ''); // YOLO: metrics/mAP50(B) ([^()] keeps it linear on '(((...')
  return joinWordHyphens(
    splitCamel(written) // trainLoss -> train_Loss
      .toLowerCase()
      .replace(/[\s.]+/g, '_'),
  )
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
}

export function canonicalName(written: string): CanonicalName {
  let s = normaliseWords(written);
  let split: Split = 'none';
  let granularity: 'step' | 'epoch' | undefined;

  // Lightning LearningRateMonitor: lr-Adam, lr-AdamW/pg1, lr-SGD-momentum; YOLO lr/pg0
  if (/^lr[-/]/.test(s)) {
    const momentum = /momentum/.test(s);
    return {
      key: momentum ? 'momentum' : 'lr',
      base: momentum ? 'momentum' : 'lr',
      split: 'none',
      kind: momentum ? 'other' : 'lr',
    };
  }
  // Lightning dataloader suffix: val_loss/dataloader_idx_0
  s = s.replace(/\/dataloader_idx_\d+$/, '');
  // W&B's Keras callbacks (WandbMetricsLogger): epoch/val_loss, batch/loss
  const logged = LOGGED_PER.exec(s);
  if (logged && logged[2] !== 'epoch' && logged[2] !== 'batch') {
    granularity = logged[1] === 'batch' ? 'step' : 'epoch';
    s = logged[2];
  }
  // Lightning's `train_loss_step`, and a tag's `/step` level (`loss/train/step`, `Loss/val/epoch`)
  const per = GRANULARITY.exec(s);
  // a counter (`epoch_step`), or a split's counter (`train/epoch`, HF's W&B epoch; `val/step`), is no metric's level
  if (per && per[1] !== '' && !/^(?:epoch|step)$/.test(per[1]) && !isSplitPrefix(`${per[1]}_`)) {
    granularity = per[2] as 'step' | 'epoch';
    s = per[1];
  }
  // YOLO "metrics/precision" -> validation metric
  if (s.startsWith('metrics/')) {
    s = s.slice('metrics/'.length);
    split = 'val';
  }
  for (const [prefix, sp] of SPLIT_PREFIXES) {
    // `learn_rate` (and `learn_rate_decay`) is a rate, not CatBoost's learn set
    if (s.startsWith(prefix) && s.length > prefix.length && !LEARN_RATE.test(s)) {
      split = sp;
      s = s.slice(prefix.length);
      break;
    }
  }
  const glued = split === 'none' ? GLUED_SPLIT.exec(s) : null;
  if (glued) {
    split = splitOfWord(glued[1]);
    s = glued[2];
  }
  const compound = split === 'none' ? GERMAN_COMPOUND.exec(s) : null;
  if (compound) {
    split = compound[1].startsWith('train') ? 'train' : compound[1].startsWith('test') ? 'test' : 'val';
    s = compound[2];
  }
  const tag = split === 'none' ? TAG_SPLIT.exec(s) : null;
  if (tag) {
    split = splitOfWord(tag[2]);
    s = tag[1];
  }
  // suffix style: loss_val, loss_train, accuracy_valid (some PyTorch loops)
  const suffix = SPLIT_SUFFIX.exec(s);
  if (split === 'none' && suffix) {
    s = suffix[1];
    split = splitOfWord(suffix[2]);
  }
  if (split === 'none') {
    const spelled = spelledSplit(s);
    if (spelled) [s, split] = spelled;
  }
  const base = aliasOf(s);
  const kind = kindOf(base);
  if (kind === 'lr') split = 'none';
  const effectiveSplit: Split = split === 'none' && isMetricKind(kind) ? 'train' : split;
  const key = effectiveSplit === 'train' || effectiveSplit === 'none' ? base : `${effectiveSplit}_${base}`;
  return { key, base, split: effectiveSplit, kind, granularity, ...(split !== 'none' ? { splitNamed: true } : {}) };
}

/** The split a split word names (`val`, `trn`, `validacion`), as the prefixes' list reads it with its `_`: the one
 * table of split words for the glued, tag and suffix forms. Only ever asked of a word their patterns take from it. */
function splitOfWord(word: string): Split {
  const hit = SPLIT_PREFIXES.find(([p]) => p === `${word}_`);
  if (!hit) throw new Error(`"${word}" is not a split word of SPLIT_PREFIXES`);
  return hit[1];
}

/** A base name as its alias reads (`acc` is `accuracy`), or itself. */
function aliasOf(s: string): string {
  return Object.hasOwn(BASE_ALIASES, s) ? BASE_ALIASES[s] : s;
}

/** A split written out in full before or after a metric (`evaluation_loss`, `loss_eval`, `validating_acc`,
 * `testing_loss`): that split, with the rest of the name. Only before or after a metric: `time_eval`,
 * `testing_samples`, `evaluation_strategy` are bookkeeping or settings, not a held-out set's curves. */
function spelledSplit(s: string): [string, Split] | undefined {
  const m = /^(evaluation|validating|testing)_(.+)$/.exec(s) ?? /^(.+?)_(eval|evaluation|testing)$/.exec(s);
  if (!m) return undefined;
  const [word, rest] =
    m[1] === 'evaluation' || m[1] === 'validating' || m[1] === 'testing' ? [m[1], m[2]] : [m[2], m[1]];
  if (!isMetricKind(kindOf(aliasOf(rest)))) return undefined;
  return [rest, word === 'testing' ? 'test' : 'val'];
}

/** Is this name (as written, or a key) an episode reward or return, the curve a reinforcement-learning run is judged on? */
export function isRewardName(written: string): boolean {
  const { base, kind } = canonicalName(written);
  return kind === 'score' && REWARD_WORDS.test(base);
}

/** A reward or return named per episode (`episodic_returns`, `episode_reward`, `ep_return`): printed once a line,
 * each line is an episode. Not an aggregate over episodes (`mean episode reward`, RLlib's `episode_reward_mean`,
 * SB3's `ep_rew_mean`: one per iteration or rollout). */
export function isEpisodeRewardName(written: string): boolean {
  const { base } = canonicalName(written);
  return (
    isRewardName(written) &&
    /(?:^|_)(?:ep|episode|episodic)(?:_|$)/.test(base) &&
    !AGGREGATE_NAME.test(written.toLowerCase().replace(/[^a-z0-9]+/g, '_'))
  );
}

/** Words that make a value an aggregate over episodes (or steps): a mean, an extreme, a smoothed reading. */
export const AGGREGATE_WORDS = '(?:mean|avg|average|median|max|min|std|rolling|smoothed|running|moving)';
const AGGREGATE_NAME = new RegExp(`(?:^|_)${AGGREGATE_WORDS}(?:_|$)`);

/** Is higher better for the series of this name (an accuracy, a score, a reward), as the diagnosis judges it? */
export function higherIsBetter(written: string): boolean {
  const { kind } = canonicalName(written);
  return kind === 'accuracy' || kind === 'score';
}

/** The evidence lower bound by its names (`elbo`, `neg_elbo`, `nelbo`, `negative_elbo`). */
export const ELBO = /^(?:neg(?:ative)?_?|n)?elbo$/;

export function kindOf(base: string): Kind {
  if (base === 'lr' || base === 'learning_rate') return 'lr';
  if (/(^|_)loss$|^loss|_loss_/.test(base)) return 'loss';
  // CatBoost's objectives name the loss its learn_error.tsv / test_error.tsv log (`iter  MultiClass`, `iter
  // Quantile:alpha=0.5`: normaliseWords drops the parameters); Keras's `poisson` metric is that loss's value too
  if (CATBOOST_OBJECTIVE.test(base)) return 'loss';
  // (top-k accuracy as timm and DeiT name it: acc@1, acc1, acc5; PyTorch's old ImageNet example: prec@1, prec5;
  // retrieval's precision@10 is a precision)
  if (/accuracy|^acc$|_acc$|^acc_|(?:^|_)(?:acc[@-]?\d{1,2}|prec@?[15])$/.test(base)) return 'accuracy';
  // a GAN's sample distance named a score or a distance (`fid_score`, `frechet_inception_distance`): lower is
  // better, and no measure of a model's fit, like `fid` itself (diagnose/gan.ts reads them by name)
  if (SAMPLE_DISTANCE.test(base)) return 'other';
  // a top-k error (pycls: `top1_err`, `top5_error`; `err_top1`), before the scores take its `top1`
  if (TOP_K_ERROR.test(base)) return 'error';
  if (CORRELATION.test(base)) return 'score';
  if (SCORE_WORDS.test(base)) return 'score';
  // a VAE's evidence lower bound, logged as what it minimises (the negated bound; elbo.ts reads the bound itself by
  // its sign and direction)
  if (ELBO.test(base)) return 'loss';
  if (ERROR_WORDS.test(base)) return 'error';
  return 'other';
}

/** Columns that are bookkeeping, not metrics. */
const BOOKKEEPING = new Set([
  'epoch',
  'epochs',
  'step',
  'steps',
  'global_step',
  'batch_step', // W&B's Keras callback: batch/batch_step
  'iteration',
  'iter',
  'batch',
  'time',
  'wall_time',
  'walltime',
  'timestamp',
  'train_time',
  'elapsed',
  'duration',
  'runtime',
  'eta',
  'samples_per_second',
  'steps_per_second',
  'total_flos',
  'grad_norm',
  'momentum',
  'num_input_tokens_seen',
  'ep', // an episode or epoch counter written short (RL loops: {"ep": [0, 1, ...], "return": [...]})
  'episode',
  'episodes',
  'loss_scale', // mixed precision's scaler (apex's "loss scaler 0 reducing loss scale to 65536.0"), no loss
  'loss_scaler',
  // the epoch counter in Spanish, Portuguese, French and German (`epoca,perdida`)
  'epoca',
  'época',
  'epocas',
  'épocas',
  'époque',
  'epoche',
  'line', // Python logging's source line (`%(filename)s[line:%(lineno)d]`: "train_net.py[line:177] - INFO: ...")
  'lineno',
]);

/** A metric logged under the unit it was logged per (`epoch/val_loss`, `batch/accuracy`): the unit, the metric. */
const LOGGED_PER = /^(epoch|batch)\/(.+)$/;

export function isBookkeeping(written: string): boolean {
  const s = normaliseWords(written).replace(LOGGED_PER, '$2');
  if (BOOKKEEPING.has(s)) return true;
  return /(^|_)(runtime|samples_per_second|steps_per_second|flos|time|memory|mem|gpu_mem|throughput|it_s|tokens_per_second)$/.test(
    s,
  );
}

/** Does the log use the Keras <= 2.2 short names? */
export function isShortAcc(written: string): boolean {
  return /(^|_)acc$/.test(written);
}

/**
 * Does a file's name say it holds losses (`losses.csv`, `loss_history.json`, `train_losses.txt`,
 * `loss-curve.csv`)? A word of its stem must be `loss` or `losses`.
 */
export function fileNameSaysLoss(fileName: string | undefined): boolean {
  return fileNameWords(fileName).some((w) => /^loss(?:es)?$/i.test(w));
}

/** A file's name without its folder (`logs\\run1/val_loss.txt`: val_loss.txt); '' for none. */
export function baseName(fileName: string | undefined): string {
  return fileName?.split(/[\\/]/).pop() ?? '';
}

/** The words of a file's name without its folder and extension (`logs/val_loss-history.csv`: val, loss, history);
 * none for a name over 80 characters. */
export function fileNameWords(fileName: string | undefined): string[] {
  const base = baseName(fileName);
  const stem = base.replace(/\.[A-Za-z0-9]{1,8}$/, '');
  return stem.length <= 80 ? stem.split(/[-_. ]+/) : [];
}
