/**
 * The diagnosis against labels it was never fitted to: the curve zoo's test split and holdout families (labelled by
 * intervention, docs/zoo.md) and the labelled real corpus, the learned model beside the hand-written rules
 * alone, with calibration (reliability bins, ECE) and the time per diagnosis.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isIngestError } from '../../src/ingest/index.js';
import { diagnose, diagnoseDetailed } from '../../src/diagnose/index.js';
import { MODEL_CLASSES } from '../../src/diagnose/model.js';
import { REAL_CALIBRATION } from '../../src/diagnose/real-calibration.js';
import { REAL_ADAPTER } from '../../src/diagnose/real-adapter.js';
import { agreement, leaveOneBatchOut, rowOf, rows, settled, type Row } from '../../scripts/diagnoser/real-layer.js';
import { WEIGHTS } from '../../src/diagnose/weights.js';
import { historyToLog } from '../../src/train/history.js';
import {
  CORPUS_ROOT,
  ZOO_FILE,
  corpusPath,
  corpusRows,
  builtAsLabelled,
  readCorpusLog,
  readZoo,
  zooHistory,
  type ZooRecord,
} from '../../scripts/diagnoser/data.js';
import { HOLDOUT_PATH, HOLDOUT_S3_PATH } from '../../scripts/zoo/load.js';
import { formatReport, score, type Report, type Scored } from '../../scripts/diagnoser/metrics.js';

/** The diagnoser on one set of zoo runs: the learned model and the rules alone against the labels. */
export interface ZooScore {
  model: Report;
  rules: Report;
  msMedian: number;
  msP99: number;
  /** the labels' own noise (runs labelled by several draws of the experiment, docs/zoo.md) */
  draws?: { runs: number; pairAgree: number; agreed: Report };
  /** the runs whose family was built to show the label the intervention gave, not borderline: what a
   * person building a run to show a pattern and checking it by eye would label (the model only) */
  byConstruction: Report;
}

/** Labelled real logs: strict (clear rows), lenient (all rows), and how many files were read. */
export interface LabelledScore {
  strict: [number, number];
  lenient: [number, number];
  rulesStrict: [number, number];
  rulesLenient: [number, number];
  /** read, refused with a message (IngestError), crashed (anything else: a defect) */
  read: { read: number; refused: number; crashed: number };
  model: Report;
}

/**
 * The wild batches: real logs from public repositories, each labelled by two independent passes and read once
 * before anything was chosen on it (each batch's README.md; the first reads and what they chose are in
 * docs/diagnosis.md). bench/wild was harvested in session 13, wild2 and wild3 in session 14 (wild3 after its
 * other changes), wild4 and wild5 in session 15 (wild5 after its review), wild6 in session 16, wild7 and wild8 in session 17, wild9, wild10 and wild11 in session 18, wild12 and wild13 in session 19, wild14 in session 20, wild15 in session 21, wild16 in session 22, wild17, wild18 and wild19 in session 23, wild20 and wild21 in session 24, wild22 and wild23 in session 25, wild24 in session 26, wild25 and wild26 in session 27, wild27 and wild28 in session 28, wild29 in session 29, wild30 and wild31 in session 30, wild32 and wild33 in session 31, wild34 and wild35 in session 32, wild36 in session 33, wild37 and wild38 in session 34, wild39 and wild40 in session 35, wild41 and wild42 in session 36, wild43 and wild44 in session 37, wild45 and wild46 in session 38, wild47 and wild48 in session 39, wild49, wild50 and wild51 in session 40, wild52, wild53 and wild54 in session 41, wild55 and wild56 in session 42, wild57 and wild58 in session 43, wild59 in session 44, wild60 and wild61 in session 45, wild62 in session 46, wild63 in session 47, wild64 and wild65 in session 48, wild66 and wild67 in session 49, wild68 and wild69 in session 50, wild70, wild71 and wild72 in session 51, wild73, wild74 and wild75 in session 52, wild76, wild77 and wild78 in session 53. The real-log layer (since session 26: the adapter,
 * src/diagnose/adapt.ts, which settles the verdict for a log someone sends, and the reliability map,
 * real-calibration.ts, its confidence) is fitted on the batches its provenance names: their rows below are
 * in-sample, and the bench also prints the adapter's leave-one-batch-out read, each batch settled by an adapter
 * fitted on the others (scripts/diagnoser/real-layer.ts).
 */
