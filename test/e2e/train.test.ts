/**
 * /train, /sweep and their buttons end to end: real discord.js against the fake Discord, real training
 * in the training worker pool (tiny runs: the machine has 2 cores). We assert the live progress edits,
 * the final chart + verdict, Cancel, apply-fix (before/after overlay + verdict), the Keras export (the
 * script parses as Python), the sweep leaderboard, the one-job-per-user refusal, and the expired-token
 * path (a channel message with the bot token).
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  startHarness,
  finalFor,
  callbackFor,
  textsFor,
  decodePng,
  embedProblems,
  componentProblems,
  componentIds,
  isTrainingFinal,
  type Harness,
} from './harness.js';
import type { FakeDiscord, Recorded } from './fake-discord.js';
import { createQueue } from '../../src/jobs/index.js';
import { TRAIN_WORK } from '../../src/requests/training.js';

const EPHEMERAL = 64;
const EDIT = '/webhooks/:app/:token/messages/:msg';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ RATE_USER: '1000', RATE_GUILD: '1000' });
});
afterAll(async () => {
  await h?.close();
});

const edits = (fake: FakeDiscord, token: string) =>
  fake.forToken(token).filter((r) => r.method === 'PATCH' && r.route === EDIT && r.status < 300);
const ids = componentIds;

/** the final edit: the one carrying files or the cancelled/failed text (progress edits have a Cancel button) */
const finalEdit = (fake: FakeDiscord, token: string, timeoutMs = 60_000): Promise<Recorded> =>
  fake.waitFor(isTrainingFinal(token), timeoutMs);

let underfitFinal: Recorded;

