/**
 * The part of `npm run diagrams` that loads the definitions and the pipeline (tfjs, elkjs, svgdom):
 * imported only when the quick check (freshness.ts) could not prove everything fresh, or when
 * --force or --png ask for work.
 */
import { readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { discoverRegistry } from '../architecture/discover.ts';
import type { AnyArchitecture, View } from '../architecture/types.ts';
import { MAX_TRACE_SIZE, sizeTotal } from '../graph/trace.ts';
import type { CellGraph } from '../graph/types.ts';
import { generateSvg, isCellGraphView, traceArchitecture } from '../pipeline.ts';
import { contentFingerprint, diagramFingerprint, pipelineDigest } from './fingerprint.ts';
import type { HeldLock } from './lock.ts';
import { formatManifest, readManifest, type Manifest, type ManifestRead } from './manifest.ts';
import { columnWidth, count, pad, type Output } from './output.ts';
import { pngFileOf, renderPngFiles } from './pngs.ts';
import { writeAtomic } from './write-atomic.ts';

export interface FullRun {
  readonly root: string;
  readonly ids: readonly string[];
  readonly manifest: ManifestRead;
  readonly out: Output;
}

interface Job {
  readonly architecture: AnyArchitecture;
  readonly view: View;
  readonly file: string;
  readonly inputs: string;
  readonly source: string;
}

export interface StaleFile {
  readonly file: string;
  readonly reason: string;
}

interface Plan {
  readonly jobs: readonly Job[];
  /** Manifest entries no definition produces any more: a deleted definition, or a view it dropped. */
  readonly orphans: readonly StaleFile[];
}

const duration = (milliseconds: number) => `${Math.round(milliseconds)} ms`.padStart(8);

async function readIfExists(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    // Every file read here is one of diagrams/: name it, and what belongs there.
    const shown = join('diagrams', basename(path));
    if (code === 'EISDIR') throw new Error(`${shown} is a directory; expected a file (the diagram npm run diagrams writes there): move it away`, { cause: error });
    throw new Error(`${shown}: ${(error as Error).message}`, { cause: error });
  }
}

async function plan(run: FullRun): Promise<Plan> {
  const registry = await discoverRegistry(run.root);
  const pipeline = await pipelineDigest(run.root);
  const jobs: Job[] = [];
  const produced = new Set<string>();
  for (const id of run.ids) {
    const architecture = registry.get(id);
    const source = registry.sourceOf(id);
    const text = await readFile(join(run.root, source), 'utf8');
    for (const view of architecture.views) {
      const file = `${id}.${view}.svg`;
      produced.add(file);
      jobs.push({ architecture, view, file, source, inputs: diagramFingerprint(pipeline, text, view, architecture.views) });
    }
  }
  const selected = new Set(run.ids);
  const orphans = Object.keys(run.manifest.entries).flatMap((file) => {
    const [id = '', view] = file.split('.');
    if (!registry.has(id)) return [{ file, reason: `no definition src/zoo/${id}.ts` }];
    if (selected.has(id) && !produced.has(file)) return [{ file, reason: `${id} has no view "${view}"` }];
    return [];
  });
  return { jobs, orphans };
}

/** Starts as an SVG (or its XML declaration) and ends with </svg>: anything else was cut short or broken, not edited. */
const isCompleteSvg = (text: string): boolean => /^\s*(?:<\?xml[^>]*\?>\s*)?<svg[\s>]/.test(text) && /<\/svg>\s*$/.test(text);

/** Why a diagram must be regenerated, or undefined when it is fresh. */
function staleness(job: Job, manifest: Manifest, current: Buffer | undefined): string | undefined {
  const entry = manifest[job.file];
  if (current === undefined) return 'missing';
  if (!entry) return 'not in manifest';
  if (entry.inputs !== job.inputs) return 'inputs changed';
  if (entry.svg === contentFingerprint(current)) return undefined;
  // A checkout that turned LF into CRLF (core.autocrlf without our .gitattributes) is no hand edit.
  if (entry.svg === contentFingerprint(current.toString('utf8').replace(/\r\n/g, '\n'))) return 'line endings changed to CRLF (.gitattributes keeps diagrams LF)';
  if (!isCompleteSvg(current.toString('utf8'))) return 'truncated or malformed: not a complete SVG';
  return 'file edited by hand';
}

async function staleJobs(run: FullRun, jobs: readonly Job[], force: boolean): Promise<{ job: Job; reason: string }[]> {
  const stale: { job: Job; reason: string }[] = [];
  for (const job of jobs) {
    const reason = force ? 'forced' : staleness(job, run.manifest.entries, await readIfExists(join(run.root, 'diagrams', job.file)));
    if (reason) stale.push({ job, reason });
  }
  return stale;
}

/** --check after the quick check found something: every stale file with its reason, orphans included. */
export async function checkFull(run: FullRun): Promise<{ total: number; stale: StaleFile[] }> {
  const { jobs, orphans } = await plan(run);
  const stale = await staleJobs(run, jobs, false);
  return { total: jobs.length, stale: [...stale.map(({ job, reason }) => ({ file: job.file, reason })), ...orphans] };
}

/** Past this many cells and weights (of MAX_TRACE_SIZE), a build and trace takes seconds: the run says so first. */
export const ANNOUNCED_SIZE = 100_000;

/**
 * The line said before building a network that will take a while, from its definition's `size`
 * (none without one, or past the bound): what is being built, and how large it is against the bound.
 */