export const WILD_SETS = [
  { key: 'wild', title: 'wild logs (bench/wild: read in session 13, see docs/diagnosis.md)' },
  {
    key: 'wild2',
    title: 'second wild batch (bench/wild2: read in session 14, see docs/diagnosis.md)',
  },
  { key: 'wild3', title: 'third wild batch (bench/wild3: read at the end of session 14)' },
  { key: 'wild4', title: 'fourth wild batch (bench/wild4: read in session 15)' },
  { key: 'wild5', title: 'fifth wild batch (bench/wild5: read at the end of session 15)' },
  { key: 'wild6', title: 'sixth wild batch (bench/wild6: read in session 16)' },
  { key: 'wild7', title: 'seventh wild batch (bench/wild7: read in session 17)' },
  { key: 'wild8', title: 'eighth wild batch (bench/wild8: read at the end of session 17)' },
  { key: 'wild9', title: 'ninth wild batch (bench/wild9: read in session 18)' },
  { key: 'wild10', title: 'tenth wild batch (bench/wild10: read later in session 18)' },
  {
    key: 'wild11',
    title: 'eleventh wild batch (bench/wild11: read at the end of session 18)',
  },
  { key: 'wild12', title: 'twelfth wild batch (bench/wild12: read in session 19)' },
  { key: 'wild13', title: 'thirteenth wild batch (bench/wild13: read later in session 19)' },
  { key: 'wild14', title: 'fourteenth wild batch (bench/wild14: read in session 20)' },
  { key: 'wild15', title: 'fifteenth wild batch (bench/wild15: read in session 21)' },
  { key: 'wild16', title: 'sixteenth wild batch (bench/wild16: read in session 22)' },
  { key: 'wild17', title: 'seventeenth wild batch (bench/wild17: read in session 23)' },
  { key: 'wild18', title: 'eighteenth wild batch (bench/wild18: read later in session 23)' },
  {
    key: 'wild19',
    title: 'nineteenth wild batch (bench/wild19: read at the end of session 23)',
  },
  { key: 'wild20', title: 'twentieth wild batch (bench/wild20: read in session 24)' },
  { key: 'wild21', title: 'twenty-first wild batch (bench/wild21: read later in session 24)' },
  { key: 'wild22', title: 'twenty-second wild batch (bench/wild22: read in session 25)' },
  { key: 'wild23', title: 'twenty-third wild batch (bench/wild23: read later in session 25)' },
  { key: 'wild24', title: 'twenty-fourth wild batch (bench/wild24: read in session 26, after the real-log adapter)' },
  { key: 'wild25', title: 'twenty-fifth wild batch (bench/wild25: read in session 27)' },
  {
    key: 'wild26',
    title: 'twenty-sixth wild batch (bench/wild26: read in session 27, after the refit on wild-wild25)',
  },
  {
    key: 'wild27',
    title: 'twenty-seventh wild batch (bench/wild27: read in session 28, after the refit on wild-wild26)',
  },
  { key: 'wild28', title: 'twenty-eighth wild batch (bench/wild28: read later in session 28)' },
  {
    key: 'wild29',
    title: 'twenty-ninth wild batch (bench/wild29: read in session 29, after the refit on wild-wild28)',
  },
  { key: 'wild30', title: 'thirtieth wild batch (bench/wild30: read in session 30)' },
  { key: 'wild31', title: 'thirty-first wild batch (bench/wild31: read later in session 30)' },
  { key: 'wild32', title: 'thirty-second wild batch (bench/wild32: read in session 31)' },
  { key: 'wild33', title: 'thirty-third wild batch (bench/wild33: read later in session 31)' },
  { key: 'wild34', title: 'thirty-fourth wild batch (bench/wild34: read in session 32)' },
  { key: 'wild35', title: 'thirty-fifth wild batch (bench/wild35: read later in session 32)' },
  { key: 'wild36', title: 'thirty-sixth wild batch (bench/wild36: read in session 33)' },
  { key: 'wild37', title: 'thirty-seventh wild batch (bench/wild37: read in session 34)' },
  { key: 'wild38', title: 'thirty-eighth wild batch (bench/wild38: read later in session 34)' },
  { key: 'wild39', title: 'thirty-ninth wild batch (bench/wild39: read in session 35)' },
  { key: 'wild40', title: 'fortieth wild batch (bench/wild40: read later in session 35)' },
  { key: 'wild41', title: 'forty-first wild batch (bench/wild41: read in session 36)' },
  { key: 'wild42', title: 'forty-second wild batch (bench/wild42: read later in session 36)' },
  { key: 'wild43', title: 'forty-third wild batch (bench/wild43: read in session 37)' },
  { key: 'wild44', title: 'forty-fourth wild batch (bench/wild44: read later in session 37)' },
  { key: 'wild45', title: 'forty-fifth wild batch (bench/wild45: read in session 38)' },
  { key: 'wild46', title: 'forty-sixth wild batch (bench/wild46: read later in session 38)' },
  { key: 'wild47', title: 'forty-seventh wild batch (bench/wild47: read in session 39)' },
  { key: 'wild48', title: 'forty-eighth wild batch (bench/wild48: read later in session 39)' },
  { key: 'wild49', title: 'forty-ninth wild batch (bench/wild49: read in session 40)' },
  { key: 'wild50', title: 'fiftieth wild batch (bench/wild50: read later in session 40)' },
  { key: 'wild51', title: 'fifty-first wild batch (bench/wild51: read later in session 40)' },
  { key: 'wild52', title: 'fifty-second wild batch (bench/wild52: read in session 41)' },
  { key: 'wild53', title: 'fifty-third wild batch (bench/wild53: read later in session 41)' },
  { key: 'wild54', title: 'fifty-fourth wild batch (bench/wild54: read at the end of session 41)' },
  { key: 'wild55', title: 'fifty-fifth wild batch (bench/wild55: read at the start of session 42)' },
  { key: 'wild56', title: 'fifty-sixth wild batch (bench/wild56: read in session 42)' },
  { key: 'wild57', title: 'fifty-seventh wild batch (bench/wild57: read in session 43)' },
  { key: 'wild58', title: 'fifty-eighth wild batch (bench/wild58: read later in session 43)' },
  { key: 'wild59', title: 'fifty-ninth wild batch (bench/wild59: read in session 44)' },
  { key: 'wild60', title: 'sixtieth wild batch (bench/wild60: read in session 45)' },
  { key: 'wild61', title: 'sixty-first wild batch (bench/wild61: read in session 45)' },
  { key: 'wild62', title: 'sixty-second wild batch (bench/wild62: read in session 46)' },
  { key: 'wild63', title: 'sixty-third wild batch (bench/wild63: read in session 47)' },
  { key: 'wild64', title: 'sixty-fourth wild batch (bench/wild64: read in session 48)' },
  { key: 'wild65', title: 'sixty-fifth wild batch (bench/wild65: read in session 48)' },
  { key: 'wild66', title: 'sixty-sixth wild batch (bench/wild66: read in session 49)' },
  { key: 'wild67', title: 'sixty-seventh wild batch (bench/wild67: read later in session 49)' },
  { key: 'wild68', title: 'sixty-eighth wild batch (bench/wild68: read in session 50)' },
  { key: 'wild69', title: 'sixty-ninth wild batch (bench/wild69: read later in session 50)' },
  { key: 'wild70', title: 'seventieth wild batch (bench/wild70: read in session 51)' },
  { key: 'wild71', title: 'seventy-first wild batch (bench/wild71: read later in session 51)' },
  { key: 'wild72', title: 'seventy-second wild batch (bench/wild72: read last in session 51)' },
  { key: 'wild73', title: 'seventy-third wild batch (bench/wild73: read in session 52)' },
  { key: 'wild74', title: 'seventy-fourth wild batch (bench/wild74: read later in session 52)' },
  { key: 'wild75', title: 'seventy-fifth wild batch (bench/wild75: read last in session 52)' },
  { key: 'wild76', title: 'seventy-sixth wild batch (bench/wild76: read in session 53)' },
  { key: 'wild77', title: 'seventy-seventh wild batch (bench/wild77: read later in session 53)' },
  { key: 'wild78', title: 'seventy-eighth wild batch (bench/wild78: read last in session 53)' },
] as const;
type WildScores = Partial<Record<(typeof WILD_SETS)[number]['key'], LabelledScore>>;

