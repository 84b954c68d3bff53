import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../src/cli/args';
import { runDiagrams } from '../../src/cli/diagrams';
import { readManifest } from '../../src/cli/manifest';
import { startOf } from '../../src/cli/owner';
import { PROJECT_ROOT } from '../support/temp-project';
import { project, run, runCli, snapshot } from './project';

const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh directory outside any project, for --out to write into (or below). */
async function scratch(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'runnable-zoo-out-'));
  temps.push(dir);
  return dir;
}

const exists = (path: string) => stat(path).then(() => true, () => false);

/** The centre of each drawn layer of a layers SVG, in document order: its data-node and the box drawn first inside it. */
function layerCentres(svg: string): { node: string; x: number; y: number }[] {
  return [...svg.matchAll(/<g [^>]*data-node="([^"]+)"[^>]*>.*?<rect width="([\d.]+)" height="([\d.]+)" x="([\d.]+)" y="([\d.]+)"/g)].map(([, node, w, h, x, y]) => ({
    node: node!,
    x: Number(x) + Number(w) / 2,
    y: Number(y) + Number(h) / 2,
  }));
}

/** The committed layers diagram with the fewest bytes: a small architecture that has a layers view. */
async function smallestLayersDiagram(): Promise<string> {
  const files = (await readdir(join(PROJECT_ROOT, 'diagrams'))).filter((f) => f.endsWith('.layers.svg'));
  const sized = await Promise.all(files.map(async (f) => ({ f, size: (await stat(join(PROJECT_ROOT, 'diagrams', f))).size })));
  return sized.sort((a, b) => a.size - b.size)[0]!.f;
}

