/**
 * Which series a chart plots: the monitored loss pair, the metric shown below it, and the learning
 * rate. The diagnoser decides (docs/charts.md#which-series-are-drawn): a diagnosis names the pair
 * it read and the metric beside it, and the chart draws exactly those. Without names (the overlay
 * takes runs without a diagnosis; a diagnosis may name none) the chart asks the diagnoser's own
 * rule, selectPair and selectMetric, with one difference (lossPanelPair). A series with no finite
 * value is never drawn.
 */
import { selectMetric, selectPair } from '../../diagnose/features.js';
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

/** The pair a diagnosis names, or undefined when it names none of this run's series. */
function namedPair(run: Run, train: string | undefined, val: string | undefined): SeriesPair | undefined {
  const p = { train: byKey(run, train), val: byKey(run, val) };
  return p.train || p.val ? p : undefined;
}

/** Only what can be drawn: a series with no finite value is left out. */
function drawable(p: SeriesPair, exclude: string[] = []): SeriesPair {
  const keep = (s: Series | undefined) => (hasFinite(s) && !exclude.includes(s.key) ? s : undefined);
  return { train: keep(p.train), val: keep(p.val) };
}

/**
 * The one place the chart departs from the diagnoser's pick. With no loss logged, selectPair falls
 * back to an error or an accuracy-like pair (it reads accuracy as 1 - accuracy). When a diagnosis
 * names that pair, the chart draws it on top as the monitored pair. When nothing names it, the
 * chart keeps only losses in the loss panel: an accuracy pair then goes to the metric panel (drawn
 * as it was logged, higher is better, with no "lowest" dot on the overlay), and other series to the
 * panel of other values.
 */
function lossPanelPair(p: SeriesPair): SeriesPair {
  const loss = (s: Series | undefined) => (s?.kind === 'loss' ? s : undefined);
  return { train: loss(p.train), val: loss(p.val) };
}

/** The metric the diagnoser would show beside a loss, among the series not already drawn. */
function metricBesideLoss(run: Run, exclude: string[]): SeriesPair {
  const rest = { ...run, series: run.series.filter((s) => !exclude.includes(s.key)) };
  return selectMetric(rest, { inverted: false });
}

export function pickLossPair(run: Run, d?: Diagnosis): SeriesPair {
  return drawable(namedPair(run, d?.series.train, d?.series.val) ?? lossPanelPair(selectPair(run)));
}

export function pickMetricPair(run: Run, d?: Diagnosis, exclude: string[] = []): SeriesPair {
  // the training loss beside a held-out score judged alone: below the score, on its own axis
  const named = namedPair(run, d?.series.metric ?? d?.series.beside, d?.series.val_metric);
  return drawable(named ?? metricBesideLoss(run, exclude), exclude);
}

export function pickLr(run: Run): Series | undefined {
  const s = byKey(run, 'lr') ?? run.series.find((x) => x.kind === 'lr');
  return hasFinite(s) ? s : undefined;
}

/** Keys of a pair's series (to keep the metric panel from repeating them). */
export function keysOf(p: SeriesPair): string[] {
  return [p.train?.key, p.val?.key].filter((k): k is string => !!k);
}
