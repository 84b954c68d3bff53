import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRunning } from '../../src/cli/owner';
import { project, snapshot, spawnCli, until } from './project';

/**
 * A definition whose build() never returns: it says it has started (a file the test waits for), then
 * spins, synchronously, as a tfjs build or an ELK layout does for a long while. Ctrl-C and SIGTERM
 * must still stop the run at once, leaving no lock, no temp file and an unchanged diagrams/.
 */
async function stuckProject(): Promise<{ root: string; diagrams: string; started: string }> {
  const p = await project();
  const started = join(p.root, 'build-started');
  const definition = join(p.root, 'src', 'zoo', 'perceptron.ts');
  const source = readFileSync(definition, 'utf8').replace(
    /function build\(config: PerceptronConfig\): tf\.LayersModel \{/,
    (head) => `${head}\n  (globalThis as any).process.getBuiltinModule('node:fs').writeFileSync(${JSON.stringify(started)}, 'yes');\n  for (;;) {}`,
  );
  writeFileSync(definition, source);
  return { ...p, started };
}

const leftovers = (diagrams: string) => readdirSync(diagrams).filter((f) => f === '.lock' || f.endsWith('.tmp'));

describe('npm run diagrams, stopped by a signal while busy', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('obeys %s in the middle of a synchronous build: exits %i, removes its lock, leaves no temp file and writes nothing', async (signal, status) => {
    const { root, diagrams, started } = await stuckProject();
    const before = await snapshot(root);
    const run = spawnCli(root, ['perceptron', '--force']);
    await until(() => existsSync(started), 'the build to start');
    expect(existsSync(join(diagrams, '.lock'))).toBe(true);
    run.child.kill(signal);
    const result = await run.done;
    expect(result.status, result.stderr).toBe(status);
    expect(result.stderr).toContain(`stopped by ${signal}`);
    expect(leftovers(diagrams)).toEqual([]);
    expect(await snapshot(root)).toEqual(before);
  });

  it('says what it is doing while a step runs on: still building and tracing the definition, after 10 s', async () => {
    const { root, started } = await stuckProject();
    const run = spawnCli(root, ['perceptron', '--force']);
    await until(() => existsSync(started), 'the build to start');
    await until(() => run.output().includes('  working    still building and tracing perceptron (from src/zoo/perceptron.ts) ('), 'a line saying what the run is doing');
    run.child.kill('SIGINT');
    expect((await run.done).status).toBe(130);
  });

  it('stops with Ctrl-C through npm run: npm and node both end, and no lock is left for the next run', async () => {
    const { root, diagrams, started } = await stuckProject();
    // Ctrl-C signals the terminal's whole process group: npm and the node it started.
    const npm = spawn('npm', ['run', 'diagrams', '--', 'perceptron', '--force'], { cwd: root, detached: true, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => npm.on('exit', (code) => resolve(code)));
    await until(() => existsSync(started), 'the build to start');
    const owner = (JSON.parse(readFileSync(join(diagrams, '.lock'), 'utf8')) as { pid: number }).pid;
    process.kill(-npm.pid!, 'SIGINT');
    await exited;
    await until(() => !isRunning(owner), `node (PID ${owner}) to end after npm`, 10_000);
    expect(leftovers(diagrams)).toEqual([]);
  });
});
