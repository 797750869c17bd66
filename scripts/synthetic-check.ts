// Synthetic curves of known shape at several lengths and noise levels: where does the diagnosis break?
import { ingest } from '../src/ingest/index.js';
import { diagnose } from '../src/diagnose/index.js';
import { normal } from '../src/util/random.js';
let seed = 7;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const gauss = () => normal(rnd);
type Gen = (i: number, n: number) => [number, number];
const shapes: Record<string, Gen> = {
  good_fit: (i, n) => [1.0 * Math.exp((-5 * i) / n) + 0.1, 1.05 * Math.exp((-5 * i) / n) + 0.13],
  good_still: (i, n) => [1.0 * Math.exp((-1.5 * i) / n) + 0.1, 1.05 * Math.exp((-1.5 * i) / n) + 0.13],
  overfitting: (i, n) => [
    1.0 * Math.exp((-5 * i) / n) + 0.05,
    0.5 + 0.6 * Math.exp((-8 * i) / n) + 0.4 * Math.max(0, i / n - 0.35),
  ],
  overfit_late: (i, n) => [
    1.0 * Math.exp((-5 * i) / n) + 0.05,
    0.45 + 0.6 * Math.exp((-6 * i) / n) + 0.5 * Math.max(0, i / n - 0.65),
  ],
  underfitting: (i, n) => [0.7 - (0.03 * i) / n, 0.71 - (0.025 * i) / n],
  high_variance: (i, n) => [1.0 * Math.exp((-4 * i) / n) + 0.2, 1.1 + 0.25 * Math.sin(i * 2.1)],
  unstable_nan: (i, n) =>
    i > 0.6 * n
      ? [NaN, NaN]
      : [1.0 * Math.exp((-3 * i) / n) + 0.2 + 0.1 * (i / n), 1.1 * Math.exp((-3 * i) / n) + 0.25],
  unstable_div: (i, n) => [0.5 * Math.exp((3 * i) / n), 0.55 * Math.exp((3 * i) / n)],
};
const expect: Record<string, string> = {
  good_fit: 'good_fit',
  good_still: 'good_fit',
  overfitting: 'overfitting',
  overfit_late: 'overfitting',
  underfitting: 'underfitting',
  high_variance: 'high_variance',
  unstable_nan: 'unstable',
  unstable_div: 'unstable',
};
let ok = 0,
  total = 0;
for (const [name, g] of Object.entries(shapes)) {
  const row: string[] = [];
  for (const n of [8, 15, 30, 100, 400])
    for (const noise of [0, 0.01, 0.03, 0.06]) {
      const tr: number[] = [],
        va: number[] = [];
      for (let i = 0; i < n; i++) {
        const [a, b] = g(i, n);
        tr.push(a * (1 + noise * 0.4 * gauss()));
        va.push(b * (1 + noise * gauss()));
      }
      const json = JSON.stringify({ loss: tr, val_loss: va }).replace(/null/g, 'NaN');
      const d = diagnose(ingest(json));
      total++;
      const good = d.pattern === expect[name];
      if (good) ok++;
      row.push(good ? '.' : `${d.pattern.slice(0, 4)}(n${n},e${noise})`);
    }
  console.log(name.padEnd(14), row.join(' '));
}
console.log(`${ok}/${total}`);
