import { plotSvg, type Series } from './plot';
import type { ProgressPlan } from './progress-plan';

/**
 * The training loss of every mini-batch so far, against epochs done: the live curve the
 * autoencoder demos (and DC-IGN) show while they train, in `progress.show`. A batch's loss is noisier
 * than an epoch's mean, and it exists from the first batch on, so the curve starts moving at once.
 */
export interface BatchLoss {
  /** [epochs done (a fraction), loss of that batch], in order. */
  readonly points: readonly (readonly [number, number])[];
  add(epochs: number, loss: number): void;
  /** The curve so far, with `references` (e.g. the noise's own error as a band) drawn under it. */
  svg(references?: readonly Series[]): string;
}

export function batchLoss(options: { readonly model: string; readonly epochs: number; readonly yLabel: string; readonly digits: number }): BatchLoss {
  const points: [number, number][] = [];
  return {
    points,
    add: (epochs, loss) => void points.push([epochs, loss]),
    svg: (references = []) => {
      const last = points.at(-1);
      return plotSvg({
        title: `${options.model} training so far: the loss of every mini-batch`,
        description: last
          ? `After ${last[0].toFixed(1)} of ${options.epochs} epochs the loss of the last mini-batch is ${last[1].toFixed(options.digits)}, from ${points[0]![1].toFixed(options.digits)} on the first.`
          : 'No mini-batch trained yet.',
        x: { label: 'epoch' },
        y: { label: options.yLabel },
        series: [...references, { label: 'loss per mini-batch', mark: 'line', points }],
      });
    },
  };
}

/**
 * The hooks of a training loop (src/network/autoencoder.ts's FitOptions) that keep the page live:
 * progress of stage `fit` at every batch, and after every batch a point on `curve` and the pictures
 * `live` draws, shown only as often as the page redraws.
 */
export function everyBatch(progress: ProgressPlan, curve: BatchLoss, live: () => readonly string[]) {
  return {
    onProgress: progress.within('fit'),
    onBatch: (epochs: number, loss: number) => {
      curve.add(epochs, loss);
      progress.show(live);
    },
  };
}
