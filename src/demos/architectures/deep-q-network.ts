import * as tf from '@tensorflow/tfjs';
import { ACTION_NAMES, bestReturn, DEMO_WORLD, observe, runEpisode, step, type GridWorld } from '../../network/environments/grid-world';
import { createRandom } from '../../network/numerics/random';
import dqn, { greedyAction, trainDqn } from '../../zoo/deep-q-network';
import { gridWorldSvg } from '../grid-world-svg';
import { plotSvg } from '../plot';
import type { ParamValues } from '../params';
import { defineDemo } from '../types';
import params from './deep-q-network.params';

const BATCH = 32;
const MEMORY = 2000;
const WARMUP = 100;
/** ε falls from 1 to 0.05 over this share of the moves. */
const EXPLORE_SHARE = 0.55;
/** Episodes averaged in the return curve. */
const SMOOTHING = 10;
/** Episodes of the random policy the trained agent is compared with. */
const RANDOM_EPISODES = 200;

const smooth = (values: readonly number[]) =>
  values.map((_, i) => {
    const window = values.slice(Math.max(0, i - SMOOTHING + 1), i + 1);
    return window.reduce((s, v) => s + v, 0) / window.length;
  });

/** The network at the reader's settings: only its seed (its starting weights) comes from them. */
const networkAt = (values: ParamValues<typeof params>) => ({ ...dqn.configs.demo!, seed: values.seed });

/** Right, the first move of a shortest path from the start. */
const FIRST_MOVE = 1;

/**
 * The living diagram's input: the agent's first transition in `world`, from the start moving right,
 * as the network reads a replayed one (state and next state one-hot, the reward, 1 as the episode goes on).
 */
function firstTransition(world: GridWorld): tf.Tensor2D[] {
  const { next, reward, done } = step(world, world.start, FIRST_MOVE);
  const cells = world.rows * world.columns;
  return [tf.tensor2d(observe(world, world.start), [1, cells]), tf.tensor2d(observe(world, next), [1, cells]), tf.tensor2d([[reward]]), tf.tensor2d([[done ? 0 : 1]])];
}

/**
 * Deep Q-learning in the 5×5 grid world at the reader's settings: the return of every episode played
 * while training (exploring ε-greedily), live, with the greedy agent's current path; then the greedy
 * agent's episode after training, against the best return there is and a random policy's.
 */
export default defineDemo({
  params,
  living: { architecture: dqn, config: networkAt },
  stages: [{ key: 'agent:train', label: 'Playing ε-greedily, replaying transitions, copying the online network into the target every C steps', unit: 'moves', errorLabel: 'return of the last episode', weight: 1 }],
  run(values, progress) {
    const world = DEMO_WORLD;
    const best = bestReturn(world);
    const random = createRandom(values.seed + 100);
    const randomReturn = Array.from({ length: RANDOM_EPISODES }, () => runEpisode(world, () => Math.floor(random.next() * ACTION_NAMES.length)).return).reduce((s, r) => s + r, 0) / RANDOM_EPISODES;
    const model = dqn.build(networkAt(values));
    try {
      progress.watch(model, firstTransition(world));
      const greedy = () => runEpisode(world, (cell) => greedyAction(model, observe(world, cell)));
      const returnsPlot = (returns: readonly number[], title: string) =>
        plotSvg({
          title,
          description: `Each episode's return while training, exploring ε-greedily (ε falls from 1 to 0.05), against the best return there is, ${best.toFixed(2)}, and a random policy's mean, ${randomReturn.toFixed(2)}.`,
          x: { label: 'episode' },
          y: { label: 'return' },
          series: [
            { label: `best possible: ${best.toFixed(2)}`, mark: 'band', points: [[1, best], [Math.max(2, returns.length), best]] },
            { label: `random policy: ${randomReturn.toFixed(2)}`, mark: 'dashed', points: [[1, randomReturn], [Math.max(2, returns.length), randomReturn]] },
            { label: `return, mean of ${SMOOTHING} episodes`, mark: 'line', points: smooth(returns).map((v, i) => [i + 1, v]) },
          ],
        });
      const episodeSvg = (title: string, episode: ReturnType<typeof greedy>) =>
        gridWorldSvg({
          title,
          description: `The 5×5 grid world: start S at the top left, goal G at the bottom right, walls filled. The greedy agent ${episode.reachedGoal ? `reaches the goal in ${episode.cells.length - 1} moves` : `does not reach the goal in ${world.maxSteps} moves`}, return ${episode.return.toFixed(2)}.`,
          world,
          path: episode.cells,
          caption: episode.reachedGoal ? `${episode.cells.length - 1} moves to G, return ${episode.return.toFixed(2)}` : `no goal in ${world.maxSteps} moves, return ${episode.return.toFixed(2)}`,
        });
      const returns: number[] = [];
      // Drawn only when the page will show it (a few times a second), so asking after every episode is free.
      const live = () => [returnsPlot(returns, `Return per episode so far (${returns.length} episode${returns.length === 1 ? '' : 's'})`), episodeSvg('The greedy agent now', greedy())];
      const report = progress.within('agent');
      const history = trainDqn(model, {
        world,
        steps: values.steps,
        batchSize: BATCH,
        memory: MEMORY,
        warmup: WARMUP,
        learningRate: values.learningRate,
        epsilon: { from: 1, to: 0.05, over: Math.round(values.steps * EXPLORE_SHARE) },
        targetEvery: values.targetEvery,
        seed: values.seed,
        onEpisode: (_, ret) => {
          returns.push(ret);
          progress.show(live);
        },
        onProgress: (update) => {
          report(update);
          // Between episodes too: the greedy agent's path changes with every gradient step.
          if (returns.length > 0) progress.show(live);
        },
      });
      const final = greedy();
      return {
        metrics: [
          { name: 'greedy-return', label: 'Greedy agent’s return after training', value: final.return },
          { name: 'best-return', label: 'Best return there is', value: best },
          { name: 'random-return', label: `Random policy’s mean return (${RANDOM_EPISODES} episodes)`, value: randomReturn },
          { name: 'episodes', label: 'Episodes played while training', value: history.returns.length, kind: 'count' },
          { name: 'copies', label: 'Target copies', value: history.copies, kind: 'count' },
        ],
        plots: [
          episodeSvg(`The greedy agent after ${values.steps} moves of training, C = ${values.targetEvery}`, final),
          returnsPlot(history.returns, `Return per episode while training (${history.returns.length} episodes, ${history.copies} target copies)`),
        ],
      };
    } finally {
      progress.finish();
      model.dispose();
    }
  },
});
