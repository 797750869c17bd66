/** The team-memory views' pure parts: `since` as typed, page buttons, the CSV, which way "best" runs. */
import { expect, test } from 'vitest';
import fc from 'fast-check';
import { csvCell, exportCsv } from '../../src/memory/index.js';
import {
  historyView,
  lowerIsBetter,
  pageId,
  parseSince,
  readPageId,
  type HistoryQuery,
} from '../../src/bot/history-views.js';
import { keptText } from '../../src/bot/memory.js';
import { helpView } from '../../src/bot/help.js';
import { loadConfig } from '../../src/bot/config.js';
import { PATTERNS } from '../../src/diagnose/schema.js';

const NOW = Date.UTC(2026, 11, 2, 12, 0, 0);

test('since: spans back from now and dates; anything else is undefined', () => {
  expect(parseSince('24h', NOW)).toBe(NOW - 24 * 3600_000);
  expect(parseSince(' 7d ', NOW)).toBe(NOW - 7 * 86_400_000);
  expect(parseSince('2w', NOW)).toBe(NOW - 14 * 86_400_000);
  expect(parseSince('30m', NOW)).toBe(NOW - 30 * 60_000);
  expect(parseSince('2026-11-30', NOW)).toBe(Date.UTC(2026, 10, 30));
  expect(parseSince('2026-11-30T08:00:00Z', NOW)).toBe(Date.UTC(2026, 10, 30, 8));
  for (const bad of ['', 'yesterday', '7 days', '2026-13-45', '-1d', '1y', 'x'.repeat(10_000)])
    expect(parseSince(bad, NOW)).toBeUndefined();
});

test('a page button carries its query and page, and reads back exactly (within 100 characters)', () => {
  fc.assert(
    fc.property(
      fc.record({
        userId: fc.option(fc.stringMatching(/^\d{17,20}$/), { nil: undefined }),
        pattern: fc.option(fc.constantFrom(...PATTERNS), { nil: undefined }),
        since: fc.option(fc.integer({ min: 0, max: 4_102_444_800_000 }), { nil: undefined }),
        limit: fc.integer({ min: 1, max: 25 }),
      }),
      fc.integer({ min: 0, max: 10_000_000 }),
      fc.option(
        fc.record({
          dir: fc.constantFrom('older' as const, 'newer' as const),
          // the store's cursors: base64url of "created_at.pk", each up to 16 digits
          cursor: fc
            .tuple(fc.bigInt({ min: 0n, max: 10n ** 16n - 1n }), fc.bigInt({ min: 0n, max: 10n ** 16n - 1n }))
            .map(([c, p]) => Buffer.from(`${c}.${p}`).toString('base64url')),
        }),
        { nil: undefined },
      ),
      (q, page, at) => {
        const clean = Object.fromEntries(
          Object.entries(q).filter(([, v]) => v !== undefined),
        ) as unknown as HistoryQuery;
        const id = pageId(clean, page, at)!;
        expect(id.length).toBeLessThanOrEqual(100);
        const back = readPageId(id.split('|').slice(3));
        expect(back).toEqual({ q: clean, page, ...(at ? { at } : {}) });
      },
    ),
  );
  for (const bad of [
    [],
    ['x'],
    ['-1', '', '', '', '10'],
    ['0', 'abc', '', '', '10'],
    ['0', '', '99', '', '10'],
    ['0', '', '', '', '26'],
    ['1', '', '', '', '10', 'o'],
    ['1', '', '', '', '10', 'x', 'MTIzLjQ1'],
    ['1', '', '', '', '10', 'n', 'not a cursor!'],
  ])
    expect(readPageId(bad)).toBeUndefined();
});

test('the first page of a short history has no buttons; a longer one pages', () => {
  const empty = historyView({ items: [] }, { limit: 10 }, 0, 'server');
  expect(empty.components).toEqual([]);
  expect(empty.embeds[0].description).toMatch(/No runs kept yet/);
  const more = historyView({ items: [], next: 'abc' }, { limit: 10 }, 0, 'server');
  const [newer, older] = (more.components[0] as any).components;
  expect(newer.disabled).toBe(true);
  expect(older.disabled).toBe(false);
  expect(readPageId(older.custom_id.split('|').slice(3))).toMatchObject({
    page: 1,
    at: { dir: 'older', cursor: 'abc' },
  });
  // deeper pages go back by the page's own `prev` cursor; page 1 goes back to the newest page
  const deep = historyView({ items: [], next: 'n3', prev: 'p3' }, { limit: 10 }, 3, 'server');
  const [back3] = (deep.components[0] as any).components;
  expect(readPageId(back3.custom_id.split('|').slice(3))).toMatchObject({
    page: 2,
    at: { dir: 'newer', cursor: 'p3' },
  });
  const one = historyView({ items: [], prev: 'p1' }, { limit: 10 }, 1, 'server');
  expect(readPageId((one.components[0] as any).components[0].custom_id.split('|').slice(3))).toEqual({
    page: 0,
    q: { limit: 10 },
  });
});