describe('npm run diagrams, its options', () => {
  it('reads --view (repeated or comma-separated), --out and --direction, with or without =', () => {
    expect(parseArgs(['--view', 'cells,layers', '--view=unrolled', '--view', 'cells', 'alexnet'])).toMatchObject({ ids: ['alexnet'], views: ['cells', 'layers', 'unrolled'] });
    expect(parseArgs(['--direction=right', '--out=figs'])).toMatchObject({ direction: 'right', out: 'figs' });
    expect(parseArgs(['--out', 'figs', '--direction', 'right', '--png'])).toMatchObject({ direction: 'right', out: 'figs', png: true });
    expect(parseArgs([])).toMatchObject({ direction: 'down', out: undefined, views: [] });
    // down is what diagrams/ holds: no --out needed.
    expect(parseArgs(['--direction', 'down'])).toMatchObject({ direction: 'down', out: undefined });
  });

  it.each([
    [['--direction', 'left', '--out', 'figs'], '--direction: expected down or right, but got "left"'],
    [['--direction'], '--direction: expected down or right, but got nothing'],
    [['--out', 'figs', '--direction', '--png'], '--direction: expected down or right, but got nothing (--png is an option)'],
    [['--direction', 'right'], '--direction right needs --out <dir>: diagrams/ holds the committed diagrams, drawn down'],
    [['--out', 'a', '--direction', 'down', '--direction', 'right'], '--direction: given twice, as down and right; expected one'],
    [['--out'], '--out: expected a directory, but got nothing'],
    [['--out='], '--out: expected a directory, but got nothing'],
    [['--out', 'a', '--out', 'b'], '--out: given twice, as "a" and "b"; expected one directory'],
    [['--view', 'layer'], '--view: expected one of cells, layers, layers-expanded, unrolled, internals, but got "layer"'],
    [['--view', 'cells,'], '--view: expected one of cells, layers, layers-expanded, unrolled, internals, but got ""'],
    [['--view'], '--view: expected a view (cells, layers, layers-expanded, unrolled, internals), but got nothing'],
    [['--check', '--out', 'figs'], '--out and --check cannot be combined: --check is about diagrams/, --out never touches it'],
    [['--check', '--direction', 'down'], '--direction and --check cannot be combined: --check is about diagrams/, which is drawn down'],
  ])('refuses %j, naming the option, what it got and what it expects', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(new UsageError(message));
  });

  it('exits 2 with the message and its usage for a bad value, and writes nothing', async () => {
    const { root } = await project();
    const out = join(await scratch(), 'figs');
    const before = await snapshot(root);
    const result = runCli(root, ['--direction', 'left', '--out', out]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('diagrams: --direction: expected down or right, but got "left"\n\nUsage: npm run diagrams');
    expect(result.stdout).toBe('');
    expect(await exists(out)).toBe(false);
    expect(await snapshot(root)).toEqual(before);
  });

  it('writes the selected diagrams and PNGs only into --out, creating it, and leaves diagrams/ and its manifest untouched', async () => {
    const { root, diagrams } = await project();
    const out = join(await scratch(), 'slides', 'figures');
    const before = await snapshot(root);
    const { code, output } = await run(root, '--out', out, '--png', 'perceptron', 'echo-state-network');
    expect(code).toBe(0);
    expect((await readdir(out)).sort()).toEqual([
      'echo-state-network.cells.png',
      'echo-state-network.cells.svg',
      'echo-state-network.unrolled.png',
      'echo-state-network.unrolled.svg',
      'perceptron.cells.png',
      'perceptron.cells.svg',
    ]);
    // Drawn down, as diagrams/ holds them: the same bytes.
    for (const file of ['perceptron.cells.svg', 'echo-state-network.unrolled.svg'])
      expect(await readFile(join(out, file), 'utf8'), file).toBe(await readFile(join(diagrams, file), 'utf8'));
    expect(output).toMatch(/written +perceptron\.cells\.svg +\d+ ms/);
    expect(output).toMatch(new RegExp(`3 diagrams regenerated into ${out}/, 3 PNGs \\(\\d+ ms\\)$`));
    // Bytes and mtimes of every file in diagrams/, manifest.json included; no lock, no temp file, no PNG.
    expect(await snapshot(root)).toEqual(before);
  });

  it('always regenerates into --out, resolves a relative --out against the working directory, and rewrites only what changed', async () => {
    const { root } = await project();
    const cwd = await scratch();
    const lines: string[] = [];
    const log = { log: (line: string) => lines.push(line) };
    expect(await runDiagrams(['--out', 'figs', 'perceptron'], root, log, undefined, cwd)).toBe(0);
    expect(lines.at(-1)).toMatch(/^1 diagram regenerated into figs\/ \(\d+ ms\)$/);
    await writeFile(join(cwd, 'figs', 'perceptron.cells.svg'), 'edited');
    lines.length = 0;
    expect(await runDiagrams(['--out', 'figs', 'perceptron', '--png'], root, log, undefined, cwd)).toBe(0);
    expect(lines.join('\n')).toMatch(/written +perceptron\.cells\.svg/);
    lines.length = 0;
    expect(await runDiagrams(['--out', 'figs', 'perceptron', '--png'], root, log, undefined, cwd)).toBe(0);
    expect(lines.join('\n')).toMatch(/unchanged +perceptron\.cells\.svg[^]*unchanged +perceptron\.cells\.png/);
  });

  it('takes no lock on diagrams/ for --out: a live run holding it does not hold this one up', async () => {
    const { root, diagrams } = await project();
    // diagrams/.lock as a live run writes it: vitest's parent, alive for the whole test.
    const lock = JSON.stringify({ pid: process.ppid, host: hostname(), start: startOf(process.ppid), started: new Date().toISOString() });
    await writeFile(join(diagrams, '.lock'), lock);
    const out = join(await scratch(), 'figs');
    const { code, output } = await run(root, '--out', out, 'perceptron');
    expect(code).toBe(0);
    expect(output).not.toContain('waiting for');
    expect(await readFile(join(diagrams, '.lock'), 'utf8')).toBe(lock);
  });

  it('removes its temp file from --out when stopped by SIGTERM between writing and renaming, and leaves diagrams/ alone', async () => {
    const { root } = await project();
    const out = join(await scratch(), 'figs');
    const before = await snapshot(root);
    // A real run, sent SIGTERM at its first rename of a diagram (tests/cli/fixtures/kill-at-rename.mjs).
    const stopped = runCli(root, ['--out', out, 'perceptron'], ['--import', join(import.meta.dirname, 'fixtures', 'kill-at-rename.mjs')]);
    expect(stopped.status, stopped.stderr).toBe(143);
    expect(stopped.stderr).toMatch(/stopped by SIGTERM; removed perceptron\.cells\.svg\.\d+\.\w+\.[0-9a-f]{8}\.tmp/);
    expect(await readdir(out)).toEqual([]);
    expect(await snapshot(root)).toEqual(before);
  });

  it('refuses an --out that is a file, lies below a file, or is diagrams/, before any work, with a clear message', async () => {
    const { root } = await project();
    const dir = await scratch();
    await writeFile(join(dir, 'notes.txt'), 'mine');
    const before = await snapshot(root);
    const never = async (): Promise<never> => {
      throw new Error('loaded the full run');
    };
    const attempt = (out: string) => runDiagrams(['--out', out], root, { log: () => {} }, never, dir);
    await expect(attempt('notes.txt')).rejects.toThrow(new UsageError('--out: expected a directory, but "notes.txt" is a file'));
    await expect(attempt('notes.txt/figs')).rejects.toThrow(new UsageError('--out: expected a directory, but "notes.txt", on the way to "notes.txt/figs", is a file'));
    await expect(attempt(join(root, 'diagrams'))).rejects.toThrow('--out: expected a directory outside diagrams/ (which holds the committed diagrams and their manifest)');
    await expect(attempt(join(root, 'diagrams', 'right'))).rejects.toThrow('--out: expected a directory outside diagrams/');
    expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    expect(await snapshot(root)).toEqual(before);
  });

  it('creates nothing in --out when a definition fails to build', async () => {
    const { root } = await project();
    await writeFile(
      join(root, 'src', 'zoo', 'exploding-net.ts'),
      `import perceptron from './perceptron';
export default { ...perceptron, id: 'exploding-net', build: () => { throw new Error('weights out of range'); } };
`,
    );
    const out = join(await scratch(), 'figs');
    await expect(run(root, '--out', out, 'perceptron', 'exploding-net')).rejects.toThrow(
      'exploding-net.cells.svg (from src/zoo/exploding-net.ts): exploding-net: build(configs.diagram) failed: weights out of range\nNothing was written.',
    );
    expect(await exists(out)).toBe(false);
  });

  it('regenerates only the --view views, and keeps the other views’ manifest entries and files', async () => {
    const { root, diagrams } = await project();
    const manifestBefore = (await readManifest(join(diagrams, 'manifest.json'))).entries;
    await writeFile(join(diagrams, 'echo-state-network.cells.svg'), 'stale');
    await writeFile(join(diagrams, 'echo-state-network.unrolled.svg'), 'stale');
    const { code, output } = await run(root, '--view', 'unrolled', 'echo-state-network');
    expect(code).toBe(0);
    expect(output).toMatch(/written +echo-state-network\.unrolled\.svg/);
    expect(output).not.toContain('echo-state-network.cells.svg');
    expect(output).toMatch(/^1 diagram: 1 regenerated, 0 fresh/m);
    // The cells view is not an orphan: its file and entry stay as they were (stale, for a run without --view).
    expect(await readFile(join(diagrams, 'echo-state-network.cells.svg'), 'utf8')).toBe('stale');
    expect((await readManifest(join(diagrams, 'manifest.json'))).entries).toEqual(manifestBefore);

    const check = await run(root, '--check', '--view', 'unrolled');
    expect(check).toMatchObject({ code: 0, output: expect.stringMatching(/diagrams?, all fresh$/) });
    const all = await run(root, '--check', '--view', 'cells,unrolled', 'echo-state-network');
    expect(all.code).toBe(1);
    expect(all.output).toMatch(/stale +echo-state-network\.cells\.svg +\(truncated or malformed: not a complete SVG\)\n1 of 2 diagrams stale/);
  });

  it('refuses a --view no selected architecture has, naming the views they do have, and writes nothing', async () => {
    const { root } = await project();
    const before = await snapshot(root);
    await expect(run(root, '--view', 'internals', 'perceptron')).rejects.toThrow(new UsageError('--view: no selected architecture has the view internals (perceptron has: cells)'));
    await expect(run(root, '--check', '--view', 'unrolled,internals', 'perceptron', 'feed-forward')).rejects.toThrow(
      new UsageError('--view: no selected architecture has the views unrolled, internals (the 2 selected architectures have: cells)'),
    );
    expect(await snapshot(root)).toEqual(before);
    // As a command too: exit 2 with usage, though the check that found it ran in the worker thread.
    const cli = runCli(root, ['--view', 'internals', 'perceptron']);
    expect(cli.status).toBe(2);
    expect(cli.stderr).toContain('diagrams: --view: no selected architecture has the view internals (perceptron has: cells)\n\nUsage:');
  });

  it('refuses --direction right when no selected diagram has a direction, creating nothing', async () => {
    const out = join(await scratch(), 'figs');
    await expect(run(PROJECT_ROOT, '--out', out, '--direction', 'right', 'perceptron')).rejects.toThrow(
      new UsageError('--direction right: none of the selected diagrams has a direction (only layers and layers-expanded views do)'),
    );
    expect(await exists(out)).toBe(false);
  });

  it('draws a layers view left to right with --direction right --out, as a command, and leaves diagrams/ untouched', async () => {
    const { root, diagrams } = await project();
    const file = await smallestLayersDiagram();
    const id = file.slice(0, -'.layers.svg'.length);
    const out = join(await scratch(), 'figs');
    const before = await snapshot(root);
    const result = runCli(root, ['--direction', 'right', '--out', out, '--view', 'layers', id]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`1 diagram regenerated into ${out}/, 1 drawn right`));
    expect(await readdir(out)).toEqual([file]);

    const sideways = await readFile(join(out, file), 'utf8');
    expect(sideways).toMatch(/^<svg [^>]*data-view="layers"[^>]*data-direction="right"/);
    const across = layerCentres(sideways);
    expect(across.length, 'layers drawn').toBeGreaterThan(2);
    const [first, last] = [across[0]!, across.at(-1)!];
    // Input to output runs across the page: farther apart in x than in y, left to right.
    expect(last.x - first.x).toBeGreaterThan(Math.abs(last.y - first.y));
    // The committed file runs down the page, first to last.
    const down = layerCentres(await readFile(join(diagrams, file), 'utf8'));
    expect(down.at(-1)!.y - down[0]!.y).toBeGreaterThan(Math.abs(down.at(-1)!.x - down[0]!.x));
    expect(down.map((d) => d.node)).toEqual(across.map((a) => a.node));

    expect(await snapshot(root)).toEqual(before);
  });
});
