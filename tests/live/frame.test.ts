import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { registry } from '../../src/architecture/registry.vite';
import { traceNetwork } from '../../src/graph/trace';
import { frameReader } from '../../src/live/frame';
import { liveJoin } from '../../src/live/join';
import { diagramSpec } from '../../src/pipeline';

/** A frame of `id`'s demo-sized network on `example`, with the pieces it was read from. */
function frameOf(id: string, view: 'cells' | 'unrolled', example: (model: tf.LayersModel) => tf.Tensor) {
  const architecture = registry.get(id);
  const model = architecture.build(architecture.configs.demo!);
  const traced = traceNetwork(model, id);
  const join = liveJoin(traced, diagramSpec(architecture, view, traced.graph));
  const x = example(model);
  const frame = frameReader(model, join, new Map(traced.graph.groups.map((g) => [g.id, g.size]))).read(x);
  // An unrolled frame holds a window of steps after another; the last ends at the example's end.
  const last = frame.cells.length - join.cells.length;
  const shown = (node: string, window?: number) => frame.cells[(window ?? last / join.cells.length) * join.cells.length + join.cells.findIndex((c) => c.node === node)];
  const weight = (from: string, to: string, kind = 'dense') => frame.weights[join.weights.findIndex((w) => w.edge === `${from}|${to}|${kind}`)];
  return { model, join, frame, x, shown, weight };
}

const kernel = (model: tf.LayersModel, layer: string, name = 'kernel') =>
  model.getLayer(layer).weights.find((w) => w.originalName.endsWith(`/${name}`))!.read().arraySync() as number[][];

describe('a living frame', () => {
  it('shows an extreme learning machine’s cells as its layers compute them, and its lines as its weights', () => {
    const { model, join, frame, x, shown, weight } = frameOf('extreme-learning-machine', 'cells', () => tf.tensor2d([[0.7]]));
    try {
      // Recomputed by hand from the weights: h = σ(x W + b), y = h V + c.
      const [w, b] = model.getLayer('hidden').getWeights().map((t) => t.arraySync()) as [number[][], number[]];
      const h = b.map((bias, k) => 1 / (1 + Math.exp(-(0.7 * w[0]![k]! + bias))));
      const [v, c] = model.getLayer('output').getWeights().map((t) => t.arraySync()) as [number[][], number[]];
      const y = c[0]! + h.reduce((s, hk, k) => s + hk * v[k]![0]!, 0);
      expect(shown('input.0')).toBeCloseTo(0.7, 6);
      expect(shown('hidden.0')).toBeCloseTo(h[0]!, 5);
      expect(shown('hidden.39')).toBeCloseTo(h[39]!, 5);
      expect(shown('output.0')).toBeCloseTo(y, 5);
      expect(join.cells.length).toBeGreaterThan(4);
      expect(frame.cells.every(Number.isFinite)).toBe(true);
      // The hidden layer is elided: each layer's weights are drawn as one bundle, valued by their root mean square.
      expect(join.weights.map((j) => [j.edge, j.stands])).toEqual([
        ['input|hidden|dense', 40],
        ['hidden|output|dense', 40],
      ]);
      const rms = (m: number[][]) => Math.sqrt(m.flat().reduce((sum, e) => sum + e * e, 0) / m.flat().length);
      expect(weight('input', 'hidden')).toBeCloseTo(rms(w), 6);
      expect(weight('hidden', 'output')).toBeCloseTo(rms(v), 6);
    } finally {
      x.dispose();
      model.dispose();
    }
  });

  // The demo's GRU: 3 input channels, 8 units, sequences of 9 steps (configs.demo).
  it('shows a GRU’s cells at the example’s last step, and each gate block by its strongest weight', () => {
    const { model, join, x, shown, weight } = frameOf('gru', 'cells', () => tf.randomNormal([1, 9, 3], 0, 1, 'float32', 3));
    try {
      const steps = x.shape[1]!;
      const out = (model.predict(x) as tf.Tensor).arraySync() as number[][][];
      const inputs = x.arraySync() as number[][][];
      expect(shown('output.0')).toBeCloseTo(out[0]![steps - 1]![0]!, 5);
      expect(shown('input.2')).toBeCloseTo(inputs[0]![steps - 1]![2]!, 6);
      // memory.j → memory.k stands for recurrent_kernel[j][g·units + k], g = z, r, h̃: shown by the largest in magnitude.
      const recurrent = kernel(model, 'memory', 'recurrent_kernel');
      const units = recurrent.length;
      const block = [0, 1, 2].map((g) => recurrent[1]![g * units + 4]!);
      const strongest = block.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a));
      expect(weight('memory.1', 'memory.4', 'recurrent')).toBeCloseTo(strongest, 6);
      expect(join.weights.filter((w) => w.edge.endsWith('|recurrent'))).toHaveLength(units * units);
    } finally {
      x.dispose();
      model.dispose();
    }
  });

  it('shows a GRU unrolled over every window of three steps of the example, t−1, t and t+1', () => {
    const { model, x, shown } = frameOf('gru', 'unrolled', () => tf.randomNormal([1, 9, 3], 0, 1, 'float32', 4));
    try {
      const out = (model.predict(x) as tf.Tensor).arraySync() as number[][][];
      const inputs = x.arraySync() as number[][][];
      for (const step of [0, 1, 2]) {
        expect(shown(`output.0@${step}`)).toBeCloseTo(out[0]![6 + step]![0]!, 5);
        expect(shown(`input.1@${step}`)).toBeCloseTo(inputs[0]![6 + step]![1]!, 6);
        // The window slides along all 9 steps: the first shows steps 0, 1, 2.
        expect(shown(`output.0@${step}`, 0)).toBeCloseTo(out[0]![step]![0]!, 5);
      }
    } finally {
      x.dispose();
      model.dispose();
    }
  });
});

