import { RECALL_CHANNELS } from '../network/datasets/delayed-recall';
import { trainRecall, type RecallPoint } from '../network/training/sequence-recall';
import gru from '../zoo/gru';
import lstm from '../zoo/lstm';
import rnn from '../zoo/recurrent-network';
import { plotSvg, type Mark } from './plot';
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

/** How often a curve is measured: often enough for a smooth line, rarely enough to cost little. */
const MEASURE_EVERY = 25;

/**
 * A delayed-recall race: the same task, seed, batch stream and optimiser for each network in
 * `cells` (the plain recurrent network first), trained one after the other; their recall (R² on a
 * held-out set) and loss are plotted against training steps. What differs is only the cell.
 * `backend`: the demo's declared tfjs backend (DemoDefinition.backend).
 */
export function recallComparison(cells: readonly RecallCell[], backend?: DemoBackend) {
  const params = recallParams();
  return defineDemo({
    params,
    ...(backend ? { backend } : {}),
    stages: cells.map((cell) => ({ key: `${cell}:steps`, label: `Training the ${CELLS[cell].label}`, unit: 'steps', errorLabel: 'loss', weight: cell === 'rnn' ? 1 : 3 })),
    async run(values, progress) {
      const task = { delay: values.delay, noise: values.noise };
      const curves = new Map<RecallCell, RecallPoint[]>();
      for (const cell of cells) {
        const { definition } = CELLS[cell];
        const model = definition.build({ inputs: RECALL_CHANNELS, units: values.units, outputs: 1, seed: SEED, steps: values.delay + 1 });
        const report = progress.within(cell);
        try {
          curves.set(
            cell,
            await trainRecall(model, task, {
              steps: values.steps,
              batchSize: 32,
              learningRate: 0.01,
              seed: 1,
              testSize: 200,
              every: MEASURE_EVERY,
              onMeasure: (p) => report({ phase: 'steps', done: p.step, total: values.steps, error: p.loss }),
            }),
          );
        } finally {
          model.dispose();
        }
      }
      const final = (cell: RecallCell) => curves.get(cell)!.at(-1)!;
      const series = (metric: 'recall' | 'loss') =>
        cells.map((cell) => ({ label: CELLS[cell].label, mark: CELLS[cell].mark, points: curves.get(cell)!.map((p) => [p.step, p[metric]] as const) }));
      const summary = cells.map((cell) => `${CELLS[cell].label} ${final(cell).recall.toFixed(2)}`).join(', ');
      return {
        metrics: cells.map((cell) => ({ name: `${cell}-recall`, label: `Recall R², ${CELLS[cell].label}`, value: final(cell).recall })),
        plots: [
          plotSvg({
            title: `Recall of a cue held for ${values.delay} steps through noise, while training`,
            description: `R² on 200 held-out sequences after ${values.steps} steps: ${summary}. 1 is perfect recall, 0 is no better than always answering 0.`,
            x: { label: 'training step' },
            y: { label: 'recall (R² on held-out sequences)' },
            series: series('recall'),
          }),
          plotSvg({
            title: `Training loss at delay ${values.delay}`,
            description: `Squared error at the recall step on each training batch; always answering 0 scores about 0.33. Final: ${cells
              .map((cell) => `${CELLS[cell].label} ${final(cell).loss.toFixed(3)}`)
              .join(', ')}.`,
            x: { label: 'training step' },
            y: { label: 'training loss (squared error)' },
            series: series('loss'),
          }),
        ],
      };
    },
  });
}
