/**
 * ingest: bytes -> TrainingLog. Detects the format from content (never the file name), parses,
 * canonicalises metric names, and collects warnings. Every failure is an IngestError with a message
 * for the user.
 */
import { IngestError, ACCEPTED_FORMATS_HINT, isIngestError } from './errors.js';
import { resolveLimits, type Limits } from './limits.js';
import { closeTruncated, parseLiteral } from './literal.js';
import { canonicalName, isShortAcc } from './names.js';
import type { Dialect, Format, IngestWarning, RawLog, Run, Series, TrainingLog } from './schema.js';
import { FORMATS } from './schema.js';
import { decodeInput, parseNumber, splitLines } from './text.js';
import { interpretStructured, fromRecords } from './formats/json.js';
import { parseCsv } from './formats/csv.js';
import { sniffDelimiter, splitCells, isHeaderLike, looksTabular } from './formats/table.js';
import { plainTableToTsv } from './formats/plain-table.js';
import {
  looksLikeKerasConsole,
  parseKerasConsole,
  looksLikeHfConsole,
  parseHfConsole,
  parseGenericText,
} from './formats/console.js';

export { IngestError, isIngestError } from './errors.js';
export type { TrainingLog, Run, Series, Format } from './schema.js';

export interface IngestOptions {
  /** skip detection: one of FORMATS or an alias (see FORMAT_ALIASES) */
  format?: string;
  /** the attachment's file name: used only to name a TensorBoard export's single series */
  fileName?: string;
  limits?: Partial<Limits>;
}

/** Characters read to detect a format (a few hundred lines): the rest is parsed once, by the chosen reader. */
const HEAD_CHARS = 256 * 1024;

/** Names people type for --format. */
export const FORMAT_ALIASES: Record<string, Format> = {
  json: 'keras-history-json',
  history: 'keras-history-json',
  'keras-history': 'keras-history-json',
  'keras-json': 'keras-history-json',
  pandas: 'keras-history-json',
  dict: 'keras-history-json',
  csvlogger: 'keras-csv',
  keras: 'keras-csv',
  console: 'keras-stdout',
  stdout: 'keras-stdout',
  'keras-console': 'keras-stdout',
  fit: 'keras-stdout',
  lightning: 'lightning-csv',
  pl: 'lightning-csv',
  hf: 'hf-trainer-state',
  huggingface: 'hf-trainer-state',
  transformers: 'hf-trainer-state',
  trainer: 'hf-trainer-state',
  fastai: 'fastai-csv',
  tensorboard: 'tensorboard-csv',
  tb: 'tensorboard-csv',
  yolo: 'ultralytics-csv',
  ultralytics: 'ultralytics-csv',
  txt: 'text',
  log: 'text',
};

export function resolveFormat(name: string): Format {
  const n = name.trim().toLowerCase();
  if ((FORMATS as readonly string[]).includes(n)) return n as Format;
  const alias = Object.hasOwn(FORMAT_ALIASES, n) ? FORMAT_ALIASES[n] : undefined;
  if (alias) return alias;
  throw new IngestError(
    'bad_format_override',
    `Unknown format "${name.slice(0, 40)}". Use one of: ${FORMATS.join(', ')} (aliases: ${Object.keys(FORMAT_ALIASES).join(', ')}).`,
  );
}

export function ingest(input: Uint8Array | string, options: IngestOptions = {}): TrainingLog {
  const limits = resolveLimits(options.limits);
  const override = options.format ? resolveFormat(options.format) : undefined;
  const text = decodeInput(input, limits);
  const bytes = typeof input === 'string' ? Buffer.byteLength(input) : input.length;
  let raw: RawLog;
  let lines: string[] | undefined;
  try {
    const r = parse(text, limits, override);
    raw = r.raw;
    lines = r.lines;
  } catch (e) {
    if (isIngestError(e)) throw e;
    if (e instanceof RangeError) {
      throw new IngestError('too_deep', 'The input is too deeply nested or too large to read.');
    }
    throw new IngestError('unrecognised', `The log could not be read (${(e as Error).message.slice(0, 120)}). ${ACCEPTED_FORMATS_HINT}`);
  }
  if (raw.rows > limits.maxRows) {
    throw new IngestError(
      'too_many_rows',
      `The log has ${raw.rows.toLocaleString('en-US')} rows or entries (limit ${limits.maxRows.toLocaleString('en-US')}). Log every Nth step, or send per-epoch metrics.`,
    );
  }
  return finish(raw, {
    override: !!override,
    bytes,
    lines: lines ? lines.length : countLines(text),
    fileName: options.fileName,
  });
}

