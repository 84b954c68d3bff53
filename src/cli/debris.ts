import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writerOfTemp } from './write-atomic.ts';

/** True while a process with this id exists (EPERM: it exists, but belongs to someone else). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Temp files in `dir` left by a run that died between writing and renaming: `*.tmp` whose writer
 * (named in the file name) is no longer running. A live writer's temp file is its work in progress,
 * not debris. Sorted by name.
 */
export async function findDebris(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .filter((name) => {
      if (!name.endsWith('.tmp')) return false;
      const writer = writerOfTemp(name);
      return writer === undefined || writer === process.pid || !isRunning(writer);
    })
    .sort();
}

export async function removeDebris(dir: string, names: readonly string[]): Promise<void> {
  for (const name of names) await rm(join(dir, name), { force: true, recursive: true });
}
