import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDiagrams } from '../../src/cli/diagrams';
import { definitionIds, quickFreshness } from '../../src/cli/freshness';
import { readManifest } from '../../src/cli/manifest';
import { project } from './project';

async function quick(root: string, ids?: readonly string[]) {
  const known = await definitionIds(root);
  const { entries } = await readManifest(join(root, 'diagrams', 'manifest.json'));
  return quickFreshness(root, ids ?? known, known, entries);
}

const neverLoad = async (): Promise<never> => {
  throw new Error('loaded the full run');
};

describe('the quick freshness check', () => {
  it('proves the committed diagrams fresh from the manifest alone', async () => {
    const { root } = await project();
    expect(await quick(root)).toEqual({ fresh: true, files: expect.arrayContaining(['perceptron.cells.svg', 'echo-state-network.unrolled.svg']) });
    // Without loading the definitions or the pipeline, in the command as well.
    const lines: string[] = [];
    expect(await runDiagrams([], root, { log: (l) => lines.push(l) }, neverLoad)).toBe(0);
    expect(await runDiagrams(['--check'], root, { log: (l) => lines.push(l) }, neverLoad)).toBe(0);
  });

  it('hands a changed definition to the full check', async () => {
    const { root } = await project();
    const path = join(root, 'src', 'zoo', 'perceptron.ts');
    await writeFile(path, `${await readFile(path, 'utf8')}\n// a comment\n`);
    expect(await quick(root)).toEqual({ fresh: false, why: 'perceptron.cells.svg: inputs changed' });
    expect(await quick(root, ['feed-forward'])).toMatchObject({ fresh: true });
  });

  it('hands a changed pipeline source to the full check', async () => {
    const { root } = await project();
    const path = join(root, 'src', 'render', 'style.ts');
    await writeFile(path, `${await readFile(path, 'utf8')}\n// a comment\n`);
    expect(await quick(root)).toMatchObject({ fresh: false, why: expect.stringMatching(/inputs changed$/) });
  });

  it('hands an edited diagram, a new definition and a manifest entry without a definition to the full check', async () => {
    const { root, diagrams } = await project();
    await writeFile(join(diagrams, 'feed-forward.cells.svg'), 'edited');
    expect(await quick(root)).toEqual({ fresh: false, why: 'feed-forward.cells.svg: bytes differ' });

    const fresh = await project();
    await writeFile(join(fresh.root, 'src', 'zoo', 'unwritten-network.ts'), 'export default {};\n');
    expect(await quick(fresh.root)).toEqual({ fresh: false, why: 'unwritten-network has no diagrams in the manifest' });

    const orphaned = await project();
    const manifestPath = join(orphaned.diagrams, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, unknown>;
    manifest['unwritten-network.cells.svg'] = manifest['perceptron.cells.svg'];
    await writeFile(manifestPath, JSON.stringify(manifest));
    expect(await quick(orphaned.root)).toEqual({ fresh: false, why: 'unwritten-network.cells.svg has no definition' });
  });
});
