import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { delayedBits } from '../../src/network/datasets/delayed-bits';
import { runSequence } from '../../src/network/cells/evaluate';
import { cellWeightsOf, opGraphOfLayer } from '../../src/network/cells/from-layer';
import { MinimalGruCell } from '../../src/network/layers/minimal-gru';
import minimalGru, { buildGruForComparison, parameterCount, trainRecall } from '../../src/zoo/minimal-gru';

const config = { inputs: 2, units: 4, outputs: 1, seed: 5, steps: 6 };

/** h_t of the recurrent layer for every step, as tfjs computes it. */
function recurrentOutputs(model: tf.LayersModel, xs: number[][][]): number[][][] {
  const layer = model.getLayer('minimal-gru');
  const probe = tf.model({ inputs: model.inputs, outputs: layer.output as tf.SymbolicTensor });
  return tf.tidy(() => (probe.predict(tf.tensor3d(xs)) as tf.Tensor).arraySync() as number[][][]);
}

const sequences = (seed: number) => tf.tidy(() => tf.randomNormal([3, config.steps, config.inputs], 0, 1, 'float32', seed).arraySync() as number[][][]);

describe('minimal-gru', () => {
  it('computes, in its tfjs cell, the minimal gated unit’s equations: the op graph evaluated in plain JS agrees to 1e-5', () => {
    const model = minimalGru.build(config);
    const xs = sequences(1);
    const layer = model.getLayer('minimal-gru');
    const reference = xs.map((x) => runSequence(opGraphOfLayer(layer), cellWeightsOf(layer), x).outputs);
    const actual = recurrentOutputs(model, xs);
    expect(Math.max(...actual.flat(2).map((v, k) => Math.abs(v - reference.flat(2)[k]!)))).toBeLessThan(1e-5);
    model.dispose();
  });

  it('has one gate: its cell holds two weight blocks (forget, candidate) where tfjs’s GRU holds three', () => {
    const mgu = minimalGru.build(config);
    const gru = buildGruForComparison(config);
    const shapes = (m: tf.LayersModel, name: string) => m.getLayer(name).weights.map((w) => w.shape);
    expect(shapes(mgu, 'minimal-gru')).toEqual([[2, 8], [4, 8], [8]]);
    expect(shapes(gru, 'gru')).toEqual([[2, 12], [4, 12], [12]]);
    // Readout 4·1 + 1 = 5 in both; the cells 2·(2·4 + 4·4 + 4) = 56 and 3·28 = 84.
    expect([parameterCount(mgu), parameterCount(gru)]).toEqual([61, 89]);
    mgu.dispose();
    gru.dispose();
  });

  it('survives serialization: the model’s JSON names the registered MinimalGruCell, and the reloaded model gives the same outputs', async () => {
    const model = minimalGru.build(config);
    const json = JSON.stringify(model.toJSON(undefined, false));
    expect(json).toContain('"class_name":"MinimalGruCell"');
    let artifacts: tf.io.ModelArtifacts | undefined;
    await model.save(tf.io.withSaveHandler(async (a) => ((artifacts = a), { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } })));
    const reloaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts!));
    const recurrent = reloaded.getLayer('minimal-gru') as unknown as { cell: unknown };
    expect(recurrent.cell).toBeInstanceOf(MinimalGruCell);
    const xs = sequences(2);
    const [a, b] = [model, reloaded].map((m) => tf.tidy(() => (m.predict(tf.tensor3d(xs)) as tf.Tensor).arraySync() as number[][][]));
    expect(b).toEqual(a);
    // A fresh build from the JSON alone (no weights) has the same seeded starting weights.
    const rebuilt = await tf.models.modelFromJSON(JSON.parse(json));
    expect(rebuilt.getWeights().map((w) => w.arraySync())).toEqual(model.getWeights().map((w) => w.arraySync()));
    [model, reloaded, rebuilt].forEach((m) => m.dispose());
  });

  it(
    'learns delayed recall (name the bit from 3 steps back) as well as a GRU of the same width, with a third fewer cell weights',
    async () => {
      const data = delayedBits({ sequences: 32, length: 12, delay: 3, seed: 4 });
      const sizes = { inputs: 1, units: 6, outputs: 1, seed: 2, steps: 12 };
      const results = [];
      for (const build of [minimalGru.build, buildGruForComparison]) {
        const model = build(sizes);
        const before = tf.memory().numTensors;
        const curve = await trainRecall(model, data, { epochs: 120, learningRate: 0.03 });
        expect(tf.memory().numTensors, 'tensors left behind by training').toBe(before);
        results.push({ parameters: parameterCount(model), accuracy: curve.accuracy, loss: curve.loss });
        model.dispose();
      }
      const [mgu, gru] = results as [(typeof results)[0], (typeof results)[0]];
      // Cells 2·(1·6 + 6·6 + 6) = 96 against 3·48 = 144, plus the same readout of 7.
      expect([mgu.parameters, gru.parameters]).toEqual([103, 151]);
      expect(mgu.accuracy).toBeGreaterThan(0.95);
      expect(gru.accuracy).toBeGreaterThan(0.95);
      // Learning, not luck: the loss fell far below guessing (ln 2 ≈ 0.69).
      expect(mgu.loss.at(-1)!).toBeLessThan(0.2);
    },
    120_000,
  );
});
