import { describe, expect, it } from 'vitest';
import autoencoderDemo from '../../src/demos/architectures/autoencoder';
import boltzmannDemo from '../../src/demos/architectures/boltzmann-machine';
import dbnDemo from '../../src/demos/architectures/deep-belief-network';
import dqnDemo from '../../src/demos/architectures/deep-q-network';
import daeDemo from '../../src/demos/architectures/denoising-autoencoder';
import elmDemo from '../../src/demos/architectures/extreme-learning-machine';
import ganDemo from '../../src/demos/architectures/gan';
import hopfieldDemo from '../../src/demos/architectures/hopfield-network';
import kohonenDemo from '../../src/demos/architectures/kohonen-network';
import markovDemo from '../../src/demos/architectures/markov-chain';
import rbfDemo from '../../src/demos/architectures/radial-basis-network';
import rbmDemo from '../../src/demos/architectures/restricted-boltzmann-machine';
import saeDemo from '../../src/demos/architectures/sparse-autoencoder';
import vaeDemo from '../../src/demos/architectures/variational-autoencoder';
import { pictures } from '../../src/demos/hopfield-pictures';
import { pixelsText, type ParamSchema, type ParamValues } from '../../src/demos/params';
import type { DemoDefinition } from '../../src/demos/types';
import { runUntilWatched, type CaughtAtWatch } from '../support/watching';
import { digitSplit } from '../../src/network/datasets/digits';
import { DEFAULT_RING } from '../../src/network/datasets/ring';
import { DEMO_WORLD, observe } from '../../src/network/environments/grid-world';
import { createRandom } from '../../src/network/numerics/random';
import { barsAndStripes } from '../../src/network/rbm';
import { TWO_PATTERNS } from '../../src/zoo/boltzmann-machine';
import { randomColours } from '../../src/zoo/kohonen-network';

interface Caught extends CaughtAtWatch {
  /** Parameters of the network `living.config` describes at the same values, and the shapes the definition states for it, batch of one in front. */
  readonly declaredParams: number;
  readonly declaredShapes: readonly (readonly number[])[];
}

/** What `demo` watches at the form's `raw` strings, beside what its `living` declaration says. */
async function watched<S extends ParamSchema>(demo: DemoDefinition<S>, raw: Record<string, string> = {}): Promise<Caught> {
  const caught = await runUntilWatched(demo, raw);
  const living = demo.living!;
  const config = living.config(caught.values as ParamValues<S>);
  const declared = living.architecture.build(config);
  const declaredParams = declared.countParams();
  declared.dispose();
  const { input, moreInputs = [] } = living.architecture.shapes(config);
  return { ...caught, declaredParams, declaredShapes: [input, ...moreInputs].map((shape) => [1, ...shape]) };
}

/** Checks common to every demo: the network watched is the declared one, and the example is a batch of one of its inputs. */
function expectDeclared(caught: Caught): void {
  expect(caught.params).toBe(caught.declaredParams);
  expect(caught.inputs.map((x) => x.shape)).toEqual(caught.declaredShapes);
}

const heldOutDigit = () => Array.from(digitSplit().test[0]!);

describe('each demo’s living diagram shows one real input of its data, on the network its living declaration describes', () => {
  it('hopfield-network: the reader’s drawing, ink +1 and paper −1, the state recall starts from', async () => {
    const drawing = pictures()[3]!.map((v, i) => (i % 7 === 0 ? -v : v));
    const caught = await watched(hopfieldDemo, { start: pixelsText(drawing.map((v) => (v > 0 ? 1 : 0))), patterns: '5' });
    expectDeclared(caught);
    expect(caught.inputs[0]!.values).toEqual(drawing);
  });

  it('boltzmann-machine: the first of the two patterns it learns', async () => {
    const caught = await watched(boltzmannDemo, { epochs: '10' });
    expectDeclared(caught);
    expect(caught.inputs[0]!.values).toEqual(TWO_PATTERNS[0]);
  });

  it('restricted-boltzmann-machine and deep-belief-network: one of the bars-and-stripes patterns, with some ink and some paper', async () => {
    const patterns = barsAndStripes(4).map((p) => p.join(''));
    for (const caught of [await watched(rbmDemo, { hidden: '5' }), await watched(dbnDemo, { hidden1: '6', hidden2: '9' })]) {
      expectDeclared(caught);
      const pixels = caught.inputs[0]!.values;
      expect(patterns).toContain(pixels.join(''));
      expect(new Set(pixels)).toEqual(new Set([0, 1]));
    }
  });

  it('kohonen-network: the first of the colours the map organises itself on', async () => {
    const caught = await watched(kohonenDemo, { side: '7' });
    expectDeclared(caught);
    expect(caught.inputs[0]!.values).toEqual(Array.from(Float32Array.from(randomColours(400, 3)[0]!)));
  });

  it('markov-chain: state 0, where the walk starts, one-hot at the first step and nothing after', async () => {
    const caught = await watched(markovDemo, { states: '8', successors: '3' });
    expectDeclared(caught);
    const [, steps, states] = caught.inputs[0]!.shape as [number, number, number];
    expect(states).toBe(8);
    const rows = Array.from({ length: steps }, (_, t) => caught.inputs[0]!.values.slice(t * states, (t + 1) * states));
    expect(rows[0]).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
    expect(rows.slice(1).flat().every((v) => v === 0)).toBe(true);
  });

  it('deep-q-network: the first move from the start, right, as a replayed transition', async () => {
    const caught = await watched(dqnDemo, { seed: '4' });
    expectDeclared(caught);
    const [state, next, reward, continues] = caught.inputs.map((x) => x.values);
    expect(state).toEqual(Array.from(observe(DEMO_WORLD, DEMO_WORLD.start)));
    expect(next).toEqual(Array.from(observe(DEMO_WORLD, DEMO_WORLD.start + 1)));
    expect(reward).toEqual([Math.fround(DEMO_WORLD.stepReward)]);
    expect(continues).toEqual([1]);
  });

  it('gan: standard normal noise, the first draw the plotted points come from, and a real point on the ring', async () => {
    const caught = await watched(ganDemo, { noise: '3', steps: '300' });
    expectDeclared(caught);
    const random = createRandom(7);
    expect(caught.inputs[0]!.values).toEqual(Array.from(Float32Array.from({ length: 3 }, () => random.normal())));
    const [x, y] = caught.inputs[1]!.values as [number, number];
    expect(Math.abs(Math.hypot(x - DEFAULT_RING.centre[0], y - DEFAULT_RING.centre[1]) - DEFAULT_RING.radius)).toBeLessThan(5 * DEFAULT_RING.width);
  });

  it('autoencoder, denoising-autoencoder, sparse-autoencoder, variational-autoencoder: a held-out digit', async () => {
    const digit = heldOutDigit();
    const runs = [
      await watched(autoencoderDemo, { code: '5' }),
      await watched(daeDemo, { noise: '0.2' }),
      await watched(saeDemo),
      await watched(vaeDemo, { hidden: '48' }),
    ];
    for (const caught of runs) {
      expectDeclared(caught);
      expect(caught.inputs[0]!.values).toEqual(digit);
    }
  });

  it('extreme-learning-machine and radial-basis-network: an x inside the range the samples cover', async () => {
    for (const caught of [await watched(elmDemo, { hidden: '30' }), await watched(rbfDemo, { centres: '7', width: '0.4' })]) {
      expectDeclared(caught);
      const [x] = caught.inputs[0]!.values as [number];
      expect(x).toBeGreaterThan(-4);
      expect(x).toBeLessThan(4);
    }
  });
});
