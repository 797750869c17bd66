/**
 * Every command end to end: real discord.js against the fake Discord on 127.0.0.1. We dispatch
 * INTERACTION_CREATE and assert what the bot sent: the callback, the webhook edit (multipart PNG),
 * embeds and components within Discord's limits, the right verdict.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { patternLabel } from '../../src/cli/report.js';
import { triage } from '../../src/pipeline.js';
import type { Pattern } from '../../src/diagnose/schema.js';
import {
  startHarness,
  finalFor,
  callbackFor,
  textsFor,
  decodePng,
  embedProblems,
  componentProblems,
  type Harness,
} from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ RATE_USER: '1000', RATE_GUILD: '1000' });
});
afterAll(async () => {
  await h?.close();
});

const EPHEMERAL = 64;
const DEMO = { name: 'fixtures/demo/lstm-overfitting.csv' };

function allCustomIds(rows: any[]): string[] {
  return rows.flatMap((r) => r.components.map((c: any) => c.custom_id));
}

describe('/diagnose', () => {
  test('file in a server: defers publicly, then one edit with the chart, the verdict embed and components', async () => {
    const { token } = h.fake.command('diagnose', { file: DEMO });
    const cb = await callbackFor(h.fake, token);
    expect(cb.json.type).toBe(5); // DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE
    expect(cb.json.data?.flags ?? 0).toBe(0);
    const fin = await finalFor(h.fake, token);
    expect(fin.files).toHaveLength(1);
    expect(fin.files[0].name).toBe('curve.png');
    const png = await decodePng(fin.files[0].data);
    expect(png.format).toBe('png');
    expect(png.width).toBe(h.config.CHART_WIDTH);
    const [embed] = fin.json.embeds;
    expect(embed.title).toMatch(/^Overfitting/);
    expect(embed.title).toMatch(/confidence \d+%/);
    expect(embed.description).toMatch(/Evidence/);
    expect(embed.fields.length).toBeGreaterThan(0); // strategies
    expect(embed.image.url).toBe('attachment://curve.png');
    expect(embedProblems(fin.json.embeds)).toEqual([]);
    expect(componentProblems(fin.json.components)).toEqual([]);
    const ids = allCustomIds(fin.json.components);
    expect(ids.some((id) => /^ct\|[^|]+\|code$/.test(id))).toBe(true);
    expect(ids).toContain('ct|-|ex|overfitting|tfkeras');
    expect(fin.json.content).toMatch(/read as keras-csv/);
    expect(fin.json.allowed_mentions).toEqual({ parse: [] });
  });

  test('pasted text (a model.fit console in a code block)', async () => {
    const log = readFileSync('fixtures/patterns/underfitting-console.txt', 'utf8');
    const { token } = h.fake.command('diagnose', { text: '```\n' + log.slice(0, 5900) + '\n```' });
    const fin = await finalFor(h.fake, token);
    expect(fin.json.embeds[0].title).toMatch(/^Underfitting/);
  });

  test('in a DM (user-installed app)', async () => {
    const { token } = h.fake.command('diagnose', { file: DEMO }, { dm: true });
    const fin = await finalFor(h.fake, token);
    expect(fin.json.embeds[0].title).toMatch(/^Overfitting/);
  });

  test('in a group DM (user-installed app, context 2)', async () => {
    const { token } = h.fake.command('diagnose', { file: DEMO }, { groupDm: true });
    const fin = await finalFor(h.fake, token);
    expect(fin.json.embeds[0].title).toMatch(/^Overfitting/);
  });

  test('private: the defer is ephemeral', async () => {
    const { token } = h.fake.command('diagnose', { file: DEMO, private: true });
    const cb = await callbackFor(h.fake, token);
    expect(cb.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    await finalFor(h.fake, token);
  });

  test('dialect option reaches the advice', async () => {
    const { token } = h.fake.command('diagnose', { file: DEMO, dialect: 'keras3' });
    const fin = await finalFor(h.fake, token);
    expect(fin.json.embeds[0].footer.text).toMatch(/keras3/);
  });

  test('a metric the log does not have: said so, with what the log has', async () => {
    const { token } = h.fake.command('diagnose', { file: DEMO, metric: 'val_f1' });
    const fin = await finalFor(h.fake, token);
    expect(fin.json.content.replace(/\\/g, '')).toMatch(
      /no series named `val_f1`; read val_loss \/ loss instead\. In this log: .*val_accuracy/,
    );
  });

  test('metric:val_accuracy focuses the diagnosis on it', async () => {
    const { token } = h.fake.command('diagnose', { file: DEMO, metric: 'val_accuracy' });
    const fin = await finalFor(h.fake, token);
    expect(fin.json.content).not.toMatch(/no series named/);
  });

  test('run:all on a two-run CSVLogger file lists each run', async () => {
    const { token } = h.fake.command('diagnose', {
      file: { name: 'fixtures/formats/csvlogger-append-two-runs.csv' },
      run: 'all',
    });
    const fin = await finalFor(h.fake, token);
    expect(fin.json.content).toMatch(/run 1: /);
    expect(fin.json.content).toMatch(/run 2: /);
  });

  test('a bad run number is refused privately before any work', async () => {
    const { token } = h.fake.command('diagnose', { file: DEMO, run: 'seven' });
    const cb = await callbackFor(h.fake, token);
    expect(cb.json.type).toBe(4);
    expect(cb.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(cb.json.data.content).toMatch(/run/);
  });

  test('no input: a private hint', async () => {
    const { token } = h.fake.command('diagnose', {});
    const cb = await callbackFor(h.fake, token);
    expect(cb.json.type).toBe(4);
    expect(cb.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(cb.json.data.content).toMatch(/Attach the log/);
  });

  test('a file that is not a log: the ingest message, privately, no stack', async () => {
    const { token } = h.fake.command('diagnose', { file: { name: 'fixtures/bad/no-metrics.txt' } });
    await h.fake.waitFor((r) => r.token === token && r.route === '/webhooks/:app/:token' && r.method === 'POST');
    const follow = h.fake.forToken(token).find((r) => r.method === 'POST' && r.route === '/webhooks/:app/:token')!;
    expect(follow.json.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(follow.json.content.length).toBeGreaterThan(20);
    expect(follow.json.content).not.toMatch(/\bat .+\.(ts|js):\d+/);
    // the public "thinking…" was removed
    expect(h.fake.forToken(token).some((r) => r.method === 'DELETE')).toBe(true);
  });

  // the bot is an adapter: it must show exactly the pipeline's verdict (whether that verdict matches the
  // fixture's intent is diagnose's own test)
  const manifest = JSON.parse(readFileSync('fixtures/patterns/MANIFEST.json', 'utf8')) as Record<
    string,
    { pattern: Pattern }
  >;
  test.each(Object.keys(manifest))('pattern fixture %s: the embed shows the pipeline verdict', async (file) => {
    const expected = triage(readFileSync(`fixtures/patterns/${file}`), { fileName: file }).diagnosis;
    const { token } = h.fake.command('diagnose', { file: { name: `fixtures/patterns/${file}` } });
    const fin = await finalFor(h.fake, token);
    const title = fin.json.embeds[0].title.replace(/\\/g, '');
    expect(title).toMatch(new RegExp(`^${patternLabel(expected.pattern)}`));
    expect(title).toContain(`${Math.round(expected.confidence * 100)}%`);
    expect(embedProblems(fin.json.embeds)).toEqual([]);
    expect(componentProblems(fin.json.components)).toEqual([]);
    expect((await decodePng(fin.files[0].data)).format).toBe('png');
  });
});

describe('under a burst', () => {
  test("webhook edits are not held to the REST client's 50/s global cap (Discord exempts interaction endpoints)", () => {
    expect(h.bot.client.rest.options.globalRequestsPerSecond).toBeGreaterThan(50);
  });

  test('every request is deferred well inside 3 s while the workers are busy', async () => {
    const { makeLog } = await import('../../bench/bot/bot-bench.js');
    const sent = Array.from({ length: 16 }, (_, i) => {
      const t0 = performance.now();
      const { token } = h.fake.command(
        'diagnose',
        { file: { name: `burst-${i}.csv`, data: makeLog(i + 1, 2000) } },
        { user: { id: String(600000000000000000n + BigInt(i)) } },
      );
      return { t0, token };
    });
    const deferMs = await Promise.all(sent.map(async (s) => (await callbackFor(h.fake, s.token)).at - s.t0));
    expect(Math.max(...deferMs)).toBeLessThan(2500); // Discord invalidates the token at 3 s
    await Promise.all(sent.map((s) => finalFor(h.fake, s.token, 60_000)));
  }, 90_000);
});

describe('context menu "Diagnose training log"', () => {
  test('on a message with an attachment', async () => {
    const { token } = h.fake.messageCommand('Diagnose training log', { attachments: [DEMO] });
    const fin = await finalFor(h.fake, token);
    expect(fin.json.embeds[0].title).toMatch(/^Overfitting/);
    expect(fin.json.content).toMatch(/from a message by teammate/);
  });

  test('a screenshot next to the log: the log is read', async () => {
    const { token } = h.fake.messageCommand('Diagnose training log', {
      attachments: [
        { name: 'screen.png', data: Buffer.from([0x89, 0x50, 0x4e, 0x47]), contentType: 'image/png' },
        DEMO,
      ],
    });
    const fin = await finalFor(h.fake, token);
    expect(fin.json.embeds[0].title).toMatch(/^Overfitting/);
  });

  test('on a message with a pasted log in a code block', async () => {
    const csv = readFileSync('fixtures/patterns/overfitting-keras.csv', 'utf8');
    const { token } = h.fake.messageCommand('Diagnose training log', {
      content: `my run, why??\n\`\`\`csv\n${csv}\`\`\``,
    });
    const fin = await finalFor(h.fake, token);
    expect(fin.json.embeds[0].title).toMatch(/^Overfitting/);
  });

  test('in DMs and group DMs (user-installed app)', async () => {
    for (const where of [{ dm: true }, { groupDm: true }]) {
      const { token } = h.fake.messageCommand('Diagnose training log', { attachments: [DEMO] }, where);
      const fin = await finalFor(h.fake, token);
      expect(fin.json.embeds[0].title).toMatch(/^Overfitting/);
    }
  });

  test('on a message with nothing to read', async () => {
    const { token } = h.fake.messageCommand('Diagnose training log', { content: '' });
    const cb = await callbackFor(h.fake, token);
    expect(cb.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  });
});

describe('/paste', () => {
  test('opens a modal with a 4,000-character paragraph, and the submission is diagnosed', async () => {
    const { token } = h.fake.command('paste', {});
    const cb = await callbackFor(h.fake, token);
    expect(cb.json.type).toBe(9); // MODAL
    const input = cb.json.data.components[0].components[0];
    expect(input).toMatchObject({ type: 4, style: 2, max_length: 4000 });
    expect(cb.json.data.title.length).toBeLessThanOrEqual(45);
    const log = readFileSync('fixtures/patterns/overfitting-console.txt', 'utf8').slice(0, 4000);
    const sub = h.fake.modalSubmit(cb.json.data.custom_id, { log, metric: '' });
    const fin = await finalFor(h.fake, sub.token);
    expect(fin.json.embeds[0].title).toMatch(
      /^(Overfitting|High variance|Good fit|Unstable|Underfitting|Not assessable)/,
    );
    expect(fin.files).toHaveLength(1);
  });
});

describe('teaching', () => {
  test('/explain pattern:underfitting', async () => {
    const { token } = h.fake.command('explain', { pattern: 'underfitting' });
    const cb = await callbackFor(h.fake, token);
    expect(cb.json.type).toBe(4);
    expect(cb.json.data.embeds[0].title).toMatch(/Underfitting/);
    expect(embedProblems(cb.json.data.embeds)).toEqual([]);
    expect(componentProblems(cb.json.data.components)).toEqual([]);
  });

  test('/why question', async () => {
    const { token } = h.fake.command('why', { question: 'why is my val_loss rising' });
    const cb = await callbackFor(h.fake, token);
    expect(cb.json.type).toBe(4);
    expect(cb.json.data.embeds[0].title.length).toBeGreaterThan(3);
    expect(embedProblems(cb.json.data.embeds)).toEqual([]);
  });

  test('/help: formats, limits and privacy, privately', async () => {
    const { token } = h.fake.command('help', {});
    const cb = await callbackFor(h.fake, token);
    expect(cb.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const names = cb.json.data.embeds[0].fields.map((f: any) => f.name);
    expect(names).toEqual(expect.arrayContaining(['Formats', 'Limits', 'Privacy']));
    expect(embedProblems(cb.json.data.embeds)).toEqual([]);
  });
});

describe('/compare', () => {
  test('two logs: an overlay chart and both verdicts side by side', async () => {
    const { token } = h.fake.command('compare', {
      a: { name: 'fixtures/patterns/overfitting-keras.csv' },
      b: { name: 'fixtures/patterns/good_fit-keras.csv' },
    });
    const fin = await finalFor(h.fake, token);
    expect(fin.files[0].name).toBe('compare.png');
    expect((await decodePng(fin.files[0].data)).format).toBe('png');
    const fields = fin.json.embeds[0].fields;
    expect(fields).toHaveLength(2);
    expect(fields.every((f: any) => f.inline)).toBe(true);
    expect(fields[0].value).toMatch(/Overfitting/);
    expect(fields[1].value).toMatch(/Good fit/);
    expect(embedProblems(fin.json.embeds)).toEqual([]);
    // "Advice for A" opens the full advice privately
    const adv = fin.json.components[0].components[0].custom_id;
    const click = h.fake.component(adv, 2);
    const cb = await callbackFor(h.fake, click.token);
    expect(cb.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(cb.json.data.embeds[0].title).toMatch(/^Overfitting/);
    expect(cb.json.data.embeds[0].image).toBeUndefined();
  });
});

describe('buttons and selects', () => {
  test('show code -> python in the log dialect; the dialect select switches it in place', async () => {
    const { token } = h.fake.command('diagnose', { file: DEMO });
    const fin = await finalFor(h.fake, token);
    const select = fin.json.components[0].components[0];
    expect(select.type).toBe(3);
    const first = select.options[0].value;
    const click = h.fake.component(select.custom_id, 3, [first]);
    const cb = await callbackFor(h.fake, click.token);
    expect(cb.json.type).toBe(4);
    expect(cb.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(cb.json.data.content).toMatch(/```python\n/);
    expect(cb.json.data.content.length).toBeLessThanOrEqual(2000);
    expect(cb.json.data.content).toMatch(/tensorflow\.keras/);
    const dia = cb.json.data.components[0].components[0];
    expect(dia.options.map((o: any) => o.value)).toEqual(['keras2', 'tfkeras', 'keras3']);
    const sw = h.fake.component(dia.custom_id, 3, ['keras3'], { ephemeralMessage: true });
    const cb2 = await callbackFor(h.fake, sw.token);
    expect(cb2.json.type).toBe(7); // UPDATE_MESSAGE
    expect(cb2.json.data.content).toMatch(/import keras/);
    expect(cb2.json.data.content).not.toMatch(/tensorflow\.keras/);
  });

  test('explain the pattern button', async () => {
    const click = h.fake.component('ct|-|ex|overfitting|keras3', 2);
    const cb = await callbackFor(h.fake, click.token);
    expect(cb.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(cb.json.data.embeds[0].title).toMatch(/Overfitting/);
  });

  test('an expired reply says so instead of failing', async () => {
    const click = h.fake.component('ct|nokey123|code', 3, ['early_stopping']);
    const cb = await callbackFor(h.fake, click.token);
    expect(cb.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(cb.json.data.content).toMatch(/expired/);
  });

  test('a foreign custom id is answered, not ignored', async () => {
    const click = h.fake.component('something-else', 2);
    const cb = await callbackFor(h.fake, click.token);
    expect(cb.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  });
});

test('nothing user-visible carries a stack trace, and logs hold no tokens and no log content', () => {
  const all = h.fake.requests.flatMap((r) => (r.token ? textsFor(h.fake, r.token) : []));
  for (const t of all) expect(t).not.toMatch(/\n\s+at .+:\d+:\d+/);
  const logs = h.logs.join('');
  expect(logs).not.toContain(h.config.DISCORD_TOKEN);
  for (const r of h.fake.requests) if (r.token) expect(logs).not.toContain(r.token);
  expect(logs).not.toContain('0.9408231'); // a value from the demo CSV
});
