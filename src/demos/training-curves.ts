import { plotSvg } from './plot';

/** A classifier's accuracy after an epoch, on its training images and on held-out ones. */
export interface AccuracyPoint {
  readonly epoch: number;
  readonly train: number;
  readonly test: number;
}

/** Accuracy after each epoch, on the training digits (line) and on unseen test digits (dashed). */
export const accuracyCurvePlot = (title: string, description: string, curve: readonly AccuracyPoint[]): string =>
  plotSvg({
    title,
    description,
    x: { label: 'epoch' },
    y: { label: 'accuracy' },
    series: [
      { label: 'training digits', mark: 'line', points: curve.map((c) => [c.epoch, c.train]) },
      { label: 'unseen test digits', mark: 'dashed', points: curve.map((c) => [c.epoch, c.test]) },
    ],
  });

/**
 * The loss of every training mini-batch so far, at its place in the run (epoch 2.5: half-way
 * through the second), described by the first and the last.
 */
export const batchLossPlot = (title: string, loss: string, batch: number, points: readonly (readonly [number, number])[]): string =>
  plotSvg({
    title,
    description: `The ${loss} of the last mini-batch of ${batch} digits is ${points.at(-1)![1].toFixed(3)}, at epoch ${points.at(-1)![0].toFixed(2)}; it was ${points[0]![1].toFixed(3)} on the first.`,
    x: { label: 'epoch' },
    y: { label: `${loss} of the mini-batch`, floor: 0 },
    series: [{ label: 'training mini-batch', mark: 'line', points }],
  });
