/**
 * curve-triage CLI. Exit 0 on success, 2 on bad input (one line on stderr saying what was wrong and
 * what is accepted), 1 on an internal error. Heavy modules (charts, advice) load only when asked for.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs, UsageError } from './args.js';
import { isIngestError } from '../ingest/errors.js';
import { DEFAULT_LIMITS, formatBytes } from '../ingest/limits.js';
import { RunChoiceError, triage, type RunChoice } from '../pipeline.js';
import { toJson, toText } from './report.js';

const USAGE = `curve-triage: diagnose machine-learning learning curves

usage:
  curve-triage diagnose <file|-> [--json] [--format NAME] [--run last|all|joined|N] [--metric KEY]
                                 [--max-size BYTES]
  curve-triage formats             list the formats and their --format names
  curve-triage --version

diagnose reads Keras history (JSON / printed dict / pandas), CSVLogger CSV, model.fit console output,
Lightning metrics.csv, Hugging Face trainer_state.json, fastai history.csv and TensorBoard exports,
detected from the content. --run N counts from 1. '-' reads standard input.
`;

export class BadInput extends Error {}

async function readInput(path: string, maxBytes: number): Promise<Buffer> {
  if (path === '-') {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of process.stdin) {
      const b = chunk as Buffer;
      size += b.length;
      if (size > maxBytes) throw new BadInput(`standard input is over the ${formatBytes(maxBytes)} limit; pass --max-size to raise it`);
      chunks.push(b);
    }
    return Buffer.concat(chunks);
  }
  try {
    return await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new BadInput(`no such file: ${path}`);
    if (code === 'EISDIR') throw new BadInput(`${path} is a directory; pass a log file`);
    if (code === 'EACCES') throw new BadInput(`cannot read ${path}: permission denied`);
    throw new BadInput(`cannot read ${path}: ${(e as Error).message}`);
  }
}

function parseRun(v: string | true | undefined): RunChoice {
  if (v === undefined || v === true || v === 'last') return 'last';
  if (v === 'all' || v === 'joined') return v;
  if (/^\d+$/.test(v) && +v >= 1) return +v - 1;
  throw new UsageError(`--run takes last, all, joined or a run number from 1 (got "${v}")`);
}

function parseSize(v: string | true | undefined): number {
  if (v === undefined || v === true) return DEFAULT_LIMITS.maxBytes;
  const m = /^(\d+(?:\.\d+)?)\s*(k|kb|kib|m|mb|mib|g|gb|gib)?$/i.exec(v.trim());
  if (!m) throw new UsageError(`--max-size takes a byte count such as 10485760 or 50MiB (got "${v}")`);
  const unit = (m[2] ?? '').toLowerCase();
  const mult = unit.startsWith('k') ? 1024 : unit.startsWith('m') ? 1024 ** 2 : unit.startsWith('g') ? 1024 ** 3 : 1;
  return Math.round(+m[1] * mult);
}

async function cmdDiagnose(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const args = parseArgs(argv, { boolean: ['json', 'help'], value: ['format', 'run', 'metric', 'max-size', 'chart', 'theme', 'dialect'] });
  if (args.flags.has('help')) {
    out.write(USAGE);
    return 0;
  }
  if (args.positionals.length !== 1) throw new UsageError('diagnose takes one file (or - for standard input)');
  const maxBytes = parseSize(args.flags.get('max-size'));
  const bytes = await readInput(args.positionals[0], maxBytes);
  const format = args.flags.get('format');
  const metric = args.flags.get('metric');
  const result = triage(bytes, {
    format: typeof format === 'string' ? format : undefined,
    metric: typeof metric === 'string' ? metric : undefined,
    run: parseRun(args.flags.get('run')),
    fileName: args.positionals[0],
    limits: { maxBytes },
  });
  if (args.flags.get('json')) out.write(JSON.stringify(toJson(result), jsonReplacer) + '\n');
  else out.write(toText(result));
  return 0;
}

/** JSON has no NaN/Infinity: write them as strings so the output stays valid JSON. */
function jsonReplacer(_k: string, v: unknown): unknown {
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return v;
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
        const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
        io.out.write(`${pkg.version}\n`);
        return 0;
      }
      case 'diagnose':
        return await cmdDiagnose(rest, io.out);
      case 'formats': {
        const { FORMATS } = await import('../ingest/schema.js');
        const { FORMAT_ALIASES } = await import('../ingest/index.js');
        io.out.write(`formats: ${FORMATS.join(', ')}\naliases: ${Object.entries(FORMAT_ALIASES).map(([a, f]) => `${a}=${f}`).join(', ')}\n`);
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
    io.err.write(`curve-triage: internal error (${(e as Error)?.message ?? e}); please report it with the input that caused it\n`);
    return 1;
  }
}
