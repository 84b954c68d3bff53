import * as tf from '@tensorflow/tfjs';
import { loadDigits } from '../../network/datasets/digits';
import vit, { classify, classTokenAttention, cutPatches, patchOrders, patchesOf, shufflePatches, trainVit } from '../../zoo/vision-transformer';
import { heatMapSvg } from '../heat-map';
import { imageGridSvg } from '../image-grid';
import { plotSvg } from '../plot';
import type { ParamValues } from '../params';
import { defineDemo } from '../types';
import params from './vision-transformer.params';

const TRAINING = 1000;
const BATCH = 100;
/** Seed of the patch orders the held-out digits are shuffled with. */
const SHUFFLE_SEED = 7;

const share = (hits: readonly boolean[]) => hits.filter(Boolean).length / hits.length;
const percent = (x: number) => `${(100 * x).toFixed(1)} %`;

/** The network at the reader's settings. */
const networkAt = (values: ParamValues<typeof params>) => ({ ...vit.configs.demo!, hidden: values.hidden, mlp: 2 * values.hidden, positions: values.positions === 1 });

/**
 * Trains a one-block vision transformer on 8×8 handwritten digits cut into four 4×4 patches,
 * then scores it on the 797 held-out digits twice: as they are, and with each digit's patches put
 * in a random order. With position embeddings the network knows where each patch came from, and
 * shuffling hurts; without them it sees the patches as an unordered set, and its answers do not
 * change at all. Shows where the class token looks, and the loss.
 */
