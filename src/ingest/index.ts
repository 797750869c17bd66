/**
 * ingest: bytes -> TrainingLog. Detects the format from content (never the file name), parses,
 * canonicalises metric names, and collects warnings. Every failure is an IngestError with a message
 * for the user.
 */
import { IngestError, ACCEPTED_FORMATS_HINT, isIngestError } from './errors.js';
import { readInput } from './detect.js';
import { NOT_A_NAME, translateTerms } from './terms.js';
import { mlflowMetric, readMlflowMetric } from './formats/mlflow-metric.js';
import { fileNameCountsEpochs, metricFromFileName, readNumberList } from './formats/number-list.js';
import { makeInput } from './input.js';
import { formatCount, resolveLimits, type Limits } from './limits.js';
import { baseName, canonicalName, ELBO, fileNameSaysLoss, fileNameWords, isMetricKind, isShortAcc } from './names.js';
import { namesAmong, type ReadAmong } from './inner-split.js';
import { resolveFormat } from './registry.js';
import type { Dialect, Format, IngestWarning, RawLog, RawRun, Run, Series, TrainingLog } from './schema.js';
import { decodeInput } from './text.js';
import { readByValues } from './values.js';
import { listNames } from './warnings.js';

export { IngestError, isIngestError } from './errors.js';
export type { TrainingLog, Run, Series, Format } from './schema.js';

export interface IngestOptions {
  /** skip detection: a reader's name or alias (registry.ts; `curve-triage formats` lists them) */
  format?: string;
  /** the attachment's file name: names a TensorBoard export's single series, numbers alone (`val_loss.txt`),
   *  and columns that name no metric in a file named for losses (`losses.csv`) */
  fileName?: string;
  limits?: Partial<Limits>;
}

export { FORMAT_ALIASES, resolveFormat } from './registry.js';

export function ingest(input: Uint8Array | string, options: IngestOptions = {}): TrainingLog {
  const limits = resolveLimits(options.limits);
  const override = options.format ? resolveFormat(options.format) : undefined;
  // metric names in Chinese, Japanese or Korean (and Russian or Ukrainian counters) are read in English (terms.ts);
  // other texts pass unchanged
  const { text, translated } = translateTerms(decodeInput(input, limits));
  const bytes = typeof input === 'string' ? Buffer.byteLength(input) : input.length;
  let raw: RawLog;
  let lines: string[] | undefined;
  // numbers alone, named by a file name that is a metric's (val_loss.txt): the name says more than a guess;
  // MLflow's file store names its metric files so, with no extension (mlruns/.../metrics/val_loss)
  const named = override ? undefined : metricFromFileName(options.fileName);
  const mlflow = override ? undefined : mlflowMetric(text, options.fileName);
  const numbers = mlflow
    ? readMlflowMetric(text, limits, mlflow)
    : named
      ? readNumberList(text, limits, named, { epochs: fileNameCountsEpochs(options.fileName) })
      : undefined;
  try {
    const r = numbers
      ? { raw: numbers, lines: undefined }
      : readInput(makeInput(text, limits, override, options.fileName));
    raw = r.raw;
    lines = r.lines;
  } catch (e) {
    // numpy's printed array ("[3.05 2.93 ...]") reads as nothing else: a loss if it falls like one
    const printed = isIngestError(e) && !override ? readNumberList(text, limits, undefined) : undefined;
    if (!printed) throw asIngestError(e);
    raw = printed;
  }
  if (raw.rows > limits.maxRows) {
    throw new IngestError(
      'too_many_rows',
      `The log has ${formatCount(raw.rows)} rows or entries (limit ${formatCount(limits.maxRows)}). Log every Nth step, or send per-epoch metrics.`,
    );
  }
  const log = finish(raw, {
    override: !!override,
    bytes,
    lines: lines ? lines.length : countLines(text),
    fileName: options.fileName,
  });
  // the names the reading used, not split words, counters or terms in prose ("学习率下调": the lr was lowered)
  const used = new Set(log.runs.flatMap((r) => r.series.map((s) => s.name.toLowerCase())));
  const names = translated.filter(([, e]) => [...used].some((n) => n.includes(e)) && !NOT_A_NAME.has(e));
  if (names.length > 0) log.warnings.push(translatedWarning(names));
  return log;
}

