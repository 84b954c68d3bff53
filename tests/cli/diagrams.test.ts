import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/args';
import { sha256 } from '../../src/cli/fingerprint';
import { PROJECT_ROOT } from '../support/temp-project';
import { project, run, runCli, snapshot } from './project';

describe('npm run diagrams', () => {
  it('reports every committed diagram fresh with --check', async () => {
    const { code, output } = await run(PROJECT_ROOT, '--check');
    expect(output).toMatch(/diagrams, all fresh$/);
    expect(code).toBe(0);
  });

  it('lists a hand-edited diagram as stale with --check, exits 1 and writes nothing', async () => {
    const { root } = await project();
    const file = join(root, 'diagrams', 'perceptron.cells.svg');
    await writeFile(file, (await readFile(file, 'utf8')).replace('Perceptron', 'Perceptr0n'));
    const before = await snapshot(root);
    const { code, output } = await run(root, '--check');
    expect(code).toBe(1);
    expect(output).toContain('stale      perceptron.cells.svg');
    expect(output).toContain('(file edited by hand)');
    expect(await snapshot(root)).toEqual(before);
  });

  it('regenerates only stale diagrams, restoring the committed bytes', async () => {
    const { root } = await project();
    const file = join(root, 'diagrams', 'echo-state-network.unrolled.svg');
    const committed = await readFile(file, 'utf8');
    await writeFile(file, 'broken');
    const { code, output } = await run(root);
    expect(code).toBe(0);
    expect(output).toMatch(/written +echo-state-network\.unrolled\.svg +\d+ ms/);
    expect(output).toMatch(/fresh +perceptron\.cells\.svg/);
    expect(await readFile(file, 'utf8')).toBe(committed);
  });

  it('produces byte-identical files when forced to regenerate everything', async () => {
    const { root } = await project();
    const before = await snapshot(root);
    const { output } = await run(root, '--force');
    expect(output).not.toContain('written');
    const after = await snapshot(root);
    // Bytes identical; "unchanged" files are not rewritten, so even their mtimes stay.
    expect(after).toEqual(before);
  });

  it('rejects an unknown architecture by name, with the known ones, before writing anything', async () => {
    const { root } = await project();
    const before = await snapshot(root);
    await expect(run(root, 'perceptron', 'echo-state-netwrok', '--force')).rejects.toThrow(
      /unknown architecture: echo-state-netwrok \(known: [a-z0-9-]+(?:, [a-z0-9-]+)*\)/,
    );
    expect(await snapshot(root)).toEqual(before);
  });

  it('rejects an unknown option and contradictory options', async () => {
    await expect(run(PROJECT_ROOT, '--frobnicate')).rejects.toThrow(new UsageError('unknown option: --frobnicate (expected --force, --check, --png, --view, --out, --direction or --help)'));
    await expect(run(PROJECT_ROOT, '--force', '--check')).rejects.toThrow('--force and --check cannot be combined');
    await expect(run(PROJECT_ROOT, '--check', '--png')).rejects.toThrow('--png and --check cannot be combined: --check never writes');
    await expect(run(PROJECT_ROOT, 'Echo_State')).rejects.toThrow('invalid architecture id: "Echo_State"');
  });

  it('refuses a malformed definition, naming the file and every bad field, and writes nothing', async () => {
    const { root } = await project();
    await writeFile(
      join(root, 'src', 'zoo', 'broken-net.ts'),
      `import perceptron from './perceptron';
export default { ...perceptron, id: 'broken-net', name: '', year: 'long ago', paper: { ...perceptron.paper, url: 'ftp://x' }, views: ['cells', 'sideways'] };
`,
    );
    const before = await snapshot(root);
    const failure = run(root, '--force');
    await expect(failure).rejects.toThrow('src/zoo/broken-net.ts: name: expected a non-empty string, but got ""');
    await expect(failure).rejects.toThrow('src/zoo/broken-net.ts: year: expected an integer between 1900 and 2100, but got "long ago"');
    await expect(failure).rejects.toThrow('src/zoo/broken-net.ts: paper.url: expected an https:// link, but got "ftp://x"');
    await expect(failure).rejects.toThrow('src/zoo/broken-net.ts: views: unknown view "sideways"');
    expect(await snapshot(root)).toEqual(before);
  });

  it('names the diagram and definition when building a network fails, and writes nothing', async () => {
    const { root } = await project();
    await writeFile(
      join(root, 'src', 'zoo', 'exploding-net.ts'),
      `import perceptron from './perceptron';
export default { ...perceptron, id: 'exploding-net', build: () => { throw new Error('weights out of range'); } };
`,
    );
    const before = await snapshot(root);
    await expect(run(root, '--force')).rejects.toThrow(
      'exploding-net.cells.svg (from src/zoo/exploding-net.ts): exploding-net: build(configs.diagram) failed: weights out of range\nNothing was written.',
    );
    expect(await snapshot(root)).toEqual(before);
  });

  it('writes a 2× PNG with --png for every selected diagram, fresh ones included, leaving SVGs and manifest alone', async () => {
    const { root } = await project();
    const svgsBefore = await snapshot(root);
    const { code, output } = await run(root, '--png', 'perceptron', 'echo-state-network');
    expect(code).toBe(0);
    expect(output).toMatch(/fresh +perceptron\.cells\.svg/);
    expect(output).toMatch(/written +perceptron\.cells\.png +\d+ ms/);
    expect(output).toMatch(/3 diagrams: 0 regenerated, 3 fresh, 3 PNGs/);
    const after = await snapshot(root);
    expect(Object.keys(after).filter((f) => f.endsWith('.png')).sort()).toEqual([
      'echo-state-network.cells.png',
      'echo-state-network.unrolled.png',
      'perceptron.cells.png',
    ]);
    // The PNGs are outputs only: every SVG and the manifest keep their bytes and mtimes.
    expect(Object.fromEntries(Object.entries(after).filter(([f]) => !f.endsWith('.png')))).toEqual(svgsBefore);

    for (const name of ['perceptron.cells', 'echo-state-network.unrolled']) {
      const svg = await readFile(join(root, 'diagrams', `${name}.svg`), 'utf8');
      const png = PNG.sync.read(await readFile(join(root, 'diagrams', `${name}.png`)));
      expect([png.width, png.height]).toEqual([2 * Number(/ width="(\d+)"/.exec(svg)![1]), 2 * Number(/ height="(\d+)"/.exec(svg)![1])]);
      expect([...png.data.subarray(0, 4)], 'opaque white paper').toEqual([255, 255, 255, 255]);
      const inked = png.data.filter((_, i) => i % 4 === 0 && png.data[i]! < 128).length;
      expect(inked / (png.width * png.height), 'dark ink: text, lines, outlines').toBeGreaterThan(0.01);
    }
  });

  it('rewrites nothing on a second --png run: the PNGs are the same bytes', async () => {
    const { root } = await project();
    await run(root, '--png', 'perceptron');
    const before = await snapshot(root);
    const { output } = await run(root, '--png', 'perceptron');
    expect(output).toMatch(/unchanged +perceptron\.cells\.png/);
    expect(await snapshot(root)).toEqual(before);
  });

  it('renders the PNG of a stale diagram from the regenerated SVG, not the stale file', async () => {
    const { root } = await project();
    await writeFile(join(root, 'diagrams', 'echo-state-network.unrolled.svg'), 'broken');
    const { code, output } = await run(root, '--png', 'echo-state-network');
    expect(code).toBe(0);
    expect(output).toMatch(/written +echo-state-network\.unrolled\.svg/);
    expect(output).toMatch(/written +echo-state-network\.unrolled\.png/);
    expect(PNG.sync.read(await readFile(join(root, 'diagrams', 'echo-state-network.unrolled.png'))).width).toBeGreaterThan(0);
  });

  it('writes nothing at all with --png when one PNG cannot be rendered', async () => {
    const { root } = await project();
    // An unreadable file the manifest vouches for: fresh, so the PNG is rendered from it, and fails.
    const manifestPath = join(root, 'diagrams', 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, { svg: string }>;
    manifest['perceptron.cells.svg']!.svg = sha256('not an svg').slice(0, 16);
    await writeFile(manifestPath, JSON.stringify(manifest));
    await writeFile(join(root, 'diagrams', 'perceptron.cells.svg'), 'not an svg');
    // And a stale diagram, whose regenerated SVG must not be written either.
    await writeFile(join(root, 'diagrams', 'feed-forward.cells.svg'), 'stale');
    const before = await snapshot(root);
    await expect(run(root, '--png')).rejects.toThrow(/^perceptron\.cells\.png \(from perceptron\.cells\.svg\): .+\nNothing was written\.$/s);
    expect(await snapshot(root)).toEqual(before);
  });

  it('prints its usage with --help', async () => {
    const { code, output } = await run(PROJECT_ROOT, '--help');
    expect(code).toBe(0);
    expect(output).toContain('Usage: npm run diagrams [-- <id…>] [--force] [--check] [--png] [--view <view>]');
    expect(output).toMatch(/--png +also write diagrams\/<id>\.<view>\.png/);
  });

  it('exits with status 2 and prints usage for a bad argument when run as a command', () => {
    const result = runCli(PROJECT_ROOT, ['--nope']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('diagrams: unknown option: --nope');
    expect(result.stderr).toContain('Usage: npm run diagrams');
  });
});
