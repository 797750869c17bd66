/**
 * `curve-triage train` and `curve-triage sweep`: wired into the CLI by src/cli/main.ts. Bad input
 * throws an Error whose message says what was wrong (mapped to exit 2 by the caller).
 */
import { toJson } from './report.js';
import { jsonReplacer } from '../requests/json.js';
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from './args.js';
import {
  applyFix,
  closePool,
  ConfigError,
  exportKeras,
  formatLeaderboard,
  KERAS_FLAVOURS,
  parseConfigText,
  parseSeriesText,
  preset,
  PRESETS,
  PRESET_NAMES,
  runSweep,
  runTrain,
  SWEEP_PARAMS,
  type KerasFlavour,
  type SweepParam,
  type TrainConfig,
  type TrainOutcome,
} from '../train/index.js';
import { parseValues, withTrainOverrides } from '../requests/training.js';
import { sigOrDash } from '../util/format.js';
import { formatSearch } from '../train/search/format.js';
import { progressPrinter, tpeSpec, writeSearchFiles } from './search.js';

export { ConfigError } from '../train/index.js';

/** Bad input (exit 2): a config/option problem the message explains. Anything else is internal (exit 1). */
export function isBadInput(e: unknown): boolean {
  return e instanceof ConfigError || (e instanceof Error && e.name === 'UsageError');
}

interface Out {
  write(s: string): unknown;
}

export const TRAIN_USAGE = `usage:
  curve-triage train --preset NAME [--epochs N] [--json] [--chart out.png] [--fix] [--keras out.py]
  curve-triage train --config FILE.{json,yaml} [--series FILE.csv] [options]
options: --epochs N  --lr X  --batch-size N  --units N  --seed N  --max-seconds S
         --fix            apply the diagnosis's fix, retrain, and compare before vs after
         --keras FILE     write a runnable Keras script reproducing the run (--flavour keras2|tfkeras|keras3)
         --chart FILE     write the chart PNG
         --inline         train on the main thread (no worker; debugging)
presets: ${PRESET_NAMES.join(', ')}`;

export const SWEEP_USAGE = `usage:
  curve-triage sweep --param units|optimizer|batch_size|lr|architecture [--values LIST] [--preset NAME | --config FILE]
                     [--repeats N] [--epochs N] [--json]
  curve-triage sweep --random [--trials N] [--repeats N] ...
  curve-triage sweep --tpe [--trials N] [--space FILE] [--epochs N] [--seed N] [--no-prune] [--vs-random]
                     [--validate N] [--seeds N] [--startup N] [--keras FILE] [--hyperopt FILE]
                     [--chart FILE] [--overlay FILE] [--json]
--tpe: Bayesian search (TPE) over the guide's space (units 32..256 step 32, lr e^-5..e^-2, dropout 0..0.5)
       or --space FILE (JSON/YAML: {"units": {"type": "quniform", "low": 32, "high": 256, "q": 32}, ...});
       losing trials are stopped early (median stopping; --no-prune runs them all); the top --validate
       configs (default 2) re-run with --seeds new seeds (default 3); progress goes to stderr
LIST: comma-separated (16,32,64); architectures: semicolon-separated, layers joined by '-' (64;128-64;64-64)`;

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError(
      code === 'ENOENT' ? `no such ${what} file: ${path}` : `cannot read ${what} file ${path}: ${(e as Error).message}`,
    );
  }
}

const num = (name: string, v: string | true | undefined, int = false): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v === true || !Number.isFinite(n) || (int && !Number.isInteger(n)))
    throw new ConfigError(`--${name} takes ${int ? 'an integer' : 'a number'} (got "${v}")`);
  return n;
};

async function configFromFlags(flags: Map<string, string | true>): Promise<TrainConfig> {
  const presetName = flags.get('preset');
  const configFile = flags.get('config');
  if (presetName === true || configFile === true) throw new ConfigError('--preset and --config need a value');
  let config: TrainConfig;
  if (configFile) config = parseConfigText(await readText(configFile, 'config'));
  else if (presetName) config = preset(presetName);
  else throw new ConfigError(`give --preset NAME or --config FILE (presets: ${PRESET_NAMES.join(', ')})`);
  const series = flags.get('series');
  if (series === true) throw new ConfigError('--series needs a file');
  return withTrainOverrides(config, {
    ...(series !== undefined
      ? { series: { values: parseSeriesText(await readText(series, 'series')), name: series.split('/').pop() } }
      : {}),
    epochs: num('epochs', flags.get('epochs'), true),
    lr: num('lr', flags.get('lr')),
    batch_size: num('batch-size', flags.get('batch-size'), true),
    units: num('units', flags.get('units'), true),
    seed: num('seed', flags.get('seed'), true),
    max_seconds: num('max-seconds', flags.get('max-seconds')),
  });
}

