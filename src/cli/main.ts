/**
 * curve-triage CLI. Exit 0 on success, 2 on bad input (one line on stderr saying what was wrong and
 * what is accepted), 1 on an internal error. Heavy modules (charts, advice) load only when asked for.
 */
import { readFile, stat } from 'node:fs/promises';
import { parseArgs, UsageError } from './args.js';
import { isIngestError } from '../ingest/errors.js';
import { formatBytes } from '../util/format.js';
import {
  diagnoseFile,
  readRunChoice,
  RunChoiceError,
  type DiagnosedFile,
  type RunChoice,
} from '../requests/diagnose.js';
import { jsonLine, toJson } from '../requests/json.js';
import { xUnitOf } from '../diagnose/schema.js';
import { toText } from './report.js';

const USAGE = `curve-triage: diagnose machine-learning learning curves

usage:
  curve-triage diagnose <file|-> [--json] [--format NAME] [--run last|all|joined|N] [--metric KEY]
                                 [--dialect keras2|tfkeras|keras3] [--chart out.png] [--theme dark|light]
                                 [--brief] [--max-size BYTES (default 256MiB)] [--save]
  curve-triage history [--json] [--pattern P] [--limit N]           the runs saved with --save, newest first
  curve-triage show ID [--json] [--brief] [--chart out.png]         a saved run's diagnosis and chart again
  curve-triage compare A B [--json] [--out out.png]                 two runs: saved ids (#a3f9) or log files
  curve-triage chart <file>... --out out.png [--theme dark|light]   overlay several logs (up to 10)
  curve-triage explain <pattern|finding> [--dialect D]              what it means, why, what to do
  curve-triage why "<question>" [--dialect D]                       e.g. why "val_loss is rising"
  curve-triage train --preset NAME [--epochs N] [--json] [--chart out.png]
  curve-triage sweep ...                                             (see curve-triage sweep --help)
  curve-triage formats             list the formats and their --format names
  curve-triage --version

diagnose reads Keras history (JSON / printed dict / pandas), CSVLogger CSV, model.fit console output,
Lightning metrics.csv, Hugging Face trainer_state.json, fastai history.csv and TensorBoard exports,
detected from the content. --run N counts from 1. '-' reads standard input.

--save keeps the diagnosed run (its parsed series and diagnosis, never the raw file) in the local
history: the PostgreSQL database in DATABASE_URL when set, else memory.sqlite in DATA_DIR (default
~/.local/share/curve-triage, or $XDG_DATA_HOME/curve-triage). Nothing is saved without --save.
`;

export class BadInput extends Error {}

/**
 * OURS: the CLI's default --max-size. Ingest's 10 MiB default is Discord's upload cap (the bot keeps
 * it, MAX_FILE_BYTES); a laptop's logs are bigger (a per-step Lightning metrics.csv of a long run is
 * tens of MB). 256 MiB stays well under V8's longest string (~512 Mi characters), so a file under the
 * cap always decodes; ingest's own caps (2 million rows, 4 MiB lines) still apply.
 */
export const CLI_MAX_BYTES = 256 * 1024 * 1024;

const FS_PATH_ERRORS: Record<string, string> = {
  ENOENT: 'no such folder (or it cannot be created there)',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'that is a folder; give a file name such as out.png',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
};

async function readInput(path: string, maxBytes: number): Promise<Buffer> {
  if (path === '-') {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of process.stdin) {
      const b = chunk as Buffer;
      size += b.length;
      if (size > maxBytes)
        throw new BadInput(`standard input is over the ${formatBytes(maxBytes)} limit; pass --max-size to raise it`);
      chunks.push(b);
    }
    return Buffer.concat(chunks);
  }
  try {
    // refuse by size before reading the whole file into memory
    const st = await stat(path);
    if (st.isFile() && st.size > maxBytes)
      throw new BadInput(
        `${path} is ${formatBytes(st.size)}, over the ${formatBytes(maxBytes)} limit; pass --max-size to raise it (e.g. --max-size 1GiB), or trim the log`,
      );
    return await readFile(path);
  } catch (e) {
    if (e instanceof BadInput) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new BadInput(`no such file: ${path}`);
    if (code === 'EISDIR') throw new BadInput(`${path} is a directory; pass a log file`);
    if (code === 'EACCES') throw new BadInput(`cannot read ${path}: permission denied`);
    throw new BadInput(`cannot read ${path}: ${(e as Error).message}`);
  }
}

