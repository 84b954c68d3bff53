/**
 * Switches the demo worker's tfjs to the backend a demo asked for. WebAssembly may fail to start
 * (an old browser, a blocked .wasm file); the demo then runs on the CPU backend and the reader is
 * told why, instead of seeing an error.
 */
import * as tf from '@tensorflow/tfjs';
import type { DemoBackend } from './types';

export interface BackendInUse {
  /** `tf.getBackend()` once switched: what really runs the demo. */
  readonly name: string;
  /** Set when the wanted backend could not start: what happened, in words for the reader. */
  readonly note?: string;
}

async function startWasm(): Promise<string | undefined> {
  try {
    const { configureWasm } = await import('./wasm-backend');
    configureWasm();
    if (await tf.setBackend('wasm')) return undefined;
    return 'WebAssembly did not start in this browser';
  } catch (error) {
    return `WebAssembly did not start (${error instanceof Error ? error.message : String(error)})`;
  }
}

export async function useBackend(wanted: DemoBackend): Promise<BackendInUse> {
  const problem = wanted === 'wasm' ? await startWasm() : undefined;
  // Tiny networks: the CPU backend beats WebGL's upload cost and needs no GPU.
  if (wanted === 'cpu' || problem) await tf.setBackend('cpu');
  await tf.ready();
  const name = tf.getBackend();
  return problem ? { name, note: `${problem}; running on the ${name} backend instead` } : { name };
}
