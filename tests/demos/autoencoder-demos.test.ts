import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import ae from '../../src/demos/architectures/autoencoder';
import dcign from '../../src/demos/architectures/dcign';
import dcignParams from '../../src/demos/architectures/dcign.params';
import dae from '../../src/demos/architectures/denoising-autoencoder';
import sae from '../../src/demos/architectures/sparse-autoencoder';
import vae from '../../src/demos/architectures/variational-autoencoder';
import { parseParams } from '../../src/demos/params';
import { progressPlan, type ProgressUpdate } from '../../src/demos/progress-plan';
import type { DemoDefinition } from '../../src/demos/types';
import dcignDefinition from '../../src/zoo/dcign';

const demos: [string, DemoDefinition][] = [
  ['autoencoder', ae as unknown as DemoDefinition],
  ['denoising-autoencoder', dae as unknown as DemoDefinition],
  ['sparse-autoencoder', sae as unknown as DemoDefinition],
  ['variational-autoencoder', vae as unknown as DemoDefinition],
  ['dcign', dcign as unknown as DemoDefinition],
];

describe.each(demos)('the %s demo', (_, demo) => {
  it('runs a short training with progress and a live picture per mini-batch, returns numeric metrics and drawn images, and leaks no tensor', async () => {
    const before = tf.memory().numTensors;
    const updates: ProgressUpdate[] = [];
    const previews: (readonly string[])[] = [];
    const result = await demo.run(parseParams(demo.params, { epochs: '4' }), progressPlan(demo.stages, (u) => updates.push(u), (p) => previews.push(p)));
    expect(tf.memory().numTensors).toBe(before);
    // Every batch of the 4 epochs, in order: 1000 digits in batches of 100 (40 for DC-IGN).
    const batches = updates.at(-1)!.total;
    expect([40, 100]).toContain(batches);
    expect(updates.map((u) => u.done)).toEqual(Array.from({ length: batches }, (_, k) => k + 1));
    expect(updates.at(-1)!.fraction).toBe(1);
    // The live pictures: the network's images as they are now, and the loss curve one point longer each batch.
    expect(previews).toHaveLength(batches);
    for (const [k, plots] of [previews[0]!, previews.at(-1)!].entries()) {
      expect(plots[0]).toContain('rz-image-grid');
      expect(plots[1]).toContain(k === 0 ? `After ${(4 / batches).toFixed(1)} of 4 epochs` : 'After 4.0 of 4 epochs');
    }
    for (const metric of result.metrics) expect(Number.isFinite(metric.value), metric.name).toBe(true);
    expect(result.plots.some((svg) => svg.includes('rz-image-grid') && (svg.match(/<path /g) ?? []).length > 20)).toBe(true);
    for (const svg of result.plots) expect(svg).toMatch(/^<svg [^>]*role="img"[^>]*><title>[^<]+<\/title><desc>[^<]+<\/desc>/);
  });
});

describe('the dcign demo parameters', () => {
  it('default to the definition’s demo code size, so an untouched form runs what the article describes', () => {
    expect(parseParams(dcignParams, {}).latent).toBe(dcignDefinition.configs.demo!.latent);
  });

  it('offer at least two code units, the two the traversal sweeps', () => {
    expect(dcignParams.find((p) => p.name === 'latent')!.min).toBeGreaterThanOrEqual(2);
  });
});

describe('the dcign article', () => {
  const article = readFileSync(new URL('../../content/architectures/dcign.mdx', import.meta.url), 'utf8');
  /** The metrics, and the KL of each code unit from the traversal's description, sorted from the busiest. */
  async function measure(values: Record<string, string>) {
    const result = await dcign.run(parseParams(dcign.params, values), progressPlan(dcign.stages, () => {}));
    const metric = Object.fromEntries(result.metrics.map((m) => [m.name, m.value]));
    const units = /KL per unit on held-out digits: ([^)]+)\)/.exec(result.plots[0]!)![1]!.split(', ').map((u) => Number(u.split(' ')[1]));
    return { ...metric, units: units.sort((a, b) => b - a) } as { reconstruction: number; baseline: number; kl: number; units: number[] };
  }

  it('quotes the error, the baseline and the KL per unit measured at the defaults, and with eight code units', async () => {
    const four = await measure({});
    expect(article).toContain(`the error through the code is\n${four.reconstruction.toFixed(3)} against the baseline's ${four.baseline.toFixed(3)}`);
    expect(article).toContain(`keeps ${four.kl.toFixed(2)} [nats]`);
    expect(article).toContain(`between ${four.units.at(-1)!.toFixed(2)} and ${four.units[0]!.toFixed(2)} nats in each of the four units`);
    const eight = await measure({ latent: '8' });
    expect(article).toContain(`with eight units, the busiest carries ${eight.units[0]!.toFixed(2)} nats and ${eight.units.filter((u) => u <= 0.1).length} carry 0.10 or less`);
    expect(article).toContain(`${eight.kl.toFixed(2)} nats in all, and the error is no better, ${eight.reconstruction.toFixed(3)}`);
    expect(eight.reconstruction).toBeGreaterThanOrEqual(four.reconstruction);
  }, 120_000);
});
