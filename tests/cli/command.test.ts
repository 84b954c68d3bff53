import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMITTED_DIAGRAMS as N, PROJECT_ROOT } from '../support/temp-project';
import { NODE, project, runCli, snapshot } from './project';

const RECORD_PACKAGES = ['--import', join(import.meta.dirname, 'fixtures', 'record-packages.mjs')];
const packagesOf = (stderr: string): string[] => (/^packages: (.*)$/m.exec(stderr)?.[1] ?? '').split(' ').filter(Boolean);
const PIPELINE_PACKAGES = ['@tensorflow/tfjs', 'elkjs', 'svgdom', '@svgdotjs/svg.js', 'rolldown', 'zod'];

describe('npm run diagrams as a command', () => {
  it('exits 0 with --check when everything is fresh, 1 when a diagram is stale, 2 when a definition crashes', async () => {
    const { root, diagrams } = await project();
    expect(runCli(root, ['--check']).status).toBe(0);

    const svg = join(diagrams, 'perceptron.cells.svg');
    await writeFile(svg, (await readFile(svg, 'utf8')).replace('Perceptron', 'Perceptr0n'));
    const stale = runCli(root, ['--check']);
    expect(stale.status).toBe(1);
    expect(stale.stdout).toMatch(/stale +perceptron\.cells\.svg +\(file edited by hand\)/);

    await writeFile(join(root, 'src', 'zoo', 'crashing-net.ts'), `throw new Error('cannot even load');\n`);
    const crashed = runCli(root, ['--check']);
    expect(crashed.status).toBe(2);
    expect(crashed.stderr).toContain('diagrams: src/zoo/crashing-net.ts: cannot even load');
  });

  it('exits 2 naming file, config and field when a definition’s config is invalid', async () => {
    const { root } = await project();
    const path = join(root, 'src', 'zoo', 'feed-forward.ts');
    await writeFile(path, (await readFile(path, 'utf8')).replace('diagram: { inputs: 2, hidden: [4],', 'diagram: { inputs: 2, hidden: [-1],'));
    const result = runCli(root, ['--check']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('src/zoo/feed-forward.ts: invalid definition "feed-forward":\n  - configs.diagram.hidden[0]: expected a positive integer, but got -1');
  });

  it('loads none of the pipeline’s packages when everything is fresh', async () => {
    const { root } = await project();
    const noop = runCli(root, [], RECORD_PACKAGES);
    expect(noop.status).toBe(0);
    expect(noop.stdout).toMatch(new RegExp(`${N} diagrams: 0 regenerated, ${N} fresh`));
    // Nothing at all: the lock is our own (src/cli/lock.ts), on node:fs.
    expect(packagesOf(noop.stderr)).toEqual([]);
  });

  /**
   * One forced run serves the next three tests, each asserting its own property of it: the run is
   * detached (its own process group), started from `/` in an odd time zone and locale, with the
   * package recorder preloaded. Each property must hold under all of these conditions at once, so
   * none hides another; three runs would regenerate every diagram three times over.
   */
  describe('forced, detached, from / in Pacific/Chatham and da_DK.UTF-8, recording packages', () => {
    let forced: { status: number | null; stdout: string; stderr: string; groupAlive: boolean; before: Record<string, string>; after: Record<string, string> };

    beforeAll(async () => {
      const { root } = await project();
      const before = await snapshot(root);
      // Output into files, not pipes: a pipe held open by a leftover process would delay 'close' until it ends.
      const [stdoutPath, stderrPath] = [join(root, 'forced.stdout'), join(root, 'forced.stderr')];
      const [stdoutFd, stderrFd] = [openSync(stdoutPath, 'w'), openSync(stderrPath, 'w')];
      const child = spawn(NODE, [...RECORD_PACKAGES, join(root, 'src', 'cli', 'main.ts'), '--force'], {
        cwd: '/',
        detached: true,
        stdio: ['ignore', stdoutFd, stderrFd],
        env: { ...process.env, TZ: 'Pacific/Chatham', LANG: 'da_DK.UTF-8', LC_ALL: 'da_DK.UTF-8' },
      });
      closeSync(stdoutFd);
      closeSync(stderrFd);
      const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
      // Its own process group: anything the run started (a compiler service, a worker's child) is in it.
      let groupAlive: boolean;
      try {
        process.kill(-child.pid!, 0);
        groupAlive = true;
      } catch {
        groupAlive = false;
      }
      const [stdout, stderr] = await Promise.all([readFile(stdoutPath, 'utf8'), readFile(stderrPath, 'utf8')]);
      forced = { status, stdout, stderr, groupAlive, before, after: await snapshot(root) };
    }, 240_000);

    it('loads all of the pipeline’s packages', () => {
      expect(forced.status, forced.stderr).toBe(0);
      expect(packagesOf(forced.stderr)).toEqual(expect.arrayContaining(PIPELINE_PACKAGES));
    });

    it('leaves no process behind when it exits, not even a finished one nobody reaped', () => {
      expect(forced.status, forced.stderr).toBe(0);
      expect(forced.groupAlive).toBe(false);
    });

    it('writes the same bytes in any time zone, locale and working directory', () => {
      expect(forced.status, forced.stderr).toBe(0);
      expect(forced.stdout).not.toMatch(/written/);
      expect(forced.after).toEqual(forced.before);
    });
  });

  // The CLI needs Node ≥ 22.15 to run by itself; on Node 20 it runs under tsx, and must draw the same.
  const node20 = ['/usr/bin/node', '/usr/local/bin/node'].find(
    (path) => existsSync(path) && spawnSync(path, ['--version'], { encoding: 'utf8' }).stdout.startsWith('v20.'),
  );
  it.runIf(node20)('writes the same bytes under Node 20 (through tsx) as under the project’s Node 24', async () => {
    const { root } = await project();
    const before = await snapshot(root);
    const result = spawnSync(node20!, [join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'src', 'cli', 'main.ts'), '--force'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`${N} diagrams: ${N} regenerated`));
    expect(result.stdout).not.toMatch(/written/);
    expect(await snapshot(root)).toEqual(before);
    // A guard against hanging only: a forced run under tsx took over 60 s on the shared, loaded machine.
  }, 240_000);
});
