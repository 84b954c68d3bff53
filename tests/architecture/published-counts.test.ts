import { describe, expect, it } from 'vitest';
import { registry } from '../../src/architecture/registry.vite';
import { factsRows } from '../../src/components/facts';
import { groupDigits } from '../../src/views/numbers';

const published = registry.architectures.filter((a) => a.published !== undefined);

describe.each(published.map((a) => [a.id, a] as const))('%s canonical configuration', (id, architecture) => {
  const count = architecture.published!;

  it(`reproduces the published parameter count (${count.source})`, () => {
    // Built for its structure (zero weights); counted as tfjs counts, then disposed.
    const model = architecture.build(architecture.configs.canonical);
    const trainable = model.trainableWeights.reduce((n, w) => n + w.shape.reduce<number>((a, b) => a * (b ?? 0), 1), 0);
    const built = count.trainableOnly ? trainable : model.countParams();
    model.dispose();
    if (count.tolerance) expect(Math.abs(built - count.params), `${id}: built ${built}, published about ${count.params}`).toBeLessThanOrEqual(count.tolerance);
    else expect(built).toBe(count.params);
  });

  it('states the count and its source in its Facts box, and in its article', async () => {
    const row = factsRows(architecture).find((r) => r.term === 'Parameters');
    expect(row?.details[0]).toContain(groupDigits(count.params));
    expect(row?.details[0]).toContain(count.source);
    const { readFile } = await import('node:fs/promises');
    const article = await readFile(new URL(`../../content/architectures/${id}.mdx`, import.meta.url), 'utf8');
    expect(article).toContain(groupDigits(count.params));
  });
});

describe('published counts', () => {
  it('come with every canonical configuration of the convolutional classics', () => {
    for (const id of ['lenet-5', 'alexnet', 'zfnet', 'vgg-16', 'googlenet', 'resnet-50']) expect(registry.get(id).published, id).toBeDefined();
  });
});
