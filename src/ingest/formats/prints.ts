/**
 * Printed training logs: what hand-written loops print() or log. No regex per family: each line is cut
 * into tokens by one hand-written scan (linear, no backtracking), then read for
 *  - an epoch marker ("Epoch 3", "Epoch 3/25", "Epoch: 3", "epoch=3", "Epoch [004/50]", "Epoch(val) [3]"),
 *    on a line of its own (a block header: the lines after it belong to that epoch) or before the values;
 *  - split words (train/training, val/valid/validation/eval/dev, test) as a line prefix or a name's first
 *    word, carried to the names after them on the line ("val Loss: 0.30 Acc: 0.88" -> val_accuracy);
 *  - name/value pairs: `name: v`, `name=v`, `name is v`, and `name v` for metric-like names; `v%`,
 *    scientific notation, `n/N` ratios ("Accuracy: 9826/10000");
 *  - batch lines (a Step/Iter/Batch counter, an "i/N" counter, an unfinished progress bar): they are
 *    points inside their epoch, used only for a metric the epoch has no summary for;
 *  - chatter (checkpoint, early stopping, "best", trackers, shell prompts): never an epoch, never a value.
 * A run restarts when the epoch number goes back; epochs that printed no values do not count, so a start
 * that printed its config and stopped before training is not a run.
 * This module reads the whole file (epoch blocks, trailers, run splitting, columns); one line is read in
 * print-line.ts, its tokens cut in print-tokens.ts, its words judged in print-words.ts.
 */
import { IngestError, ACCEPTED_FORMATS_HINT } from '../errors.js';
import { MAX_LAYOUT_RUNS, MIN_CURVE_POINTS, type Limits } from '../limits.js';
import { AGGREGATE_WORDS, canonicalName, isEpisodeRewardName } from '../names.js';
import type { IngestWarning, RawColumn, RawLog, RawRun } from '../schema.js';
import { parseNumber, redrawSegments } from '../text.js';
import { readLine, type LineOptions } from './print-line.js';
import {
  columnsOf,
  epochSpan,
  launches,
  loggingInterval,
  partialLastEpoch,
  splitRuns,
  stepSummaries,
  type Rec,
} from './print-runs.js';
import { interleavedRuns } from './print-interleaved.js';
import { countsEpochs, FOREIGN_EPOCH } from './print-markers.js';
import { longestMetric, MAX_LINE, metricPairs, printedLine, stepLines } from './print-steps.js';
import { tokenize } from './print-tokens.js';
import { startsWith } from './json-values.js';
import { IGNORED_LINE, METRIC_WORD, nameOf, normalise, stripPrefix, type SplitWord } from './print-words.js';

/** How many lines under an epoch line a line holding only a split word and its value ("Training: 4.52") is
 * that epoch's: a block prints its splits right away; a "Test: 87.5" at the end of the file is no epoch's. */
const IN_EPOCH_LINES = 4;

/** `epoch` with a number after it ("Epoch 3/50", "epoch=3", "Epoch [3/100]", "EPOCH: 003"): not the word alone, as
 * in a table's header above lines that count epochs in brackets ("epoch | d_loss | g_loss", then "[001/100] D: ..."). */
const EPOCH_COUNTED = /\bepoch\b\W{0,12}\d/i;

/** Which counting words the text uses: `epoch` with a number anywhere, else `episode` (an RL loop's lines). */
function counterWords(lines: string[]): { epoch: boolean; episode: boolean } {
  let episode = false;
  for (const l of lines) {
    if (l.length > MAX_LINE) continue;
    if (EPOCH_COUNTED.test(l)) return { epoch: true, episode: false };
    episode ||= /\bepisode\b/i.test(l);
  }
  return { epoch: false, episode };
}

/** A reward printed as an aggregate over episodes ("mean episode reward", "avg return"): not one episode a line. */
const AGGREGATE_REWARD = new RegExp(`\\b${AGGREGATE_WORDS}[ \\t_]+(?:episod\\w{0,3}[ \\t_]+)?(?:reward|return)`, 'i');

