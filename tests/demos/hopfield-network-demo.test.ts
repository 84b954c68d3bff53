import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import demo from '../../src/demos/architectures/hopfield-network';
import { pictures } from '../../src/demos/hopfield-pictures';
import { parseParams, pixelsText } from '../../src/demos/params';
import { progressPlan } from '../../src/demos/progress-plan';
import { energy } from '../../src/network/layers/hopfield';
import hopfieldNetwork, { corrupt, hopfieldLayer } from '../../src/zoo/hopfield-network';

/** A ±1 state as the form sends the drawing: 1 for ink (+1), 0 for paper (−1). */
const drawn = (state: readonly number[]) => pixelsText(state.map((v) => (v > 0 ? 1 : 0)));

/** Runs the demo on the form's raw strings: its metrics by name, and the descriptions of its final and interim figures. */
async function run(raw: Record<string, string>) {
  const previews: string[] = [];
  const result = await demo.run(parseParams(demo.params, raw), progressPlan(demo.stages, () => {}, (plots) => previews.push(...plots)));
  return {
    metrics: Object.fromEntries(result.metrics.map((m) => [m.name, m.value])),
    labels: result.metrics.map((m) => m.label),
    text: [...result.plots, ...previews].join('\n'),
  };
}

/** The energy of `state` under Hebb's weights for the first `patterns` pictures, as the demo's figures print it. */
function energyOf(state: readonly number[], patterns: number): string {
  const model = hopfieldNetwork.build(hopfieldNetwork.configs.demo!);
  try {
    const layer = hopfieldLayer(model);
    layer.store(pictures().slice(0, patterns));
    return energy(layer.weightValues(), state).toFixed(2);
  } finally {
    model.dispose();
  }
}

describe('hopfield-network demo: recall from the reader’s drawing', () => {
  it('starts the drawing as the picture to recall with the noise applied: the cross, 36 of its pixels flipped', () => {
    const { start } = parseParams(demo.params, {});
    const cross = pictures()[1]!;
    expect(pixelsText(start)).toBe(drawn(corrupt(cross, 0.3, 1)));
    expect(start.filter((v, i) => (v > 0 ? 1 : -1) !== cross[i]).length).toBe(36);
    // Another picture, noise and seed: the drawing follows them.
    expect(pixelsText(parseParams(demo.params, { cue: '1', noise: '0', seed: '9' }).start)).toBe(drawn(pictures()[0]!));
  });

  it('recalls from exactly the drawn grid, whatever the sliders say, and leaks no tensor', async () => {
    const before = tf.memory().numTensors;
    // The top half inked, the bottom half paper: no stored picture, and not the picture-with-noise the sliders make.
    const half = Array.from({ length: 100 }, (_, k) => (k < 50 ? 1 : -1));
    const { metrics, text } = await run({ start: drawn(half), noise: '0.5', seed: '7' });
    expect(tf.memory().numTensors).toBe(before);
    // The energy starts at the drawing's own energy (in the interim figures and the final plot) …
    expect(text).toContain(`From ${energyOf(half, 4)} at the start`);
    expect(text).toContain(`falls from ${energyOf(half, 4)} to`);
    // … and falls into the cross, exactly, in 2 sweeps (the second changes nothing).
    expect([metrics.overlap, metrics['wrong-pixels'], metrics.sweeps, metrics.nearest, metrics['nearest-overlap']]).toEqual([1, 0, 2, 2, 1]);
  });

  it('names where it settled: a stored picture, its negative, or a spurious state, as the article says', async () => {
    const article = readFileSync(new URL('../../content/architectures/hopfield-network.mdx', import.meta.url), 'utf8').replace(/\s+/g, ' ');
    // A blank grid, four pictures stored: the plus, exactly.
    const four = await run({ start: '0'.repeat(100) });
    expect([four.metrics.nearest, four.metrics['nearest-overlap']]).toEqual([3, 1]);
    expect(four.labels).toContain('Settled on the plus, picture');
    expect(article).toContain('A blank grid is far from every picture, yet with four stored it settles on the plus, exactly.');
    // The negative of the plus is a stored state too (E(s) = E(−s)): nothing changes in the first sweep.
    const negative = await run({ start: drawn(pictures()[2]!.map((v) => -v)) });
    expect([negative.metrics.sweeps, negative.metrics.nearest, negative.metrics['nearest-overlap']]).toEqual([1, 3, -1]);
    expect(negative.labels).toContain('Settled on the negative of the plus, picture');
    // All eight pictures stored, a blank grid: a minimum that is none of them, 4 pixels from the negative of the checks.
    const blank = await run({ patterns: '8', start: '0'.repeat(100) });
    expect([blank.metrics.nearest, blank.metrics['nearest-overlap']]).toEqual([4, -0.92]);
    expect(blank.labels).toContain('Settled on a spurious state, nearest the negative of the checks, picture');
    const away = Math.round((100 * (1 - Math.abs(blank.metrics['nearest-overlap']!))) / 2);
    expect(article).toContain(`now it ends in a spurious state, ${away} pixels away from the negative of the checks.`);
    expect(article).toContain('Draw the negative of a stored picture, ink where it has paper: it is a minimum too, and the first sweep changes nothing.');
  });
});