function buildingLine(architecture: AnyArchitecture): string | undefined {
  if (typeof architecture.size !== 'function') return undefined;
  let total: number;
  try {
    total = sizeTotal(architecture.size(architecture.configs.diagram)).total;
  } catch {
    return undefined; // the checked build reports it
  }
  // Past the bound the checked build refuses at once: nothing to announce.
  if (total < ANNOUNCED_SIZE || total > MAX_TRACE_SIZE) return undefined;
  const n = (x: number) => x.toLocaleString('en');
  return `  building   ${architecture.id} (configs.diagram: ${n(total)} cells and weights of the ${n(MAX_TRACE_SIZE)} a diagram traces); this can take a while`;
}

/** Generates every job in memory: if any definition is broken, the error names it and nothing is written. */
async function generateAll(jobs: readonly Job[], out: Output): Promise<{ job: Job; svg: string; milliseconds: number }[]> {
  const generated: { job: Job; svg: string; milliseconds: number }[] = [];
  const graphs = new Map<string, CellGraph>();
  for (const job of jobs) {
    const start = performance.now();
    try {
      // Only cell-graph views read the traced graph; the layers and internals views build their own.
      let graph = graphs.get(job.architecture.id);
      if (!graph && isCellGraphView(job.view)) {
        const line = buildingLine(job.architecture);
        if (line) out.log(line);
        out.status?.(`building and tracing ${job.architecture.id} (from ${job.source})`);
        graph = traceArchitecture(job.architecture);
      }
      if (graph) graphs.set(job.architecture.id, graph);
      out.status?.(`laying out and drawing ${job.file}`);
      generated.push({ job, svg: await generateSvg(job.architecture, job.view, graph), milliseconds: performance.now() - start });
    } catch (error) {
      throw new Error(`${job.file} (from ${job.source}): ${(error as Error).message}\nNothing was written.`, { cause: error });
    }
  }
  return generated;
}

/**
 * Regenerates what is stale (everything with `force`), writes PNGs with `png`, removes orphaned
 * diagrams, and rewrites the manifest. Everything is rendered in memory first; the lock is checked
 * right before the first write.
 */
export async function writeFull(run: FullRun & { readonly force: boolean; readonly png: boolean; readonly lock: HeldLock; readonly started: number }): Promise<number> {
  const outDir = join(run.root, 'diagrams');
  const { jobs, orphans } = await plan(run);
  const width = columnWidth([...jobs.map((j) => j.file), ...orphans.map((o) => o.file)]);
  const stale = await staleJobs(run, jobs, run.force);
  const staleFiles = new Set(stale.map((s) => s.job.file));
  for (const job of jobs) if (!staleFiles.has(job.file)) run.out.log(`  fresh      ${job.file}`);

  const generated = await generateAll(stale.map((s) => s.job), run.out);
  // PNGs of every selected diagram, fresh ones included: rendered before anything is written.
  const justGenerated = new Map(generated.map(({ job, svg }) => [job.file, svg]));
  const svgOf = async (file: string) => justGenerated.get(file) ?? (await readFile(join(outDir, file), 'utf8'));
  const pngs = run.png ? await renderPngFiles(jobs.map((j) => j.file), svgOf) : [];

  run.lock.assertHeld();
  const next: Manifest = { ...run.manifest.entries };
  for (const { job, svg, milliseconds } of generated) {
    const path = join(outDir, job.file);
    const unchanged = (await readIfExists(path))?.equals(Buffer.from(svg)) ?? false;
    if (!unchanged) await writeAtomic(path, svg);
    next[job.file] = { inputs: job.inputs, svg: contentFingerprint(svg) };
    run.out.log(`  ${unchanged ? 'unchanged ' : 'written   '} ${pad(job.file, width)}${duration(milliseconds)}`);
  }
  for (const { file, reason } of orphans) {
    await rm(join(outDir, file), { force: true });
    await rm(join(outDir, pngFileOf(file)), { force: true });
    delete next[file];
    run.out.log(`  removed    ${pad(file, width)}(${reason})`);
  }
  // Re-read under the lock just before writing, and apply only this run's changes to what is there:
  // entries written since this run read the manifest are kept, never overwritten with what it read.
  const manifestPath = join(outDir, 'manifest.json');
  const latest = await readManifest(manifestPath);
  const merged: Manifest = { ...(latest.problem === undefined ? latest.entries : run.manifest.entries) };
  for (const { job } of generated) merged[job.file] = next[job.file]!;
  for (const { file } of orphans) delete merged[file];
  const text = formatManifest(merged);
  run.lock.assertHeld();
  if (latest.problem !== undefined || text !== formatManifest(latest.entries)) await writeAtomic(manifestPath, text);
  // PNGs are not in the manifest: they are outputs of the SVGs, never inputs to freshness.
  for (const { file, png, milliseconds } of pngs) {
    const path = join(outDir, file);
    const unchanged = (await readIfExists(path))?.equals(png) ?? false;
    if (!unchanged) await writeAtomic(path, png);
    run.out.log(`  ${unchanged ? 'unchanged ' : 'written   '} ${pad(file, width)}${duration(milliseconds)}`);
  }
  const pngSummary = run.png ? `, ${count(pngs.length, 'PNG')}` : '';
  run.out.log(
    `${count(jobs.length, 'diagram')}: ${generated.length} regenerated, ${jobs.length - generated.length} fresh${pngSummary} (${Math.round(performance.now() - run.started)} ms)`,
  );
  return 0;
}
