/**
 * The TrainingLog: what every parser produces and every later stage reads.
 * zod describes the shape at the edge (tests, JSON output); inside we use the inferred types.
 */
import { z } from 'zod';

/** Formats we detect, by the name the CLI prints and `--format` accepts. */
export const FORMATS = [
  'keras-history-json', // history.history as JSON, Python repr, pandas to_json or to_csv
  'keras-csv', // keras.callbacks.CSVLogger
  'keras-stdout', // model.fit console output (any Keras version, verbose 1 or 2)
  'lightning-csv', // PyTorch Lightning CSVLogger metrics.csv
  'hf-trainer-state', // Hugging Face trainer_state.json (or its console dict lines)
  'fastai-csv', // fastai CSVLogger history.csv
  'tensorboard-csv', // TensorBoard "Download CSV" (Wall time,Step,Value)
  'tensorboard-json', // TensorBoard "Download JSON" ([[wall, step, value], ...])
  'ultralytics-csv', // YOLO results.csv (space-padded)
  'csv', // any other table with a header of metric names
  'text', // any other text with "epoch N ... name: value" lines
] as const;
export const FormatSchema = z.enum(FORMATS);
export type Format = z.infer<typeof FormatSchema>;

export const SplitSchema = z.enum(['train', 'val', 'test', 'none']);
export type Split = z.infer<typeof SplitSchema>;

/** What a metric measures, which tells whether lower or higher is better. */
export const KindSchema = z.enum(['loss', 'accuracy', 'score', 'error', 'lr', 'other']);
export type Kind = z.infer<typeof KindSchema>;

export const SeriesSchema = z.object({
  /** canonical key: split prefix + canonical base, e.g. `val_loss`, `accuracy`, `lr` */
  key: z.string(),
  /** the name as written in the log, for display */
  name: z.string(),
  /** canonical base without split, e.g. `loss`, `accuracy`, `box_loss` */
  base: z.string(),
  split: SplitSchema,
  kind: KindSchema,
  /** x positions (1-based epochs, or steps), ascending; missing cells are simply absent */
  x: z.array(z.number()),
  /** values; NaN and +-Infinity are kept where the log had them */
  y: z.array(z.union([z.number(), z.nan(), z.literal(Infinity), z.literal(-Infinity)])),
  /** true when we computed this series (e.g. a total loss summed from components) */
  derived: z.boolean().optional(),
});
export type Series = z.infer<typeof SeriesSchema>;

export const RunSchema = z.object({
  index: z.number().int(),
  /** human label: "run 2 of 3 (lines 40-88)", "fine_tune" phase, ... */
  label: z.string(),
  xAxis: z.enum(['epoch', 'step']),
  /** what one x counts when it is not an epoch though it is numbered like one: `episode` = an RL loop's
   * episode counter (an `episode` column, `Episode 12` lines, a Monitor file's rows). Absent: epochs or steps. */
  xUnit: z.enum(['episode']).optional(),
  series: z.array(SeriesSchema),
  /** for step-based runs: known (step, epoch) pairs so evidence can say both */
  epochAtStep: z.object({ step: z.array(z.number()), epoch: z.array(z.number()) }).optional(),
  /** how the file numbers its epochs, when x is not simply its own label: `from0` = an epoch column
   * counting from 0 (CSVLogger, fastai, Lightning; x = label + 1), `position` = no epoch column (a
   * history list, a table without one; x = 1-based row). Absent: x is the file's own label. */
  epochNumbering: z.enum(['from0', 'position']).optional(),
  /** several rows of one epoch were placed evenly inside it (per-iteration logs): a fractional x is a
   * row of epoch ceil(x) (before the 0-based shift), and is labelled so */
  rowsWithinEpochs: z.boolean().optional(),
  /** a run joined from several (a resumed training, `--run joined`): where each later session starts (x halfway
   * between the last point of the one before and its own first) and which of the file's runs it is (0-based,
   * as `index`); the chart marks them */
  sessions: z.array(z.object({ x: z.number(), run: z.number().int() })).optional(),
});
export type Run = z.infer<typeof RunSchema>;

export const DialectSchema = z.object({
  /** best guess of the user's Keras flavour, for code snippets later */
  flavour: z.enum(['keras2', 'tfkeras', 'keras3', 'unknown']),
  /** one line per clue, e.g. "key 'acc' (Keras <= 2.2 naming)" */
  clues: z.array(z.string()),
});
export type Dialect = z.infer<typeof DialectSchema>;

export const WarningSchema = z.object({ code: z.string(), message: z.string() });
export type IngestWarning = z.infer<typeof WarningSchema>;

export const TrainingLogSchema = z.object({
  format: FormatSchema,
  /** how the format was chosen */
  detectedBy: z.enum(['content', 'override']),
  runs: z.array(RunSchema).min(1),
  dialect: DialectSchema,
  warnings: z.array(WarningSchema),
  stats: z.object({ bytes: z.number(), lines: z.number(), rows: z.number() }),
});
export type TrainingLog = z.infer<typeof TrainingLogSchema>;

/** What a format parser returns before the shared post-processing (naming, dialect, checks). */
export interface RawRun {
  label?: string;
  xAxis: 'epoch' | 'step';
  /** the x counts episodes (see RunSchema.xUnit) */
  xUnit?: 'episode';
  /** columns in first-seen order; names as written */
  columns: RawColumn[];
  epochAtStep?: { step: number[]; epoch: number[] };
  epochNumbering?: 'from0' | 'position';
  rowsWithinEpochs?: boolean;
}
export interface RawColumn {
  name: string;
  x: number[];
  y: number[];
}
export interface RawLog {
  format: Format;
  runs: RawRun[];
  warnings: IngestWarning[];
  rows: number;
  /** format-specific dialect clues (console style, key order) */
  clues?: string[];
  /** every column the format read is a training loss, whatever its name (a log that prints only losses) */
  allLosses?: boolean;
}
