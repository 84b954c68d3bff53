import { rename, writeFile } from 'node:fs/promises';

/** Write to a sibling temp file, then rename over the target: a reader never sees half a file. */
export async function writeAtomic(path: string, contents: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, contents);
  await rename(temp, path);
}
