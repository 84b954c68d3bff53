import * as tf from '@tensorflow/tfjs';
import { energy, unitSign, type Sweep } from '../../network/layers/hopfield';
import hopfieldNetwork, { hopfieldLayer, overlap } from '../../zoo/hopfield-network';
import { PICTURES, pictures } from '../hopfield-pictures';
import { imageGridSvg, type GridImage } from '../image-grid';
import { plotSvg } from '../plot';
import { defineDemo } from '../types';
import params from './hopfield-network.params';

export { pictures };

const SIDE = 10;
/** Sweeps shown as they happen, with PAUSE_MS after every tenth update: 2 sweeps of 100 units take 0.8 s. */
const WATCHED_SWEEPS = 4;
const PAUSE_MS = 40;
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** ±1 → grey level: +1 full ink, −1 paper. */
const ink = (state: readonly number[]): number[] => state.map((v) => (v > 0 ? 1 : 0));

/** The network at its demo size, a unit per pixel; no parameter changes it (they choose what it stores and recalls from). */
const networkAt = () => ({ ...hopfieldNetwork.configs.demo!, units: SIDE * SIDE });

/**
 * Where a settled state ended, in words: a stored picture, the negative of one (E(s) = E(−s), so
 * that is a minimum too), or neither, a spurious state, then named by the stored picture it is
 * nearest (as itself or as its negative). `nearest` is that picture's index, `m` the signed overlap.
 */
export function settledOn(final: readonly number[], stored: readonly (readonly number[])[]): { nearest: number; m: number; words: string } {
  const overlaps = stored.map((p) => overlap(final, p));
  const nearness = overlaps.map(Math.abs);
  const nearest = nearness.indexOf(Math.max(...nearness));
  const m = overlaps[nearest]!;
  const name = PICTURES[nearest]!.name;
  const words =
    m === 1 ? `the ${name}` : m === -1 ? `the negative of the ${name}` : `a spurious state, nearest ${m < 0 ? `the negative of the ${name}` : `the ${name}`}`;
  return { nearest, m, words };
}

/**
 * The Hopfield definition at its demo size (100 units, a 10 × 10 picture), storing the first
 * `patterns` pictures by Hebb's rule, then recalling from the reader's drawing (by default the picture
 * to recall with some pixels flipped): the state after every sweep is shown as it comes, with the
 * energy after every single update.
 */
