/**
 * A Keras console cut at its top: a notebook cell's output copied from inside its first epoch prints that epoch's
 * result above "Epoch 2/N", with no header of its own. console.ts reads the result lines above its first header as
 * the epochs before it, when they count them out.
 */
import type { IngestWarning } from '../schema.js';

/** A result line as the console reader keeps it: its values, and its progress counter's target. */
interface ResultLine {
  values: Map<string, number>;
  target?: string;
}

/** Is `line` a line of the same fit as `first` (its first epoch's record below the header): the same metric names,
 * and the same progress target where both print one? A `model.evaluate()` line above a resumed fit names no
 * validation values and counts the test set's batches, not the training set's. */
function sameFit(line: ResultLine, first: ResultLine): boolean {
  if (line.values.size !== first.values.size || ![...first.values.keys()].every((k) => line.values.has(k)))
    return false;
  return line.target === undefined || first.target === undefined || line.target === first.target;
}

/**
 * The result lines above a first header "Epoch k/N" as epochs 1..k-1, taking only lines of the same fit as the first
 * epoch below the header (sameFit): for one epoch, its last such line (an epoch's progress lines before it carry the
 * same values); for more, exactly one such line each. Undefined when no line, or not one line an epoch, is left.
 */
function epochsAbove<R extends ResultLine>(
  recs: R[],
  epochs: number,
  first: ResultLine,
): { n: number; rec: R }[] | undefined {
  const lines = recs.filter((r) => sameFit(r, first));
  if (lines.length === 0) return undefined;
  if (epochs === 1) return [{ n: 1, rec: lines[lines.length - 1] }];
  return lines.length === epochs ? lines.map((rec, k) => ({ n: k + 1, rec })) : undefined;
}

/** The result lines above the first header "Epoch n/N" put before the run it starts, as its epochs 1..n-1, when they
 * are lines of the same fit as its first epoch (epochsAbove); whether they were. */
export function prependAbove<R extends ResultLine>(above: {
  recs: R[];
  n: number;
  run: { epochs: { n: number; rec: R }[] };
}): boolean {
  const first = above.run.epochs[0];
  const before = first && epochsAbove(above.recs, above.n - 1, first.rec);
  if (!before) return false;
  above.run.epochs.unshift(...before);
  return true;
}

/** What the reader says of the lines it read above the first header "Epoch n/total". */
export function cutAboveWarning(n: number, total: number): IngestWarning {
  const many = n > 2;
  return {
    code: 'log_starts_cut',
    message: `The log starts inside the training: its first epoch line is "Epoch ${n}/${total}", so the result line${many ? 's' : ''} before it ${many ? `are read as epochs 1-${n - 1}` : 'is read as epoch 1'}.`,
  };
}
