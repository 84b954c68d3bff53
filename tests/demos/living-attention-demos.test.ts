import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import attentionDemo from '../../src/demos/architectures/attention-network';
import transformerDemo from '../../src/demos/architectures/transformer';
import { parseParams, type ParamSchema, type ParamValues } from '../../src/demos/params';
import { progressPlan, type Watcher } from '../../src/demos/progress-plan';
import type { DemoDefinition } from '../../src/demos/types';
import { runUntilWatched } from '../support/watching';
import { reversalSet } from '../../src/network/datasets/reversal';
import { translationReversal } from '../../src/network/datasets/translation-reversal';
import { createRandom } from '../../src/network/numerics/random';

/** What `demo` watches at the form's `raw` strings, with the weights of the network `living.config` builds at the same values. */
async function watched<S extends ParamSchema>(demo: DemoDefinition<S>, raw: Record<string, string> = {}) {
  const caught = await runUntilWatched(demo, raw);
  const declaredModel = demo.living!.architecture.build(demo.living!.config(caught.values as ParamValues<S>));
  const declared = declaredModel.getWeights().map((w) => Array.from(w.dataSync()));
  declaredModel.dispose();
  return { ...caught, declared };
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