export interface DiagnoseBench extends WildScores {
  /** the zoo's test split */
  zoo?: ZooScore;
  /** the holdout families (bench/zoo/holdout.jsonl.gz), generated after session 10's choices; their reads: docs/zoo.md */
  holdout?: ZooScore;
  /** master seed 3's holdout families (bench/zoo/holdout-s3.jsonl.gz), generated in session 12; reads: docs/zoo.md */
  holdoutS3?: ZooScore;
  corpus?: LabelledScore;
  loro?: unknown;
  /** the wild batches' answers pooled: those the real-log layer was fitted on, and the rest */
  realMap?: { inFit: Report; heldOut: Report };
  /** the batches the real-log adapter was fitted on, pooled: as shipped (in-sample) and leave-one-batch-out */
  realLayer?: { batches: number; inSample: Agreement; lobo: Agreement; none: Agreement };
}

const blewUp = (h: Record<string, number[]>, findings: string[]) =>
  (h.loss ?? []).some((v) => !Number.isFinite(v)) || findings.includes('diverging');

export function scoreZoo(runs: ZooRecord[]): ZooScore {
  const model: Scored[] = [];
  const rules: Scored[] = [];
  const built: Scored[] = [];
  const logs: ReturnType<typeof historyToLog>[] = [];
  // label noise: how often two draws of the labelling experiment give the same primary, and the
  // diagnoser on the runs every draw labels alike
  let pairs = 0;
  let pairsSame = 0;
  let drawn = 0;
  const agreed: Scored[] = [];
  for (const r of runs) {
    const history = zooHistory(r);
    const log = historyToLog(history, r.id);
    logs.push(log);
    const d = diagnose(log, { origin: 'trained' });
    if (d.pattern === 'not_assessable') continue;
    const dr = diagnose(log, { rulesOnly: true });
    const acceptable = [...new Set([r.label, ...r.acceptable])];
    const one = {
      label: r.label,
      acceptable,
      got: d.pattern,
      confidence: d.confidence,
      blewUp: blewUp(history, d.findings),
    };
    model.push(one);
    if (builtAsLabelled(r)) built.push(one);
    const lone = r.draws?.labels ?? [];
    for (let i = 0; i < lone.length; i++)
      for (let j = i + 1; j < lone.length; j++) {
        pairs++;
        if (lone[i] === lone[j]) pairsSame++;
      }
    if (lone.length > 1) drawn++;
    if (lone.length > 1 && lone.every((l) => l === lone[0])) agreed.push(one);
    rules.push({ ...one, got: dr.pattern, confidence: dr.confidence, blewUp: blewUp(history, dr.findings) });
  }
  // latency as a running bot sees it: every run diagnosed again, timed, after the pass above warmed the
  // JIT (the first few calls of a fresh process are slower; a bot answers many)
  const ms = logs.map((log) => {
    const t0 = performance.now();
    diagnose(log, { origin: 'trained' });
    return performance.now() - t0;
  });
  ms.sort((a, b) => a - b);
  return {
    model: score(model, MODEL_CLASSES),
    rules: score(rules, MODEL_CLASSES),
    msMedian: ms[Math.floor(ms.length / 2)],
    msP99: ms[Math.floor(ms.length * 0.99)],
    byConstruction: score(built, MODEL_CLASSES),
    ...(pairs
      ? {
          draws: {
            runs: drawn,
            pairAgree: pairsSame / pairs,
            agreed: score(agreed, MODEL_CLASSES),
          },
        }
      : {}),
  };
}