export default defineDemo({
  params,
  living: { architecture: vit, config: networkAt },
  // WebAssembly: 0.9 s against 4.0 s on the CPU backend (median of 3 runs each, Chromium, 2-core
  // machine, bench/demo-backends.ts), the same metrics to 3 decimals (0.859, 0.617, 0.664, loss 0.504).
  backend: 'wasm',
  stages: [{ key: 'vit:train', label: 'Training the patch projection, attention and MLP together', unit: 'minibatches', errorLabel: 'minibatch loss', weight: 1 }],
  async run(values, progress) {
    const digits = loadDigits();
    const config = networkAt(values);
    const side = config.image[0]! / config.patch;
    const train = digits.images.slice(0, TRAINING);
    const test = digits.images.slice(TRAINING);
    const truth = digits.labels.slice(TRAINING);
    const orders = patchOrders(test.length, patchesOf(config), SHUFFLE_SEED);
    const shuffled = test.map((image, n) => shufflePatches(image, config, orders[n]!));
    const model = vit.build(config);
    const attentionMap = (image: Float32Array, title: string) => {
      const [weights] = classTokenAttention(model, config, [image]);
      const rows = Array.from({ length: side }, (_, r) => weights!.slice(r * side, (r + 1) * side));
      const top = weights!.indexOf(Math.max(...weights!));
      return heatMapSvg({
        title,
        description: `The class token's attention over the ${weights!.length} patches, mean over the heads; it reads the patch in row ${Math.floor(top / side) + 1}, column ${(top % side) + 1} most (${weights![top]!.toFixed(2)}). The weights on the patches and on the class token itself add up to 1.`,
        columnsLabel: 'patch column',
        rowsLabel: 'patch row',
        columnLabels: rows[0]!.map((_, c) => `${c + 1}`),
        rowLabels: rows.map((_, r) => `${r + 1}`),
        values: rows,
        rowNotes: rows.map((row) => `row total ${row.reduce((a, b) => a + b, 0).toFixed(2)}`),
        key: { label: 'attention weight of the class token' },
      });
    };
    const lossPlot = (losses: readonly number[], description: string) =>
      plotSvg({
        title: `Training loss of the vision transformer ${config.positions ? 'with' : 'without'} position embeddings`,
        description,
        x: { label: 'epoch' },
        y: { label: 'training loss (cross-entropy)' },
        series: [{ label: 'vision transformer', mark: 'line', points: losses.map((l, e) => [e + 1, l] as const) }],
      });
    const sofar: number[] = [];
    const batchLosses: (readonly [number, number])[] = [];
    const batchLossPlot = (title: string, points: readonly (readonly [number, number])[]) =>
      plotSvg({
        title,
        description: `The loss of the last minibatch is ${points.at(-1)![1].toFixed(3)}, at epoch ${points.at(-1)![0].toFixed(1)}; it was ${points[0]![1].toFixed(3)} on the first.`,
        x: { label: 'epoch' },
        y: { label: 'minibatch loss (cross-entropy)', floor: 0 },
        series: [{ label: 'training minibatch', mark: 'line', points }],
      });
    try {
      // The living diagram follows the first held-out digit, cut into its patches: the digit whose attention is drawn while it learns.
      progress.watch(model, tf.tensor(cutPatches(test[0]!, config), [1, ...vit.shapes(config).input]));
      const report = progress.within('vit');
      const losses = await trainVit(model, config, train, digits.labels.slice(0, TRAINING), {
        epochs: values.epochs,
        batchSize: BATCH,
        learningRate: values.learningRate,
        onProgress: (p) => void sofar.push(p.error!),
        onBatch: (epoch, batch, batches, loss) => {
          batchLosses.push([epoch - 1 + batch / batches, loss]);
          report({ phase: 'train', done: (epoch - 1) * batches + batch, total: values.epochs * batches, error: loss });
          progress.show(() => [attentionMap(test[0]!, `Where the class token looks during epoch ${epoch}, for the first held-out digit`), batchLossPlot(`Loss of each minibatch of ${BATCH} digits so far, epoch ${epoch} of ${values.epochs}`, batchLosses)]);
        },
      });
      const intact = classify(model, config, test);
      const moved = classify(model, config, shuffled);
      const accuracy = share(intact.map((p, n) => p === truth[n]));
      const shuffledAccuracy = share(moved.map((p, n) => p === truth[n]));
      const unchanged = share(moved.map((p, n) => p === intact[n]));
      // A digit the shuffle turns from right to wrong, where there is one: what the position embeddings were for.
      const turned = test.findIndex((_, n) => intact[n] === truth[n] && moved[n] !== truth[n]);
      const e = Math.max(0, turned);
      return {
        metrics: [
          { name: 'accuracy', label: `Held-out digits right (${test.length})`, value: accuracy, kind: 'fraction' },
          { name: 'shuffled-accuracy', label: 'Right with their patches shuffled', value: shuffledAccuracy, kind: 'fraction' },
          { name: 'unchanged', label: 'Answers unchanged by shuffling', value: unchanged, kind: 'fraction' },
          { name: 'loss', label: 'Final training loss', value: losses.at(-1)! },
        ],
        plots: [
          imageGridSvg({
            title: `A held-out digit as it is and with its four 4×4 patches shuffled${turned >= 0 ? ': the shuffle changes the answer' : ''}`,
            description: `A ${truth[e]}, classified as ${intact[e]} as it is and as ${moved[e]} shuffled. Shuffling keeps every patch and only moves it.`,
            width: config.image[1]!,
            pixel: 8,
            rows: [
              {
                images: [
                  { pixels: test[e]!, caption: `as it is → ${intact[e]}` },
                  { pixels: shuffled[e]!, caption: `shuffled → ${moved[e]}` },
                ],
              },
            ],
          }),
          attentionMap(test[e]!, `Where the class token looks in the trained network, for that digit as it is (a ${truth[e]})`),
          lossPlot(
            losses,
            `After ${values.epochs} epochs the loss is ${losses.at(-1)!.toFixed(3)}; ${percent(accuracy)} of held-out digits are right as they are and ${percent(shuffledAccuracy)} with their patches shuffled, ` +
              `and ${percent(unchanged)} of the answers stay the same. Guessing gets 10 %.`,
          ),
        ],
      };
    } finally {
      progress.finish();
      model.dispose();
    }
  },
});