/** A metric named as one batch's (or step's, or iteration's) value: `Batch Loss`, `batch_acc`, `iter_loss`. */
const PER_BATCH_NAME = /^(?:batch|minibatch|mini_batch|step|iter|iteration)_/;
const namedPerBatch = (name: string) => PER_BATCH_NAME.test(canonicalName(name).key);
/** ... unless pooled over the batches ("avg batch loss", "Batch avg loss": the epoch's mean; the reader drops the
 * pooling word), or the text speaks of epochs anywhere ("Epoch done. Batch Loss: 1.36", an `Epoch` line above each
 * group: each line or group is an epoch's). */
const AGGREGATE_ON_LINE = new RegExp(`\\b${AGGREGATE_WORDS}\\b`, 'i');
const EPOCH_WORD = new RegExp(String.raw`\bepoch|(?:^|[^\p{L}])(?:${FOREIGN_EPOCH})(?!\p{L})`, 'iu');

/** Lines in order whose every metric is named per batch, not pooled, in a text that never speaks of epochs. */
function perBatch(recs: Rec[], lines: string[]): boolean {
  return (
    recs.length > 0 &&
    !lines.some((l) => l.length <= MAX_LINE && EPOCH_WORD.test(l)) &&
    recs.every((r) => [...r.vals.keys()].every(namedPerBatch) && !AGGREGATE_ON_LINE.test(lines[r.line] ?? ''))
  );
}

/** One run's columns, on the axis its counters set. */
function rawRun(
  r: Rec[],
  count: number,
  how: { byIteration: boolean; byEpisode: boolean; zeroBased: boolean },
): RawRun {
  const columns = columnsOf(r, how.zeroBased ? 1 : 0);
  // per-step values spread inside their epoch (fractional x) each carry that epoch's number
  const within = columns.some((c) => c.x.some((v) => Math.abs(v - Math.round(v)) > 1e-9));
  return {
    xAxis: how.byIteration ? 'step' : 'epoch',
    ...(how.byEpisode ? { xUnit: 'episode' as const } : {}),
    columns,
    ...(how.zeroBased ? { epochNumbering: 'from0' as const } : {}),
    ...(within && !how.byIteration ? { rowsWithinEpochs: true } : {}),
    label: count > 1 ? `lines ${r[0].line + 1}+` : undefined,
  };
}

