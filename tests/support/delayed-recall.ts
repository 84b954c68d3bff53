import type { AnyArchitecture } from '../../src/architecture/types';
import { RECALL_CHANNELS, type RecallTask } from '../../src/network/datasets/delayed-recall';
import { trainRecall } from '../../src/network/training/sequence-recall';

/**
 * Trains a fresh network of `architecture` (8 units, seed 5) on delayed recall and returns its
 * final recall (R² on 200 held-out sequences). Sizes are the demo's, so a passing test means the
 * demo shows the same thing; every network in a comparison sees the same batches.
 */
export async function recallAfterTraining(architecture: AnyArchitecture, task: RecallTask, steps: number): Promise<number> {
  const model = architecture.build({ inputs: RECALL_CHANNELS, units: 8, outputs: 1, seed: 5, steps: task.delay + 1 });
  try {
    const curve = await trainRecall(model, task, { steps, batchSize: 32, learningRate: 0.01, seed: 1, testSize: 200, every: steps });
    return curve.at(-1)!.recall;
  } finally {
    model.dispose();
  }
}