export default defineDemo({
  params,
  living: { architecture: hopfieldNetwork, config: networkAt },
  stages: [{ key: 'recall:sweeps', label: 'Recalling: every unit updates once per sweep, in a fresh random order', unit: 'sweeps', errorLabel: 'energy', weight: 1 }],
  async run(values, progress) {
    const stored = pictures().slice(0, values.patterns);
    const cue = Math.min(values.cue, values.patterns) - 1;
    const target = stored[cue]!;
    const name = PICTURES[cue]!.name;
    // Exactly the drawing: an ink pixel is +1, paper −1.
    const start = values.start.map((v) => (v > 0 ? 1 : -1));
    const model = hopfieldNetwork.build(networkAt());
    try {
      // The living diagram's cells: the state the network settles in from the reader's drawing.
      progress.watch(model, tf.tensor2d([start]));
      const layer = hopfieldLayer(model);
      layer.store(stored);
      const w = layer.weightValues();
      const startWrong = start.filter((v, i) => v !== target[i]).length;
      const report = progress.within('recall');
      const startEnergy = energy(w, start.map(unitSign));
      const energies: [number, number][] = [[0, startEnergy]];
      const frames: GridImage[] = [{ pixels: ink(start), caption: 'start' }];
      let updates = 0;
      // The run so far, as it happens: the units now, the pictures after each sweep, the energy so far.
      const show = (now: readonly number[], sweep: number) =>
        progress.show([
          imageGridSvg({
            title: `Recalling from your drawing (${startWrong} pixels unlike the ${name}): sweep ${sweep}, ${updates} updates so far`,
            description: `The 100 units as a 10 × 10 picture: at the start, after each finished sweep, and now.`,
            width: SIDE,
            rows: [{ images: [...frames.slice(-5), { pixels: ink(now), caption: `now (sweep ${sweep})` }] }],
          }),
          plotSvg({
            title: 'Energy after each update so far',
            description: `From ${startEnergy.toFixed(2)} at the start to ${energies.at(-1)![1].toFixed(2)} after ${updates} updates.`,
            x: { label: 'updates' },
            y: { label: 'energy' },
            series: [{ label: 'energy', mark: 'line', points: energies }],
          }),
        ]);
      const sweeps: Sweep[] = [];
      const steps = layer.steps(start);
      let final: number[];
      for (let step = steps.next(); ; step = steps.next()) {
        if (step.done) {
          final = step.value;
          break;
        }
        const { state, sweep, flips, endOfSweep } = step.value;
        updates++;
        energies.push([updates, energy(w, state)]);
        if (endOfSweep) {
          sweeps.push({ sweep, state: [...state], energy: energies.at(-1)![1], flips });
          frames.push({ pixels: ink(state), caption: `sweep ${sweep}` });
          report({ phase: 'sweeps', done: sweep, total: layer.maxSweeps, error: energies.at(-1)![1] });
        }
        // Every tenth update, a look and a short pause, so the reader sees the pixels settle; none past the first few sweeps.
        if (updates % 10 === 0 && sweep <= WATCHED_SWEEPS) {
          // The bar moves within a watched sweep too (a tenth of a sweep at a time), not only after 0.4 s.
          if (!endOfSweep) report({ phase: 'sweeps', done: sweep - 1 + (updates % SIDE ** 2) / SIDE ** 2, total: layer.maxSweeps, error: energies.at(-1)![1] });
          show(state, sweep);
          await pause(PAUSE_MS);
        }
      }
      report({ phase: 'sweeps', done: layer.maxSweeps, total: layer.maxSweeps });
      const m = overlap(final, target);
      const wrong = final.filter((v, i) => v !== target[i]).length;
      const finalEnergy = sweeps.at(-1)?.energy ?? startEnergy;
      const targetEnergy = energy(w, target);
      const end = settledOn(final, stored);
      const outcome = `It settled on ${end.words}${wrong === 0 ? '' : `, with ${wrong} pixels unlike the ${name}`}`;
      return {
        metrics: [
          { name: 'overlap', label: `Overlap with the ${name} after recall`, value: m, kind: 'fraction' },
          { name: 'wrong-pixels', label: `Pixels unlike the ${name}`, value: wrong, kind: 'count' },
          { name: 'sweeps', label: 'Sweeps until nothing changed', value: sweeps.length, kind: 'count' },
          { name: 'nearest', label: `Settled on ${end.words}, picture`, value: end.nearest + 1, kind: 'count' },
          { name: 'nearest-overlap', label: 'Overlap with that picture (1: it, −1: its negative)', value: end.m, kind: 'fraction' },
        ],
        plots: [
          imageGridSvg({
            title: `The ${values.patterns} stored picture${values.patterns === 1 ? '' : 's'}, then the recall from your drawing: start, each sweep, and the ${name} for comparison. ${outcome}.`,
            description: `${outcome}, after ${sweeps.length} sweep${sweeps.length === 1 ? '' : 's'} (the last changed nothing). Overlap with the ${name}: ${overlap(start, target).toFixed(2)} at the start, ${m.toFixed(2)} at the end.`,
            width: SIDE,
            rows: [
              { label: 'stored', images: stored.map((p, k) => ({ pixels: ink(p), caption: PICTURES[k]!.name })) },
              // At most eight frames: the start, the first sweeps and the last ones.
              { label: 'recall', images: [...(frames.length > 8 ? [...frames.slice(0, 4), ...frames.slice(-4)] : frames), { pixels: ink(target), caption: `${name} (target)` }] },
            ],
          }),
          plotSvg({
            title: 'Energy after each update: it never rises',
            description: `E = −½ Σ wᵢⱼ sᵢ sⱼ falls from ${startEnergy.toFixed(2)} to ${finalEnergy.toFixed(2)} over ${updates} single-unit updates: a flip lowers it (or, at a field of exactly 0, leaves it), and an update that flips nothing leaves it as it is. The ${name} itself has energy ${targetEnergy.toFixed(2)}.`,
            x: { label: 'updates' },
            y: { label: 'energy' },
            series: [
              { label: `energy of the ${name}`, mark: 'dashed', points: [[0, targetEnergy], [updates, targetEnergy]] },
              { label: 'energy', mark: 'line', points: energies },
            ],
          }),
        ],
      };
    } finally {
      progress.finish();
      model.dispose();
    }
  },
});
