import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import params from '../../src/demos/architectures/sparse-autoencoder.params';
import { parseParams } from '../../src/demos/params';
import { traceModel } from '../../src/graph/trace';
import { imageTensor, meanSquaredError } from '../../src/network/autoencoder';
import { digitSplit } from '../../src/network/datasets/digits';
import sae, { codeActivity, sparsityPenalty, trainSparseAutoencoder, WEIGHT_DECAY, weightDecay, type CodeActivity } from '../../src/zoo/sparse-autoencoder';

/** Frobenius norm of each weight matrix (encoder kernel, decoder kernel). */
const kernelNorms = (model: tf.LayersModel) => tf.tidy(() => model.trainableWeights.filter((w) => w.shape.length === 2).map((w) => Math.sqrt(tf.sum(tf.square(w.read())).dataSync()[0]!)));
const cellsAbove = (activity: CodeActivity, threshold: number) => activity.perInput.find((p) => p.threshold === threshold)!.cells;

describe('sparse-autoencoder', () => {
  const { train, test } = digitSplit();
  const trainImages = imageTensor(train);
  const testImages = imageTensor(test);
  // The demo's defaults: ρ = 0.05, β = 3, λ = WEIGHT_DECAY, 16 epochs, so the article's numbers are these.
  const defaults = parseParams(params, {});
  const options = { epochs: defaults.epochs, batchSize: 100, learningRate: 0.03, seed: 7 };
  const sparse = sae.build(sae.configs.demo!);
  const undecayed = sae.build(sae.configs.demo!);
  const dense = sae.build(sae.configs.demo!);
  beforeAll(async () => {
    await trainSparseAutoencoder(sparse, trainImages, { ...options, sparsity: { target: 0.05, weight: 3 }, weightDecay: WEIGHT_DECAY });
    await trainSparseAutoencoder(undecayed, trainImages, { ...options, sparsity: { target: 0.05, weight: 3 }, weightDecay: 0 });
    await trainSparseAutoencoder(dense, trainImages, { ...options, sparsity: { target: 0.05, weight: 0 }, weightDecay: 0 });
  });
  afterAll(() => {
    tf.dispose([trainImages, testImages]);
    [sparse, undecayed, dense].forEach((m) => m.dispose());
  });

  it('has a code wider than its input', () => {
    const groups = traceModel(sae.build(sae.configs.diagram), 'sae').groups;
    expect(groups.map((g) => `${g.id}:${g.size}`)).toEqual(['input:4', 'code:6', 'reconstruction:4']);
  });

  it('demo defaults are the ones the test trains with: ρ 0.05, β 3, the definition’s weight decay', () => {
    expect(defaults).toMatchObject({ target: 0.05, weight: 3 });
    expect(defaults.weightDecay).toBeCloseTo(WEIGHT_DECAY, 12);
  });

  it('penalises a code cell by the KL divergence of its firing rate from the target, and not at the target', () => {
    const at = (rate: number) => tf.tidy(() => sparsityPenalty(tf.fill([10, 1], rate) as tf.Tensor2D, { target: 0.1, weight: 2 }).dataSync()[0]!);
    expect(at(0.1)).toBeCloseTo(0, 6);
    expect(at(0.5)).toBeCloseTo(2 * (0.1 * Math.log(0.1 / 0.5) + 0.9 * Math.log(0.9 / 0.5)), 4);
  });

  it('decays the weight matrices and not the biases: λ/2 · Σ w² over both kernels', () => {
    const model = sae.build(sae.configs.diagram);
    const [encoder, encoderBias, decoder] = model.getWeights().map((w) => Array.from(w.dataSync()));
    model.getLayer('code').setWeights([tf.tensor2d(encoder!, [4, 6]), tf.fill([6], 5)]);
    const squares = [...encoder!, ...decoder!].reduce((sum, w) => sum + w * w, 0);
    expect(encoderBias).toHaveLength(6);
    expect(tf.tidy(() => weightDecay(model, 0.2).dataSync()[0]!)).toBeCloseTo(0.1 * squares, 4);
    model.dispose();
  });

  it('keeps its code sparse on average on held-out digits: mean activation near the 5 % target, far below the unpenalised net’s', () => {
    const withPenalty = codeActivity(sparse, testImages).mean;
    const without = codeActivity(dense, testImages).mean;
    expect(withPenalty).toBeLessThan(0.1);
    expect(withPenalty).toBeLessThan(0.5 * without);
  });

  it('bounds each cell’s average, not the cells of one input: per held-out digit its activity is weak and spread, hardly one cell past 0.5', () => {
    const withPenalty = codeActivity(sparse, testImages);
    const without = codeActivity(dense, testImages);
    // Far fewer cells rise above 0.1 for a digit than without the penalty…
    expect(cellsAbove(withPenalty, 0.1)).toBeLessThan(0.25 * cellsAbove(without, 0.1));
    expect(cellsAbove(withPenalty, 0.1)).toBeGreaterThan(3);
    // …but the average is met by low activity, not by a few cells switched on: fewer than one cell
    // per digit is past the sigmoid's midpoint, where the unpenalised code has dozens.
    expect(cellsAbove(withPenalty, 0.5)).toBeLessThan(1);
    expect(cellsAbove(without, 0.5)).toBeGreaterThan(20);
  });

  it('keeps its weights smaller with weight decay than without, at the same sparsity', () => {
    const [encoder, decoder] = kernelNorms(sparse) as [number, number];
    const [encoder0, decoder0] = kernelNorms(undecayed) as [number, number];
    expect(encoder).toBeLessThan(0.9 * encoder0);
    expect(decoder).toBeLessThan(0.85 * decoder0);
    expect(codeActivity(sparse, testImages).mean).toBeCloseTo(codeActivity(undecayed, testImages).mean, 1);
  });

  it('still reconstructs held-out digits far better than the mean digit does', () => {
    const error = tf.tidy(() => meanSquaredError(testImages, sparse.predict(testImages) as tf.Tensor).dataSync()[0]!);
    const meanDigit = tf.tidy(() => meanSquaredError(testImages, tf.mean(trainImages, 0)).dataSync()[0]!);
    expect(error).toBeLessThan(0.6 * meanDigit);
  });
});
