/**
 * "Use this network" on the built site (src/components/UseThisNetwork.astro): every architecture page
 * offers the TensorFlow.js code that builds its network — the generator's output for the page's
 * default network, as a block and as `code/<id>.mjs` — and a demo run with other parameters replaces
 * it with the code of the network those parameters built, which runs as shown (imported by Node
 * beside a node_modules holding @tensorflow/tfjs) and builds the definition's network: same layers,
 * same parameter count, same predictions once given the same weights.
 */
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe } from 'vitest';
import { registry } from '../../src/architecture/registry.vite';
import { pageCode } from '../../src/export/page-code';
import { architectureCode } from '../../src/export/tfjs-code';
import { runDemo, setParams } from '../support/demo-driver';
import { useBuiltSite } from '../support/site-browser';

const { test: it, url } = useBuiltSite();

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rz-page-code-'));
  symlinkSync(realpathSync('node_modules'), join(dir, 'node_modules'), 'dir');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.concurrent('use this network', () => {
  for (const id of ['perceptron', 'gru', 'lenet-5'])
    it(`${id}: the page's code is the generator's for its default network, and its download is the same file`, async ({ visit, expect }) => {
      const { page } = await visit(`/architectures/${id}/`);
      const box = page.locator(`[data-network-code="${id}"]`);
      expect(await box.count()).toBe(1);
      const expected = (await pageCode(registry.get(id))).code;
      expect(await box.locator('[data-code]').textContent()).toBe(expected);
      const href = await box.locator('[data-code-download]').getAttribute('href');
      expect(await (await fetch(new URL(href!, url()))).text()).toBe(expected);
    });

  it('after a radial basis network runs with 7 centres, shows and offers the code of that network, which builds it', async ({ visit, expect }) => {
    const slug = 'radial-basis-network';
    const { page } = await visit(`/architectures/${slug}/`);
    await setParams(page, slug, { centres: '7' });
    expect(await runDemo(page, slug)).toBe('done');
    const box = page.locator(`[data-network-code="${slug}"]`);
    await expect.poll(() => box.getAttribute('data-code-parameters'), { timeout: 30_000 }).toContain('centres 7');
    const rbf = registry.get(slug);
    const config = { ...rbf.configs.demo!, centres: 7, width: 0.6 };
    const code = (await box.locator('[data-code]').textContent())!;
    expect(code).toBe(await architectureCode(rbf, config, 'your parameters'));
    const downloaded = await box.locator('[data-code-download]').evaluate(async (a) => (await fetch((a as HTMLAnchorElement).href)).text());
    expect(downloaded).toBe(code);

    const file = join(dir, 'rbf-7.mjs');
    writeFileSync(file, code);
    const generated = ((await import(/* @vite-ignore */ pathToFileURL(file).href)) as { model: tf.LayersModel }).model;
    const definition = rbf.build(config);
    try {
      expect(generated.layers.map((l) => `${l.name}:${l.getClassName()}`)).toEqual(definition.layers.map((l) => `${l.name}:${l.getClassName()}`));
      expect(generated.countParams()).toBe(definition.countParams());
      generated.setWeights(definition.getWeights());
      const x = tf.linspace(-4, 4, 9).reshape([9, 1]);
      const [a, b] = [generated.predict(x) as tf.Tensor, definition.predict(x) as tf.Tensor];
      expect(Math.max(...(a.sub(b).abs().dataSync() as Float32Array))).toBeLessThan(1e-5);
      tf.dispose([x, a, b]);
    } finally {
      definition.dispose();
      generated.dispose();
    }
  });
});
