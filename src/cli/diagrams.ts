import { mkdir } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { parseArgs, USAGE, type DiagramsArgs } from './args.ts';
import { findDebris, removeDebris } from './debris.ts';
import { definitionIds, quickFreshness, selectIds } from './freshness.ts';
import type * as FullRunModule from './full-run.ts';
import { acquireLock } from './lock.ts';
import { readManifest, type ManifestRead } from './manifest.ts';
import { resolveOutDir } from './out-dir.ts';
import { columnWidth, consoleOutput, count, pad, type Output } from './output.ts';

/** The part that needs definitions and the pipeline: what the command calls only when it must. */
export type FullRun = Pick<typeof FullRunModule, 'checkFull' | 'writeFull' | 'writeOut'>;

/** Loads (or, in the CLI, starts a worker thread for) the full run. */
export type LoadFullRun = () => Promise<FullRun>;

const importFullRun: LoadFullRun = () => import('./full-run.ts');

/** Exit codes: CI tells "diagrams need regenerating" (1) from "the command itself failed" (2). */
export const EXIT = { ok: 0, stale: 1, error: 2 } as const;

function reportManifest(manifest: ManifestRead, out: Output, repair: string): void {
  if (manifest.problem !== undefined) out.log(`  manifest   diagrams/manifest.json: ${manifest.problem}; every diagram counts as stale (${repair})`);
}

async function check(root: string, args: DiagramsArgs, ids: readonly string[], known: readonly string[], out: Output, loadFullRun: LoadFullRun): Promise<number> {
  const outDir = join(root, 'diagrams');
  const debris = await findDebris(outDir);
  const manifest = await readManifest(join(outDir, 'manifest.json'));
  reportManifest(manifest, out, 'npm run diagrams rewrites it');
  const quick = manifest.problem === undefined ? await quickFreshness(root, ids, known, manifest.entries, args.views) : undefined;
  const { total, stale } = quick?.fresh ? { total: quick.files.length, stale: [] } : await (await loadFullRun()).checkFull({ root, ids, manifest, out, views: args.views });
  const w = columnWidth([...stale.map((s) => s.file), ...debris.map((d) => d.name)]);
  for (const { file, reason } of stale) out.log(`  stale      ${pad(file, w)}(${reason})`);
  for (const { name, reason } of debris) out.log(`  debris     ${pad(name, w)}(${reason}; npm run diagrams removes it)`);
  const problems = [stale.length > 0 ? `${stale.length} of ${count(total, 'diagram')} stale` : '', debris.length > 0 ? `${count(debris.length, 'leftover temp file')}` : ''].filter(Boolean);
  out.log(problems.length === 0 ? `${count(total, 'diagram')}, all fresh` : `${problems.join(', ')}: run npm run diagrams`);
  return problems.length === 0 ? EXIT.ok : EXIT.stale;
}

async function write(root: string, args: DiagramsArgs, ids: readonly string[], known: readonly string[], out: Output, loadFullRun: LoadFullRun): Promise<number> {
  const started = performance.now();
  const outDir = join(root, 'diagrams');
  await mkdir(outDir, { recursive: true });
  const lock = await acquireLock(outDir, (message) => out.log(message));
  try {
    const debris = await findDebris(outDir);
    lock.assertHeld();
    await removeDebris(outDir, debris);
    for (const { name, reason } of debris) out.log(`  removed    ${name} (${reason})`);
    const manifest = await readManifest(join(outDir, 'manifest.json'));
    reportManifest(manifest, out, 'this run rewrites it');
    if (!args.force && !args.png && manifest.problem === undefined) {
      const quick = await quickFreshness(root, ids, known, manifest.entries, args.views);
      if (quick.fresh) {
        for (const file of quick.files) out.log(`  fresh      ${file}`);
        out.log(`${count(quick.files.length, 'diagram')}: 0 regenerated, ${quick.files.length} fresh (${Math.round(performance.now() - started)} ms)`);
        return EXIT.ok;
      }
    }
    return await (await loadFullRun()).writeFull({ root, ids, manifest, out, views: args.views, force: args.force, png: args.png, lock, started });
  } finally {
    await lock.release();
  }
}

/** --out: everything selected, regenerated into that directory; diagrams/ is neither read nor locked. */
async function writeOut(args: DiagramsArgs, outDir: string, cwd: string, ids: readonly string[], root: string, out: Output, loadFullRun: LoadFullRun): Promise<number> {
  const started = performance.now();
  // As the reader would type it: relative below the working directory, absolute elsewhere.
  const below = relative(cwd, outDir);
  const shownDir = below === '' ? '.' : below.startsWith('..') || isAbsolute(below) ? outDir : below;
  return (await loadFullRun()).writeOut({ root, ids, out, views: args.views, outDir, shownDir, direction: args.direction, png: args.png, started });
}

/**
 * The diagrams command: returns the exit code (EXIT), throws UsageError for bad arguments and Error
 * for failures. `root` is the project folder (src/zoo is read from it, diagrams/ written to it);
 * `cwd` is what a relative --out is resolved against. When everything is fresh it loads nothing
 * beyond node:fs, node:crypto and node:os (the lock’s host name); `loadFullRun` brings in the
 * definitions and the pipeline when there is work (the CLI passes one that compiles them first).
 */
export async function runDiagrams(
  argv: readonly string[],
  root: string,
  out: Output = consoleOutput,
  loadFullRun: LoadFullRun = importFullRun,
  cwd: string = process.cwd(),
): Promise<number> {
  const args = parseArgs(argv);
  if (args.help) {
    out.log(USAGE);
    return EXIT.ok;
  }
  const known = await definitionIds(root);
  const ids = selectIds(args.ids, known);
  if (args.out !== undefined) return writeOut(args, await resolveOutDir(args.out, cwd, root), cwd, ids, root, out, loadFullRun);
  return args.check ? check(root, args, ids, known, out, loadFullRun) : write(root, args, ids, known, out, loadFullRun);
}
