import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * Who a temp file or the lock belongs to: a process id, the host it runs on, and when it started.
 * A PID alone is not enough: after a run dies its number is free, and a later, unrelated process
 * may get it. The start time tells them apart.
 */
export interface Owner {
  readonly pid: number;
  /** os.hostname() of the owner's machine. */
  readonly host: string;
  /**
   * When the process started: on Linux its start time in clock ticks after boot (field 22 of
   * /proc/<pid>/stat), which another process can read too; elsewhere `t` and the epoch
   * milliseconds of our own start, which no other process can check (a live PID then counts as the owner).
   */
  readonly start: string;
}

/** The start time of a running process as /proc gives it, or undefined (no such process, or no /proc). */
export function startOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = fields[19];
    return ticks !== undefined && /^\d+$/.test(ticks) ? ticks : undefined;
  } catch {
    return undefined;
  }
}

/** True while a process with this id exists (EPERM: it exists, but belongs to another user). */
export function isRunning(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export const self: Owner = { pid: process.pid, host: hostname(), start: startOf(process.pid) ?? `t${Math.round(performance.timeOrigin)}` };

/** Eight hex digits standing for a host name in file names (a host name may hold dots and more). */
export const hostTag = (host: string): string => createHash('sha256').update(host).digest('hex').slice(0, 8);

/**
 * Whether the owner is still running, as far as this machine can tell: `alive`, `dead` (no such
 * process, or its PID now belongs to a process that started at another time), or `elsewhere` (another
 * host: its processes cannot be checked from here).
 */
export function ownerState(owner: { pid: number; host: string; start: string }, sameHost = owner.host === self.host): 'alive' | 'dead' | 'reused' | 'elsewhere' {
  if (!sameHost) return 'elsewhere';
  if (owner.pid === self.pid) return owner.start === self.start ? 'alive' : 'reused';
  if (!isRunning(owner.pid)) return 'dead';
  const start = startOf(owner.pid);
  // Without /proc (not Linux) a live PID cannot be told from a reused one: it counts as the owner.
  return start === undefined || start === owner.start ? 'alive' : 'reused';
}
