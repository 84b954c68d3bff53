import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { withZeroWeights } from '../../src/architecture/structure-only';
import { createRandom } from '../../src/network/numerics/random';
import transformer, { buildTransformer, transformerParams } from '../../src/zoo/transformer';
import { expandEdges, parseSvg } from '../support/svg-metadata';

const config = transformer.configs.diagram;
const [T, V] = [config.positions!, config.symbols];
const random = createRandom(5);
/** A batch of random one-hot sequences, [count][T][V]. */
const sequences = (count: number) => Array.from({ length: count }, () => Array.from({ length: T }, () => Array.from({ length: V }, (_, k) => (k === Math.floor(random.next() * V) ? 1 : 0))));

describe('transformer', () => {
  it('reads no later target position: changing the decoder input after position i leaves the outputs at 0 … i unchanged, bit for bit (and without the mask it does not)', () => {
    for (const causal of [true, false]) {
      const model = buildTransformer(transformer.configs.demo!, { causal });
      const [positions, symbols] = [transformer.configs.demo!.positions!, transformer.configs.demo!.symbols];
      const [source, target] = [0, 1].map(() => Array.from({ length: 8 }, () => Array.from({ length: positions }, () => Array.from({ length: symbols }, () => random.uniform(0, 1)))));
      let leaks = 0;
      for (let i = 0; i < positions - 1; i++) {
        const changed = target!.map((seq) => seq.map((row, p) => (p > i ? row.map(() => random.uniform(0, 1)) : row)));
        const [a, b] = tf.tidy(() => [target!, changed].map((t) => (model.predict([tf.tensor3d(source!), tf.tensor3d(t)]) as tf.Tensor).arraySync() as number[][][]));
        for (let n = 0; n < 8; n++)
          for (let p = 0; p <= i; p++) {
            if (causal) expect(b![n]![p]).toEqual(a![n]![p]);
            else if (b![n]![p]!.some((v, k) => v !== a![n]![p]![k])) leaks++;
          }
        // A changed position itself does change: the mask hides the future, not the present.
        expect(b![0]![positions - 1]).not.toEqual(a![0]![positions - 1]);
      }
      if (!causal) expect(leaks).toBeGreaterThan(0);
      model.dispose();
    }
  });

  it('draws the mask in its unrolled diagram: the decoder self-attention reads no later position, the encoder and cross-attention read every one', () => {
    const edges = expandEdges(parseSvg(readFileSync(new URL('../../diagrams/transformer.unrolled.svg', import.meta.url), 'utf8'))).filter((e) => e.kind === 'attention');
    const step = (id: string) => Number(id.split('@')[1]);
    const reads = (prefix: string) => edges.filter((e) => e.to.startsWith(prefix));
    for (const prefix of ['dec1_self_scores', 'dec1_self_context']) {
      expect(reads(prefix).length).toBeGreaterThan(0);
      expect(reads(prefix).every((e) => step(e.from) <= step(e.to))).toBe(true);
      expect(reads(prefix).some((e) => step(e.from) < step(e.to))).toBe(true);
    }
    for (const prefix of ['enc1_attn_scores', 'enc1_attn_context', 'dec1_cross_scores', 'dec1_cross_context']) expect(reads(prefix).some((e) => step(e.from) > step(e.to))).toBe(true);
  });

  it('wraps every sub-layer post-LN, LayerNorm(x + Sublayer(x)): 2 per encoder layer, 3 per decoder layer', () => {
    const model = transformer.build(config);
    const norms = model.layers.filter((l) => l.getClassName() === 'LayerNormalization');
    expect(norms.map((l) => l.name).sort()).toEqual(['dec1_cross_norm', 'dec1_ffn_norm', 'dec1_self_norm', 'enc1_attn_norm', 'enc1_ffn_norm']);
    for (const norm of norms) {
      const [add] = norm.inboundNodes[0]!.inboundLayers;
      expect(add!.getClassName()).toBe('Add');
      expect(add!.inboundNodes[0]!.inboundLayers.map((l) => l.name)[0]).toMatch(/_output$/);
    }
    // Cross-attention: queries from the decoder, keys and values from the encoder's last norm.
    expect(model.getLayer('dec1_cross_key').inboundNodes[0]!.inboundLayers[0]!.name).toBe('enc1_ffn_norm');
    expect(model.getLayer('dec1_cross_query').inboundNodes[0]!.inboundLayers[0]!.name).toBe('dec1_self_norm');
    model.dispose();
  });

  it('draws each layer norm as normalisation reads, not pooling: every cell j of the sum into every cell k of the norm, weightless, and so its caption says', () => {
    const svg = parseSvg(readFileSync(new URL('../../diagrams/transformer.cells.svg', import.meta.url), 'utf8'));
    const edges = expandEdges(svg);
    expect(edges.some((e) => e.kind === 'pool')).toBe(false);
    const d = config.model;
    for (const norm of ['enc1_attn_norm', 'enc1_ffn_norm', 'dec1_self_norm', 'dec1_cross_norm', 'dec1_ffn_norm']) {
      const reads = edges.filter((e) => e.to.startsWith(`${norm}.`) && e.kind === 'normalise');
      expect(reads.map((e) => e.to.split('.')[1]).sort(), norm).toEqual(Array.from({ length: d * d }, (_, i) => String(Math.floor(i / d))).sort());
      expect(new Set(reads.map((e) => e.from.split('.')[0])).size, norm).toBe(1);
      expect(reads.every((e) => e.trainable === undefined && e.directed)).toBe(true);
    }
    const texts = svg.elements.filter((e) => e.name === 'text').map((e) => e.text).join(' ');
    expect(texts).toContain('normalisation');
    expect(texts).not.toContain('pooling');
  });

  it('shares one matrix between the source embedding, the target embedding and the output (section 3.4), counted once', () => {
    const model = transformer.build(config);
    const matrix = model.getLayer('source_embedding').weights[0]!;
    for (const name of ['target_embedding', 'output']) expect(model.getLayer(name).weights).toEqual([matrix]);
    expect(model.countParams()).toBe(transformerParams(config));
    const out = tf.tidy(() => {
      const x = tf.tensor3d(sequences(2));
      const before = (model.predict([x, x]) as tf.Tensor).arraySync();
      matrix.write(tf.zerosLike(matrix.read()));
      // With E = 0 every symbol looks alike: embeddings are the position code alone and every logit is 0.
      return [before, (model.predict([x, x]) as tf.Tensor).arraySync() as number[][][]] as const;
    });
    expect(out[1].flat(2).every((p) => Math.abs(p - 1 / V) < 1e-6)).toBe(true);
    model.dispose();
  });

  it('counts the base model of the paper, Table 3, at 63,082,496 parameters with a 37,000-symbol shared vocabulary', () => {
    const canonical = transformer.configs.canonical!;
    expect(transformerParams(canonical)).toBe(63_082_496);
    expect(transformerParams({ ...canonical, symbols: 0 })).toBe(6 * 3_152_384 + 6 * 4_204_032);
    const model = withZeroWeights(() => transformer.build(canonical));
    expect(model.countParams()).toBe(63_082_496);
    model.dispose();
  });
});
