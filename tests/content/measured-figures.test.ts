import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import cnnDemo from '../../src/demos/architectures/convolutional-network';
import aeDemo from '../../src/demos/architectures/autoencoder';
import vaeDemo from '../../src/demos/architectures/variational-autoencoder';
import lsmDemo from '../../src/demos/architectures/liquid-state-machine';
import dncDemo from '../../src/demos/architectures/differentiable-neural-computer';
import vggDemo from '../../src/demos/architectures/vgg-16';
import googlenetDemo from '../../src/demos/architectures/googlenet';
import lstmDemo from '../../src/demos/architectures/lstm';
import gruDemo from '../../src/demos/architectures/gru';
import { parseParams } from '../../src/demos/params';
import { progressPlan } from '../../src/demos/progress-plan';
import type { DemoDefinition } from '../../src/demos/types';
import { digitSplit } from '../../src/network/datasets/digits';

/**
 * The figures an article prints from its demo are measured here, by running the demo at its default
 * settings (every random number is seeded), so prose cannot drift from what the code measures.
 */
const article = (id: string) => readFileSync(new URL(`../../content/architectures/${id}.mdx`, import.meta.url), 'utf8');
async function metricsOf(demo: unknown, values: Record<string, string> = {}): Promise<Record<string, number>> {
  const d = demo as DemoDefinition;
  const result = await d.run(parseParams(d.params, values), progressPlan(d.stages, () => {}));
  return Object.fromEntries(result.metrics.map((m) => [m.name, m.value]));
}

/** Losses of two code-free references on the held-out digits: painting the average training digit, and painting each digit exactly. */
function references() {
  const { train, test } = digitSplit();
  const pixels = test[0]!.length;
  const mean = new Float64Array(pixels);
  for (const image of train) image.forEach((v, p) => (mean[p]! += v / train.length));
  // The same clipped binary cross-entropy as the VAE's reconstruction loss, in nats, summed over pixels.
  const clip = (q: number) => Math.min(Math.max(q, 1e-6), 1 - 1e-6);
  const bce = (x: number, q: number) => -(x * Math.log(clip(q)) + (1 - x) * Math.log(1 - clip(q)));
  let averageDigit = 0;
  let perfect = 0;
  let averageDigitMse = 0;
  for (const image of test)
    image.forEach((x, p) => {
      averageDigit += bce(x, mean[p]!) / test.length;
      perfect += bce(x, x) / test.length;
      averageDigitMse += (x - mean[p]!) ** 2 / (test.length * pixels);
    });
  return { averageDigit, perfect, averageDigitMse };
}

