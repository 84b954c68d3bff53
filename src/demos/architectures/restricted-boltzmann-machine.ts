import { barsAndStripes, generate, logLikelihood, readRbm, trainGreedy, validShare } from '../../network/rbm';
import rbm from '../../zoo/restricted-boltzmann-machine';
import { SAMPLES, SAMPLE_STEPS, SAMPLING_STAGE, SIDE, patternExample, sampling, samplesSvg } from '../boltzmann-figures';
import type { ParamValues } from '../params';
import { plotSvg } from '../plot';
import { defineDemo } from '../types';
import params from './restricted-boltzmann-machine.params';

/** The network at the reader's settings: only the hidden units shape it (the rest is how it trains). */
const networkAt = (values: ParamValues<typeof params>) => ({ ...rbm.configs.demo!, hidden: values.hidden });

/**
 * The RBM definition at the reader's settings, trained by CD-k on the 30 bars-and-stripes patterns
 * of a 4 × 4 grid: the reconstruction error plotted while it falls, with a few Gibbs samples from
 * the model as it is, then 200 samples drawn from noise and how many are valid patterns, and the
 * data's exact log-likelihood before and after.
 */
export default defineDemo({
  params,
  living: { architecture: rbm, config: networkAt },
  stages: [{ key: 'train:layer-1', label: 'Contrastive divergence on bars and stripes', unit: 'epochs', errorLabel: 'reconstruction error', weight: 1 }, SAMPLING_STAGE],
  run(values, progress) {
    const { k, learningRate, epochs } = values;
    const patterns = barsAndStripes(SIDE);
    const model = rbm.build(networkAt(values));
    try {
      progress.watch(model, patternExample(patterns));
      const known = new Set(patterns.map((p) => p.join('')));
      const valid = (s: ArrayLike<number>) => known.has(Array.from(s).join(''));
      const before = logLikelihood(readRbm(model.getLayer('hidden')), patterns);
      const curve: [number, number][] = [];
      const errorPlot = (title: string) =>
        plotSvg({
          title,
          description: `Mean squared difference between each pattern and its reconstruction p(v | h), per visible unit: ${curve[0]?.[1].toFixed(4)} at epoch ${curve[0]?.[0]}, ${curve.at(-1)?.[1].toFixed(4)} at epoch ${curve.at(-1)?.[0]}.`,
          x: { label: 'epoch' },
          y: { label: 'reconstruction error' },
          series: [{ label: `CD-${k}`, mark: 'line', points: curve }],
        });
      const [errors] = trainGreedy(model, patterns, { k, learningRate, epochs, seed: 2 }, {
        onProgress: progress.within('train'),
        onEpoch: (_, epoch, error) => {
          curve.push([epoch, error]);
          // Drawn only when the page will show it: the Gibbs chains cost more than an epoch of training.
          progress.show(() => {
            const peek = generate(model, { count: 12, steps: 50, seed: 5 });
            return [
              errorPlot(`Reconstruction error up to epoch ${epoch} of ${epochs}`),
              samplesSvg(`Gibbs samples from the model at epoch ${epoch}`, `Twelve 50-step Gibbs chains from noise, with the weights of epoch ${epoch}; ${peek.filter(valid).length} of 12 are valid patterns.`, peek, valid),
            ];
          });
        },
      });
      const after = logLikelihood(readRbm(model.getLayer('hidden')), patterns);
      const samples = generate(model, {
        count: SAMPLES,
        steps: SAMPLE_STEPS,
        seed: 3,
        onSample: sampling(progress, (so) => [
          errorPlot(`Reconstruction error over all ${epochs} epochs`),
          samplesSvg(`Samples from the trained RBM so far: ${so.length} of ${SAMPLES}`, `${SAMPLE_STEPS}-step Gibbs chains from noise; ${so.filter(valid).length} of the ${so.length} drawn so far are valid patterns.`, so, valid),
        ]),
      });
      const share = validShare(samples, patterns);
      return {
        metrics: [
          { name: 'reconstruction-error', label: 'Reconstruction error after training (per visible unit)', value: errors!.at(-1)! },
          { name: 'log-likelihood', label: 'Log-likelihood of the data, nats per pattern (best possible −3.40)', value: after },
          { name: 'valid-samples', label: `Valid patterns among ${SAMPLES} samples from noise`, value: share, kind: 'fraction' },
        ],
        plots: [
          plotSvg({
            title: `CD-${k} training: reconstruction error per epoch`,
            description: `The reconstruction error falls from ${errors![0]!.toFixed(4)} to ${errors!.at(-1)!.toFixed(4)} per visible unit over ${epochs} epochs; the data's log-likelihood rises from ${before.toFixed(2)} to ${after.toFixed(2)} nats per pattern.`,
            x: { label: 'epoch' },
            y: { label: 'reconstruction error' },
            series: [{ label: `CD-${k}`, mark: 'line', points: errors!.map((e, i) => [i + 1, e] as const) }],
          }),
          samplesSvg(
            `Samples from the trained RBM: ${SAMPLE_STEPS}-step Gibbs chains from noise`,
            `The first 12 of ${SAMPLES} samples; ${(share * 100).toFixed(1)} % of all ${SAMPLES} are one of the 30 patterns, where 16 coin flips would hit one 0.05 % of the time.`,
            samples,
            valid,
          ),
        ],
      };
    } finally {
      progress.finish();
      model.dispose();
    }
  },
});
