import { describe, expect, it } from 'vitest';
import { traceModel } from '../../src/graph/trace';
import { loadDigits } from '../../src/network/datasets/digits';
import dn, { classMeans, generate, oneHot, outputSize, trainGenerator } from '../../src/zoo/deconvolutional-network';
import { equivalentMatrix } from '../support/equivalent-connectivity';

const cellIndex = (id: string) => Number(id.slice(id.lastIndexOf('.') + 1));
const distance = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, v, i) => s + (v - b[i]!) ** 2, 0);

describe('deconvolutional-network', () => {
  it.each([
    ['1-pixel-high diagram', dn.configs.diagram],
    ['2-D demo', dn.configs.demo!],
  ])('traces, for the %s configuration, each transposed convolution as exactly the nonzeros of its equivalent matrix, each with its kernel tap', (_, config) => {
    const model = dn.build(config);
    const graph = traceModel(model, 'deconvolutional-network');
    for (const layer of model.layers.filter((l) => l.getClassName() === 'Conv2DTranspose')) {
      const matrix = equivalentMatrix(layer);
      const taps = layer.getWeights()[0]!.dataSync();
      const measured = matrix.flatMap((row, i) => row.flatMap((w, j) => (w !== 0 ? [`${i}>${j}`] : [])));
      const traced = graph.connections.filter((c) => c.to.startsWith(`${layer.name}.`));
      expect(traced.map((c) => `${cellIndex(c.from)}>${cellIndex(c.to)}`).sort(), layer.name).toEqual(measured.sort());
      for (const c of traced) expect(matrix[cellIndex(c.from)]![cellIndex(c.to)], c.weight).toBe(taps[Number(c.weight!.split(':')[1])]);
      // Shared: far fewer distinct weights than connections.
      expect(new Set(traced.map((c) => c.weight)).size).toBe(taps.length);
    }
    expect(graph.groups.at(-1)!.size).toBe(outputSize(config)[0] * outputSize(config)[1]);
    model.dispose();
  });

  it('learns to paint, from a one-hot class code alone, an image closer to that digit’s average than to any other digit’s', async () => {
    const { images, labels } = loadDigits();
    // Trained on real digits, not on averages: the averages are only the yardstick.
    const [train, trainLabels] = [images.slice(0, 400), labels.slice(0, 400)];
    const means = classMeans(train, trainLabels, 10);
    const model = dn.build(dn.configs.demo!);
    const codes = oneHot(Array.from({ length: 10 }, (_, d) => d), 10);
    const errorBefore = generate(model, codes).reduce((s, image, d) => s + distance(image, means[d]!), 0);
    const losses = await trainGenerator(model, oneHot(trainLabels, 10), train, { epochs: 10, learningRate: 0.02, batchSize: 50 });
    const painted = generate(model, codes);
    for (const [d, image] of painted.entries()) {
      const nearest = means.map((m) => distance(image, m)).indexOf(Math.min(...means.map((m) => distance(image, m))));
      expect(nearest, `digit ${d}`).toBe(d);
    }
    const errorAfter = painted.reduce((s, image, d) => s + distance(image, means[d]!), 0);
    expect(errorAfter).toBeLessThan(errorBefore / 5);
    expect(losses.at(-1)!).toBeLessThan(losses[0]!);
    model.dispose();
  });
});
