import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import attentionDemo from '../../src/demos/architectures/attention-network';
import transformerDemo from '../../src/demos/architectures/transformer';
import { parseParams, type ParamSchema, type ParamValues } from '../../src/demos/params';
import { progressPlan, type Watcher } from '../../src/demos/progress-plan';
import type { DemoDefinition } from '../../src/demos/types';
import { reversalSet } from '../../src/network/datasets/reversal';
import { translationReversal } from '../../src/network/datasets/translation-reversal';
import { createRandom } from '../../src/network/numerics/random';

/** Thrown by the watcher below: the run stops where it hands over its network, before any training. */
class Watched extends Error {}

interface Caught {
  /** Every weight of the watched network, and of the one the definition builds at `living.config(values)`. */
  readonly weights: readonly number[][];
  readonly declared: readonly number[][];
  /** The example, input by input. */
  readonly inputs: readonly { readonly shape: readonly number[]; readonly values: readonly number[] }[];
}

const weightsOf = (model: tf.LayersModel) => model.getWeights().map((w) => Array.from(w.dataSync()));

/** Runs `demo` at the form's `raw` strings up to its `progress.watch`, and catches what it watches. */
async function watched<S extends ParamSchema>(demo: DemoDefinition<S>, raw: Record<string, string> = {}): Promise<Caught> {
  const values = parseParams(demo.params, raw) as ParamValues<S>;
  const declaredModel = demo.living!.architecture.build(demo.living!.config(values));
  const declared = weightsOf(declaredModel);
  declaredModel.dispose();
  let caught: Omit<Caught, 'declared'> | undefined;
  const watcher: Watcher = {
    watch(model, example) {
      const tensors = Array.isArray(example) ? example : [example as tf.Tensor];
      caught = { weights: weightsOf(model), inputs: tensors.map((t) => ({ shape: t.shape, values: Array.from(t.dataSync()) })) };
      tf.dispose(tensors);
      throw new Watched();
    },
    reported: () => {},
    finish: () => {},
  };
  const before = tf.memory().numTensors;
  await expect((async () => demo.run(values, progressPlan(demo.stages, () => {}, () => {}, { watcher })))()).rejects.toBeInstanceOf(Watched);
  expect(tf.memory().numTensors).toBe(before);
  return { ...caught!, declared };
}

/** The watch and the finish, in order, with whether the model could still be read at `finish` (not yet disposed). */
async function watchAndFinish<S extends ParamSchema>(demo: DemoDefinition<S>, raw: Record<string, string>): Promise<string[]> {
  const calls: string[] = [];
  let model: tf.LayersModel | undefined;
  const watcher: Watcher = {
    watch(m, example) {
      model = m;
      tf.dispose(Array.isArray(example) ? example : [example as tf.Tensor]);
      calls.push('watch');
    },
    reported: () => {},
    finish: () => {
      calls.push(model ? `finish, ${model.getWeights().length > 0 && !model.getWeights()[0]!.isDisposed ? 'model alive' : 'model gone'}` : 'finish');
    },
  };
  await demo.run(parseParams(demo.params, raw) as ParamValues<S>, progressPlan(demo.stages, () => {}, () => {}, { watcher }));
  return calls;
}

afterEach(() => tf.disposeVariables());

describe('the attention demos’ living diagrams show one held-out sequence on the network the definition builds', () => {
  it('attention-network: the held-out sequence its second heat map shows, one-hot, on the definition’s network at the reader’s length and alphabet', async () => {
    const caught = await watched(attentionDemo, { steps: '5', symbols: '4' });
    expect(caught.weights).toEqual(caught.declared);
    const heldOut = reversalSet(200, 5, 4, createRandom(2)).sources[0]!;
    expect(caught.inputs).toEqual([{ shape: [1, 5, 4], values: heldOut.flat() }]);
  }, 60_000);

  it('transformer: the first held-out sequence and its shifted target, on the masked network, the definition’s own', async () => {
    const caught = await watched(transformerDemo, { length: '5', alphabet: '4' });
    expect(caught.weights).toEqual(caught.declared);
    const heldOut = translationReversal(100, 5, 4, createRandom(2));
    expect(caught.inputs).toEqual([
      { shape: [1, 5, 5], values: heldOut.sources[0]!.flat() },
      { shape: [1, 5, 5], values: heldOut.shifted[0]!.flat() },
    ]);
  }, 60_000);

  it('each finishes the watched network once, before disposing it; the Transformer watches its masked network only, with or without the twin', async () => {
    expect(await watchAndFinish(attentionDemo, { epochs: '1' })).toEqual(['watch', 'finish, model alive']);
    expect(await watchAndFinish(transformerDemo, { epochs: '5', unmasked: '1' })).toEqual(['watch', 'finish, model alive']);
  }, 120_000);
});