/** The diagnose --json contract (pattern, confidence, findings, evidence, format, runs, epochs, warnings, ...) plus the run. */
function outcomeJson(o: TrainOutcome): Record<string, unknown> {
  return toJson(
    { log: o.log, diagnosis: o.diagnosis, runsFound: o.log.runs.length },
    {
      history: o.result.history,
      backend: o.result.backend,
      threads: o.result.threads,
      backend_notes: o.result.backend_notes,
      stop_reason: o.result.stop_reason,
      epochs_run: o.result.epochs_run,
      best_epoch: o.result.best_epoch,
      best_val_loss: o.result.best_val_loss,
      params: o.result.params,
      ms_total: o.result.ms_total,
      ms_per_epoch: o.result.ms_per_epoch,
      data: o.result.data,
      config: o.config,
    },
  );
}

function outcomeText(o: TrainOutcome, title: string): string {
  const d = o.diagnosis;
  const r = o.result;
  const h = r.history;
  const last = h.loss.length - 1;
  const g = (v: number | undefined) => sigOrDash(v, 4);
  return [
    `${title}: ${d.pattern} (confidence ${d.confidence.toFixed(2)})${d.findings.length ? ` [${d.findings.join(', ')}]` : ''}`,
    `  ${d.headline}`,
    ...d.reasons.map((x) => `  - ${x}`),
    `  ${r.epochs_run} epochs (${r.stop_reason}), loss ${g(h.loss[0])} -> ${g(h.loss[last])}, val_loss ${g(h.val_loss[0])} -> ${g(h.val_loss[last])}, best ${g(r.best_val_loss)} at epoch ${r.best_epoch}`,
    `  ${r.params.toLocaleString('en-US')} parameters, ${(r.ms_total / 1000).toFixed(1)} s (${r.ms_per_epoch} ms/epoch) on ${r.backend}, ${r.threads} thread${r.threads === 1 ? '' : 's'}`,
    `  data: ${r.data.description}`,
  ].join('\n');
}

async function writeChart(path: string, o: TrainOutcome): Promise<string> {
  try {
    const mod = (await import('../render/index.js')) as {
      writeChart?: (p: string, l: unknown, d: unknown) => Promise<unknown>;
      render?: (l: unknown, d: unknown) => Promise<Buffer>;
    };
    if (mod.writeChart) await mod.writeChart(path, o.log, o.diagnosis);
    else if (mod.render) await writeFile(path, await mod.render(o.log, o.diagnosis));
    else return 'chart skipped: the renderer exports no render()';
    return `chart written to ${path}`;
  } catch (e) {
    return `chart skipped: ${(e as Error).message.split('\n')[0]}`;
  }
}

/** `curve-triage train`. Returns the exit code; throws (message for the user) on bad input. */
export async function cmdTrain(argv: string[], out: Out): Promise<number> {
  const { positionals, flags } = parseArgs(argv, {
    boolean: ['json', 'fix', 'inline', 'help', 'list'],
    value: [
      'preset',
      'config',
      'series',
      'epochs',
      'lr',
      'batch-size',
      'units',
      'seed',
      'max-seconds',
      'chart',
      'keras',
      'flavour',
    ],
  });
  if (flags.has('help')) {
    out.write(TRAIN_USAGE + '\n');
    return 0;
  }
  if (flags.has('list')) {
    for (const p of Object.values(PRESETS)) out.write(`${p.name.padEnd(14)} ${p.demonstrates.padEnd(13)} ${p.title}\n`);
    return 0;
  }
  if (positionals.length)
    throw new ConfigError(`unexpected argument "${positionals[0]}"; ${TRAIN_USAGE.split('\n')[1].trim()}`);
  const flavour = (flags.get('flavour') ?? 'tfkeras') as KerasFlavour;
  if (!KERAS_FLAVOURS.includes(flavour)) throw new ConfigError(`--flavour takes ${KERAS_FLAVOURS.join(', ')}`);
  const config = await configFromFlags(flags);
  const inline = flags.has('inline');
  const json = flags.has('json');
  const notes: string[] = [];
  try {
    const before = await runTrain(config, { inline });
    const result: Record<string, unknown> = outcomeJson(before);
    let text = outcomeText(before, config.name ?? 'run');
    if (flags.has('fix')) {
      const fix = await applyFix(config, before, { inline });
      result.fix = {
        changes: fix.repair.changes,
        summary: fix.repair.summary,
        after: outcomeJson(fix.after),
        comparison: fix.comparison,
      };
      text += `\n\napply fix (${fix.repair.summary}):\n${fix.repair.changes.map((c) => `  - ${c.path}: ${JSON.stringify(c.from) ?? 'none'} -> ${JSON.stringify(c.to)} (${c.why})`).join('\n')}\n${outcomeText(fix.after, 'fixed run')}\nverdict: ${fix.comparison.verdict}: ${fix.comparison.message}`;
    }
    const chart = flags.get('chart');
    if (typeof chart === 'string') notes.push(await writeChart(chart, before));
    const keras = flags.get('keras');
    if (typeof keras === 'string') {
      await writeFile(keras, exportKeras(config, flavour));
      notes.push(`Keras script (${flavour}) written to ${keras}`);
    }
    if (notes.length) result.notes = notes;
    out.write(
      json
        ? JSON.stringify(result, jsonReplacer, 2) + '\n'
        : text + (notes.length ? '\n' + notes.join('\n') : '') + '\n',
    );
    return 0;
  } finally {
    await closePool();
  }
}

