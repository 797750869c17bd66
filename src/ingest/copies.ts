/**
 * A loss column that holds an accuracy's values at every point (`val_loss` equal to `val_acc`, epoch for epoch): the
 * writer saved one column twice (a history rebuilt by hand, a header naming columns in another order than the rows
 * hold them). Read as written, an accuracy climbing under a loss's name is a validation loss that "rose" from the
 * first epoch: overfitting at 0.99 on a run whose own curves say otherwise (bench/wild3, bench/wild66).
 *
 * Which of the two is the copy, the values tell by the other split: they move as its accuracy does and against its
 * loss (rising while the training loss falls), so the loss column is the copy; the other way round, the accuracy
 * column is. Undecided (no other split, no clear move, or one that follows both partners alike), neither is
 * judged. The copy stays for display as kind `other` (as a running best does, records.ts), with a `copied_column`
 * warning said once a file.
 */
import { median } from '../util/median.js';
import type { IngestWarning, Series } from './schema.js';
import { warnOnce } from './warnings.js';

/** Fewer points, or fewer distinct values, cannot show two curves to be one (two constant columns agree by chance).
 * Ours. */
const COPY_MIN_POINTS = 5;
const COPY_MIN_DISTINCT = 3;
/** A curve moves one way when the median of its last third is this share of its scale away from its first third's:
 * a stuck curve drifting by a few thousandths moves neither way, and decides nothing. The scale is its level, or for
 * a curve on [0, 1] its distance to the nearer bound (an accuracy rising from 0.975 to 0.991 has 0.025 left). Ours. */
const COPY_TREND_MIN = 0.05;

/** The way a curve moves over the run: +1 up, -1 down, 0 no clear move (COPY_TREND_MIN) or no numbers. */
function trend(y: number[]): number {
  const f = y.filter(Number.isFinite);
  if (f.length < 2) return 0;
  const third = Math.max(1, Math.floor(f.length / 3));
  const move = median(f.slice(-third)) - median(f.slice(0, third));
  const level = median(f.map(Math.abs));
  const scale = f.every((v) => v >= 0 && v <= 1) ? Math.min(level, 1 - level) : level;
  return Math.abs(move) >= COPY_TREND_MIN * scale && move !== 0 ? Math.sign(move) : 0;
}

/** Same x and the same finite values at every point, enough of them and not constant. */
function identical(a: Series, b: Series): boolean {
  if (a.y.length !== b.y.length || a.y.length < COPY_MIN_POINTS) return false;
  for (let i = 0; i < a.y.length; i++) {
    if (a.x[i] !== b.x[i] || !Number.isFinite(a.y[i]) || a.y[i] !== b.y[i]) return false;
  }
  return new Set(a.y).size >= COPY_MIN_DISTINCT;
}

/** The other split's loss and accuracy, the partners a copied pair is told apart by. */
function partners(series: Series[], split: Series['split']): { loss?: Series; acc?: Series } {
  const other = series.filter((s) => s.split !== split && s.split !== 'none' && !s.derived);
  return { loss: other.find((s) => s.kind === 'loss'), acc: other.find((s) => s.kind === 'accuracy') };
}

export function readCopiedColumns(series: Series[], warnings: IngestWarning[]): void {
  for (const loss of series.filter((s) => s.kind === 'loss' && !s.derived)) {
    const acc = series.find((s) => s.kind === 'accuracy' && s.split === loss.split && identical(loss, s));
    if (!acc) continue;
    const p = partners(series, loss.split);
    const t = trend(loss.y);
    const tl = p.loss ? trend(p.loss.y) : 0;
    const ta = p.acc ? trend(p.acc.y) : 0;
    // (a clear move with one partner and not the other; anything less decides nothing)
    const copies = t !== 0 && t === ta && t !== tl ? [loss] : t !== 0 && t === tl && t !== ta ? [acc] : [loss, acc];
    for (const s of copies) s.kind = 'other';
    const why =
      copies.length === 2
        ? 'which is the copy cannot be told: neither is judged'
        : `they move as the other split's ${copies[0] === loss ? 'accuracy' : 'loss'} does, so "${copies[0].name}" is read as the copy and not judged`;
    const message = `"${loss.name}" holds the same values as "${acc.name}" at every point: the file saved one column twice; ${why}.`;
    warnOnce(warnings, { code: 'copied_column', message });
  }
}
