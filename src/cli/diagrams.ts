import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { discoverRegistry } from '../architecture/discover';
import type { Registry } from '../architecture/registry';
import type { AnyArchitecture, View } from '../architecture/types';
import type { CellGraph } from '../graph/types';
import { generateSvg, traceArchitecture } from '../pipeline';
import { parseArgs, USAGE, UsageError } from './args';
import { diagramFingerprint, pipelineDigest, sha256 } from './fingerprint';
import { formatManifest, readManifest, type Manifest } from './manifest';
import { renderPngFiles } from './pngs';
import { writeAtomic } from './write-atomic';

interface Job {
  readonly architecture: AnyArchitecture;
  readonly view: View;
  readonly file: string;
  readonly inputs: string;
}

const duration = (milliseconds: number) => `${Math.round(milliseconds)} ms`.padStart(8);
const ms = (start: number) => duration(performance.now() - start);
const pad = (text: string, width: number) => text.padEnd(width);

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

async function holdsBytes(path: string, bytes: Uint8Array): Promise<boolean> {
  try {
    return (await readFile(path)).equals(bytes);
  } catch {
    return false;
  }
}

/** Why a diagram must be regenerated, or undefined when it is fresh. */
function staleness(job: Job, manifest: Manifest, current: string | undefined): string | undefined {
  const entry = manifest[job.file];
  if (current === undefined) return 'missing';
  if (!entry) return 'not in manifest';
  if (entry.inputs !== job.inputs) return 'inputs changed';
  if (entry.svg !== sha256(current).slice(0, 16)) return 'file edited by hand';
  return undefined;
}

export interface Output {
  log(line: string): void;
}

async function planJobs(root: string, registry: Registry, selected: readonly AnyArchitecture[]): Promise<Job[]> {
  const pipeline = await pipelineDigest(root);
  const jobs: Job[] = [];
  for (const architecture of selected) {
    const source = await readFile(join(root, registry.sourceOf(architecture.id)), 'utf8');
    for (const view of architecture.views)
      jobs.push({ architecture, view, file: `${architecture.id}.${view}.svg`, inputs: diagramFingerprint(pipeline, source, view) });
  }
  return jobs;
}

/** Generates every job in memory: if any definition is broken, the error names it and nothing is written. */
async function generateAll(jobs: readonly Job[], registry: Registry): Promise<{ job: Job; svg: string; took: string }[]> {
  const generated: { job: Job; svg: string; took: string }[] = [];
  const graphs = new Map<string, CellGraph>();
  for (const job of jobs) {
    const start = performance.now();
    try {
      const graph = graphs.get(job.architecture.id) ?? traceArchitecture(job.architecture);
      graphs.set(job.architecture.id, graph);
      generated.push({ job, svg: await generateSvg(job.architecture, job.view, graph), took: ms(start) });
    } catch (error) {
      throw new Error(`${job.file} (from ${registry.sourceOf(job.architecture.id)}): ${(error as Error).message}\nNothing was written.`, { cause: error });
    }
  }
  return generated;
}

/**
 * The diagrams command: returns the exit code, throws UsageError for bad arguments. `root` is the
 * project folder (src/zoo is read from it, diagrams/ written to it).
 */
export async function runDiagrams(argv: readonly string[], root: string, out: Output = { log: (l) => console.log(l) }): Promise<number> {
  const args = parseArgs(argv);
  if (args.help) {
    out.log(USAGE);
    return 0;
  }
  const registry = await discoverRegistry(root);
  const unknown = args.ids.filter((id) => !registry.has(id));
  if (unknown.length > 0)
    throw new UsageError(`unknown architecture${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')} (known: ${registry.architectures.map((a) => a.id).join(', ')})`);
  const selected = args.ids.length > 0 ? args.ids.map((id) => registry.get(id)) : registry.architectures;

  const outDir = join(root, 'diagrams');
  const manifestPath = join(outDir, 'manifest.json');
  const manifest = await readManifest(manifestPath);
  const jobs = await planJobs(root, registry, selected);
  const width = Math.max(...jobs.map((j) => j.file.length)) + 2;
  const started = performance.now();
  const stale: { job: Job; reason: string }[] = [];
  for (const job of jobs) {
    const start = performance.now();
    const reason = args.force ? 'forced' : staleness(job, manifest, await readIfExists(join(outDir, job.file)));
    if (reason) stale.push({ job, reason });
    else out.log(`  fresh      ${pad(job.file, width)}${ms(start)}`);
  }

  if (args.check) {
    for (const { job, reason } of stale) out.log(`  stale      ${pad(job.file, width)} (${reason})`);
    out.log(stale.length === 0 ? `${jobs.length} diagrams, all fresh` : `${stale.length} of ${jobs.length} diagrams stale: run npm run diagrams`);
    return stale.length === 0 ? 0 : 1;
  }

  const generated = await generateAll(stale.map((s) => s.job), registry);
  // PNGs of every selected diagram, fresh ones included: rendered before anything is written.
  const justGenerated = new Map(generated.map(({ job, svg }) => [job.file, svg]));
  const svgOf = async (file: string) => justGenerated.get(file) ?? (await readFile(join(outDir, file), 'utf8'));
  const pngs = args.png ? await renderPngFiles(jobs.map((j) => j.file), svgOf) : [];
  await mkdir(outDir, { recursive: true });
  const next: Manifest = { ...manifest };
  for (const { job, svg, took } of generated) {
    const path = join(outDir, job.file);
    const unchanged = (await readIfExists(path)) === svg;
    if (!unchanged) await writeAtomic(path, svg);
    next[job.file] = { inputs: job.inputs, svg: sha256(svg).slice(0, 16) };
    out.log(`  ${unchanged ? 'unchanged ' : 'written   '} ${pad(job.file, width)}${took}`);
  }
  if (formatManifest(next) !== formatManifest(manifest)) await writeAtomic(manifestPath, formatManifest(next));
  // PNGs are not in the manifest: they are outputs of the SVGs, never inputs to freshness.
  for (const { file, png, milliseconds } of pngs) {
    const path = join(outDir, file);
    const unchanged = await holdsBytes(path, png);
    if (!unchanged) await writeAtomic(path, png);
    out.log(`  ${unchanged ? 'unchanged ' : 'written   '} ${pad(file, width)}${duration(milliseconds)}`);
  }
  const pngSummary = args.png ? `, ${pngs.length} PNGs` : '';
  out.log(
    `${jobs.length} diagrams: ${generated.length} regenerated, ${jobs.length - generated.length} fresh${pngSummary} (${Math.round(performance.now() - started)} ms)`,
  );
  return 0;
}
