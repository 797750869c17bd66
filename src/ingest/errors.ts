/**
 * A refusal the user can act on: what was wrong, and what is accepted.
 * Every parser failure becomes one of these; nothing else escapes ingest.
 */
import { formatCount } from './limits.js';

export type IngestErrorCode =
  | 'empty'
  | 'binary'
  | 'too_large'
  | 'too_many_rows'
  | 'line_too_long'
  | 'too_deep'
  | 'unrecognised'
  | 'no_series'
  | 'bad_format_override'
  | 'bad_json';

export const ACCEPTED_FORMATS_HINT =
  'Accepted: Keras history.history (JSON, or the printed dict), Keras CSVLogger CSV, model.fit console output, ' +
  'PyTorch Lightning metrics.csv, Hugging Face trainer_state.json, fastai history.csv, TensorBoard CSV/JSON export, ' +
  'or any CSV/text with per-epoch metric names and values.';

export class IngestError extends Error {
  readonly code: IngestErrorCode;
  constructor(code: IngestErrorCode, message: string) {
    super(message);
    this.name = 'IngestError';
    this.code = code;
  }
}

/** The refusal for a line over the length cap; `hint` (a sentence) says what to do about it. */
export function lineTooLong(lineNo: number, length: number, max: number, hint?: string): IngestError {
  return new IngestError(
    'line_too_long',
    `Line ${lineNo} is ${formatCount(length)} characters long (limit ${formatCount(max)}).${hint ? ` ${hint}` : ''}`,
  );
}

export function isIngestError(e: unknown): e is IngestError {
  return e instanceof IngestError;
}
