import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advise, DIALECTS, ENTRIES, explain, why, type Reply } from '../../src/advise/index.js';
import {
  codeMessages,
  DISCORD_LIMITS as L,
  embedLength,
  toDiscord,
  type DiscordPieces,
} from '../../src/bot/discord.js';
import type { Evidence } from '../../src/diagnose/schema.js';
import { clip, discordEvidence } from '../../src/bot/discord.js';
import { combos, dx, FINDINGS, log, PATTERNS, RICH } from '../advise/helpers.js';

function assertBudgets(p: DiscordPieces, where: string): void {
  expect(p.embeds.length, where).toBeLessThanOrEqual(L.embedsPerMessage);
  let total = 0;
  for (const e of p.embeds) {
    expect(e.title?.length ?? 0, where).toBeLessThanOrEqual(L.embedTitle);
    expect(e.description?.length ?? 0, where).toBeLessThanOrEqual(L.embedDescription);
    expect(e.fields?.length ?? 0, where).toBeLessThanOrEqual(L.embedFields);
    for (const f of e.fields ?? []) {
      expect(f.name.length, where).toBeGreaterThan(0);
      expect(f.name.length, where).toBeLessThanOrEqual(L.fieldName);
      expect(f.value.length, where).toBeGreaterThan(0);
      expect(f.value.length, where).toBeLessThanOrEqual(L.fieldValue);
    }
    expect(e.footer?.text.length ?? 0, where).toBeLessThanOrEqual(L.footer);
    total += embedLength(e);
  }
  expect(total, where).toBeLessThanOrEqual(L.embedTotal);
  expect((p.content ?? '').length, where).toBeLessThanOrEqual(L.content);
  expect(p.components.length, where).toBeLessThanOrEqual(L.rowsPerMessage);
  for (const row of p.components) {
    expect(row.components.length, where).toBeLessThanOrEqual(L.buttonsPerRow);
    for (const b of row.components) {
      expect(b.label.length, where).toBeLessThanOrEqual(L.buttonLabel);
      expect(b.custom_id.length, where).toBeLessThanOrEqual(L.customId);
    }
  }
  const ids = p.components.flatMap((r) => r.components.map((b) => b.custom_id));
  expect(new Set(ids).size, where).toBe(ids.length);
  for (const b of p.codeBlocks)
    for (const m of b.messages) {
      expect(m.length, where).toBeLessThanOrEqual(L.content);
      expect(m).toMatch(/\n```python\n[\s\S]*\n```$/);
      expect((m.match(/```/g) ?? []).length).toBe(2);
    }
}

/** evidence with every field, long strings everywhere the diagnosis has text */
const LONG = 'x'.repeat(5000);
function longDx(pattern: (typeof PATTERNS)[number], findings: (typeof FINDINGS)[number][]) {
  return dx(pattern, findings, RICH, {
    headline: `A very long headline ${'with many words '.repeat(400)}`,
    reasons: Array.from({ length: 40 }, (_, i) => `reason ${i}: ${'val_loss rose by 77% after epoch 23 '.repeat(20)}`),
    series: { train: 'train_' + 'a'.repeat(300), val: 'val_' + 'b'.repeat(300) },
    run: { index: 4, count: 5, label: `run 5 of 5 ${LONG}` },
  });
}

describe('toDiscord respects every Discord budget', () => {
  it('for every pattern x finding x dialect, normal and with long evidence', () => {
    let n = 0;
    for (const [p, f] of combos())
      for (const d of DIALECTS) {
        assertBudgets(toDiscord(advise(dx(p, f), log(d))), `${p}+${f} ${d}`);
        assertBudgets(toDiscord(advise(longDx(p, f), log(d))), `long ${p}+${f} ${d}`);
        n += 2;
      }
    console.log(`${n} advice replies within Discord budgets`);
  });

  it('for explain() of every entry and why() answers', () => {
    for (const e of ENTRIES) for (const d of DIALECTS) assertBudgets(toDiscord(explain(e.id, d)), e.id);
    assertBudgets(toDiscord(why('why is my val_loss rising ' + LONG)), 'why long');
  });

  it('property: any subset of findings, any evidence values, any text', () => {
    const evArb = fc.record(
      Object.fromEntries(
        Object.keys(RICH)
          .filter((k) => k !== 'x_axis' && k !== 'points')
          .map((k) => [k, fc.double({ min: -1e12, max: 1e12, noNaN: false })]),
      ),
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...PATTERNS),
        fc.subarray([...FINDINGS]),
        evArb,
        fc.integer({ min: 0, max: 1e6 }),
        fc.string({ maxLength: 8000 }),
        fc.array(fc.string({ maxLength: 3000 }), { maxLength: 30 }),
        fc.string({ maxLength: 400 }),
        fc.constantFrom(...DIALECTS),
        (pattern, findings, ev, points, headline, reasons, val, d) => {
          const evidence = { ...(ev as Partial<Evidence>), points, x_axis: 'epoch' } as Evidence;
          const r = advise(
            dx(pattern, findings, evidence, { headline, reasons, series: { train: 'loss', val } }),
            log(d),
          );
          for (const s of r.strategies) expect(s.cites.length).toBeGreaterThan(0);
          assertBudgets(toDiscord(r), `${pattern}+${findings}`);
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  });

  it('a reply with many strategies and notes still fits (shrinks by priority)', () => {
    const r = advise(longDx('overfitting', [...FINDINGS]), log('tfkeras'), { maxStrategies: 30 });
    const big: Reply = {
      ...r,
      notes: Array.from({ length: 30 }, (_, i) => `note ${i} ${LONG}`),
      evidence: Array.from({ length: 500 }, (_, i) => ({
        name: `e${i}`,
        value: i,
        text: `evidence ${i}: ${'y'.repeat(80)}`,
        key: i < 5,
      })),
    };
    const p = toDiscord(big);
    assertBudgets(p, 'big');
    const ev = discordEvidence(big);
    expect(ev.length).toBeGreaterThan(1);
    for (const m of ev) expect(m.length).toBeLessThanOrEqual(L.content);
    expect(ev.join('\n').split('\n').length).toBe(501); // header + every line
    expect(p.components.flatMap((r) => r.components.map((b) => b.custom_id))).toContain('show_evidence');
    expect(p.embeds[0].fields!.length).toBeGreaterThanOrEqual(Math.min(r.strategies.length, 20));
    expect(p.embeds[0].description).toMatch(/… \+\d+ more/);
  });

  it('long code is split into complete fenced messages, at line ends', () => {
    const code = Array.from({ length: 400 }, (_, i) => `x_${i} = ${i}  # a comment that makes the line longer`).join(
      '\n',
    );
    const msgs = codeMessages('Long code', code, 'tfkeras');
    expect(msgs.length).toBeGreaterThan(5);
    const rejoined = msgs.map((m) => m.replace(/^[^\n]*\n```python\n/, '').replace(/\n```$/, '')).join('\n');
    expect(rejoined).toBe(code);
    for (const m of msgs) expect(m.length).toBeLessThanOrEqual(L.content);
    const one = codeMessages('x', 'a = 1\n' + 'b'.repeat(5000), 'keras3');
    for (const m of one) expect(m.length).toBeLessThanOrEqual(L.content);
  });

  it('clip cuts at boundaries and never exceeds the budget', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3000 }), fc.integer({ min: 0, max: 2500 }), (s, max) => {
        const c = clip(s, max);
        expect(c.length).toBeLessThanOrEqual(max);
        if (s.length <= max) expect(c).toBe(s);
      }),
      { numRuns: 500 },
    );
  });

  it('the embed refers to the chart attachment and carries show-code buttons', () => {
    const p = toDiscord(advise(dx('overfitting', []), log('keras2'), { image: 'run-42.png' }));
    expect(p.embeds[0].image?.url).toBe('attachment://run-42.png');
    expect(p.attachments).toEqual(['run-42.png']);
    expect(p.components[0].components[0].custom_id).toMatch(/^show_code:/);
    expect(p.codeBlocks[0].messages[0]).toContain('```python\nfrom keras.callbacks import');
  });
});