/** `curve-triage sweep`. */
export async function cmdSweep(argv: string[], out: Out): Promise<number> {
  const { positionals, flags } = parseArgs(argv, {
    boolean: ['json', 'random', 'tpe', 'no-prune', 'vs-random', 'inline', 'help'],
    value: [
      'param',
      'values',
      'preset',
      'config',
      'repeats',
      'trials',
      'epochs',
      'seed',
      'space',
      'validate',
      'seeds',
      'startup',
      'keras',
      'flavour',
      'hyperopt',
      'chart',
      'overlay',
    ],
  });
  if (flags.has('help')) {
    out.write(SWEEP_USAGE + '\n');
    return 0;
  }
  if (positionals.length) throw new ConfigError(`unexpected argument "${positionals[0]}"`);
  const flavour = (flags.get('flavour') ?? 'tfkeras') as KerasFlavour;
  if (!KERAS_FLAVOURS.includes(flavour)) throw new ConfigError(`--flavour takes ${KERAS_FLAVOURS.join(', ')}`);
  const cfgFile = flags.get('config');
  const base =
    typeof cfgFile === 'string'
      ? (parseConfigText(await readText(cfgFile, 'config')) as unknown as Record<string, unknown>)
      : ((flags.get('preset') as string | undefined) ?? 'ideal');
  const tpe = flags.has('tpe');
  const spec = tpe ? await tpeSpec(flags, base) : sweepSpec(flags, base);
  try {
    const r = await runSweep(spec, {
      inline: flags.has('inline'),
      ...(tpe ? { onSearch: progressPrinter(process.stderr) } : {}),
    });
    const notes = tpe ? await writeSearchFiles(r, spec, flags, flavour) : [];
    if (flags.has('json')) {
      out.write(
        JSON.stringify(
          {
            ...r,
            leaderboard: r.leaderboard.map(({ config: _c, best_history: _h, ...row }) => row),
            ...(notes.length ? { notes } : {}),
          },
          jsonReplacer,
          2,
        ) + '\n',
      );
    } else
      out.write((tpe ? formatSearch(r) : formatLeaderboard(r)) + (notes.length ? '\n' + notes.join('\n') : '') + '\n');
    return 0;
  } finally {
    await closePool();
  }
}

/** A grid or random sweep's spec from its flags. */
function sweepSpec(flags: Map<string, string | true>, base: unknown): Record<string, unknown> {
  const param = flags.get('param');
  if (param === true || (param !== undefined && !(SWEEP_PARAMS as readonly string[]).includes(param)))
    throw new ConfigError(`--param takes one of ${SWEEP_PARAMS.join(', ')}`);
  if (!param && !flags.has('random'))
    throw new ConfigError(`give --param (${SWEEP_PARAMS.join(', ')}), --random or --tpe`);
  for (const f of [
    'space',
    'no-prune',
    'vs-random',
    'validate',
    'seeds',
    'startup',
    'hyperopt',
    'chart',
    'overlay',
    'keras',
  ])
    if (flags.has(f)) throw new ConfigError(`--${f} is for a TPE search (--tpe)`);
  const values = flags.get('values');
  return {
    base,
    mode: flags.has('random') ? 'random' : 'grid',
    ...(param ? { param } : {}),
    ...(typeof values === 'string' && param ? { values: parseValues(param as SweepParam, values) } : {}),
    ...(flags.has('repeats') ? { repeats: num('repeats', flags.get('repeats'), true) } : {}),
    ...(flags.has('trials') ? { trials: num('trials', flags.get('trials'), true) } : {}),
    ...(flags.has('epochs') ? { epochs: num('epochs', flags.get('epochs'), true) } : {}),
    ...(flags.has('seed') ? { seed: num('seed', flags.get('seed'), true) } : {}),
  };
}