/** Real logs labelled by two passes (LABELS.tsv as in ../shared/corpus/real): strict on clear rows, lenient on all. */
export function scoreLabelledLogs(
  root: string,
  answers: Scored[] = [],
  layer?: { group: string; rows: Row[] },
): LabelledScore | undefined {
  const rows = corpusRows(root);
  if (!rows.length) return undefined;
  const res: LabelledScore = {
    strict: [0, 0],
    lenient: [0, rows.length],
    rulesStrict: [0, 0],
    rulesLenient: [0, rows.length],
    read: { read: 0, refused: 0, crashed: 0 },
    model: score([], MODEL_CLASSES),
  };
  const scored: Scored[] = [];
  for (const row of rows) {
    if (!corpusPath(root, row.file)) continue;
    let got = 'ERROR',
      conf = 0,
      gotRules = 'ERROR';
    let detailed;
    try {
      const log = readCorpusLog(root, row.file)!;
      detailed = diagnoseDetailed(log);
      got = detailed.diagnosis.pattern;
      conf = detailed.diagnosis.confidence;
      gotRules = diagnose(log, { rulesOnly: true }).pattern;
      res.read.read++;
    } catch (e) {
      // a refusal counts as wrong unless the label says nothing there is usable
      if (isIngestError(e)) {
        res.read.refused++;
        got = gotRules = 'not_assessable';
      } else res.read.crashed++;
    }
    layer?.rows.push(rowOf(row, layer.group, detailed));
    if (row.clear) {
      res.strict[1]++;
      res.rulesStrict[1]++;
      if (got === row.primary) res.strict[0]++;
      if (gotRules === row.primary) res.rulesStrict[0]++;
    }
    if (row.acceptable.includes(got)) res.lenient[0]++;
    if (row.acceptable.includes(gotRules)) res.rulesLenient[0]++;
    if (got !== 'not_assessable' && got !== 'ERROR' && row.primary !== 'not_assessable')
      scored.push({ label: row.primary, acceptable: row.acceptable, got, confidence: conf });
  }
  res.model = score(scored, MODEL_CLASSES);
  answers.push(...scored);
  return res;
}

