/** The live message and the alerts with hostile run and metric names: shown literally, forming no Markdown, link or mention. */
import { describe, expect, test } from 'vitest';
import { WatchSession } from '../../src/watch/session.js';
import { alertText, liveView } from '../../src/bot/watch-views.js';

const HOSTILE_RUN = '@everyone **bold** [x](https://evil.example) `tick`';
const HOSTILE_METRIC = '<@&123456789012345678> __val__';

describe('watch views', () => {
  test('run and metric names are code spans that cannot close; the only mention is the owner; Stop button until stopped', () => {
    const s = new WatchSession(HOSTILE_RUN);
    for (let e = 0; e < 6; e++)
      s.add({
        run: HOSTILE_RUN,
        epochs: 10,
        reports: [{ epoch: e, metrics: { [HOSTILE_METRIC]: 1 / (e + 1), loss: 1 } }],
      });
    const v = liveView(s, 'k1', { chart: false, now: Date.now(), owner: '42' });
    expect(v.content).toContain('`@everyone **bold** [x](https://evil.example) ˋtickˋ`');
    expect(v.content).toContain('`<@&123456789012345678> __val__`');
    // outside code spans, no mention but the owner's
    const outside = v.content!.split(/`[^`]*`/).join('');
    expect(outside.match(/<@[!&]?\d+>/g)).toEqual(['<@42>']);
    expect(v.content).toMatch(/epoch 6\/10/);
    expect(v.components[0].components[0]).toMatchObject({ label: 'Stop training', custom_id: 'ct|k1|wstop' });
    s.stopRequested = true;
    expect(liveView(s, 'k1', { chart: false, now: Date.now(), owner: '42' }).components).toEqual([]);
  });

  test('alerts mention the owner only when given, and quote names as code spans', () => {
    const s = new WatchSession(HOSTILE_RUN);
    const a = { kind: 'nan_inf' as const, epoch: 3, metric: HOSTILE_METRIC, value: NaN };
    expect(alertText(a, s)).not.toMatch(/^<@/);
    expect(alertText(a, s, '42')).toMatch(/^<@42> /);
    expect(
      alertText(a, s)
        .split(/`[^`]*`/)
        .join(''),
    ).not.toMatch(/<@|@everyone/);
  });
});
