import { barsAndStripes, boltzmannLayers, generate, logLikelihood, readRbm, trainGreedy, validShare, variationalBound } from '../../network/rbm';
import dbn from '../../zoo/deep-belief-network';
import { SAMPLES, SAMPLE_STEPS, SAMPLING_STAGE, SIDE, patternExample, sampling, samplesSvg } from '../boltzmann-figures';
import type { ParamValues } from '../params';
import { plotSvg } from '../plot';
import { defineDemo } from '../types';
import params from './deep-belief-network.params';

/** Learning rates of the bottom layer and of the layer on top (which starts from trained weights when it is tied). */
const LEARNING_RATE = 1;
const UPPER_LEARNING_RATE = 0.1;

/** The network at the reader's settings: the two hidden layers' sizes shape it (the rest is how it trains). */
const networkAt = (values: ParamValues<typeof params>) => ({ ...dbn.configs.demo!, hidden: [values.hidden1, values.hidden2] });

/**
 * The DBN definition at the reader's settings, trained greedily on the 30 bars-and-stripes patterns
 * of a 4 × 4 grid: layer 1 by CD-k on the patterns, then layer 2 on layer 1's hidden probabilities,
 * each layer's reconstruction error plotted while it trains. At the end: the exact log-likelihood
 * layer 1 alone (an RBM) gives the data, the variational bound the two-layer net gives it, and
 * samples generated top-down.
 */
export default defineDemo({
  params,
  living: { architecture: dbn, config: networkAt },
  stages: [
    { key: 'train:layer-1', label: 'Layer 1: contrastive divergence on the patterns', unit: 'epochs', errorLabel: 'reconstruction error', weight: 1 },
    { key: 'train:layer-2', label: 'Layer 2: contrastive divergence on layer 1’s hidden probabilities', unit: 'epochs', errorLabel: 'reconstruction error', weight: 1 },
    SAMPLING_STAGE,
  ],
  run(values, progress) {
    const { k, epochs } = values;
    const patterns = barsAndStripes(SIDE);
    const model = dbn.build(networkAt(values));
    try {
      progress.watch(model, patternExample(patterns));
      const curves: [number, number][][] = [[], []];
      const series = () => curves.map((points, i) => ({ label: `layer ${i + 1}`, mark: i === 0 ? ('line' as const) : ('dashed' as const), points }));
      const errors = trainGreedy(model, patterns, { k, learningRate: LEARNING_RATE, upperLearningRate: UPPER_LEARNING_RATE, epochs, seed: 11 }, {
        onProgress: progress.within('train'),
        onEpoch: (layer, epoch, error) => {
          curves[layer]!.push([epoch, error]);
          progress.show([
            plotSvg({
              title: `Greedy training: layer ${layer + 1}, epoch ${epoch} of ${epochs}`,
              description: `Reconstruction error of each layer on its own data so far: layer ${layer + 1} is at ${error.toFixed(4)}.`,
              x: { label: 'epoch of the layer' },
              y: { label: 'reconstruction error' },
              series: series(),
            }),
          ]);
        },
      });
      const [bottom, top] = boltzmannLayers(model).map(readRbm);
      const single = logLikelihood(bottom!, patterns);
      const bound = variationalBound(bottom!, top!, patterns);
      const known = new Set(patterns.map((p) => p.join('')));
      const valid = (s: ArrayLike<number>) => known.has(Array.from(s).join(''));
      const samples = generate(model, {
        count: SAMPLES,
        steps: SAMPLE_STEPS,
        seed: 3,
        onSample: sampling(progress, (so) => [
          samplesSvg(`Samples from the DBN so far: ${so.length} of ${SAMPLES}`, `${SAMPLE_STEPS} Gibbs steps in the top RBM, then one pass down; ${so.filter(valid).length} of the ${so.length} drawn so far are valid patterns.`, so, valid),
        ]),
      });
      const share = validShare(samples, patterns);
      return {
        metrics: [
          { name: 'rbm-log-likelihood', label: 'Layer 1 alone (an RBM): exact log-likelihood, nats per pattern', value: single },
          { name: 'dbn-bound', label: 'Both layers: lower bound on the log-likelihood, nats per pattern', value: bound },
          { name: 'valid-samples', label: `Valid patterns among ${SAMPLES} samples generated top-down`, value: share, kind: 'fraction' },
        ],
        plots: [
          plotSvg({
            title: 'Greedy layer-by-layer training: each layer’s reconstruction error per epoch',
            description: `Layer 1 learns the patterns (error ${errors[0]![0]!.toFixed(4)} to ${errors[0]!.at(-1)!.toFixed(4)}), then layer 2 learns layer 1's hidden probabilities (${errors[1]![0]!.toFixed(4)} to ${errors[1]!.at(-1)!.toFixed(4)}). The bound with both layers is ${bound.toFixed(2)} nats per pattern, against ${single.toFixed(2)} for layer 1 alone.`,
            x: { label: 'epoch of the layer' },
            y: { label: 'reconstruction error' },
            series: errors.map((e, i) => ({ label: `layer ${i + 1}`, mark: i === 0 ? ('line' as const) : ('dashed' as const), points: e.map((v, n) => [n + 1, v] as const) })),
          }),
          samplesSvg(
            `Samples from the DBN: ${SAMPLE_STEPS} Gibbs steps in the top RBM, then one pass down`,
            `The first 12 of ${SAMPLES} samples; ${(share * 100).toFixed(1)} % of all ${SAMPLES} are one of the 30 patterns.`,
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
