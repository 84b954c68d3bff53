import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
// The AlexNet demo trains on WebAssembly in the browser, so its figures are measured there. Importing
// the backend makes it tfjs's first choice: the other tests pick the CPU backend first.
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import alexnetDemo from '../../src/demos/architectures/alexnet';
import zfnetDemo from '../../src/demos/architectures/zfnet';
import { parseParams } from '../../src/demos/params';
import { progressPlan } from '../../src/demos/progress-plan';
import type { DemoDefinition } from '../../src/demos/types';

/**
 * The figures the AlexNet and ZFNet articles print from their demos, measured by running each demo
 * at its default settings (every random number is seeded), so prose cannot drift from the code.
 */
const article = (id: string) => readFileSync(new URL(`../../content/architectures/${id}.mdx`, import.meta.url), 'utf8');
async function metricsOf(demo: unknown, values: Record<string, string> = {}): Promise<Record<string, number>> {
  const d = demo as DemoDefinition;
  const result = await d.run(parseParams(d.params, values), progressPlan(d.stages, () => {}));
  return Object.fromEntries(result.metrics.map((m) => [m.name, m.value]));
}

describe('the figures the AlexNet and ZFNet articles print from their demos', () => {
  beforeAll(() => tf.setBackend('cpu'));

  it('alexnet: epochs to 25 % training error and the final training errors, ReLU and tanh, on its own backend (WebAssembly)', async () => {
    expect(alexnetDemo.backend).toBe('wasm');
    await tf.setBackend('wasm');
    try {
      await alexnetFigures();
    } finally {
      await tf.setBackend('cpu');
    }
  }, 120_000);

  async function alexnetFigures(): Promise<void> {
    const m = await metricsOf(alexnetDemo);
    const text = article('alexnet');
    const percent = (v: number) => `${(100 * v).toFixed(1)} %`;
    expect(text).toContain(`ReLU network gets there after **${m['relu-epochs']} epochs** and the tanh network after\n**${m['tanh-epochs']}**`);
    expect(text).toContain(`after 6 epochs their training errors are ${percent(m['relu-error']!)} and ${percent(m['tanh-error']!)}`);
    expect(text).toContain(`by a\nfactor of about ${(m['tanh-epochs']! / m['relu-epochs']!).toFixed(1)} rather than 6`);
    // At a learning rate of 0.01 tanh reaches 25 % an epoch sooner, ReLU at the same epoch.
    const fast = await metricsOf(alexnetDemo, { learningRate: '-2' });
    expect([fast['relu-epochs'], fast['tanh-epochs']]).toEqual([m['relu-epochs'], m['tanh-epochs']! - 1]);
    expect(text).toContain(`at 0.01\nthe tanh network gets below 25 % after ${fast['tanh-epochs']} epochs instead of ${m['tanh-epochs']}, the ReLU network still after ${fast['relu-epochs']}`);
  }

  it('zfnet: test accuracy, answers changed by a one-pixel shift and dead filters, for each first layer', async () => {
    const m = await metricsOf(zfnetDemo);
    const text = article('zfnet');
    const percent = (v: number) => `${(100 * v).toFixed(1)} %`;
    expect(text).toContain(`the ZFNet-style first layer classifies **${percent(m['zfnet-accuracy']!)}** of the unseen digits\ncorrectly and the AlexNet-style one **${percent(m['alexnet-accuracy']!)}**`);
    expect(text).toContain(`the one-pixel shift changes ${percent(m['zfnet-shift-flips']!)} of the\nZFNet-style network's answers and only ${percent(m['alexnet-shift-flips']!)} of the AlexNet-style network's`);
    expect([m['zfnet-dead'], m['alexnet-dead']]).toEqual([0, 0]);
    expect(text).toContain('neither has a dead filter');
    // The shorter run the article quotes is measured in tests/zoo/zfnet.test.ts.
    expect(text).toContain('(49.1 % for AlexNet\'s proportions, 34.3 % for\nZFNet\'s)');
  }, 120_000);
});