describe('/train', () => {
  test('underfit preset: progress edits with a bar and Cancel, then the chart and the underfitting verdict', async () => {
    const { token } = h.fake.command('train', { preset: 'underfit' });
    const cb = await callbackFor(h.fake, token);
    expect(cb.json.type).toBe(5);
    const fin = await finalEdit(h.fake, token);
    underfitFinal = fin;
    const progress = edits(h.fake, token).filter((r) => r !== fin);
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress.some((r) => /epoch \d+\/40/.test(r.json.content))).toBe(true);
    expect(
      progress.every(
        (r) => /[█░]{20}/.test(r.json.content) && ids(r.json.components).some((id) => id.endsWith('|cancel')),
      ),
    ).toBe(true);
    expect(progress.every((r) => r.at <= fin.at)).toBe(true);
    expect(fin.files).toHaveLength(1);
    expect((await decodePng(fin.files[0].data)).format).toBe('png');
    expect(fin.json.embeds[0].title).toMatch(/^Underfitting/);
    expect(fin.json.content).toMatch(/trained underfit/);
    expect(embedProblems(fin.json.embeds)).toEqual([]);
    expect(componentProblems(fin.json.components)).toEqual([]);
    const all = ids(fin.json.components);
    expect(all.some((id) => /\|fix$/.test(id))).toBe(true);
    expect(all.some((id) => /\|keras$/.test(id))).toBe(true);
  }, 60_000);

  test('Export as Keras script attaches a .py that parses, with a flavour select', async () => {
    const keras = ids(underfitFinal.json.components).find((id) => id.endsWith('|keras'))!;
    const { token } = h.fake.component(keras, 2);
    const cb = await callbackFor(h.fake, token);
    expect(cb.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(cb.files).toHaveLength(1);
    expect(cb.files[0].name).toMatch(/_tfkeras\.py$/);
    const py = cb.files[0].data.toString('utf8');
    const r = spawnSync('python3', ['-c', 'import ast,sys; ast.parse(sys.stdin.read())'], {
      input: py,
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(py).toMatch(/tensorflow/);
    const sel = ids(cb.json.data.components).find((id) => id.endsWith('|kflav'))!;
    const k2 = h.fake.component(sel, 3, ['keras2']);
    const cb2 = await callbackFor(h.fake, k2.token);
    expect(cb2.files[0].name).toMatch(/_keras2\.py$/);
    expect(cb2.files[0].data.toString('utf8')).toMatch(/\blr=/);
  });

  test('Apply the suggested fix: live progress, then before vs after on one chart with a verdict and the changes', async () => {
    const fix = ids(underfitFinal.json.components).find((id) => id.endsWith('|fix'))!;
    const { token } = h.fake.component(fix, 2);
    const fin = await finalEdit(h.fake, token, 90_000);
    expect(edits(h.fake, token).some((r) => r !== fin && /fixed run: epoch \d+\/\d+/.test(r.json.content))).toBe(true);
    expect(fin.files[0].name).toBe('compare.png');
    expect((await decodePng(fin.files[0].data)).format).toBe('png');
    const e = fin.json.embeds[0];
    expect(e.title).toMatch(/^Before vs after the fix: (fixed|improved|traded|unchanged|worse)$/);
    expect(e.description).toMatch(/Changes/);
    expect(e.description).toMatch(/units/);
    expect(e.fields.map((f: any) => f.name)).toEqual(['Before', 'After']);
    expect(e.fields[0].value).toMatch(/Underfitting/);
    expect(e.image.url).toBe('attachment://compare.png');
    expect(embedProblems(fin.json.embeds)).toEqual([]);
    expect(componentProblems(fin.json.components)).toEqual([]);
  }, 90_000);

  test('one job per person: a second /train is refused privately; Cancel ends the first', async () => {
    const user = { id: '777777777777777777' };
    const first = h.fake.command('train', { preset: 'overfit' }, { user });
    // the first progress edit carries the Cancel button
    const prog = await h.fake.waitFor(
      (r) =>
        r.token === first.token && r.method === 'PATCH' && ids(r.json?.components).some((id) => id.endsWith('|cancel')),
      30_000,
    );
    const second = h.fake.command('train', { preset: 'ideal' }, { user });
    const cb = await callbackFor(h.fake, second.token);
    expect(cb.json.type).toBe(4);
    expect(cb.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(cb.json.data.content).toMatch(/already have a training job running/);
    // someone else cannot cancel it
    const cancel = ids(prog.json.components).find((id) => id.endsWith('|cancel'))!;
    const other = h.fake.component(cancel, 2, [], { user: { id: '888888888888888888' } });
    expect((await callbackFor(h.fake, other.token)).json.data.content).toMatch(/Only the person/);
    const click = h.fake.component(cancel, 2, [], { user });
    expect((await callbackFor(h.fake, click.token)).json.type).toBe(6); // deferred update
    const fin = await finalEdit(h.fake, first.token, 30_000);
    expect(fin.json.content).toMatch(/Cancelled/);
    expect(fin.json.components).toEqual([]);
    expect((await h.bot.ctx.jobs.get(cancel.split('|')[1]))?.state).toBe('cancelled');
    // and the user may train again
    const again = h.fake.command('train', { preset: 'ideal', epochs: 5 }, { user });
    const fin2 = await finalEdit(h.fake, again.token, 30_000);
    expect(fin2.files).toHaveLength(1);
  }, 60_000);

  test('ideal preset: a good fit, so the fix button is disabled (and refused if clicked anyway)', async () => {
    const { token } = h.fake.command('train', { preset: 'ideal' });
    const fin = await finalEdit(h.fake, token, 30_000);
    expect(fin.json.embeds[0].title).toMatch(/^Good fit/);
    const btn = fin.json.components.flatMap((r: any) => r.components).find((c: any) => /\|fix$/.test(c.custom_id));
    expect(btn.disabled).toBe(true);
    const click = h.fake.component(btn.custom_id, 2);
    const cb = await callbackFor(h.fake, click.token);
    expect(cb.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(cb.json.data.content).toMatch(/no config change to try/);
  }, 30_000);

  test('a bad option combination is refused privately before any work', async () => {
    const { token } = h.fake.command('train', { preset: 'ideal', epochs: 5, batch_size: 0 });
    const cb = await callbackFor(h.fake, token);
    expect(cb.json.type).toBe(4);
    expect(cb.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(textsFor(h.fake, token).join(' ')).toMatch(/batch/);
  });

  test('a config file attachment (YAML)', async () => {
    const yaml =
      'name: "my-yaml @everyone"\ndata: { dataset: linear, samples: 100, n_steps: 5, noise: 0.01, scaling: none }\nmodel: { lstm: [ { units: 8 } ] }\nfit: { epochs: 4 }\n';
    const { token } = h.fake.command('train', { config: { name: 'my.yaml', data: yaml } });
    const fin = await finalEdit(h.fake, token, 30_000);
    expect(fin.json.content.replace(/\\/g, '')).toMatch(/my-yaml @\u200beveryone: LSTM\(8\)/);
    // the user's config name is shown as plain text, never as a mention
    expect(JSON.stringify(h.fake.forToken(token).map((r) => r.json))).not.toMatch(/@everyone/);
    expect(fin.files).toHaveLength(1);
  }, 30_000);
});

describe('/sweep', () => {
  test('2 values x 1 repeat: progress, then a leaderboard and an overlay of the best runs', async () => {
    const { token } = h.fake.command('sweep', { param: 'units', values: '4,8', repeats: 1, epochs: 5 });
    const fin = await finalEdit(h.fake, token, 60_000);
    const progress = edits(h.fake, token).filter((r) => r !== fin);
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress.every((r) => /Sweep over units/.test(r.json.content) && /[█░]{20}/.test(r.json.content))).toBe(
      true,
    );
    const e = fin.json.embeds[0];
    expect(e.title).toMatch(/Sweep over units: 2 values × 1/);
    expect(e.description).toMatch(/best val_loss \(mean ± std\)/);
    expect(e.description).toMatch(/units 4/);
    expect(e.description).toMatch(/units 8/);
    expect(fin.files[0].name).toBe('sweep.png');
    expect((await decodePng(fin.files[0].data)).format).toBe('png');
    expect(embedProblems(fin.json.embeds)).toEqual([]);
  }, 60_000);

  test('random search: trials sampled from the space, ranked, on one chart', async () => {
    const { token } = h.fake.command('sweep', { param: 'random', trials: 2, epochs: 3 });
    const fin = await finalEdit(h.fake, token, 60_000);
    const progress = edits(h.fake, token).filter((r) => r !== fin);
    // (the title is Markdown-escaped)
    expect(progress.some((r) => /Random search \\?\(2 trials\\?\)/.test(r.json.content))).toBe(true);
    const e = fin.json.embeds[0];
    expect(e.title).toMatch(/Random search: 2 trials/);
    expect(e.description).toMatch(/#1 LSTM \d+/);
    expect(e.description).toMatch(/#2 LSTM \d+/);
    expect(e.description).toMatch(/lr \d/);
    expect(fin.files[0].name).toBe('sweep.png');
    expect(embedProblems(fin.json.embeds)).toEqual([]);
  }, 60_000);

  test('search:tpe: the trials, the validated leaderboard, the best-so-far chart, the Keras and hyperopt scripts', async () => {
    const { token } = h.fake.command('sweep', { search: 'tpe', trials: 3, repeats: 1, epochs: 3, vs_random: true });
    const fin = await finalEdit(h.fake, token, 120_000);
    const progress = edits(h.fake, token).filter((r) => r !== fin);
    expect(progress.some((r) => /TPE search \\?\(3 trials, pruned\\?\)/.test(r.json.content))).toBe(true);
    const [summary, board] = fin.json.embeds;
    expect(summary.title).toMatch(/^TPE search: 3 trials, \d+ pruned \(\d+ epochs saved\)$/);
    expect(summary.description).toMatch(/space: units 32\.\.256 step 32, lr e\^-5\.\.e\^-2 \(log\), dropout 0\.\.0\.5/);
    expect(summary.description).toMatch(/units \d+, lr [\d.e-]+, dropout [\d.]+/);
    expect(summary.image.url).toBe('attachment://search.png');
    // the random-search arm ran on the same budget
    expect(summary.description).toMatch(/random search: best val_loss [\d.e-]+ after 3 trials/);
    expect(board.title).toMatch(/Validated: the top 2 re-run with 1 new seeds/);
    expect(board.description).toMatch(/best val_loss \(mean ± std\)/);
    const names = fin.files.map((f) => f.name);
    expect(names).toEqual(['sweep.png', 'search.png', 'tpe_best_keras.py', 'tpe_search_hyperopt.py']);
    expect((await decodePng(fin.files[1].data)).format).toBe('png');
    for (const f of fin.files.slice(2)) {
      const r = spawnSync('/usr/bin/python3', ['-c', 'import ast,sys; ast.parse(sys.stdin.read())'], {
        input: f.data.toString('utf8'),
        encoding: 'utf8',
      });
      expect(r.status, `${f.name}: ${r.stderr}`).toBe(0);
    }
    expect(fin.files[3].data.toString('utf8')).toMatch(/fmin\(objective, SPACE, algo=tpe\.suggest/);
    expect(embedProblems(fin.json.embeds)).toEqual([]);
  }, 120_000);

  test('search:tpe refuses param and values; no param and no search asks for one', async () => {
    const a = h.fake.command('sweep', { search: 'tpe', param: 'units' });
    expect((await callbackFor(h.fake, a.token)).json.data.content).toMatch(/param is for a grid sweep; search:tpe/);
    const b = h.fake.command('sweep', { search: 'tpe', values: '4,8' });
    expect((await callbackFor(h.fake, b.token)).json.data.content).toMatch(/values are for a sweep over one parameter/);
    const v = h.fake.command('sweep', { param: 'units', vs_random: true });
    expect((await callbackFor(h.fake, v.token)).json.data.content).toMatch(/vs\\?_random is for a TPE search/);
    const c = h.fake.command('sweep', {});
    expect((await callbackFor(h.fake, c.token)).json.data.content).toMatch(
      /give param .* or search \\?\(random or tpe\\?\)/,
    );
  });

  test('random search refuses values, a grid sweep refuses trials', async () => {
    const a = h.fake.command('sweep', { param: 'random', values: '4,8' });
    expect((await callbackFor(h.fake, a.token)).json.data.content).toMatch(/random search samples units 16-128/);
    const b = h.fake.command('sweep', { param: 'units', trials: 3 });
    expect((await callbackFor(h.fake, b.token)).json.data.content).toMatch(/trials are for random search/);
  });

  test('an oversized sweep is refused privately', async () => {
    const { token } = h.fake.command('sweep', { param: 'units', repeats: 5, values: '4,8,16,32,64,128,4,8,16' });
    const cb = await callbackFor(h.fake, token);
    expect(cb.json.type).toBe(4);
    expect(cb.json.data.content).toMatch(/limit is 40/);
  });
});

test('/help mentions /train and /sweep', async () => {
  const { token } = h.fake.command('help', {});
  const cb = await callbackFor(h.fake, token);
  const text = JSON.stringify(cb.json.data.embeds);
  expect(text).toMatch(/\/train/);
  expect(text).toMatch(/\/sweep/);
  expect(embedProblems(cb.json.data.embeds)).toEqual([]);
});

describe('a job that outlives its interaction token', () => {
  let h2: Harness;
  beforeAll(async () => {
    h2 = await startHarness({ RATE_USER: '1000', RATE_GUILD: '1000', TOKEN_TTL_MS: '0', WORKERS: '1' });
  });
  afterAll(async () => {
    await h2?.close();
  });

  test('posts the result as a new channel message with the bot token', async () => {
    const { token } = h2.fake.command('train', { preset: 'ideal', epochs: 5 });
    await callbackFor(h2.fake, token);
    const post = await h2.fake.waitFor((r) => r.method === 'POST' && r.route === '/channels/:channel/messages', 30_000);
    expect(post.path).toBe('/channels/444444444444444444/messages');
    expect(post.headers.authorization).toMatch(/^Bot /);
    expect(post.files[0].name).toBe('curve.png');
    expect((await decodePng(post.files[0].data)).format).toBe('png');
    expect(post.json.content).toMatch(/longer than Discord lets a reply be edited/);
    expect(post.json.embeds[0].title.length).toBeGreaterThan(3);
    expect(post.json.allowed_mentions).toEqual({ parse: [] });
    // no edits on the expired token
    expect(edits(h2.fake, token)).toEqual([]);
  }, 30_000);
});

describe('a token that expires while the job runs', () => {
  let h4: Harness;
  const TTL = 1500;
  beforeAll(async () => {
    h4 = await startHarness({
      RATE_USER: '1000',
      RATE_GUILD: '1000',
      TOKEN_TTL_MS: String(TTL),
      PROGRESS_EDIT_MS: '100',
      WORKERS: '1',
    });
  });
  afterAll(async () => {
    await h4?.close();
  });

  test('edits the reply while the token lives, then posts the result in the channel and never touches the token again', async () => {
    // the overfit preset trains for a few seconds: well past the 1.5 s token
    const { token } = h4.fake.command('train', { preset: 'overfit', epochs: 150 });
    const cb = await callbackFor(h4.fake, token);
    const post = await h4.fake.waitFor((r) => r.method === 'POST' && r.route === '/channels/:channel/messages', 60_000);
    expect(post.json.content).toMatch(/longer than Discord lets a reply be edited/);
    expect(post.files[0].name).toBe('curve.png');
    const live = edits(h4.fake, token);
    expect(live.length).toBeGreaterThanOrEqual(1); // progress while the token was good
    expect(live.every((r) => /Training|epoch|starting/i.test(r.json?.content ?? ''))).toBe(true);
    // nothing on the token after it expired (measured from the interaction's creation, ~ the callback)
    expect(Math.max(...live.map((r) => r.at)) - cb.at).toBeLessThan(TTL + 250);
    expect(post.at - cb.at).toBeGreaterThan(TTL);
  }, 60_000);
});

describe('global caps and the rate limit', () => {
  let h3: Harness;
  beforeAll(async () => {
    // one training slot and one waiting place; one request per person per minute
    h3 = await startHarness(
      { RATE_USER: '1', RATE_GUILD: '1000', WORKERS: '1' },
      { jobs: createQueue(TRAIN_WORK, { concurrency: 1, maxQueued: 1 }) },
    );
  });
  afterAll(async () => {
    await h3?.close();
  });

  test('a waiting job says so; a full queue and the rate limit are refused privately', async () => {
    const a = h3.fake.command('train', { preset: 'overfit' }, { user: { id: '900000000000000001' } });
    await callbackFor(h3.fake, a.token);
    const b = h3.fake.command('train', { preset: 'overfit' }, { user: { id: '900000000000000002' } });
    const waiting = await h3.fake.waitFor(
      (r) =>
        r.token === b.token && r.method === 'PATCH' && /waiting for a free training slot/.test(r.json?.content ?? ''),
      15_000,
    );
    expect(ids(waiting.json.components).some((id) => id.endsWith('|cancel'))).toBe(true);
    const c = h3.fake.command('train', { preset: 'ideal' }, { user: { id: '900000000000000003' } });
    const cbc = await callbackFor(h3.fake, c.token);
    expect(cbc.json.type).toBe(4);
    expect(cbc.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(cbc.json.data.content).toMatch(/Every training slot is busy/);
    const again = h3.fake.command('train', { preset: 'ideal' }, { user: { id: '900000000000000001' } });
    const cba = await callbackFor(h3.fake, again.token);
    expect(cba.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(cba.json.data.content).toMatch(/Try again in \d+ s/);
    // end both jobs: the queued one is cancelled without ever starting
    for (const t of [b.token, a.token]) {
      const msg = h3.fake.forToken(t).find((r) => ids(r.json?.components).some((id) => id.endsWith('|cancel')));
      if (!msg) continue;
      const cancel = ids(msg.json.components).find((id) => id.endsWith('|cancel'))!;
      const jobId = cancel.split('|')[1];
      const owner = (await h3.bot.ctx.jobs.get(jobId))!.userId;
      h3.fake.component(cancel, 2, [], { user: { id: owner } });
      expect((await finalEdit(h3.fake, t, 30_000)).json.content).toMatch(/Cancelled/);
    }
  }, 60_000);
});
