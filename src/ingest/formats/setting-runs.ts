/**
 * A table of runs side by side, a column per setting tried, the metric they share named in the corner:
 *
 *   perplexity ;Dropout 0.0;Dropout 0.2;Dropout 0.4
 *   Epoch 1;629.54;621.76;604.67
 *
 * (a sweep a notebook collected into one DataFrame: `units 32,units 64`). Each column is a run of the corner's
 * metric, labelled by its setting, in the table's order: the last is the one diagnosed, as with runs appended.
 */
import type { IngestWarning, RawColumn, RawLog, RawRun } from '../schema.js';
import { canonicalName, isMetricKind } from '../names.js';

/** a header naming a setting and its value: `Dropout 0.2`, `seed_3`, `units: 64` */
const SETTING = /^([A-Za-z][A-Za-z .-]{0,40}?)\s*[=:_ ]\s*(-?(?:\d+(?:\.\d*)?|\.\d+)(?:e-?\d+)?)$/i;

/** Settings a sweep tries, by the words people name them with (a known vocabulary: columns per class, task, layer,
 * GPU or agent are parts of one run, `epoch 1, epoch 2` a history written sideways, and no list of those is ever
 * whole): regularisation, size, optimisation, data and repetition. A count's plural (`layers 4`) is a setting; an
 * index's singular (`layer 1`) is not. */
const SETTING_WORD =
  /^(?:dropout|drop[ _]?rate|l2|weight[ _]decay|wd|units|hidden(?:[ _](?:size|units|dim))?|neurons|width|depth|layers|heads|dim|embedding[ _]dim|filters|kernel[ _]size|lr|learning[ _]rate|momentum|beta|alpha|gamma|lambda|temperature|tau|epsilon|warmup|batch[ _]size|bs|samples|train[ _]size|window|lag|horizon|seed|fold|run|trial|k|rank)$/;

/** The setting's word and value of a header cell, when it names one a sweep tries. */
function settingOf(name: string): { word: string; value: number } | undefined {
  const m = SETTING.exec(name.trim());
  if (!m) return undefined;
  const word = m[1].trim().toLowerCase();
  return SETTING_WORD.test(word) ? { word, value: Number(m[2]) } : undefined;
}

/** The columns of a run that name one setting, each with a value of its own, at least two (the corner's own column,
 * the rows' labels, aside: it must count up), or undefined. */
function settingColumns(run: RawRun, corner: string): RawColumn[] | undefined {
  // the corner's column holds the rows' labels: text (`Epoch 1`) the reader leaves out, or numbers counting up
  const labels = run.columns.filter((c) => c.name.trim() === corner);
  if (labels.some((c) => c.y.some((y, i) => i > 0 && y <= c.y[i - 1]))) return undefined;
  const columns = run.columns.filter((c) => c.name.trim() !== corner);
  const settings = columns.map((c) => settingOf(c.name));
  if (settings.length < 2 || settings.some((s) => !s || s.word !== settings[0]!.word)) return undefined;
  return new Set(settings.map((s) => s!.value)).size === settings.length ? columns : undefined;
}

/** One setting's run: its column named as the corner's metric, at the rows' labels where the corner's own column holds
 * numbers (`1, 2, 5, 10, 20`: the epochs as the file numbers them; a text label such as `Epoch 5` is left out by the
 * reader, and the rows are then read in order). */
function settingRun(run: RawRun, corner: string, c: RawColumn): RawRun {
  const labels = run.columns.find((l) => l.name.trim() === corner && l.y.length > 0);
  const column: RawColumn = { ...c, name: corner };
  // labels counting from 0 are positions, as a table's unnamed index is
  if (!labels || labels.y[0] < 1) return { ...run, label: c.name.trim(), columns: [column] };
  const at = new Map(labels.x.map((x, i) => [x, labels.y[i]]));
  const { epochNumbering: _position, ...rest } = run;
  return { ...rest, label: c.name.trim(), columns: [{ ...column, x: c.x.map((x) => at.get(x) ?? x) }] };
}

/**
 * The runs of `raw` split by setting, when every column of each run names the same setting with values of its own
 * and the header's first cell names the metric; else `raw` as it is, with a warning asking for the metric's name
 * when only that is missing.
 */
export function settingRuns(raw: RawLog, header: string[]): RawLog {
  const corner = header[0]?.trim() ?? '';
  const parts = raw.runs.map((run) => settingColumns(run, corner));
  if (parts.length === 0 || parts.some((p) => !p)) return raw;
  const names = parts[0]!.map((c) => c.name.trim());
  const listed = `${names.slice(0, 4).join(', ')}${names.length > 4 ? ', ...' : ''}`;
  if (!isMetricKind(canonicalName(corner).kind)) {
    const warning: IngestWarning = {
      code: 'setting_columns_unnamed',
      message:
        `The columns (${listed}) look like runs of one setting side by side, but nothing names what they measure: ` +
        "write what they measure in the header's first cell (the one above the rows' labels: val_loss, perplexity...) " +
        'to read each column as a run.',
    };
    return { ...raw, warnings: [...raw.warnings, warning] };
  }
  const runs = raw.runs.flatMap((run, k) => parts[k]!.map((c) => settingRun(run, corner, c)));
  const warning: IngestWarning = {
    code: 'setting_columns',
    message:
      `Each column (${listed}) is read as its own run of ${corner}, named by the setting in its header; the last ` +
      `(${runs[runs.length - 1].label}) is the one diagnosed.`,
  };
  return { ...raw, runs, warnings: [...raw.warnings, warning] };
}
