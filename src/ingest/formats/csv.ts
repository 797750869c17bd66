/**
 * Every table-shaped log: Keras CSVLogger, pandas to_csv, fastai history.csv, Lightning metrics.csv,
 * TensorBoard CSV export, Ultralytics results.csv, and any CSV with metric names in its header.
 * A plain column-wise split (no general CSV library): the benchmark shows it keeps up with pandas,
 * where csv-parse's sync API is ~8x slower on million-row files.
 */
import { IngestError } from '../errors.js';
import type { Limits } from '../limits.js';
import { isBookkeeping } from '../names.js';
import type { Format, IngestWarning, RawColumn, RawLog, RawRun } from '../schema.js';
import { parseDecimalComma, parseNumber, splitLines } from '../text.js';

const DELIMITERS = [',', ';', '\t'] as const;
const TIME_CELL = /^\d{1,3}:\d{2}(?::\d{2})?$/;
const GLUED_TIME = /^(\d{1,3}:\d{2}(?::\d{2})?)(\d+)$/;

/** The first `k` non-blank lines, without walking (or copying) a million-line file. */
export function firstNonEmpty(lines: string[], k: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length && out.length < k; i++) if (/\S/.test(lines[i])) out.push(lines[i]);
  return out;
}

function count(line: string, ch: string): number {
  let n = 0;
  for (let i = line.indexOf(ch); i !== -1; i = line.indexOf(ch, i + 1)) n++;
  return n;
}

/**
 * The delimiter of a table: present in the header, and on most later lines at least as often
 * (glued rows from concurrent writers have more, never fewer). Equal counts score higher.
 */
export function sniffDelimiter(lines: string[]): string | undefined {
  const sample = firstNonEmpty(lines, 30);
  if (sample.length === 0) return undefined;
  let best: string | undefined;
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const c0 = count(sample[0], d);
    if (c0 === 0) continue;
    const rest = sample.length > 1 ? sample.slice(1) : sample;
    const same = rest.filter((l) => count(l, d) === c0).length;
    const atLeast = rest.filter((l) => count(l, d) >= c0).length;
    const score = (same + atLeast) / (2 * rest.length) + c0 / 1000;
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return bestScore >= 0.5 ? best : undefined;
}

/** Data rows of a table are mostly numbers; free-text logs ("Epoch 3: Train Loss=0.1, Val Loss=0.2") are not. */
export function looksTabular(lines: string[], delim: string): boolean {
  const body = firstNonEmpty(lines, 21).slice(1);
  if (body.length === 0) return true;
  let numericRows = 0;
  for (const l of body) {
    const cells = splitCells(l, delim);
    let num = 0;
    for (const c of cells) {
      const t = c.trim();
      if (t === '' || parseNumber(t) !== undefined || /^(nan|-?inf|na|none|null)$/i.test(t) || TIME_CELL.test(t) || /^[\d:,.]+$/.test(t)) num++;
    }
    if (num >= cells.length / 2) numericRows++;
  }
  return numericRows >= body.length / 2;
}

/** Split one line, honouring double quotes only when the line has any (the fast path has none). */
export function splitCells(line: string, delim: string): string[] {
  if (!line.includes('"')) return line.split(delim);
  const out: string[] = [];
  let cur = '';
  let inQ = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (inQ) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          cur += '"';
          i++;
        } else inQ = false;
      } else cur += c;
    } else if (c === '"') inQ = true;
    else if (c === delim) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function isHeaderLike(cells: string[]): boolean {
  let names = 0;
  let numbers = 0;
  for (const c of cells) {
    const t = c.trim();
    if (t === '') continue;
    const n = parseNumber(t);
    if (n !== undefined || /^(nan|inf|-inf)$/i.test(t)) numbers++;
    else if (/[A-Za-z]/.test(t)) names++;
  }
  return names > 0 && names >= numbers;
}