function parseRun(v: string | true | undefined): RunChoice {
  const choice = readRunChoice(v === true ? undefined : v);
  if (!choice) throw new UsageError(`--run takes last, all, joined or a run number from 1 (got "${String(v)}")`);
  return choice.run ?? 'last';
}

function parseSize(v: string | true | undefined): number {
  if (v === undefined || v === true) return CLI_MAX_BYTES;
  const m = /^(\d+(?:\.\d+)?)\s*(k|kb|kib|m|mb|mib|g|gb|gib)?$/i.exec(v.trim());
  if (!m) throw new UsageError(`--max-size takes a byte count such as 10485760 or 50MiB (got "${v}")`);
  const unit = (m[2] ?? '').toLowerCase();
  const mult = unit.startsWith('k') ? 1024 : unit.startsWith('m') ? 1024 ** 2 : unit.startsWith('g') ? 1024 ** 3 : 1;
  return Math.round(+m[1] * mult);
}

async function cmdDiagnose(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const args = parseArgs(argv, {
    boolean: ['json', 'help', 'brief', 'save'],
    value: ['format', 'run', 'metric', 'max-size', 'chart', 'theme', 'dialect'],
  });
  if (args.flags.has('help')) {
    out.write(USAGE);
    return 0;
  }
  if (args.positionals.length !== 1) throw new UsageError('diagnose takes one file (or - for standard input)');
  const maxBytes = parseSize(args.flags.get('max-size'));
  const theme = parseTheme(args.flags.get('theme'));
  const dialectFlag = str(args.flags.get('dialect'));
  const chartPath = str(args.flags.get('chart'));
  const advise = await loadAdvise();
  if (dialectFlag && advise && !advise.isDialect(dialectFlag)) {
    throw new UsageError(`--dialect takes ${advise.DIALECTS.join(', ')} (got "${dialectFlag}")`);
  }
  const bytes = await readInput(args.positionals[0], maxBytes);
  const result = diagnoseFile(bytes, {
    format: str(args.flags.get('format')),
    metric: str(args.flags.get('metric')),
    run: parseRun(args.flags.get('run')),
    fileName: args.positionals[0],
    limits: { maxBytes },
  });
  if (result.metricNotFound) {
    result.log.warnings.push({
      code: 'metric_not_found',
      message: `No series named "${result.metricNotFound.slice(0, 60)}"; read ${[result.diagnosis.series.train, result.diagnosis.series.val].filter(Boolean).join(' and ')} instead. This run has: ${(result.run?.series ?? []).map((s) => s.key).join(', ')}.`,
    });
  }
  const reply = advise ? advise.advise(result.diagnosis, result.log, { dialect: dialectFlag }) : undefined;
  let chart: { path: string; bytes: number } | undefined;
  if (chartPath) {
    const render = await import('../render/index.js');
    const w = await render.writeChart(chartPath, result.log, result.diagnosis, { theme });
    chart = { path: chartPath, bytes: w.bytes };
  }
  const saved = args.flags.get('save')
    ? await (
        await import('./memory.js')
      ).saveLocal({
        file: args.positionals[0],
        log: result.log,
        diagnosis: result.diagnosis,
        metric: str(args.flags.get('metric')),
        runsFound: result.runsFound,
      })
    : undefined;
  if (args.flags.get('json')) {
    const extra: Record<string, unknown> = saved ? { saved_id: saved } : {};
    if (reply && advise) {
      extra.dialect_used = reply.dialect;
      extra.advice = advise
        .adviceJson(reply)
        .map((a) => ({ title: a.title, why: a.why, code: a.code, cites: a.cites }));
    }
    if (chart) extra.chart = chart;
    out.write(jsonLine(toJson(result, extra)));
  } else if (reply && advise && !args.flags.get('brief')) {
    let md = advise.renderMarkdown(reply);
    md = chart ? md.replace(/\]\(curve\.png\)/g, `](${chart.path})`) : md.replace(/^!\[[^\]]*\]\(curve\.png\)\n*/m, '');
    out.write(md.endsWith('\n') ? md : md + '\n');
    out.write('\n' + fileNotes(result));
  } else {
    out.write(toText(result));
    if (chart) out.write(`\nchart: ${chart.path} (${chart.bytes} bytes)\n`);
  }
  if (saved && !args.flags.get('json')) out.write(`saved as #${saved} (curve-triage show ${saved})\n`);
  return 0;
}

