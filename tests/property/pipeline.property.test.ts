import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BuildError } from '../../src/architecture/checked-build';
import { configProblems } from '../../src/architecture/config-schema';
import { registry } from '../../src/architecture/registry.vite';
import type { AnyArchitecture } from '../../src/architecture/types';
import { GraphError } from '../../src/graph/validate';
import { generateSvg, isCellGraphView, isLayersView, traceArchitecture } from '../../src/pipeline';
import { brokenConfigs, validConfigs } from './config-arbitrary';
import { executingOpGraph, expectOpGraphDrawn, internalsContractProblems } from '../support/op-metadata';
import { parseSvg } from '../support/svg-metadata';
import { expectDiagramContract } from './svg-contract';

/** Runs per architecture: each builds a network and draws its views twice (about 0.3 s a run). */
const RUNS = 12;

/**
 * Fewer runs where a config of sizes up to 5 draws hundreds of connections in each view (a memory
 * network's weightings read every memory row: 560 connections at 5 bits, units, rows and width,
 * about 7 s a run to trace and lay out twice): still a spread of configs, within the test's time.
 */
const HEAVY_RUNS: Readonly<Record<string, number>> = {
  'neural-turing-machine': 4,
  'differentiable-neural-computer': 4,
  // Every attention head reads every position in each of its sub-layers: about 4 s a run at sizes up to 5.
  transformer: 3,
};


/** JavaScript's own errors: a pipeline that throws one has a bug, whatever the config. */
const ENGINE_ERRORS = [TypeError, RangeError, ReferenceError, SyntaxError];

/** An error the pipeline is allowed to end with: ours, named, and not an engine error in disguise. */
function expectNamedError(error: unknown, id: string): void {
  expect(error instanceof BuildError || error instanceof GraphError, String(error)).toBe(true);
  expect((error as Error).message).toContain(id);
  const cause = (error as Error).cause;
  for (const engine of ENGINE_ERRORS) expect(cause instanceof engine, `caused by ${String(cause)}`).toBe(false);
}

/** A layers SVG's own contract: its layers' parameters, times the copies each stands for, add up to the root's count. */
function layersContractProblems(svg: string, id: string, view: string): string[] {
  const meta = parseSvg(svg);
  const problems: string[] = [];
  if (meta.root['data-architecture'] !== id || meta.root['data-view'] !== view) problems.push(`root says ${meta.root['data-architecture']}.${meta.root['data-view']}`);
  const repeat = new Map<string, number>();
  for (const f of meta.elements.filter((e) => e.attributes['data-frame'])) for (const l of f.attributes['data-layers']!.split(' ')) repeat.set(l, Number(f.attributes['data-repeat']));
  const layers = meta.elements.filter((e) => e.attributes['data-layer'] !== undefined);
  const sum = layers.reduce((n, l) => n + Number(l.attributes['data-params']) * (repeat.get(l.attributes['data-layer']!) ?? 1), 0);
  if (sum !== Number(meta.root['data-params'])) problems.push(`layers hold ${sum} parameters, the root says ${meta.root['data-params']}`);
  const names = new Set(layers.map((l) => l.attributes['data-layer']));
  for (const e of meta.edges) if (!names.has(e.attributes['data-from']) || !names.has(e.attributes['data-to'])) problems.push(`line ${e.attributes['data-from']} → ${e.attributes['data-to']} joins no drawn layer`);
  return problems;
}

const withDiagramConfig = (architecture: AnyArchitecture, config: unknown): AnyArchitecture => ({
  ...architecture,
  configs: { diagram: config },
});

describe.each(registry.architectures.map((a) => [a.id, a] as const))('%s, for any config', (id, architecture) => {
  it('draws every config its schema admits as well-formed SVG meeting the metadata contract, the same every time, or fails with a named error', async () => {
    let drawn = 0;
    await fc.assert(
      fc.asyncProperty(validConfigs(architecture.configSchema), async (config) => {
        const variant = withDiagramConfig(architecture, config);
        let graph;
        try {
          // A definition drawn only as layers is built by its views, not traced.
          graph = architecture.views.some(isCellGraphView) ? traceArchitecture(variant) : undefined;
          if (!graph) variant.build(config).dispose();
        } catch (error) {
          expectNamedError(error, id);
          return;
        }
        for (const view of architecture.views) {
          if (isLayersView(view)) {
            // The variant has no canonical config: its layers views draw this one.
            const svg = await generateSvg(variant, view);
            expect(await generateSvg(variant, view), 'deterministic').toBe(svg);
            expect(layersContractProblems(svg, id, view)).toEqual([]);
            continue;
          }
          const svg = await generateSvg(variant, view, graph);
          expect(await generateSvg(variant, view, traceArchitecture(variant)), 'deterministic').toBe(svg);
          if (view === 'internals') {
            const meta = parseSvg(svg);
            expect(meta.root).toMatchObject({ 'data-architecture': id, 'data-view': view, role: 'img' });
            expect(internalsContractProblems(meta)).toEqual([]);
            expectOpGraphDrawn(meta, executingOpGraph(variant));
          } else expectDiagramContract(svg, architecture, view, graph!);
        }
        drawn++;
      }),
      // The definition's own diagram config first: it must draw, so the property never passes on failures alone.
      { numRuns: HEAVY_RUNS[id] ?? RUNS, examples: [[architecture.configs.diagram]] },
    );
    // Named failures are allowed (a small sparse reservoir can come out empty), drawings are expected.
    expect(drawn).toBeGreaterThan(0);
  }, HEAVY_RUNS[id] ? 360_000 : 180_000);

  it('refuses every config with a wrong field with a BuildError naming the field, before tfjs sees it', () => {
    fc.assert(
      fc.property(brokenConfigs(architecture.configSchema), (config) => {
        const problems = configProblems(architecture.configSchema, config, 'config');
        fc.pre(problems.length > 0); // the junk happened to be valid there
        expect(() => architecture.build(config)).toThrow(BuildError);
        expect(() => architecture.build(config)).toThrow(`${id}: ${problems[0]}`);
      }),
      { numRuns: 100 },
    );
  });
});
