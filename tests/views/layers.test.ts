import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { AnyArchitecture } from '../../src/architecture/types';
import { readLayerGraph } from '../../src/graph/layer-graph';
import { cellRole } from '../../src/network/layers/cell-role';
import { layerLines, layoutLayers } from '../../src/layout/layers-layout';
import { renderLayersSvg } from '../../src/render/layers-render';
import { layerOrder, unitsOf } from '../../src/views/blocks';
import { layersSpec } from '../../src/views/layers';
import { legibilityProblems } from '../support/diagram-geometry';
import { miniDecoder, miniInception, miniResNet, miniVgg } from '../support/small-models';
import { parseSvg } from '../support/svg-metadata';

const head = (expanded: boolean) => ({ architecture: { id: 'mini', name: 'Mini', abbreviation: 'M' } as AnyArchitecture, config: 'canonical', expanded });

function read(build: () => tf.LayersModel) {
  const model = build();
  const graph = readLayerGraph(model);
  model.dispose();
  return graph;
}

describe('layers view', () => {
  const resnet = read(() => miniResNet());

  it('reads one layer per model layer and one edge per inbound tensor, with the model’s parameter count', () => {
    const model = miniResNet();
    expect(resnet.layers.map((l) => l.name)).toEqual(model.layers.map((l) => l.name));
    expect(resnet.params).toBe(model.countParams());
    expect(resnet.layers.reduce((n, l) => n + l.params, 0)).toBe(model.countParams());
    // Each Add reads two tensors: the branch and the shortcut.
    for (const add of resnet.layers.filter((l) => l.className === 'Add')) expect(resnet.edges.filter((e) => e.to === add.name)).toHaveLength(2);
    expect(resnet.layers.find((l) => l.name === 'conv3_block1_1_conv')?.summary).toBe('Conv2D 1×1/2, 8');
    model.dispose();
  });

  it('splits a residual network into blocks that end with their merge and the activation after it', () => {
    const blocks = unitsOf(resnet).filter((u) => u.kind === 'block');
    expect(blocks.map((b) => b.layers.at(-1))).toEqual([...[1, 2, 3].map((b) => `conv2_block${b}_out`), ...[1, 2, 3, 4].map((b) => `conv3_block${b}_out`)]);
    expect(blocks[0]!.layers).toContain('conv2_block1_0_conv');
    // Identity blocks of a stage are the same computation; the projection block is not.
    expect(blocks[1]!.signature).toBe(blocks[2]!.signature);
    expect(blocks[0]!.signature).not.toBe(blocks[1]!.signature);
  });

  it('folds identical consecutive blocks into one drawn ×N, and keeps each drawn block’s skip connection', () => {
    const spec = layersSpec(resnet, head(false));
    expect(spec.frames.filter((f) => f.repeat > 1).map((f) => [f.title, f.repeat])).toEqual([
      ['×2  conv2_block2–3', 2],
      ['×3  conv3_block2–4', 3],
    ]);
    const drawn = new Set(spec.layers.map((l) => l.name));
    expect(drawn.has('conv2_block3_add')).toBe(false);
    // The skip into every drawn Add: one line from outside its branch, besides the branch's own.
    for (const add of spec.layers.filter((l) => l.className === 'Add')) {
      const into = spec.edges.filter((e) => e.to === add.name).map((e) => e.from);
      expect(into, add.name).toHaveLength(2);
      expect(into.some((from) => /_out$|conv1_relu|_0_bn$/.test(from)), add.name).toBe(true);
    }
    // The drawn copy of conv3's identity blocks reads the projection block's output, and the pool reads it.
    expect(spec.edges).toContainEqual(expect.objectContaining({ from: 'conv3_block1_out', to: 'conv3_block2_add' }));
    expect(spec.edges).toContainEqual(expect.objectContaining({ from: 'conv3_block2_out', to: 'avg_pool' }));
    expect(spec.edges.some((e) => e.from === e.to)).toBe(false);
  });

  it('expanded, draws every layer and every edge, each block framed once', () => {
    const spec = layersSpec(resnet, head(true));
    expect(spec.layers).toHaveLength(resnet.layers.length);
    expect(spec.edges).toHaveLength(resnet.edges.length);
    expect(spec.frames.map((f) => f.title)).toEqual([1, 2, 3].map((b) => `conv2_block${b}`).concat([1, 2, 3, 4].map((b) => `conv3_block${b}`)));
  });

  it('folds a run of identical layers in a plain stack (VGG’s 3×3 convolutions) and nothing else', () => {
    const spec = layersSpec(read(miniVgg), head(false));
    expect(spec.frames.map((f) => [f.layers, f.repeat])).toEqual([
      [['block2_conv2'], 2],
      [['block3_conv1'], 3],
    ]);
  });

  it('frames each Inception module as a block of four branches and a concatenation, and folds no two different modules', () => {
    const spec = layersSpec(read(miniInception), head(false));
    expect(spec.frames.map((f) => [f.title, f.repeat])).toEqual([
      ['inception_3a', 1],
      ['inception_3b', 1],
    ]);
    expect(spec.frames[0]!.layers.at(-1)).toBe('inception_3a_output');
    // Lines into a concatenation are labelled with their shapes.
    expect(spec.edges.filter((e) => e.to === 'inception_3a_output').map((e) => [e.shape.at(-1), e.labelled])).toEqual([
      [4, true],
      [4, true],
      [2, true],
      [2, true],
    ]);
  });

  it('frames no block where a second input only joins a merge, names every layer in its box, and says what a CellRole marks', () => {
    const graph = read(() => {
      const noise = tf.input({ shape: [2], name: 'noise' });
      const real = tf.input({ shape: [2], name: 'real' });
      const marked = cellRole('noisy-input', 'marked').apply(noise) as tf.SymbolicTensor;
      const sample = tf.layers.dense({ units: 2, name: 'sample' }).apply(marked) as tf.SymbolicTensor;
      const both = tf.layers.concatenate({ name: 'both' }).apply([sample, real]) as tf.SymbolicTensor;
      const mean = tf.layers.dense({ units: 3, name: 'mean' }).apply(both) as tf.SymbolicTensor;
      const spread = tf.layers.dense({ units: 3, name: 'spread' }).apply(both) as tf.SymbolicTensor;
      const joined = tf.layers.add({ name: 'joined' }).apply([mean, spread]) as tf.SymbolicTensor;
      return tf.model({ inputs: [noise, real], outputs: tf.layers.dense({ units: 1, name: 'verdict' }).apply(joined) as tf.SymbolicTensor });
    });
    expect(unitsOf(graph).map((u) => [u.kind, u.layers.join(' ')])).toEqual([
      ['layer', 'noise'],
      ['layer', 'marked'],
      ['layer', 'sample'],
      ['layer', 'real'],
      ['layer', 'both'],
      ['block', 'mean spread joined'],
      ['layer', 'verdict'],
    ]);
    const spec = layersSpec(graph, head(false));
    expect(spec.frames.map((f) => f.layers)).toEqual([['mean', 'spread', 'joined']]);
    const lines = (name: string) => layerLines(spec.layers.find((l) => l.name === name)!);
    expect(['noise', 'mean', 'spread', 'marked'].map(lines)).toEqual([
      ['noise', 'Input', '2'],
      ['mean', 'Dense 3', '3 · 15 params'],
      ['spread', 'Dense 3', '3 · 15 params'],
      ['marked', 'CellRole: noisy-input', '2'],
    ]);
  });

  it('folds decoder layers that each read one external memory into one drawn ×N, the memory’s line into the drawn copy standing for every copy’s', () => {
    const graph = read(() => miniDecoder(2));
    // The memory's lines jump over both decoder layers; as a side input they split nothing.
    expect(unitsOf(graph).map((u) => [u.kind, u.layers.join(' '), u.sideInputs.join(' ')])).toEqual([
      ['layer', 'source', ''],
      ['layer', 'memory', ''],
      ['layer', 'target', ''],
      ['layer', 'embed', ''],
      ['block', 'dec1_read dec1_mix', 'memory'],
      ['layer', 'dec1_out', ''],
      ['block', 'dec2_read dec2_mix', 'memory'],
      ['layer', 'dec2_out', ''],
      ['layer', 'predictions', ''],
    ]);
    const spec = layersSpec(graph, head(false));
    expect(spec.frames.map((f) => [f.title, f.repeat, f.layers, f.sideInputs])).toEqual([['×2  dec1–2', 2, ['dec1_read', 'dec1_mix', 'dec1_out'], ['memory']]]);
    expect(spec.layers.map((l) => l.name)).not.toContain('dec2_read');
    // Both copies' lines from the memory are one line into the drawn copy; the last copy's output leaves the drawn one.
    expect(spec.edges.filter((e) => e.from === 'memory').map((e) => e.to)).toEqual(['dec1_read']);
    expect(spec.edges).toContainEqual(expect.objectContaining({ from: 'dec1_out', to: 'predictions' }));
    expect(spec.edges.some((e) => e.from === 'dec1_out' && e.to === 'dec1_mix')).toBe(false);
    // Σ params × repeat is still the model's count.
    const repeatOf = new Map(spec.frames.flatMap((f) => f.layers.map((l) => [l, f.repeat] as const)));
    expect(spec.layers.reduce((n, l) => n + l.params * (repeatOf.get(l.name) ?? 1), 0)).toBe(graph.params);
    // The memory's strand comes first, then the target's: every edge runs forward.
    const order = layerOrder(graph);
    for (const e of graph.edges) expect(order.indexOf(e.from)).toBeLessThan(order.indexOf(e.to));
    const svg = parseSvg(renderLayersSvg(layoutLayers(spec, 'down')));
    expect(svg.elements.find((e) => e.attributes['data-frame'] === 'repeat:dec1_read')?.attributes['data-side-inputs']).toBe('memory');
  });

  it('finds no side input where nothing would fold: one decoder layer, a residual block’s input', () => {
    // One decoder layer: nothing to fold, so the memory stays an ordinary input and the block spans it.
    const one = layersSpec(read(() => miniDecoder(1)), head(false));
    expect(one.frames.every((f) => f.repeat === 1 && f.sideInputs === undefined)).toBe(true);
    // A residual network's block input feeds its branch and its skip: one block, no side input.
    expect(unitsOf(resnet).every((u) => u.sideInputs.length === 0)).toBe(true);
  });

  it('draws down the page by default and across it on request, legibly both ways', () => {
    const spec = layersSpec(resnet, head(false));
    for (const direction of ['down', 'right'] as const) {
      const laidOut = layoutLayers(spec, direction);
      const first = laidOut.layers[0]!.box;
      const last = laidOut.layers.at(-1)!.box;
      const [dx, dy] = [last.x - first.x, last.y - first.y];
      expect(direction === 'down' ? dy > Math.abs(dx) : dx > Math.abs(dy), direction).toBe(true);
      const svg = renderLayersSvg(laidOut);
      expect(parseSvg(svg).root['data-direction']).toBe(direction);
      expect(legibilityProblems(svg)).toEqual([]);
      expect(renderLayersSvg(layoutLayers(spec, direction))).toBe(svg);
    }
  });
});
