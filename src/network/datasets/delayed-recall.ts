import type { Random } from '../numerics/random';

/**
 * Delayed recall: remember a number for `delay` steps through noise, then say what it was.
 *
 * A sequence has `delay + 1` steps and three channels: a value, a "store" signal, a "recall" signal.
 * At step 0 the cue arrives: a value drawn uniformly from [−1, 1] with the store signal on. Steps
 * 1 … delay−1 carry distractors: Gaussian noise of standard deviation `noise` in the same value
 * channel, with no signal. At step `delay` only the recall signal is on, and the target is the cue:
 * the answer is `delay` steps away from the only evidence for it.
 *
 * Distractors share the cue's channel on purpose: a network cannot learn to ignore that channel,
 * only to decide, step by step, whether to write it into memory — which is what a gate does. A
 * plain recurrent cell adds every step's input into its state and must keep the cue apart from
 * the noise some other way.
 */
export interface RecallTask {
  /** Steps from the cue to the recall signal (≥ 1). */
  readonly delay: number;
  /** Standard deviation of the distractors (≥ 0); the cue's is 1/√3. */
  readonly noise: number;
}

export interface RecallBatch {
  /** `[sequences, delay + 1, RECALL_CHANNELS]`, row-major. */
  readonly inputs: Float32Array;
  /** The cue of each sequence: what the network must output at the last step. */
  readonly cues: Float32Array;
  readonly sequences: number;
  readonly steps: number;
}

/** Channels of one step: the value, the store signal, the recall signal. */
export const RECALL_CHANNELS = 3;

/** Variance of a cue drawn uniformly from [−1, 1]: the mean squared error of always answering 0. */
export const CUE_VARIANCE = 1 / 3;

function check(task: RecallTask, sequences: number): void {
  if (!(Number.isInteger(task.delay) && task.delay >= 1)) throw new Error(`delayed recall: invalid delay: ${task.delay} (expected an integer ≥ 1)`);
  if (!(Number.isFinite(task.noise) && task.noise >= 0)) throw new Error(`delayed recall: invalid noise: ${task.noise} (expected a finite number ≥ 0)`);
  if (!(Number.isInteger(sequences) && sequences >= 1)) throw new Error(`delayed recall: invalid sequences: ${sequences} (expected an integer ≥ 1)`);
}

/** `sequences` fresh sequences of the task, drawn from `random`. */
export function recallBatch(task: RecallTask, sequences: number, random: Random): RecallBatch {
  check(task, sequences);
  const steps = task.delay + 1;
  const inputs = new Float32Array(sequences * steps * RECALL_CHANNELS);
  const cues = new Float32Array(sequences);
  for (let s = 0; s < sequences; s++) {
    const at = (t: number, channel: number) => (s * steps + t) * RECALL_CHANNELS + channel;
    cues[s] = random.uniform(-1, 1);
    inputs[at(0, 0)] = cues[s]!;
    inputs[at(0, 1)] = 1;
    for (let t = 1; t < task.delay; t++) inputs[at(t, 0)] = task.noise * random.normal();
    inputs[at(task.delay, 2)] = 1;
  }
  return { inputs, cues, sequences, steps };
}
