// Prints our verdict beside the labels for every real log; used while tuning rules.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingest, isIngestError } from '../src/ingest/index.js';
import { diagnose } from '../src/diagnose/index.js';
import { lastTraining } from '../src/pipeline.js';
import { corpusPath } from './diagnoser/data.js';
const root = process.argv[2] ?? '../shared/corpus/real';
const labels = readFileSync(join(root, 'LABELS.tsv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split('\t'));
let clear = 0,
  clearOk = 0,
  lenOk = 0;
const verbose = process.argv.includes('-v');
for (const [file, format, primary, acceptable, conf, fboth] of labels) {
  const dirFile = corpusPath(root, file)!;
  let got = 'ERROR',
    c = 0,
    fnd = '',
    ev: any = {},
    reasons: string[] = [];
  try {
    const d = diagnose(lastTraining(ingest(readFileSync(dirFile), { fileName: file })));
    got = d.pattern;
    c = d.confidence;
    fnd = d.findings.join(',');
    ev = d.evidence;
    reasons = d.reasons;
  } catch (e) {
    got = 'ERR:' + (isIngestError(e) ? e.code : (e as Error).message);
  }
  const acc = acceptable.split(',');
  const ok = acc.includes(got);
  if (conf === 'clear') {
    clear++;
    if (got === primary) clearOk++;
  }
  if (ok) lenOk++;
  const mark = conf === 'clear' ? (got === primary ? 'ok ' : 'XX ') : ok ? 'ok~' : 'X~ ';
  if (verbose || !mark.startsWith('ok')) {
    console.log(
      `${mark} ${file.slice(0, 55).padEnd(55)} ${conf.padEnd(10)} label=${primary.padEnd(14)} got=${got.padEnd(14)} ${c.toFixed(2)} [${fnd}] (want ${fboth})`,
    );
    if (!mark.startsWith('ok') || process.argv.includes('-vv')) {
      console.log('     ' + JSON.stringify(ev));
      for (const r of reasons) console.log('     - ' + r);
    }
  }
}
console.log(
  `strict on clear: ${clearOk}/${clear} = ${((100 * clearOk) / clear).toFixed(1)}%   lenient on all: ${lenOk}/${labels.length} = ${((100 * lenOk) / labels.length).toFixed(1)}%`,
);
