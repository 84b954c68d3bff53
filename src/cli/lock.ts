import { readFileSync, unlinkSync } from 'node:fs';
import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ownerState, self, type Owner } from './owner.ts';
import { tempPathFor } from './write-atomic.ts';

/** How long a run waits for a live one before giving up (a dead one's lock is taken over at once). */
const WAIT_MS = 600_000;
/** How often a waiting run looks again. */
const POLL_MS = 200;

export interface HeldLock {
  /** Throws unless diagrams/.lock is still this run's: call it right before writing. */
  assertHeld(): void;
  /** The lock file and this run's record in it: enough for a worker thread of the run to check it holds the lock. */
  readonly path: string;
  readonly text: string;
  release(): Promise<void>;
}

interface LockRecord extends Owner {
  /** When the run took the lock (ISO 8601), for the waiting message. */
  readonly started: string;
}

export const lockPath = (outDir: string): string => join(outDir, '.lock');

function parseRecord(text: string): LockRecord | undefined {
  try {
    const record = JSON.parse(text) as Partial<LockRecord>;
    if (typeof record.pid === 'number' && typeof record.host === 'string' && typeof record.start === 'string' && typeof record.started === 'string') return record as LockRecord;
  } catch {
    // not ours
  }
  return undefined;
}

const describe = (owner: LockRecord) => `the run with PID ${owner.pid} on host ${owner.host}, started ${owner.started}`;

/**
 * Serialises runs that write diagrams/: two at once would each read the manifest, and the later
 * write would drop the earlier one's entries. The lock is a small file, diagrams/.lock, holding
 * JSON {pid, host, start, started}. It is created atomically (written to a temp file, then hard-linked
 * to .lock, which fails if .lock exists), so it is never seen half-written.
 *
 * Why not proper-lockfile: it judges a lock stale by the age of its mtime, refreshed by a timer. A
 * run busy in a long synchronous step (a tfjs build) cannot refresh it, so a second run took the
 * lock from a live run and one manifest entry was lost; and a lock left by a killed run cost 60 s of
 * silent waiting. Here a lock is taken over only when its owner is dead — no process with its PID on
 * this host, or one that started at another time (the PID was reused) — and then at once; a live
 * owner, however long it is busy, is waited for, and a lock from another host (whose processes
 * cannot be checked from here) too, saying so.
 */
export async function acquireLock(outDir: string, onWait: (message: string) => void): Promise<HeldLock> {
  const path = lockPath(outDir);
  const mine: LockRecord = { ...self, started: new Date().toISOString() };
  const text = `${JSON.stringify(mine)}\n`;
  const deadline = Date.now() + WAIT_MS;
  let announced = '';
  for (;;) {
    const temp = tempPathFor(path);
    await writeFile(temp, text);
    try {
      await link(temp, path);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await unlink(temp).catch(() => undefined);
    }
    let current: string;
    try {
      current = await readFile(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') continue; // released meanwhile: try again
      if (code === 'EISDIR') throw new Error(`${path} is a directory, left by an older version of npm run diagrams (proper-lockfile): if no run is active, delete it`);
      throw error;
    }
    const owner = parseRecord(current);
    if (!owner) throw new Error(`${path} is not a lock npm run diagrams wrote (${JSON.stringify(current.slice(0, 80))}): if no run is active, delete it`);
    const state = ownerState(owner);
    if (state === 'dead' || state === 'reused') {
      onWait(`taking over ${path} from ${describe(owner)}: ${state === 'dead' ? 'that process has ended' : `PID ${owner.pid} now belongs to another process`}`);
      await takeOver(path, current);
      continue;
    }
    const message =
      state === 'elsewhere'
        ? `waiting for ${describe(owner)} (${path}; it cannot be checked from this host: if that run is over, delete the file)`
        : `waiting for ${describe(owner)} (${path})`;
    if (message !== announced) onWait(message);
    announced = message;
    if (Date.now() > deadline) throw new Error(`${path}: gave up after waiting ${WAIT_MS / 1000} s for ${describe(owner)}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }

  const { isMine, assertHeld } = lockCheck(path, text);
  let released = false;
  const releaseNow = () => {
    if (released) return;
    released = true;
    if (isMine()) unlinkSync(path);
  };
  // process.exit() (main.ts exits with the run's code) still releases it; a run killed by a signal
  // leaves it, and the next run sees its owner dead and takes it over at once.
  process.once('exit', releaseNow);
  return {
    path,
    text,
    assertHeld,
    async release() {
      process.off('exit', releaseNow);
      releaseNow();
    },
  };
}

/**
 * Whether diagrams/.lock still holds this run's record (`text`), and the check to call right before
 * writing. A worker thread of the run checks the lock the main thread holds with the same two.
 */
export function lockCheck(path: string, text: string): { isMine(): boolean; assertHeld(): void } {
  const isMine = () => {
    try {
      return readFileSync(path, 'utf8') === text;
    } catch {
      return false;
    }
  };
  return {
    isMine,
    assertHeld() {
      if (!isMine()) throw new Error(`lost the lock ${path}: another run took it over; stopped before writing anything more`);
    },
  };
}

/**
 * Removes a dead owner's lock, and only that one: it is moved aside first (atomic), then checked. Had
 * another run replaced it in the meantime, the moved file is that run's lock: it is put back (a hard
 * link, which fails if a third run got in first; the run whose lock it was then finds it lost before
 * writing, and stops).
 */
async function takeOver(path: string, deadText: string): Promise<void> {
  const aside = tempPathFor(path); // named as debris is, should this run die right here
  try {
    await rename(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    if ((await readFile(aside, 'utf8')) !== deadText) await link(aside, path).catch(() => undefined);
  } finally {
    await unlink(aside).catch(() => undefined);
  }
}