/** Read printed training output. Throws IngestError('unrecognised') when nothing in it is a metric per epoch. */
export function parsePrints(lines: string[], limits: Limits): RawLog {
  const warnings: IngestWarning[] = [];
  const words = counterWords(lines);
  const opts = {
    iterations: !words.epoch,
    bracketEpochs: !words.epoch,
    splitHeads: !words.epoch && countsEpochs(lines),
    blockSplit: undefined as SplitWord | undefined,
  };
  let recs = collect(lines, limits, opts, false);
  // "train loss: 0.41 ...\nFinished epoch 3/10": values printed before their epoch line (an epoch trailer)
  if (recs.trailer) recs = collect(lines, limits, { ...opts, blockSplit: undefined }, true);
  stepSummaries(recs);
  let byEpisode = false;
  // lines in order whose every metric is named per batch ("Batch Loss: 1.35", "iter_loss 0.41"): steps, not epochs
  let byBatch = false;
  const stepReading = (): RawLog | undefined => {
    const steps = stepLines(lines, opts, limits);
    return steps && { format: 'text', runs: steps.runs, warnings: [], rows: steps.rows };
  };
  if (recs.length === 0) {
    // no epoch numbers anywhere: printed lists ("Train losses: [0.69, 0.51, ...]"), or one line per epoch
    const lists = printedLists(lines);
    const pos = lists ?? linesInOrder(lines, opts);
    // an RL loop's "Episode N" lines number those points better than their order does (a step counter,
    // read below when nothing is in order, still wins over them)
    const episodes = pos && words.episode ? collect(lines, limits, { ...opts, episodes: true }, false) : [];
    byEpisode = episodes.length > 0;
    // metric lines with a step counter and lines between them without one ("Step 100/3000; acc: 11.0; ppl: 675",
    // then "Validation perplexity: 292"): the steps number them all, where the lines in order held only the latter
    const steps = !byEpisode && !lists && pos ? stepReading() : undefined;
    if (steps && steps.rows >= pos!.recs.length && longestMetric(steps.runs) >= MIN_CURVE_POINTS) return steps;
    if (byEpisode) recs.push(...episodes);
    else if (pos) {
      recs.push(...pos.recs);
      // lines in order that each print a reward named per episode ("episodic returns: 29") are the episodes
      // (not a mean over episodes: "mean episode reward: 31" is one per iteration, its "mean" a filler to the name)
      byEpisode =
        pos.recs.length > 0 &&
        pos.recs.every((r) => [...r.vals.keys()].some(isEpisodeRewardName)) &&
        !pos.recs.some((r) => AGGREGATE_REWARD.test(lines[r.line] ?? ''));
      byBatch = !byEpisode && perBatch(pos.recs, lines);
      const unit = byEpisode ? 'episode' : byBatch ? 'step' : 'epoch';
      warnings.push({
        code: 'epochs_by_position',
        message: `No ${unit} numbers in this text: ${byBatch ? `${pos.how.replace(/epoch$/, 'step')} (its metrics are named per batch)` : pos.how}, numbered 1, 2, 3, ... in order.`,
      });
    }
  }
  if (recs.length === 0) {
    // nothing per epoch at all, but a step counter on the metric lines: a per-step log on a step axis
    const steps = stepReading();
    if (steps) return steps;
  }
  if (recs.length === 0) {
    throw new IngestError('unrecognised', `No training metrics found in this text. ${ACCEPTED_FORMATS_HINT}`);
  }
  const final = finalEvaluation(recs);
  if (final.length > 0) {
    const names = final.flatMap((r) => [...r.vals].map(([k, v]) => `${k} ${v}`));
    warnings.push({
      code: 'final_evaluation',
      message: `Read as a final evaluation after the last epoch, not as epoch values: ${names.slice(0, 6).join(', ')}${names.length > 6 ? ', ...' : ''}.`,
    });
    recs.splice(recs.length - final.length, final.length);
  }
  if (recs.length === 0) {
    throw new IngestError('unrecognised', `No training metrics found in this text. ${ACCEPTED_FORMATS_HINT}`);
  }
  evaluationsWithinEpochs(recs);
  const runs = interleavedRuns(recs, warnings) ?? splitRuns(recs, launches(lines));
  // every marker an iteration counter printed every few iterations ("Iteration 5000, loss = 0.03", then 5100:
  // Caffe, Darknet, MLX, nanoGPT): the points are steps, numbered as printed (iteration 0 is step 0). Counted one
  // by one (scikit-learn's MLP: "Iteration 3, loss = 0.41", an epoch each) they stay epochs.
  const marked = recs.filter((r) => r.marked);
  const byIteration =
    byBatch || (!byEpisode && marked.length > 0 && marked.every((r) => r.iteration) && loggingInterval(marked) > 1);
  const zeroBased = !byIteration && runs[0][0].epoch === 0;
  const rawRuns = runs.map((r) => rawRun(r, runs.length, { byIteration, byEpisode, zeroBased }));
  const last = runs[runs.length - 1];
  const partial = partialLastEpoch(last);
  if (partial)
    warnings.push({
      code: 'partial_last_epoch',
      message: `The last ${byIteration ? 'iteration' : 'epoch'} (${partial.epoch + (zeroBased ? 1 : 0)}) has no ${partial.missing.join(', ')}: ${byIteration ? '' : 'the log was cut mid-epoch; '}its point is kept for the values it has.`,
    });
  // an epoch reading without a metric curve ("1 epoch = 41 batches" read as epoch 41 beside a final loss,
  // three "Final Val Loss" lines after per-step training), or whose points all sit in one epoch (a step log's
  // lines under that one "epoch 41"), yields to the step counter's, when that has one
  if (longestMetric(rawRuns) < MIN_CURVE_POINTS || epochSpan(rawRuns) <= 1) {
    const steps = stepReading();
    if (steps && longestMetric(steps.runs) >= MIN_CURVE_POINTS) return steps;
  }
  return { format: 'text', runs: rawRuns, warnings, rows: recs.length };
}

/**
 * One pass over the lines. Lines inside a block belong to the epoch of the marker above them, or, in
 * `trailer` mode, to the marker below them. The result says whether the text looks like trailers: metric
 * lines before the first epoch line and none after the last one.
 */
