import { readFileSync } from 'node:fs';
import { ingest } from './src/ingest/index.js';
const log = ingest(readFileSync('bench/wild15/other/huyen-tt__ML-GR1__rnn.log'), { fileName: 'rnn.log' });
for (const s of log.runs[0].series) console.log(s.key, s.x.length, s.x.slice(0, 14).map(v=>+v.toFixed(2)), s.y.slice(0, 5));
console.log(log.warnings);