describe('a living internals frame', () => {
  for (const id of ['lstm', 'gru', 'minimal-gru'])
    it(`${id}: the cell's h_t at every step, computed gate by gate, is the layer's own output`, async () => {
      const { gateReader } = await import('../../src/live/gates');
      const { internalsOf } = await import('../../src/views/internals');
      const { findGatedLayer } = await import('../../src/network/cells/from-layer');
      const architecture = registry.get(id);
      const config = architecture.configs.demo as { inputs: number };
      const model = architecture.build(config);
      const x = tf.randomNormal([1, 9, config.inputs], 0, 1, 'float32', 7);
      try {
        const spec = internalsOf(architecture, model);
        const frame = gateReader(model, spec).read(x);
        const layer = findGatedLayer(model)!.layer;
        const own = (tf.model({ inputs: model.inputs, outputs: layer.output as tf.SymbolicTensor }).predict(x) as tf.Tensor).arraySync() as number[][][];
        const out = spec.nodes.findIndex((n) => n.kind === 'terminal' && n.role === 'output');
        expect(frame.steps).toBe(9);
        for (let step = 0; step < 9; step++)
          for (let unit = 0; unit < frame.units; unit++) expect(frame.values[(step * spec.nodes.length + out) * frame.units + unit]).toBeCloseTo(own[0]![step]![unit]!, 5);
        // A gate is a value between 0 and 1 at every step: the gates open and close.
        const gate = spec.nodes.findIndex((n) => n.kind === 'op' && (n.op === 'sigmoid' || n.op === 'hard-sigmoid'));
        const gateValues = Array.from({ length: 9 }, (_, step) => frame.values[(step * spec.nodes.length + gate) * frame.units]!);
        expect(gateValues.every((g) => g >= 0 && g <= 1)).toBe(true);
        expect(new Set(gateValues.map((g) => g.toFixed(4))).size).toBeGreaterThan(1);
      } finally {
        x.dispose();
        model.dispose();
      }
    });
});

describe('a living layers frame', () => {
  it('shows each LeNet-5 layer by the RMS of its output on the example and of its trainable weights', async () => {
    const { layerReader } = await import('../../src/live/layer-values');
    const { livingSpecs } = await import('../../src/live/views');
    const lenet = registry.get('lenet-5');
    const model = lenet.build(lenet.configs.demo!);
    const x = tf.randomUniform([1, 32, 32, 1], 0, 1, 'float32', 9);
    try {
      const living = livingSpecs(lenet, undefined, model);
      expect(living.map((l) => l.view)).toEqual(['layers']);
      const spec = living[0]!.spec as import('../../src/views/layers').LayersDiagramSpec;
      const frame = layerReader(model, spec).read(x);
      const rms = (t: tf.Tensor) => Math.sqrt(t.square().mean().dataSync()[0]!);
      const c1 = spec.layers.findIndex((l) => l.name === 'c1');
      const output = tf.model({ inputs: model.inputs, outputs: model.getLayer('c1').output as tf.SymbolicTensor }).predict(x) as tf.Tensor;
      expect(frame.cells[c1]).toBeCloseTo(rms(output), 5);
      const weights = model.getLayer('c1').trainableWeights.map((w) => w.read());
      const all = tf.concat(weights.map((w) => w.flatten()));
      expect(frame.weights[c1]).toBeCloseTo(rms(all), 5);
      const input = spec.layers.findIndex((l) => l.className === 'InputLayer');
      expect(frame.cells[input]).toBeCloseTo(rms(x), 5);
      expect(Number.isNaN(frame.weights[input])).toBe(true);
    } finally {
      x.dispose();
      model.dispose();
    }
  });
});
