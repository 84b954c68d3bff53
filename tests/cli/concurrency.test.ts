import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMITTED_DIAGRAMS as N } from '../support/temp-project';
import { project, run, startCli } from './project';

describe('npm run diagrams, run twice at once', () => {
  it('loses no manifest update: the second run waits for the first, and both entries are recorded', async () => {
    const { root, diagrams } = await project();
    const manifestPath = join(diagrams, 'manifest.json');
    const committed = await readFile(manifestPath, 'utf8');
    const manifest = JSON.parse(committed) as Record<string, unknown>;
    delete manifest['perceptron.cells.svg'];
    delete manifest['feed-forward.cells.svg'];
    await writeFile(manifestPath, JSON.stringify(manifest));

    // Two real processes, each regenerating one architecture: unserialised, each would write the
    // manifest it read plus its own entry, and the later write would drop the other's.
    const [a, b] = await Promise.all([startCli(root, ['perceptron']), startCli(root, ['feed-forward'])]);
    expect([a.status, b.status], `${a.stderr}\n${b.stderr}`).toEqual([0, 0]);
    expect(a.stdout).toMatch(/written|unchanged +perceptron\.cells\.svg/);
    expect(b.stdout).toMatch(/written|unchanged +feed-forward\.cells\.svg/);
    expect([a.stdout, b.stdout].filter((out) => out.includes('waiting for another run of npm run diagrams'))).toHaveLength(1);

    expect(await readFile(manifestPath, 'utf8')).toBe(committed);
    expect(await run(root, '--check')).toEqual({ code: 0, output: `${N} diagrams, all fresh` });
  });
});
