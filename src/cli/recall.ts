/**
 * `curve-triage show ID` and `curve-triage compare A B` (each a saved run's id or a log file): the saved
 * run's reply and chart rebuilt from the stored series and diagnosis, and two runs overlaid the way
 * `chart` overlays files (render.writeOverlayChart), with both verdicts and what changed in the config.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { UsageError, parseArgs } from './args.js';
import { verdictLabel } from '../diagnose/schema.js';
import { diagnoseFile } from '../requests/diagnose.js';
import { jsonLine } from '../requests/json.js';
import { toText } from './report.js';
import {
  cmdHistory,
  configChanges,
  findRun,
  historyJson,
  isRunIdArg,
  savedHeader,
  showJson,
  storedAsResult,
  withMemory,
} from './memory.js';
import type { StoredRun } from '../memory/index.js';
import type { Diagnosis } from '../diagnose/schema.js';
import type { TrainingLog } from '../ingest/schema.js';

export { cmdHistory };
type Out = NodeJS.WritableStream;
/** the CLI's --max-size default (main.ts CLI_MAX_BYTES) */
const COMPARE_MAX_BYTES = 256 * 1024 * 1024;
const str = (v: string | true | undefined) => (typeof v === 'string' ? v : undefined);

function theme(v: string | true | undefined): 'dark' | 'light' {
  if (v === undefined || v === 'dark' || v === 'light') return v ?? 'dark';
  throw new UsageError(`--theme takes dark or light (got "${String(v).slice(0, 40)}")`);
}

export async function cmdShow(argv: string[], out: Out, usage: string): Promise<number> {
  const args = parseArgs(argv, { boolean: ['json', 'help', 'brief'], value: ['chart', 'theme'] });
  if (args.flags.has('help')) {
    out.write(usage);
    return 0;
  }
  if (args.positionals.length !== 1) throw new UsageError('show takes one run id, e.g. curve-triage show a3f9');
  const chartTheme = theme(args.flags.get('theme'));
  const run = await withMemory((m) => findRun(m, args.positionals[0]));
  const result = storedAsResult(run);
  const chartPath = str(args.flags.get('chart'));
  let chart: { path: string; bytes: number } | undefined;
  if (chartPath) {
    const render = await import('../render/index.js');
    const w = await render.writeChart(chartPath, result.log, result.diagnosis, { theme: chartTheme });
    chart = { path: chartPath, bytes: w.bytes };
  }
  if (args.flags.get('json')) {
    out.write(jsonLine({ ...showJson(run), ...(chart ? { chart } : {}) }));
    return 0;
  }
  out.write(savedHeader(run) + '\n\n');
  const advise = args.flags.get('brief') ? undefined : await import('../advise/index.js').catch(() => undefined);
  if (advise) {
    const md = advise.renderMarkdown(advise.advise(result.diagnosis, result.log, {}));
    const text = chart
      ? md.replace(/\]\(curve\.png\)/g, `](${chart.path})`)
      : md.replace(/^!\[[^\]]*\]\(curve\.png\)\n*/m, '');
    out.write(text.endsWith('\n') ? text : text + '\n');
  } else out.write(toText(result));
  if (chart) out.write(`\nchart: ${chart.path} (${chart.bytes} bytes)\n`);
  return 0;
}

interface Side {
  label: string;
  log: TrainingLog;
  diagnosis: Diagnosis;
  saved?: StoredRun;
}

/** Each argument: a saved run (by id) or a log file read and diagnosed now. */
async function loadSides(args: string[]): Promise<Side[]> {
  const ids = args.filter(isRunIdArg);
  const saved = ids.length ? await withMemory((m) => Promise.all(ids.map((a) => findRun(m, a)))) : [];
  const sides: Side[] = [];
  for (const a of args) {
    if (isRunIdArg(a)) {
      const r = saved.shift()!;
      sides.push({ label: `#${r.id} ${r.title}`, log: r.log, diagnosis: r.diagnosis, saved: r });
      continue;
    }
    let bytes: Buffer;
    try {
      if ((await stat(a)).size > COMPARE_MAX_BYTES)
        throw new UsageError(`${a.slice(0, 200)} is over the 256 MiB limit of a log to compare`);
      bytes = await readFile(a);
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`no such file or saved run: ${a.slice(0, 200)} (ids look like #a3f9)`);
    }
    const r = diagnoseFile(bytes, { fileName: a });
    sides.push({ label: basename(a), log: r.log, diagnosis: r.diagnosis });
  }
  return sides;
}

export async function cmdCompare(argv: string[], out: Out, usage: string): Promise<number> {
  const args = parseArgs(argv, { boolean: ['json', 'help'], value: ['out', 'theme'] });
  if (args.flags.has('help')) {
    out.write(usage);
    return 0;
  }
  if (args.positionals.length !== 2)
    throw new UsageError('compare takes two runs: saved ids (#a3f9) or log files, e.g. curve-triage compare a3f9 c01d');
  const chartTheme = theme(args.flags.get('theme'));
  const sides = await loadSides(args.positionals);
  const changes = configChanges(sides[0].saved?.config, sides[1].saved?.config);
  const outPath = str(args.flags.get('out'));
  let chart: { path: string; bytes: number } | undefined;
  if (outPath) {
    const render = await import('../render/index.js');
    const w = await render.writeOverlayChart(outPath, sides, { theme: chartTheme });
    chart = { path: outPath, bytes: w.bytes };
  }
  if (args.flags.get('json')) {
    const side = (s: Side) => ({
      label: s.label,
      ...(s.saved ? historyJson(s.saved) : {}),
      pattern: s.diagnosis.pattern,
      confidence: s.diagnosis.confidence,
      findings: s.diagnosis.findings,
      headline: s.diagnosis.headline,
      evidence: s.diagnosis.evidence,
      format: s.log.format,
    });
    out.write(jsonLine({ a: side(sides[0]), b: side(sides[1]), config_changes: changes, ...(chart ? { chart } : {}) }));
    return 0;
  }
  for (const [i, s] of sides.entries())
    out.write(
      `${i ? 'B' : 'A'}: ${s.label}: ${verdictLabel(s.diagnosis)} (${Math.round(s.diagnosis.confidence * 100)}%) ${s.diagnosis.headline}\n`,
    );
  if (changes.length) {
    out.write('config changes (A -> B):\n');
    for (const c of changes.slice(0, 50)) out.write(`  ${c.path}: ${JSON.stringify(c.a)} -> ${JSON.stringify(c.b)}\n`);
  }
  if (chart) out.write(`chart: ${chart.path} (${chart.bytes} bytes)\n`);
  return 0;
}
