/**
 * node-canvas and worker threads: when the last thread holding node-canvas's native library is a
 * worker and that worker exits, the process segfaults (seen with canvas 3.2 on Linux, Node 20: the
 * library is unloaded under live cairo/pango state). Loading it once in the main thread keeps it
 * resident, after which workers may render and exit freely. Call this in the main thread before
 * starting render workers. Cheap and idempotent; it draws nothing.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let held: unknown;

export function keepRendererLoaded(): void {
  held ??= require('canvas');
}

export function rendererLoaded(): boolean {
  return held !== undefined;
}
