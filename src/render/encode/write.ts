/**
 * Charts written to disk (the CLI's --chart and `chart --out`): render, then write the PNG,
 * creating missing folders.
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Diagnosis } from '../../diagnose/schema.js';
import type { TrainingLog } from '../../ingest/schema.js';
import { renderWithLayout } from '../diagnosed.js';
import type { OverlayItem, RenderOptions } from '../options.js';
import { renderOverlayWithLayout } from '../overlay.js';

export interface WriteResult {
  path: string;
  bytes: number;
  width: number;
  height: number;
}

/**
 * Write a PNG, creating missing folders one level at a time: Node 20's mkdir({ recursive: true })
 * spins forever under /proc (a typo'd path hung the CLI), a plain mkdir fails with ENOENT at once.
 */
async function writePng(outPath: string, png: Buffer): Promise<void> {
  const missing: string[] = [];
  for (let dir = dirname(resolve(outPath)); ; dir = dirname(dir)) {
    try {
      await stat(dir);
      break;
    } catch {
      missing.unshift(dir);
      if (dirname(dir) === dir) break;
    }
  }
  for (const dir of missing) await mkdir(dir);
  await writeFile(outPath, png);
}

/** CLI hook: render one diagnosis and write the PNG (creating the folder). */
export async function writeChart(
  outPath: string,
  log: TrainingLog,
  diagnosis: Diagnosis,
  options: RenderOptions = {},
): Promise<WriteResult> {
  const { png, layout } = await renderWithLayout(log, diagnosis, options);
  await writePng(outPath, png);
  return { path: outPath, bytes: png.length, width: layout.width, height: layout.height };
}

/** CLI hook for `chart FILE... --out`: overlay several runs and write the PNG. */
export async function writeOverlayChart(
  outPath: string,
  items: OverlayItem[],
  options: RenderOptions = {},
): Promise<WriteResult> {
  const { png, layout } = await renderOverlayWithLayout(items, options);
  await writePng(outPath, png);
  return { path: outPath, bytes: png.length, width: layout.width, height: layout.height };
}
