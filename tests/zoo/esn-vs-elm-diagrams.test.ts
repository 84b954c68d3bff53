import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import esn from '../../src/zoo/echo-state-network';
import elm from '../../src/zoo/extreme-learning-machine';
import { expandEdges, parseSvg } from '../support/svg-metadata';

const drawn = (file: string) => expandEdges(parseSvg(readFileSync(new URL(`../../diagrams/${file}`, import.meta.url), 'utf8')));
const groupOf = (id: string) => id.replace(/\.\d+(@\d+)?$/, '');

describe('the ESN and ELM diagrams tell the two apart', () => {
  it('echo-state-network draws its reservoir as sparse, recurrent, fixed connections: exactly the nonzero reservoir weights', () => {
    const model = esn.build(esn.configs.diagram);
    const kernel = model.getLayer('reservoir').weights.find((w) => w.originalName.endsWith('/recurrent_kernel'))!.read().arraySync() as number[][];
    const nonzero = kernel.flatMap((row, i) => row.flatMap((w, j) => (w !== 0 ? [`reservoir.${i} → reservoir.${j}`] : [])));
    const loops = drawn('echo-state-network.cells.svg').filter((e) => groupOf(e.from) === 'reservoir' && groupOf(e.to) === 'reservoir');
    expect(loops.map((e) => `${e.from} → ${e.to}`).sort()).toEqual(nonzero.sort());
    expect(loops.every((e) => e.kind === 'recurrent' && !e.trainable && e.directed)).toBe(true);
    expect(loops.length).toBeLessThan(esn.configs.diagram.units ** 2);
    model.dispose();
  });

  it('echo-state-network trains only its readout; its input weights are fixed like the reservoir', () => {
    const edges = drawn('echo-state-network.cells.svg');
    expect(edges.filter((e) => e.trainable).every((e) => groupOf(e.to) === 'readout')).toBe(true);
    expect(edges.filter((e) => groupOf(e.from) === 'input').every((e) => !e.trainable)).toBe(true);
  });

  it('extreme-learning-machine draws no recurrence at all: fixed random input weights, trained output weights', () => {
    const edges = drawn('extreme-learning-machine.cells.svg');
    expect(edges.some((e) => e.kind === 'recurrent')).toBe(false);
    expect(edges.filter((e) => groupOf(e.to) === 'hidden').every((e) => !e.trainable && e.kind === 'dense')).toBe(true);
    expect(edges.filter((e) => groupOf(e.to) === 'output').every((e) => e.trainable)).toBe(true);
    expect(edges.filter((e) => groupOf(e.to) === 'hidden')).toHaveLength(elm.configs.diagram.inputs * elm.configs.diagram.hidden);
  });

  it('unrolled, the ESN links each step to the next and the ELM links none', () => {
    const crosses = (file: string) => drawn(file).filter((e) => e.from.split('@')[1] !== e.to.split('@')[1]);
    expect(crosses('echo-state-network.unrolled.svg').length).toBeGreaterThan(0);
    expect(crosses('extreme-learning-machine.unrolled.svg')).toEqual([]);
  });
});