export async function runDiagnoseBench(): Promise<DiagnoseBench> {
  const out: DiagnoseBench = {};
  if (existsSync(ZOO_FILE)) out.zoo = scoreZoo(readZoo().filter((r) => r.split === 'test'));
  if (existsSync(HOLDOUT_PATH)) out.holdout = scoreZoo(readZoo(HOLDOUT_PATH));
  if (existsSync(HOLDOUT_S3_PATH)) out.holdoutS3 = scoreZoo(readZoo(HOLDOUT_S3_PATH));
  out.corpus = scoreLabelledLogs(CORPUS_ROOT);
  // the real logs' reliability map (src/diagnose/real-calibration.ts) is fitted on some wild batches: their answers
  // pooled are in-sample; the batches it never read are held out
  const fitted = new Set<string>(REAL_CALIBRATION.provenance.batches);
  const inFit: Scored[] = [];
  const heldOut: Scored[] = [];
  // each batch is diagnosed once: its rows for the real-log layer's table below are kept as it is scored
  const layerRows = new Map<string, Row[]>();
  for (const w of WILD_SETS) {
    const layer = { group: w.key, rows: [] };
    out[w.key] = scoreLabelledLogs(join(import.meta.dirname, '..', w.key), fitted.has(w.key) ? inFit : heldOut, layer);
    layerRows.set(w.key, layer.rows);
  }
  out.realMap = { inFit: score(inFit, MODEL_CLASSES), heldOut: score(heldOut, MODEL_CLASSES) };
  const layer = REAL_ADAPTER?.provenance.batches;
  if (layer?.every((b) => existsSync(join(import.meta.dirname, '..', b, 'LABELS.tsv')))) {
    const rs = layer.flatMap((b) => layerRows.get(b) ?? rows(join(import.meta.dirname, '..', b), b));
    out.realLayer = {
      batches: layer.length,
      inSample: agreement(rs),
      lobo: agreement(leaveOneBatchOut(rs, REAL_ADAPTER!.provenance.options)),
      none: agreement(settled(rs, null)),
    };
  }
  out.loro = WEIGHTS?.provenance?.corpus_loro;
  return out;
}

type Agreement = ReturnType<typeof agreement>;

const pct = (a: number, b: number) => `${a}/${b} (${((100 * a) / Math.max(b, 1)).toFixed(1)}%)`;

const rate = (x: number) => `${(x * 100).toFixed(1)}%`;

/** One zoo set's table (learned model beside the rules alone) and its reliability bins. */
function formatZoo(title: string, z: ZooScore): string[] {
  const { model, rules, byConstruction: built } = z;
  return [
    `| ${title} | learned model | rules alone | bar |`,
    '|---|---|---|---|',
    `| primary verdict = interventional label | ${rate(model.exact)} | ${rate(rules.exact)} | >= 90% |`,
    `| acceptable (borderline: either label) | ${rate(model.acceptable)} | ${rate(rules.acceptable)} | |`,
    ...MODEL_CLASSES.map(
      (c) =>
        `| recall ${c} | ${rate(model.recall[c].rate)} (${model.recall[c].n}) | ${rate(rules.recall[c].rate)} | >= 85% |`,
    ),
    `| good-fit false alarms | ${rate(model.goodFitFalseAlarms.rate)} | ${rate(rules.goodFitFalseAlarms.rate)} | <= 5% |`,
    `| NaN/divergence recall | ${rate(model.blowUpRecall.rate)} (${model.blowUpRecall.n}) | ${rate(rules.blowUpRecall.rate)} | 100% |`,
    `| ECE | ${model.ece.toFixed(3)} | ${rules.ece.toFixed(3)} | <= 0.05 |`,
    `| answers at >= 0.9 right | ${rate(model.high.rate)} (${model.high.n}) | ${rate(rules.high.rate)} (${rules.high.n}) | >= 90% |`,
    `| ms per diagnosis, warm (median / p99) | ${z.msMedian.toFixed(2)} / ${z.msP99.toFixed(2)} | | < 5 |`,
    ...(z.draws
      ? [
          `| label noise: two draws of the labelling experiment give the same primary (${z.draws.runs} runs; a ceiling for "primary = label") | ${rate(z.draws.pairAgree)} | | |`,
          `| acceptable, on the ${z.draws.agreed.n} runs every draw labels alike | ${rate(z.draws.agreed.acceptable)} | | |`,
        ]
      : []),
    `| by construction: the ${built.n} runs built to show their label, not borderline (recall ${MODEL_CLASSES.map((c) => `${c} ${built.recall[c].hit}/${built.recall[c].n}`).join(', ')}) | ${rate(built.exact)} | | |`,
    '',
    formatReport(`reliability, ${title} (learned model)`, model, MODEL_CLASSES),
  ];
}

