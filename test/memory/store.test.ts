/**
 * The team memory store, the same suite against both backends for real: SQLite in a temp dir and a
 * throwaway PostgreSQL cluster (test/services/postgres.ts). No database mocks.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '../../src/diagnose/index.js';
import { triage } from '../../src/pipeline.js';
import { MemoryError, exportCsv, type MemoryStore, type Scope } from '../../src/memory/index.js';
import { runLine } from '../../src/bot/history-views.js';
import { csvLog, newRun, postgresBackend, sqliteBackend, type Backend } from './helpers.js';

const G: Scope = { kind: 'guild', guildId: '111' };
const G2: Scope = { kind: 'guild', guildId: '222' };
const DM: Scope = { kind: 'dm', userId: 'u1' };
const LOCAL: Scope = { kind: 'local' };
const DAY = 86_400_000;

describe.each([
  ['sqlite', sqliteBackend],
  ['postgres', postgresBackend],
] as const)('memory store on %s', (_name, make) => {
  let backend: Backend;
  let store: MemoryStore;
  const fresh = async () => {
    await store?.close();
    store = await backend.open();
    return store;
  };
  beforeAll(async () => {
    backend = await make();
    store = await backend.open();
  });
  afterAll(async () => {
    await store?.close();
    await backend?.stop();
  });

  it('keeps nothing before a scope opts in, and stops when it opts out', async () => {
    const s = await fresh();
    await expect(s.record(newRun(G))).rejects.toMatchObject({ code: 'no_consent' });
    await expect(s.record(newRun(DM))).rejects.toMatchObject({ code: 'no_consent' });
    expect((await s.list({ scope: G })).items).toEqual([]);
    await s.setSettings(G, { enabled: true, by: 'admin', at: 1000 });
    await s.record(newRun(G));
    await s.setSettings(G, { enabled: false, by: 'admin', at: 2000 });
    await expect(s.record(newRun(G))).rejects.toBeInstanceOf(MemoryError);
    expect((await s.list({ scope: G })).items).toHaveLength(1);
    // the CLI's local database: running it is the consent
    await s.record(newRun(LOCAL, { source: 'cli' }));
    expect((await s.list({ scope: LOCAL })).items).toHaveLength(1);
  });

  it('settings: default and capped retention, who turned history on and when', async () => {
    const s = await fresh();
    expect(await s.getSettings(G)).toBeUndefined();
    const on = await s.setSettings(G, { enabled: true, by: 'alice', at: 5000 });
    expect(on).toMatchObject({ enabled: true, retentionDays: 30, enabledBy: 'alice', enabledAt: 5000 });
    const more = await s.setSettings(G, { enabled: true, retentionDays: 365, by: 'bob', at: 6000 });
    expect(more).toMatchObject({ retentionDays: 365, enabledBy: 'alice', enabledAt: 5000, updatedBy: 'bob' });
    expect(await s.getSettings(G)).toEqual(more);
    for (const bad of [0, 366, 1.5, NaN])
      await expect(s.setSettings(G, { enabled: true, retentionDays: bad, by: 'x' })).rejects.toMatchObject({
        code: 'bad_input',
      });
    // DMs: each user for themselves
    expect(await s.getSettings(DM)).toBeUndefined();
    expect((await s.setSettings(DM, { enabled: true, retentionDays: 7, by: 'u1' })).retentionDays).toBe(7);
  });

  it('a stored run comes back whole: series (NaN kept), epoch numbering, format, diagnosis', async () => {
    const s = await fresh();
    await s.setSettings(G, { enabled: true, by: 'admin' });
    const input = newRun(G, { text: csvLog(60, { nanAt: 30 }), config: { epochs: 60, lr: 0.001 }, backend: 'wasm' });
    const summary = await s.record(input);
    expect(summary.id).toMatch(/^[0-9a-f]{4}$/);
    const got = (await s.get(G, `#${summary.id.toUpperCase()}`))!;
    expect(got).toBeDefined();
    const orig = input.log.runs[input.diagnosis.run.index];
    expect(got.run.epochNumbering).toBe(orig.epochNumbering);
    expect(got.run.xAxis).toBe(orig.xAxis);
    expect(got.run.label).toBe(orig.label);
    expect(got.run.series.map((x) => [x.key, x.name, x.base, x.split, x.kind])).toEqual(
      orig.series.map((x) => [x.key, x.name, x.base, x.split, x.kind]),
    );
    for (const [i, ser] of orig.series.entries()) {
      expect(got.run.series[i].x).toEqual(ser.x);
      expect(got.run.series[i].y).toEqual(ser.y.map((v) => Math.fround(v)));
    }
    expect(got.run.series.find((x) => x.key === 'val_loss')!.y.some(Number.isNaN)).toBe(true);
    expect(got.format).toBe('keras-csv');
    expect(got.log.format).toBe('keras-csv');
    expect(got.diagnosis).toEqual({ ...input.diagnosis, run: { ...input.diagnosis.run, index: 0 } });
    expect(got).toMatchObject({
      pattern: input.diagnosis.pattern,
      findings: input.diagnosis.findings,
      valKey: 'val_loss',
      bestX: input.diagnosis.evidence.best_x,
      config: { epochs: 60, lr: 0.001 },
      backend: 'wasm',
      source: 'upload',
      userId: 'u1',
      channelId: 'c1',
      scope: G,
    });
    // the pipeline runs again on the stored log and reaches the same verdict
    expect(diagnose(got.log).pattern).toBe(input.diagnosis.pattern);
    // ids are scoped: another server cannot read it
    expect(await s.get(G2, summary.id)).toBeUndefined();
    expect(await s.get(G, 'zz-not-an-id')).toBeUndefined();
  });

  it('keeps the ingest Run shape of other formats (history list, step axis)', async () => {
    const s = await fresh();
    const history = triage(
      "{'loss': [1.0, 0.8, 0.6, 0.5, 0.45, 0.42], 'val_loss': [1.1, 0.9, Infinity, 0.6, 0.55, 0.53]}",
    );
    const a = await s.record(newRun(LOCAL, { log: history.log, diagnosis: history.diagnosis }));
    const got = (await s.get(LOCAL, a.id))!;
    expect(got.run.epochNumbering).toBe(history.log.runs[0].epochNumbering);
    expect(got.run.series.find((x) => x.key === 'val_loss')!.y[2]).toBe(Infinity);
    expect(got.format).toBe('keras-history-json');
  });

  it("an agent's run numbered by episodes is listed by episodes (the axis column says epoch)", async () => {
    const s = await fresh();
    const rows = ['episode,reward,eval_reward'];
    for (let i = 1; i <= 30; i++) rows.push(`${i},${(-200 + 6 * i).toFixed(1)},${(-210 + 6 * i).toFixed(1)}`);
    const rl = triage(rows.join('\n'), { fileName: 'agent.csv' });
    const a = await s.record(newRun(LOCAL, { log: rl.log, diagnosis: rl.diagnosis, title: 'agent.csv' }));
    const [listed] = (await s.list({ scope: LOCAL })).items;
    expect([a.xAxis, a.xUnit, listed.xUnit]).toEqual(['epoch', 'episode', 'episode']);
    expect(runLine(listed)).toMatch(/@episode \d+/);
    // a supervised run keeps its axis as its unit
    const b = await s.record(newRun(LOCAL));
    expect([b.xAxis, b.xUnit]).toEqual(['epoch', 'epoch']);
    expect(runLine(b)).toMatch(/@ep \d+/);
  });

  it('ids are unique within a scope; list is newest first and pages with a cursor', async () => {
    const s = await fresh();
    await s.setSettings(G, { enabled: true, by: 'a' });
    const base = triage(csvLog(20));
    const ids: string[] = [];
    for (let i = 0; i < 120; i++) {
      const r = await s.record(
        newRun(G, {
          log: base.log,
          diagnosis: base.diagnosis,
          createdAt: 1_000_000 + Math.floor(i / 3),
          userId: i % 2 ? 'odd' : 'even',
        }),
      );
      ids.push(r.id);
    }
    expect(new Set(ids).size).toBe(120);
    const seen: string[] = [];
    let cursor: string | undefined;
    const pages: { ids: string[]; prev?: string }[] = [];
    do {
      const page = await s.list({ scope: G, limit: 25, cursor });
      seen.push(...page.items.map((x) => x.id));
      pages.push({ ids: page.items.map((x) => x.id), prev: page.prev });
      cursor = page.next;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    // and back up: each page's `prev` gives exactly the page before it (ties in created_at broken by pk)
    expect(pages[0].prev).toBeUndefined();
    for (let k = pages.length - 1; k > 0; k--) {
      const up = await s.list({ scope: G, limit: 25, newer: pages[k].prev });
      expect(up.items.map((x) => x.id)).toEqual(pages[k - 1].ids);
      expect(up.prev === undefined).toBe(k === 1);
      expect((await s.list({ scope: G, limit: 25, cursor: up.next })).items.map((x) => x.id)).toEqual(pages[k].ids);
    }
    await expect(s.list({ scope: G, cursor: pages[1].prev, newer: pages[1].prev })).rejects.toMatchObject({
      code: 'bad_input',
    });
    const odd = await s.list({ scope: G, userId: 'odd', limit: 100 });
    expect(odd.items).toHaveLength(60);
    expect(odd.items.every((x) => x.userId === 'odd')).toBe(true);
    expect((await s.list({ scope: G, since: 1_000_000 + 30 })).items.map((x) => x.id)).toEqual(
      [...ids].reverse().slice(0, 20),
    );
    expect((await s.list({ scope: G, pattern: 'unstable' })).items).toEqual([]);
    expect((await s.list({ scope: G, pattern: base.diagnosis.pattern, limit: 5 })).items).toHaveLength(5);
    await expect(s.list({ scope: G, cursor: 'garbage' })).rejects.toMatchObject({ code: 'bad_input' });
  });

  it('one run per request: recording the same request again returns the first row', async () => {
    const s = await fresh();
    for (const sc of [G, G2]) await s.setSettings(sc, { enabled: true, by: 'a' });
    const first = await s.record(newRun(G, { requestId: '1234567890', title: 'first post' }));
    const again = await s.record(newRun(G, { requestId: '1234567890', title: 'retried post' }));
    expect(again.id).toBe(first.id);
    expect(again.title).toBe('first post');
    const other = await s.record(newRun(G2, { requestId: '1234567890' })); // another scope: its own row
    expect((await s.list({ scope: G })).items).toHaveLength(1);
    expect((await s.list({ scope: G2 })).items.map((r) => r.id)).toEqual([other.id]);
    // runs without a request never clash
    await s.record(newRun(G));
    await s.record(newRun(G));
    expect((await s.list({ scope: G })).items).toHaveLength(3);
    expect(await s.best({ scope: G })).toHaveLength(0); // uploads are not training runs
  });

  it('an empty page (its runs forgotten meanwhile) hands out no cursor to go on from', async () => {
    const s = await fresh();
    await s.setSettings(G, { enabled: true, by: 'a' });
    const ids: string[] = [];
    for (let k = 0; k < 3; k++) ids.push((await s.record(newRun(G, { createdAt: 5_000 + k }))).id);
    const first = await s.list({ scope: G, limit: 1 });
    const second = await s.list({ scope: G, limit: 1, cursor: first.next });
    expect(second.items.map((r) => r.id)).toEqual([ids[1]]);
    for (const id of ids.slice(0, 2)) await s.forgetRun(G, id);
    const older = await s.list({ scope: G, limit: 1, cursor: second.next });
    expect(older).toEqual({ items: [] });
    await s.forgetRun(G, ids[2]);
    const newer = await s.list({ scope: G, limit: 1, newer: second.prev });
    expect(newer).toEqual({ items: [] });
  });

  it('autocomplete finds ids by prefix and recent runs by title', async () => {
    const s = await fresh();
    const a = await s.record(newRun(LOCAL, { title: 'baseline-lstm.csv' }));
    const b = await s.record(newRun(LOCAL, { title: 'dropout 0.3' }));
    expect((await s.search(LOCAL, `#${a.id.slice(0, 2)}`)).map((h) => h.id)).toContain(a.id);
    expect((await s.search(LOCAL, 'DROPOUT')).map((h) => h.id)).toEqual([b.id]);
    expect((await s.search(LOCAL, '')).map((h) => h.id)).toEqual([b.id, a.id]);
    expect(await s.search(LOCAL, 'nothing like it')).toEqual([]);
  });

  it('best ranks the training runs by a metric; the trend follows the best so far', async () => {
    const s = await fresh();
    await s.setSettings(G, { enabled: true, by: 'a' });
    const scales = [1.0, 0.8, 1.2, 0.6, 0.9];
    const ids = [];
    for (const [i, k] of scales.entries()) {
      const r = triage(csvLog(30, { scale: k }));
      ids.push(
        (await s.record(newRun(G, { log: r.log, diagnosis: r.diagnosis, source: 'train', createdAt: 1000 + i }))).id,
      );
    }
    await s.record(newRun(G, { text: csvLog(30, { scale: 0.1 }), source: 'upload', createdAt: 2000 }));
    const best = await s.best({ scope: G, limit: 3 });
    expect(best.map((b) => b.run.id)).toEqual([ids[3], ids[1], ids[4]]);
    expect(best[0].metric).toBe('val_loss');
    expect(best[0].value).toBeLessThan(best[1].value);
    // the uploads join when asked; the metric name as people type it (val_acc = val_accuracy, higher is better)
    expect((await s.best({ scope: G, sources: ['upload', 'train'], limit: 1 }))[0].run.source).toBe('upload');
    const acc = await s.best({ scope: G, metric: 'val_acc' });
    expect(acc[0].metric).toBe('val_accuracy');
    expect(acc[0].value).toBeGreaterThanOrEqual(acc[acc.length - 1].value);
    const trend = await s.trend({ scope: G });
    expect(trend.map((t) => t.id)).toEqual(ids);
    expect(trend.map((t) => t.bestSoFar)).toEqual(
      trend.map((_, i) => Math.min(...trend.slice(0, i + 1).map((t) => t.value))),
    );
  });

  it('forget: one run, a user everywhere, a whole server — rows really gone', async () => {
    const s = await fresh();
    for (const sc of [G, G2, DM]) await s.setSettings(sc, { enabled: true, by: 'admin' });
    const a = await s.record(newRun(G, { userId: 'u1', source: 'train' }));
    await s.record(newRun(G, { userId: 'u2', source: 'train' }));
    await s.record(newRun(G2, { userId: 'u1' }));
    await s.record(newRun(DM, { userId: 'u1' }));
    await s.record(newRun(G2, { userId: 'u3' }));
    expect(await s.forgetRun(G2, a.id)).toBe(0); // another server's id
    expect(await s.forgetRun(G, a.id)).toBe(1);
    expect(await s.get(G, a.id)).toBeUndefined();
    expect((await s.best({ scope: G })).map((b) => b.run.userId)).toEqual(['u2']);
    await s.record(newRun(G, { userId: 'u1', source: 'train' }));
    expect(await s.forgetUser('u1')).toBe(3);
    expect((await s.exportRuns({ userId: 'u1' })).length).toBe(0);
    expect(await s.getSettings(DM)).toBeUndefined();
    expect((await s.list({ scope: G2 })).items.map((x) => x.userId)).toEqual(['u3']);
    expect(await s.forgetScope(G)).toBe(1);
    expect((await s.list({ scope: G })).items).toEqual([]);
    expect(await s.best({ scope: G })).toEqual([]);
    expect((await s.list({ scope: G2 })).items).toHaveLength(1);
  });

  it.runIf(_name === 'sqlite')('a forgotten run leaves no bytes on disk (database file and WAL)', async () => {
    const s = await fresh();
    await s.setSettings(G, { enabled: true, by: 'admin' });
    const marks = ['zebra-quokka-forget-run', 'zebra-quokka-forget-user', 'zebra-quokka-forget-scope'];
    const onDisk = () => {
      const dir = backend.where().options.dataDir!;
      return readdirSync(dir)
        .map((f) => readFileSync(join(dir, f)).toString('latin1'))
        .join('');
    };
    const a = await s.record(newRun(G, { title: marks[0], userId: 'keep' }));
    await s.record(newRun(G, { title: marks[1], userId: 'leaver' }));
    await s.record(newRun(G, { title: marks[2], userId: 'keep' }));
    for (const m of marks) expect(onDisk()).toContain(m); // written, so the check below can fail
    await s.forgetRun(G, a.id);
    await s.forgetUser('leaver');
    await s.forgetScope(G);
    for (const m of marks) expect(onDisk()).not.toContain(m);
  });

  it('purges runs past each scope retention', async () => {
    const s = await fresh();
    const now = 100 * DAY;
    await s.setSettings(G, { enabled: true, retentionDays: 7, by: 'a' });
    await s.setSettings(G2, { enabled: true, retentionDays: 30, by: 'a' });
    const old = await s.record(newRun(G, { createdAt: now - 8 * DAY }));
    const keep = await s.record(newRun(G, { createdAt: now - 6 * DAY }));
    const g2 = await s.record(newRun(G2, { createdAt: now - 8 * DAY }));
    await s.record(newRun(LOCAL, { createdAt: 0 })); // no settings, no retention
    expect(await s.purgeExpired(now)).toBe(1);
    expect(await s.get(G, old.id)).toBeUndefined();
    expect(await s.get(G, keep.id)).toBeDefined();
    expect(await s.get(G2, g2.id)).toBeDefined();
    expect((await s.list({ scope: LOCAL })).items).toHaveLength(1);
  });

  it('exports a user or a server as rows, CSV and JSON with series', async () => {
    const s = await fresh();
    await s.setSettings(G, { enabled: true, by: 'a' });
    await s.record(newRun(G, { title: '=HYPERLINK("x"),"quoted"', text: csvLog(20, { nanAt: 5 }) }));
    await s.record(newRun(G, { userId: 'u2' }));
    const rows = await s.exportRuns({ scope: G, series: true });
    expect(rows).toHaveLength(2);
    expect(rows[1].series!.find((x) => x.key === 'val_loss')!.y[5]).toBeNull();
    expect(JSON.parse(JSON.stringify(rows))[1].series.length).toBeGreaterThan(0);
    const csv = exportCsv(await s.exportRuns({ userId: 'u1' }))
      .trim()
      .split('\r\n');
    expect(csv).toHaveLength(2);
    expect(csv[0].startsWith('id,guild_id,')).toBe(true);
    expect(csv[1]).toContain(`"'=HYPERLINK(""x""),""quoted"""`);
  });

  it('exports series a chunk at a time, and none past the budget', async () => {
    const s = await fresh();
    await s.setSettings(G, { enabled: true, by: 'a' });
    const one = newRun(G, { text: csvLog(30) });
    for (let k = 0; k < 120; k++) await s.record({ ...one, createdAt: 1_000 + k, title: `run ${k}` });
    const all = await s.exportRuns({ scope: G, series: true });
    expect(all.map((r) => r.title)).toEqual(Array.from({ length: 120 }, (_, k) => `run ${119 - k}`));
    expect(all.every((r) => r.series && r.series.length > 0)).toBe(true);
    const each = JSON.stringify(all[0].series).length;
    const fits = await s.exportRuns({ scope: G, series: true, seriesBudget: each * 120 });
    expect(fits.every((r) => r.series)).toBe(true);
    const over = await s.exportRuns({ scope: G, series: true, seriesBudget: each * 119 });
    expect(over).toHaveLength(120);
    expect(over.some((r) => 'series' in r)).toBe(false);
    expect(over.map(({ title }) => title)).toEqual(all.map(({ title }) => title));
  });

  it('refuses bad input with clear messages', async () => {
    const s = await fresh();
    await expect(s.record(newRun({ kind: 'guild', guildId: '' }))).rejects.toMatchObject({ code: 'bad_input' });
    await expect(s.record(newRun(LOCAL, { source: 'nope' as 'cli' }))).rejects.toMatchObject({ code: 'bad_input' });
    await expect(s.record(newRun(LOCAL, { config: { blob: 'x'.repeat(20_000) } }))).rejects.toMatchObject({
      code: 'too_big',
    });
    const big = triage(csvLog(20));
    const run = big.log.runs[0];
    const huge = {
      ...run,
      series: [
        {
          ...run.series[0],
          x: [...Array(4_000_001).keys()].map((i) => i * 0.5 + 0.25),
          y: new Array(4_000_001).fill(1),
        },
      ],
    };
    await expect(s.record(newRun(LOCAL, { log: { ...big.log, runs: [huge] } }))).rejects.toMatchObject({
      code: 'too_big',
    });
  });

  it('migrations run once; a reopened database keeps its runs', async () => {
    const s = await fresh();
    const a = await s.record(newRun(LOCAL));
    await s.close();
    store = await backend.reopen();
    expect((await store.get(LOCAL, a.id))?.id).toBe(a.id);
  });
});
