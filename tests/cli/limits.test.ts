import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_TRACE_SIZE } from '../../src/graph/trace';
import { NODE, project, run, snapshot } from './project';

const LIMIT = MAX_TRACE_SIZE.toLocaleString('en');

/**
 * The CLI as a real process, killed (SIGKILL: a busy run does not act on SIGTERM, issue 13) if it runs
 * for a minute: a guard that keeps a run that builds the huge network from holding gigabytes for long,
 * not a measure of speed.
 */
const runCli = (root: string, argv: readonly string[]) =>
  spawnSync(NODE, [join(root, 'src', 'cli', 'main.ts'), ...argv], { cwd: root, encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL' });

/** A temp project whose definition `id` has its diagram config's text `from` replaced by `to`. */
async function projectWith(id: string, from: string, to: string): Promise<string> {
  const { root } = await project();
  const file = join(root, 'src', 'zoo', `${id}.ts`);
  const text = await readFile(file, 'utf8');
  expect(text, `${id}.ts has ${from}`).toContain(from);
  await writeFile(file, text.replace(from, to));
  return root;
}

// The refusal comes from the config, before build(): these configs would take minutes and gigabytes
// to build (an ESN of 20,000 units held 6.2 GB; hidden [1e9] reached 11.8 GB). The timeout is a guard.
describe('npm run diagrams, given a config too large to draw', () => {
  it('refuses an echo-state network of 20,000 units before building it, naming the figure, the limit and the field, and writes nothing', async () => {
    const root = await projectWith('echo-state-network', 'diagram: { inputs: 1, units: 6,', 'diagram: { inputs: 1, units: 20000,');
    const before = await snapshot(root);
    const result = runCli(root, ['--force', 'echo-state-network']);
    expect(result.status, result.stderr).toBe(2);
    // 1 + 20,000 + 1 cells; 20,000 input, ≈ 1.2·10⁸ recurrent (density 0.3 of 4·10⁸ entries, bounded) and 20,000 readout weights.
    expect(result.stderr).toMatch(
      new RegExp(
        `echo-state-network: group "reservoir" \\(20,000 cells, [\\d,]+ weights in, set by configs\\.diagram\\.units in src/zoo/echo-state-network\\.ts\\) is too large to draw cell by cell: ` +
          `the network's [\\d,]+ cells and weights exceed the ${LIMIT} a diagram traces`,
      ),
    );
    expect(result.stdout, 'refused, not announced as a long build').not.toContain('building');
    expect(await snapshot(root), 'nothing written').toEqual(before);
  }, 120_000);

  it('refuses a feed-forward hidden layer of 10⁹ units before allocating it, and writes nothing', async () => {
    const root = await projectWith('feed-forward', 'hidden: [4]', 'hidden: [1e9]');
    const before = await snapshot(root);
    const result = runCli(root, ['--force', 'feed-forward']);
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).toContain(
      'feed-forward: group "hidden" (1,000,000,000 cells, 2,000,000,000 weights in, set by configs.diagram.hidden[0] in src/zoo/feed-forward.ts) is too large to draw cell by cell: ' +
        `the network's 4,000,000,003 cells and weights exceed the ${LIMIT} a diagram traces`,
    );
    expect(await snapshot(root), 'nothing written').toEqual(before);
  }, 120_000);

  it('refuses, while building, a definition without size() whose weight matrices pass the bound, before allocating them', async () => {
    const root = await projectWith('perceptron', 'diagram: { inputs: 2,', 'diagram: { inputs: 3000000,');
    const before = await snapshot(root);
    const result = runCli(root, ['--force', 'perceptron']);
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`perceptron: group "[^"]+" \\([\\d,]+ cells, 3,000,000 weights in, configs\\.diagram of src/zoo/perceptron\\.ts\\) is too large to draw cell by cell: the network's 3,000,000 or more cells and weights exceed the ${LIMIT} a diagram traces`));
    expect(await snapshot(root), 'nothing written').toEqual(before);
  }, 120_000);

  it('says what it is building before a network that will take a while, with its size against the bound', async () => {
    const root = await projectWith('feed-forward', 'hidden: [4]', 'hidden: [100000]');
    const { code, output } = await run(root, 'feed-forward');
    expect(code, output).toBe(0);
    const lines = output.split('\n');
    const building = lines.findIndex((l) => l.startsWith('  building   feed-forward'));
    // 2 + 100,000 + 1 cells; 200,000 + 100,000 weights.
    expect(lines[building]).toBe(`  building   feed-forward (configs.diagram: 400,003 cells and weights of the ${LIMIT} a diagram traces); this can take a while`);
    expect(building, 'said before the diagram is done').toBeLessThan(lines.findIndex((l) => l.includes('feed-forward.cells.svg')));
  }, 120_000);
});
