/**
 * Which series a chart plots: the monitored loss pair, the metric shown below it, and the learning
 * rate. A chart draws what its diagnosis read; only a series with no finite value is left out.
 */
import type { Diagnosis } from '../../diagnose/schema.js';
import type { Run, Series } from '../../ingest/schema.js';

export interface SeriesPair {
  train?: Series;
  val?: Series;
}

function byKey(run: Run, key: string | undefined): Series | undefined {
  return key ? run.series.find((s) => s.key === key) : undefined;
}

export function hasFinite(s: Series | undefined): s is Series {
  return !!s && s.y.some(Number.isFinite);
}

export function pickLossPair(run: Run, d?: Diagnosis): SeriesPair {
  let train = byKey(run, d?.series.train);
  let val = byKey(run, d?.series.val);
  if (!train && !val) {
    train = byKey(run, 'loss') ?? run.series.find((s) => s.kind === 'loss' && (s.split === 'train' || s.split === 'none') && !s.derived);
    val = byKey(run, 'val_loss') ?? run.series.find((s) => s.kind === 'loss' && s.split === 'val' && (!train || s.base === train.base));
  }
  return { train: hasFinite(train) ? train : undefined, val: hasFinite(val) ? val : undefined };
}

export function pickMetricPair(run: Run, d?: Diagnosis, exclude: string[] = []): SeriesPair {
  let train = byKey(run, d?.series.metric);
  let val = byKey(run, d?.series.val_metric);
  if (!train && !val) {
    for (const kind of ['accuracy', 'score'] as const) {
      const cands = run.series.filter((s) => s.kind === kind && !exclude.includes(s.key) && hasFinite(s));
      train = cands.find((s) => s.split === 'train' || s.split === 'none');
      val = cands.find((s) => s.split === 'val' && (!train || s.base === train.base)) ?? (train ? undefined : cands.find((s) => s.split === 'val'));
      if (train || val) break;
    }
  }
  if (train && exclude.includes(train.key)) train = undefined;
  if (val && exclude.includes(val.key)) val = undefined;
  return { train: hasFinite(train) ? train : undefined, val: hasFinite(val) ? val : undefined };
}

export function pickLr(run: Run): Series | undefined {
  const s = byKey(run, 'lr') ?? run.series.find((x) => x.kind === 'lr');
  return hasFinite(s) ? s : undefined;
}

/** Keys of a pair's series (to keep the metric panel from repeating them). */
export function keysOf(p: SeriesPair): string[] {
  return [p.train?.key, p.val?.key].filter((k): k is string => !!k);
}
