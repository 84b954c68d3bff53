import * as tf from '@tensorflow/tfjs';
import type { DemoResult } from './types';

/** Present in the demo chunk only; browser tests look for it to prove the chunk loads on click, not before. */
export const DEMO_MARKER = '__RUNNABLE_ZOO_DEMO__';

const demos = import.meta.glob<{ run: () => Promise<DemoResult> }>('./architectures/*.ts');

/**
 * Runs one architecture's demo inside its `[data-demo]` root: status idle → running → done | error,
 * metrics in `[data-demo-metric]` outputs, the plot in `[data-demo-result]`, and the live tensor
 * count in `data-demo-tensors` so a leak between runs is visible (and tested).
 */
export async function startDemo(root: HTMLElement, button: HTMLButtonElement): Promise<void> {
  const id = root.dataset.demo ?? '';
  const message = root.querySelector<HTMLElement>('[data-demo-message]')!;
  const result = root.querySelector<HTMLElement>('[data-demo-result]')!;
  root.dataset.demoRuntime = DEMO_MARKER;
  root.dataset.demoStatus = 'running';
  button.disabled = true;
  message.textContent = 'Building the network and training…';
  try {
    const load = demos[`./architectures/${id}.ts`];
    if (!load) throw new Error(`no demo for "${id}"`);
    // Tiny networks: the CPU backend beats WebGL's upload cost and needs no GPU.
    await tf.setBackend('cpu');
    await tf.ready();
    const started = performance.now();
    const outcome = await (await load()).run();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    result.innerHTML = outcome.plot;
    const metrics = outcome.metrics
      .map((m) => `${m.label}: <output data-demo-metric="${m.name}">${m.value.toFixed(4)}</output>`)
      .join(' · ');
    message.innerHTML = `${metrics} · ${seconds} s`;
    root.dataset.demoTensors = String(tf.memory().numTensors);
    root.dataset.demoStatus = 'done';
    button.textContent = 'Run again';
  } catch (error) {
    root.dataset.demoStatus = 'error';
    message.textContent = `The demo failed: ${(error as Error).message}`;
    throw error;
  } finally {
    button.disabled = false;
  }
}
