import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRegistry, type Registry } from './registry';

/** Node-side discovery of src/zoo (for the CLI and benchmarks, which do not run inside Vite). */
export async function discoverRegistry(root: string): Promise<Registry> {
  const dir = join(root, 'src', 'zoo');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.ts')).sort();
  const modules = await Promise.all(
    files.map(async (file) => {
      const path = relative(root, join(dir, file)).split('\\').join('/');
      try {
        return { path, exports: (await import(pathToFileURL(join(dir, file)).href)) as Record<string, unknown> };
      } catch (error) {
        // A definition that fails on import (defineArchitecture's own check, a syntax error) is
        // reported with the file it lives in.
        // A syntax error from the CLI's compiler hooks names it already, with line and column.
        const message = (error as Error).message;
        throw new Error(message.startsWith(`${path}:`) ? message : `${path}: ${message}`, { cause: error });
      }
    }),
  );
  return createRegistry(modules);
}
