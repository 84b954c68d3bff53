/**
 * Child process: times our pipeline on one bench graph, exactly as the CLI runs it (src/pipeline.ts:
 * trace, view, layout, render), and writes the drawn graph as DOT for Graphviz.
 * Run by the bench; by hand: tsx bench/pipeline-child.ts --graph "perceptron.cells" --dot /tmp/p.dot
 */
import * as tf from '@tensorflow/tfjs';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { discoverRegistry } from '../src/architecture/discover';
import type { AnyArchitecture, View } from '../src/architecture/types';
import { diagramToDot, type DrawnDiagram } from '../src/export/dot';
import { layersToDot } from '../src/export/layers-dot';
import { readLayerGraph } from '../src/graph/layer-graph';
import { layoutLayers } from '../src/layout/layers-layout';
import type { PositionedDiagram } from '../src/layout/types';
import { layoutDiagram } from '../src/layout/layout';
import { diagramSpec, isLayersView, traceArchitecture } from '../src/pipeline';
import { renderLayersSvg } from '../src/render/layers-render';
import { renderSvg } from '../src/render/render';
import { layersConfig, layersSpec } from '../src/views/layers';
import type { LayersDiagramSpec } from '../src/views/layers';
import type { DiagramSpec } from '../src/views/types';
import { BENCH_ROOT } from './paths';
import { benchGraphs, findGraph } from './graphs';
import { emit, type DrawnSource, type Run } from './protocol';
import { countedRuns, runPlanFrom } from './run-loop';

tf.env().set('PROD', true);

const { values } = parseArgs({
  options: { graph: { type: 'string' }, dot: { type: 'string' }, runs: { type: 'string' }, budget: { type: 'string' }, 'export-only': { type: 'boolean' } },
});
if (!values.graph || !values.dot) throw new Error('usage: pipeline-child.ts --graph NAME --dot FILE [--runs N] [--budget MS] [--export-only]');
const dotFile = values.dot;

interface Hooks {
  afterView?(spec: DiagramSpec): void;
  /** A layers view: what it draws, the same before and after layout. */
  afterLayers?(spec: LayersDiagramSpec): void;
  afterLayout?(positioned: PositionedDiagram): void;
}

/** One pass through the pipeline; each stage announced before it starts, so a hang is named. */
async function timedPipeline(architecture: AnyArchitecture, view: View, hooks: Hooks = {}): Promise<Run> {
  const wall: Record<string, number> = {};
  const cpu: Record<string, number> = {};
  const timed = async <T>(stage: string, work: () => T | Promise<T>): Promise<T> => {
    emit({ kind: 'stage', stage, done: { ...wall } });
    const start = performance.now();
    const startCpu = process.cpuUsage();
    const result = await work();
    wall[stage] = performance.now() - start;
    const used = process.cpuUsage(startCpu);
    cpu[stage] = (used.user + used.system) / 1000;
    return result;
  };
  if (isLayersView(view)) {
    // A layers view reads the built model's layers instead of tracing cells: build and read is its "trace".
    const layers = await timed('trace', () => {
      const model = architecture.build(layersConfig(architecture).config);
      const read = readLayerGraph(model);
      model.dispose();
      return read;
    });
    const spec = await timed('view', () => layersSpec(layers, { architecture, config: layersConfig(architecture).name, expanded: view === 'layers-expanded' }));
    hooks.afterLayers?.(spec);
    const positioned = await timed('layout', () => layoutLayers(spec));
    await timed('render', () => renderLayersSvg(positioned));
    return { wall, cpu };
  }
  const graph = await timed('trace', () => traceArchitecture(architecture));
  const spec = await timed('view', () => diagramSpec(architecture, view, graph));
  hooks.afterView?.(spec);
  const positioned = await timed('layout', () => layoutDiagram(spec));
  hooks.afterLayout?.(positioned);
  await timed('render', () => renderSvg(positioned));
  return { wall, cpu };
}

function exportDrawn(diagram: DrawnDiagram, from: DrawnSource): void {
  emit({ kind: 'size', nodes: diagram.nodes.length, edges: diagram.edges.length, from });
  writeFileSync(dotFile, diagramToDot(diagram));
  emit({ kind: 'dot', from });
}

const registry = await discoverRegistry(BENCH_ROOT);
const graph = findGraph(benchGraphs(registry), values.graph);

function exportLayers(spec: LayersDiagramSpec): void {
  emit({ kind: 'size', nodes: spec.layers.length, edges: spec.edges.length, from: 'view' });
  writeFileSync(dotFile, layersToDot(spec));
  emit({ kind: 'dot', from: 'layout' });
}

if (values['export-only'] && isLayersView(graph.view)) {
  const model = graph.architecture.build(layersConfig(graph.architecture).config);
  const layers = readLayerGraph(model);
  model.dispose();
  exportLayers(layersSpec(layers, { architecture: graph.architecture, config: layersConfig(graph.architecture).name, expanded: graph.view === 'layers-expanded' }));
} else if (values['export-only']) {
  // Our layout did not finish: Graphviz gets what the view asks to draw.
  exportDrawn(diagramSpec(graph.architecture, graph.view, traceArchitecture(graph.architecture)), 'view');
} else {
  // Warm-up, not counted: module loading and JIT, on the same code paths at the committed size.
  await timedPipeline(registry.get(graph.architecture.id), graph.view);
  emit({ kind: 'ready' });
  // The first counted run also reports the size and writes the DOT, outside its timed stages.
  const firstRun: Hooks = {
    afterView: (spec) => emit({ kind: 'size', nodes: spec.nodes.length, edges: spec.edges.length, from: 'view' }),
    afterLayout: (positioned) => exportDrawn(positioned, 'layout'),
    afterLayers: exportLayers,
  };
  await countedRuns(runPlanFrom(values), (run) => timedPipeline(graph.architecture, graph.view, run === 0 ? firstRun : {}), (run) => emit({ kind: 'run', run }));
}
