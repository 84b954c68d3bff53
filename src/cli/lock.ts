import lockfile from 'proper-lockfile';
import { join } from 'node:path';

/**
 * How old the lock's heartbeat may get before another run takes it over. The holder refreshes it
 * every half of this, but only between synchronous stretches (a tfjs build, a layout, a PNG), so it is
 * generous; a lock left by a killed run is taken over after at most this long.
 */
const STALE_MS = 60_000;
/** How many times (about once a second) a run checks whether another one has finished, before giving up. */
const WAIT_RETRIES = 600;

export interface HeldLock {
  /** Throws if another run has taken the lock over since: call it right before writing. */
  assertHeld(): void;
  release(): Promise<void>;
}

export const lockPath = (outDir: string): string => join(outDir, '.lock');

/**
 * Serialises runs that write diagrams/: two at once would each read the manifest, and the later
 * write would drop the earlier one's entries. proper-lockfile (an atomic mkdir, a heartbeat on its
 * mtime, release on exit and on signals) does the locking; a second run waits its turn, saying so.
 */
export async function acquireLock(outDir: string, onWait: (message: string) => void): Promise<HeldLock> {
  let lost: Error | undefined;
  const options = {
    lockfilePath: lockPath(outDir),
    stale: STALE_MS,
    onCompromised: (error: Error) => {
      lost = error;
    },
  };
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(outDir, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    onWait(`waiting for another run of npm run diagrams to finish (${options.lockfilePath}; a lock left by a killed run expires after ${STALE_MS / 1000} s)`);
    try {
      release = await lockfile.lock(outDir, { ...options, retries: { retries: WAIT_RETRIES, factor: 1.2, minTimeout: 100, maxTimeout: 1000 } });
    } catch (waited) {
      if ((waited as NodeJS.ErrnoException).code !== 'ELOCKED') throw waited;
      throw new Error(`${options.lockfilePath}: another run of npm run diagrams has held it for about ${WAIT_RETRIES} s; gave up waiting`, { cause: waited });
    }
  }
  return {
    assertHeld() {
      if (lost) throw new Error(`lost the lock on ${outDir} (${lost.message}): another run may be writing; stopped before writing anything more`);
    },
    async release() {
      if (!lost) await release();
    },
  };
}
