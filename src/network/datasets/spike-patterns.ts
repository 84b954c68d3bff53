import { createRandom, type Random } from '../numerics/random';

/** Input spike trains: [sample][step][channel], 1 where the channel spikes at that step, else 0. */
export type SpikeTrains = number[][][];

export interface SpikePatternOptions {
  /** How many templates (classes). */
  readonly classes: number;
  /** Input channels (spike trains) per template. */
  readonly channels: number;
  /** Time steps per sample. */
  readonly steps: number;
  /** Spikes per channel in every template, at distinct steps drawn uniformly: all templates have the same spike counts and differ only in timing. */
  readonly spikes: number;
  /** Standard deviation, in steps, of the Gaussian shift given to every spike of a sample. */
  readonly jitter: number;
  /** Samples per class. */
  readonly perClass: number;
  readonly seed: number;
}

export interface SpikePatterns {
  /** The templates, [class][channel]: the steps at which each channel spikes. */
  readonly templates: number[][][];
  readonly inputs: SpikeTrains;
  /** Class of each sample. */
  readonly labels: number[];
}

/**
 * Classify spike patterns: `classes` templates, each a set of random spike trains (every channel
 * spikes exactly `spikes` times, at distinct random steps, so counting spikes cannot tell the
 * templates apart: only their timing can), and samples that are jittered copies of them: every spike
 * moved by a rounded Gaussian of standard deviation `jitter` steps (kept inside the trial; two spikes
 * landing on one step make one). Samples are interleaved class by class (0, 1, …, 0, 1, …).
 * Seeded: the same options give the same templates and samples.
 */
export function spikePatterns(options: SpikePatternOptions): SpikePatterns {
  const { classes, channels, steps, spikes, jitter, perClass } = options;
  if (!(Number.isInteger(spikes) && spikes >= 1 && spikes <= steps)) throw new Error(`spikePatterns: expected spikes to be an integer in [1, steps = ${steps}], but got ${spikes}`);
  if (!(jitter >= 0)) throw new Error(`spikePatterns: expected jitter ≥ 0, but got ${jitter}`);
  const random = createRandom(options.seed);
  const templates = Array.from({ length: classes }, () =>
    Array.from({ length: channels }, () => randomSteps(steps, spikes, random)),
  );
  const inputs: SpikeTrains = [];
  const labels: number[] = [];
  for (let n = 0; n < perClass; n++)
    for (let c = 0; c < classes; c++) {
      inputs.push(jittered(templates[c]!, steps, jitter, random));
      labels.push(c);
    }
  return { templates, inputs, labels };
}

/** `count` distinct steps of `steps`, in increasing order (a partial Fisher–Yates shuffle). */
function randomSteps(steps: number, count: number, random: Random): number[] {
  const all = Array.from({ length: steps }, (_, t) => t);
  for (let k = 0; k < count; k++) {
    const m = k + Math.floor(random.next() * (steps - k));
    [all[k], all[m]] = [all[m]!, all[k]!];
  }
  return all.slice(0, count).sort((a, b) => a - b);
}

function jittered(template: readonly (readonly number[])[], steps: number, jitter: number, random: Random): number[][] {
  const trains = Array.from({ length: steps }, () => Array<number>(template.length).fill(0));
  template.forEach((spikes, channel) => {
    for (const t of spikes) {
      const moved = Math.min(steps - 1, Math.max(0, Math.round(t + jitter * random.normal())));
      trains[moved]![channel] = 1;
    }
  });
  return trains;
}
