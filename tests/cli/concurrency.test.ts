import { existsSync } from 'node:fs';
import { readFile, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startOf } from '../../src/cli/owner';
import { COMMITTED_DIAGRAMS as N } from '../support/temp-project';
import { project, run, spawnCli, startCli, until } from './project';

const FIXTURES = join(import.meta.dirname, 'fixtures');

/** A project whose manifest lacks the entries of perceptron.cells.svg and feed-forward.cells.svg. */
async function withoutTwoEntries() {
  const p = await project();
  const manifestPath = join(p.diagrams, 'manifest.json');
  const committed = await readFile(manifestPath, 'utf8');
  const manifest = JSON.parse(committed) as Record<string, unknown>;
  delete manifest['perceptron.cells.svg'];
  delete manifest['feed-forward.cells.svg'];
  await writeFile(manifestPath, JSON.stringify(manifest));
  return { ...p, manifestPath, committed };
}

describe('npm run diagrams, run twice at once', () => {
  it('loses no manifest update: the second run waits for the first, and both entries are recorded', async () => {
    const { root, manifestPath, committed } = await withoutTwoEntries();
    // Two real processes, each regenerating one architecture: unserialised, each would write the
    // manifest it read plus its own entry, and the later write would drop the other's.
    const [a, b] = await Promise.all([startCli(root, ['perceptron']), startCli(root, ['feed-forward'])]);
    expect([a.status, b.status], `${a.stderr}\n${b.stderr}`).toEqual([0, 0]);
    expect(a.stdout).toMatch(/written|unchanged +perceptron\.cells\.svg/);
    expect(b.stdout).toMatch(/written|unchanged +feed-forward\.cells\.svg/);
    const waited = [a.stdout, b.stdout].filter((out) => /waiting for the run with PID \d+ on host .+, started \d{4}-/.test(out));
    expect(waited).toHaveLength(1);

    expect(await readFile(manifestPath, 'utf8')).toBe(committed);
    expect(await run(root, '--check')).toEqual({ code: 0, output: `${N} diagrams, all fresh` });
  });

  it('never takes the lock from a live run, however long it is blocked and however old the lock file', async () => {
    const { root, diagrams, manifestPath, committed } = await withoutTwoEntries();
    await writeFile(join(diagrams, 'perceptron.cells.svg'), 'stale'); // so the first run renames a diagram into place
    const marker = join(root, 'stopped');
    // The first run stops itself (SIGSTOP) holding the lock, in the middle of writing.
    const a = spawnCli(root, ['perceptron'], { nodeOptions: ['--import', join(FIXTURES, 'stop-at-rename.mjs')], env: { STOP_MARKER: marker } });
    await until(() => existsSync(marker), 'the first run to stop');
    const pid = Number(await readFile(marker, 'utf8'));
    // A lock an hour old: by age alone, it would be stale.
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await utimes(join(diagrams, '.lock'), anHourAgo, anHourAgo);

    const b = spawnCli(root, ['feed-forward']);
    let bExited = false;
    void b.done.then(() => (bExited = true));
    await until(() => bExited || b.output().includes('waiting for'), 'the second run to wait or finish');
    expect(bExited, `the second run went ahead while the first held the lock:\n${b.output()}`).toBe(false);
    expect(b.output()).toContain(`waiting for the run with PID ${pid} on host ${hostname()}, started `);

    process.kill(pid, 'SIGCONT');
    const [ra, rb] = await Promise.all([a.done, b.done]);
    expect([ra.status, rb.status], `${ra.stderr}\n${rb.stderr}`).toEqual([0, 0]);
    expect(await readFile(manifestPath, 'utf8')).toBe(committed);
    expect(await run(root, '--check')).toEqual({ code: 0, output: `${N} diagrams, all fresh` });
  }, 180_000);

  it('keeps manifest entries written while it ran: it re-reads the manifest just before writing it', async () => {
    const { root, diagrams, manifestPath, committed } = await withoutTwoEntries();
    await writeFile(join(diagrams, 'perceptron.cells.svg'), 'stale');
    const marker = join(root, 'stopped');
    const a = spawnCli(root, ['perceptron'], { nodeOptions: ['--import', join(FIXTURES, 'stop-at-rename.mjs')], env: { STOP_MARKER: marker } });
    await until(() => existsSync(marker), 'the run to stop');
    const pid = Number(await readFile(marker, 'utf8'));
    // Meanwhile the manifest gains feed-forward's entry (as a writer that ignored the lock would add it).
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, unknown>;
    manifest['feed-forward.cells.svg'] = (JSON.parse(committed) as Record<string, unknown>)['feed-forward.cells.svg'];
    await writeFile(manifestPath, JSON.stringify(manifest));

    process.kill(pid, 'SIGCONT');
    const done = await a.done;
    expect(done.status, done.stderr).toBe(0);
    expect(await readFile(manifestPath, 'utf8')).toBe(committed);
  }, 180_000);

  it('stops before writing the manifest when its lock is no longer its own', async () => {
    const { root, diagrams, manifestPath } = await withoutTwoEntries();
    await writeFile(join(diagrams, 'perceptron.cells.svg'), 'stale');
    const before = await readFile(manifestPath, 'utf8');
    const marker = join(root, 'stopped');
    const a = spawnCli(root, ['perceptron'], { nodeOptions: ['--import', join(FIXTURES, 'stop-at-rename.mjs')], env: { STOP_MARKER: marker } });
    await until(() => existsSync(marker), 'the run to stop');
    const pid = Number(await readFile(marker, 'utf8'));
    // Another live process's lock in its place (however it got there).
    const other = { pid: process.ppid, host: hostname(), start: startOf(process.ppid)!, started: new Date().toISOString() };
    await writeFile(join(diagrams, '.lock'), `${JSON.stringify(other)}\n`);

    process.kill(pid, 'SIGCONT');
    const done = await a.done;
    expect(done.status, `${done.stdout}\n${done.stderr}`).toBe(2);
    expect(done.stderr).toContain(`lost the lock ${join(diagrams, '.lock')}: another run took it over; stopped before writing anything more`);
    expect(await readFile(manifestPath, 'utf8')).toBe(before);
    expect(JSON.parse(await readFile(join(diagrams, '.lock'), 'utf8'))).toEqual(other); // not released: not its own
  }, 180_000);

  it('takes over at once the lock of a run that was killed, saying whose it was', async () => {
    const { root, diagrams } = await project();
    await writeFile(join(diagrams, 'perceptron.cells.svg'), 'stale');
    // SIGKILL at the first rename: no handler runs, the lock stays.
    const killed = spawnCli(root, [], { nodeOptions: ['--import', join(FIXTURES, 'kill-at-rename.mjs')], env: { KILL_SIGNAL: 'SIGKILL' } });
    const { status } = await killed.done;
    expect(status).toBeNull();
    expect(existsSync(join(diagrams, '.lock'))).toBe(true);
    const lock = { pid: killed.child.pid! };

    const next = await startCli(root, []);
    expect(next.status, next.stderr).toBe(0);
    expect(next.stdout).toContain(`taking over ${join(diagrams, '.lock')} from the run with PID ${lock.pid} on host ${hostname()}, started `);
    expect(next.stdout).toContain('that process has ended');
    expect(next.stdout).not.toContain('waiting');
    expect(next.stdout).toMatch(/removed +perceptron\.cells\.svg\.\d+\.\w+\.[0-9a-f]{8}\.tmp \(left by an interrupted run\)/);
    expect(existsSync(join(diagrams, '.lock'))).toBe(false);
    expect(await run(root, '--check')).toEqual({ code: 0, output: `${N} diagrams, all fresh` });
  }, 180_000);
});
