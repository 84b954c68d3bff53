import { rename, rm, writeFile } from 'node:fs/promises';
import { DIAGRAM_OR_PNG } from './file-names.ts';
import { hostTag, self, type Owner } from './owner.ts';

/**
 * Temp files we write: `<target>.<pid>.<start>.<host>.tmp`, where target is a file the tool writes
 * (a diagram's SVG or PNG, manifest.json, .lock), pid and start identify the writing process (see
 * owner.ts) and host is eight hex digits of its host name. Older versions wrote `<target>.<pid>.tmp`.
 */
const TARGET = String.raw`(?:${DIAGRAM_OR_PNG}|manifest\.json|\.lock)`;
const TEMP = new RegExp(String.raw`^(${TARGET})\.(\d+)\.([0-9a-z]+)\.([0-9a-f]{8})\.tmp$`);
const LEGACY_TEMP = new RegExp(String.raw`^(${TARGET})\.(\d+)\.tmp$`);

/** The sibling a file is written to before it is renamed over the target; it names the writing process. */
export const tempPathFor = (path: string, owner: Owner = self): string => `${path}.${owner.pid}.${owner.start}.${hostTag(owner.host)}.tmp`;

/** Who wrote a temp file, from its name: undefined for a name the tool never writes. Legacy names carry no start or host. */
export function writerOfTemp(name: string): { pid: number; start?: string; hostTag?: string } | undefined {
  const match = TEMP.exec(name);
  if (match) return { pid: Number(match[2]), start: match[3]!, hostTag: match[4]! };
  const legacy = LEGACY_TEMP.exec(name);
  return legacy ? { pid: Number(legacy[2]) } : undefined;
}

/**
 * Write to a sibling temp file, then rename over the target: a reader never sees half a file, and a
 * failed write or rename removes its temp file before the error is passed on. Only a crash between
 * the two leaves one behind; the next run finds it by its name and removes it (see debris.ts).
 */
export async function writeAtomic(path: string, contents: string | Uint8Array): Promise<void> {
  const temp = tempPathFor(path);
  try {
    await writeFile(temp, contents, { flag: 'wx' });
    await rename(temp, path);
  } catch (error) {
    // If even this fails the temp file is debris, which the next run removes; the first error is the news.
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}
