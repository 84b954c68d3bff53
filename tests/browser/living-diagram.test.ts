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
import { describe, type ExpectStatic } from 'vitest';
import type { Page } from 'playwright-core';
import { registry } from '../../src/architecture/registry.vite';
import { traceNetwork } from '../../src/graph/trace';
import { drawLiving } from '../../src/live/draw';
import { livingSpecs } from '../../src/live/views';
import { architectureCode } from '../../src/export/tfjs-code';
import { demoRoot, runDemo, setParams } from '../support/demo-driver';
import { parseSvg } from '../support/svg-metadata';
import { contrastRatio, parseColour } from '../support/colour';
import { showScheme, useBuiltSite } from '../support/site-browser';

const { test: it } = useBuiltSite();

/** The page's table of the frame it shows, as numbers: cell values by node id, weights by `from|to|kind`. */
async function shownValues(page: Page, slug: string, expect: ExpectStatic) {
  const living = demoRoot(page, slug).locator('div[data-living]');
  // The frame the scrubber points at is painted (on the next animation frame after it arrives).
  await expect.poll(async () => (await demoRoot(page, slug).getAttribute('data-living-shown')) === (await living.locator('[data-living-scrubber]').inputValue()), { timeout: 30_000 }).toBe(true);
  await living.locator('details[data-living-details] summary').click();
  // The table is drawn when the details open (their toggle event comes a task later).
  await expect.poll(() => living.locator('[data-live-cell]').count()).toBeGreaterThan(0);
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
      const shown = await shownValues(page, slug, expect);
      expect(shown.cells.size).toBeGreaterThan(3);

      // Every weight line drawn is listed, bundles included.
      const drawnWeights = await living.locator('svg [data-from][data-trainable]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-from')}|${e.getAttribute('data-to')}|${e.getAttribute('data-kind')}`));
      expect(drawnWeights.length).toBeGreaterThan(0);
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
          // A line between two cells is their weight; a bundle between two layers (no cell index), the root mean square of the layer's kernel.
          const actual = to.includes('.') ? kernel[Number(from.split('.')[1])]![Number(to.split('.')[1])]! : Math.sqrt(kernel.flat().reduce((sum, w) => sum + w * w, 0) / kernel.flat().length);
          expect(close(value, actual), `${edge}: shown ${value}, model ${actual}`).toBe(true);
        }
      } finally {
        model.dispose();
      }

      // The first frame is the network before training: trained lines differ there, fixed ones do not.
      const scrubber = living.locator('[data-living-scrubber]');
      await scrubber.fill('0');
      await expect.poll(() => demoRoot(page, slug).getAttribute('data-living-shown')).toBe('0');
      const first = await shownValues(page, slug, expect);
      const lines = await living.locator('svg [data-from][data-trainable]').evaluateAll((els) => els.map((e) => [`${e.getAttribute('data-from')}|${e.getAttribute('data-to')}|${e.getAttribute('data-kind')}`, e.getAttribute('data-trainable')] as const));
      for (const [edge, trainable] of lines.filter(([edge]) => shown.weights.has(edge)))
        if (trainable === 'false') expect(first.weights.get(edge), edge).toBe(shown.weights.get(edge));
      const moved = lines.filter(([edge, trainable]) => trainable === 'true' && first.weights.get(edge) !== shown.weights.get(edge));
      if (lines.some(([edge, trainable]) => trainable === 'true' && shown.weights.has(edge))) expect(moved.length).toBeGreaterThan(0);
    });
});

/** What a diagram draws, as sets of ids: cells, and lines by ends and kind. */
const drawnIds = (svg: string) => {
  const parsed = parseSvg(svg);
  const a = (e: { attributes: Readonly<Record<string, string>> }, name: string) => e.attributes[name];
  return {
    nodes: new Set(parsed.nodes.map((n) => a(n, 'data-node'))),
    edges: new Set(parsed.edges.map((e) => `${a(e, 'data-from')}|${a(e, 'data-to')}|${a(e, 'data-kind')}`)),
  };
};

describe.concurrent('the living diagram redraws the reader’s network', () => {
  it('lays out a radial basis network of 7 centres in the browser as the build’s pipeline draws it, and saves it as SVG and PNG', async ({ visit, expect }) => {
    const slug = 'radial-basis-network';
    const { page } = await visit(`/architectures/${slug}/`);
    await setParams(page, slug, { centres: '7' });
    expect(await runDemo(page, slug)).toBe('done');
    const living = demoRoot(page, slug).locator('div[data-living]');
    // Laid out in the diagram worker, which loads ELK first: allow it time on a loaded machine.
    await expect.poll(() => living.locator('svg [data-node="rbf.6"]').count(), { timeout: 60_000 }).toBe(1);
    const drawn = await living.locator('svg[data-living="cells"]').evaluate((svg) => svg.outerHTML);
    // The page already holds the diagram style (its article's diagrams): the drawing does not add it twice.
    expect(await living.locator('svg[data-living] style').count()).toBe(0);

    // The same network drawn in Node by the build's pipeline (the demo's config at 7 centres).
    const rbf = registry.get(slug);
    const model = rbf.build({ ...rbf.configs.demo!, centres: 7 } as never);
    try {
      const cells = livingSpecs(rbf, traceNetwork(model, slug), model).find((v) => v.view === 'cells')!;
      const expected = drawnIds(drawLiving(cells));
      expect(expected.nodes.has('rbf.6') && !expected.nodes.has('rbf.7')).toBe(true);
      expect(drawnIds(drawn)).toEqual(expected);
    } finally {
      model.dispose();
    }

    for (const format of ['svg', 'png'] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), living.locator(`[data-living-save="${format}"]`).click()]);
      expect(download.suggestedFilename()).toBe(`${slug}.live.cells.${format}`);
      const bytes = await (await download.createReadStream()).toArray();
      const file = Buffer.concat(bytes);
      if (format === 'png') expect([...file.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
      else {
        // A file on its own: the diagram's style (which the page left out of its copy, having it already) and the live marks'.
        expect(file.toString('utf8')).toContain('data-node="rbf.6"');
        expect(file.toString('utf8')).toMatch(/<style[^>]*>[^<]*\.rz-diagram\{[^<]*\.rz-live-ring\{/);
      }
    }
  });
});

describe.concurrent('between runs, a slider redraws the network it makes', () => {
  it('after a run, moving a structural slider draws the new network unrun (with its code); moving a training slider keeps the run’s frames', async ({ visit, expect }) => {
    const slug = 'radial-basis-network';
    const { page } = await visit(`/architectures/${slug}/`);
    expect(await runDemo(page, slug)).toBe('done');
    const root = demoRoot(page, slug);
    const living = root.locator('div[data-living]');
    const box = page.locator(`[data-network-code="${slug}"]`);
    await expect.poll(() => living.getAttribute('data-living-network'), { timeout: 30_000 }).toBe('run');

    // The width shapes the fit, not the network: the worker answers (its code names the new width), and the run's frames stay.
    await setParams(page, slug, { width: '0.8' });
    await expect.poll(() => box.getAttribute('data-code-parameters'), { timeout: 30_000 }).toContain('width 0.8');
    expect(await living.getAttribute('data-living-network')).toBe('run');
    expect(await living.locator('[data-living-scrubber]').isDisabled()).toBe(false);
    const painted = 'svg .rz-live-ring[d]:not([d=""])';
    expect(await living.locator(painted).count()).toBeGreaterThan(0);

    // Four centres make another network: drawn at once, with no values, and not run.
    await setParams(page, slug, { centres: '4' });
    await expect.poll(() => living.getAttribute('data-living-network'), { timeout: 60_000 }).toBe('drawn');
    await expect.poll(() => living.locator('svg [data-node="rbf.3"]').count(), { timeout: 60_000 }).toBe(1);
    expect(await root.getAttribute('data-demo-status')).toBe('done');
    expect(await living.locator('[data-living-scrubber]').isDisabled()).toBe(true);
    expect(await living.locator(painted).count(), 'no values drawn on a network not run').toBe(0);
    const rbf = registry.get(slug);
    const config = { ...rbf.configs.demo!, centres: 4, width: 0.8 };
    const model = rbf.build(config as never);
    try {
      const cells = livingSpecs(rbf, traceNetwork(model, slug), model).find((v) => v.view === 'cells')!;
      expect(drawnIds(await living.locator('svg[data-living="cells"]').evaluate((svg) => svg.outerHTML))).toEqual(drawnIds(drawLiving(cells)));
    } finally {
      model.dispose();
    }
    await expect.poll(() => box.getAttribute('data-code-parameters')).toContain('centres 4');
    expect(await box.locator('[data-code]').textContent()).toBe(await architectureCode(rbf, config, 'your parameters'));

    // Run it: the drawing is the run's again, with its values.
    expect(await runDemo(page, slug)).toBe('done');
    await expect.poll(() => living.getAttribute('data-living-network')).toBe('run');
    await expect.poll(() => living.locator(painted).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await living.locator('svg [data-node="rbf.3"]').count()).toBe(1);
    expect(await living.locator('svg [data-node="rbf.4"]').count()).toBe(0);
  });
});

describe.concurrent('the living diagram reads in both themes and respects reduced motion', () => {
  it('draws rings and negative weights at 3:1 or more against the diagram’s paper, light and dark', async ({ visit, expect }) => {
    const slug = 'radial-basis-network';
    const { page } = await visit(`/architectures/${slug}/`);
    expect(await runDemo(page, slug)).toBe('done');
    const living = demoRoot(page, slug).locator('div[data-living]');
    await expect.poll(() => living.locator('svg .rz-edge.rz-live-negative').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    for (const scheme of ['light', 'dark'] as const) {
      await showScheme(page, scheme);
      const colours = await living.locator('svg[data-living]').evaluate((svg) => ({
        paper: getComputedStyle(svg).backgroundColor,
        ring: getComputedStyle(svg.querySelector('.rz-live-ring')!).stroke,
        negative: getComputedStyle(svg.querySelector('.rz-edge.rz-live-negative')!).stroke,
        positive: getComputedStyle(svg.querySelector('.rz-edge[data-trainable]:not(.rz-live-negative)')!).stroke,
      }));
      for (const mark of ['ring', 'negative', 'positive'] as const)
        expect(contrastRatio(parseColour(colours[mark]), parseColour(colours.paper)), `${scheme}: ${mark} ${colours[mark]} on ${colours.paper}`).toBeGreaterThanOrEqual(3);
      // Sign apart from colour too: negative and positive lines are not drawn alike.
      expect(colours.negative).not.toBe(colours.positive);
    }
    await showScheme(page, 'light');
  });

  it('keeps its drawing at 0.8 of its size or more on a phone, scrolling sideways inside its box rather than the page', async ({ visit, expect }) => {
    const slug = 'gru';
    const { page } = await visit(`/architectures/${slug}/`, { viewport: { width: 390, height: 844 } });
    expect(await runDemo(page, slug)).toBe('done');
    const svg = demoRoot(page, slug).locator('div[data-living] svg[data-living]');
    await expect.poll(() => svg.count(), { timeout: 30_000 }).toBe(1);
    const [shown, natural] = await svg.evaluate((el) => [el.getBoundingClientRect().width, Number(el.getAttribute('width'))]);
    expect(natural).toBeGreaterThan(390);
    expect(shown).toBeGreaterThanOrEqual(0.8 * natural - 1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'the page itself does not scroll sideways').toBe(true);
  });

  it('does not move while a run goes on for a reader who prefers reduced motion, and shows the last frame at the end', async ({ visit, expect }) => {
    const slug = 'radial-basis-network';
    const { page } = await visit(`/architectures/${slug}/`, { reducedMotion: 'reduce' });
    const root = demoRoot(page, slug);
    // Count frames painted while the run is still running.
    await root.evaluate((el) => {
      const seen: string[] = [];
      (window as unknown as { __paintedWhileRunning: string[] }).__paintedWhileRunning = seen;
      new MutationObserver(() => {
        if (el.getAttribute('data-demo-status') === 'running' && el.hasAttribute('data-demo-frame')) seen.push(el.getAttribute('data-demo-frame')!);
      }).observe(el, { attributes: true, attributeFilter: ['data-demo-frame'] });
    });
    expect(await runDemo(page, slug)).toBe('done');
    // The last frame (how many there are depends on how long the run took: one per 200 ms of it, and the last).
    const scrubber = root.locator('[data-living-scrubber]');
    await expect.poll(async () => (await root.getAttribute('data-living-shown')) !== null && (await root.getAttribute('data-living-shown')) === (await scrubber.getAttribute('max')), { timeout: 30_000 }).toBe(true);
    expect(Number(await scrubber.getAttribute('max'))).toBeGreaterThanOrEqual(1);
    expect(await page.evaluate(() => (window as unknown as { __paintedWhileRunning: string[] }).__paintedWhileRunning)).toEqual([]);
  });
});

describe.concurrent('the living diagram from the keyboard', () => {
  it('is one tab stop whose arrow keys move between cells, each printing the value the table lists', async ({ visit, expect }) => {
    const slug = 'radial-basis-network';
    const { page } = await visit(`/architectures/${slug}/`);
    expect(await runDemo(page, slug)).toBe('done');
    const living = demoRoot(page, slug).locator('div[data-living]');
    await expect.poll(() => living.locator('[data-living-download]').count(), { timeout: 30_000 }).toBe(2);
    const stops = living.locator('svg [data-node][tabindex="0"]');
    expect(await stops.count(), 'one cell in the tab order').toBe(1);
    const shown = await shownValues(page, slug, expect);
    await stops.focus();
    for (let move = 0; move < 3; move++) {
      const node = (await page.evaluate(() => (document.activeElement as SVGElement).dataset.node))!;
      const line = await living.locator('[data-living-value]').innerText();
      expect(line.startsWith(`${node} (`), line).toBe(true);
      const printed = Number(/: (\S+) at frame/.exec(line)![1]!.replace('−', '-'));
      expect(printed, `${node} in ${[...shown.cells.keys()].join(",")}`).toBe(shown.cells.get(node));
      await page.keyboard.press('ArrowDown');
      expect(await page.evaluate(() => (document.activeElement as SVGElement).dataset.node)).not.toBe(node);
    }
  });
});
