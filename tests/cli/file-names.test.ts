import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGRAM_FILE } from '../../src/cli/file-names';
import { readManifest } from '../../src/cli/manifest';

describe('diagram file names', () => {
  it('read id and view from a name, hyphens and digits included', () => {
    expect(DIAGRAM_FILE.exec('vgg-16.layers-expanded.svg')?.slice(1)).toEqual(['vgg-16', 'layers-expanded']);
    expect(DIAGRAM_FILE.exec('perceptron.cells.svg')?.slice(1)).toEqual(['perceptron', 'cells']);
    for (const name of ['vgg-16.layers-.svg', 'vgg-16..svg', 'Vgg.layers.svg', 'vgg.layers.svg.tmp', '../x.cells.svg']) expect(DIAGRAM_FILE.test(name), name).toBe(false);
  });

  it('let the manifest record a layers-expanded diagram without calling itself damaged', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'file-names-'));
    try {
      const path = join(dir, 'manifest.json');
      await writeFile(path, JSON.stringify({ 'resnet-50.layers-expanded.svg': { inputs: '0123456789abcdef', svg: '0123456789abcdef' } }));
      expect(await readManifest(path)).toEqual({ entries: { 'resnet-50.layers-expanded.svg': { inputs: '0123456789abcdef', svg: '0123456789abcdef' } } });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