function countLines(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function checkLineLengths(lines: string[], limits: Limits): void {
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].length > limits.maxLineLength) {
      throw new IngestError(
        'line_too_long',
        `Line ${i + 1} is ${lines[i].length.toLocaleString('en-US')} characters long (limit ${limits.maxLineLength.toLocaleString('en-US')}). ` +
          'Is this really a text log? Console captures should have one line per epoch or progress update.',
      );
    }
  }
}

function parse(text: string, limits: Limits, override: Format | undefined): { raw: RawLog; lines?: string[] } {
  const trimmed = text.trimStart();
  const first = trimmed[0];
  const structuredOverride = override === 'keras-history-json' || override === 'hf-trainer-state' || override === 'tensorboard-json';
  if ((first === '{' || first === '[') && (!override || structuredOverride)) {
    try {
      let value;
      let repaired = false;
      try {
        value = parseLiteral(trimmed, limits.maxDepth);
      } catch (e) {
        // a JSON/dict cut off mid-way (a paste over the message limit): close it and read what is there
        const closed = isIngestError(e) && e.code === 'bad_json' ? closeTruncated(trimmed) : undefined;
        if (closed === undefined) throw e;
        value = parseLiteral(closed, limits.maxDepth);
        repaired = true;
      }
      const raw = interpretStructured(value, { truncated: repaired });
      if (repaired) {
        raw.warnings.push({ code: 'truncated_input', message: 'The JSON/dict was cut off; read it up to its last complete value (lists may be one value short).' });
      }
      return { raw };
    } catch (e) {
      // JSON lines ({"epoch": 1, ...} per line) and text that merely starts with a brace fall through
      if (isIngestError(e) && e.code === 'too_deep') throw e;
      const lines = splitLines(text);
      // printed Hugging Face log dicts ({'loss': ..., 'epoch': 0.5} per line) carry no step: number them
      if (looksLikeHfConsole(lines)) {
        const recs = parseHfConsole(lines, limits);
        if (recs.length > 0) return { raw: interpretStructured(recs), lines };
      }
      if (structuredOverride) throw e;
      const jsonl = tryJsonLines(lines, limits);
      if (jsonl) return { raw: jsonl, lines };
      if (first === '[' || (isIngestError(e) && e.code === 'no_series')) {
        if (!looksLikeKerasConsole(lines) && !looksLikeHfConsole(lines)) {
          // "[Epoch 1/6] Train Loss: 0.69 | Val Loss: 0.68" starts with a bracket too: read it as text
          // when it has epoch lines with metrics, else the JSON error is the useful one
          const text = first === '[' ? tryGenericText(lines, limits) : undefined;
          if (text) return { raw: text, lines };
          throw e;
        }
      }
    }
  }
  // detection reads the head; only non-table formats need the whole text as lines
  const head = splitLines(text.length > HEAD_CHARS ? text.slice(0, HEAD_CHARS) : text);
  if (text.length > HEAD_CHARS) head.pop(); // the last head line may be cut
  const delimGuess = !override || !['keras-stdout', 'text', 'hf-trainer-state'].includes(override) ? sniffDelimiter(head) : undefined;
  const headerGuess = head.find((l) => l.trim() !== '') ?? '';
  const tableLike = !!delimGuess && isHeaderLike(splitCells(headerGuess, delimGuess)) && !nameValueRow(splitCells(headerGuess, delimGuess)) && looksTabular(head, delimGuess);
  if (!override && tableLike && !looksLikeKerasConsole(head) && !looksLikeHfConsole(head)) {
    return { raw: parseCsv(text, delimGuess, limits) };
  }
  const lines = splitLines(text);
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  checkLineLengths(lines, limits);
  if (override === 'keras-stdout') return { raw: parseKerasConsole(lines, limits), lines };
  if (override === 'text') return { raw: parseGenericText(lines, limits), lines };
  if (override === 'hf-trainer-state') return { raw: { ...interpretStructured(parseHfConsole(lines, limits)), format: 'hf-trainer-state' }, lines };
  if (!override) {
    if (looksLikeKerasConsole(lines)) return { raw: kerasOrPrints(lines, limits), lines };
    if (looksLikeHfConsole(lines)) {
      const recs = parseHfConsole(lines, limits);
      if (recs.length > 0) return { raw: interpretStructured(recs), lines };
    }
  }
  if (!override || override === 'fastai-csv') {
    // a Markdown pipe table or a whitespace-aligned console table (fastai's fit output)
    const tsv = plainTableToTsv(lines);
    if (tsv) return { raw: parseCsv(tsv, '\t', limits, override), lines };
  }
  const delim = sniffDelimiter(lines) ?? (override ? ',' : undefined);
  const headerLine = lines.find((l) => l.trim() !== '') ?? '';
  if (delim && (override || (isHeaderLike(splitCells(headerLine, delim)) && !nameValueRow(splitCells(headerLine, delim)) && looksTabular(lines, delim)))) {
    return { raw: parseCsv(text, delim, limits, override), lines };
  }
  if (delim && !override) {
    const cells = splitCells(headerLine, delim);
    if (cells.length >= 2 && cells.every((c) => c.trim() === '' || /^[-+.\deE]+$|^nan$|^inf$/i.test(c.trim()))) {
      // numbers without a header: fall through to the generic text reader, then explain
      try {
        return { raw: parseGenericText(lines, limits), lines };
      } catch {
        throw new IngestError(
          'unrecognised',
          'This table has no header row, so its columns cannot be named. Add a header such as "epoch,loss,val_loss" ' +
            '(Keras CSVLogger writes one; a CSVLogger with append=True only writes it for the first run).',
        );
      }
    }
  }
  return { raw: parseGenericText(lines, limits), lines };
}

