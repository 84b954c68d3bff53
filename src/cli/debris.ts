import { lstatSync, readdirSync, unlinkSync } from 'node:fs';
import { lstat, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { hostTag, isRunning, ownerState, self } from './owner.ts';
import { writerOfTemp } from './write-atomic.ts';

export interface Debris {
  readonly name: string;
  /** Why it is debris, e.g. "left by an interrupted run". */
  readonly reason: string;
}

/**
 * Temp files in `dir` left by a run that died between writing and renaming: regular files named as
 * writeAtomic names them (write-atomic.ts) whose writer is no longer running — no process has its
 * PID, or the process that has it now started at another time (the PID was reused). A live writer's
 * temp file is its work in progress, and a temp file written on another host cannot be checked from
 * here: both are left alone. Anything else (a directory, a symlink, a file of another name, even one
 * ending in .tmp) is not ours, and is never touched. Sorted by name.
 */
export async function findDebris(dir: string): Promise<Debris[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const debris: Debris[] = [];
  for (const name of names.sort()) {
    const writer = writerOfTemp(name);
    if (!writer) continue;
    const info = await lstat(join(dir, name)).catch(() => undefined);
    if (!info?.isFile()) continue;
    if (writer.start === undefined) {
      // An older version's name: only the PID to go by.
      if (!isRunning(writer.pid)) debris.push({ name, reason: 'left by an interrupted run' });
      continue;
    }
    const state = ownerState({ pid: writer.pid, host: self.host, start: writer.start }, writer.hostTag === hostTag(self.host));
    // Our own PID and start: a temp file this very process left (a failed rm after a failed write).
    if (state === 'dead' || (writer.pid === self.pid && state === 'alive')) debris.push({ name, reason: 'left by an interrupted run' });
    else if (state === 'reused') debris.push({ name, reason: `left by an interrupted run; PID ${writer.pid} now belongs to another process` });
  }
  return debris;
}

/** Removes the files findDebris named (regular files only: never a directory, never recursively). */
export async function removeDebris(dir: string, debris: readonly Debris[]): Promise<void> {
  for (const { name } of debris) {
    const path = join(dir, name);
    const info = await lstat(path).catch(() => undefined);
    if (info?.isFile()) await unlink(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
}

/**
 * Removes, synchronously, the temp files this process wrote in `dir` (its PID, this host): what a run
 * stopped by a signal mid-write leaves. Synchronous because it runs on the way out, after the worker
 * thread that wrote them has been stopped. Returns their names.
 */
export function removeOwnTemps(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names.sort()) {
    const writer = writerOfTemp(name);
    if (!writer || writer.pid !== self.pid || (writer.hostTag !== undefined && writer.hostTag !== hostTag(self.host))) continue;
    try {
      if (!lstatSync(join(dir, name)).isFile()) continue;
      unlinkSync(join(dir, name));
      removed.push(name);
    } catch {
      // gone already
    }
  }
  return removed;
}