function collect(lines: string[], limits: Limits, opts: LineOptions, trailer: boolean): Rec[] & { trailer?: boolean } {
  const recs: Rec[] & { trailer?: boolean } = [];
  let cur: number | undefined;
  let rows = 0;
  let orphans = 0;
  let lastMarker = -1;
  let lastBlock = -1;
  let pending: Rec[] = [];
  let markerCounter: number | undefined;
  /** the line of the last banner (an epoch line with a split word and no values), until a line prints values */
  let banner = -1;
  for (let li = 0; li < lines.length; li++) {
    const line = printedLine(lines[li]);
    if (line === undefined) continue;
    // a split word and its value on a line of their own count only right under an epoch line
    opts.inEpoch = cur !== undefined && li - lastMarker <= IN_EPOCH_LINES;
    opts.bannerEpoch = banner >= 0 && li - banner <= IN_EPOCH_LINES ? cur : undefined;
    opts.inBlock = cur !== undefined;
    const r = readLine(line, opts);
    if (r.chatter && (r.marker || r.pairs.length > 0)) continue;
    // a line of values with a lower count of its own right under a banner ("==== validate epoch 1 ====", then
    // "Epoch 0 | loss = 0.037": two counters, one from 1 and one from 0) is the banner's epoch and split; a
    // higher count is the next epoch's line (an eval banner that printed nothing after it)
    const underBanner =
      r.marker !== undefined &&
      r.pairs.length > 0 &&
      opts.bannerEpoch !== undefined &&
      r.marker.epoch < opts.bannerEpoch;
    if (r.marker && !underBanner) {
      if (r.marker.epoch !== cur) opts.blockSplit = undefined;
      cur = r.marker.epoch;
      markerCounter = r.counter;
      lastMarker = li;
      banner = -1; // another epoch line: the banner above no longer sets the epoch (set again below if this is one)
      if (trailer && pending.length > 0) {
        for (const p of pending) recs.push({ ...p, epoch: cur, block: li });
        pending = [];
      }
    }
    if (r.pairs.length === 0) {
      if (r.marker && r.split) {
        // a banner: an epoch line with a split word and no values ("==== validate epoch 1 ===="); the lines
        // below are that split's, and that epoch's
        banner = li;
        opts.blockSplit = r.split;
      } else if (!r.marker && r.split && line.length < 40 && (cur !== undefined || trailer)) {
        // "Validation:" / "--- train ---" on its own: the lines below are that split's
        opts.blockSplit = r.split;
      }
      continue;
    }
    banner = -1;
    // lines inside an epoch block, and batch lines (they carry throughput and bookkeeping too: wps, data_time)
    let pairs = !r.marker || r.step ? metricPairs(r.pairs) : r.pairs;
    if (pairs.length === 0) continue;
    if (!r.marker && !r.step && !r.split) pairs = summaryOf(pairs, recs[recs.length - 1]);
    const rec: Rec = {
      epoch: cur ?? 0,
      vals: new Map(pairs),
      level: r.step ? 'step' : r.bar ? 'bar' : 'epoch',
      line: li,
      marked: !!r.marker && !underBanner,
      ...(r.marker?.iteration ? { iteration: true } : {}),
      counter: r.counter ?? (r.marker ? undefined : markerCounter),
      ...(r.running ? { running: true } : {}),
    };
    if (cur !== undefined) rec.block = lastMarker;
    if (!r.marker) {
      lastBlock = li;
      if (trailer) {
        pending.push(rec);
        continue;
      }
      if (cur === undefined) {
        orphans++;
        continue;
      }
    }
    recs.push(rec);
    if (++rows > limits.maxRows)
      throw new IngestError('too_many_rows', `The log has more than ${limits.maxRows} epoch lines.`);
  }
  // the line-by-line state is this pass's: the readings after it (steps, lines in order) start clean
  opts.bannerEpoch = undefined;
  opts.inBlock = undefined;
  opts.inEpoch = undefined;
  if (!trailer && orphans > 0 && lastMarker > lastBlock) recs.trailer = true;
  return recs;
}

/** The line above `li` when it is a name and a colon alone ("training loss:"), the name of a list printed under it. */
function nameLineAbove(lines: string[], li: number): string | undefined {
  const above = li > 0 ? stripPrefix(lines[li - 1]).trim() : '';
  return above.length <= 80 && /^[A-Za-z][\w /@.-]*:$/.test(above) ? above : undefined;
}

