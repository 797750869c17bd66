/**
 * fixtures/presets: each training preset (src/train/presets.ts, the guide's own examples sized for the
 * bot) trained once with its seed, its history written as Keras' `json.dump(history.history)` would
 * (NaN bare), labelled with the pattern the preset demonstrates. They are guide examples: the
 * diagnoser's fit keeps its rules' share high enough that every one still reads as labelled
 * (scripts/diagnoser/data.ts guideExamples), and test/fixtures.test.ts checks the shipped diagnoser on
 * them without training. A few presets are also trained with another fit seed (OTHER_SEEDS): curves of
 * the same config that a diagnoser once read otherwise. Regenerate after changing a preset or the engine:
 *
 *   npx tsx scripts/make-preset-fixtures.ts
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRESETS } from '../src/train/presets.js';
import { runTrain } from '../src/train/index.js';
import { closePool } from '../src/train/threads/pool.js';

const OUT = join(import.meta.dirname, '..', 'fixtures', 'presets');

/** Presets trained again with another fit seed (what `curve-triage train --preset NAME --seed N` runs). */
const OTHER_SEEDS: { preset: keyof typeof PRESETS; seed: number; note: string }[] = [
  {
    preset: 'underfit',
    seed: 2,
    note: 'both losses fall in a straight line (loss 0.64 -> 0.53 over 40 epochs), val alongside: read as a good fit before the steady-fall rule',
  },
];

/** A number as Python's json module writes a float (NaN and Infinity bare, 6 significant digits). */
function pyJson(x: number | null): string {
  if (x === null || Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  return String(Number(x.toPrecision(6)));
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  for (const f of readdirSync(OUT)) rmSync(join(OUT, f));
  const manifest: Record<string, { pattern: string; findings: string[]; about: string }> = {};
  const runs = [
    ...Object.values(PRESETS).map((preset) => ({ preset, config: preset.config, suffix: '', note: '' })),
    ...OTHER_SEEDS.map(({ preset, seed, note }) => ({
      preset: PRESETS[preset],
      config: { ...PRESETS[preset].config, fit: { ...PRESETS[preset].config.fit, seed } },
      suffix: `-seed-${seed}`,
      note: `, --seed ${seed}: ${note}`,
    })),
  ];
  for (const { preset, config, suffix, note } of runs) {
    const outcome = await runTrain(config);
    const history = outcome.result.history as unknown as Record<string, (number | null)[]>;
    const file = `preset-${preset.name.replace(/_/g, '-')}${suffix}-history.json`;
    const body = Object.entries(history)
      .map(([k, v]) => `"${k}": [${v.map(pyJson).join(', ')}]`)
      .join(', ');
    writeFileSync(join(OUT, file), `{${body}}\n`);
    const blewUp = Object.values(history).some((v) => v.some((x) => x === null || !Number.isFinite(x)));
    manifest[file] = {
      pattern: preset.demonstrates,
      findings: blewUp ? ['nan_inf'] : [],
      about: `${preset.title} (curve-triage train --preset ${preset.name}, ${history.loss?.length ?? 0} epochs${note})`,
    };
    console.log(`${file}: ${outcome.diagnosis.pattern} (${preset.demonstrates} expected)`);
  }
  writeFileSync(join(OUT, 'MANIFEST.json'), JSON.stringify(manifest, null, 2) + '\n');
  await closePool();
}

await main();
