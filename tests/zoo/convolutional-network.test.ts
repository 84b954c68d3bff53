import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { traceModel } from '../../src/graph/trace';
import { loadDigits } from '../../src/network/datasets/digits';
import cnn, { accuracy, trainClassifier } from '../../src/zoo/convolutional-network';
import { equivalentMatrix } from '../support/equivalent-connectivity';
import { parseSvg } from '../support/svg-metadata';

const cellIndex = (id: string) => Number(id.slice(id.lastIndexOf('.') + 1));

/** Overwrites one entry of the convolution's kernel (flat index), keeping the other weights. */
function setTap(model: tf.LayersModel, index: number, value: number): void {
  const layer = model.getLayer('convolution');
  const [kernel, bias] = layer.getWeights();
  const values = kernel!.dataSync().slice();
  values[index] = value;
  layer.setWeights([tf.tensor(values, kernel!.shape), bias!]);
}

describe('convolutional-network', () => {
  it('draws each local connection with the kernel weight it uses: edges sharing a data-weight change together, and only they', () => {
    const svg = parseSvg(readFileSync(new URL('../../diagrams/convolutional-network.cells.svg', import.meta.url), 'utf8'));
    const shared = new Map<string, string[]>();
    for (const edge of svg.edges.filter((e) => e.attributes['data-weight'])) {
      const key = edge.attributes['data-weight']!;
      shared.set(key, [...(shared.get(key) ?? []), `${edge.attributes['data-from']}>${edge.attributes['data-to']}`]);
    }
    // 8 inputs, kernel 3: three taps, each used at all 6 positions.
    expect([...shared.keys()].sort()).toEqual(['convolution:0', 'convolution:1', 'convolution:2']);
    const model = cnn.build(cnn.configs.diagram);
    for (const [key, edges] of shared) {
      const tap = Number(key.split(':')[1]);
      const marker = 12.5 + tap; // a value no other weight has
      setTap(model, tap, marker);
      const matrix = equivalentMatrix(model.getLayer('convolution'));
      const carrying = matrix.flatMap((row, i) => row.flatMap((w, j) => (w === marker ? [`input.${i}>convolution.${j}`] : [])));
      expect(carrying.sort(), key).toEqual([...edges].sort());
      expect(edges.length, key).toBe(6);
    }
    model.dispose();
  });

  it.each([
    ['1-D diagram', cnn.configs.diagram],
    ['2-D demo', cnn.configs.demo!],
  ])('traces, for the %s configuration, exactly the nonzeros of each local layer’s equivalent dense matrix', (_, config) => {
    const model = cnn.build(config);
    const graph = traceModel(model, 'convolutional-network');
    const [kernel] = model.getLayer('convolution').getWeights();
    const taps = kernel!.dataSync();
    for (const name of ['convolution', 'pool']) {
      const matrix = equivalentMatrix(model.getLayer(name));
      const measured = matrix.flatMap((row, i) => row.flatMap((w, j) => (w !== 0 ? [`${i}>${j}`] : [])));
      const traced = graph.connections.filter((c) => c.to.startsWith(`${name}.`));
      expect(traced.map((c) => `${cellIndex(c.from)}>${cellIndex(c.to)}`).sort(), name).toEqual(measured.sort());
      for (const c of traced) {
        // A convolution's connection is a weight and carries the value of the kernel tap it names; a
        // pooling window's read is no weight: no tap, no trainable flag.
        expect(c.kind).toBe(name === 'convolution' ? 'local' : 'pool');
        if (name === 'convolution') expect(matrix[cellIndex(c.from)]![cellIndex(c.to)], c.weight).toBe(taps[Number(c.weight!.split(':')[1])]);
        else expect([c.weight, c.trainable]).toEqual([undefined, undefined]);
      }
    }
    model.dispose();
  });

  it('learns to read handwritten digits it has never seen, with 54 shared kernel weights', async () => {
    const { images, labels } = loadDigits();
    const model = cnn.build(cnn.configs.demo!);
    const before = accuracy(model, images.slice(1200), labels.slice(1200));
    const losses = await trainClassifier(model, images.slice(0, 400), labels.slice(0, 400), 10, { epochs: 8, learningRate: 0.03, batchSize: 50 });
    const after = accuracy(model, images.slice(1200), labels.slice(1200));
    expect(model.getLayer('convolution').countParams()).toBe(6 * 9 + 6);
    expect(losses.at(-1)!).toBeLessThan(losses[0]! / 2);
    expect(before).toBeLessThan(0.3);
    expect(after).toBeGreaterThan(0.8);
    model.dispose();
  });
});