test('CSV: quoted where needed, and formulas defused', () => {
  expect(csvCell('plain')).toBe('plain');
  expect(csvCell('a,b')).toBe('"a,b"');
  expect(csvCell('say "hi"')).toBe('"say ""hi"""');
  expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  expect(csvCell('+1')).toBe("'+1");
  expect(csvCell(-0.5)).toBe('-0.5'); // numbers are numbers
  expect(csvCell(null)).toBe('');
  expect(csvCell(['nan_inf', 'plateau'])).toBe('nan_inf;plateau');
  const csv = exportCsv([]);
  expect(csv.split('\r\n')[0]).toMatch(/^id,guild_id,dm_user_id,channel_id,user_id,created_at,/);
});

test('best runs lower for losses and errors, higher for accuracies and scores', () => {
  for (const m of ['val_loss', 'loss', 'val_mae', 'val_error', 'val_box_loss']) expect(lowerIsBetter(m)).toBe(true);
  for (const m of ['val_accuracy', 'val_acc', 'val_auc', 'f1', 'val_score', 'mAP50'])
    expect(lowerIsBetter(m)).toBe(false);
});

test('/help and the settings text say exactly what is kept, and every field fits Discord', () => {
  const text = keptText(14, 'server');
  for (const kept of [
    /who ran it/,
    /server and channel/,
    /when/,
    /parsed series/,
    /not the file/,
    /verdict/,
    /evidence/,
    /training config/,
    /14 days/,
  ])
    expect(text).toMatch(kept);
  const config = loadConfig({ DISCORD_TOKEN: 'x'.repeat(30), DISCORD_APPLICATION_ID: '1234567890123456789' });
  const [embed] = helpView(config).embeds;
  for (const f of embed.fields!) expect(f.value.length).toBeLessThanOrEqual(1024);
  const total = [
    embed.title,
    embed.description,
    embed.footer?.text,
    ...embed.fields!.flatMap((f) => [f.name, f.value]),
  ].join('').length;
  expect(total).toBeLessThanOrEqual(6000);
  expect(embed.fields!.map((f) => f.value).join('\n')).toMatch(/30 days by default/);
});

test('/help says where a log goes in this deployment: memory, Redis in the clear, or Redis sealed', () => {
  const base = { DISCORD_TOKEN: 'x'.repeat(30), DISCORD_APPLICATION_ID: '1234567890123456789' };
  const privacy = (env: Record<string, string>) => {
    const [embed] = helpView(loadConfig({ ...base, ...env })).embeds;
    const f = embed.fields!.find((x) => x.name === 'Privacy')!;
    expect(f.value.length).toBeLessThanOrEqual(1024);
    const total = [
      embed.title,
      embed.description,
      embed.footer?.text,
      ...embed.fields!.flatMap((x) => [x.name, x.value]),
    ];
    expect(total.join('').length).toBeLessThanOrEqual(6000);
    return f.value;
  };
  expect(privacy({})).toMatch(/read in memory, diagnosed and dropped: none of it is written to disk/);
  expect(privacy({ REDIS_URL: 'redis://127.0.0.1:6379' })).toMatch(
    /buttons .* stays in this deployment's shared cache \(Redis\)/,
  );
  const clear = privacy({ REDIS_URL: 'redis://127.0.0.1:6379', TRIAGE_REMOTE: '1' });
  expect(clear).toMatch(/unencrypted, as its operator has not set QUEUE_KEY/);
  expect(clear).not.toMatch(/none of it is written to disk/);
  const sealed = privacy({ REDIS_URL: 'redis://127.0.0.1:6379', TRIAGE_REMOTE: '1', QUEUE_KEY: 'q'.repeat(32) });
  expect(sealed).toMatch(/encrypted, through this deployment's job queue/);
  expect(sealed).toMatch(/buttons .* stays encrypted in this deployment's shared cache \(Redis\)/);
  expect(() => loadConfig({ ...base, QUEUE_KEY: 'short' })).toThrow(/QUEUE_KEY must be at least 32 characters/);
  expect(loadConfig({ ...base, QUEUE_KEY: '' }).QUEUE_KEY).toBeUndefined(); // compose's unset
});
