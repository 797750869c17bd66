/**
 * Team memory of the runs trained here, on the other backend: the real bot against the fake Discord
 * with DATABASE_URL pointing at a throwaway PostgreSQL cluster (test/services/postgres.ts). /train,
 * apply-fix and /sweep (its best run) are kept with their config and backend and say their id; /best
 * ranks them over the trend chart; /compare by ids says what changed in the config. Last, the
 * database goes away: diagnosing still answers, just without an id.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startPostgres, type ThrowawayPostgres } from '../services/postgres.js';
import {
  startHarness,
  componentIds as ids,
  decodePng,
  embedProblems,
  finalFor,
  isTrainingFinal,
  type Harness,
} from './harness.js';
import type { FakeDiscord, Recorded } from './fake-discord.js';
import type { Scope } from '../../src/memory/index.js';

const EDIT = '/webhooks/:app/:token/messages/:msg';
const GUILD: Scope = { kind: 'guild', guildId: '333333333333333333' };

let pg: ThrowawayPostgres;
let h: Harness;
beforeAll(async () => {
  pg = await startPostgres();
  h = await startHarness({ RATE_USER: '1000', RATE_GUILD: '1000', DATABASE_URL: pg.url });
}, 60_000);
afterAll(async () => {
  await h?.close();
  if (!pgStopped) await pg?.stop();
});
let pgStopped = false;

/** the final edit of a training job (progress edits carry a Cancel button) */
function finalEdit(fake: FakeDiscord, token: string, timeoutMs = 90_000): Promise<Recorded> {
  return fake.waitFor(isTrainingFinal(token), timeoutMs);
}
const savedId = (content: string) => /saved as #([0-9a-f]+)/.exec(content ?? '')?.[1];
const memory = () => h.bot.ctx.memory!;

describe('trained runs are kept (PostgreSQL)', () => {
  let trained: string;
  let fixed: string;

  test('the bot runs on PostgreSQL; /train before consent keeps nothing', async () => {
    expect(memory().backend).toBe('postgres');
    const { token } = h.fake.command('train', { preset: 'ideal', epochs: 4 });
    const fin = await finalEdit(h.fake, token);
    expect(fin.json.embeds[0].title).toBeDefined();
    expect(fin.json.content).not.toMatch(/saved as/);
    expect((await memory().list({ scope: GUILD })).items).toEqual([]);
  }, 90_000);

  test('after /settings history:on, /train is kept with its config and backend', async () => {
    const on = h.fake.command('settings', { history: 'on' });
    await finalFor(h.fake, on.token);
    const { token } = h.fake.command('train', { preset: 'underfit' });
    const fin = await finalEdit(h.fake, token);
    trained = savedId(fin.json.content)!;
    expect(trained).toBeDefined();
    const run = await memory().get(GUILD, trained);
    expect(run?.source).toBe('train');
    expect(run?.pattern).toBe('underfitting');
    // one run, one confidence: the reply reads the engine's run through the same (zoo's) map as its kept record
    const shown = /confidence (\d+(?:\.\d)?)%/.exec(fin.json.embeds[0].title as string)?.[1];
    expect(Number(shown)).toBeCloseTo(run!.confidence * 100, 0);
    expect(run?.backend).toBeTruthy();
    expect((run?.config as any)?.fit?.epochs).toBeGreaterThan(0);
    // apply-fix keeps the retrained run
    const fix = ids(fin.json.components).find((id) => id.endsWith('|fix'))!;
    const click = h.fake.component(fix, 2);
    const after = await finalEdit(h.fake, click.token);
    fixed = savedId(after.json.content)!;
    expect(fixed).toBeDefined();
    expect((await memory().get(GUILD, fixed))?.source).toBe('apply_fix');
  }, 180_000);

  test('/sweep keeps its best run', async () => {
    const { token } = h.fake.command('sweep', { param: 'units', values: '4,8', repeats: 1, epochs: 5 });
    const fin = await finalEdit(h.fake, token);
    const id = savedId(fin.json.content)!;
    const run = await memory().get(GUILD, id);
    expect(run?.source).toBe('sweep');
    expect(run?.title).toMatch(/^sweep best: units (4|8)/);
    expect(fin.json.embeds[0].description).toMatch(
      new RegExp(`Best: \\*\\*units ${(run!.config as any).model.lstm[0].units}`),
    );
  }, 120_000);

  test('/compare by ids of the run and its fix: both diagnoses and the config changes', async () => {
    const { token } = h.fake.command('compare', { id_a: trained, id_b: `#${fixed}` });
    const fin = await finalFor(h.fake, token);
    const [e] = fin.json.embeds;
    expect(e.fields[0].value).toMatch(/Underfitting/);
    expect(e.fields[2].name).toBe('What changed in the training config');
    expect(e.fields[2].value).toMatch(/→/);
    expect(embedProblems(fin.json.embeds)).toEqual([]);
  });

  test('/best ranks the three training runs over a trend chart', async () => {
    const { token } = h.fake.command('best');
    const fin = await finalFor(h.fake, token);
    expect(fin.files[0].name).toBe('trend.png');
    expect((await decodePng(fin.files[0].data)).width).toBe(h.config.CHART_WIDTH);
    const d = fin.json.embeds[0].description as string;
    expect([...d.matchAll(/^\d+\. `#[0-9a-f]+`/gm)]).toHaveLength(3);
    const values = [...d.matchAll(/^\d+\. `#[0-9a-f]+` \*\*([^*]+)\*\*/gm)].map((m) => Number(m[1]));
    expect(values).toEqual([...values].sort((a, b) => a - b));
  });

  test('when the database is gone, a diagnosis still answers (without an id)', async () => {
    await pg.stop();
    pgStopped = true;
    const { token } = h.fake.command('diagnose', { file: { name: 'fixtures/demo/lstm-overfitting.csv' } });
    const fin = await finalFor(h.fake, token);
    expect(fin.json.embeds[0].title).toMatch(/^Overfitting/);
    expect(fin.json.content).not.toMatch(/saved as/);
    expect(h.logs.some((l) => /history settings could not be read|could not be kept in history/.test(l))).toBe(true);
  }, 60_000);
});
