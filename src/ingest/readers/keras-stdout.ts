/** Keras model.fit console output, any version, verbose 1 or 2 ("Epoch 3/10" then " - loss: 0.41 - val_loss: 0.52"). */
import { isIngestError } from '../errors.js';
import type { Reader } from '../input.js';
import type { Limits } from '../limits.js';
import type { RawLog } from '../schema.js';
import { looksLikeKerasConsole, parseGenericText, parseKerasConsole } from '../formats/console.js';

export const kerasStdout: Reader = {
  name: 'keras-stdout',
  aliases: ['console', 'stdout', 'keras-console', 'fit'],
  about: 'Keras model.fit console output (any Keras version, verbose 1 or 2)',
  sniff: (input) => looksLikeKerasConsole(input.lines()),
  read(input) {
    const lines = input.lines();
    // named by --format: the Keras reader alone; detected: the better of it and the printed-log reader
    return { raw: input.forced ? parseKerasConsole(lines, input.limits) : kerasOrPrints(lines, input.limits), lines };
  },
};

/**
 * "Epoch 12 - loss: 0.2231, accuracy: 0.9112, val_loss: 3.87" looks like Keras output but its pairs are
 * comma-separated, which the Keras reader does not see: when that reader finds nothing, or only one
 * series, the printed-log reader gets the text, and the reading with more series wins.
 */
function kerasOrPrints(lines: string[], limits: Limits): RawLog {
  let keras: RawLog | undefined;
  let refusal: unknown;
  try {
    keras = parseKerasConsole(lines, limits);
  } catch (e) {
    if (!isIngestError(e) || e.code !== 'no_series') throw e;
    refusal = e;
  }
  const thin = !keras || keras.runs.every((r) => r.columns.length < 2);
  if (!thin) return keras!;
  let prints: RawLog | undefined;
  try {
    prints = parseGenericText(lines, limits);
  } catch (e) {
    if (!isIngestError(e) || e.code === 'too_many_rows') throw e;
  }
  // more series, not more points: batch lines of a loss-only Keras capture are points inside epochs, not a better reading
  const series = (r: RawLog | undefined) =>
    r ? Math.max(0, ...r.runs.map((run) => run.columns.filter((c) => c.y.length > 0).length)) : 0;
  if (prints && series(prints) > series(keras)) return prints;
  if (keras) return keras;
  throw refusal;
}
