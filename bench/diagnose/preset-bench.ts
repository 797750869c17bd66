/**
 * The diagnosis on real training runs labelled by construction: every training preset (the seed guide's
 * own examples, src/train/presets.ts) trained with fit seeds nobody chose anything on (SEEDS: the fixtures
 * and the rules were written with the presets' own seeds and seeds 1-40), each read by the shipped
 * diagnoser. A preset's runs should read as the pattern it demonstrates; the table says how many do and
 * what the others were called, with their confidence. Each preset is also trained once with its own seed
 * and compared with its committed curve in fixtures/presets (a guide example): a difference means the
 * engine changed since the fixture was written, and `npx tsx scripts/make-preset-fixtures.ts` should be
 * re-run (and the guide examples re-checked).
 */
import { existsSync, readFileSync } from 'node:fs';
import { PRESETS } from '../../src/train/presets.js';
import { presetAtSeed, presetFixtureFile, sixDigits } from '../../scripts/make-preset-fixtures.js';
import { runTrain } from '../../src/train/index.js';
import { closePool } from '../../src/train/threads/pool.js';

/** Fit seeds held out from every choice made on the presets (the weight init and the shuffle change; the data does not). */
export const SEEDS = [1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008];

export interface PresetRow {
  preset: string;
  demonstrates: string;
  runs: number;
  right: number;
  /** what each run was called, with its confidence; timeLimited: cut by its wall-time cap (a busy machine) */
  got: { pattern: string; confidence: number; timeLimited: boolean }[];
  ms: number;
  /** the preset at its own seed against fixtures/presets: 'same', or what differs */
  fixture: string;
}

/**
 * The committed curve against a fresh run, at the 6 significant digits the fixture keeps. `cut`: the run
 * stopped at its wall-time limit (a busy machine), so only the epochs it trained are compared.
 */
export function fixtureCheck(name: string, history: Record<string, (number | null)[]>, cut = false): string {
  const file = presetFixtureFile(name);
  if (!existsSync(file)) return 'no fixture';
  const text = readFileSync(file, 'utf8').replace(/-?Infinity|NaN/g, 'null');
  const committed = JSON.parse(text) as Record<string, (number | null)[]>;
  const six = (v: number | null) => (v === null || !Number.isFinite(v) ? null : sixDigits(v));
  for (const [key, values] of Object.entries(committed)) {
    const fresh = history[key] ?? [];
    if (cut ? fresh.length > values.length : fresh.length !== values.length)
      return `${key}: ${fresh.length} epochs, the fixture has ${values.length}`;
    const at = values.slice(0, fresh.length).findIndex((v, i) => six(v) !== six(fresh[i]));
    if (at >= 0) return `${key}[${at}]: ${six(fresh[at])}, the fixture has ${values[at]}`;
  }
  return cut ? `same for the ${history.loss?.length ?? 0} epochs it trained before its time limit` : 'same';
}

export async function runPresetBench(): Promise<PresetRow[]> {
  const rows: PresetRow[] = [];
  try {
    for (const preset of Object.values(PRESETS)) {
      const t0 = performance.now();
      const own = await runTrain(preset.config);
      // a run cut by its wall-time cap (max_seconds) on a busy machine is shorter than the engine's curve:
      // compared on the epochs it trained
      const fixture = fixtureCheck(
        preset.name,
        own.result.history as unknown as Record<string, (number | null)[]>,
        own.result.stop_reason === 'time_limit',
      );
      const got: PresetRow['got'] = [];
      for (const seed of SEEDS) {
        const { diagnosis, result } = await runTrain(presetAtSeed(preset.name, seed));
        got.push({
          pattern: diagnosis.pattern,
          confidence: diagnosis.confidence,
          timeLimited: result.stop_reason === 'time_limit',
        });
      }
      rows.push({
        preset: preset.name,
        demonstrates: preset.demonstrates,
        runs: got.length,
        right: got.filter((g) => g.pattern === preset.demonstrates).length,
        got,
        ms: performance.now() - t0,
        fixture,
      });
    }
  } finally {
    await closePool();
  }
  return rows;
}

export function formatPresetBench(rows: PresetRow[]): string {
  const all = rows.reduce((s, r) => s + r.runs, 0);
  const right = rows.reduce((s, r) => s + r.right, 0);
  const lines = [
    `| preset (fit seeds ${SEEDS[0]}-${SEEDS[SEEDS.length - 1]}) | demonstrates | read as that | the others | its own seed vs fixtures/presets | training + diagnosis, s |`,
    '|---|---|---|---|---|---|',
    ...rows.map((r) => {
      const others = r.got
        .filter((g) => g.pattern !== r.demonstrates)
        .map((g) => `${g.pattern} ${Math.round(g.confidence * 100)}%${g.timeLimited ? ' (time limit)' : ''}`)
        .join(', ');
      const cut = r.got.filter((g) => g.timeLimited).length;
      return `| ${r.preset} | ${r.demonstrates} | ${r.right}/${r.runs}${cut ? ` (${cut} cut by the time limit)` : ''} | ${others || '-'} | ${r.fixture} | ${(r.ms / 1000).toFixed(1)} |`;
    }),
    `| all | | ${right}/${all} (${((100 * right) / Math.max(all, 1)).toFixed(1)}%) | | | |`,
  ];
  return lines.join('\n');
}
