import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { AnyArchitecture } from '../../src/architecture/types';
import { isOneToOne } from '../../src/graph/one-to-one';
import { generateSvg } from '../../src/pipeline';
import { KIND_LABELS, SPARSE_ONE_TO_ONE } from '../../src/render/vocabulary';
import feedForward from '../../src/zoo/feed-forward';
import vae from '../../src/zoo/variational-autoencoder';
import { parseSvg } from '../support/svg-metadata';

/** The legend's texts and the `<desc>` of a generated cells diagram. */
async function wording(architecture: AnyArchitecture): Promise<{ legend: string[]; desc: string }> {
  const svg = parseSvg(await generateSvg(architecture, 'cells'));
  const legend = svg.elements.filter((e) => e.name === 'text' && e.ancestorClasses.includes('rz-legend')).map((e) => e.text);
  const desc = svg.elements.find((e) => e.name === 'desc')!.text;
  return { legend, desc };
}

/** The feed-forward diagram network (2 → 4 → 1) with its input weights cut down to `keep(i, j)`: a Dense layer with zeros traces as sparse. */
function maskedFeedForward(keep: (i: number, j: number) => boolean): AnyArchitecture {
  return {
    ...(feedForward as AnyArchitecture),
    configs: { diagram: { inputs: 2, hidden: [2], outputs: 1, seed: 5 } },
    build: (config) => {
      const model = (feedForward as AnyArchitecture).build(config);
      const layer = model.getLayer('hidden');
      const [kernel, bias] = layer.getWeights();
      const values = kernel!.arraySync() as number[][];
      layer.setWeights([tf.tensor2d(values.map((row, i) => row.map((w, j) => (keep(i, j) ? w : 0)))), bias!]);
      return model;
    },
  };
}

describe('sparse connections are described by the pattern they have', () => {
  it('reads one-to-one ties as cell i to cell i, and nothing else as one-to-one', () => {
    expect(isOneToOne([{ from: 'z-mean.0', to: 'z.0' }, { from: 'z-log-variance.1', to: 'z.1' }])).toBe(true);
    expect(isOneToOne([{ from: 'a.0@1', to: 'b.0@1' }])).toBe(true);
    expect(isOneToOne([{ from: 'a.0', to: 'b.1' }])).toBe(false);
    expect(isOneToOne([{ from: 'reservoir.3-198', to: 'out.3' }])).toBe(false);
    expect(isOneToOne([{ from: 'a', to: 'b' }])).toBe(false);
    expect(isOneToOne([])).toBe(false);
  });

  it('draws the VAE’s μ_i, log σ²_i → z_i ties as samples, one-to-one and weightless: never as random, sparse or fixed weights', async () => {
    const { legend, desc } = await wording(vae as AnyArchitecture);
    expect(legend).toContain(KIND_LABELS.sample);
    expect(legend).not.toContain(SPARSE_ONE_TO_ONE);
    expect(legend.join(' | ')).not.toMatch(/random|fixed weight/);
    expect(desc).toContain('z-mean → z: 2 sample connections (cell i to cell i), no weight: the target is drawn from a distribution whose parameters the sources hold');
    expect(desc).not.toMatch(/random/);
  });

  it('keeps the general meaning for other sparse patterns: only some pairs connected, with no one-to-one claim', async () => {
    const scattered = await wording(maskedFeedForward((i, j) => !(i === 0 && j === 0)));
    expect(scattered.legend).toContain(KIND_LABELS.sparse);
    expect(KIND_LABELS.sparse).toBe('sparse: only some pairs connected');
    expect(scattered.legend).not.toContain(SPARSE_ONE_TO_ONE);
    expect(scattered.desc).toContain('input → hidden: 3 sparse connections (3 of 4 pairs), trained');
    // A diagonal weight matrix is one-to-one, whatever made it so.
    const diagonal = await wording(maskedFeedForward((i, j) => i === j));
    expect(diagonal.legend).toContain(SPARSE_ONE_TO_ONE);
  });
});
