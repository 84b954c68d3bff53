import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMITTED_DIAGRAMS as N } from '../support/temp-project';
import { NODE, project, runCli, snapshot } from './project';

/** Replaces `from` (which must occur) in a file of the temporary project. */
async function edit(root: string, file: string, from: string, to: string): Promise<void> {
  const path = join(root, file);
  const text = await readFile(path, 'utf8');
  expect(text, `${file} contains ${from}`).toContain(from);
  await writeFile(path, text.replace(from, to));
}

describe('npm run diagrams, its messages', () => {
  it('says "1 diagram" and "1 PNG", not "1 diagrams", in every summary line', async () => {
    const { root, diagrams } = await project();
    // The perceptron has one view: one diagram.
    const check = runCli(root, ['--check', 'perceptron']);
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/^1 diagram, all fresh$/m);

    const noop = runCli(root, ['perceptron']);
    expect(noop.status, noop.stderr).toBe(0);
    expect(noop.stdout).toMatch(/^1 diagram: 0 regenerated, 1 fresh \(/m);

    const png = runCli(root, ['--png', 'perceptron']);
    expect(png.status, png.stderr).toBe(0);
    expect(png.stdout).toMatch(/^1 diagram: 0 regenerated, 1 fresh, 1 PNG \(/m);

    await writeFile(join(diagrams, 'perceptron.cells.svg.99999999.tmp'), 'left over');
    await edit(root, 'diagrams/perceptron.cells.svg', 'Perceptron', 'Percept0n');
    const stale = runCli(root, ['--check', 'perceptron']);
    expect(stale.status, stale.stderr).toBe(1);
    expect(stale.stdout).toMatch(/^1 of 1 diagram stale, 1 leftover temp file: run npm run diagrams$/m);
    expect(stale.stdout).not.toMatch(/\b1 (diagrams|leftover temp files|PNGs)\b/);
    // More than one stays plural.
    expect(runCli(root, ['--check']).stdout).toMatch(new RegExp(`^1 of ${N} diagrams stale`, 'm'));
  });

  it('names a handful of 20,000 unknown ids and says how many more, instead of echoing them all', async () => {
    const { root } = await project();
    const ids = Array.from({ length: 20_000 }, (_, i) => `no-such-net-${i}`);
    const result = runCli(root, ['--check', ...ids]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown architectures: no-such-net-0, no-such-net-1, no-such-net-2, no-such-net-3, no-such-net-4 and 19995 more (known: ');
    expect(result.stderr).not.toContain('no-such-net-5');
    expect(result.stderr.length).toBeLessThan(5_000);
  });

  it('says that build() returned a Promise and must be synchronous, not that it "returned {}"', async () => {
    const { root } = await project();
    await edit(root, 'src/zoo/perceptron.ts', 'function build(config: PerceptronConfig): tf.LayersModel {', 'async function build(config: PerceptronConfig): Promise<tf.LayersModel> {');
    await edit(root, 'src/zoo/perceptron.ts', '  build,\n', '  build: build as never,\n');
    const before = await snapshot(root);
    const result = runCli(root, ['--force', 'perceptron']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('perceptron: build(configs.diagram) returned a Promise; build must be synchronous');
    expect(result.stderr).not.toContain('returned {}');
    expect(await snapshot(root)).toEqual(before);
  });

  it('names the path and what belongs there when a directory stands in place of an SVG', async () => {
    const { root, diagrams } = await project();
    await rm(join(diagrams, 'perceptron.cells.svg'));
    await mkdir(join(diagrams, 'perceptron.cells.svg'));
    for (const argv of [['--check'], []]) {
      const result = runCli(root, argv);
      expect(result.status, argv.join(' ')).toBe(2);
      expect(result.stderr).toContain('diagrams: diagrams/perceptron.cells.svg is a directory; expected a file');
      expect(result.stderr).not.toContain('EISDIR');
    }
  });

  it('says a truncated SVG is not a complete SVG, rather than that it was edited by hand', async () => {
    const { root, diagrams } = await project();
    const path = join(diagrams, 'perceptron.cells.svg');
    const svg = await readFile(path, 'utf8');
    await writeFile(path, svg.slice(0, Math.floor(svg.length / 2)));
    const result = runCli(root, ['--check']);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/stale +perceptron\.cells\.svg +\(truncated or malformed: not a complete SVG\)/);
    expect(result.stdout).not.toContain('edited by hand');
  });

  it('refuses control characters in a definition’s name, naming file, field and what is expected, and writes nothing', async () => {
    const { root } = await project();
    await edit(root, 'src/zoo/perceptron.ts', "name: 'Perceptron',", "name: 'Percep\\u0007tron',");
    const before = await snapshot(root);
    const write = runCli(root, ['--force']);
    expect(write.status).toBe(2);
    expect(write.stderr).toContain('src/zoo/perceptron.ts: invalid definition "perceptron":\n  - name: expected one line of text without control characters, but got "Percep\\u0007tron"');
    expect(await snapshot(root)).toEqual(before);
    expect(runCli(root, ['--png', 'perceptron']).status).toBe(2);
    expect(runCli(root, ['--check']).status).toBe(2);
  });

  it('prints a definition’s syntax error as plain text, naming the file once, when piped and under NO_COLOR', async () => {
    const { root } = await project();
    await edit(root, 'src/zoo/perceptron.ts', "  abbreviation: 'P',", "  abbreviation: 'P',,");
    for (const env of [{ ...process.env }, { ...process.env, NO_COLOR: '1' }, { ...process.env, FORCE_COLOR: '1' }]) {
      const result = spawnSync(NODE, [join(root, 'src', 'cli', 'main.ts'), '--force'], { cwd: root, encoding: 'utf8', env });
      expect(result.status).toBe(2);
      expect(result.stderr).not.toContain('\u001b');
      expect(result.stderr.match(/perceptron\.ts/g)).toHaveLength(1);
      expect(result.stderr).toMatch(/^diagrams: src\/zoo\/perceptron\.ts:\d+:\d+: .+\n +\d+ \| +abbreviation: 'P',,\n +\| +\^$/m);
    }
  });
});
