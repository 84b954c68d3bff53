/** Every architecture page offers the code that builds its network (src/components/UseThisNetwork.astro). */
import { expect } from 'vitest';
import { isArticle, pageCheck } from '../../support/page-checks';

pageCheck('offers "Use this network": the TensorFlow.js code that builds it, to copy or download', { paths: (path) => isArticle(path) && path.startsWith('/architectures/'), devices: ['desktop'], schemes: ['light'] }, async ({ page, path }) => {
  const id = path.split('/').filter(Boolean).at(-1)!;
  const box = page.locator(`[data-network-code="${id}"]`);
  expect(await box.count(), `one "Use this network" box for ${id}`).toBe(1);
  const code = (await box.locator('[data-code]').textContent()) ?? '';
  expect(code).toContain("import * as tf from '@tensorflow/tfjs';");
  expect(code).toContain('export const model = tf.model(');
  expect(await box.locator('[data-code-download]').getAttribute('download')).toBe(`${id}.mjs`);
});
