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
import { parseNumber } from '../text.js';

const DELIMITERS = [',', ';', '\t'] as const;
const TIME_CELL = /^\d{1,3}:\d{2}(?::\d{2})?$/;
const GLUED_TIME = /^(\d{1,3}:\d{2}(?::\d{2})?)(\d+)$/;

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
  const sample = lines.filter((l) => l.trim() !== '').slice(0, 30);
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
  const body = lines.filter((l) => l.trim() !== '').slice(1, 21);
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
  /** data rows; a new block starts at each repeated header (fastai append) */
  blocks: { startLine: number; rows: string[][] }[];
  warnings: IngestWarning[];
  rows: number;
}

function readTable(lines: string[], delim: string, limits: Limits): Table {
  let h = 0;
  while (h < lines.length && lines[h].trim() === '') h++;
  const header = splitCells(lines[h], delim).map((c) => c.trim());
  const headerKey = header.join('\u0001');
  const warnings: IngestWarning[] = [];
  const blocks: Table['blocks'] = [{ startLine: h + 2, rows: [] }];
  let rows = 0;
  let repeatedHeaders = 0;
  for (let i = h + 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.length === 0 || line.trim() === '') continue;
    const cells = splitCells(line, delim);
    if (cells.length === header.length && cells[0].trim() === header[0] && cells.map((c) => c.trim()).join('\u0001') === headerKey) {
      repeatedHeaders++;
      const last = blocks[blocks.length - 1];
      if (last.rows.length > 0) blocks.push({ startLine: i + 2, rows: [] });
      continue;
    }
    rows++;
    if (rows > limits.maxRows) {
      throw new IngestError(
        'too_many_rows',
        `The log has more than ${limits.maxRows.toLocaleString('en-US')} rows. Log every Nth step, or send per-epoch metrics.`,
      );
    }
    blocks[blocks.length - 1].rows.push(cells);
  }
  if (repeatedHeaders > 0 && blocks.length === 1) {
    warnings.push({ code: 'repeated_header', message: `Skipped ${repeatedHeaders} repeated header line(s) at the top.` });
  }
  return { header, blocks, warnings, rows };
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