/**
 * "Epoch 12 - loss: 0.2231, accuracy: 0.9112, val_loss: 3.87" looks like Keras output but its pairs are
 * comma-separated, which the Keras reader does not see: when that reader finds nothing, or only one
 * series, the printed-log reader gets the text, and the reading with more series wins.
 */
function kerasOrPrints(lines: string[], limits: Limits): RawLog {
  let keras: RawLog | undefined;
  let refusal: unknown;
  try {
    keras = parseKerasConsole(lines, limits);
  } catch (e) {
    if (!isIngestError(e) || e.code !== 'no_series') throw e;
    refusal = e;
  }
  const thin = !keras || keras.runs.every((r) => r.columns.length < 2);
  if (!thin) return keras!;
  let prints: RawLog | undefined;
  try {
    prints = parseGenericText(lines, limits);
  } catch (e) {
    if (!isIngestError(e) || e.code === 'too_many_rows') throw e;
  }
  // more series, not more points: batch lines of a loss-only Keras capture are points inside epochs, not a better reading
  const series = (r: RawLog | undefined) => (r ? Math.max(0, ...r.runs.map((run) => run.columns.filter((c) => c.y.length > 0).length)) : 0);
  if (prints && series(prints) > series(keras)) return prints;
  if (keras) return keras;
  throw refusal;
}

/** "Epoch<TAB>3<TAB>Train_Loss<TAB>0.41<TAB>...": names each followed by its value are a printed line, not a header */
function nameValueRow(cells: string[]): boolean {
  const c = cells.map((x) => x.trim()).filter((x) => x !== '');
  if (c.length < 4 || c.length % 2 !== 0) return false;
  for (let i = 0; i < c.length; i += 2) {
    if (!/^[A-Za-z]/.test(c[i]) || parseNumber(c[i + 1]) === undefined) return false;
  }
  return true;
}

function tryGenericText(lines: string[], limits: Limits): RawLog | undefined {
  try {
    const raw = parseGenericText(lines, limits);
    return raw.runs.some((r) => r.columns.some((c) => c.y.length >= 2)) ? raw : undefined;
  } catch {
    return undefined;
  }
}

function tryJsonLines(lines: string[], limits: Limits): RawLog | undefined {
  const recs = [];
  for (const l of lines) {
    const t = l.trim();
    if (t === '') continue;
    if (t[0] !== '{') return undefined;
    try {
      const v = parseLiteral(t, limits.maxDepth);
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
      recs.push(v);
    } catch {
      return undefined;
    }
  }
  if (recs.length < 1) return undefined;
  return interpretStructured(recs);
}