/** The file-level facts the reply does not carry: format, runs, warnings. */
function fileNotes(r: DiagnosedFile): string {
  const lines = [
    `---`,
    `format: ${r.log.format}${r.log.detectedBy === 'override' ? ' (as asked)' : ''}; ${r.diagnosis.evidence.points} point(s) on the ${xUnitOf(r.diagnosis.evidence)} axis`,
  ];
  if (r.runsFound > 1)
    lines.push(`runs: ${r.runsFound} in the file; diagnosed ${r.diagnosis.run.label} (--run to pick another)`);
  for (const w of r.log.warnings) lines.push(`note: ${w.message}`);
  return lines.join('\n') + '\n';
}

function str(v: string | true | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function parseTheme(v: string | true | undefined): 'dark' | 'light' {
  if (v === undefined) return 'dark';
  if (v === 'dark' || v === 'light') return v;
  throw new UsageError(`--theme takes dark or light (got "${String(v)}")`);
}

/** The advice module, or undefined if it cannot load (the diagnosis still works without it). */
async function loadAdvise() {
  try {
    return await import('../advise/index.js');
  } catch {
    return undefined;
  }
}

async function cmdChart(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const args = parseArgs(argv, { boolean: ['help'], value: ['out', 'theme', 'format', 'max-size', 'title'] });
  if (args.flags.has('help')) {
    out.write(USAGE);
    return 0;
  }
  const outPath = str(args.flags.get('out'));
  if (!outPath) throw new UsageError('chart needs --out out.png');
  if (args.positionals.length === 0) throw new UsageError('chart takes one or more log files');
  const render = await import('../render/index.js');
  if (args.positionals.length > render.MAX_OVERLAY_RUNS)
    throw new UsageError(`chart overlays at most ${render.MAX_OVERLAY_RUNS} logs (got ${args.positionals.length})`);
  const maxBytes = parseSize(args.flags.get('max-size'));
  const items = [];
  for (const p of args.positionals) {
    const r = diagnoseFile(await readInput(p, maxBytes), {
      format: str(args.flags.get('format')),
      fileName: p,
      limits: { maxBytes },
    });
    items.push({ label: p.split('/').pop() ?? p, log: r.log, diagnosis: r.diagnosis });
  }
  const w = await render.writeOverlayChart(outPath, items, {
    theme: parseTheme(args.flags.get('theme')),
    title: str(args.flags.get('title')),
  });
  for (const it of items)
    out.write(
      `${it.label}: ${it.diagnosis.pattern} (${Math.round(it.diagnosis.confidence * 100)}%) ${it.diagnosis.headline}\n`,
    );
  out.write(`chart: ${outPath} (${w.bytes} bytes)\n`);
  return 0;
}

async function cmdTeach(kind: 'explain' | 'why', argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const args = parseArgs(argv, { boolean: ['help', 'json'], value: ['dialect'] });
  const advise = await import('../advise/index.js');
  const text = args.positionals.join(' ').trim();
  if (args.flags.has('help') || text === '') {
    throw new UsageError(
      kind === 'explain'
        ? `explain takes a pattern or finding: ${PATTERN_LIST}`
        : 'why takes a question, e.g. why "val_loss is rising"',
    );
  }
  const dialect = str(args.flags.get('dialect'));
  if (dialect && !advise.isDialect(dialect))
    throw new UsageError(`--dialect takes ${advise.DIALECTS.join(', ')} (got "${dialect}")`);
  let reply;
  try {
    reply = kind === 'explain' ? advise.explain(text, dialect) : advise.why(text, dialect);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (args.flags.get('json')) out.write(JSON.stringify(reply) + '\n');
  else out.write(advise.renderMarkdown(reply) + '\n');
  return 0;
}

const PATTERN_LIST =
  'good_fit, overfitting, underfitting, high_variance, unstable, not_assessable (or a finding such as nan_inf, loss_spike, val_better_than_train)';

/** train / sweep live in src/cli/train.ts (their own module); loaded only when asked for. */
async function cmdTrainModule(kind: 'train' | 'sweep', argv: string[], out: NodeJS.WritableStream): Promise<number> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import('./train.js')) as Record<string, unknown>;
  } catch {
    throw new UsageError(`${kind} is not available in this build`);
  }
  const fn = mod[kind === 'train' ? 'cmdTrain' : 'cmdSweep'] as
    ((a: string[], o: NodeJS.WritableStream) => Promise<number>) | undefined;
  if (typeof fn !== 'function') throw new UsageError(`${kind} is not available in this build`);
  const isBadInput = mod.isBadInput as ((e: unknown) => boolean) | undefined;
  try {
    return await fn(argv, out);
  } catch (e) {
    if (isBadInput?.(e)) throw new UsageError((e as Error).message);
    throw e;
  }
}

