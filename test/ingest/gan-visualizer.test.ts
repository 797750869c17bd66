/**
 * pytorch-CycleGAN-and-pix2pix's Visualizer loss log (loss_log.txt, or the same lines on the console), which
 * pix2pixHD, SPADE and CUT print too: every name after the "(epoch: N, iters: N, time: t)" head is a training loss.
 */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/diagnose/index.js';
import { ingest } from '../../src/ingest/index.js';
import { checkLog } from './helpers/ingest-worker.js';

const BANNER = '================ Training Loss (Mon Apr  1 10:00:00 2019) ================';

/** One Visualizer line: the head, then the losses as the Visualizer prints them (3 decimals, a trailing space). */
function line(epoch: number, iters: number, losses: Record<string, number>): string {
  const pairs = Object.entries(losses).map(([k, v]) => `${k}: ${Number.isNaN(v) ? 'nan' : v.toFixed(3)}`);
  return `(epoch: ${epoch}, iters: ${iters}, time: 0.215, data: 0.004) ${pairs.join(' ')} `;
}

const cycleGan = (epoch: number, iters: number) =>
  line(epoch, iters, {
    D_A: 0.2 + (iters % 3) * 0.02,
    G_A: 0.3,
    cycle_A: 2 / epoch + iters / 10000,
    idt_A: 1 / epoch,
    D_B: 0.25,
    G_B: 0.35,
    cycle_B: 1.5 / epoch,
    idt_B: 0.8 / epoch,
  });

describe("a GAN Visualizer's loss log", () => {
  it('reads every name as a training loss, one point per epoch (the mean of its lines), their sum as the loss', () => {
    const text = [BANNER];
    for (let e = 1; e <= 8; e++) {
      for (let it = 100; it <= 400; it += 100) text.push(cycleGan(e, it));
      text.push(`saving the model at the end of epoch ${e}, iters ${e * 400}`);
      text.push(`End of epoch ${e} / 200 \t Time Taken: 14 sec`, 'learning rate 0.0002000 -> 0.0002000');
    }
    const log = ingest(text.join('\n'), { fileName: 'loss_log.txt' });
    expect(checkLog(log)).toEqual([]);
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0];
    expect(run.xAxis).toBe('epoch');
    const cyc = run.series.find((s) => s.name === 'cycle_A')!;
    expect(cyc).toMatchObject({ kind: 'loss', split: 'train' });
    expect(cyc.x).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // epoch 2: 2/2 + mean(100..400)/10000 = 1 + 0.025
    expect(cyc.y[1]).toBeCloseTo(1.025, 3);
    const loss = run.series.find((s) => s.key === 'loss')!;
    expect(loss.derived).toBe(true);
    expect(run.series.filter((s) => s.kind === 'loss' && s.split === 'val')).toEqual([]);
    expect(log.warnings.map((w) => w.code)).toContain('gan_visualizer');
    const d = diagnose(log);
    expect(d.findings).toContain('no_validation');
    expect(d.pattern).not.toBe('not_assessable');
  });

  it("pix2pix's G_GAN / G_L1 / D_real / D_fake and pix2pixHD's head without data: are losses too", () => {
    const text = Array.from({ length: 6 }, (_, i) => [
      `(epoch: ${i + 1}, iters: 400, time: 0.573) G_GAN: 1.121 G_GAN_Feat: ${(6 - i * 0.5).toFixed(3)} G_VGG: 6.070 D_real: 0.696 D_fake: 0.642`,
    ]).flat();
    const log = ingest(text.join('\n'));
    expect(log.runs[0].series.filter((s) => s.kind === 'loss').map((s) => s.key)).toEqual([
      'g_gan',
      'g_gan_feat',
      'g_vgg',
      'd_real',
      'd_fake',
      'loss',
    ]);
    expect(log.runs[0].series.find((s) => s.key === 'loss')!.y[5]).toBeCloseTo(1.121 + 3.5 + 6.07 + 0.696 + 0.642, 6);
  });

  it('a run of one epoch is read per line on an iteration axis, and a NaN loss stays NaN', () => {
    const text = [BANNER];
    for (let it = 100; it <= 3000; it += 100)
      text.push(cycleGan(1, it).replace(/idt_B: [\d.]+/, it >= 2500 ? 'idt_B: nan' : '$&'));
    const log = ingest(text.join('\n'));
    const run = log.runs[0];
    expect(run.xAxis).toBe('step');
    const loss = run.series.find((s) => s.key === 'loss')!;
    expect(loss.x.slice(0, 3)).toEqual([100, 200, 300]);
    expect(loss.y.filter((v) => Number.isNaN(v))).toHaveLength(6);
    expect(diagnose(log).findings).toContain('nan_inf');
  });

  it('the epoch going back after a banner starts another run; a resume that carries on numbering does not', () => {
    const restarted = [
      BANNER,
      ...[1, 2, 3].map((e) => cycleGan(e, 400)),
      BANNER,
      ...[1, 2, 3, 4, 5, 6].map((e) => cycleGan(e, 400)),
    ];
    const a = ingest(restarted.join('\n'));
    expect(a.runs.map((r) => r.series[0].x.length)).toEqual([3, 6]);
    const resumed = [
      BANNER,
      ...[1, 2, 3].map((e) => cycleGan(e, 400)),
      BANNER,
      ...[4, 5, 6].map((e) => cycleGan(e, 400)),
    ];
    const b = ingest(resumed.join('\n'));
    expect(b.runs).toHaveLength(1);
    expect(b.runs[0].series[0].x).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('two lines are read, and judged too short; a line with the head and no values is not read', () => {
    const two = [BANNER, cycleGan(1, 100), cycleGan(1, 200), '(epoch: 1, iters: 300, time: 0.2) done'];
    const log = ingest(two.join('\n'));
    expect(log.runs[0].series.find((s) => s.key === 'loss')!.x).toEqual([100, 200]);
    expect(diagnose(log).pattern).toBe('not_assessable');
  });

  it("one head line among a loop's own prints does not take the file: the prints are read", () => {
    const prints = Array.from(
      { length: 30 },
      (_, i) =>
        `Epoch ${i + 1}: loss: ${(1 / (i + 1)).toFixed(4)} val_loss: ${(0.5 + Math.abs(i - 12) * 0.03).toFixed(4)}`,
    );
    prints.splice(5, 0, cycleGan(1, 100));
    const log = ingest(prints.join('\n'));
    expect(log.warnings.map((w) => w.code)).not.toContain('gan_visualizer');
    expect(log.runs.at(-1)!.series.map((s) => s.key)).toEqual(expect.arrayContaining(['loss', 'val_loss']));
  });

  it("a fork's variants: a logging prefix, commas between pairs, a loss named as an error; a score stays a score", () => {
    const text = Array.from(
      { length: 6 },
      (_, i) =>
        `2023-05-01 10:00:0${i} INFO (epoch: ${i + 1}, iters: 400, time: 0.1) G_GAN: 1.000, G_MSE: ${(2 - i * 0.2).toFixed(3)}, D_real: 0.500, G_SSIM: ${(0.5 + i * 0.05).toFixed(3)}`,
    );
    const log = ingest(text.join('\n'));
    const kinds = Object.fromEntries(log.runs[0].series.map((s) => [s.name, s.kind]));
    expect(kinds).toMatchObject({ G_GAN: 'loss', G_MSE: 'loss', D_real: 'loss', G_SSIM: 'score' });
    // the loss is the sum of the three losses, not of the score
    expect(log.runs[0].series.find((s) => s.key === 'loss')!.y[0]).toBeCloseTo(1 + 2 + 0.5, 6);
  });
});