describe('the figures articles print from their demos', () => {
  it('convolutional-network: the test accuracy at the default settings', async () => {
    const { accuracy } = await metricsOf(cnnDemo);
    const text = article('convolutional-network');
    expect(text).toContain(`**${(100 * accuracy!).toFixed(1)} %** of the 597 unseen digits correctly`);
    expect(text).toContain(`(${Math.round(accuracy! * 597)} of them)`);
  });

  it('vgg-16: parameters and held-out accuracy of the 3×3-pair and the single-5×5 networks at the default settings', async () => {
    const m = await metricsOf(vggDemo);
    const text = article('vgg-16');
    const percent = (v: number) => `${(100 * v).toFixed(1)} %`;
    expect(text).toContain(`**${percent(m['stacked-accuracy']!)}** of the 597 unseen digits`);
    expect(text).toContain(`**${percent(m['single-accuracy']!)}**`);
    expect(text).toContain(`${m['stacked-params']!.toLocaleString('en-GB')} parameters`);
    expect(text).toContain(`${m['single-params']!.toLocaleString('en-GB')} parameters`);
  });

  it('googlenet: parameters and held-out accuracy of the small GoogLeNet and the small VGG at the default settings', async () => {
    const m = await metricsOf(googlenetDemo);
    const text = article('googlenet');
    const percent = (v: number) => `${(100 * v).toFixed(1)} %`;
    expect(text).toContain(`**${percent(m['googlenet-accuracy']!)}** of the 597 unseen digits`);
    expect(text).toContain(`**${percent(m['vgg-accuracy']!)}**`);
    expect(text).toContain(`${m['googlenet-params']!.toLocaleString('en-GB')} parameters`);
    expect(text).toContain(`${m['vgg-params']!.toLocaleString('en-GB')} parameters`);
    // Two convolutional networks trained one after the other on tfjs's CPU backend: 10 to 30 s on a loaded 2-core machine.
  }, 120_000);

  it('variational-autoencoder: KL and reconstruction in nats, and the references they are read against', async () => {
    const { kl, reconstruction } = await metricsOf(vaeDemo);
    const { averageDigit, perfect } = references();
    const text = article('variational-autoencoder');
    expect(text).toContain(`**${kl!.toFixed(2)} nats**`);
    expect(text).toContain(`**${reconstruction!.toFixed(2)} nats** per digit`);
    expect(text).toContain(`negative ELBO is ${(kl! + reconstruction!).toFixed(2)} nats`);
    expect(text).toContain(`costs ${averageDigit.toFixed(2)} nats per held-out digit`);
    expect(text).toContain(`would still cost ${perfect.toFixed(2)} nats`);
    expect(text).toContain(`save ${(averageDigit - reconstruction!).toFixed(2)} of the ${(averageDigit - perfect).toFixed(2)} nats`);
    expect(text).toContain(`ELBO comes out ${(averageDigit - kl! - reconstruction!).toFixed(2)} nats better`);
  });

  it('autoencoder: the reconstruction error, and the average digit’s for scale', async () => {
    const { mse } = await metricsOf(aeDemo);
    const { averageDigitMse } = references();
    const text = article('autoencoder');
    expect(text).toContain(`the error is **${mse!.toFixed(4)}** per pixel`);
    expect(text).toContain(`gives ${averageDigitMse.toFixed(4)}`);
    expect(text).toContain(`off by about ${Math.sqrt(mse!).toFixed(2)} of the range`);
    expect(1 - mse! / averageDigitMse).toBeCloseTo(2 / 3, 1);
  });

  it('liquid-state-machine: held-out, training and inputs-only accuracy and the firing rate at the defaults, and the accuracies at density 0.2', async () => {
    const { accuracy, 'train-accuracy': train, 'input-only-accuracy': inputOnly, 'firing-rate': rate } = await metricsOf(lsmDemo);
    const text = article('liquid-state-machine');
    expect(text).toContain(`classifies **${accuracy!.toFixed(3)}** of the held-out samples correctly, ${Math.round(accuracy! * 60)} of\nthe 60`);
    expect(text).toContain(`all 90 training samples (${train!.toFixed(3)})`);
    expect(train).toBe(1);
    expect(text).toContain(`it gets ${inputOnly!.toFixed(3)} of the held-out samples\nright`);
    expect(text).toContain(`the neurons fire ${rate!.toFixed(2)} spikes per\nstep`);
    const dense = await metricsOf(lsmDemo, { density: '0.2' });
    expect(text).toContain(`the held-out accuracy falls to ${dense.accuracy!.toFixed(3)}, while the training\naccuracy stays at ${dense['train-accuracy']!.toFixed(3)}`);
  });
  it.each([
    ['lstm', lstmDemo],
    ['gru', gruDemo],
  ] as const)('%s: recall R² of the gated and the plain network at the default settings', async (id, demo) => {
    const m = await metricsOf(demo);
    const r2 = (v: number) => v.toFixed(2).replace('-', '−');
    const text = article(id).replace(/\s+/g, ' ');
    expect(text).toContain(`k = 8 and 150 steps, the ${id.toUpperCase()} recalls with R² **${r2(m[`${id}-recall`]!)}** and the plain network **${r2(m['rnn-recall']!)}**`);
  }, 60_000);

  it('differentiable-neural-computer: bits wrong per copied sequence, DNC and LSTM, and their sizes', async () => {
    const m = await metricsOf(dncDemo);
    const text = article('differentiable-neural-computer');
    const f = (x: number) => x.toFixed(2);
    expect([m['dnc-1'], m['lstm-1']]).toEqual([0, 0]);
    expect(text).toContain(`At length 2 the DNC gets **${f(m['dnc-2']!)}** of 4 bits wrong per\nsequence and the LSTM ${f(m['lstm-2']!)}.`);
    expect(text).toContain(`the DNC gets ${f(m['dnc-4']!)} of 8 wrong and the\nLSTM ${f(m['lstm-4']!)}; at length 6, ${f(m['dnc-6']!)} and ${f(m['lstm-6']!)} of 12.`);
    expect(text).toContain(`(${m['dnc-params']!.toLocaleString('en')} parameters)`);
    expect(text).toContain(`(${m['lstm-params']!.toLocaleString('en')} parameters)`);
  }, 120_000);
});
