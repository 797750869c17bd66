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
const STATISTIC = /(?:^|_)(?:best|min|max|std|stdev|var|median|final|last|top|lowest|highest|sum)(?:_|$)/;

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

/**
 * A column's canonical name among the columns of its run (`siblings`, as written). A split word inside the name
 * says its split when the prefix is how the value was pooled (`avg_val_loss`: `val_loss`), or when the prefix
 * names a model or head that the run also logs on another split (`lstm_val_loss` beside `lstm_loss` or
 * `lstm_train_loss`: `val_lstm_loss`, paired with `lstm_loss` by its base). Otherwise, canonicalName's reading.
 */
export function canonicalNameAmong(written: string, siblings: readonly string[]): CanonicalName {
  const own = canonicalName(written);
  if (own.splitNamed) return own;
  const m = INNER.exec(normaliseWords(written));
  if (!m) return own;
  const [, prefix, word, rest] = m;
  if (STATISTIC.test(prefix)) return own;
  const split = SPLIT_OF[word];
  if (POOLED.test(prefix)) return metricOr(`${split}_${rest}`, own);
  if (ROLE.test(prefix) || !loggedElsewhere(prefix, split, rest, siblings)) return own;
  return metricOr(`${split}_${prefix}_${rest}`, own);
}

/** The name read with its split first when it names a metric; a count or a setting (`num_train_samples` beside
 * `num_test_samples`) keeps its reading, never a split's series that would stand for a validation set logged. */
function metricOr(name: string, own: CanonicalName): CanonicalName {
  const c = canonicalName(name);
  return isMetricKind(c.kind) ? c : own;
}

/** Does another column log `prefix`'s `rest` on another split (`lstm_loss`, `lstm_train_loss` for `lstm_val_loss`)? */
function loggedElsewhere(prefix: string, split: Split, rest: string, siblings: readonly string[]): boolean {
  // (the column itself is among them: the same prefix and metric on its own split, never a partner)
  return siblings.some((other) => {
    const n = normaliseWords(other);
    if (n === `${prefix}_${rest}`) return split !== 'train';
    const m = INNER.exec(n);
    return !!m && m[1] === prefix && m[3] === rest && SPLIT_OF[m[2]] !== split;
  });
}
