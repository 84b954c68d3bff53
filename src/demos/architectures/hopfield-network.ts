import { energy, unitSign, type Sweep } from '../../network/layers/hopfield';
import hopfieldNetwork, { corrupt, hopfieldLayer, overlap } from '../../zoo/hopfield-network';
import { imageGridSvg, type GridImage } from '../image-grid';
import { plotSvg } from '../plot';
import { defineDemo } from '../types';
import params from './hopfield-network.params';

const SIDE = 10;

/** Eight 10 × 10 pictures, `#` ink (+1) and `.` paper (−1): the data the demo stores, written here, nothing downloaded. */
const PICTURES: readonly { readonly name: string; readonly rows: readonly string[] }[] = [
  { name: 'ring', rows: ['..######..', '.########.', '###....###', '##......##', '##......##', '##......##', '##......##', '###....###', '.########.', '..######..'] },
  { name: 'cross', rows: ['##......##', '###....###', '.###..###.', '..######..', '...####...', '...####...', '..######..', '.###..###.', '###....###', '##......##'] },
  { name: 'plus', rows: ['....##....', '....##....', '....##....', '....##....', '##########', '##########', '....##....', '....##....', '....##....', '....##....'] },
  { name: 'checks', rows: ['##..##..##', '##..##..##', '..##..##..', '..##..##..', '##..##..##', '##..##..##', '..##..##..', '..##..##..', '##..##..##', '##..##..##'] },
  { name: 'stripes', rows: ['##########', '##########', '..........', '..........', '##########', '##########', '..........', '..........', '##########', '##########'] },
  { name: 'triangle', rows: ['#.........', '##........', '###.......', '####......', '#####.....', '######....', '#######...', '########..', '#########.', '##########'] },
  { name: 'frame', rows: ['##########', '#........#', '#.######.#', '#.#....#.#', '#.#.##.#.#', '#.#.##.#.#', '#.#....#.#', '#.######.#', '#........#', '##########'] },
  { name: 'bars', rows: ['#..#..#..#', '#..#..#..#', '#..#..#..#', '#..#..#..#', '#..#..#..#', '#..#..#..#', '#..#..#..#', '#..#..#..#', '#..#..#..#', '#..#..#..#'] },
];

/** The pictures as ±1 patterns of 100 values, row by row. */
export const pictures = (): number[][] => PICTURES.map((p) => [...p.rows.join('')].map((c) => (c === '#' ? 1 : -1)));

/** ±1 → grey level: +1 full ink, −1 paper. */
const ink = (state: readonly number[]): number[] => state.map((v) => (v > 0 ? 1 : 0));

/**
 * The Hopfield definition at its demo size (100 units, a 10 × 10 picture), storing the first
 * `patterns` pictures by Hebb's rule, then recalling one of them from a corrupted copy: the state
 * after every sweep is shown as it comes, with the energy after every single update.
 */
export default defineDemo({
  params,
  stages: [{ key: 'recall:sweeps', label: 'Recalling: every unit updates once per sweep, in a fresh random order', unit: 'sweeps', errorLabel: 'energy', weight: 1 }],
  run(values, progress) {
    const stored = pictures().slice(0, values.patterns);
    const cue = Math.min(values.cue, values.patterns) - 1;
    const target = stored[cue]!;
    const name = PICTURES[cue]!.name;
    const model = hopfieldNetwork.build({ ...hopfieldNetwork.configs.demo!, units: SIDE * SIDE });
    try {
      const layer = hopfieldLayer(model);
      layer.store(stored);
      const w = layer.weightValues();
      const start = corrupt(target, values.noise, values.seed);
      const report = progress.within('recall');
      const energies: [number, number][] = [];
      const frames: GridImage[] = [{ pixels: ink(start), caption: 'start' }];
      let updates = 0;
      const show = () =>
        progress.show([
          imageGridSvg({
            title: `Recalling the ${name} from a copy with ${Math.round(values.noise * 100)} % of its pixels flipped, sweep by sweep`,
            description: `The 100 units as a 10 × 10 picture, after each sweep so far.`,
            width: SIDE,
            rows: [{ images: frames.slice(-6) }],
          }),
        ]);
      const sweeps: Sweep[] = [];
      const final = layer.recall(start, {
        onUpdate: (_, s) => {
          updates++;
          energies.push([updates, energy(w, s)]);
        },
        onSweep: (sweep) => {
          sweeps.push(sweep);
          frames.push({ pixels: ink(sweep.state), caption: `sweep ${sweep.sweep}` });
          report({ phase: 'sweeps', done: sweep.sweep, total: layer.maxSweeps, error: sweep.energy });
          show();
        },
      });
      report({ phase: 'sweeps', done: layer.maxSweeps, total: layer.maxSweeps });
      const m = overlap(final, target);
      const wrong = final.filter((v, i) => v !== target[i]).length;
      const startEnergy = energy(w, start.map(unitSign));
      const finalEnergy = sweeps.at(-1)?.energy ?? startEnergy;
      const targetEnergy = energy(w, target);
      // The stored picture the final state is nearest, as itself or as its negative (E(s) = E(−s): both are minima).
      const nearness = stored.map((p) => Math.abs(overlap(final, p)));
      const nearest = nearness.indexOf(Math.max(...nearness));
      const outcome =
        wrong === 0
          ? `It settled on the ${name} exactly`
          : overlap(final, stored[nearest]!) === -1
            ? `It settled on the negative of the ${PICTURES[nearest]!.name}, which is a stored state too (E(s) = E(−s))`
            : overlap(final, stored[nearest]!) < 0
              ? `It settled with ${wrong} pixels unlike the ${name}, nearest the negative of the ${PICTURES[nearest]!.name}`
              : `It settled with ${wrong} pixels unlike the ${name}${nearest !== cue ? `, nearest the ${PICTURES[nearest]!.name}` : ''}`;
      return {
        metrics: [
          { name: 'overlap', label: `Overlap with the ${name} after recall`, value: m, kind: 'fraction' },
          { name: 'wrong-pixels', label: 'Pixels still wrong', value: wrong, kind: 'count' },
          { name: 'sweeps', label: 'Sweeps until nothing changed', value: sweeps.length, kind: 'count' },
        ],
        plots: [
          imageGridSvg({
            title: `The ${values.patterns} stored picture${values.patterns === 1 ? '' : 's'}, then the recall of the ${name}: start, each sweep, and the picture it should reach`,
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
              { label: 'energy', mark: 'line', points: [[0, startEnergy], ...energies] },
            ],
          }),
        ],
      };
    } finally {
      model.dispose();
    }
  },
});
