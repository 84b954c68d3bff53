import type * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import type { AnyArchitecture } from '../../src/architecture/types';
import { traceModel } from '../../src/graph/trace';
import { DELAYED_KINDS, isDelayed, type ConnectionKind } from '../../src/graph/types';
import { errorByPosition, trainOnSequences } from '../../src/network/bidirectional';
import { FORWARD_ONLY_FLOOR, neighbourFill } from '../../src/network/datasets/neighbour-fill';
import { createRandom } from '../../src/network/numerics/random';
import { generateSvg } from '../../src/pipeline';
import { expandEdges, parseSvg } from './svg-metadata';

export const STEPS = 8;

export interface FutureContextResult {
  /** Test-set mean squared error at each step. */
  readonly forwardOnly: readonly number[];
  readonly bidirectional: readonly number[];
}

/**
 * Trains a forward-only network and a bidirectional one, same cell, on the neighbour-fill task
 * (seeded data, full-batch Adam) and measures both on fresh sequences, step by step.
 */
export async function trainBoth(forwardOnly: tf.LayersModel, bidirectional: tf.LayersModel, epochs: number, learningRate: number): Promise<FutureContextResult> {
  const train = neighbourFill(128, STEPS, createRandom(1));
  const test = neighbourFill(64, STEPS, createRandom(2));
  const measure = async (model: tf.LayersModel) => {
    await trainOnSequences(model, train, { epochs, learningRate });
    const errors = errorByPosition(model, test);
    model.dispose();
    return errors;
  };
  return { forwardOnly: await measure(forwardOnly), bidirectional: await measure(bidirectional) };
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * What the task proves: the forward-only network stays near its floor (1/12, the variance of the
 * unseen right neighbour over 4) wherever half the answer lies in the future, and learns the last
 * step, whose answer lies wholly in the past; the bidirectional network learns every step.
 */
export function expectFutureContextGap(result: FutureContextResult, label: string): void {
  const futureSteps = result.forwardOnly.slice(0, -1);
  console.log(`${label}: forward-only error by step ${result.forwardOnly.map((e) => e.toFixed(4)).join(' ')}; bidirectional ${result.bidirectional.map((e) => e.toFixed(4)).join(' ')}`);
  expect(Math.min(...futureSteps)).toBeGreaterThan(0.75 * FORWARD_ONLY_FLOOR);
  expect(result.forwardOnly.at(-1)!).toBeLessThan(0.25 * FORWARD_ONLY_FLOOR);
  expect(Math.max(...result.bidirectional)).toBeLessThan(0.15 * FORWARD_ONLY_FLOOR);
  expect(mean(result.bidirectional)).toBeLessThan(mean(futureSteps) / 10);
}

/**
 * The structure the diagrams must show: a forward and a backward chain, both fed by the input and
 * both feeding the output; the backward chain's recurrent weights (and only its) run from t+1 to t,
 * in the graph, in the cells diagram (t+1 badges) and in the unrolled one (from step k+1 to step k).
 */
export async function expectOppositeChains(architecture: AnyArchitecture, forward: string, backward: string): Promise<void> {
  const model = architecture.build(architecture.configs.diagram);
  const graph = traceModel(model, architecture.id);
  model.dispose();
  const groupOf = (cell: string) => cell.slice(0, cell.lastIndexOf('.'));
  // Delayed connections: recurrent weights, and (in gated cells) the state each cell carries itself.
  const recurrent = graph.connections.filter(isDelayed);
  expect(new Set(recurrent.filter((c) => c.delay === -1).map((c) => groupOf(c.from)))).toEqual(new Set([backward]));
  expect(new Set(recurrent.filter((c) => c.delay === undefined).map((c) => groupOf(c.from)))).toEqual(new Set([forward]));
  for (const chain of [forward, backward]) {
    expect(graph.connections.some((c) => groupOf(c.from) === 'input' && groupOf(c.to) === chain)).toBe(true);
    expect(graph.connections.some((c) => groupOf(c.from) === chain && groupOf(c.to) === 'output')).toBe(true);
  }

  const cells = parseSvg(await generateSvg(architecture, 'cells', graph));
  const badges = (text: string) => cells.elements.filter((e) => e.name === 'text' && e.text === text && !e.ancestorClasses.includes('rz-legend')).length;
  const backwardLoops = cells.edges.filter((e) => e.attributes['data-delay'] === '-1');
  expect(backwardLoops.length).toBe(recurrent.filter((c) => c.delay === -1).length);
  expect(backwardLoops.every((e) => groupOf(e.attributes['data-from']!) === backward)).toBe(true);
  expect(badges('t+1')).toBe(backwardLoops.length);
  expect(badges('t−1')).toBe(recurrent.length - backwardLoops.length);

  const unrolled = parseSvg(await generateSvg(architecture, 'unrolled', graph));
  const step = (id: string) => Number(id.split('@')[1]);
  for (const e of expandEdges(unrolled).filter((x) => DELAYED_KINDS.has(x.kind as ConnectionKind))) {
    const chain = groupOf(e.from.split('@')[0]!);
    expect(step(e.to) - step(e.from), `${e.from} → ${e.to}`).toBe(chain === backward ? -1 : 1);
  }
  expect(unrolled.desc).toContain(`those of ${backward} run backward in time, from each step's copy to the one before it (t+1 → t)`);
}
