import { spawn, spawnSync } from 'node:child_process';
import { devNull } from 'node:os';
import type { ChildResult } from './child-process';
import type { Run } from './protocol';
import { countedRuns, type RunPlan } from './run-loop';

/** Graphviz's own `dot` program, where the machine has it (a fresh machine need not). */
export interface NativeDot {
  readonly command: string;
  /** As `dot -V` prints it, e.g. "dot - graphviz version 2.43.0 (0)". */
  readonly version: string;
}

/** Finds `dot` and runs it once on a tiny graph, so its libraries are loaded before anything is timed. */
export function findNativeDot(command = 'dot'): NativeDot | undefined {
  const probe = spawnSync(command, ['-V'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return undefined;
  spawnSync(command, ['-Tsvg'], { input: 'digraph w { subgraph cluster_a { a } a -> b }', encoding: 'utf8' });
  return { command, version: `${probe.stderr}${probe.stdout}`.trim() };
}

class TimeLimit extends Error {}

/** The children's user and system time, from the second line that the shell's `times` prints ("0m3.02s 0m0.04s"). */
function childrenCpuMs(timesOutput: string): number | undefined {
  const match = /(\d+)m([\d.]+)s\s+(\d+)m([\d.]+)s\s*$/.exec(timesOutput.trim());
  if (!match) return undefined;
  const [, userMin, userS, sysMin, sysS] = match.map(Number) as [number, number, number, number, number];
  return (userMin * 60 + userS + sysMin * 60 + sysS) * 1000;
}

/**
 * One `dot -Tsvg` process, whole: start-up, parse, layout, SVG written (to the null device). It runs
 * under a POSIX shell only for the shell's `times`, the one portable way to read a child's CPU time.
 */
function timeOnce(dot: NativeDot, file: string, timeoutMs: number): Promise<Run> {
  return new Promise((done, fail) => {
    const start = performance.now();
    // Its own process group, so the time limit ends dot too, not just the shell around it.
    const child = spawn('/bin/sh', ['-c', '"$@" && times', 'sh', dot.command, '-Tsvg', file, '-o', devNull], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    const timer = setTimeout(() => {
      process.kill(-child.pid!, 'SIGKILL');
      fail(new TimeLimit());
    }, timeoutMs);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      const wall = performance.now() - start;
      const cpu = childrenCpuMs(stdout);
      if (code === 0) done({ wall: { dot: wall }, cpu: cpu === undefined ? {} : { dot: cpu } });
      else fail(new Error(stderr.trim().split('\n').at(-1) ?? `exit ${code}`));
    });
  });
}

/** Counted runs of native dot on a DOT file, stopped (and said so) at the first run over the limit. */
export async function timeNativeDot(dot: NativeDot, file: string, plan: RunPlan, timeoutMs: number): Promise<ChildResult> {
  const runs: Run[] = [];
  try {
    await countedRuns(plan, () => timeOnce(dot, file, timeoutMs), (run) => runs.push(run));
    return { runs, events: [] };
  } catch (error) {
    const timedOut = error instanceof TimeLimit;
    const reason = timedOut ? `dot did not finish in ${Math.round(timeoutMs / 1000)} s` : `dot failed: ${(error as Error).message}`;
    return { runs, events: [], stopped: { reason, timedOut, stage: 'dot', done: {}, stageMs: timeoutMs } };
  }
}