export function formatDiagnoseBench(b: DiagnoseBench): string {
  const parts: string[] = [];
  if (!WEIGHTS) parts.push('(no learned weights shipped: the verdicts below are the rules alone)');
  if (b.zoo)
    parts.push(...formatZoo('zoo test split (never used to fit; read to accept or reject each change)', b.zoo));
  else parts.push('(no zoo at bench/zoo/zoo.jsonl.gz: run scripts/zoo to build it)');
  if (b.holdout)
    parts.push('', ...formatZoo('holdout families (never used to fit; docs/zoo.md lists every read)', b.holdout));
  if (b.holdoutS3)
    parts.push(
      '',
      ...formatZoo('seed-3 holdout families (never used to fit; docs/zoo.md lists every read)', b.holdoutS3),
    );
  if (b.corpus) {
    parts.push('', ...formatLabelled('real corpus (../shared/corpus/real)', b.corpus));
    if (b.loro) parts.push('', `leave-one-repository-out on the corpus (from the fit): ${JSON.stringify(b.loro)}`);
  }
  for (const w of WILD_SETS) {
    const score = b[w.key];
    if (score) parts.push('', ...formatLabelled(w.title, score));
  }
  if (b.realLayer) {
    const { batches, inSample, lobo, none } = b.realLayer;
    parts.push(
      '',
      `| real-log adapter, the ${batches} wild batches it was fitted on, pooled | strict, clear rows | lenient, all rows |`,
      '|---|---|---|',
      `| without the adapter (the zoo's model alone) | ${pct(...none.strict)} | ${pct(...none.lenient)} |`,
      `| leave-one-batch-out (each batch through an adapter fitted on the others) | ${pct(...lobo.strict)} | ${pct(...lobo.lenient)} |`,
      `| as shipped (in-sample) | ${pct(...inSample.strict)} | ${pct(...inSample.lenient)} |`,
    );
  }
  if (b.realMap) {
    const batches = REAL_CALIBRATION.provenance.batches;
    const title = `real logs' reliability map (fitted on ${batches.length} wild batches, ${batches[0]}-${batches.at(-1)})`;
    parts.push(
      '',
      formatReport(`${title}: the batches it was fitted on, pooled (in-sample)`, b.realMap.inFit, MODEL_CLASSES),
    );
    if (b.realMap.heldOut.n > 0)
      parts.push(
        '',
        formatReport(`${title}: the batches it never read, pooled (held out)`, b.realMap.heldOut, MODEL_CLASSES),
      );
  }
  return parts.join('\n');
}

function formatLabelled(title: string, c: LabelledScore): string[] {
  return [
    `| ${title} | learned model | rules alone | bar |`,
    '|---|---|---|---|',
    `| strict, clear rows | ${pct(...c.strict)} | ${pct(...c.rulesStrict)} | >= 95% |`,
    `| lenient, all rows | ${pct(...c.lenient)} | ${pct(...c.rulesLenient)} | >= 95% |`,
    `| files read / refused with a message / crashed | ${c.read.read} / ${c.read.refused} / ${c.read.crashed} | | no crash |`,
    `| answers at >= 0.9 right | ${pct(c.model.high.right, c.model.high.n)} | | >= 90% |`,
    `| ECE | ${c.model.ece.toFixed(3)} | | |`,
  ];
}