interface Table {
  header: string[];
  /** the whole text; blocks are character ranges of it, re-scanned by the readers (a million rows never
   *  sit in memory as line strings or cell arrays); a new block starts at each repeated header (fastai append) */
  text: string;
  blocks: { startLine: number; from: number; to: number; rows: number }[];
  headerLine: string;
  delim: string;
  warnings: IngestWarning[];
  rows: number;
}

/** Calls fn for every data line of a block (blank lines and repeated headers skipped). */
function forEachLine(table: Table, block: Table['blocks'][number], fn: (line: string) => void): void {
  const { text, headerLine, delim } = table;
  let pos = block.from;
  while (pos < block.to) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1 || nl > block.to) nl = block.to;
    let end = nl;
    while (end > pos && text.charCodeAt(end - 1) === 13) end--;
    const line = text.slice(pos, end);
    pos = nl + 1;
    const c0 = line.charCodeAt(0);
    if (!(c0 >= 48 && c0 <= 57) && c0 !== 45) {
      const t = line.trim();
      if (t === '' || isRepeatedHeader(t, headerLine, delim)) continue;
    }
    fn(line);
  }
}

function isRepeatedHeader(trimmed: string, headerLine: string, delim: string): boolean {
  return trimmed === headerLine || splitCells(trimmed, delim).map((c) => c.trim()).join(delim) === headerLine;
}

function readTable(text: string, delim: string, limits: Limits): Table {
  const warnings: IngestWarning[] = [];
  // header: the first non-blank line
  let pos = 0;
  let lineNo = 0;
  let header: string[] | undefined;
  let headerLine = '';
  const nextLine = (): string | undefined => {
    if (pos > text.length) return undefined;
    let nl = text.indexOf('\n', pos);
    if (nl === -1) nl = text.length;
    let end = nl;
    while (end > pos && text.charCodeAt(end - 1) === 13) end--;
    const line = text.slice(pos, end);
    pos = nl + 1;
    lineNo++;
    if (line.length > limits.maxLineLength) {
      throw new IngestError('line_too_long', `Line ${lineNo} is ${line.length.toLocaleString('en-US')} characters long (limit ${limits.maxLineLength.toLocaleString('en-US')}).`);
    }
    return line;
  };
  for (let l = nextLine(); l !== undefined; l = nextLine()) {
    if (l.trim() === '') continue;
    header = splitCells(l, delim).map((c) => c.trim());
    headerLine = header.join(delim);
    break;
  }
  if (!header) throw new IngestError('empty', 'The table is empty.');
  const blocks: Table['blocks'] = [{ startLine: lineNo + 1, from: pos, to: text.length, rows: 0 }];
  let rows = 0;
  let repeatedHeaders = 0;
  let cur = blocks[0];
  for (;;) {
    const lineStart = pos;
    const l = nextLine();
    if (l === undefined) break;
    const c0 = l.charCodeAt(0);
    if (!(c0 >= 48 && c0 <= 57) && c0 !== 45) {
      const t = l.trim();
      if (t === '') continue;
      if (isRepeatedHeader(t, headerLine, delim)) {
        repeatedHeaders++;
        if (cur.rows > 0) {
          cur.to = lineStart;
          cur = { startLine: lineNo + 1, from: pos, to: text.length, rows: 0 };
          blocks.push(cur);
        } else cur.from = pos;
        continue;
      }
    }
    rows++;
    cur.rows++;
    if (rows > limits.maxRows) {
      throw new IngestError(
        'too_many_rows',
        `The log has more than ${limits.maxRows.toLocaleString('en-US')} rows. Log every Nth step, or send per-epoch metrics.`,
      );
    }
  }
  if (repeatedHeaders > 0 && blocks.length === 1) {
    warnings.push({ code: 'repeated_header', message: `Skipped ${repeatedHeaders} repeated header line(s) at the top.` });
  }
  return { header, text, blocks, headerLine, delim, warnings, rows };
}