export function parseCsv(lines: string[], delim: string, limits: Limits, override?: Format): RawLog {
  const table = readTable(lines, delim, limits);
  const firstLine = lines.find((l) => l.trim() !== '') ?? '';
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
  const blockCount = table.blocks.filter((b) => b.rows.length > 0).length;
  for (const block of table.blocks) {
    if (block.rows.length === 0) continue;
    let rows = block.rows;
    const bad = rows.filter((r) => r.length !== width).length;
    let salvaged = false;
    if (bad > 0 && hasTime) {
      const res = salvageTimeAnchored(rows, width, epochCol);
      rows = res.rows;
      salvaged = true;
      salvagedTotal += res.recovered;
      skipped += res.skipped;
    }
    // per-row: epoch value + cells; segment on non-increasing epoch (append mode restarts at 0)
    const epochs: (number | undefined)[] = [];
    const goodRows: string[][] = [];
    for (const r of rows) {
      if (r.length < width) {
        if (r.length < Math.min(2, width)) {
          skipped++;
          continue;
        }
        // short row (cancelled phase): pad as missing
        while (r.length < width) r.push('');
      } else if (r.length > width) {
        // extra cells: keep if the extras are empty (trailing delimiter), else skip
        if (r.slice(width).some((c) => c.trim() !== '')) {
          skipped++;
          continue;
        }
      }
      goodRows.push(r);
      epochs.push(epochCol >= 0 && !salvaged ? parseNumber(r[epochCol]) : undefined);
    }
    const segments = segmentByEpoch(epochs, warnings);
    for (const seg of segments) {
      const columns: RawColumn[] = metricCols.map((c) => ({ name: header[c].trim(), x: [], y: [] }));
      for (let k = 0; k < seg.rows.length; k++) {
        const ri = seg.rows[k];
        const r = goodRows[ri];
        const x = seg.x[k];
        for (let m = 0; m < metricCols.length; m++) {
          const v = parseNumber(r[metricCols[m]]);
          if (v === undefined) continue;
          columns[m].x.push(x);
          columns[m].y.push(v);
        }
      }
      runs.push({
        xAxis: 'epoch',
        columns,
        label: blockCount > 1 || segments.length > 1 ? `lines ${block.startLine}+` : undefined,
      });
    }
  }
  if (salvagedTotal > 0) {
    warnings.push({
      code: 'salvaged_rows',
      message: `Rows were glued together (several processes writing at once): recovered ${salvagedTotal} records by their time column and numbered them in file order${skipped ? `; skipped ${skipped} fragment(s)` : ''}.`,
    });
  } else if (skipped > 0) {
    warnings.push({ code: 'skipped_rows', message: `Skipped ${skipped} malformed row(s) (wrong number of cells).` });
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
  const known = epochs.filter((e): e is number => e !== undefined && Number.isFinite(e));
  if (known.length < n || n === 0) {
    return [{ rows: epochs.map((_, i) => i), x: epochs.map((_, i) => i + 1) }];
  }
  const first = known[0];
  const allSame = n >= 3 && known.every((e) => e === first);
  if (allSame) {
    warnings.push({
      code: 'constant_epoch',
      message: `The epoch column is ${first} on every row (fit(epochs=1) called in a loop?); rows read in file order.`,
    });
    return [{ rows: epochs.map((_, i) => i), x: epochs.map((_, i) => i + 1) }];
  }
  const segs: Segment[] = [];
  let cur: Segment = { rows: [], x: [] };
  let prev = -Infinity;
  // 0-based epochs (Keras, fastai) become 1-based like the console's "Epoch 1/N"
  for (let i = 0; i < n; i++) {
    const e = known[i];
    if (e <= prev && cur.rows.length > 0) {
      segs.push(cur);
      cur = { rows: [], x: [] };
    }
    cur.rows.push(i);
    cur.x.push(e);
    prev = e;
  }
  segs.push(cur);
  for (const s of segs) {
    if (s.x[0] === 0 || segs[0].x[0] === 0) for (let k = 0; k < s.x.length; k++) s.x[k] += 1;
  }
  if (segs.length > 1) {
    warnings.push({
      code: 'multiple_runs',
      message: `The epoch number restarts ${segs.length - 1} time(s): ${segs.length} runs appended to one file (${segs.map((s) => s.rows.length).join(' + ')} rows).`,
    });
  }
  return segs;
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

/** Lightning metrics.csv: sparse rows keyed by (epoch, step). */
function lightning(table: Table, format: Format): RawLog {
  const { header } = table;
  const warnings = [...table.warnings];
  const ei = findColumn(header, ['epoch']);
  const si = findColumn(header, ['step']);
  const rows = table.blocks.flatMap((b) => b.rows);
  const metricCols: number[] = [];
  for (let c = 0; c < header.length; c++) {
    if (c === ei || c === si) continue;
    const name = header[c].trim();
    if (name === '' || isBookkeeping(name)) continue;
    metricCols.push(c);
  }
  // step -> epoch table from rows that have both; max step per epoch gives the epoch's span
  const maxStepOfEpoch = new Map<number, number>();
  for (const r of rows) {
    const e = ei >= 0 ? parseNumber(r[ei] ?? '') : undefined;
    const s = si >= 0 ? parseNumber(r[si] ?? '') : undefined;
    if (e === undefined || s === undefined) continue;
    maxStepOfEpoch.set(e, Math.max(maxStepOfEpoch.get(e) ?? -Infinity, s));
  }
  const epochList = [...maxStepOfEpoch.keys()].sort((a, b) => a - b);
  const useEpochAxis = ei >= 0 && epochList.length >= 1;
  // x for a (epoch, step): epoch-level rows sit at the end of their epoch (e+1); step rows in between
  const xOf = (e: number | undefined, s: number | undefined, perEpoch: boolean): number | undefined => {
    if (!useEpochAxis) return s;
    if (e === undefined && s !== undefined) {
      const found = epochList.find((ep) => (maxStepOfEpoch.get(ep) as number) >= s);
      e = found ?? epochList[epochList.length - 1];
    }
    if (e === undefined) return undefined;
    if (perEpoch || s === undefined) return e + 1;
    const hi = maxStepOfEpoch.get(e) ?? s;
    const prevIdx = epochList.indexOf(e) - 1;
    const lo = prevIdx >= 0 ? (maxStepOfEpoch.get(epochList[prevIdx]) as number) : -1;
    if (hi <= lo) return e + 1;
    return e + Math.min(1, Math.max(0, (s - lo) / (hi - lo)));
  };
  // which columns are logged at most once per epoch (epoch-level)?
  const perEpochCol = new Map<number, boolean>();
  for (const c of metricCols) {
    const seen = new Map<number, number>();
    let multi = false;
    for (const r of rows) {
      const v = r[c];
      if (v === undefined || v.trim() === '') continue;
      const e = ei >= 0 ? parseNumber(r[ei] ?? '') : undefined;
      if (e === undefined) continue;
      const k = (seen.get(e) ?? 0) + 1;
      seen.set(e, k);
      if (k > 1) multi = true;
    }
    perEpochCol.set(c, !multi);
  }
  const columns: RawColumn[] = metricCols.map((c) => ({ name: header[c].trim(), x: [], y: [] }));
  let lastX = new Map<number, number>();
  for (const r of rows) {
    const e = ei >= 0 ? parseNumber(r[ei] ?? '') : undefined;
    const s = si >= 0 ? parseNumber(r[si] ?? '') : undefined;
    for (let m = 0; m < metricCols.length; m++) {
      const c = metricCols[m];
      const raw = r[c];
      if (raw === undefined || raw.trim() === '') continue;
      const v = parseNumber(raw);
      if (v === undefined) continue;
      const x = xOf(e, s, perEpochCol.get(c) as boolean);
      if (x === undefined) continue;
      // LearningRateMonitor writes duplicate rows; keep one value per x
      if (lastX.get(m) === x) {
        columns[m].y[columns[m].y.length - 1] = v;
        continue;
      }
      lastX.set(m, x);
      columns[m].x.push(x);
      columns[m].y.push(v);
    }
  }
  lastX = new Map();
  for (const c of columns) sortInPlace(c);
  const run: RawRun = { xAxis: useEpochAxis ? 'epoch' : 'step', columns };
  if (useEpochAxis) {
    run.epochAtStep = {
      step: epochList.map((e) => maxStepOfEpoch.get(e) as number),
      epoch: epochList.map((e) => e + 1),
    };
  }
  return { format, runs: [run], warnings, rows: table.rows };
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
    for (const r of b.rows) {
      const s = parseNumber(r[1] ?? '');
      const v = parseNumber(r[2] ?? '');
      if (s === undefined || v === undefined) continue;
      col.x.push(s);
      col.y.push(v);
    }
  }
  sortInPlace(col);
  return { format: 'tensorboard-csv', runs: [{ xAxis: 'step', columns: [col] }], warnings: table.warnings, rows: table.rows };
}

export { isHeaderLike };
