import { rename, rm, writeFile } from 'node:fs/promises';

const TEMP = /\.(\d+)\.tmp$/;

/** The sibling a file is written to before it is renamed over the target; it names the writing process. */
export const tempPathFor = (path: string, pid = process.pid): string => `${path}.${pid}.tmp`;

/** The process that wrote a temp file (from its name), or undefined for a name we never write. */
export function writerOfTemp(name: string): number | undefined {
  const match = TEMP.exec(name);
  return match ? Number(match[1]) : undefined;
}

/**
 * Write to a sibling temp file, then rename over the target: a reader never sees half a file, and a
 * failed write or rename removes its temp file before the error is passed on. Only a crash between
 * the two leaves one behind; the next run finds it by its `.tmp` name and removes it (see debris.ts).
 */
export async function writeAtomic(path: string, contents: string | Uint8Array): Promise<void> {
  const temp = tempPathFor(path);
  try {
    await writeFile(temp, contents);
    await rename(temp, path);
  } catch (error) {
    // If even this fails the temp file is debris, which the next run removes; the first error is the news.
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}
