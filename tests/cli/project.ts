import { spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'node:child_process';
import { copyFile, readFile, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { runDiagrams } from '../../src/cli/diagrams';
import { PROJECT_ROOT, tempProject } from '../support/temp-project';

/** The Node the project brings (the `node` devDependency), which `npm run diagrams` runs. */
export const NODE = join(PROJECT_ROOT, 'node_modules', '.bin', 'node');

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

/**
 * A temporary project as a fresh clone has it: PNGs are not committed, so none exist yet; package.json
 * is there, as Node reads its "type" to run src/cli/main.ts.
 */
export async function project(): Promise<{ root: string; diagrams: string }> {
  const p = await tempProject();
  cleanups.push(p.cleanup);
  await copyFile(join(PROJECT_ROOT, 'package.json'), join(p.root, 'package.json'));
  const diagrams = join(p.root, 'diagrams');
  for (const file of await readdir(diagrams)) if (file.endsWith('.png')) await rm(join(diagrams, file));
  return { root: p.root, diagrams };
}

/** Every entry of diagrams/ with its bytes and mtime: "writes nothing" means this does not change. */
export async function snapshot(root: string): Promise<Record<string, string>> {
  const dir = join(root, 'diagrams');
  const files = (await readdir(dir)).sort();
  return Object.fromEntries(
    await Promise.all(
      files.map(async (f) => {
        const info = await stat(join(dir, f));
        return [f, info.isDirectory() ? 'directory' : `${info.mtimeMs}:${await readFile(join(dir, f), 'utf8')}`] as const;
      }),
    ),
  );
}

/** The command in this process, its lines collected. */
export async function run(root: string, ...argv: string[]): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const code = await runDiagrams(argv, root, { log: (l) => lines.push(l) });
  return { code, output: lines.join('\n') };
}

/** The command as `npm run diagrams` runs it: a real process of the project's Node. */
export function runCli(root: string, argv: readonly string[], nodeOptions: readonly string[] = [], env: Record<string, string> = {}): SpawnSyncReturns<string> {
  return spawnSync(NODE, [...nodeOptions, join(root, 'src', 'cli', 'main.ts'), ...argv], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
}

/** The same, without waiting: resolves with its status and output when it exits. */
export function startCli(root: string, argv: readonly string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(NODE, [join(root, 'src', 'cli', 'main.ts'), ...argv], { cwd: root });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A real CLI process with its output readable while it runs, for tests that act on it meanwhile. */
export function spawnCli(
  root: string,
  argv: readonly string[],
  options: { nodeOptions?: readonly string[]; env?: Record<string, string> } = {},
): { child: ChildProcess; output: () => string; done: Promise<{ status: number | null; stdout: string; stderr: string }> } {
  const child = spawn(NODE, [...(options.nodeOptions ?? []), join(root, 'src', 'cli', 'main.ts'), ...argv], { cwd: root, env: { ...process.env, ...options.env } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
  return { child, output: () => stdout, done };
}

/** Resolves when `condition` holds, looking every 50 ms; rejects after `guard` ms (a guard, not a measurement). */
export async function until(condition: () => boolean | Promise<boolean>, what: string, guard = 60_000): Promise<void> {
  const give = Date.now() + guard;
  while (!(await condition())) {
    if (Date.now() > give) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
