/**
 * A Keras console cut at its top: a notebook cell's output copied from inside its first epoch prints that epoch's
 * result above "Epoch 2/N", with no header of its own. console.ts reads the result lines above its first header as
 * the epochs before it, when they count them out.
 */
import type { IngestWarning } from '../schema.js';

/**
 * The result lines above a first header "Epoch k/N" as epochs 1..k-1: for one epoch, its last line with validation
 * values (else its last line), as the console reader keeps an epoch's record; for more, one line each, counted by the
 * lines with validation values or else by all. Undefined when the lines do not count the epochs out.
 */
export function epochsAbove<R extends { hasVal: boolean }>(
  recs: R[],
  epochs: number,
): { n: number; rec: R }[] | undefined {
  if (recs.length === 0) return undefined;
  const withVal = recs.filter((r) => r.hasVal);
  if (epochs === 1) return [{ n: 1, rec: withVal[withVal.length - 1] ?? recs[recs.length - 1] }];
  const each = withVal.length === epochs ? withVal : recs.length === epochs ? recs : undefined;
  return each?.map((rec, k) => ({ n: k + 1, rec }));
}

/** What the reader says of the lines it read above the first header "Epoch n/total". */
export function cutAboveWarning(n: number, total: number): IngestWarning {
  const many = n > 2;
  return {
    code: 'log_starts_cut',
    message: `The log starts inside the training: its first epoch line is "Epoch ${n}/${total}", so the result line${many ? 's' : ''} before it ${many ? `are read as epochs 1-${n - 1}` : 'is read as epoch 1'}.`,
  };
}
