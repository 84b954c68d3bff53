import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { runSequence } from '../../../src/network/cells/evaluate';
import { cellWeightsOf, firstGatedLayer, opGraphOfLayer } from '../../../src/network/cells/from-layer';
import { dataFlow, type OpGraph } from '../../../src/network/cells/op-graph';
import { minimalGru } from '../../../src/network/layers/minimal-gru';

const STEPS = 5;
const INPUTS = 3;
const UNITS = 4;
const SEEDS = [1, 2, 3, 4];

type Kind = 'lstm' | 'gru' | 'minimal-gru';

/** A functional model around one recurrent layer: [sequence of h_t, final h, (final c)]. */
function modelWith(kind: Kind, seed: number, recurrentActivation: 'sigmoid' | 'hardSigmoid'): tf.LayersModel {
  const input = tf.input({ shape: [STEPS, INPUTS] });
  const common = {
    units: UNITS,
    returnSequences: true,
    returnState: true,
    recurrentActivation,
    kernelInitializer: tf.initializers.glorotUniform({ seed }),
    recurrentInitializer: tf.initializers.orthogonal({ seed: seed + 1 }),
    name: 'cell',
  };
  const layer = kind === 'lstm' ? tf.layers.lstm(common) : kind === 'gru' ? tf.layers.gru(common) : minimalGru({ units: UNITS, seed, name: 'cell' });
  if (kind === 'minimal-gru') (layer as unknown as { returnState: boolean }).returnState = true;
  const outputs = layer.apply(input) as tf.SymbolicTensor[];
  const model = tf.model({ inputs: input, outputs });
  // Random biases too (tfjs starts them at zero), so every gate's bias slice is exercised.
  const bias = layer.weights.find((w) => w.originalName.endsWith('/bias'))!;
  tf.tidy(() => void bias.write(tf.randomNormal(bias.shape as number[], 0, 0.5, 'float32', seed + 7)));
  return model;
}

function compare(kind: Kind, seed: number, recurrentActivation: 'sigmoid' | 'hardSigmoid', mutate: (g: OpGraph) => OpGraph = (g) => g): number {
  const model = modelWith(kind, seed, recurrentActivation);
  try {
    const xs = tf.tidy(() => tf.randomNormal([3, STEPS, INPUTS], 0, 1, 'float32', seed + 11).arraySync() as number[][][]);
    const [sequences, , c] = (model.predict(tf.tensor3d(xs)) as tf.Tensor[]).map((t) => t.arraySync() as number[][][] & number[][]);
    const layer = firstGatedLayer(model)!;
    const graph = mutate(opGraphOfLayer(layer));
    const weights = cellWeightsOf(layer);
    let worst = 0;
    xs.forEach((sequence, b) => {
      const { outputs, states } = runSequence(graph, weights, sequence);
      outputs.forEach((h, t) => h.forEach((v, j) => (worst = Math.max(worst, Math.abs(v - (sequences as number[][][])[b]![t]![j]!)))));
      if (kind === 'lstm') states.get('c')!.forEach((v, j) => (worst = Math.max(worst, Math.abs(v - (c as number[][])[b]![j]!))));
    });
    return worst;
  } finally {
    model.dispose();
  }
}

describe('the executing op graph of a gated cell', () => {
  for (const kind of ['lstm', 'gru', 'minimal-gru'] as const)
    for (const activation of kind === 'minimal-gru' ? (['sigmoid'] as const) : (['sigmoid', 'hardSigmoid'] as const))
      it(`reproduces tfjs's ${kind} layer (${activation} gates) over ${STEPS} steps to 1e-5, for ${SEEDS.length} weight seeds`, () => {
        for (const seed of SEEDS) expect(compare(kind, seed, activation), `seed ${seed}`).toBeLessThan(1e-5);
      });

  it('tells a wrong GRU convention apart: with h_t = (1 − z) ⊙ h_{t−1} + z ⊙ h̃ it misses tfjs by far more than the tolerance', () => {
    const swapped = (g: OpGraph): OpGraph => ({
      ...g,
      nodes: g.nodes.map((n) =>
        n.id === 'update-keep' ? { ...n, inputs: ['update-one-minus', 'h-prev'] } : n.id === 'update-take' ? { ...n, inputs: ['update-gate', 'candidate'] } : n,
      ),
    });
    // update-one-minus must now run before update-keep reads it.
    const reordered = (g: OpGraph): OpGraph => {
      const s = swapped(g);
      const keep = s.nodes.find((n) => n.id === 'update-keep')!;
      const rest = s.nodes.filter((n) => n.id !== 'update-keep');
      const at = rest.findIndex((n) => n.id === 'update-one-minus') + 1;
      return { ...s, nodes: [...rest.slice(0, at), keep, ...rest.slice(at)] };
    };
    expect(compare('gru', 1, 'sigmoid', reordered)).toBeGreaterThan(1e-2);
  });

  it('lists every gate of each cell and only data flow between values it computes', () => {
    const model = modelWith('lstm', 1, 'sigmoid');
    const graph = opGraphOfLayer(firstGatedLayer(model)!);
    model.dispose();
    expect(new Set(graph.nodes.flatMap((n) => n.gate ?? []))).toEqual(new Set(['input', 'forget', 'candidate', 'output']));
    const ids = new Set([...graph.inputs.map((i) => i.id), ...graph.nodes.map((n) => n.id), ...graph.outputs.map((o) => o.id)]);
    for (const edge of dataFlow(graph)) expect(ids.has(edge.from) && ids.has(edge.to), `${edge.from} → ${edge.to}`).toBe(true);
  });
});
