import { rename, rm, writeFile } from 'node:fs/promises';

/**
 * Write to a sibling temp file, then rename over the target: a reader never sees half a file, and a
 * failed write leaves neither a partial target nor a stray temp file.
 */
export async function writeAtomic(path: string, contents: string | Uint8Array): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temp, contents);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
