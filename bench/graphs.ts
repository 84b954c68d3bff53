import type { Registry } from '../src/architecture/registry';
import type { AnyArchitecture, ArchitectureDefinition, View } from '../src/architecture/types';
import echoStateNetwork from '../src/zoo/echo-state-network';
import feedForward from '../src/zoo/feed-forward';

/** One diagram to time: a definition (at its diagram size, or a bigger one) and a view. */
export interface BenchGraph {
  readonly name: string;
  readonly architecture: AnyArchitecture;
  readonly view: View;
  /** False for the committed diagrams, true for the bigger sizes built only for the bench. */
  readonly scaled: boolean;
}

/** The same definition, with a bigger config where the pipeline reads the diagram's size. */
function withDiagramConfig<Config>(definition: ArchitectureDefinition<Config>, config: Config): ArchitectureDefinition<Config> {
  return { ...definition, configs: { ...definition.configs, diagram: config } };
}

function scaled<Config>(definition: ArchitectureDefinition<Config>, size: string, config: Config): BenchGraph[] {
  const architecture = withDiagramConfig(definition, config);
  return definition.views.map((view) => ({ name: `${definition.id}.${view} (${size})`, architecture, view, scaled: true }));
}

const ESN_UNITS = [50, 100, 200, 300] as const;

/**
 * Every committed diagram, then the scaled set, small to large: echo-state networks of growing
 * reservoirs (both views) and two feed-forward networks (one wide, one deep and wide).
 */
export function benchGraphs(registry: Registry): BenchGraph[] {
  const committed = registry.architectures.flatMap((architecture) =>
    // The internals view draws an op graph, not cells: Graphviz has no DOT of it to compare against.
    architecture.views.filter((view) => view !== 'internals').map((view) => ({ name: `${architecture.id}.${view}`, architecture, view, scaled: false })),
  );
  return [
    ...committed,
    ...ESN_UNITS.flatMap((units) => scaled(echoStateNetwork, `${units} units`, { ...echoStateNetwork.configs.diagram, units })),
    ...scaled(feedForward, '50-50-50', { ...feedForward.configs.diagram, inputs: 50, hidden: [50], outputs: 50 }),
    ...scaled(feedForward, '64-128-128-16', { ...feedForward.configs.diagram, inputs: 64, hidden: [128, 128], outputs: 16 }),
  ];
}

export function findGraph(graphs: readonly BenchGraph[], name: string): BenchGraph {
  const graph = graphs.find((g) => g.name === name);
  if (!graph) throw new Error(`unknown bench graph: ${JSON.stringify(name)} (known: ${graphs.map((g) => g.name).join(', ')})`);
  return graph;
}
