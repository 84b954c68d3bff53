import * as tf from '@tensorflow/tfjs';
import kohonen, { prototypesOf, quantisationError, randomColours, trainKohonen } from '../../zoo/kohonen-network';
import { colourGridSvg, type ColourMap } from '../colour-grid';
import { plotSvg } from '../plot';
import type { ParamValues } from '../params';
import { defineDemo } from '../types';
import params from './kohonen-network.params';

const COLOURS = 400;
/** How many maps the result shows: the start, then evenly spaced epochs up to the last. */
const SNAPSHOTS = 6;
/** Where the schedule ends: by the last epoch only the winner still moves, and only a little. */
const FINAL_RADIUS = 0.25;
const FINAL_LEARNING_RATE = 0.05;

/** The network at the reader's settings: a square lattice of `side` × `side` cells (the rest is how it trains). */
const networkAt = (values: ParamValues<typeof params>) => ({ ...kohonen.configs.demo!, rows: values.side, columns: values.side });

/**
 * The Kohonen definition at the reader's settings, on 400 random RGB colours: the lattice drawn in
 * the colours its prototypes stand for, every few epochs while it trains (as a preview) and as a
 * row of snapshots afterwards, with the quantisation error epoch by epoch.
 */
export default defineDemo({
  params,
  living: { architecture: kohonen, config: networkAt },
  stages: [{ key: 'train:epochs', label: 'Organising the map: each colour pulls its best-matching cell and the cell’s neighbours', unit: 'epochs', errorLabel: 'quantisation error', weight: 1 }],
  run(values, progress) {
    const { side, epochs, radius, learningRate } = values;
    const colours = randomColours(COLOURS, 3);
    const model = kohonen.build(networkAt(values));
    try {
      // The living diagram's cells at the first colour of the data: the cell whose prototype is nearest it wins.
      progress.watch(model, tf.tensor2d([colours[0]!]));
      const map = (label: string, prototypes: readonly (readonly number[])[]): ColourMap => ({ label, rows: side, columns: side, colours: prototypes.map((w) => [...w]) });
      const start = prototypesOf(model);
      const startError = quantisationError(start, colours);
      const every = Math.max(1, Math.ceil(epochs / (SNAPSHOTS - 1)));
      const snapshots: ColourMap[] = [map('start', start)];
      const show = (epoch: number, prototypes: readonly (readonly number[])[]) =>
        progress.show([
          colourGridSvg({
            title: `The map after epoch ${epoch} of ${epochs}`,
            description: `The ${side}×${side} lattice, each cell in the colour of its prototype, while training goes on.`,
            maps: [map(`epoch ${epoch} of ${epochs}`, prototypes)],
            size: 240,
          }),
        ]);
      show(0, start);
      const errors = trainKohonen(
        model,
        colours,
        { epochs, learningRate: [learningRate, FINAL_LEARNING_RATE], radius: [radius, FINAL_RADIUS], seed: 4 },
        {
          onProgress: progress.within('train'),
          onEpoch: (epoch, prototypes) => {
            if (epoch % every !== 0 && epoch !== epochs) return;
            snapshots.push(map(`epoch ${epoch}`, prototypes));
            show(epoch, prototypes);
          },
        },
      );
      const final = errors.at(-1)!;
      return {
        metrics: [{ name: 'quantisation-error', label: 'Quantisation error', value: final }],
        plots: [
          colourGridSvg({
            title: `A ${side}×${side} self-organising map of random colours, from its random start to epoch ${epochs}`,
            description: `Each square is one cell of the lattice, filled with the colour its prototype stands for. From a random start, neighbouring cells come to hold similar colours: the map orders itself.`,
            maps: snapshots.slice(-SNAPSHOTS),
          }),
          plotSvg({
            title: 'Quantisation error epoch by epoch: mean distance from each colour to its best-matching prototype',
            description: `It is ${startError.toFixed(3)} for the random prototypes, jumps as the wide neighbourhood first pulls the map together, and falls to ${final.toFixed(3)} as the neighbourhood shrinks.`,
            x: { label: 'epoch' },
            y: { label: 'quantisation error' },
            series: [
              { label: 'random start', mark: 'band', points: [[0, startError], [epochs, startError]] },
              { label: 'quantisation error', mark: 'line', points: [[0, startError], ...errors.map((e, i) => [i + 1, e] as const)] },
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
