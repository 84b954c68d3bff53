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
  it('runs a short training with progress per epoch, returns numeric metrics and drawn images, and leaks no tensor', async () => {
    const before = tf.memory().numTensors;
    const updates: ProgressUpdate[] = [];
    const result = await demo.run(parseParams(demo.params, { epochs: '4' }), progressPlan(demo.stages, (u) => updates.push(u)));
    expect(tf.memory().numTensors).toBe(before);
    expect(updates.map((u) => u.done)).toEqual([1, 2, 3, 4]);
    expect(updates.at(-1)!.fraction).toBe(1);
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
