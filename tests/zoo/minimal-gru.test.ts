import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { delayedBits } from '../../src/network/datasets/delayed-bits';
import { evaluateStep, runSequence } from '../../src/network/cells/evaluate';
import { cellWeightsOf, opGraphOfLayer } from '../../src/network/cells/from-layer';
import { MinimalGruCell } from '../../src/network/layers/minimal-gru';
import minimalGru, { buildGruForComparison, buildMinimalGru, parameterCount, trainRecall } from '../../src/zoo/minimal-gru';

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

  it.each([-1, 0, 1])(
    'starts, with keep bias %i, keeping the same share σ(b) of its state per step as the GRU it is compared with; only at b = 0 does its candidate also read the same share of the old state as the GRU’s',
    (b) => {
      const sigma = 1 / (1 + Math.exp(-b));
      /** Every node of one step of the recurrent layer's op graph, at a zero input and a zero state. */
      const firstStep = (model: tf.LayersModel, name: string) => {
        const layer = model.getLayer(name);
        const zeros = (n: number) => new Array<number>(n).fill(0);
        return evaluateStep(opGraphOfLayer(layer), cellWeightsOf(layer), new Map([['x', zeros(config.inputs)], ['h-prev', zeros(config.units)]]));
      };
      const models = [buildMinimalGru(config, b), buildGruForComparison(config, b), minimalGru.build(config)] as const;
      const mgu = firstStep(models[0], 'minimal-gru');
      const gru = firstStep(models[1], 'gru');
      // Kept: (1 − f) ⊙ h_{t−1} in the minimal unit, z ⊙ h_{t−1} in tfjs's GRU.
      for (const kept of [mgu.get('forget-one-minus')!, gru.get('update-gate')!]) for (const v of kept) expect(v).toBeCloseTo(sigma, 6);
      // Read by the candidate: f ⊙ h_{t−1} in the minimal unit (one gate, both roles), r ⊙ h_{t−1} in the GRU.
      for (const v of mgu.get('forget-gate')!) expect(v).toBeCloseTo(1 - sigma, 6);
      for (const v of gru.get('reset-gate')!) expect(v).toBeCloseTo(0.5, 6);
      // The definition itself starts at b = 0.
      expect(models[2].getLayer('minimal-gru').getWeights()[2]!.arraySync()).toEqual(new Array<number>(2 * config.units).fill(0));
      models.forEach((m) => m.dispose());
    },
  );

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
