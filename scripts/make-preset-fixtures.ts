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
import { basename, join } from 'node:path';
import { PRESETS, preset as presetConfig } from '../src/train/presets.js';
import { withTrainOverrides } from '../src/requests/training.js';
import { runTrain } from '../src/train/index.js';
import { closePool } from '../src/train/threads/pool.js';

export const PRESET_FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'presets');

/** A preset's fixture file: `preset-high-variance-history.json`, or `preset-underfit-seed-2-history.json` at another fit seed. */
export function presetFixtureFile(name: string, seed?: number): string {
  return join(
    PRESET_FIXTURES,
    `preset-${name.replace(/_/g, '-')}${seed === undefined ? '' : `-seed-${seed}`}-history.json`,
  );
}

/** A preset's config at another fit seed, as `curve-triage train --preset NAME --seed N` builds it. */
export function presetAtSeed(name: string, seed: number) {
  return withTrainOverrides(presetConfig(name), { seed });
}

/** Presets trained again with another fit seed (what `curve-triage train --preset NAME --seed N` runs). */
const OTHER_SEEDS: { preset: keyof typeof PRESETS; seed: number; note: string }[] = [
  {
    preset: 'underfit',
    seed: 2,
    note: 'both losses fall in a straight line (loss 0.64 -> 0.53 over 40 epochs), val alongside: read as a good fit before the steady-fall rule',
  },
];

/** A finite number at the 6 significant digits the fixtures keep. */
export const sixDigits = (x: number) => Number(x.toPrecision(6));

/** A number as Python's json module writes a float (NaN and Infinity bare, 6 significant digits). */
function pyJson(x: number | null): string {
  if (x === null || Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  return String(sixDigits(x));
}

async function main(): Promise<void> {
  mkdirSync(PRESET_FIXTURES, { recursive: true });
  for (const f of readdirSync(PRESET_FIXTURES)) rmSync(join(PRESET_FIXTURES, f));
  const manifest: Record<string, { pattern: string; findings: string[]; about: string }> = {};
  const runs = [
    ...Object.values(PRESETS).map((preset) => ({ preset, config: preset.config, seed: undefined, note: '' })),
    ...OTHER_SEEDS.map(({ preset, seed, note }) => ({
      preset: PRESETS[preset],
      config: presetAtSeed(preset, seed),
      seed,
      note: `, --seed ${seed}: ${note}`,
    })),
  ];
  for (const { preset, config, seed, note } of runs) {
    const outcome = await runTrain(config);
    const history = outcome.result.history as unknown as Record<string, (number | null)[]>;
    const path = presetFixtureFile(preset.name, seed);
    const file = basename(path);
    const body = Object.entries(history)
      .map(([k, v]) => `"${k}": [${v.map(pyJson).join(', ')}]`)
      .join(', ');
    writeFileSync(path, `{${body}}\n`);
    const blewUp = Object.values(history).some((v) => v.some((x) => x === null || !Number.isFinite(x)));
    manifest[file] = {
      pattern: preset.demonstrates,
      findings: blewUp ? ['nan_inf'] : [],
      about: `${preset.title} (curve-triage train --preset ${preset.name}, ${history.loss?.length ?? 0} epochs${note})`,
    };
    console.log(`${file}: ${outcome.diagnosis.pattern} (${preset.demonstrates} expected)`);
  }
  writeFileSync(join(PRESET_FIXTURES, 'MANIFEST.json'), JSON.stringify(manifest, null, 2) + '\n');
  await closePool();
}

if (process.argv[1]?.endsWith('make-preset-fixtures.ts')) await main();