function classify(header: string[], firstLine: string): Format {
  const lower = header.map((c) => c.toLowerCase());
  if (lower.length === 3 && lower[0] === 'wall time' && lower[1] === 'step' && lower[2] === 'value') return 'tensorboard-csv';
  if (lower.some((c) => /^train\/(box|seg|cls|dfl)_loss$/.test(c)) || /^\s{3,}epoch,\s+train\//.test(firstLine)) return 'ultralytics-csv';
  if (lower[0] === 'epoch' && lower.includes('train_loss') && lower.includes('valid_loss') && lower[lower.length - 1] === 'time') {
    return 'fastai-csv';
  }
  if (lower.includes('step') && lower.includes('epoch')) return 'lightning-csv';
  if (lower.includes('step') && lower.some((c) => /_(step|epoch)$/.test(c) || /^lr-/.test(c))) return 'lightning-csv';
  if (lower[0] === '' || lower[0] === 'unnamed: 0') return 'keras-history-json'; // pandas to_csv with its index
  if (lower[0] === 'epoch') {
    const rest = header.slice(1);
    const sorted = [...rest].sort();
    const kerasNames = rest.some((c) => /^(loss|val_loss|acc|accuracy|val_acc|val_accuracy)$/.test(c));
    if (kerasNames && rest.join() === sorted.join()) return 'keras-csv';
    if (kerasNames) return 'keras-csv';
    return 'csv';
  }
  const kerasish = header.some((c) => /^(loss|val_loss)$/.test(c));
  if (kerasish) return 'keras-history-json'; // pandas to_csv(index=False) of history.history
  return 'csv';
}

export function parseCsv(text: string, delim: string, limits: Limits, override?: Format): RawLog {
  const table = readTable(text, delim, limits);
  const firstLine = firstNonEmpty(splitLines(text.slice(0, 4096)), 1)[0] ?? '';
  const format = override ?? classify(table.header, firstLine);
  if (table.rows === 0) {
    throw new IngestError('no_series', `The table has a header (${table.header.slice(0, 6).join(', ')}) but no data rows.`);
  }
  switch (format) {
    case 'lightning-csv':
      return lightning(table, format);
    case 'tensorboard-csv':
      return tensorboard(table);
    default:
      return epochTable(table, format);
  }
}

/** Column index of the x axis: epoch (0-based in Keras/fastai/Lightning, 1-based in hand-made CSVs). */
function findColumn(header: string[], names: string[]): number {
  const lower = header.map((c) => c.trim().toLowerCase());
  for (const n of names) {
    const i = lower.indexOf(n);
    if (i !== -1) return i;
  }
  return -1;
}

function epochTable(table: Table, format: Format): RawLog {
  const { header } = table;
  const warnings = [...table.warnings];
  let epochCol = findColumn(header, ['epoch', 'epochs']);
  // pandas index column: empty header cell with 0..n-1
  const indexCol = header[0] === '' || header[0].toLowerCase() === 'unnamed: 0' ? 0 : -1;
  const hasTime = header.length > 0 && header[header.length - 1].trim().toLowerCase() === 'time';
  const width = header.length;
  const metricCols: number[] = [];
  for (let c = 0; c < width; c++) {
    if (c === epochCol || c === indexCol) continue;
    const name = header[c].trim();
    if (name === '' || isBookkeeping(name)) continue;
    metricCols.push(c);
  }
  if (metricCols.length === 0) {
    throw new IngestError('no_series', `The header (${header.slice(0, 8).join(', ')}) names no metric columns.`);
  }
  const runs: RawRun[] = [];
  let salvagedTotal = 0;
  let skipped = 0;
  const blockCount = table.blocks.filter((b) => b.rows > 0).length;
  // a table separated by ';' or tabs may come from a spreadsheet with decimal commas (0,6931)
  const readCell = table.delim === ',' ? parseNumber : parseDecimalComma;
  let commaCells = 0;
  for (const block of table.blocks) {
    if (block.rows === 0) continue;
    // one streaming pass into columns; rows are only materialised when they need salvaging
    const epochs: (number | undefined)[] = [];
    const cols = metricCols.map(() => ({ row: [] as number[], v: [] as number[] }));
    let bad = 0;
    let r = 0;
    const take = (cells: string[], salvaged: boolean) => {
      if (cells.length < width) {
        if (cells.length < Math.min(2, width)) {
          skipped++;
          return;
        }
      } else if (cells.length > width) {
        // extra cells: keep if the extras are empty (trailing delimiter), else skip
        for (let k = width; k < cells.length; k++) {
          if (cells[k].trim() !== '') {
            skipped++;
            return;
          }
        }
      }
      epochs.push(epochCol >= 0 && !salvaged ? parseNumber(cells[epochCol] ?? '') : undefined);
      for (let m = 0; m < metricCols.length; m++) {
        const raw = cells[metricCols[m]];
        if (raw === undefined) continue;
        let v = parseNumber(raw);
        if (v === undefined && readCell !== parseNumber) {
          v = readCell(raw);
          if (v !== undefined) commaCells++;
        }
        if (v === undefined) continue;
        cols[m].row.push(r);
        cols[m].v.push(v);
      }
      r++;
    };
    forEachLine(table, block, (line) => {
      const cells = splitCells(line, table.delim);
      // only rows with too many cells are glued; a short row is a cancelled phase (padded as missing)
      if (cells.length > width && cells.slice(width).some((c) => c.trim() !== '')) bad++;
      take(cells, false);
    });
    if (bad > 0 && hasTime) {
      // rows glued together by concurrent writers: start over from the salvaged records
      const raw: string[][] = [];
      forEachLine(table, block, (line) => raw.push(splitCells(line, table.delim)));
      const res = salvageTimeAnchored(raw, width, epochCol);
      salvagedTotal += res.recovered;
      skipped += res.skipped;
      epochs.length = 0;
      for (const c of cols) {
        c.row.length = 0;
        c.v.length = 0;
      }
      r = 0;
      for (const cells of res.rows) take(cells, true);
    }
    // segment on non-increasing epoch (append mode restarts at 0)
    const segments = segmentByEpoch(epochs, warnings);
    const segOf = new Int32Array(r);
    const xOf = new Float64Array(r);
    segments.forEach((seg, k) => {
      for (let j = 0; j < seg.rows.length; j++) {
        segOf[seg.rows[j]] = k;
        xOf[seg.rows[j]] = seg.x[j];
      }
    });
    const perSeg: RawColumn[][] = segments.map(() => metricCols.map((c) => ({ name: header[c].trim(), x: [], y: [] })));
    for (let m = 0; m < metricCols.length; m++) {
      const { row, v } = cols[m];
      for (let k = 0; k < row.length; k++) {
        const col = perSeg[segOf[row[k]]][m];
        col.x.push(xOf[row[k]]);
        col.y.push(v[k]);
      }
    }
    perSeg.forEach((columns) =>
      runs.push({
        xAxis: 'epoch',
        columns,
        label: blockCount > 1 || segments.length > 1 ? `lines ${block.startLine}+` : undefined,
      }),
    );
  }
  if (salvagedTotal > 0) {
    warnings.push({
      code: 'salvaged_rows',
      message: `Rows were glued together (several processes writing at once): recovered ${salvagedTotal} records by their time column and numbered them in file order${skipped ? `; skipped ${skipped} fragment(s)` : ''}.`,
    });
  } else if (skipped > 0) {
    warnings.push({ code: 'skipped_rows', message: `Skipped ${skipped} malformed row(s) (wrong number of cells).` });
  }
  if (commaCells > 0) {
    warnings.push({ code: 'decimal_comma', message: `Read ${commaCells} value(s) written with a decimal comma (0,69 as 0.69).` });
  }
  const clues: string[] = [];
  if (format === 'keras-csv') clues.push(...csvDialectClues(header));
  return { format, runs, warnings, rows: table.rows, clues };
}

function csvDialectClues(header: string[]): string[] {
  const clues: string[] = [];
  if (header.includes('val_learning_rate')) clues.push('keras3:NA-filled val_* columns for a run without validation (tf.keras >= 2.13 / Keras 3)');
  return clues;
}

interface Segment {
  rows: number[];
  x: number[];
}

/**
 * Turn per-row epoch numbers into runs. A restart (epoch not increasing) starts a new run. If every row
 * has the same epoch (fit(epochs=1) in a loop), the column is useless and rows are read in order.
 */
export function segmentByEpoch(epochs: (number | undefined)[], warnings: IngestWarning[]): Segment[] {
  const n = epochs.length;
  const isKnown = (e: number | undefined): e is number => e !== undefined && Number.isFinite(e);
  const knownCount = epochs.filter(isKnown).length;
  // a few missing epoch cells (NA) do not void the column: each is read as the next epoch
  if (n === 0 || knownCount < Math.max(1, R_KNOWN_EPOCHS * n)) {
    return [{ rows: epochs.map((_, i) => i), x: epochs.map((_, i) => i + 1) }];
  }
  const filled: number[] = [];
  let last = -1;
  for (const e of epochs) {
    last = isKnown(e) ? e : last + 1;
    filled.push(last);
  }
  const first = filled[0];
  if (n >= 3 && filled.every((e) => e === first)) {
    warnings.push({
      code: 'constant_epoch',
      message: `The epoch column is ${first} on every row (fit(epochs=1) called in a loop?); rows read in file order.`,
    });
    return [{ rows: epochs.map((_, i) => i), x: epochs.map((_, i) => i + 1) }];
  }
  // a new run starts when the epoch goes back (append mode restarts at 0); an epoch that repeats is
  // several rows of one epoch (per-iteration logs), spread evenly inside it
  const segs: Segment[] = [];
  let cur: Segment = { rows: [], x: [] };
  let prev = -Infinity;
  for (let i = 0; i < n; i++) {
    const e = filled[i];
    if (e < prev && cur.rows.length > 0) {
      segs.push(cur);
      cur = { rows: [], x: [] };
    }
    cur.rows.push(i);
    cur.x.push(e);
    prev = e;
  }
  segs.push(cur);
  let spread = false;
  for (const sg of segs) spread = spreadWithinEpochs(sg.x) || spread;
  if (spread) {
    warnings.push({ code: 'rows_per_epoch', message: 'Several rows per epoch (per-iteration logging): placed evenly inside each epoch.' });
  }
  // 0-based epochs (Keras, fastai) become 1-based like the console's "Epoch 1/N"
  if (segs[0].rows.length > 0 && filled[segs[0].rows[0]] === 0) {
    for (const sg of segs) for (let k = 0; k < sg.x.length; k++) sg.x[k] += 1;
  }
  if (segs.length > 1) {
    warnings.push({
      code: 'multiple_runs',
      message: `The epoch number restarts ${segs.length - 1} time(s): ${segs.length} runs appended to one file (${segs.map((sg) => sg.rows.length).join(' + ')} rows).`,
    });
  }
  return segs;
}

/** Fraction of rows that must carry an epoch number for the column to be used. */
const R_KNOWN_EPOCHS = 0.8;

/**
 * Rows sharing an epoch number e (in order) are placed evenly in (e - 1, e] (above the previous row's
 * x when that is inside), so the last row of the epoch sits at e and the others inside it. Returns
 * whether any epoch had several rows.
 */
export function spreadWithinEpochs(x: number[]): boolean {
  let any = false;
  for (let i = 0; i < x.length; ) {
    let j = i;
    while (j + 1 < x.length && x[j + 1] === x[i]) j++;
    const m = j - i + 1;
    if (m > 1) {
      any = true;
      const e = x[i];
      // within (e - 1, e], or above the previous value when that is already in there (a fractional or
      // spread epoch just before: 8.8 then 9, 9 must not become 8.5, 9)
      const lo = i > 0 ? Math.max(e - 1, x[i - 1]) : e - 1;
      for (let k = 0; k < m; k++) x[i + k] = lo + ((k + 1) / m) * (e - lo);
    }
    i = j + 1;
  }
  return any;
}

/**
 * Recover records from rows glued together by concurrent writers, using the time column (mm:ss or
 * h:mm:ss) as the end-of-record anchor. Epoch numbers in such files are themselves garbled
 * ("33" for 3), so records are numbered by position.
 */
function salvageTimeAnchored(rows: string[][], width: number, epochCol: number): { rows: string[][]; recovered: number; skipped: number } {
  const cells: string[] = [];
  for (const r of rows) {
    for (const c of r) {
      const t = c.trim();
      const g = GLUED_TIME.exec(t);
      if (g) {
        cells.push(g[1], g[2]);
      } else cells.push(t);
    }
  }
  const out: string[][] = [];
  let recovered = 0;
  let skipped = 0;
  let cur: string[] = [];
  for (const c of cells) {
    if (TIME_CELL.test(c)) {
      // a record: [epoch?, metrics..., time]
      const nums = cur.filter((x) => x !== '');
      let rec: string[] | undefined;
      if (nums.length === width - 1) rec = [...nums, c];
      else if (nums.length === width - 2 && epochCol === 0) rec = ['', ...nums, c];
      else if (nums.length > width - 1) rec = [...nums.slice(nums.length - (width - 1)), c];
      if (rec) {
        out.push(rec);
        recovered++;
      } else skipped++;
      cur = [];
    } else cur.push(c);
  }
  if (cur.some((c) => c !== '')) skipped++;
  return { rows: out, recovered, skipped };
}

/** Lightning metrics.csv: sparse rows keyed by (epoch, step). One split pass into columns, then placement. */
function lightning(table: Table, format: Format): RawLog {
  const { header } = table;
  const warnings = [...table.warnings];
  const ei = findColumn(header, ['epoch']);
  const si = findColumn(header, ['step']);
  const metricCols: number[] = [];
  for (let c = 0; c < header.length; c++) {
    if (c === ei || c === si) continue;
    const name = header[c].trim();
    if (name === '' || isBookkeeping(name)) continue;
    metricCols.push(c);
  }
  const nRows = table.rows;
  const ep = new Float64Array(nRows).fill(NaN);
  const st = new Float64Array(nRows).fill(NaN);
  const vals = metricCols.map(() => ({ row: [] as number[], v: [] as number[] }));
  let r = 0;
  for (const b of table.blocks) {
    forEachLine(table, b, (line) => {
      const cells = splitCells(line, table.delim);
      // a non-finite epoch or step is no position at all
      if (ei >= 0) ep[r] = finiteOrNaN(parseNumber(cells[ei] ?? ''));
      if (si >= 0) st[r] = finiteOrNaN(parseNumber(cells[si] ?? ''));
      for (let m = 0; m < metricCols.length; m++) {
        const raw = cells[metricCols[m]];
        if (raw === undefined || raw === '') continue;
        const v = parseNumber(raw);
        if (v === undefined) continue;
        vals[m].row.push(r);
        vals[m].v.push(v);
      }
      r++;
    });
  }
  // max step per epoch gives each epoch's span of steps
  const maxStepOfEpoch = new Map<number, number>();
  for (let i = 0; i < r; i++) {
    const e = ep[i];
    const s = st[i];
    if (e !== e || s !== s) continue;
    const cur = maxStepOfEpoch.get(e);
    if (cur === undefined || s > cur) maxStepOfEpoch.set(e, s);
  }
  const epochList = [...maxStepOfEpoch.keys()].sort((a, b) => a - b);
  const span = new Map<number, { lo: number; hi: number }>();
  epochList.forEach((e, k) => span.set(e, { lo: k > 0 ? (maxStepOfEpoch.get(epochList[k - 1]) as number) : -1, hi: maxStepOfEpoch.get(e) as number }));
  const useEpochAxis = ei >= 0 && epochList.length >= 1;
  const epochOfStep = (s: number): number | undefined => {
    // LearningRateMonitor rows have a step but no epoch
    let lo = 0;
    let hi = epochList.length - 1;
    if (hi < 0) return undefined;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((maxStepOfEpoch.get(epochList[mid]) as number) >= s) hi = mid;
      else lo = mid + 1;
    }
    return epochList[lo];
  };
  const columns: RawColumn[] = [];
  for (let m = 0; m < metricCols.length; m++) {
    const { row, v } = vals[m];
    // epoch-level metric: at most one value per epoch -> placed at the end of its epoch
    const perEpoch = new Map<number, number>();
    let multi = false;
    for (const i of row) {
      const e = ep[i];
      if (e !== e) continue;
      const k = (perEpoch.get(e) ?? 0) + 1;
      perEpoch.set(e, k);
      if (k > 1) {
        multi = true;
        break;
      }
    }
    const col: RawColumn = { name: header[metricCols[m]].trim(), x: [], y: [] };
    let lastX = NaN;
    for (let k = 0; k < row.length; k++) {
      const i = row[k];
      let x: number | undefined;
      if (!useEpochAxis) x = st[i] === st[i] ? st[i] : undefined;
      else {
        let e: number | undefined = ep[i];
        const s = st[i];
        if (e !== e) e = s === s ? epochOfStep(s) : undefined;
        if (e === undefined) continue;
        const sp = span.get(e);
        if (!multi || s !== s || !sp || sp.hi <= sp.lo) x = e + 1;
        else x = e + Math.min(1, Math.max(0, (s - sp.lo) / (sp.hi - sp.lo)));
      }
      if (x === undefined) continue;
      // LearningRateMonitor writes duplicate rows; keep one value per x
      if (x === lastX) {
        col.y[col.y.length - 1] = v[k];
        continue;
      }
      lastX = x;
      col.x.push(x);
      col.y.push(v[k]);
    }
    sortInPlace(col);
    columns.push(col);
  }
  const run: RawRun = { xAxis: useEpochAxis ? 'epoch' : 'step', columns };
  if (useEpochAxis) {
    run.epochAtStep = {
      step: epochList.map((e) => maxStepOfEpoch.get(e) as number),
      epoch: epochList.map((e) => e + 1),
    };
  }
  return { format, runs: [run], warnings, rows: table.rows };
}

function finiteOrNaN(v: number | undefined): number {
  return v !== undefined && Number.isFinite(v) ? v : NaN;
}

function sortInPlace(c: RawColumn): void {
  for (let i = 1; i < c.x.length; i++) {
    if (c.x[i] < c.x[i - 1]) {
      const idx = c.x.map((_, k) => k).sort((a, b) => c.x[a] - c.x[b]);
      c.x = idx.map((k) => c.x[k]);
      c.y = idx.map((k) => c.y[k]);
      return;
    }
  }
}

function tensorboard(table: Table): RawLog {
  const col: RawColumn = { name: 'value', x: [], y: [] };
  for (const b of table.blocks) {
    forEachLine(table, b, (line) => {
      const r = splitCells(line, table.delim);
      const s = parseNumber(r[1] ?? '');
      const v = parseNumber(r[2] ?? '');
      if (s === undefined || v === undefined || !Number.isFinite(s)) return;
      col.x.push(s);
      col.y.push(v);
    });
  }
  sortInPlace(col);
  return { format: 'tensorboard-csv', runs: [{ xAxis: 'step', columns: [col] }], warnings: table.warnings, rows: table.rows };
}

export { isHeaderLike };
