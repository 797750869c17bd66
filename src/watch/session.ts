/**
 * One watched run, without Discord: the epochs reported so far (per metric, in epoch order), the
 * live diagnosis (the same diagnose() as an upload, on the TrainingLog an uploaded Keras history of
 * these epochs would give), the alerts (each kind at most once per run) and the stop flag. The bot
 * (src/bot/watch-live.ts) shows it; the bench drives it headless.
 *
 * Epochs are shown by their position (1-based, the way Keras prints "Epoch 3/20"), whatever base
 * the client counts from.
 */
import { historyToLog, type HistoryLike } from '../train/history.js';
import { diagnoseDetailed, type Diagnosis } from '../diagnose/index.js';
import type { TrainingLog } from '../ingest/schema.js';
import type { EpochReport, ReportBatch } from './schema.js';

/** a live run's log and its diagnosis, with the probabilities the verdict was decided on */
interface Analysed {
  n: number;
  log: TrainingLog;
  diagnosis?: Diagnosis;
  decided?: Record<string, number>;
}

/** Alert thresholds (docs/watch-server.md#alerts). */
export const ALERTS = {
  /** the diagnoser needs a few points before its verdict means anything */
  minEpochs: 5,
  /** overfitting is announced at once when the diagnoser is this sure (its probability as decided, before
   * the reliability map: what these were tuned on; the alert shows the calibrated confidence)... */
  overfitConfidence: 0.8,
  /** ...or when it has said overfitting with at least this confidence for overfitSustain epochs in a row
   * (a live run is judged on a prefix: the calibrated confidence climbs slowly while the rise is young;
   * tuned on the seeded runs of bench/watch: alerts 4-10 epochs after val's minimum) */
  overfitSustained: 0.6,
  overfitSustain: 3,
  /** no plateau alert while overfitting is this likely (the rise after the best is not a plateau) */
  plateauMaxOverfit: 0.2,
  /** a plateau wastes the budget when val has not improved for this many epochs... */
  plateauEpochs: 10,
  /** ...and at least this share of the planned epochs is still ahead (unknown plan: always) */
  plateauRemainingShare: 0.2,
  /** a plateau is flat: the last value is at most this much (relative) worse than the best (a rise is overfitting or divergence) */
  plateauMaxRise: 0.05,
  /** a val improvement smaller than this (relative) does not count as one */
  plateauMinGain: 1e-3,
  /** epochs kept per run (older ones are dropped from the live view) */
  maxEpochs: 5000,
  /** metrics kept per run */
  maxMetrics: 32,
} as const;

export type AlertKind = 'nan_inf' | 'diverging' | 'overfitting' | 'plateau';

export interface Alert {
  kind: AlertKind;
  /** the epoch (1-based position) it fired at */
  epoch: number;
  /** plain facts; the surface words and escapes them */
  metric?: string;
  value?: number;
  bestEpoch?: number;
  confidence?: number;
  /** epochs left of the plan that stopping now saves (when the plan is known) */
  saves?: number;
  /** epochs since the best one */
  since?: number;
}

const betterIsHigher = (name: string) => /acc|auc|f1|precision|recall|iou|dice|map|r2|score/i.test(name);

export class WatchSession {
  readonly run: string;
  planned?: number;
  stopRequested = false;
  finished = false;
  /** reported epoch number -> metrics */
  private readonly epochs = new Map<number, Record<string, number>>();
  private readonly fired = new Set<AlertKind>();
  /** consecutive diagnoses saying overfitting with at least overfitSustained */
  private overfitStreak = 0;
  private cached?: Analysed;
  readonly startedAt: number;
  lastReportAt: number;

  constructor(run: string, now = Date.now()) {
    this.run = run;
    this.startedAt = now;
    this.lastReportAt = now;
  }

  /** Take a batch; returns the alerts it raised (each kind once per run). */
  add(batch: ReportBatch, now = Date.now()): Alert[] {
    if (batch.epochs) this.planned = batch.epochs;
    this.lastReportAt = now;
    const alerts: Alert[] = [];
    for (const r of batch.reports) {
      this.store(r);
      if (r.final) this.finished = true;
      const bad = Object.entries(r.metrics).find(([, v]) => !Number.isFinite(v));
      if (bad && this.fire('nan_inf')) alerts.push({ kind: 'nan_inf', epoch: r.epoch, metric: bad[0], value: bad[1] });
    }
    if (this.count >= ALERTS.minEpochs) alerts.push(...this.judge());
    return alerts;
  }

  get count(): number {
    return this.epochs.size;
  }

  /** metric name -> values in epoch order (a metric missing at an epoch carries its previous value) */
  history(): HistoryLike {
    const order = this.order();
    const names = new Set<string>();
    for (const m of this.epochs.values())
      for (const k of Object.keys(m)) if (names.size < ALERTS.maxMetrics) names.add(k);
    const h: HistoryLike = {};
    for (const k of names) {
      const first = order.map((e) => this.epochs.get(e)![k]).find((v) => v !== undefined) ?? NaN;
      let prev = first;
      h[k] = order.map((e) => (prev = this.epochs.get(e)![k] ?? prev));
    }
    return h;
  }

