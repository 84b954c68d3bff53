import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DrawOptions } from '../../src/pipeline';
import { project, run, snapshot } from './project';

// What reaches the pipeline: generateSvg is wrapped to record its view and options, and to draw a
// `layers` view as a stub that shows the direction it was given (the command's part ends there).
const calls = vi.hoisted(() => [] as { view: string; options: DrawOptions | undefined }[]);
vi.mock('../../src/pipeline', async (importOriginal) => {
  const pipeline = await importOriginal<typeof import('../../src/pipeline')>();
  return {
    ...pipeline,
    generateSvg: async (...args: Parameters<typeof pipeline.generateSvg>) => {
      const [, view, , options] = args;
      calls.push({ view, options });
      return view === 'layers' ? `<svg data-view="layers" data-direction="${options?.direction}"></svg>` : pipeline.generateSvg(...args);
    },
  };
});

const temps: string[] = [];
afterEach(async () => {
  calls.length = 0;
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A project with a definition that declares a layers view beside its cells view. */
async function projectWithLayers(): Promise<{ root: string; diagrams: string }> {
  const p = await project();
  await writeFile(join(p.root, 'src', 'zoo', 'sideways-net.ts'), `import perceptron from './perceptron';\nexport default { ...perceptron, id: 'sideways-net', views: ['cells', 'layers'] };\n`);
  return p;
}

describe('npm run diagrams --direction', () => {
  it('hands --direction right to the pipeline for every diagram it draws into --out, and says which ones obey it', async () => {
    const { root } = await projectWithLayers();
    const out = await mkdtemp(join(tmpdir(), 'runnable-zoo-out-'));
    temps.push(out);
    const before = await snapshot(root);
    const { code, output } = await run(root, '--out', out, '--direction', 'right', 'sideways-net');
    expect(code).toBe(0);
    expect(calls).toEqual([
      { view: 'cells', options: { direction: 'right' } },
      { view: 'layers', options: { direction: 'right' } },
    ]);
    expect(await readFile(join(out, 'sideways-net.layers.svg'), 'utf8')).toContain('data-direction="right"');
    expect((await readdir(out)).sort()).toEqual(['sideways-net.cells.svg', 'sideways-net.layers.svg']);
    expect(output).toMatch(new RegExp(`^2 diagrams regenerated into ${out}/, 1 drawn right \\(1 of other views in their own orientation\\) \\(\\d+ ms\\)$`, 'm'));
    expect(await snapshot(root)).toEqual(before);
  });

  it('draws diagrams/ down: a run without --out passes the pipeline no direction but its default', async () => {
    const { root } = await projectWithLayers();
    const { code } = await run(root, '--view', 'layers', 'sideways-net');
    expect(code).toBe(0);
    expect(calls.map(({ view, options }) => [view, options?.direction ?? 'down'])).toEqual([['layers', 'down']]);
  });
});
