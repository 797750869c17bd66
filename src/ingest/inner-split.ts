/**
 * A split word inside a name, between a prefix and the metric: `avg_val_loss`, `epoch_train_acc`, `lstm_val_loss`,
 * `cls_val_accuracy`. canonicalName reads a split only at a name's start or end (`val_loss`, `loss_val`), so these
 * were training metrics: a loop's `avg_train_loss` and `avg_val_loss` were two training losses, summed into a total,
 * and the validation curve was lost. A printed line says the same words apart ("Avg Val Loss: 0.41") and has always
 * been read as the validation loss; a column is now read alike. The rules: docs/ingest.md#metric-names.
 */
import { canonicalName, isMetricKind, normaliseWords, type CanonicalName } from './names.js';
import type { Split } from './schema.js';

/** prefix, split word, metric; the shortest prefix (`a_val_b_val_loss`: `a`) */
const INNER = /^([a-z][a-z0-9]*(?:_[a-z0-9]+)*?)_(val|valid|validation|dev|eval|test|train|training)_([a-z].*)$/;

/** How the value was pooled over the epoch: the split's metric itself (`avg_val_loss` is the validation loss, as
 * index.ts's AGGREGATE reads `mean_total_loss` as the total loss). */
const POOLED = /^(?:avg|average|mean|epoch)$/;

/** A statistic of the metric over the run (a best so far, a spread over seeds, the final value): no curve of the
 * split, and never a term of its total (`best_val_loss` beside `avg_val_loss`, `std_val_loss` beside
 * `mean_val_loss`). Left as written. */
const STATISTIC = /(?:^|_)(?:best|min|max|std|stdev|var|median|final|last|top|lowest|highest)(?:_|$)/;

/** One letter, or a GAN's roles: no model's name (`q_val_loss` is a Q-value's loss; a GAN's `d_val_loss` is
 * diagnose/gan.ts's to read, beside the score its samples are measured by). */
const ROLE = /^(?:[a-z]|dis|disc|discriminator|gen|generator|critic)$/;

const SPLIT_OF: Record<string, Exclude<Split, 'none'>> = {
  val: 'val',
  valid: 'val',
  validation: 'val',
  dev: 'val',
  eval: 'val',
  test: 'test',
  train: 'train',
  training: 'train',
};

/** A run's columns read once: a name's canonical reading among them (each name read again is a lookup). */
export type ReadAmong = (written: string) => CanonicalName;

/**
 * The canonical names of a run's columns (`siblings`, as written), each among the others. A split word inside a
 * name says its split when the prefix is how the value was pooled (`avg_val_loss`: `val_loss`), or when the prefix
 * names a model or head that the run also logs on another split (`lstm_val_loss` beside `lstm_loss` or
 * `lstm_train_loss`: `val_lstm_loss`, paired with `lstm_loss` by its base); never onto a key another column's own
 * name reads as (`avg_val_loss` beside `val_loss` keeps its name). Otherwise, canonicalName's reading. The columns
 * are indexed once, so a table of thousands of columns reads in linear time.
 */
export function namesAmong(siblings: readonly string[]): ReadAmong {
  const bare = new Set<string>();
  /** `prefix metric` -> the splits it is logged on */
  const inner = new Map<string, Set<Split>>();
  const ownKeys = new Set<string>();
  for (const name of siblings) {
    const n = normaliseWords(name);
    bare.add(n);
    const m = INNER.exec(n);
    if (m) {
      const at = `${m[1]} ${m[3]}`;
      const splits = inner.get(at) ?? new Set<Split>();
      inner.set(at, splits.add(SPLIT_OF[m[2]]));
    }
    ownKeys.add(canonicalName(name).key);
  }
  // the column itself is among them: the same prefix and metric on its own split is never its partner (and a
  // training name beside the bare one, `lstm_train_loss` beside `lstm_loss`, would land on the bare one's key)
  const loggedElsewhere = (prefix: string, split: Split, rest: string) =>
    bare.has(`${prefix}_${rest}`) || [...(inner.get(`${prefix} ${rest}`) ?? [])].some((other) => other !== split);
  const memo = new Map<string, CanonicalName>();
  return (written) => {
    let c = memo.get(written);
    if (!c) {
      c = readAmong(written, loggedElsewhere, ownKeys);
      memo.set(written, c);
    }
    return { ...c };
  };
}

/** One name's canonical reading among its run's columns (namesAmong, for a single name). */
export function canonicalNameAmong(written: string, siblings: readonly string[]): CanonicalName {
  return namesAmong(siblings)(written);
}

function readAmong(
  written: string,
  loggedElsewhere: (prefix: string, split: Split, rest: string) => boolean,
  ownKeys: Set<string>,
): CanonicalName {
  const own = canonicalName(written);
  if (own.splitNamed) return own;
  const m = INNER.exec(normaliseWords(written));
  if (!m) return own;
  const [, prefix, word, rest] = m;
  if (STATISTIC.test(prefix)) return own;
  const split = SPLIT_OF[word];
  if (POOLED.test(prefix)) return metricOr(`${split}_${rest}`, own, ownKeys);
  if (ROLE.test(prefix) || !loggedElsewhere(prefix, split, rest)) return own;
  return metricOr(`${split}_${prefix}_${rest}`, own, ownKeys);
}

/** The name read with its split first when it names a metric that no other column's own name already reads as; a
 * count or a setting (`num_train_samples` beside `num_test_samples`) keeps its reading, never a split's series
 * that would stand for a validation set logged. */
function metricOr(name: string, own: CanonicalName, ownKeys: Set<string>): CanonicalName {
  const c = canonicalName(name);
  return isMetricKind(c.kind) && !ownKeys.has(c.key) ? c : own;
}
