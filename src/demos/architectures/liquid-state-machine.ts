import * as tf from '@tensorflow/tfjs';
import type { SpikeTrains } from '../../network/datasets/spike-patterns';
import lsm, { SPIKE_TASK, classifySpikePatterns, liquidSpikes, predictedClasses, spikeTaskSamples } from '../../zoo/liquid-state-machine';
import { plotSvg } from '../plot';
import type { ParamValues } from '../params';
import { defineDemo } from '../types';
import params from './liquid-state-machine.params';

/** The plot marks of the three classes' readout outputs, in class order. */
const CLASS_MARKS = ['line', 'dashed', 'thin'] as const;
/** Rows between input channels in the raster, below the liquid's neurons. */
const INPUT_ROW = 5;

type Point = readonly [number, number];

/** One sample's spikes: the liquid's neuron k as a dot on row k, input channel c as a tick on row −INPUT_ROW·(c + 1). */
function raster(input: SpikeTrains[number], spikes: number[][]): { liquid: Point[]; inputs: Point[][] } {
  return {
    liquid: spikes.flatMap((row, t) => row.flatMap((s, k): Point[] => (s > 0 ? [[t, k]] : []))),
    inputs: input.flatMap((row, t) =>
      row.flatMap((s, c) => {
        const y = -INPUT_ROW * (c + 1);
        return s > 0 ? [[[t, y - 2], [t, y + 2]] as Point[]] : [];
      }),
    ),
  };
}

function rasterPlot(title: string, input: SpikeTrains[number], spikes: number[][]): string {
  const { liquid, inputs } = raster(input, spikes);
  return plotSvg({
    title,
    description: `${liquid.length} liquid spikes from ${spikes[0]!.length} neurons over ${spikes.length} steps, driven by ${inputs.length} input spikes on ${input[0]!.length} channels (drawn below row 0).`,
    x: { label: 'time step' },
    y: { label: 'neuron (input channels below 0)' },
    series: [
      { label: 'liquid spike', mark: 'dots', points: liquid },
      { label: 'input spike', mark: 'line', curves: inputs },
    ],
  });
}

/** The network at the reader's settings: every parameter but the jitter shapes it. */
const networkAt = ({ jitter: _jitter, ...liquid }: ParamValues<typeof params>) => ({ ...lsm.configs.demo!, ...liquid });

/**
 * The liquid state machine at the reader's settings: three templates of four spike trains each
 * (equal spike counts, different timing), jittered into 30 training and 20 held-out samples per
 * class. The liquid runs; the readout is fitted on its firing rates; the held-out samples are
 * classified by the readout's output averaged over the trial. For comparison, the same readout is
 * fitted on the inputs' own spike rates.
 */
export default defineDemo({
  params,
  living: { architecture: lsm, config: networkAt },
  // WebAssembly: 1.2 s against 4.5 s on the CPU backend (median of 3 runs each, Chromium, 2-core
  // machine, bench/demo-backends.ts), every metric identical to 3 decimals (held-out accuracy 0.933).
  backend: 'wasm',
  stages: [
    { key: 'fit:drive', label: 'Running the liquid on the training samples', unit: 'samples', weight: 6 },
    { key: 'fit:solve', label: 'Solving for the readout weights', unit: 'solver steps', errorLabel: 'relative residual', weight: 1 },
    { key: 'test:drive', label: 'Running the liquid on the held-out samples', unit: 'samples', weight: 4 },
  ],
  run(values, progress) {
    const config = networkAt(values);
    const task = { ...SPIKE_TASK, jitter: values.jitter };
    const model = lsm.build(config);
    try {
      // The living diagram runs the liquid on the first held-out sample: the one whose spikes the raster shows.
      progress.watch(model, tf.tensor3d([spikeTaskSamples(config, task).heldOut.inputs[0]!]));
      const spikesOf = (input: SpikeTrains[number]) => tf.tidy(() => liquidSpikes(model, [input]).arraySync()[0]!);
      const result = classifySpikePatterns(model, config, task, {
        onProgress: (step) => progress.within(step),
        onFitted: (trainAccuracy, heldOut) =>
          progress.show([rasterPlot(`Readout fitted (training accuracy ${trainAccuracy.toFixed(3)}); the liquid’s response to the first held-out sample`, heldOut[0]!, spikesOf(heldOut[0]!))]),
      });
      const { inputs, labels } = result.heldOut;
      const sample = inputs[0]!;
      const spikes = spikesOf(sample);
      const running = runningReadout(model, sample);
      const predicted = predictedClasses(result.heldOut.scores);
      const rate = spikes.flat().reduce((a, b) => a + b, 0) / (spikes.length * config.units);
      return {
        metrics: [
          { name: 'accuracy', label: `Held-out accuracy (${labels.length} samples, chance ${(1 / config.outputs).toFixed(3)})`, value: result.heldOutAccuracy, kind: 'fraction' },
          { name: 'train-accuracy', label: 'Training accuracy', value: result.trainAccuracy, kind: 'fraction' },
          { name: 'input-only-accuracy', label: 'Held-out accuracy of a readout of the inputs alone', value: result.inputOnlyAccuracy, kind: 'fraction' },
          { name: 'firing-rate', label: 'Spikes per neuron per step (first held-out sample)', value: rate },
        ],
        plots: [
          rasterPlot(`The liquid’s spikes for a held-out sample of class ${labels[0]! + 1}`, sample, spikes),
          plotSvg({
            title: `Readout output for that sample, averaged from the start of the trial (picked: class ${predicted[0]! + 1})`,
            description: `The readout's output for each class, averaged over the steps so far; at the last step the largest is the class picked. ${Math.round(result.heldOutAccuracy * labels.length)} of ${labels.length} held-out samples are classified correctly.`,
            x: { label: 'time step' },
            y: { label: 'readout output (running mean)' },
            series: CLASS_MARKS.slice(0, config.outputs).map((mark, c) => ({ label: `class ${c + 1}`, mark, points: running.map((row, t) => [t, row[c]!] as [number, number]) })),
          }),
        ],
      };
    } finally {
      progress.finish();
      model.dispose();
    }
  },
});

/** The model's readout output for one sample, averaged over steps 0 … t, for every t. */
function runningReadout(model: tf.LayersModel, sample: SpikeTrains[number]): number[][] {
  const rows = tf.tidy(() => (model.predict(tf.tensor3d([sample])) as tf.Tensor3D).arraySync()[0]!);
  const sums = rows[0]!.map(() => 0);
  return rows.map((row, t) => row.map((v, c) => (sums[c]! += v) / (t + 1)));
}
