/**
 * A table pasted with the question: a CSVLogger file ("epoch,loss,val_loss" then rows), a Markdown
 * table ("| epoch | loss | val_loss |"), or columns split by ";" or tabs. Each metric column is read as a
 * series of values, its curve named by its header ("val_loss" is validation, a bare "loss" beside it the
 * training one).
 *
 * Linear time: one pass over the lines, each split once.
 */
import { MIN_LABELLED, sequenceShape, sideOf, type Curve, type Fact, type Metric } from './curves.js';
import { parseNum } from './numbers.js';
import { ACC_WORDS, LOSS_WORDS } from './words.js';

const CELL_SPLIT = /[|,;\t]/;
/** a Markdown table's rule line: |---|:---:| */
const RULE = /^:?-{2,}:?$/;

function cells(line: string): string[] {
  return line
    .split(CELL_SPLIT)
    .map((c) => c.trim())
    .filter((c) => c.length > 0);
}

/** the metric and curve a header cell names ("val loss", "train_acc", "loss") */
function column(cell: string): { metric: Metric; side?: Curve } | undefined {
  const words = cell.split(/\s+/);
  const metric: Metric | undefined = words.some((w) => LOSS_WORDS.has(w))
    ? 'loss'
    : words.some((w) => ACC_WORDS.has(w))
      ? 'acc'
      : undefined;
  if (!metric) return undefined;
  return { metric, side: words.map(sideOf).find(Boolean) };
}

/**
 * The facts of every table in the question (its metric columns of 3+ rows, each read as a series), and
 * the question with each table's rows replaced by its last row said in words ("loss 0.09 val loss 0.58"),
 * so the other readings see the run's end values rather than a stream of cells.
 */
export function readTables(plain: string): { facts: Fact[]; rest: string } {
  const facts: Fact[] = [];
  const lines = plain.split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const head = cells(lines[i]);
    if (head.length < 2 || head.some((c) => parseNum(c)) || !head.some((c) => column(c))) {
      kept.push(lines[i]);
      continue;
    }
    const rows: number[][] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const row = cells(lines[j]);
      if (row.length > 0 && row.every((c) => RULE.test(c))) continue;
      const values = row.map((c) => parseNum(c)?.v);
      if (row.length !== head.length || values.some((v) => v === undefined)) break;
      rows.push(values as number[]);
    }
    if (rows.length < MIN_LABELLED) {
      kept.push(lines[i]);
      continue;
    }
    const cols = head.map(column);
    const anyVal = cols.some((c) => c?.side === 'val');
    cols.forEach((c, k) => {
      if (!c) return;
      const shape = sequenceShape(rows.map((r) => r[k]));
      if (shape) facts.push({ curve: c.side ?? (anyVal ? 'train' : 'any'), metric: c.metric, shape });
    });
    const last = rows[rows.length - 1];
    kept.push(head.map((c, k) => (cols[k] ? `${c} ${last[k]}` : '')).join(' '));
    i = j - 1;
  }
  return { facts, rest: kept.join('\n') };
}
