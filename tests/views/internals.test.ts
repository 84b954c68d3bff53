import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { AnyArchitecture } from '../../src/architecture/types';
import { generateSvg } from '../../src/pipeline';
import minimalGru from '../../src/zoo/minimal-gru';
import { executingOpGraph, expectOpGraphDrawn, internalsContractProblems } from '../support/op-metadata';
import { parseSvg, type SvgElement } from '../support/svg-metadata';

/** A stand-in architecture around one recurrent layer (the LSTM and GRU definitions live elsewhere). */
function around(id: string, layer: () => tf.layers.Layer): AnyArchitecture {
  return {
    ...(minimalGru as unknown as AnyArchitecture),
    id,
    build: () => {
      const input = tf.input({ shape: [null, 2], name: 'input' });
      const recurrent = layer().apply(input) as tf.SymbolicTensor;
      return tf.model({ inputs: input, outputs: tf.layers.dense({ units: 2, name: 'output' }).apply(recurrent) as tf.SymbolicTensor });
    },
  };
}

const CASES = [
  ['lstm', around('lstm', () => tf.layers.lstm({ units: 3, returnSequences: true, name: 'lstm' }))],
  ['gru', around('gru', () => tf.layers.gru({ units: 3, returnSequences: true, recurrentActivation: 'sigmoid', name: 'gru' }))],
  ['minimal-gru', minimalGru as unknown as AnyArchitecture],
  ['bidirectional-lstm', around('bidirectional-lstm', () => tf.layers.bidirectional({ layer: tf.layers.lstm({ units: 3, returnSequences: true }) as tf.RNN, name: 'bi' }))],
] as const;

/** Centre of a drawn element, from its translate transform. */
const centre = (e: SvgElement) => {
  const [x, y] = /matrix\(1,0,0,1,([-\d.]+),([-\d.]+)\)/.exec(e.attributes.transform!)!.slice(1).map(Number);
  return { x: x!, y: y! };
};

/** The text drawn inside an element's glyph (symbols of circles, labels of boxes), with subscripts joined. */
function glyphText(svg: ReturnType<typeof parseSvg>, node: SvgElement): string {
  const start = svg.elements.indexOf(node);
  const next = svg.elements.findIndex((e, k) => k > start && 'data-node' in e.attributes);
  return svg.elements
    .slice(start + 1, next === -1 ? undefined : next)
    .filter((e) => (e.name === 'text' || e.name === 'tspan') && !(e.attributes.class ?? '').includes('rz-caption') && !e.ancestorClasses.includes('rz-caption'))
    .map((e) => e.text)
    .filter(Boolean)
    .join('|');
}

describe.each(CASES)('the internals view of a %s layer', (name, architecture) => {
  const drawn = generateSvg(architecture, 'internals').then(parseSvg);

  it('draws exactly the op graph that executes the cell: the same operations, terminals and lines', async () => {
    const svg = await drawn;
    expect(internalsContractProblems(svg)).toEqual([]);
    expectOpGraphDrawn(svg, executingOpGraph(architecture));
    expect(svg.root['data-cell-kind']).toBe(name === 'bidirectional-lstm' ? 'lstm' : name);
  });

  it('marks every operation by shape and symbol, so it reads without colour', async () => {
    const svg = await drawn;
    const symbols: Record<string, RegExp> = { sigmoid: /^σ$/, 'hard-sigmoid': /^hσ$/, tanh: /^tanh$/, mul: /^×$/, add: /^\+$/, 'one-minus': /^1−$/, matmul: /^W\|/ };
    for (const node of svg.nodes.filter((n) => n.attributes['data-op'])) {
      const op = node.attributes['data-op']!;
      expect(glyphText(svg, node), `${node.attributes['data-node']} (${op})`).toMatch(symbols[op]!);
    }
  });

  it('brings the states in from t−1 on the left and out to t+1 on the right, x_t in from below and h_t out above', async () => {
    const svg = await drawn;
    const at = (id: string) => centre(svg.nodes.find((n) => n.attributes['data-node'] === id)!);
    const ops = svg.nodes.filter((n) => n.attributes['data-op']).map(centre);
    const [left, right] = [Math.min(...ops.map((p) => p.x)), Math.max(...ops.map((p) => p.x))];
    const [top, bottom] = [Math.min(...ops.map((p) => p.y)), Math.max(...ops.map((p) => p.y))];
    const states = name.includes('lstm') ? ['h', 'c'] : ['h'];
    for (const s of states) {
      expect(at(`${s}-prev`).x, `${s}-prev`).toBeLessThan(left);
      expect(at(`${s}-next`).x, `${s}-next`).toBeGreaterThan(right);
    }
    expect(svg.nodes.filter((n) => n.attributes['data-state'] === 'c').length).toBe(name.includes('lstm') ? 2 : 0);
    expect(at('x').y).toBeGreaterThan(bottom);
    expect(at('h-out').y).toBeLessThan(top);
  });

  it('leaves no helper element of svg.js behind (a nested, hidden <svg> it adds when text is measured)', async () => {
    expect((await drawn).elements.filter((e) => e.name === 'svg')).toHaveLength(1);
  });

  it('is deterministic: the same definition gives the same bytes', async () => {
    expect(await generateSvg(architecture, 'internals')).toBe(await generateSvg(architecture, 'internals'));
  });
});

describe('the internals view', () => {
  it('refuses, naming the architecture, a network without a gated recurrent layer', () => {
    const plain = around('plain-rnn', () => tf.layers.simpleRNN({ units: 3, returnSequences: true }));
    return expect(generateSvg(plain, 'internals')).rejects.toThrow('plain-rnn: view "internals" needs an LSTM, GRU or minimal-GRU layer');
  });
});
