import { realpath, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { UsageError } from './args.ts';

/** A path with symlinks resolved as far as it exists (the rest, not yet created, appended as given). */
async function realish(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(await realish(parent), relative(parent, path));
  }
}

const isWithin = (path: string, dir: string): boolean => {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep));
};

/**
 * The --out directory, resolved against `cwd` and checked before any work: not diagrams/ nor inside
 * it (those files are the manifest's), and no file where it or a folder on its way should be. It may
 * not exist yet: the run creates it once everything is rendered.
 */
export async function resolveOutDir(given: string, cwd: string, root: string): Promise<string> {
  const path = resolve(cwd, given);
  if (isWithin(await realish(path), await realish(join(root, 'diagrams'))))
    throw new UsageError(`--out: expected a directory outside diagrams/ (which holds the committed diagrams and their manifest), but got ${JSON.stringify(given)}`);
  for (let p = path; ; p = dirname(p)) {
    const info = await stat(p).catch((error: NodeJS.ErrnoException) => {
      // ENOTDIR: a file on the way, which the next step up names.
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
      throw new UsageError(`--out: cannot use ${JSON.stringify(given)}: ${error.message}`);
    });
    if (info?.isDirectory()) return path;
    if (info) {
      const what = p === path ? JSON.stringify(given) : `${JSON.stringify(relative(cwd, p) || p)}, on the way to ${JSON.stringify(given)},`;
      throw new UsageError(`--out: expected a directory, but ${what} is a file`);
    }
    if (dirname(p) === p) return path;
  }
}
