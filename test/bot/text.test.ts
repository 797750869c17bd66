/**
 * The text policy (src/bot/text.ts) and every reply builder that shows user-derived text: arbitrary
 * strings (fast-check, plus known attacks) as column/metric names, run labels, file names, option
 * values, config names, parser warnings and refusal messages. Each message must have an even number
 * of fences, and outside code no masked link, URL, mention, heading or quote (test/bot/markdown.ts).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { advise } from '../../src/advise/index.js';
import { code, line, prose, quote, span, clip } from '../../src/bot/text.js';
import {
  codeView,
  compareView,
  diagnosisView,
  evidenceView,
  noticeView,
  replyView,
  actionRows,
  type View,
} from '../../src/bot/present.js';
import { progressView, sweepView, describeConfig } from '../../src/bot/training-views.js';
import { checkAttachment } from '../../src/bot/attachments.js';
import { parseRun, refusalText } from '../../src/bot/flow.js';
import { teach } from '../../src/bot/components.js';
import { UserError } from '../../src/bot/errors.js';
import { ReplyStore, packReply } from '../../src/bot/store.js';
import type { Diagnosed } from '../../src/bot/work/task.js';
import type { BotContext } from '../../src/bot/context.js';
import { preset } from '../../src/train/presets.js';
import type { SweepResult } from '../../src/train/sweep.js';
import { dx, log, RICH } from '../advise/helpers.js';
import { markdownProblems, messageProblems } from './markdown.js';

/** what people actually tried (the issue) and the rest of Discord's syntax */
const ATTACKS = [
  'loss [Free Nitro](https://example.invalid/claim) ```',
  '```[click](https://example.invalid)```',
  '[x](<https://example.invalid>)',
  '<https://example.invalid>',
  'https://example.invalid/a_b',
  'steam://run/1',
  '@everyone',
  '@here',
  '<@123456789012345678>',
  '<@&123456789012345678>',
  '<#123456789012345678>',
  '</diagnose:123456789012345678>',
  '\n# Heading',
  '\n-# subtext',
  '\n> quote',
  '\n>>> quote',
  '`',
  '``',
  '````',
  '\\',
  '\\[x](https://example.invalid)',
  '||spoiler||',
  '**bold**',
  '~~x~~',
  '_x_',
  '\u202eevil',
  '\r\n',
  'val_loss',
];
const hostile = fc
  .array(
    fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom(...ATTACKS),
      fc.string({
        unit: fc.constantFrom(
          '`',
          '[',
          ']',
          '(',
          ')',
          ':',
          '/',
          '@',
          '<',
          '>',
          '#',
          '\\',
          '\n',
          ' ',
          'a',
          '_',
          '*',
          '|',
        ),
        maxLength: 20,
      }),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((a) => a.join(''));

const RUNS = Number(process.env.TEXT_RUNS ?? 150);

function check(v: View, where: string): void {
  const body = { content: v.content, embeds: v.embeds };
  expect(messageProblems(body), where).toEqual([]);
}

describe('text policy', () => {
  test('prose renders the literal characters and forms nothing', () => {
    const s = prose('loss [Free Nitro](https://example.invalid/claim) ```');
    expect(s).toBe('loss \\[Free Nitro\\]\\(https:/\u200b/example.invalid/claim\\) \\`\\`\\`');
    expect(markdownProblems(s)).toEqual([]);
    // readable: what a client shows once escapes are applied is the original (less the zero-width space)
    const shown = s.replace(/\\(.)/g, '$1').replace(/\u200b/g, '');
    expect(shown).toBe('loss [Free Nitro](https://example.invalid/claim) ```');
    expect(prose('val_loss')).toBe('val\\_loss');
    expect(prose('@everyone')).not.toContain('@everyone');
    expect(prose('- a\n1. b\n# c')).toBe('\\- a\n1\\. b\n\\# c');
    // an invite without a scheme is a card on Discord: its host is broken, the text still reads the same
    for (const invite of ['join discord.gg/abc', 'discord.com/invite/abc', 'DiscordApp.com/invite/x'])
      expect(markdownProblems(invite), invite).not.toEqual([]);
    const inv = prose('join discord.gg/abc and discord.com/invite/xyz');
    expect(markdownProblems(inv)).toEqual([]);
    expect(inv.replace(/\\(.)/g, '$1').replace(/\u200b/g, '')).toBe('join discord.gg/abc and discord.com/invite/xyz');
    expect(prose('discord.gg')).toBe('discord.gg');
  });

  test('code cannot close its block; span has no backtick; line is one line', () => {
    const block = '```\n' + code('a ``` b ```` c `') + '\n```';
    expect((block.match(/```/g) ?? []).length).toBe(2);
    expect(code('val_loss')).toBe('val_loss');
    expect(span('a`b\nc')).toBe('aˋb c');
    expect(span('')).toBe('(empty)');
    expect(quote('`x`')).toBe('`ˋxˋ`');
    expect(line('a\nb\r\nc', 50)).toBe('a b c');
  });

  test('clip never leaves a lone escape or an open code span', () => {
    fc.assert(
      fc.property(hostile, fc.integer({ min: 1, max: 60 }), (s, max) => {
        const c = clip(prose(s), max);
        expect(c.length).toBeLessThanOrEqual(max);
        expect(markdownProblems(c)).toEqual([]);
        expect(/(^|[^\\])(\\\\)*\\…$/.test(c)).toBe(false);
      }),
      { numRuns: RUNS * 4 },
    );
  });
});

// ------------------------------------------------------------------ builders

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);

function diagnosed(name: string, label: string, warning: string, metric: string | undefined): Diagnosed {
  const d = dx('overfitting', ['noisy_validation'], RICH, {
    series: { train: `loss ${name}`, val: name },
    run: { index: 0, count: 2, label },
    headline: `Overfitting: ${name} was best at epoch 7 and rose after it.`,
    reasons: [`${name} ends 20% worse than it started while loss ${name} improved.`, `${label} is the run`],
  });
  const reply = advise(d, log('tfkeras'));
  return {
    diagnosis: d,
    reply,
    replyPacked: packReply(reply),
    format: name.slice(0, 30),
    runsFound: 2,
    warnings: [warning],
    seriesNames: [name, `loss ${name}`, label],
    perRun: [{ pattern: 'overfitting', confidence: 0.9, headline: name, run: d.run }],
    ...(metric !== undefined ? { metricNotFound: metric } : {}),
  };
}

function sweep(labels: string[], skipped: string): SweepResult {
  const config = preset('ideal');
  return {
    spec: { mode: 'grid', param: 'optimizer', repeats: 1, base: 'ideal' } as SweepResult['spec'],
    runs: [],
    leaderboard: labels.map((label, i) => ({
      rank: i + 1,
      label,
      params: 100,
      runs: 1,
      mean: 0.1 * (i + 1),
      std: 0,
      min: 0.1,
      mean_ms: 1000,
      mean_epochs: 3,
      patterns: { good_fit: 1 },
      config,
    })),
    backend: 'wasm',
    ms_total: 1000,
    skipped: [{ label: skipped, reason: `Invalid option: ${skipped}` }],
  };
}

const ctx = { logger: { warn() {}, info() {}, debug() {}, error() {} } } as unknown as BotContext;

describe('every reply builder, any user text', () => {
  test('diagnose (context menu source, run labels, warnings, metric not found), evidence, code, buttons', () => {
    const store = new ReplyStore(60_000);
    fc.assert(
      fc.property(hostile, hostile, hostile, hostile, hostile, (name, label, warning, metric, who) => {
        const r = diagnosed(name, label, warning, metric);
        const v = diagnosisView(r, png, store, `from a message by ${who}`);
        check(v, 'diagnosisView');
        check(evidenceView(r.reply), 'evidenceView');
        check(replyView(r.reply, store), 'replyView');
        const c = codeView(r.reply, 'k', r.reply.strategies[0]?.id ?? 'none', 'tfkeras');
        check(c.first, 'codeView');
        for (const m of c.rest) expect(markdownProblems(m)).toEqual([]);
        check(codeView(r.reply, 'k', name, 'keras3').first, 'codeView (unknown id)');
        for (const row of actionRows(r.reply, 'k'))
          for (const b of row.components as { label?: string }[])
            expect((b.label ?? '').length).toBeLessThanOrEqual(80);
      }),
      { numRuns: RUNS },
    );
  });

  test('compare (file names, headlines)', () => {
    const store = new ReplyStore(60_000);
    fc.assert(
      fc.property(hostile, hostile, hostile, (a, b, name) => {
        const r = diagnosed(name, 'run', 'w', undefined);
        check(compareView([a, b], [r, r], png, store), 'compareView');
      }),
      { numRuns: RUNS },
    );
  });

  test('sweep (value labels, skipped values in the leaderboard block) and train progress (config name, title)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(hostile, { minLength: 1, maxLength: 3 }),
        hostile,
        hostile,
        async (labels, skipped, name) => {
          check(await sweepView(ctx, sweep(labels, skipped)), 'sweepView');
          const config = { ...preset('ideal'), name };
          check(
            progressView(`Training ${describeConfig(config)}`, 'job', {
              progress: { fraction: 0.5, detail: { last: name } } as never,
            }),
            'progressView',
          );
        },
      ),
      { numRuns: RUNS },
    );
  });

  test('errors and refusals (file names, run option, explain button, pipeline messages quoting a header)', () => {
    const limits = { maxBytes: 100, timeoutMs: 1000, allowedHosts: ['127.0.0.1'] };
    const refusal = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        if (e instanceof UserError) return e.message;
        throw e;
      }
      return '';
    };
    fc.assert(
      fc.property(hostile, hostile, (s, t) => {
        const texts = [
          refusal(() => checkAttachment({ name: s, size: 1000, url: 'http://127.0.0.1/x' }, limits)),
          refusal(() =>
            checkAttachment({ name: `${s}.png`, size: 10, url: 'http://127.0.0.1/x', contentType: t }, limits),
          ),
          refusal(() => parseRun(s)),
          refusal(() => teach(s, t)),
          refusalText(`The header ${s} has no numeric column`, t),
          refusalText(s),
        ];
        for (const text of texts) check(noticeView(text), 'refusal');
      }),
      { numRuns: RUNS },
    );
  });
});