/** Shared post-processing: canonical names, derived series, unit repairs, dialect, run labels. */
function finish(raw: RawLog, ctx: { override: boolean; bytes: number; lines: number; fileName?: string }): TrainingLog {
  const warnings: IngestWarning[] = [...raw.warnings];
  const runs: Run[] = [];
  raw.runs.forEach((rr) => {
    const series: Series[] = [];
    const keyCount = new Map<string, number>();
    // the Hugging Face Trainer's notebook table (Epoch | Training Loss | Validation Loss | Accuracy ...):
    // its metric columns are evaluation metrics, like fastai's
    const hfTable = rr.columns.some((o) => /^training loss$/i.test(o.name.trim())) && rr.columns.some((o) => /^validation loss$/i.test(o.name.trim()));
    for (const col of rr.columns) {
      if (col.x.length === 0) continue;
      let written = col.name;
      if ((raw.format === 'tensorboard-csv' || raw.format === 'tensorboard-json') && written === 'value') {
        written = tensorboardName(ctx.fileName, warnings);
      }
      const c = canonicalName(written);
      // fastai computes its metrics (accuracy, error_rate, ...) on the validation set; only train_<m> is train
      if ((raw.format === 'fastai-csv' || hfTable) && c.split === 'train' && !/^train/i.test(written) && c.kind !== 'loss' && c.kind !== 'lr') {
        c.split = 'val';
        c.key = `val_${c.base}`;
      }
      let key = c.key;
      if (c.granularity === 'step' && rr.columns.some((o) => o !== col && canonicalName(o.name).key === c.key)) {
        key = `${c.key}_step`; // keep the epoch aggregate as the main series
      }
      const seen = keyCount.get(key) ?? 0;
      keyCount.set(key, seen + 1);
      if (seen > 0) key = `${key}_${seen}`;
      series.push({ key, name: col.name, base: c.base, split: c.split, kind: c.kind, x: col.x, y: col.y });
    }
    repairPercentAccuracy(series, warnings);
    deriveTotalLoss(series);
    if (series.length === 0) return;
    runs.push({
      index: runs.length,
      label: rr.label ?? '',
      xAxis: rr.xAxis,
      series,
      ...(rr.epochAtStep ? { epochAtStep: rr.epochAtStep } : {}),
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
    warnings.push({ code: 'multiple_runs', message: `The file holds ${runs.length} runs; the last one is diagnosed unless you pick another.` });
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

/** PyTorch scripts often log accuracy in percent; diagnosis thresholds are on [0, 1]. */
function repairPercentAccuracy(series: Series[], warnings: IngestWarning[]): void {
  for (const s of series) {
    if (s.kind !== 'accuracy') continue;
    let max = -Infinity;
    for (const v of s.y) if (Number.isFinite(v) && v > max) max = v;
    if (max > 1.5 && max <= 100) {
      s.y = s.y.map((v) => v / 100);
      warnings.push({ code: 'percent_accuracy', message: `"${s.name}" looks like a percentage (max ${max}); divided by 100.` });
    }
  }
}

/** YOLO-style logs have box/cls/dfl losses and no total: sum the components for each split. */
function deriveTotalLoss(series: Series[]): void {
  for (const split of ['train', 'val'] as const) {
    const key = split === 'train' ? 'loss' : 'val_loss';
    if (series.some((s) => s.key === key)) continue;
    const parts = series.filter((s) => s.split === split && s.kind === 'loss' && s.key !== key && !s.key.endsWith('_step'));
    if (parts.length < 2) continue;
    const x = parts[0].x;
    if (!parts.every((p) => p.x.length === x.length && p.x.every((v, i) => v === x[i]))) continue;
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

function dialectOf(raw: RawLog, runs: Run[]): Dialect {
  const clues = [...(raw.clues ?? [])];
  const isKeras = raw.format.startsWith('keras');
  const names = isKeras ? runs.flatMap((r) => r.series.map((s) => s.name)) : [];
  if (names.some(isShortAcc)) clues.push('keras2:"acc" metric names (Keras <= 2.2 / compile(metrics=["acc"]))');
  if (names.includes('lr')) clues.push('keras2|tfkeras:"lr" key (Keras 2.x / tf.keras LR callbacks)');
  if (names.includes('learning_rate') && (raw.format === 'keras-csv' || raw.format === 'keras-history-json' || raw.format === 'keras-stdout')) {
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