export async function main(argv: string[], io = { out: process.stdout, err: process.stderr }): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out.write(USAGE);
        return 0;
      case '--version':
      case 'version': {
        const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
          version: string;
        };
        io.out.write(`${pkg.version}\n`);
        return 0;
      }
      case 'diagnose':
        return await cmdDiagnose(rest, io.out);
      case 'chart':
        return await cmdChart(rest, io.out);
      case 'explain':
      case 'why':
        return await cmdTeach(cmd, rest, io.out);
      case 'train':
      case 'sweep':
        return await cmdTrainModule(cmd, rest, io.out);
      case 'history':
        return await (await import('./recall.js')).cmdHistory(rest, io.out, USAGE);
      case 'show':
        return await (await import('./recall.js')).cmdShow(rest, io.out, USAGE);
      case 'compare':
        return await (await import('./recall.js')).cmdCompare(rest, io.out, USAGE);
      case 'formats': {
        const { FORMATS } = await import('../ingest/schema.js');
        const { FORMAT_ALIASES } = await import('../ingest/index.js');
        io.out.write(
          `formats: ${FORMATS.join(', ')}\naliases: ${Object.entries(FORMAT_ALIASES)
            .map(([a, f]) => `${a}=${f}`)
            .join(', ')}\n`,
        );
        return 0;
      }
      default:
        throw new UsageError(`unknown command "${String(cmd).slice(0, 40)}"; try: curve-triage diagnose FILE`);
    }
  } catch (e) {
    if (isIngestError(e) || e instanceof BadInput || e instanceof UsageError || e instanceof RunChoiceError) {
      io.err.write(`curve-triage: ${e.message.replace(/\s+/g, ' ').trim()}\n`);
      return 2;
    }
    // an output file we could not write (--chart, --out, --keras) is the user's path, not our bug
    const fsErr = e as NodeJS.ErrnoException;
    if (fsErr && typeof fsErr.code === 'string' && typeof fsErr.path === 'string' && FS_PATH_ERRORS[fsErr.code]) {
      io.err.write(`curve-triage: cannot write ${fsErr.path}: ${FS_PATH_ERRORS[fsErr.code]}\n`);
      return 2;
    }
    io.err.write(
      `curve-triage: internal error (${(e as Error)?.message ?? e}); please report it with the input that caused it\n`,
    );
    return 1;
  }
}
