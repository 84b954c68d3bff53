import { readdirSync } from 'node:fs';
import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../..', import.meta.url).pathname;

/**
 * A throwaway copy of the project (src and diagrams copied, node_modules linked) for commands that
 * write, so tests never touch the committed diagrams.
 */
export async function tempProject(): Promise<{ root: string; cleanup(): Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'runnable-zoo-'));
  await cp(join(ROOT, 'src'), join(root, 'src'), { recursive: true });
  await cp(join(ROOT, 'diagrams'), join(root, 'diagrams'), { recursive: true });
  await symlink(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  return { root, cleanup: () => rm(root, { recursive: true, force: true }) };
}

export const PROJECT_ROOT = ROOT;

/** How many diagrams are committed (the CLI's totals count them): grows with the zoo, never typed in. */
export const COMMITTED_DIAGRAMS = readdirSync(join(ROOT, 'diagrams')).filter((f) => f.endsWith('.svg')).length;

/**
 * A throwaway copy of the whole site (sources, articles, diagrams, config; node_modules linked) for
 * tests that run `astro` on a changed tree.
 */
export async function tempSite(): Promise<{ root: string; cleanup(): Promise<void> }> {
  const p = await tempProject();
  for (const entry of ['content', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json'])
    await cp(join(ROOT, entry), join(p.root, entry), { recursive: true });
  return p;
}

/** Vitest exports its own BASE_URL, MODE, NODE_ENV…, which a child `astro build` would obey. */
export const environmentOutsideVitest = (): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VITEST\w*|TEST|NODE_ENV|BASE_URL|MODE|DEV|PROD|SSR)$/.test(k)));
