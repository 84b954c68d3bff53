import { plotSvg } from './plot';

/** A classifier's accuracy after an epoch on held-out images, and on its training images where measured. */
export interface AccuracyPoint {
  readonly epoch: number;
  readonly train?: number;
  readonly test: number;
}

/**
 * Accuracy after each epoch, on unseen test digits (dashed) and on the training digits: a line where
 * every epoch measured it, dots where only some did.
 */
export const accuracyCurvePlot = (title: string, description: string, curve: readonly AccuracyPoint[]): string => {
  const trained = curve.flatMap((c) => (c.train === undefined ? [] : [[c.epoch, c.train] as const]));
  return plotSvg({
    title,
    description,
    x: { label: 'epoch' },
    y: { label: 'accuracy' },
    series: [
      ...(trained.length ? [{ label: 'training digits', mark: trained.length === curve.length ? ('line' as const) : ('dots' as const), points: trained }] : []),
      { label: 'unseen test digits', mark: 'dashed' as const, points: curve.map((c) => [c.epoch, c.test] as const) },
    ],
  });
};

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
