import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_ROOT } from './paths';
import type { Run } from './protocol';
import type { ToolResult } from './results';
import { countedRuns, type RunPlan } from './run-loop';

export interface CliTimes {
  /** `npm run diagrams -- --force`: every diagram regenerated and written. */
  readonly forced: ToolResult;
  /** `npm run diagrams` with everything fresh: start-up and fingerprints only. */
  readonly fresh: ToolResult;
}

class TimeLimit extends Error {}

/** One whole command as a user types it, npm's own start-up included. */
function timeCommand(cwd: string, args: readonly string[], timeoutMs: number): Promise<number> {
  return new Promise((done, fail) => {
    const start = performance.now();
    const child = spawn('npm', ['run', 'diagrams', '--', ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new TimeLimit());
    }, timeoutMs);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) done(performance.now() - start);
      else fail(new Error(`npm run diagrams ${args.join(' ')} exited ${code}: ${stderr.trim().split('\n').at(-1) ?? ''}`));
    });
  });
}

async function timeRuns(cwd: string, args: readonly string[], plan: RunPlan, timeoutMs: number): Promise<ToolResult> {
  const runs: Run[] = [];
  try {
    await timeCommand(cwd, args, timeoutMs); // warm-up, not counted: disk cache and tsx's compile cache
    // Wall-clock only: a command is several processes (npm, node), and waiting for them is the point.
    await countedRuns(plan, async () => ({ wall: { command: await timeCommand(cwd, args, timeoutMs) }, cpu: {} }), (run) => runs.push(run));
    return { runs };
  } catch (error) {
    const timedOut = error instanceof TimeLimit;
    return { runs, stopped: { reason: timedOut ? `did not finish in ${Math.round(timeoutMs / 1000)} s` : (error as Error).message, timedOut } };
  }
}

/**
 * Whole CLI commands in a throwaway copy of the project (src, diagrams, package.json copied;
 * node_modules linked), so the committed diagrams are never touched.
 */
export async function measureCli(plan: RunPlan, timeoutMs: number): Promise<CliTimes> {
  const project = await mkdtemp(join(tmpdir(), 'runnable-zoo-bench-'));
  try {
    for (const entry of ['src', 'diagrams', 'package.json', 'tsconfig.json']) await cp(join(BENCH_ROOT, entry), join(project, entry), { recursive: true });
    await symlink(join(BENCH_ROOT, 'node_modules'), join(project, 'node_modules'));
    const forced = await timeRuns(project, ['--force'], plan, timeoutMs);
    const fresh = await timeRuns(project, [], plan, timeoutMs);
    return { forced, fresh };
  } finally {
    await rm(project, { recursive: true, force: true });
  }
}
