import type * as tf from '@tensorflow/tfjs';
import { RECALL_CHANNELS } from '../network/datasets/delayed-recall';
import { recallTrainer, type RecallTrainer } from '../network/training/sequence-recall';
import gru from '../zoo/gru';
import lstm from '../zoo/lstm';
import rnn from '../zoo/recurrent-network';
import { plotSvg, type Mark } from './plot';
import type { ProgressPlan } from './progress-plan';
import { recallParams } from './recall-params';
import { defineDemo, type DemoBackend } from './types';

const CELLS = {
  rnn: { definition: rnn, label: 'plain RNN', mark: 'dashed' },
  lstm: { definition: lstm, label: 'LSTM', mark: 'line' },
  gru: { definition: gru, label: 'GRU', mark: 'thin' },
} as const satisfies Record<string, { definition: unknown; label: string; mark: Mark }>;
export type RecallCell = keyof typeof CELLS;

/** One seed for every network: the same batches, the same test set, comparable starting scales. */
const SEED = 5;

/** How often recall is measured on the held-out set: a few points per curve, at little cost. */
const MEASURE_EVERY = 25;

/** One network's curves: the loss of every training batch, and recall before training and every MEASURE_EVERY steps. */
interface Curves {
  readonly loss: number[];
  readonly recall: (readonly [number, number])[];
}

/** The two plots, of the whole run or (while training) of the steps so far. */
function plots(cells: readonly RecallCell[], curves: ReadonlyMap<RecallCell, Curves>, values: { delay: number; steps: number }, done: number): string[] {
  const sofar = done < values.steps ? `, after ${done} of ${values.steps} steps` : '';
  const final = (cell: RecallCell) => curves.get(cell)!.recall.at(-1)?.[1] ?? 0;
  const summary = cells.map((cell) => `${CELLS[cell].label} ${final(cell).toFixed(2)}`).join(', ');
  const measured = curves.get(cells[0]!)!.recall.at(-1)?.[0] ?? 0;
  const lastLoss = (cell: RecallCell) => curves.get(cell)!.loss.at(-1)!;
  return [
    plotSvg({
      title: `Recall of a cue held for ${values.delay} steps through noise, while training${sofar}`,
      description: `R² on 200 held-out sequences after ${measured} steps: ${summary}. 1 is perfect recall, 0 is no better than always answering 0.`,
      x: { label: 'training step' },
      y: { label: 'recall (R² on held-out sequences)' },
      series: cells.map((cell) => ({ label: CELLS[cell].label, mark: CELLS[cell].mark, points: curves.get(cell)!.recall })),
    }),
    plotSvg({
      title: `Training loss at delay ${values.delay}${sofar}`,
      description: `Squared error at the recall step on each training batch; always answering 0 scores about 0.33. ${done < values.steps ? 'Now' : 'Final'}: ${cells
        .map((cell) => `${CELLS[cell].label} ${lastLoss(cell).toFixed(3)}`)
        .join(', ')}.`,
      x: { label: 'training step' },
      y: { label: 'training loss (squared error)' },
      series: cells.map((cell) => ({ label: CELLS[cell].label, mark: CELLS[cell].mark, points: curves.get(cell)!.loss.map((l, k) => [k + 1, l] as const) })),
    }),
  ];
}

/**
 * A delayed-recall race: the same task, seed, batch stream and optimiser for each network in
 * `cells` (the plain recurrent network first), trained side by side, one Adam step each in turn
 * (the page's own, gated network first in each round, though the order changes no number); their
 * recall (R² on a held-out set) and batch loss are plotted against training steps as they grow.
 * What differs is only the cell. `backend`: the demo's declared tfjs backend (DemoDefinition.backend).
 */
export function recallComparison(cells: readonly RecallCell[], backend?: DemoBackend) {
  const params = recallParams();
  const own = CELLS[cells.at(-1)!].definition;
  return defineDemo({
    params,
    // The page's own network: the last named (the gated one).
    living: { architecture: own, config: (values) => networkConfig(values) },
    ...(backend ? { backend } : {}),
    stages: [{ key: 'race:steps', label: `Training the ${cells.map((cell) => CELLS[cell].label).join(' and the ')} side by side`, unit: 'steps', errorLabel: `loss, ${CELLS[cells.at(-1)!].label}`, weight: 1 }],
    run: (values, progress) => race(cells, values, progress),
  });
}

/** Every network of the race: the task's channels in, `units` cells, one recall output, a sequence of delay + 1 steps. */
const networkConfig = (values: { delay: number; units: number }) => ({ inputs: RECALL_CHANNELS, units: values.units, outputs: 1, seed: SEED, steps: values.delay + 1 });

function race(cells: readonly RecallCell[], values: { delay: number; noise: number; units: number; steps: number }, progress: ProgressPlan) {
  const task = { delay: values.delay, noise: values.noise };
  const curves = new Map<RecallCell, Curves>(cells.map((cell) => [cell, { loss: [], recall: [] }]));
  const models: { cell: RecallCell; model: tf.LayersModel; trainer: RecallTrainer }[] = [];
  const report = progress.within('race');
  try {
    // The page's own network (the last named) takes the first step of each round.
    for (const cell of [...cells].reverse()) {
      const model = CELLS[cell].definition.build(networkConfig(values));
      const trainer = recallTrainer(model, task, { batchSize: 32, learningRate: 0.01, seed: 1, testSize: 200 });
      models.push({ cell, model, trainer });
      // The living diagram shows the page's network on one held-out sequence of the task.
      if (cell === cells.at(-1)) progress.watch(model, trainer.example());
      // Where each curve starts: the untrained network's recall.
      curves.get(cell)!.recall.push([0, trainer.recall()]);
    }
    for (let step = 1; step <= values.steps; step++) {
      for (const { cell, trainer } of models) {
        const curve = curves.get(cell)!;
        curve.loss.push(trainer.step());
        if (step % MEASURE_EVERY === 0 || step === values.steps) curve.recall.push([step, trainer.recall()]);
      }
      report({ phase: 'steps', done: step, total: values.steps, error: curves.get(cells.at(-1)!)!.loss.at(-1)! });
      progress.show(() => plots(cells, curves, values, step));
    }
    progress.finish();
  } finally {
    for (const { model, trainer } of models) {
      trainer.dispose();
      model.dispose();
    }
  }
  const final = (cell: RecallCell) => curves.get(cell)!.recall.at(-1)![1];
  return {
    metrics: cells.map((cell) => ({ name: `${cell}-recall`, label: `Recall R², ${CELLS[cell].label}`, value: final(cell) })),
    plots: plots(cells, curves, values, values.steps),
  };
}
