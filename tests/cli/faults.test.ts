import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { spawnSync } from 'node:child_process';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startOf } from '../../src/cli/owner';
import { tempPathFor } from '../../src/cli/write-atomic';
import { COMMITTED_DIAGRAMS as N, PROJECT_ROOT } from '../support/temp-project';
import { project, run, runCli, snapshot } from './project';

/** Not a process that can be running (Linux pids stop at 2^22): its temp file is debris. */
const DEAD_PID = 99_999_999;

describe('npm run diagrams, given debris of an interrupted run', () => {
  it('removes its own temp file and lock when stopped by SIGTERM between writing and renaming', async () => {
    const { root, diagrams } = await project();
    await writeFile(join(diagrams, 'perceptron.cells.svg'), 'stale');
    const before = await snapshot(root);
    // A real run, sent SIGTERM at its first rename of a diagram (tests/cli/fixtures/kill-at-rename.mjs).
    const stopped = runCli(root, [], ['--import', join(import.meta.dirname, 'fixtures', 'kill-at-rename.mjs')]);
    expect(stopped.status, stopped.stderr).toBe(143);
    expect(stopped.stderr).toMatch(/stopped by SIGTERM; removed perceptron\.cells\.svg\.\d+\.\w+\.[0-9a-f]{8}\.tmp/);
    expect(await snapshot(root)).toEqual(before);
  });

  it('leaves a temp file behind when a run is killed outright (SIGKILL) between writing and renaming, and the next run removes it', async () => {
    const { root, diagrams } = await project();
    await writeFile(join(diagrams, 'perceptron.cells.svg'), 'stale');
    // A real run, killed by SIGKILL at its first rename of a diagram: no handler runs at all.
    const killed = runCli(root, [], ['--import', join(import.meta.dirname, 'fixtures', 'kill-at-rename.mjs')], { KILL_SIGNAL: 'SIGKILL' });
    expect(killed.signal).toBe('SIGKILL');
    const debris = (await readdir(diagrams)).filter((f) => f.endsWith('.tmp'));
    expect(debris).toEqual([expect.stringMatching(/^perceptron\.cells\.svg\.\d+\.\w+\.[0-9a-f]{8}\.tmp$/)]);

    const before = await snapshot(root);
    const check = await run(root, '--check');
    expect(check.code).toBe(1);
    expect(check.output).toMatch(new RegExp(`debris +${debris[0]!.replace(/\./g, '\\.')} +\\(left by an interrupted run`));
    expect(check.output).toMatch(new RegExp(`1 of ${N} diagrams stale, 1 leftover temp file: run npm run diagrams$`));
    expect(await snapshot(root), '--check writes nothing').toEqual(before);

    const repair = await run(root);
    expect(repair.output).toContain(`removed    ${debris[0]} (left by an interrupted run)`);
    expect((await readdir(diagrams)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(await run(root, '--check')).toEqual({ code: 0, output: `${N} diagrams, all fresh` });
  });

  it('reports debris with --check even when every diagram is fresh', async () => {
    const { root, diagrams } = await project();
    await writeFile(join(diagrams, `feed-forward.cells.svg.${DEAD_PID}.tmp`), '<svg');
    const { code, output } = await run(root, '--check');
    expect(code).toBe(1);
    expect(output).toMatch(/1 leftover temp file: run npm run diagrams$/);
  });

  it('leaves a live run’s temp file alone: it is work in progress, not debris', async () => {
    const { root, diagrams } = await project();
    // Named as a live process (vitest's parent: its PID and its start time) names its temp files.
    const inProgress = basename(tempPathFor('feed-forward.cells.svg', { pid: process.ppid, host: hostname(), start: startOf(process.ppid)! }));
    await writeFile(join(diagrams, inProgress), '<svg');
    expect(await run(root, '--check')).toEqual({ code: 0, output: `${N} diagrams, all fresh` });
    await run(root);
    expect(await readdir(diagrams)).toContain(inProgress);
  });

  it('reports and removes a real leftover whose PID now belongs to another, live process', async () => {
    const { root, diagrams } = await project();
    await writeFile(join(diagrams, 'perceptron.cells.svg'), 'stale');
    const killed = runCli(root, [], ['--import', join(import.meta.dirname, 'fixtures', 'kill-at-rename.mjs')], { KILL_SIGNAL: 'SIGKILL' });
    expect(killed.signal).toBe('SIGKILL');
    const [left] = (await readdir(diagrams)).filter((f) => f.endsWith('.tmp'));
    // The killed run's PID is given to another process meanwhile: here, vitest's parent, alive.
    const reused = left!.replace(/^(perceptron\.cells\.svg)\.\d+/, `$1.${process.ppid}`);
    await rename(join(diagrams, left!), join(diagrams, reused));

    const check = await run(root, '--check');
    expect(check.code).toBe(1);
    expect(check.output).toMatch(new RegExp(`debris +${reused.replace(/\./g, '\\.')} +\\(left by an interrupted run; PID ${process.ppid} now belongs to another process`));
    const repair = await run(root);
    expect(repair.output).toContain(`removed    ${reused} (left by an interrupted run; PID ${process.ppid} now belongs to another process)`);
    expect((await readdir(diagrams)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(await run(root, '--check')).toEqual({ code: 0, output: `${N} diagrams, all fresh` });
  });

  it('never touches what it did not write: a directory named *.tmp, its contents, a file of another name', async () => {
    const { root, diagrams } = await project();
    await mkdir(join(diagrams, 'my-work.tmp', 'sub'), { recursive: true });
    await writeFile(join(diagrams, 'my-work.tmp', 'sub', 'notes.txt'), 'mine');
    // Even a directory with the tool's own pattern and a dead PID is not a temp file it wrote.
    await mkdir(join(diagrams, `perceptron.cells.svg.${DEAD_PID}.tmp`, 'sub'), { recursive: true });
    await writeFile(join(diagrams, `perceptron.cells.svg.${DEAD_PID}.tmp`, 'sub', 'notes.txt'), 'mine');
    await writeFile(join(diagrams, 'notes.tmp'), 'mine');
    const before = await snapshot(root);
    expect(await run(root, '--check')).toEqual({ code: 0, output: `${N} diagrams, all fresh` });
    const { code, output } = await run(root, '--force');
    expect(code).toBe(0);
    expect(output).not.toContain('removed');
    expect(await readFile(join(diagrams, 'my-work.tmp', 'sub', 'notes.txt'), 'utf8')).toBe('mine');
    expect(await readFile(join(diagrams, `perceptron.cells.svg.${DEAD_PID}.tmp`, 'sub', 'notes.txt'), 'utf8')).toBe('mine');
    expect(await readFile(join(diagrams, 'notes.tmp'), 'utf8')).toBe('mine');
    expect(Object.keys(await snapshot(root))).toEqual(Object.keys(before));
  });
});

describe('npm run diagrams, given a damaged manifest', () => {
  const damaged: [string, string, RegExp][] = [
    ['empty', '', /manifest\.json: empty;/],
    ['truncated', '{\n  "echo-state-network.cells.svg": {\n    "inputs": "41de', /manifest\.json: not valid JSON \(/],
    ['null', 'null', /manifest\.json: expected an object of diagram entries, but got null;/],
    ['a list', '[]', /manifest\.json: expected an object of diagram entries, but got a list;/],
    ['an entry of the wrong shape', '{ "perceptron.cells.svg": 42 }', /manifest\.json: "perceptron\.cells\.svg": expected \{ "inputs", "svg" \} with 16 hex digits each, but got 42;/],
    ['an entry missing a fingerprint', '{ "perceptron.cells.svg": { "inputs": "0123456789abcdef" } }', /"perceptron\.cells\.svg": expected \{ "inputs", "svg" \}/],
    ['a key that is no diagram', '{ "../../etc/passwd": { "inputs": "0123456789abcdef", "svg": "0123456789abcdef" } }', /"\.\.\/\.\.\/etc\/passwd": expected a diagram file name/],
  ];

  it.each(damaged)('counts everything stale when it is %s, with --check naming the problem and writing nothing', async (_, text, problem) => {
    const { root, diagrams } = await project();
    await writeFile(join(diagrams, 'manifest.json'), text);
    const before = await snapshot(root);
    const { code, output } = await run(root, '--check');
    expect(code).toBe(1);
    expect(output).toMatch(problem);
    expect(output).toMatch(new RegExp(`${N} of ${N} diagrams stale`));
    expect(await snapshot(root)).toEqual(before);
  });

  it.each(damaged)('repairs it when it is %s, leaving every diagram’s bytes alone', async (_, text) => {
    const { root, diagrams } = await project();
    const committed = await readFile(join(diagrams, 'manifest.json'), 'utf8');
    await writeFile(join(diagrams, 'manifest.json'), text);
    const svgsBefore = Object.entries(await snapshot(root)).filter(([f]) => f.endsWith('.svg'));
    const { code, output } = await run(root);
    expect(code).toBe(0);
    expect(output).toMatch(new RegExp(`${N} diagrams: ${N} regenerated, 0 fresh`));
    expect(output).not.toMatch(/written +\S+\.svg/);
    expect(await readFile(join(diagrams, 'manifest.json'), 'utf8')).toBe(committed);
    expect(Object.entries(await snapshot(root)).filter(([f]) => f.endsWith('.svg'))).toEqual(svgsBefore);
  });

  it('names an unreadable manifest instead of treating it as missing', async () => {
    const { root, diagrams } = await project();
    const path = join(diagrams, 'manifest.json');
    await rm(path);
    await mkdir(path); // not "no manifest yet": an error that names the file
    await expect(run(root, '--check')).rejects.toThrow(`EISDIR: illegal operation on a directory, read`);
  });
});

describe('npm run diagrams, given leftovers of removed definitions and views', () => {
  it('lists a diagram no definition draws any more as stale, then removes it and its manifest entry', async () => {
    const { root, diagrams } = await project();
    const manifestPath = join(diagrams, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, unknown>;
    const committed = await readFile(manifestPath, 'utf8');
    // A view perceptron no longer declares, and a definition that is gone.
    manifest['perceptron.unrolled.svg'] = manifest['perceptron.cells.svg'];
    manifest['unwritten-network.cells.svg'] = manifest['perceptron.cells.svg'];
    await writeFile(manifestPath, JSON.stringify(manifest));
    await writeFile(join(diagrams, 'perceptron.unrolled.svg'), '<svg/>');
    await writeFile(join(diagrams, 'unwritten-network.cells.svg'), '<svg/>');

    const check = await run(root, '--check');
    expect(check.code).toBe(1);
    expect(check.output).toMatch(/stale +perceptron\.unrolled\.svg +\(perceptron has no view "unrolled"\)/);
    expect(check.output).toMatch(/stale +unwritten-network\.cells\.svg +\(no definition src\/zoo\/unwritten-network\.ts\)/);

    const { output } = await run(root);
    expect(output).toMatch(/removed +perceptron\.unrolled\.svg/);
    expect(output).toMatch(/removed +unwritten-network\.cells\.svg/);
    expect(await readdir(diagrams)).not.toContain('perceptron.unrolled.svg');
    expect(await readdir(diagrams)).not.toContain('unwritten-network.cells.svg');
    expect(await readFile(manifestPath, 'utf8')).toBe(committed);
  });

  it('does not count a lost manifest entry as fresh, though its neighbours are unchanged', async () => {
    const { root, diagrams } = await project();
    const manifestPath = join(diagrams, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, unknown>;
    delete manifest['echo-state-network.unrolled.svg'];
    await writeFile(manifestPath, JSON.stringify(manifest));
    const { code, output } = await run(root, '--check');
    expect(code).toBe(1);
    expect(output).toMatch(/stale +echo-state-network\.unrolled\.svg +\(not in manifest\)/);
  });
});

/** Commits `files` to a new repository and clones it as Windows does by default (core.autocrlf=true). */
async function crlfCheckout(files: Record<string, string>): Promise<(path: string) => Promise<string>> {
  const { root } = await project();
  const origin = join(root, 'origin');
  const clone = join(root, 'clone');
  await mkdir(join(origin, 'diagrams'), { recursive: true });
  for (const [path, text] of Object.entries(files)) await writeFile(join(origin, path), text);
  const git = (cwd: string, ...args: string[]) => {
    const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  };
  git(origin, 'init', '--quiet');
  git(origin, 'add', '.');
  git(origin, '-c', 'user.name=test', '-c', 'user.email=test@example.org', 'commit', '--quiet', '-m', 'diagrams');
  git(root, '-c', 'core.autocrlf=true', 'clone', '--quiet', '--config', 'core.autocrlf=true', origin, clone);
  return (path) => readFile(join(clone, path), 'utf8');
}

describe('npm run diagrams, given a CRLF checkout', () => {
  it('gets LF diagrams and sources from git even where core.autocrlf is set, thanks to .gitattributes', async () => {
    const svg = await readFile(join(PROJECT_ROOT, 'diagrams', 'perceptron.cells.svg'), 'utf8');
    const source = await readFile(join(PROJECT_ROOT, 'src', 'zoo', 'perceptron.ts'), 'utf8');
    const files = { 'diagrams/perceptron.cells.svg': svg, 'perceptron.ts': source };
    const withAttributes = await crlfCheckout({ ...files, '.gitattributes': await readFile(join(PROJECT_ROOT, '.gitattributes'), 'utf8') });
    expect(await withAttributes('diagrams/perceptron.cells.svg')).toBe(svg);
    expect(await withAttributes('perceptron.ts')).toBe(source);
    // Without it the same clone converts them: the test can tell.
    const without = await crlfCheckout(files);
    expect(await without('diagrams/perceptron.cells.svg')).toContain('\r\n');
  });

  it('says the line endings changed rather than that the file was edited by hand', async () => {
    const { root, diagrams } = await project();
    const file = join(diagrams, 'perceptron.cells.svg');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/\n/g, '\r\n'));
    const { code, output } = await run(root, '--check');
    expect(code).toBe(1);
    expect(output).toMatch(/stale +perceptron\.cells\.svg +\(line endings changed to CRLF \(\.gitattributes keeps diagrams LF\)\)/);
  });
});
