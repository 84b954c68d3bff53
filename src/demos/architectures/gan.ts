import * as tf from '@tensorflow/tfjs';
import { DEFAULT_RING, ringSamples } from '../../network/datasets/ring';
import { createRandom } from '../../network/numerics/random';
import { slicedWasserstein } from '../../network/numerics/sliced-wasserstein';
import gan, { generate, trainGan } from '../../zoo/gan';
import { plotSvg } from '../plot';
import type { ParamValues } from '../params';
import { defineDemo } from '../types';
import params from './gan.params';

const BATCH = 64;
/** Points compared with the data for the distance, and drawn in the scatter. */
const SAMPLE = 400;
const CHECK_EVERY = 100;
/** Progress after the first step and between the checks, with the last distance measured: the bar moves a few times a second. */
const REPORT_EVERY = 20;
/** Steps averaged in the loss curves: single steps of a two-player game are noisy. */
const SMOOTHING = 25;

const smooth = (values: readonly number[]) =>
  values.map((_, i) => {
    const window = values.slice(Math.max(0, i - SMOOTHING + 1), i + 1);
    return window.reduce((s, v) => s + v, 0) / window.length;
  });

const pairs = (flat: Float32Array) => Array.from({ length: flat.length / 2 }, (_, k) => [flat[2 * k]!, flat[2 * k + 1]!] as const);

/** The network at the reader's settings: only the noise's size comes from them (the rates and steps are how it trains). */
const networkAt = (values: ParamValues<typeof params>) => ({ ...gan.configs.demo!, noise: values.noise });

/** Seed of the generated points the scatter plots draw. */
const SHOWN_SEED = 7;

/**
 * The living diagram's input: the noise of the first generated point the plots draw (standard normal,
 * as `generate` and training draw it) and the first of the real points the distance is measured against.
 */
function firstPoints(noise: number, reference: Float32Array): tf.Tensor2D[] {
  const random = createRandom(SHOWN_SEED);
  return [tf.tensor2d([Array.from({ length: noise }, () => random.normal())]), tf.tensor2d(reference.slice(0, 2), [1, 2])];
}

/**
 * The GAN definition at the reader's settings learns a thin ring off the origin. Every 100 steps the
 * generated points are compared with real ones (sliced Wasserstein distance), which the progress
 * line shows as training runs; the plots show the final points against the ring and both losses.
 */
export default defineDemo({
  params,
  living: { architecture: gan, config: networkAt },
  stages: [{ key: 'game:train', label: 'Training the discriminator and the generator in turn', unit: 'steps', errorLabel: 'distance to the data', weight: 1 }],
  run(values, progress) {
    const reference = ringSamples(DEFAULT_RING, SAMPLE, createRandom(99));
    const model = gan.build(networkAt(values));
    try {
      progress.watch(model, firstPoints(values.noise, reference));
      const distance = () => slicedWasserstein(generate(model, SAMPLE, 4), reference);
      const checks: (readonly [number, number])[] = [[0, distance()]];
      const stream = createRandom(3);
      const report = progress.within('game');
      const ring = Array.from({ length: 121 }, (_, k) => {
        const angle = (2 * Math.PI * k) / 120;
        return [DEFAULT_RING.centre[0] + DEFAULT_RING.radius * Math.cos(angle), DEFAULT_RING.centre[1] + DEFAULT_RING.radius * Math.sin(angle)] as const;
      });
      const pointsPlot = (title: string, description: string) =>
        plotSvg({
          title,
          description,
          x: { label: 'x' },
          y: { label: 'y' },
          // The data is a circle: drawn to equal scales, it looks like one.
          aspect: 'equal',
          series: [
            { label: 'data: a ring of radius 1 around (1.5, 1)', mark: 'band', points: ring },
            { label: 'generated points', mark: 'dots', points: pairs(generate(model, SAMPLE, SHOWN_SEED)) },
          ],
        });
      const distancePlot = (description: string) =>
        plotSvg({
          title: `GAN: distance between generated points and the data, every ${CHECK_EVERY} steps`,
          description,
          x: { label: 'step' },
          y: { label: 'sliced Wasserstein distance' },
          series: [{ label: 'distance to the data', mark: 'line', points: checks }],
        });
      // Live: the generator's points as they move onto the ring, and the distance measured so far.
      const live = (step: number) => () => [
        pointsPlot(`GAN: the ring the data comes from, and 400 points from the generator after ${step} of ${values.steps} steps`, `The last distance measured, at step ${checks.at(-1)![0]}, is ${checks.at(-1)![1].toFixed(3)}.`),
        distancePlot(`The distance so far: ${checks.map(([s, d]) => `${d.toFixed(3)} at step ${s}`).join(', ')}.`),
      ];
      const history = trainGan(model, {
        steps: values.steps,
        batchSize: BATCH,
        discriminatorRate: values.discriminatorRate,
        generatorRate: values.generatorRate,
        seed: 1,
        real: (n) => ringSamples(DEFAULT_RING, n, stream),
        every: CHECK_EVERY,
        check: (step) => {
          checks.push([step, distance()]);
          return checks.at(-1)![1];
        },
        onProgress: report,
        onStep: (step) => {
          if ((step === 1 || step % REPORT_EVERY === 0) && step % CHECK_EVERY !== 0 && step !== values.steps) report({ phase: 'train', done: step, total: values.steps, error: checks.at(-1)![1] });
          progress.show(live(step));
        },
      });
      const [before, after] = [checks[0]![1], checks.at(-1)![1]];
      return {
        metrics: [
          { name: 'distance', label: 'Distance to the data after training (sliced Wasserstein)', value: after },
          { name: 'distance-before', label: 'Distance before training', value: before },
        ],
        plots: [
          pointsPlot(
            'GAN: the ring the data comes from, and 400 points from the trained generator',
            `The generated points are ${after.toFixed(3)} from the data (sliced Wasserstein distance), against ${before.toFixed(3)} before training.`,
          ),
          plotSvg({
            title: 'GAN: both losses over training (moving average of 25 steps)',
            description: `At the end the discriminator's loss is ${history.discriminatorLoss.at(-1)!.toFixed(2)} and the generator's ${history.generatorLoss.at(-1)!.toFixed(2)}; at the game's balance they are 2 ln 2 ≈ 1.39 and ln 2 ≈ 0.69.`,
            x: { label: 'step' },
            y: { label: 'loss' },
            series: [
              { label: 'discriminator loss', mark: 'line', points: smooth(history.discriminatorLoss).map((v, i) => [i + 1, v]) },
              { label: 'generator loss', mark: 'dashed', points: smooth(history.generatorLoss).map((v, i) => [i + 1, v]) },
            ],
          }),
          distancePlot(`The distance falls from ${before.toFixed(3)} to ${after.toFixed(3)}.`),
        ],
      };
    } finally {
      progress.finish();
      model.dispose();
    }
  },
});
