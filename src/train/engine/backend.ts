/**
 * Backend selection: @tensorflow/tfjs-node (native libtensorflow, in the Docker image) when it loads,
 * else @tensorflow/tfjs-backend-wasm (XNNPACK, SIMD), else the pure-JS cpu backend. Results say which ran.
 * CURVE_TRIAGE_TF_BACKEND=node|wasm|cpu forces one (a forced backend that fails is an error).
 */
import type * as TF from '@tensorflow/tfjs';

export type Tf = typeof TF;
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

export interface LoadedTf {
  tf: Tf;
  backend: BackendName;
  /** why a preferred backend was skipped */
  notes: string[];
  /** wasm: SIMD and threads as the runtime reports them */
  wasm?: { simd: boolean; threads: boolean; threadsCount?: number };
}

let loaded: Promise<LoadedTf> | undefined;

export function backendPreference(): BackendName[] {
  const forced = (process.env.CURVE_TRIAGE_TF_BACKEND ?? '').trim().toLowerCase();
  if (forced === 'node' || forced === 'tensorflow') return ['tensorflow'];
  if (forced === 'wasm') return ['wasm'];
  if (forced === 'cpu') return ['cpu'];
  return ['tensorflow', 'wasm', 'cpu'];
}

/** Load TF.js once per thread with the best backend available. */
export function loadTf(): Promise<LoadedTf> {
  loaded ??= doLoad();
  return loaded;
}

async function doLoad(): Promise<LoadedTf> {
  const notes: string[] = [];
  const prefs = backendPreference();
  for (const b of prefs) {
    try {
      if (b === 'tensorflow') {
        // the optional dependency: absent outside the Docker image
        const name = '@tensorflow/tfjs-node';
        const tfn = (await import(/* @vite-ignore */ name)) as Tf;
        await tfn.setBackend('tensorflow');
        await tfn.ready();
        tfn.env().set('PROD', true);
        return { tf: tfn, backend: 'tensorflow', notes };
      }
      const tf = (await import('@tensorflow/tfjs')) as Tf;
      tf.env().set('PROD', true); // no per-op NaN checks / debug bookkeeping
      if (b === 'wasm') {
        const wasm = await import('@tensorflow/tfjs-backend-wasm');
        const threads = Number(process.env.CURVE_TRIAGE_WASM_THREADS ?? 0);
        if (threads > 0) wasm.setThreadsCount(threads);
        if (!(await tf.setBackend('wasm'))) throw new Error('setBackend(wasm) returned false');
        await tf.ready();
        const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
        const mt = Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'));
        return {
          tf,
          backend: 'wasm',
          notes,
          wasm: { simd, threads: mt, ...(mt ? { threadsCount: wasm.getThreadsCount() } : {}) },
        };
      }
      await tf.setBackend('cpu');
      await tf.ready();
      return { tf, backend: 'cpu', notes };
    } catch (e) {
      notes.push(`${b} backend unavailable: ${(e as Error).message.split('\n')[0].slice(0, 160)}`);
    }
  }
  throw new Error(`no TF.js backend could be loaded (${notes.join('; ')})`);
}