/** "Train losses: [0.69, 0.51, 0.40]" / "val_acc = [0.5, 0.6, 0.7]": lists of at least 3 numbers after a metric name
 * (on the line, or alone on the line above). */
function printedLists(lines: string[]): { recs: Rec[]; how: string } | undefined {
  const lists: { name: string; vals: number[]; line: number }[] = [];
  for (let li = 0; li < lines.length; li++) {
    const line = stripPrefix(lines[li]);
    // every "name: [" on the line ("{'loss': [...], 'val_loss': [...]}" holds several); each '[' is read once
    let from = 0;
    for (let open = line.indexOf('['); open >= 0 && lists.length < 1000; open = line.indexOf('[', from)) {
      const close = line.indexOf(']', open);
      from = close < 0 ? line.length : close + 1;
      const before = line.slice(Math.max(0, open - 120), open);
      // "training loss:" on a line of its own and the list on the next (print(name), then print(values))
      const head = tokenize(before.trim() === '' ? (nameLineAbove(lines, li) ?? before) : before);
      let k = head.length - 1;
      if (k < 0 || head[k].k !== 'p' || !':='.includes(head[k].s)) continue;
      const words: string[] = [];
      for (k--; k >= 0 && head[k].k === 'w'; k--) words.unshift(head[k].s);
      if (words.length === 0) continue;
      const cells = line.slice(open + 1, close < 0 ? line.length : close).split(',');
      const vals: number[] = [];
      for (const c of cells) {
        const v = parseNumber(c);
        if (v === undefined) break;
        vals.push(v);
      }
      // a list cut by the end of the line may end in half a number: keep the complete ones
      if (close < 0 && vals.length < cells.length) continue;
      const name = vals.length >= 3 ? nameOf(words, undefined, true) : undefined;
      if (name && METRIC_WORD.test(normalise([name]))) lists.push({ name, vals, line: li });
    }
  }
  if (lists.length === 0) return undefined;
  const groups = runsOfLists(lists);
  // (more runs than any training log holds: another layout's lists)
  if (groups.length > MAX_LAYOUT_RUNS) return undefined;
  const recs: Rec[] = [];
  for (const group of groups) {
    const n = Math.max(...group.map((l) => l.vals.length));
    for (let k = 0; k < n; k++) {
      const vals = new Map<string, number>();
      for (const l of group) if (k < l.vals.length) vals.set(l.name, l.vals[k]);
      recs.push({ epoch: k + 1, vals, level: 'epoch', line: group[0].line, marked: true });
    }
  }
  return {
    recs,
    how: `read ${groups.flat().length} printed list(s) (${[...new Set(lists.map((l) => l.name))].join(', ')}${groups.length > 1 ? `, printed again for each of ${groups.length} runs` : ''}) as one value per epoch`,
  };
}

/**
 * Printed lists as runs. The lists of one line (a printed history dict) go together. A line that prints a name
 * again with other values starts the next run's lists (a history printed per model or per fold): its epochs count
 * from 1 again, and splitRuns makes it a run of its own. A list printed before (a summary that prints it again) is
 * left out, and one that extends the list before it (a loop printing its growing list each epoch) replaces it.
 */
function runsOfLists<L extends { name: string; vals: number[]; line: number }>(lists: L[]): L[][] {
  const groups: L[][] = [];
  for (let i = 0; i < lists.length;) {
    let j = i;
    while (j < lists.length && lists[j].line === lists[i].line) j++;
    const fresh = lists
      .slice(i, j)
      .filter((l) => !groups.some((g) => g.some((o) => o.name === l.name && startsWith(o.vals, l.vals))));
    i = j;
    const last = groups[groups.length - 1];
    const grows = (l: L) => last?.findIndex((o) => o.name === l.name && startsWith(l.vals, o.vals)) ?? -1;
    const again = fresh.some((l) => last?.some((o) => o.name === l.name) && grows(l) < 0);
    if (!last || again) {
      if (fresh.length > 0) groups.push(fresh);
      continue;
    }
    for (const l of fresh) {
      const at = grows(l);
      if (at >= 0) last[at] = l;
      else last.push(l);
    }
  }
  return groups;
}

