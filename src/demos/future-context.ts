import * as tf from '@tensorflow/tfjs';
import type { ArchitectureDefinition } from '../architecture/types';
import { buildSequenceNetwork, errorByPosition, type BidirectionalConfig, type CellKind } from '../network/bidirectional';
import { trainSideBySide } from '../network/training/side-by-side';
import { FORWARD_ONLY_FLOOR, neighbourFill } from '../network/datasets/neighbour-fill';
import { createRandom } from '../network/numerics/random';
import { plotSvg } from './plot';
import type { DemoResult } from './types';
import type { ProgressPlan, Stage } from './progress-plan';

/** What the reader sets in every bidirectional demo (see the three `bidirectional-*.params.ts`). */
export interface FutureContextValues {
  readonly units: number;
  readonly steps: number;
  readonly epochs: number;
  readonly learningRate: number;
}

const CELL_NAME: Readonly<Record<CellKind, string>> = { simpleRNN: 'Elman', lstm: 'LSTM', gru: 'GRU' };

/** A bidirectional definition (bidirectional-rnn, -lstm, -gru): the page's own network. */
export type BidirectionalDefinition = ArchitectureDefinition<BidirectionalConfig>;

/**
 * The page's own, bidirectional network at the reader's settings: the definition's demo config (one
 * input, one output, its seed) with the reader's cells per chain and sequence length. The
 * forward-only network is the same config with one chain of twice the cells.
 */
export const futureContextNetwork = (definition: BidirectionalDefinition, values: Pick<FutureContextValues, 'units' | 'steps'>): BidirectionalConfig => ({
  ...definition.configs.demo!,
  units: values.units,
  steps: values.steps,
});

export const futureContextStages = (kind: CellKind): readonly Stage[] => [
  { key: 'both:epochs', label: `Training the bidirectional and the forward-only ${CELL_NAME[kind]} network side by side`, unit: 'epochs', errorLabel: 'loss, bidirectional', weight: 1 },
];

/** The training-loss plot, of the whole run or (while training) of the epochs so far. */
function lossPlot(cell: string, forward: readonly number[], both: readonly number[], title: string, description: string): string {
  return plotSvg({
    title,
    description,
    x: { label: 'epoch' },
    y: { label: 'training loss (mean squared error)', scale: 'log', floor: 1e-5 },
    series: [
      { label: `forward-only ${cell}`, mark: 'dashed', points: forward.map((l, e) => [e + 1, l] as const) },
      { label: `bidirectional ${cell}`, mark: 'line', points: both.map((l, e) => [e + 1, l] as const) },
    ],
  });
}

/**
 * Two networks of the same cell, same seed, same data and optimiser: one reads the sequences
 * forward only (2 × units cells in its one chain), the other both ways (units cells per chain).
 * Both learn to fill every position from its two neighbours, side by side, one epoch each in turn
 * (the page's own, bidirectional network first), their loss curves shown as they grow; the result
 * plots their training loss and their test error at each position, where the forward-only network
 * fails wherever half the answer is the next input, and succeeds at the last position, whose answer
 * lies wholly in the past.
 */
export async function runFutureContext(definition: BidirectionalDefinition, kind: CellKind, values: FutureContextValues, progress: ProgressPlan): Promise<DemoResult> {
  const train = neighbourFill(128, values.steps, createRandom(1));
  const test = neighbourFill(64, values.steps, createRandom(2));
  const cell = CELL_NAME[kind];
  const report = progress.within('both');
  const config = futureContextNetwork(definition, values);
  const models: tf.LayersModel[] = [];
  let runs: Record<'forward' | 'bidirectional', { losses: number[]; errors: number[] }>;
  try {
    // The page's own network is the definition's build at the living diagram's config.
    models.push(definition.build(config), buildSequenceNetwork(kind, config, { bidirectional: false, name: 'forward' }));
    const [bidirectional, forward] = models as [tf.LayersModel, tf.LayersModel];
    // The living diagram shows it filling the first held-out sequence.
    progress.watch(bidirectional, tf.tensor3d([test.inputs[0]! as number[][]]));
    const curves = { both: [] as number[], forward: [] as number[] };
    await trainSideBySide([bidirectional, forward], train, {
      epochs: values.epochs,
      learningRate: values.learningRate,
      onEpoch: (epoch, [both, alone]) => {
        curves.both.push(both!);
        curves.forward.push(alone!);
        report({ phase: 'epochs', done: epoch + 1, total: values.epochs, error: both });
        progress.show(() => [
          lossPlot(
            cell,
            curves.forward,
            curves.both,
            `Training loss so far, epoch ${epoch + 1} of ${values.epochs}: forward-only and bidirectional ${cell} network`,
            `After ${epoch + 1} epochs the forward-only network's loss is ${alone!.toFixed(4)}, the bidirectional network's ${both!.toFixed(4)}.`,
          ),
        ]);
      },
    });
    runs = {
      forward: { losses: curves.forward, errors: errorByPosition(forward, test) },
      bidirectional: { losses: curves.both, errors: errorByPosition(bidirectional, test) },
    };
  } finally {
    progress.finish();
    for (const model of models) model.dispose();
  }
  const forward = runs.forward!;
  const both = runs.bidirectional!;
  const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const lastStep = values.steps;
  const byPosition = (errors: readonly number[]) => errors.map((e, t) => [t + 1, e] as const);
  return {
    metrics: [
      { name: 'forward-error', label: 'Test error, forward only (steps before the last)', value: mean(forward.errors.slice(0, -1)) },
      { name: 'forward-last-error', label: 'Test error, forward only, last step', value: forward.errors.at(-1)! },
      { name: 'bidirectional-error', label: 'Test error, bidirectional (every step)', value: mean(both.errors) },
      { name: 'floor', label: 'Least error possible without the next input', value: FORWARD_ONLY_FLOOR },
    ],
    plots: [
      lossPlot(
        cell,
        forward.losses,
        both.losses,
        `Training loss of a forward-only and a bidirectional ${cell} network filling each position from its neighbours`,
        `After ${values.epochs} epochs the forward-only network's loss is ${forward.losses.at(-1)!.toFixed(4)}, ` +
          `the bidirectional network's ${both.losses.at(-1)!.toFixed(4)}. Without the next input no network can do better than about ${FORWARD_ONLY_FLOOR.toFixed(3)} at each step but the last.`,
      ),
      plotSvg({
        title: `Test error at each position of a ${values.steps}-step sequence`,
        description:
          `At steps 1 to ${lastStep - 1}, half of each answer is the next input: there the forward-only network's error stays near ${FORWARD_ONLY_FLOOR.toFixed(3)} ` +
          `(mean ${mean(forward.errors.slice(0, -1)).toFixed(4)}), while at step ${lastStep}, whose right neighbour is the padding 0, it is ${forward.errors.at(-1)!.toFixed(4)}. ` +
          `The bidirectional network's error is ${mean(both.errors).toFixed(4)} on average, at every step alike.`,
        x: { label: 'position in the sequence' },
        y: { label: 'test error (mean squared)' },
        series: [
          // The floor holds at every step but the last (whose floor is 0): a flat band over steps 1 … T−1, not a slope to T.
          { label: 'floor, forward only', mark: 'band', points: byPosition(Array.from({ length: lastStep - 1 }, () => FORWARD_ONLY_FLOOR)) },
          { label: 'forward only', mark: 'dots', points: byPosition(forward.errors) },
          { label: 'bidirectional', mark: 'line', points: byPosition(both.errors) },
        ],
      }),
    ],
  };
}
