/**
 * Where the fitted model and the labels disagree on the zoo's dev split: each miss with its curves in
 * short, for looking at (npx tsx scripts/diagnoser/confusions.ts [--zoo FILE] [--hidden H ...]).
 */
import { parseArgs } from 'node:util';
import { FEATURE_NAMES } from '../../src/diagnose/vector.js';
import { MODEL_CLASSES } from '../../src/diagnose/model.js';
import { calibrate, DEFAULT_FIT, fit } from './mlp.js';
import { fitSets, readZoo, trainingSet, verdictOf, zooHistory } from './data.js';

const { values: a } = parseArgs({
  options: {
    zoo: { type: 'string' },
    hidden: { type: 'string', default: '16' },
    iterations: { type: 'string', default: '800' },
    l2: { type: 'string', default: '0.1' },
    quiet: { type: 'boolean', default: false },
  },
});
const sets = fitSets(a.zoo);
const w = fit(trainingSet(sets, 0), FEATURE_NAMES, MODEL_CLASSES, {
  ...DEFAULT_FIT,
  members: 1,
  hidden: Number(a.hidden),
  iterations: Number(a.iterations),
  l2: Number(a.l2),
});
const dev = sets.dev.filter((e) => !e.id.endsWith('/train-only'));
Object.assign(w, calibrate(w, dev));
const byId = new Map(readZoo(a.zoo).map((r) => [r.id, r]));
const confusion = new Map<string, number>();
for (const e of dev) {
  const { got, confidence } = verdictOf(w, e);
  const key = `${e.labelName} -> ${got}`;
  confusion.set(key, (confusion.get(key) ?? 0) + 1);
  if (a.quiet || e.acceptableNames.includes(got)) continue;
  const r = byId.get(e.id)!;
  const h = zooHistory(r);
  const f = (v: number[] = []) => {
    const k = Math.max(1, Math.floor(v.length / 10));
    return v
      .filter((_, i) => i % k === 0 || i === v.length - 1)
      .map((x) => Number(x.toPrecision(3)))
      .join(' ');
  };
  const rr = r as unknown as { intended: string; variant: string; margins: Record<string, number> };
  console.log(
    `${e.id} label=${e.labelName} [${e.acceptableNames}] got=${got} p=${confidence.toFixed(2)} rules=${e.diagnosis.pattern} intended=${rr.intended}/${rr.variant} margins=${JSON.stringify(rr.margins)}`,
  );
  console.log(`   loss ${f(h.loss)}\n   val  ${f(h.val_loss)}`);
}
console.log(
  [...confusion.entries()]
    .sort()
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n'),
);
