/**
 * `curve-triage sweep --tpe`: the TPE search's flags -> a sweep spec (mode "tpe"), live progress on
 * stderr (trial i/N, best so far, pruned count), and its outputs: the search as text or JSON, the
 * winner as a Keras script, the whole search as a hyperopt script, the best-so-far chart and the
 * overlay of the validated runs.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import {
  CAPS,
  ConfigError,
  diagnoseHistory,
  exportKeras,
  planSweep,
  type KerasFlavour,
  type SweepResult,
} from '../train/index.js';
import { exportHyperopt } from '../train/search/hyperopt.js';
import { parseSpace } from '../train/search/space.js';
import { progressText } from '../train/search/format.js';
import type { SearchProgress } from '../train/search/run.js';

type Flags = Map<string, string | true>;

/** The sweep flags that mean nothing to a TPE search, with what to use instead. */
const NOT_FOR_TPE: Record<string, string> = {
  param: 'a TPE search samples its space: give --space FILE instead of --param',
  values: 'a TPE search samples its space: give --space FILE instead of --values',
  random: '--random and --tpe are two searches: give one (--vs-random runs random search next to TPE)',
  repeats: 'a TPE search validates its best configs instead: --validate N (configs) and --seeds N (runs each)',
};

const int = (name: string, v: string | true | undefined): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v === true || !Number.isInteger(n)) throw new ConfigError(`--${name} takes an integer (got "${v}")`);
  return n;
};

/** A --space file: JSON or YAML mapping names to dimensions, e.g. {"units": {"type": "quniform", ...}}. */
export async function readSpace(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError(
      code === 'ENOENT' ? `no such space file: ${path}` : `cannot read space file ${path}: ${(e as Error).message}`,
    );
  }
  if (Buffer.byteLength(text) > CAPS.maxConfigBytes)
    throw new ConfigError(`the space file is over ${CAPS.maxConfigBytes / 1024} KiB`);
  let data: unknown;
  try {
    data = text.trim().startsWith('{') ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 50 });
  } catch (e) {
    throw new ConfigError(`the space file is neither valid JSON nor YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  return parseSpace(data);
}

/** The sweep spec a `sweep --tpe` command line asks for (validated by planSweep before anything trains). */
export async function tpeSpec(flags: Flags, base: unknown): Promise<Record<string, unknown>> {
  for (const [flag, why] of Object.entries(NOT_FOR_TPE)) if (flags.has(flag)) throw new ConfigError(why);
  const spaceFile = flags.get('space');
  if (spaceFile === true) throw new ConfigError('--space needs a file (JSON or YAML)');
  const trials = int('trials', flags.get('trials'));
  if (trials !== undefined && (trials < 1 || trials > 30))
    throw new ConfigError(`--trials takes 1 to 30 (got ${trials})`);
  const tpe = {
    ...(spaceFile ? { space: await readSpace(spaceFile) } : {}),
    prune: !flags.has('no-prune'),
    compare_random: flags.has('vs-random'),
    ...(flags.has('validate') ? { validate_top: int('validate', flags.get('validate')) } : {}),
    ...(flags.has('seeds') ? { validate_seeds: int('seeds', flags.get('seeds')) } : {}),
    ...(flags.has('startup') ? { startup: int('startup', flags.get('startup')) } : {}),
  };
  const spec = {
    base,
    mode: 'tpe',
    trials: trials ?? 16,
    ...(flags.has('epochs') ? { epochs: int('epochs', flags.get('epochs')) } : {}),
    ...(flags.has('seed') ? { seed: int('seed', flags.get('seed')) } : {}),
    tpe,
  };
  planSweep(spec); // refuse a bad search before anything trains
  return spec;
}

/** Live progress on stderr: one line per trial or validation run. */
export function progressPrinter(err: { write(s: string): unknown }): (p: SearchProgress) => void {
  return (p) => err.write(progressText(p) + '\n');
}

async function writeOut(path: string | true | undefined, what: string, data: string | Buffer, notes: string[]) {
  if (typeof path !== 'string') return;
  await writeFile(path, data);
  notes.push(`${what} written to ${path}`);
}

/** --keras, --hyperopt, --chart, --overlay: each file written, or a note saying why not. */
export async function writeSearchFiles(
  r: SweepResult,
  spec: Record<string, unknown>,
  flags: Flags,
  flavour: KerasFlavour,
): Promise<string[]> {
  const notes: string[] = [];
  const s = r.search;
  if (!s) return notes;
  const plan = planSweep(spec).search!;
  if (s.best)
    await writeOut(
      flags.get('keras'),
      `the winner (${s.best.label}) as a Keras script (${flavour})`,
      exportKeras(s.best.config, flavour),
      notes,
    );
  else if (flags.has('keras')) notes.push('no Keras script: no trial finished');
  await writeOut(
    flags.get('hyperopt'),
    'the search as a hyperopt script',
    exportHyperopt(plan.base, s.space, s.trials.length),
    notes,
  );
  const chart = flags.get('chart');
  const overlay = flags.get('overlay');
  if (typeof chart !== 'string' && typeof overlay !== 'string') return notes;
  try {
    const render = await import('../render/index.js');
    const curves = [
      { label: 'TPE', bestSoFar: s.best_so_far },
      ...(s.random ? [{ label: 'random search', bestSoFar: s.random.best_so_far }] : []),
    ];
    if (typeof chart === 'string')
      await writeOut(chart, 'best-so-far chart', await render.renderSearchProgress(curves), notes);
    const rows = r.leaderboard.filter((x) => x.best_history).slice(0, render.MAX_OVERLAY_RUNS);
    if (typeof overlay === 'string' && rows.length) {
      const items = rows.map((x) => ({ label: x.label, ...diagnoseHistory(x.best_history!) }));
      await render.writeOverlayChart(overlay, items, { title: 'Best runs of the search' });
      notes.push(`overlay of the best runs written to ${overlay}`);
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code) throw e; // the user's path: main maps it to a message
    notes.push(`chart skipped: ${(e as Error).message.split('\n')[0]}`);
  }
  return notes;
}