/** Any failure of a reader as the refusal a user reads: an IngestError as it is, else a message, never a stack. */
function asIngestError(e: unknown): IngestError {
  if (isIngestError(e)) return e;
  if (e instanceof RangeError)
    return new IngestError('too_deep', 'The input is too deeply nested or too large to read.');
  return new IngestError(
    'unrecognised',
    `The log could not be read (${(e as Error).message.slice(0, 120)}). ${ACCEPTED_FORMATS_HINT}`,
  );
}

function translatedWarning(translated: [string, string][]): IngestWarning {
  const shown = translated.slice(0, 6).map(([w, e]) => `${w} as ${e}`);
  const more = translated.length > 6 ? ` and ${translated.length - 6} more` : '';
  return { code: 'translated_names', message: `Metric names read in English: ${shown.join(', ')}${more}.` };
}

function countLines(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Shared post-processing: canonical names, derived series, unit repairs, dialect, run labels. */
/** Points a test series needs to be a curve logged during training rather than a final score. */
const HELD_OUT_MIN_POINTS = 3;

/** A column's canonical name among its run's (`among`: inner-split.ts); with `testAsVal` (testIsHeldOut), a test
 * curve is named as the validation one. */
function heldOutName(
  written: string,
  col: { x: number[] },
  testAsVal: boolean,
  among: ReadAmong,
): ReturnType<typeof canonicalName> {
  const c = among(written);
  if (testAsVal && c.split === 'test' && heldOutCurve(col)) {
    c.split = 'val';
    c.key = `val_${c.base}`;
  }
  return c;
}

/** A column logged often enough to be a curve (a final score has one or two points). */
const heldOutCurve = (col: { x: number[] }) => col.x.length >= HELD_OUT_MIN_POINTS;

/**
 * A run with no validation series but a test series logged epoch by epoch (`test_loss` beside `train_loss`, as
 * many PyTorch loops name the held-out set they evaluate on): that series is the held-out curve.
 */
function testIsHeldOut(rr: RawRun, among: ReadAmong, warnings: IngestWarning[]): boolean {
  let test = false;
  for (const col of rr.columns) {
    const split = among(col.name).split;
    if (split === 'val') return false;
    if (split === 'test' && heldOutCurve(col)) test = true;
  }
  if (test && !warnings.some((w) => w.code === 'test_as_validation'))
    warnings.push({
      code: 'test_as_validation',
      message:
        'No validation series, but a test series logged during training (test_loss, test_acc): it is the held-out curve, judged as the validation one.',
    });
  return test;
}

/** The Hugging Face Trainer's notebook table (Epoch | Training Loss | Validation Loss | Accuracy ...): its metric
 * columns are evaluation metrics, like fastai's. */
function isHfTable(rr: RawRun): boolean {
  return (
    rr.columns.some((o) => /^training loss$/i.test(o.name.trim())) &&
    rr.columns.some((o) => /^validation loss$/i.test(o.name.trim()))
  );
}

function finish(raw: RawLog, ctx: { override: boolean; bytes: number; lines: number; fileName?: string }): TrainingLog {
  const warnings: IngestWarning[] = [...raw.warnings];
  const runs: Run[] = [];
  raw.runs.forEach((rr) => {
    const series: Series[] = [];
    const keyCount = new Map<string, number>();
    const hfTable = isHfTable(rr);
    const among = namesAmong(rr.columns.map((o) => o.name));
    const testAsVal = testIsHeldOut(rr, among, warnings);
    for (const col of rr.columns) {
      if (col.x.length === 0) continue;
      const written = writtenName(raw.format, col.name, ctx.fileName, warnings, rr.columns.length === 1);
      const c = heldOutName(written, col, testAsVal, among);
      // a format that prints only losses (a GAN Visualizer) names them as it likes: each is a training loss (an
      // accuracy or a score it prints stays one; `G_MSE`, named as an error, is a loss here)
      if (raw.allLosses && (c.kind === 'other' || c.kind === 'error'))
        Object.assign(c, { kind: 'loss', split: c.split === 'none' ? 'train' : c.split });
      // fastai computes its metrics (accuracy, error_rate, ...) on the validation set; only train_<m> is train
      if (
        (raw.format === 'fastai-csv' || hfTable) &&
        c.split === 'train' &&
        !/^train/i.test(written) &&
        c.kind !== 'loss' &&
        c.kind !== 'lr'
      ) {
        c.split = 'val';
        c.key = `val_${c.base}`;
      }
      let key = c.key;
      if (
        c.granularity === 'step' &&
        rr.columns.some((o) => o !== col && heldOutName(o.name, o, testAsVal, among).key === c.key)
      ) {
        key = `${c.key}_step`; // keep the epoch aggregate as the main series
      }
      const seen = keyCount.get(key) ?? 0;
      keyCount.set(key, seen + 1);
      if (seen > 0) key = `${key}_${seen}`;
      series.push({ key, name: col.name, base: c.base, split: c.split, kind: c.kind, x: col.x, y: col.y });
    }
    splitsAsLosses(series, warnings);
    lossesByFileName(series, ctx.fileName, warnings);
    readByValues(series, warnings);
    splitByFileName(series, { format: raw.format, fileName: ctx.fileName, among }, warnings);
    deriveTotalLoss(series);
    if (series.length === 0) return;
    runs.push({
      index: runs.length,
      label: rr.label ?? '',
      xAxis: rr.xAxis,
      ...(rr.xUnit && rr.xAxis === 'epoch' ? { xUnit: rr.xUnit } : {}),
      series,
      ...(rr.epochAtStep ? { epochAtStep: rr.epochAtStep } : {}),
      ...(rr.epochNumbering && rr.xAxis === 'epoch' ? { epochNumbering: rr.epochNumbering } : {}),
      ...(rr.rowsWithinEpochs && rr.xAxis === 'epoch' ? { rowsWithinEpochs: true } : {}),
    });
  });
  if (runs.length === 0) {
    throw new IngestError(
      'no_series',
      `The ${raw.format} log was read but holds no numeric metric values (every cell was empty, NA or text). ${ACCEPTED_FORMATS_HINT}`,
    );
  }
  runs.forEach((r, i) => {
    r.index = i;
    r.label = runs.length > 1 ? `run ${i + 1} of ${runs.length}${r.label ? ` (${r.label})` : ''}` : r.label || 'run 1';
  });
  if (runs.length > 1 && !warnings.some((w) => w.code === 'multiple_runs')) {
    warnings.push({
      code: 'multiple_runs',
      message: `The file holds ${runs.length} runs; the last one is diagnosed unless you pick another.`,
    });
  }
  return {
    format: raw.format,
    detectedBy: ctx.override ? 'override' : 'content',
    runs,
    dialect: dialectOf(raw, runs),
    warnings,
    stats: { bytes: ctx.bytes, lines: ctx.lines, rows: raw.rows },
  };
}

/** A column's name as written, but a TensorBoard export's lone `value`, and any table's one column named `value`
 * (`step,value`, an export of one scalar) where the file's name names a metric (`train_loss.csv`): named by its file. */
function writtenName(
  format: Format,
  name: string,
  fileName: string | undefined,
  warnings: IngestWarning[],
  lone: boolean,
): string {
  const tensorboard = format === 'tensorboard-csv' || format === 'tensorboard-json';
  if (tensorboard && name === 'value') return tensorboardName(fileName, warnings);
  const named = lone && /^value$/i.test(name.trim()) ? metricFromFileName(fileName) : undefined;
  if (!named) return name;
  if (!warnings.some((w) => w.code === 'unnamed_series' && w.message.includes(`read as ${named},`)))
    warnings.push({
      code: 'unnamed_series',
      message: `The table's one column is named "${name.trim()}": it is read as ${named}, from the file's name ${baseName(fileName)}.`,
    });
  return named;
}

function tensorboardName(fileName: string | undefined, warnings: IngestWarning[]): string {
  // legacy download name: run-<run>-tag-<tag>.csv, e.g. run-validation-tag-epoch_loss.csv
  const m = fileName ? /run[-_](.+?)[-_]tag[-_](.+?)\.(csv|json)$/i.exec(fileName) : null;
  if (m) {
    const run = m[1].toLowerCase();
    const tag = m[2].replace(/^epoch_/, '');
    return /valid|val|eval|test/.test(run) ? `val_${tag}` : tag;
  }
  warnings.push({
    code: 'unnamed_series',
    message: 'A TensorBoard export holds one unnamed scalar; it is read as the training loss.',
  });
  return 'loss';
}

/** A column named by a split alone: `train`, `valid`, `test` (`pd.DataFrame({'train': losses, 'test': ...})`). */
const SPLIT_ALONE: Record<string, 'train' | 'val' | 'test'> = {
  train: 'train',
  training: 'train',
  // CatBoost's name for its training set (evals_result's "learn" beside "validation")
  learn: 'train',
  val: 'val',
  valid: 'val',
  validation: 'val',
  dev: 'val',
  test: 'test',
  testing: 'test',
};

/**
 * Columns named by a split alone, where no column names a metric (`train,test` over two columns of numbers): each
 * split's loss, as the printed-log reader reads "train 2.225 val 2.301" (a split word alone and its value).
 */
function splitsAsLosses(series: Series[], warnings: IngestWarning[]): void {
  if (series.some((s) => isMetricKind(s.kind))) return;
  const bare = series.flatMap((s) => {
    const word = s.base.toLowerCase();
    return s.kind === 'other' && Object.hasOwn(SPLIT_ALONE, word) ? [{ s, named: SPLIT_ALONE[word] }] : [];
  });
  if (bare.length === 0 || new Set(bare.map((b) => b.named)).size !== bare.length) return;
  // a test column beside no validation one is the held-out curve, as a test series logged during training is
  const heldOut = bare.some((b) => b.named === 'test') && !bare.some((b) => b.named === 'val');
  for (const { s, named } of bare) {
    const split = named === 'test' && heldOut ? 'val' : named;
    Object.assign(s, { key: split === 'train' ? 'loss' : `${split}_loss`, base: 'loss', split, kind: 'loss' });
  }
  warnings.push({
    code: 'unnamed_series',
    message: `${bare.map((b) => `"${b.s.name}"`).join(' and ')} name a split and no metric: read as ${bare.length > 1 ? 'their' : 'its'} loss${heldOut ? ' (the test column as the held-out curve)' : ''}.`,
  });
}

/** Columns that count things (`val_samples`, `train_tokens`, `val_size`): never a loss, whatever the file's name. */
const COUNT_LIKE =
  /(?:^|_)(?:samples?|tokens?|counts?|size|n|num\w{0,20}|steps?|epochs?|batch(?:es)?|iters?|examples?)$/;

/**
 * Columns of a split named for parts of a model (`train_total`, `val_cls`) in a file named for losses
 * (`losses.csv`, `loss_history.json`): when no column names a metric, the file's name says they are losses.
 * Columns without a split (`ResNet`, `VGG`: models side by side) stay unnamed: which is which cannot be told.
 */
function lossesByFileName(series: Series[], fileName: string | undefined, warnings: IngestWarning[]): void {
  if (!fileNameSaysLoss(fileName) || series.some((s) => isMetricKind(s.kind))) return;
  const other = series.filter((s) => s.kind === 'other' && s.split !== 'none' && !COUNT_LIKE.test(s.base));
  if (other.length === 0) return;
  for (const s of other) s.kind = 'loss';
  if (warnings.some((w) => w.code === 'losses_by_file_name')) return;
  const names = [...new Set(other.map((s) => `"${s.name}"`))];
  warnings.push({
    code: 'losses_by_file_name',
    message: `${listNames(names)} name no metric; read as losses because the file is named ${baseName(fileName)}.`,
  });
}

/** What a file's name says after its split word: what the file holds (`val_metrics.csv`, `eval_log.csv`). */
const HOLDS_WORD = /^(?:log|logs|metrics|errors?|history|results?|stats|curves?|scores?)$/;
/** ... after a test (or dev) set's word, only its metrics: a test run of a training writes `test_log.txt` and
 * `test_results.csv` too, and a developer `dev_log.txt` */
const METRICS_WORD = /^(?:metrics|errors?|history|curves?|scores?)$/;
/** The words a run's number follows in a file's name (`fold1`, `run_2`, `seed42`). */
const RUN_WORDS = '(?:fold|run|seed|trial|split|exp)';
/** What a file's name may end with after what it holds: a copy's number (`(1)`, `2`, `copy`, `v3`) or a run's
 * (`fold1`, `run_2`, `seed42`). A number of 4 digits or more is a year or a stamp, a word alone (`split`) no mark. */
const COPY_MARK = new RegExp(`^(?:\\(\\d{1,3}\\)|\\d{1,3}|copy|v\\d{1,3}|${RUN_WORDS}\\d{1,3})$`);
/** A run's word before its number (`run_2`, `fold_1`). */
const RUN_WORD = new RegExp(`^${RUN_WORDS}$`);
/** Split words that name a file's split: those that name a column's (SPLIT_ALONE), and an evaluation's. */
const FILE_SPLIT: Record<string, 'train' | 'val' | 'test'> = { ...SPLIT_ALONE, eval: 'val', evaluation: 'val' };

/**
 * The split a file's name gives columns that name none: the name is a held-out split's word and a word for what
 * the file holds (`val_log.csv`, `eval_results.csv`, `valid_metrics.csv`, CatBoost's `test_error.tsv`, where it
 * logs its eval set beside learn_error.tsv). Not a split word alone (`test.csv`, a common scratch name), not
 * `test_run.csv`, nor a metric's name (`val_loss.txt` names its numbers: number-list.ts).
 */
function fileNameSplit(fileName: string | undefined): 'val' | 'test' | undefined {
  const words = fileNameWords(fileName).map((w) => w.toLowerCase());
  // a copy's or a run's mark after the name (`val_metrics (1).csv`, `eval_log_fold2.csv`, `test_error_copy.tsv`;
  // `run_2` is two words: the number, then its run's word)
  while (words.length > 2 && COPY_MARK.test(words.at(-1)!)) {
    const mark = words.pop()!;
    if (/^\d/.test(mark) && words.length > 2 && RUN_WORD.test(words.at(-1)!)) words.pop();
  }
  if (words.length !== 2) return undefined;
  const [word, holds] = words;
  const split = Object.hasOwn(FILE_SPLIT, word) ? FILE_SPLIT[word] : undefined;
  if (split === undefined || split === 'train') return undefined;
  return (split === 'test' || word === 'dev' ? METRICS_WORD : HOLDS_WORD).test(holds) ? split : undefined;
}

/** Formats whose unprefixed names are training's by their own convention: Keras's console (`model.fit` prints
 * `loss` for training, `val_loss` for validation). A JSON file is any program's. */
const TRAIN_BY_CONVENTION: ReadonlySet<Format> = new Set(['keras-stdout']);

/**
 * Metrics that name no split (`loss`, `accuracy`, CatBoost's `RMSE`) in a file named for a held-out split
 * (fileNameSplit): they are that split's, as `val_loss` would be; a test set's curve is the held-out one, judged as
 * the validation one (testIsHeldOut). Not when any metric of the run names its split (the file then says which is
 * which itself), in Keras's console (whose `loss` is training's), or when a reader named the values itself
 * (`unnamed_series`: read as the training loss, and said so).
 */
function splitByFileName(
  series: Series[],
  ctx: { format: Format; fileName?: string; among: ReadAmong },
  warnings: IngestWarning[],
): void {
  const split = fileNameSplit(ctx.fileName);
  const metrics = series.filter((s) => isMetricKind(s.kind));
  if (!split || metrics.length === 0 || TRAIN_BY_CONVENTION.has(ctx.format)) return;
  if (warnings.some((w) => w.code === 'unnamed_series')) return;
  // (the names as the run's columns read them: the index finish() built once)
  if (metrics.some((s) => s.split !== 'train' || ctx.among(s.name).splitNamed)) return;
  for (const s of metrics) {
    const to = split === 'test' && !heldOutCurve(s) ? 'test' : 'val';
    s.split = to;
    s.key = `${to}_${s.key}`;
  }
  if (warnings.some((w) => w.code === 'split_by_file_name')) return;
  const held =
    split === 'val'
      ? "the validation set's"
      : "the test set's (a curve of it, evaluated during training, is judged as the validation one)";
  warnings.push({
    code: 'split_by_file_name',
    message: `No metric names its split, and the file is named ${baseName(ctx.fileName)}: its metrics are read as ${held}.`,
  });
}

/** A loss named as the total of the others ("total_loss", "tot_loss", "loss_sum"): it is the loss, not a part. */
// a bare `total` is a loss only in a file named for losses (lossesByFileName), where it is the total one
// (a VAE's ELBO is the total of its reconstruction and KL terms)
const TOTAL_LOSS = new RegExp(
  `${/^(?:tot|total|overall|sum|full)_?loss$|^loss_?(?:tot|total|sum|all)$|^(?:total|tot|overall)$/.source}|${ELBO.source}`,
);

/** How a logged value was pooled over the epoch, said before or after its name (`loss_total_avg`, `mean_total_loss`). */
const AGGREGATE = /^(?:avg|mean|epoch)_|_(?:avg|mean|epoch)$/g;

/** YOLO-style logs have box/cls/dfl losses and no total: sum the components for each split (or, when one
 * of them is named as the total, read that one). */
function deriveTotalLoss(series: Series[]): void {
  for (const split of ['train', 'val'] as const) {
    const key = split === 'train' ? 'loss' : 'val_loss';
    if (series.some((s) => s.key === key)) continue;
    const parts = series.filter(
      (s) => s.split === split && s.kind === 'loss' && s.key !== key && !s.key.endsWith('_step'),
    );
    if (parts.length < 2) continue;
    if (split === 'train' && pairedWithOnePart(series, parts)) continue;
    // (under a tag's group: TensorFlow's Object Detection API logs Loss/total_loss beside Loss/classification_loss)
    const total = parts.find((p) => TOTAL_LOSS.test(p.base.slice(p.base.lastIndexOf('/') + 1).replace(AGGREGATE, '')));
    if (total) {
      series.push({ ...total, key, base: 'loss', x: [...total.x], y: [...total.y], derived: true });
      continue;
    }
    const x = parts[0].x;
    if (!parts.every((p) => p.x.length === x.length && p.x.every((v, i) => v === x[i]))) continue;
    if (modelsSideBySide(series, parts)) continue;
    // parts of one name are one metric's variants, not a total's terms (CatBoost's `Quantile:alpha=0.1` beside
    // `Quantile:alpha=0.9`, its objective beside the same metric weighted otherwise): nothing to add up
    if (new Set(parts.map((p) => p.base)).size < parts.length) continue;
    const y = x.map((_, i) => parts.reduce((a, p) => a + p.y[i], 0));
    series.push({
      key,
      name: `${split === 'train' ? 'train' : 'val'} ${parts.map((p) => p.base).join(' + ')}`,
      base: 'loss',
      split,
      kind: 'loss',
      x: [...x],
      y,
      derived: true,
    });
  }
}

/** The run's one validation loss is one of these training losses' own (`lstm_val_loss` beside `gru_loss` and
 * `lstm_loss`): that pair is the curve to judge, and a training total of the others beside it is nobody's. */
function pairedWithOnePart(series: Series[], parts: Series[]): boolean {
  const val = series.filter((s) => s.split === 'val' && s.kind === 'loss' && !s.key.endsWith('_step'));
  return val.length === 1 && parts.some((p) => p.base === val[0].base);
}

/** Losses whose prefixes each have their own accuracy (`mobilenetv2_loss` beside `mobilenetv2_accuracy`, ...) are
 * models (or heads) trained side by side, not a loss's parts: their sum is nobody's loss. */
function modelsSideBySide(series: Series[], parts: Series[]): boolean {
  const prefixes = parts.map((p) => p.base.replace(/_?loss(?:es)?$/, '')).filter((p) => p !== '');
  const scored = prefixes.filter((pre) =>
    series.some((s) => s.split === parts[0].split && s.kind === 'accuracy' && s.base.startsWith(`${pre}_`)),
  );
  return scored.length >= 2;
}

function dialectOf(raw: RawLog, runs: Run[]): Dialect {
  const clues = [...(raw.clues ?? [])];
  const isKeras = raw.format.startsWith('keras');
  const names = isKeras ? runs.flatMap((r) => r.series.map((s) => s.name)) : [];
  if (names.some(isShortAcc)) clues.push('keras2:"acc" metric names (Keras <= 2.2 / compile(metrics=["acc"]))');
  if (names.includes('lr')) clues.push('keras2|tfkeras:"lr" key (Keras 2.x / tf.keras LR callbacks)');
  if (
    names.includes('learning_rate') &&
    (raw.format === 'keras-csv' || raw.format === 'keras-history-json' || raw.format === 'keras-stdout')
  ) {
    clues.push('keras3:"learning_rate" key (Keras 3 LR callbacks)');
  }
  const votes = { keras2: 0, tfkeras: 0, keras3: 0 };
  const specific = new Set(raw.clues ?? []);
  for (const c of clues) {
    // clues from the format itself (console style, key order) weigh double against naming clues
    const weight = specific.has(c) ? 2 : 1;
    for (const k of c.split(':')[0].split('|') as (keyof typeof votes)[]) if (k in votes) votes[k] += weight;
  }
  const best = (Object.entries(votes) as [keyof typeof votes, number][]).sort((a, b) => b[1] - a[1])[0];
  const flavour = best[1] > 0 ? best[0] : isKeras ? 'tfkeras' : 'unknown';
  return { flavour, clues: clues.map((c) => c.replace(/^[\w|]+:/, '')) };
}
