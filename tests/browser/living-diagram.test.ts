/**
 * The living diagram (src/live/) on the built site: after a demo runs, what the page shows is the
 * trained network's own values. The test downloads the trained model the page offers (model.json and
 * weights, as tf.loadLayersModel reads them), loads it in Node, computes every layer's output on the
 * example the page names by applying the layers one after another, and compares them with the values
 * the page lists for the frame it shows — and each drawn weight with the model's. The scrubber's first
 * frame must show the untrained weights: different values on the lines training moved, equal ones on
 * the lines it does not train.
 */
import * as tf from '@tensorflow/tfjs';
import { describe } from 'vitest';
import type { Page } from 'playwright-core';
// Every definition, so every custom layer class is registered for tf.loadLayersModel.
import '../../src/architecture/registry.vite';
import { demoRoot, runDemo } from '../support/demo-driver';
import { useBuiltSite } from '../support/site-browser';

const { test: it } = useBuiltSite();

/** The page's table of the frame it shows, as numbers: cell values by node id, weights by `from|to|kind`. */
async function shownValues(page: Page, slug: string) {
  const living = demoRoot(page, slug).locator('div[data-living]');
  await living.locator('details[data-living-details] summary').click();
  const read = (attribute: string) =>
    living.locator(`[${attribute}]`).evaluateAll((cells, name) => cells.map((c) => [c.getAttribute(name)!, Number(c.textContent!.replace('−', '-'))] as const), attribute);
  const values = { cells: new Map(await read('data-live-cell')), weights: new Map(await read('data-live-weight')) };
  await living.locator('details[data-living-details] summary').click();
  return values;
}

/** The trained model's two files, fetched from the page's download links, loaded as tf.loadLayersModel does. */
async function downloadedModel(page: Page, slug: string): Promise<tf.LayersModel> {
  const links = demoRoot(page, slug).locator('[data-living-download]');
  const [json, weights] = await links.evaluateAll(async (anchors) =>
    Promise.all(anchors.map(async (a) => Array.from(new Uint8Array(await (await fetch((a as HTMLAnchorElement).href)).arrayBuffer())))),
  );
  const modelJson = JSON.parse(Buffer.from(json!).toString('utf8')) as tf.io.ModelJSON;
  const weightData = new Uint8Array(weights!).buffer;
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: modelJson.weightsManifest[0]!.weights, weightData }));
}

/** Every layer's output on `x` for batch entry 0, by layer name, computed by applying the layers in order (a chain). */
function chainOutputs(model: tf.LayersModel, x: tf.Tensor): Map<string, Float32Array> {
  const outputs = new Map<string, Float32Array>();
  let value = x;
  for (const layer of model.layers) {
    if (layer.getClassName() !== 'InputLayer') value = layer.apply(value) as tf.Tensor;
    outputs.set(layer.name, value.dataSync() as Float32Array);
  }
  return outputs;
}

const close = (shown: number, actual: number) => Math.abs(shown - actual) <= 1e-3 * Math.max(1, Math.abs(actual));

describe.concurrent('the living diagram shows the running model’s values', () => {
  for (const slug of ['extreme-learning-machine', 'radial-basis-network'])
    it(`${slug}: its cells and lines are the trained model's activations and weights`, async ({ visit, expect }) => {
      const { page } = await visit(`/architectures/${slug}/`);
      expect(await runDemo(page, slug)).toBe('done');
      const living = demoRoot(page, slug).locator('div[data-living]');
      await expect.poll(() => living.locator('[data-living-download]').count()).toBe(2);
      const example = JSON.parse((await living.getAttribute('data-living-example'))!) as number[];
      const shown = await shownValues(page, slug);
      expect(shown.cells.size).toBeGreaterThan(3);

      // Every weight drawn as a line of its own (not a bundle, not a count onto an ellipsis) is listed.
      const drawnWeights = await living.locator('svg [data-from][data-trainable]:not([data-bundle]):not([data-count])').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-from')}|${e.getAttribute('data-to')}|${e.getAttribute('data-kind')}`));
      expect(new Set(shown.weights.keys())).toEqual(new Set(drawnWeights));

      const model = await downloadedModel(page, slug);
      try {
        const outputs = chainOutputs(model, tf.tensor2d(example, [1, example.length]));
        for (const [node, value] of shown.cells) {
          const [layer, index] = node.split('.') as [string, string];
          expect(close(value, outputs.get(layer)![Number(index)]!), `${node}: shown ${value}, model ${outputs.get(layer)![Number(index)]}`).toBe(true);
        }
        for (const [edge, value] of shown.weights) {
          const [from, to] = edge.split('|') as [string, string];
          const kernel = model.getLayer(to.split('.')[0]!).getWeights()[0]!.arraySync() as number[][];
          const actual = kernel[Number(from.split('.')[1])]![Number(to.split('.')[1])]!;
          expect(close(value, actual), `${edge}: shown ${value}, model ${actual}`).toBe(true);
        }
      } finally {
        model.dispose();
      }

      // The first frame is the network before training: trained lines differ there, fixed ones do not.
      const scrubber = living.locator('[data-living-scrubber]');
      await scrubber.fill('0');
      await expect.poll(() => demoRoot(page, slug).getAttribute('data-living-shown')).toBe('0');
      const first = await shownValues(page, slug);
      const lines = await living.locator('svg [data-from][data-trainable]').evaluateAll((els) => els.map((e) => [`${e.getAttribute('data-from')}|${e.getAttribute('data-to')}|${e.getAttribute('data-kind')}`, e.getAttribute('data-trainable')] as const));
      for (const [edge, trainable] of lines.filter(([edge]) => shown.weights.has(edge)))
        if (trainable === 'false') expect(first.weights.get(edge), edge).toBe(shown.weights.get(edge));
      const moved = lines.filter(([edge, trainable]) => trainable === 'true' && first.weights.get(edge) !== shown.weights.get(edge));
      if (lines.some(([edge, trainable]) => trainable === 'true' && shown.weights.has(edge))) expect(moved.length).toBeGreaterThan(0);
    });
});