/** Lines of metric pairs with no epoch number: a new epoch each time a metric comes back (at least 3). */
function linesInOrder(lines: string[], opts: LineOptions): { recs: Rec[]; how: string } | undefined {
  const recs: Rec[] = [];
  let cur: Rec | undefined;
  for (let li = 0; li < lines.length; li++) {
    // (the line as every reader sees it: another rank's copy is left out here too)
    const line = printedLine(lines[li]);
    if (line === undefined) continue;
    const r = readLine(line, { ...opts, blockSplit: undefined });
    if (r.chatter || r.step || r.pairs.length === 0) continue;
    const pairs = r.pairs.filter(([n]) => METRIC_WORD.test(normalise([n])) && canonicalName(n).kind !== 'lr');
    if (pairs.length === 0) continue;
    const keys = pairs.map(([n]) => canonicalName(n).key);
    if (!cur || keys.some((k) => [...cur!.vals.keys()].some((o) => canonicalName(o).key === k))) {
      cur = { epoch: recs.length + 1, vals: new Map(), level: 'epoch', line: li, marked: true };
      recs.push(cur);
    }
    for (const [n, v] of pairs) cur.vals.set(n, v);
  }
  return recs.length >= 3
    ? { recs, how: 'each line (or group of lines) of metric values is read as one epoch' }
    : undefined;
}

/**
 * Lines after the last epoch line, with no epoch of their own and only metrics no earlier epoch printed
 * ("Accuracy : 0.748", "F1 Score: 0.569" once training is over): the final evaluation, not that epoch's values.
 */
function finalEvaluation(recs: Rec[]): Rec[] {
  let lastMarked = -1;
  for (let i = recs.length - 1; i >= 0; i--) {
    if (recs[i].marked) {
      lastMarked = i;
      break;
    }
  }
  if (lastMarked < 0 || lastMarked === recs.length - 1) return [];
  const lastEpoch = recs[recs.length - 1].epoch;
  const earlier = new Set<string>();
  let epochsBefore = 0;
  let prev: number | undefined;
  for (const r of recs) {
    if (r.epoch === lastEpoch) continue;
    if (r.epoch !== prev) epochsBefore++;
    prev = r.epoch;
    for (const k of r.vals.keys()) earlier.add(canonicalName(k).key);
  }
  if (epochsBefore < 2) return [];
  const tail = recs.slice(lastMarked + 1);
  if (tail.some((r) => r.level !== 'epoch' || [...r.vals.keys()].some((k) => earlier.has(canonicalName(k).key))))
    return [];
  return tail;
}

/**
 * Several evaluations inside one epoch, each under an epoch line with its step counter ("Epoch: 0 - (Step:
 * 00005)" then "Training loss: 8.06, Validation loss: 8.21"): points inside the epoch, not a run starting again
 * at that epoch. An epoch's summaries become points inside it when there are several and their counters rise.
 */
function evaluationsWithinEpochs(recs: Rec[]): void {
  for (let i = 0; i < recs.length;) {
    let j = i;
    while (j + 1 < recs.length && recs[j + 1].epoch === recs[i].epoch) j++;
    const group = recs.slice(i, j + 1).filter((r) => r.level === 'epoch');
    const rising = group.every((r, k) => r.counter !== undefined && (k === 0 || r.counter > group[k - 1].counter!));
    if (group.length > 1 && rising) for (const r of group) r.level = 'step';
    i = j + 1;
  }
}

/**
 * " *   Acc@1 76.1 Acc@5 92.8" right after "Test: [150/196] ... Acc@1 75.2 (76.0) ..." batch lines (PyTorch's ImageNet
 * example): a line with no split word and no counter of its own, naming only metrics the batch lines above named
 * for one held-out split, is that split's summary, not the training's.
 */
function summaryOf(pairs: [string, number][], prev: Rec | undefined): [string, number][] {
  if (prev?.level !== 'step') return pairs;
  for (const split of ['val', 'test']) {
    const named = pairs.map(([n, v]): [string, number] => [`${split}_${n}`, v]);
    if (named.every(([n]) => prev.vals.has(n))) return named;
  }
  return pairs;
}
