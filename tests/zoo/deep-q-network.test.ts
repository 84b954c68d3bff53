import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { traceModel } from '../../src/graph/trace';
import { bestReturn, DEMO_WORLD, observe, runEpisode } from '../../src/network/environments/grid-world';
import { createRandom } from '../../src/network/numerics/random';
import dqn, { greedyAction, qValues, trainDqn, type DqnTraining } from '../../src/zoo/deep-q-network';

const LAYERS = ['hidden1', 'values'];
const weightsOf = (model: tf.LayersModel, role: 'online' | 'target') => LAYERS.flatMap((n) => model.getLayer(`${role}-${n}`).getWeights().map((w) => Array.from(w.dataSync())));
const training = (seed: number): DqnTraining => ({
  world: DEMO_WORLD,
  steps: 1000,
  batchSize: 32,
  memory: 2000,
  warmup: 100,
  learningRate: 0.01,
  epsilon: { from: 1, to: 0.05, over: 550 },
  targetEvery: 50,
  seed,
});

describe('deep-q-network', () => {
  it('traces the online network on s and its fixed copy on s′, joined by one copy line per cell, into the TD target and the TD error', () => {
    const model = dqn.build(dqn.configs.diagram);
    const graph = traceModel(model, 'deep-q-network');
    expect(graph.groups.map((g) => `${g.id}:${g.cellType}:${g.size}`).sort()).toEqual(
      ['state:input:4', 'next-state:input:4', 'reward:input:1', 'continues:input:1', 'online-hidden1:hidden:3', 'online-values:hidden:2', 'target-hidden1:hidden:3', 'target-values:hidden:2', 'td-target:hidden:1', 'td-error:output:2'].sort(),
    );
    const weights = graph.connections.filter((c) => c.kind === 'dense');
    expect(new Set(weights.filter((c) => c.to.startsWith('online-')).map((c) => c.trainable))).toEqual(new Set([true]));
    expect(new Set(weights.filter((c) => c.to.startsWith('target-')).map((c) => c.trainable))).toEqual(new Set([false]));
    expect(graph.connections.filter((c) => c.kind === 'copy').map((c) => `${c.from}→${c.to}`)).toEqual([
      'online-hidden1.0→target-hidden1.0',
      'online-hidden1.1→target-hidden1.1',
      'online-hidden1.2→target-hidden1.2',
      'online-values.0→target-values.0',
      'online-values.1→target-values.1',
    ]);
    expect(graph.connections.filter((c) => c.to === 'td-target.0').map((c) => `${c.from}:${c.kind}`)).toEqual(['target-values.0:pool', 'target-values.1:pool', 'reward.0:residual', 'continues.0:coefficient']);
    model.dispose();
  });

  it('outputs δ_a = r + γ·c·max Q̂(s′) − Q(s, a), the online network on s and the target on s′', () => {
    const model = dqn.build(dqn.configs.diagram);
    // Make the target differ from the online network, so that using the wrong one would show.
    model.getLayer('target-values').setWeights(model.getLayer('target-values').getWeights().map((w) => tf.mul(w, 2)));
    const [delta, q, qNext] = tf.tidy(() => {
      const s = tf.tensor2d([[1, 0, 0, 0], [0, 0.5, -1, 2]]);
      const next = tf.tensor2d([[0, 1, 0, 0], [1, 1, 1, 1]]);
      const out = model.predict([s, next, tf.tensor2d([[1], [-0.5]]), tf.tensor2d([[1], [0]])]) as tf.Tensor;
      const targetNext = ['target-hidden1', 'target-values'].reduce<tf.Tensor>((h, n) => model.getLayer(n).apply(h) as tf.Tensor, next);
      return [out.arraySync() as number[][], qValues(model, s).arraySync(), targetNext.arraySync() as number[][]];
    });
    const y = [1 + 0.9 * Math.max(...qNext[0]!), -0.5];
    delta.forEach((row, b) => row.forEach((d, a) => expect(d).toBeCloseTo(y[b]! - q[b]![a]!, 5)));
    model.dispose();
  });

  it('learns, in 1,000 moves, a greedy policy that takes the shortest path to the goal, where a random policy mostly never gets there', () => {
    const random = createRandom(7);
    const randomReturn = Array.from({ length: 200 }, () => runEpisode(DEMO_WORLD, () => Math.floor(random.next() * 4)).return).reduce((s, r) => s + r, 0) / 200;
    const model = dqn.build(dqn.configs.demo!);
    const before = runEpisode(DEMO_WORLD, (cell) => greedyAction(model, observe(DEMO_WORLD, cell)));
    trainDqn(model, training(dqn.configs.demo!.seed));
    const after = runEpisode(DEMO_WORLD, (cell) => greedyAction(model, observe(DEMO_WORLD, cell)));
    expect(before.reachedGoal).toBe(false);
    expect(randomReturn).toBeLessThan(-1);
    expect(after.reachedGoal).toBe(true);
    expect(after.return).toBeCloseTo(bestReturn(DEMO_WORLD), 6);
    expect(after.return - randomReturn).toBeGreaterThan(1.5);
    model.dispose();
  });

  it('makes the target network equal to the online one at each copy, and keeps it fixed in between while the online one learns', () => {
    const tensors = tf.memory().numTensors;
    const model = dqn.build(dqn.configs.demo!);
    const atCopies: boolean[] = [];
    let lastCopy: number[][] = [];
    // 300 moves: 201 gradient steps, copies after steps 50, 100, 150 and 200, then one more step.
    const history = trainDqn(model, {
      ...training(1),
      steps: 300,
      onCopy: () => {
        atCopies.push(JSON.stringify(weightsOf(model, 'target')) === JSON.stringify(weightsOf(model, 'online')));
        lastCopy = weightsOf(model, 'target');
      },
    });
    expect(history.gradientSteps).toBe(201);
    expect(atCopies).toEqual([true, true, true, true]);
    // One gradient step after the last copy: the online network has moved on, the target has not.
    expect(weightsOf(model, 'target')).toEqual(lastCopy);
    expect(weightsOf(model, 'online')).not.toEqual(lastCopy);
    model.dispose();
    expect(tf.memory().numTensors).toBe(tensors);
  });
});