  /** the latest reported metrics */
  latest(): { epoch: number; metrics: Record<string, number> } | undefined {
    if (!this.count) return undefined;
    const e = Math.max(...this.epochs.keys());
    return { epoch: this.count, metrics: this.epochs.get(e)! };
  }

  /** The diagnosis of the epochs so far (cached until a new epoch arrives); undefined while too short or unreadable. */
  diagnosis(): Diagnosis | undefined {
    return this.analysed()?.diagnosis;
  }

  /** the TrainingLog the epochs make (what the final /diagnose reply reads) */
  log(): TrainingLog | undefined {
    return this.analysed()?.log;
  }

  private analysed(): Analysed | undefined {
    if (this.cached?.n === this.count) return this.cached;
    if (this.count < 2) return undefined;
    try {
      const log = historyToLog(this.history(), this.run);
      // epochs reported from 0 (Keras, Lightning, a Python loop): the reasons quote them as sent
      const keys = this.order();
      if (keys[0] === 0 && keys[keys.length - 1] === keys.length - 1)
        for (const run of log.runs) run.epochNumbering = 'from0';
      let d: ReturnType<typeof diagnoseDetailed> | undefined;
      try {
        d = diagnoseDetailed(log);
      } catch {
        d = undefined;
      }
      this.cached = { n: this.count, log, diagnosis: d?.diagnosis, decided: d?.decided ?? d?.diagnosis.probabilities };
      return this.cached;
    } catch {
      return undefined;
    }
  }

  private store(r: EpochReport): void {
    const had = this.epochs.get(r.epoch);
    this.epochs.set(r.epoch, { ...had, ...r.metrics });
    if (this.epochs.size > ALERTS.maxEpochs) this.epochs.delete(Math.min(...this.epochs.keys()));
  }

  /** the reported epoch numbers in order */
  private order(): number[] {
    return [...this.epochs.keys()].sort((a, b) => a - b);
  }

  /** the epoch number the client sent for the p-th (1-based) epoch so far: what alerts quote */
  private labelAt(p: number | undefined): number | undefined {
    if (p === undefined) return undefined;
    const keys = this.order();
    return keys[Math.min(keys.length, Math.max(1, p)) - 1];
  }

  private fire(kind: AlertKind): boolean {
    if (this.fired.has(kind)) return false;
    this.fired.add(kind);
    return true;
  }

  /** diverging, overfitting and plateau from the live diagnosis */
  private judge(): Alert[] {
    const d = this.diagnosis();
    if (!d) return [];
    // the thresholds read the probabilities the verdict was decided on (ALERTS were tuned on them)
    const decided = this.analysed()?.decided ?? {};
    const out: Alert[] = [];
    const done = this.count;
    const epoch = this.labelAt(done) as number;
    const saves = this.planned && this.planned > done ? this.planned - done : undefined;
    if (d.findings.includes('diverging') && !this.fired.has('nan_inf') && this.fire('diverging'))
      out.push({ kind: 'diverging', epoch, confidence: d.confidence });
    const best = d.evidence.best_x !== undefined ? Math.round(d.evidence.best_x) : undefined;
    this.overfitStreak =
      d.pattern === 'overfitting' && (decided.overfitting ?? 0) >= ALERTS.overfitSustained ? this.overfitStreak + 1 : 0;
    const sure = (decided.overfitting ?? 0) >= ALERTS.overfitConfidence || this.overfitStreak >= ALERTS.overfitSustain;
    if (d.pattern === 'overfitting' && sure && this.fire('overfitting'))
      out.push({
        kind: 'overfitting',
        epoch,
        confidence: d.confidence,
        bestEpoch: this.labelAt(best),
        saves,
        since: best !== undefined ? done - best : undefined,
      });
    const plateau = this.plateau(d, decided.overfitting ?? 0);
    if (plateau && this.fire('plateau')) out.push({ kind: 'plateau', epoch, ...plateau, saves });
    return out;
  }

  /** val (or train without val) has not improved for plateauEpochs while enough of the plan is left */
  private plateau(d: Diagnosis, overfitting: number): { bestEpoch: number; since: number; metric: string } | undefined {
    if (d.pattern === 'overfitting' || d.findings.includes('still_improving') || this.fired.has('nan_inf'))
      return undefined;
    if (overfitting >= ALERTS.plateauMaxOverfit) return undefined;
    const h = this.history();
    const name = d.series.val ?? d.series.train;
    const ys = name ? h[name] : undefined;
    if (!name || !ys) return undefined;
    const sign = betterIsHigher(name) ? -1 : 1;
    let best = 0;
    for (let i = 1; i < ys.length; i++)
      if (Number.isFinite(ys[i]) && sign * ys[i] < sign * ys[best] - ALERTS.plateauMinGain * Math.abs(ys[best]))
        best = i;
    const since = ys.length - 1 - best;
    const last = ys[ys.length - 1];
    if (!(sign * (last - ys[best]) <= ALERTS.plateauMaxRise * Math.abs(ys[best]))) return undefined;
    if (since < ALERTS.plateauEpochs) return undefined;
    if (this.planned && (this.planned - ys.length) / this.planned < ALERTS.plateauRemainingShare) return undefined;
    return { bestEpoch: this.labelAt(best + 1) as number, since, metric: name };
  }
}
